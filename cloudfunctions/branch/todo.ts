import { ACTIVITY_TYPE_LABEL, LEADER_ROLES, type TodoItem } from '../../typings/domain';
import { inShanghai } from '../../typings/time';
import { checkinWindow, signupClosesAt, statusOf } from '../activity/rules';
import { keysOf, memberKey } from '../activity/view';
import type { HandlerContext } from '../common/context';
import { col, readId, type ActivityDoc, type MembershipDoc } from '../common/db';
import type { Handler } from '../common/define';
import { practiceTodo } from '../exam/todo';
import { voiceTodo } from '../voice/home';
import { serviceTodo } from '../service/todo';
import { duesTodo } from '../dues/todo';
import { recordOf } from '../study/beat';
import { assignedCards, assignmentsFor } from '../study/library';

/**
 * The home's to-do list: every open item of the caller's party work, gathered from small providers.
 * A feature with something for people to do adds a provider to PROVIDERS; the home page and the tab
 * badge need no change. Items are computed from the current state, so a done item leaves by itself.
 * The providers share what they need through one `Scope`, loaded once, and run side by side: the
 * whole list costs at most 11 database requests (bench `todo_list`): one more for each provider that has nothing to show.
 */
export interface Scope {
  openid: string;
  now: Date;
  /** The caller's active memberships. */
  memberships: MembershipDoc[];
  /** Units the caller leads (书记, 副书记, 管理员 there): their reviews are the caller's to do. */
  led: string[];
  /** Activities: those of the caller's audience from today on, and the led units' ended ones with no closed record (one query for both). */
  activities: Promise<ActivityDoc[]>;
}

export type TodoProvider = (ctx: HandlerContext, scope: Scope) => Promise<TodoItem[]>;

const DAY = 24 * 3600 * 1000;
/** How far ahead a member's meetings and sign-ups show. */
const AHEAD_MS = 7 * DAY;

const when = (d: Date | string) => inShanghai(d).format('M月D日 HH:mm');
const iso = (d: Date | string) => new Date(d).toISOString();

/** Meetings today, check-in while it is open, sign-ups to make and made: from the activities of the caller's audience. */
const meetings: TodoProvider = async (ctx, scope) => {
  const now = scope.now.getTime();
  const mine = (await scope.activities).filter(
    (a) => !a.cancelled && new Date(a.endAt).getTime() > now && new Date(a.startAt).getTime() < now + AHEAD_MS && membershipFor(a, scope),
  );
  if (mine.length === 0) return [];
  // Sign-ups and check-ins are keyed by activity and the membership the activity counts the caller by.
  const keyOf = new Map(mine.map((a) => [a._id, memberKey(a._id, membershipFor(a, scope)!._id)]));
  const open = mine.filter((a) => now >= checkinWindow(a).opensAt);
  const _ = ctx.db.command;
  const [{ data: signups }, { data: checkins }] = await Promise.all([
    col(ctx.db, 'signups')
      .where({ _id: _.in([...keyOf.values()]) })
      .limit(100)
      .get(),
    open.length
      ? col(ctx.db, 'checkins')
          .where({ _id: _.in(open.map((a) => keyOf.get(a._id)!)), checkedIn: true })
          .limit(100)
          .get()
      : Promise.resolve({ data: [] }),
  ]);
  const signedUp = new Map(signups.map((s) => [s.activityId, s]));
  const present = new Set(checkins.map((c) => c.activityId));
  const today = inShanghai(scope.now).format('YYYY-MM-DD');
  return mine.flatMap((a): TodoItem[] => {
    const link = { page: 'activityDetail' as const, query: { id: a._id } };
    const label = `${ACTIVITY_TYPE_LABEL[a.type]}「${a.title}」`;
    const s = signedUp.get(a._id);
    const live = s && s.status !== 'cancelled' && s.status !== 'rejected';
    if (present.has(a._id)) return [];
    if (now >= checkinWindow(a).opensAt) {
      // Check-in is open: whoever is expected (signed up, or in the audience of a meeting without sign-up).
      if (a.signupRequired && !live) return [];
      const started = now >= new Date(a.startAt).getTime();
      return [
        {
          id: `meeting~${a._id}`,
          kind: 'meeting',
          title: started ? `${label}正在进行` : `${label}即将开始`,
          detail: `${when(a.startAt)} · ${a.place}`,
          dueAt: iso(a.startAt),
          link,
          urgent: true,
          checkin: true,
        },
      ];
    }
    if (live) {
      const state = s.status === 'waitlisted' ? '候补中' : s.status === 'pending' ? '报名待审核' : '已报名';
      const isToday = inShanghai(a.startAt).format('YYYY-MM-DD') === today;
      return [
        {
          id: `signedUp~${a._id}`,
          kind: 'signedUp',
          title: `${isToday ? '今天' : ''}${label}`,
          detail: `${state} · ${when(a.startAt)} · ${a.place}`,
          dueAt: iso(a.startAt),
          link,
          urgent: isToday,
        },
      ];
    }
    if (a.signupRequired && statusOf(a, scope.now) === 'open') {
      const closes = signupClosesAt(a);
      return [
        {
          id: `signup~${a._id}`,
          kind: 'signup',
          title: `报名：${label}`,
          detail: `${when(new Date(closes))} 截止报名 · ${a.place}`,
          dueAt: iso(new Date(closes)),
          link,
          urgent: closes - now < DAY,
        },
      ];
    }
    if (!a.signupRequired && inShanghai(a.startAt).format('YYYY-MM-DD') === today) {
      return [
        {
          id: `meeting~${a._id}`,
          kind: 'meeting',
          title: `今天${label}`,
          detail: `${when(a.startAt)} · ${a.place}`,
          dueAt: iso(a.startAt),
          link,
          urgent: true,
        },
      ];
    }
    return [];
  });
};

/** The membership an activity counts the caller by (as the audience check does). */
function membershipFor(a: ActivityDoc, scope: Scope): MembershipDoc | undefined {
  if (a.audience.kind === 'members') {
    const invited = new Set(a.audience.memberIds);
    return scope.memberships.find((m) => invited.has(m._id));
  }
  return scope.memberships.find((m) => a.audienceOrgIds.includes(m.orgId));
}

/** Notices the caller must confirm having read (需阅知), until they do or the deadline passes. */
const mustRead: TodoProvider = async (ctx, scope) => {
  if (scope.memberships.length === 0) return [];
  const _ = ctx.db.command;
  // The rows members' lists read carry the deadline: an indexed read, however many posts there are.
  const { data: rows } = await col(ctx.db, 'post_audience')
    .where({ key: _.in(scope.memberships.map((m) => `org:${m.orgId}`)), mustReadBy: _.gt(scope.now), publishAt: _.lte(scope.now) })
    .limit(50)
    .get();
  const posts = [...new Map(rows.map((r) => [r.postId, r])).values()];
  if (posts.length === 0) return [];
  const { data: reads } = await col(ctx.db, 'post_reads')
    .where({ _id: _.in(posts.map((p) => readId(p.postId, scope.openid))), confirmedAt: _.exists(true) })
    .limit(50)
    .get();
  const confirmed = new Set(reads.map((r) => r.postId));
  return posts
    .filter((p) => !confirmed.has(p.postId))
    .map((p) => ({
      id: `mustRead~${p.postId}`,
      kind: 'mustRead',
      title: `阅知：${p.title}`,
      detail: `请在 ${when(p.mustReadBy!)} 前阅读并确认`,
      dueAt: iso(p.mustReadBy!),
      link: { page: 'postDetail', query: { id: p.postId } },
      urgent: new Date(p.mustReadBy!).getTime() - scope.now.getTime() < DAY,
    }));
};

/** The caller's own pending request to join, and for leaders the requests waiting for them: one query. */
const joinRequests: TodoProvider = async (ctx, scope) => {
  const _ = ctx.db.command;
  const where = scope.led.length
    ? _.or([
        { openid: scope.openid, status: 'pending' },
        { orgId: _.in(scope.led), status: 'pending' },
      ])
    : { openid: scope.openid, status: 'pending' };
  const { data } = await col(ctx.db, 'join_requests').where(where).orderBy('createdAt', 'asc').limit(200).get();
  const items: TodoItem[] = data
    .filter((r) => r.openid === scope.openid)
    .map((r) => ({
      id: `myJoinRequest~${r._id}`,
      kind: 'myJoinRequest',
      title: '已申请加入支部，等待书记审核',
      detail: `${when(r.createdAt)} 提交`,
      dueAt: null,
      link: { page: 'join', query: {} },
      urgent: false,
    }));
  return [
    ...items,
    ...perUnit(
      data.filter((r) => scope.led.includes(r.orgId)),
      'reviewJoins',
      '条入支部申请待审核',
      'approvals',
    ),
  ];
};

/** One item per led unit with `rows` waiting: "3 条入支部申请待审核". */
function perUnit<R extends { orgId: string; createdAt: Date }>(
  rows: R[],
  kind: TodoItem['kind'],
  what: string,
  page: 'approvals' | 'records' | 'posts' | 'transfers',
): TodoItem[] {
  const byUnit = new Map<string, R[]>();
  for (const r of rows) byUnit.set(r.orgId, [...(byUnit.get(r.orgId) ?? []), r]);
  return [...byUnit].map(([orgId, list]) => ({
    id: `${kind}~${orgId}`,
    kind,
    title: `${list.length} ${what}`,
    detail: `最早的一条：${when(list[0]!.createdAt)}`,
    dueAt: null,
    link: { page, query: { orgId } },
    urgent: false,
  }));
}

/** Ended meetings of the led units whose record (纪实) is not closed yet. */
const recordsDue: TodoProvider = async (_ctx, scope) => {
  const due = (await scope.activities).filter((a) => scope.led.includes(a.orgId) && a.endedAt && !a.recordClosedAt && !a.cancelled);
  return perUnit(
    due.map((a) => ({ orgId: a.orgId, createdAt: a.endAt })),
    'recordsDue',
    '场活动待填写会议纪实',
    'records',
  );
};

/** Drafts 支委 submitted for the secretary's review. */
const postsToReview: TodoProvider = async (ctx, scope) => {
  if (scope.led.length === 0) return [];
  const { data } = await col(ctx.db, 'posts')
    .where({ orgId: ctx.db.command.in(scope.led), status: 'pending' })
    .limit(100)
    .get();
  return perUnit(
    data.map((p) => ({ orgId: p.orgId, createdAt: p.updatedAt })),
    'reviewPosts',
    '篇稿件待审核',
    'posts',
  );
};

/** Transfers (组织关系转接) waiting for a led unit's decision. */
const transfersToReview: TodoProvider = async (ctx, scope) => {
  if (scope.led.length === 0) return [];
  const { data } = await col(ctx.db, 'transfers')
    .where({ orgId: ctx.db.command.in(scope.led), status: ctx.db.command.in(['pending_out', 'pending_in']) })
    .limit(100)
    .get();
  return perUnit(data, 'reviewTransfers', '件组织关系转接待办理', 'transfers');
};

/** 必学 not finished, due within two weeks or overdue by up to a week: the course to open. */
const studyDue: TodoProvider = async (ctx, scope) => {
  const assignments = await assignmentsFor(ctx, scope.memberships);
  const soon = assignments.filter((a) => new Date(a.dueAt).getTime() < scope.now.getTime() + 14 * DAY);
  if (soon.length === 0) return [];
  const cards = await assignedCards(ctx, await recordOf(ctx, scope.openid), soon);
  return cards.flatMap((c): TodoItem[] => {
    if (c.state === 'done' || c.lessonsTotal === 0) return [];
    const due = Date.parse(c.dueAt);
    return [
      {
        id: `studyDue~${c.assignmentId}`,
        kind: 'studyDue',
        title: `必学「${c.title}」`,
        detail: `${c.overdue ? '已过期限' : `${when(c.dueAt)} 前完成`} · 已学 ${c.lessonsDone}/${c.lessonsTotal} 课`,
        dueAt: c.dueAt,
        link: { page: 'course', query: { id: c.courseId } },
        urgent: due - scope.now.getTime() < DAY,
      },
    ];
  });
};

/** Every provider of the to-do list: add one here. */
export const PROVIDERS: TodoProvider[] = [
  meetings,
  mustRead,
  joinRequests,
  recordsDue,
  postsToReview,
  transfersToReview,
  studyDue,
  practiceTodo,
  voiceTodo,
  serviceTodo,
  duesTodo,
];

/** Urgent first, then by when they are due (those without a time last), then as the providers gave them. */
function byPressure(a: TodoItem, b: TodoItem): number {
  const due = (i: TodoItem) => (i.dueAt ? Date.parse(i.dueAt) : Number.MAX_SAFE_INTEGER);
  return Number(b.urgent) - Number(a.urgent) || due(a) - due(b);
}

export const todo: Handler<'branch', 'todo'> = async (_input, ctx) => {
  const { openid } = ctx.caller;
  const { data: memberships } = await col(ctx.db, 'memberships').where({ openid, status: 'active' }).limit(50).get();
  const led = memberships.filter((m) => LEADER_ROLES.includes(m.role)).map((m) => m.orgId);
  const keys = keysOf(memberships);
  const activities = loadActivities(ctx, keys, led);
  const scope: Scope = { openid, now: ctx.now, memberships, led, activities };
  const lists = await Promise.all(PROVIDERS.map((p) => p(ctx, scope)));
  return { items: lists.flat().sort(byPressure) };
};

/** How far back a leader is reminded of a record not yet written; older ones stay on the 会议纪实 page. */
const RECORDS_BACK_MS = 180 * DAY;

/**
 * The activities of the caller's audience still on or starting within a week, and for a leader
 * those of the last half year too (the records still open are among them): both through the audience
 * rows' index, then the activities by id. Two requests, however many activities there are.
 */
async function loadActivities(ctx: HandlerContext, keys: string[], led: string[]): Promise<ActivityDoc[]> {
  if (keys.length === 0) return [];
  const _ = ctx.db.command;
  // An activity lasts at most 7 days: one that started up to a week ago may still be on.
  const from = new Date(ctx.now.getTime() - (led.length ? RECORDS_BACK_MS : 7 * DAY));
  const { data: rows } = await col(ctx.db, 'activity_audience')
    .where({ key: _.in(keys), startAt: _.gt(from).and(_.lt(new Date(ctx.now.getTime() + AHEAD_MS))) })
    .limit(1000)
    .get();
  const ids = [...new Set(rows.map((r) => r.activityId))];
  if (ids.length === 0) return [];
  const { data } = await col(ctx.db, 'activities')
    .where({ _id: _.in(ids) })
    .limit(1000)
    .get();
  return data;
}
