import { DRAFTER_ROLES, type TodoItem } from '../../typings/domain';
import { inShanghai } from '../../typings/time';
import { APPRAISAL_STEP_LABEL, type AppraisalStep, type VoiceHome } from '../../typings/voice';
import { keysOf } from '../activity/view';
import type { TodoProvider } from '../branch/todo';
import { activeMemberships } from '../common/authz';
import type { HandlerContext } from '../common/context';
import { col, type AppraisalDoc, type MembershipDoc, type VoiceAudienceDoc } from '../common/db';
import type { Handler } from '../common/define';
import { orgNames } from '../org/view';
import { raterId } from './appraisals';
import { writtenBy } from './letters';
import { stateOf } from './audience';
import { takerId } from './surveys';
import { topicCard } from './topics';
import { voterId } from './votes';

const DAY = 24 * 3600 * 1000;
/** How long a closed survey, vote or topic stays on 心声 (a vote's results are read after it closes). */
const RECENT_MS = 30 * DAY;
const FAR = new Date('9000-01-01T00:00:00.000Z');

/**
 * The surveys, votes and topics of the caller's audience closing after `since`, one per id, and which
 * surveys and votes the caller has taken part in: two rounds of requests, however many there are.
 */
async function mineOpen(ctx: Pick<HandlerContext, 'db'>, openid: string, memberships: MembershipDoc[], since: Date) {
  if (!memberships.length) return { rows: [] as VoiceAudienceDoc[], done: new Set<string>() };
  const _ = ctx.db.command;
  const { data } = await col(ctx.db, 'voice_audience')
    .where({ key: _.in(keysOf(memberships)), closeAt: _.gt(since) })
    .limit(200)
    .get();
  const rows = [...new Map(data.map((r) => [r.refId, r])).values()];
  const surveys = rows.filter((r) => r.kind === 'survey').map((r) => takerId(r.refId, openid));
  const votes = rows.filter((r) => r.kind === 'vote').map((r) => voterId(r.refId, openid));
  const [taken, voted] = await Promise.all([
    surveys.length
      ? col(ctx.db, 'survey_takers')
          .where({ _id: _.in(surveys) })
          .field({ surveyId: true })
          .limit(200)
          .get()
      : { data: [] },
    votes.length
      ? col(ctx.db, 'vote_voters')
          .where({ _id: _.in(votes) })
          .field({ voteId: true })
          .limit(200)
          .get()
      : { data: [] },
  ]);
  return { rows, done: new Set([...taken.data.map((t) => t.surveyId), ...voted.data.map((v) => v.voteId)]) };
}

/** The appraisals of the caller's units at one of `steps`: one request. */
async function appraisalsFor(ctx: Pick<HandlerContext, 'db'>, memberships: MembershipDoc[], steps: readonly AppraisalStep[]) {
  if (!memberships.length) return [];
  const _ = ctx.db.command;
  const { data } = await col(ctx.db, 'appraisals')
    .where({ orgId: _.in([...new Set(memberships.map((m) => m.orgId))]), step: _.in([...steps]) })
    .limit(20)
    .get();
  return data;
}

/** Where the caller reads the unit's letters (its secretary or 支委), and how many wait there: one request, none for members. */
async function lettersWaiting(ctx: Pick<HandlerContext, 'db'>, memberships: MembershipDoc[]) {
  const units = [...new Set(memberships.filter((m) => DRAFTER_ROLES.includes(m.role)).map((m) => m.orgId))];
  if (!units.length) return null;
  const { total } = await col(ctx.db, 'letters')
    .where({ orgId: ctx.db.command.in(units), stage: 0 })
    .count();
  return { units, total };
}

const stateOfRow = (r: VoiceAudienceDoc, now: Date) =>
  stateOf({ openAt: r.openAt, closeAt: r.closeAt.getTime() > FAR.getTime() ? null : r.closeAt, cancelledAt: null }, now);
const closeIso = (r: VoiceAudienceDoc) => (new Date(r.closeAt).getTime() > FAR.getTime() ? null : new Date(r.closeAt).toISOString());

export const home: Handler<'voice', 'home'> = async (_input, ctx) => {
  const { openid } = ctx.caller;
  const memberships = await activeMemberships(ctx.db, openid);
  const _ = ctx.db.command;
  const [names, { rows, done }, unread, waiting, appraisals] = await Promise.all([
    orgNames(
      ctx.db,
      memberships.map((m) => m.orgId),
    ),
    mineOpen(ctx, openid, memberships, new Date(ctx.now.getTime() - RECENT_MS)),
    col(ctx.db, 'letters')
      .where(_.and([{ unread: true }, writtenBy(ctx, openid)]))
      .count(),
    lettersWaiting(ctx, memberships),
    appraisalsFor(ctx, memberships, ['study', 'self', 'peer', 'decide', 'publicize']),
  ]);
  const topicIds = rows.filter((r) => r.kind === 'topic').map((r) => r.refId);
  const { data: topics } = topicIds.length
    ? await col(ctx.db, 'topics')
        .where({ _id: _.in(topicIds) })
        .limit(100)
        .get()
    : { data: [] };
  const topicUnits = await orgNames(
    ctx.db,
    topics.map((t) => t.orgId),
  );
  const byClose = (a: VoiceAudienceDoc, b: VoiceAudienceDoc) => new Date(a.closeAt).getTime() - new Date(b.closeAt).getTime();
  const open = (r: VoiceAudienceDoc) => stateOfRow(r, ctx.now) !== 'closed';
  return {
    units: [...new Set(memberships.map((m) => m.orgId))].map((orgId) => ({ orgId, name: names.get(orgId) ?? '' })),
    surveys: rows
      .filter((r) => r.kind === 'survey')
      .sort((a, b) => Number(open(b)) - Number(open(a)) || byClose(a, b))
      .map((r) => ({
        id: r.refId,
        title: r.title,
        closeAt: closeIso(r),
        answered: done.has(r.refId),
        anonymous: r.anonymous,
        state: stateOfRow(r, ctx.now),
      })),
    votes: rows
      .filter((r) => r.kind === 'vote')
      .sort((a, b) => Number(open(b)) - Number(open(a)) || byClose(a, b))
      .map((r) => ({ id: r.refId, title: r.title, closeAt: closeIso(r)!, voted: done.has(r.refId), state: stateOfRow(r, ctx.now) })),
    // Open topics first, newest first.
    topics: topics
      .sort(
        (a, b) =>
          Number(Boolean(a.closedAt)) - Number(Boolean(b.closedAt)) || new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime(),
      )
      .map((t) => topicCard(t, topicUnits.get(t.orgId) ?? '')),
    appraisals: appraisals.map((a) => ({ id: a._id, title: a.title, step: a.step })),
    unreadReplies: unread.total,
    lettersWaiting: waiting ? waiting.total : null,
  } satisfies VoiceHome;
};

const when = (d: Date | string) => inShanghai(d).format('M月D日 HH:mm');

/** 民主评议: what the step asks of the caller, while it does (learning, then their self-assessment, then rating the others). */
async function appraisalItems(ctx: Pick<HandlerContext, 'db'>, openid: string, appraisals: AppraisalDoc[]): Promise<TodoItem[]> {
  if (appraisals.length === 0) return [];
  const _ = ctx.db.command;
  const ids = appraisals.map((a) => a._id);
  const [{ data: mine }, { data: rated }] = await Promise.all([
    col(ctx.db, 'appraisal_members')
      .where({ appraisalId: _.in(ids), openid })
      .field({ appraisalId: true, self: true })
      .limit(20)
      .get(),
    col(ctx.db, 'appraisal_raters')
      .where({ _id: _.in(ids.map((id) => raterId(id, openid))) })
      .field({ appraisalId: true })
      .limit(20)
      .get(),
  ]);
  return appraisals.flatMap((a): TodoItem[] => {
    const me = mine.find((m) => m.appraisalId === a._id);
    if (!me) return [];
    const item = (detail: string): TodoItem => ({
      id: `appraisal~${a._id}~${a.step}`,
      kind: 'appraisal',
      title: `${a.title}：${APPRAISAL_STEP_LABEL[a.step]}`,
      detail,
      dueAt: null,
      link: { page: 'appraisal', query: { id: a._id } },
      urgent: false,
    });
    if (a.step === 'study') return [item('学习评议要求，准备个人自评')];
    if (a.step === 'self' && !me.self) return [item('请写个人自评')];
    if (a.step === 'peer' && !rated.some((r) => r.appraisalId === a._id)) return [item('请对支部其他党员作出评价（匿名）')];
    return [];
  });
}

/**
 * The to-do list's 心声: surveys and votes open for the caller and not yet taken part in, the steps of
 * their branch's 民主评议 that ask something of them, and for a unit's secretary and 支委 the letters
 * waiting there. At most six requests, in two rounds.
 */
export const voiceTodo: TodoProvider = async (ctx, scope) => {
  const [{ rows, done }, waiting, appraisals] = await Promise.all([
    mineOpen(ctx, scope.openid, scope.memberships, scope.now),
    lettersWaiting(ctx, scope.memberships),
    appraisalsFor(ctx, scope.memberships, ['study', 'self', 'peer']),
  ]);
  const items: TodoItem[] = rows
    .filter((r): r is VoiceAudienceDoc & { kind: 'survey' | 'vote' } => r.kind !== 'topic')
    .filter((r) => stateOfRow(r, scope.now) === 'open' && !done.has(r.refId))
    .map((r) => {
      const closeAt = closeIso(r);
      return {
        id: `${r.kind}~${r.refId}`,
        kind: r.kind,
        title: r.kind === 'survey' ? `调查「${r.title}」` : `评选「${r.title}」`,
        detail: `${closeAt ? `${when(closeAt)} 截止` : '随时可填'} · ${r.kind === 'survey' ? '请填写问卷' : '请投票'}`,
        dueAt: closeAt,
        link: { page: r.kind, query: { id: r.refId } },
        urgent: closeAt !== null && Date.parse(closeAt) - scope.now.getTime() < DAY,
      };
    });
  items.push(...(await appraisalItems(ctx, scope.openid, appraisals)));
  if (waiting && waiting.total > 0) {
    items.push({
      id: 'letters',
      kind: 'letters',
      title: `书记信箱有 ${waiting.total} 封来信待处理`,
      detail: '党员的建议、意见和求助，请及时答复',
      dueAt: null,
      link: { page: 'letters', query: { orgId: waiting.units[0]! } },
      urgent: false,
    });
  }
  return items;
};
