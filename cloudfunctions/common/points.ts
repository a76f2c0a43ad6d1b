import { POINT_RULES, STUDY_MINUTES_PER_POINT, type LedgerRule, type PointRule } from '../../typings/points';
import { inShanghai, SHANGHAI_OFFSET_MINUTES } from '../../typings/time';
import { activeMemberships } from './authz';
import type { BaseContext } from './context';
import { col, isDuplicate, type LedgerDoc, type MembershipDoc, type PointsMemberDoc, type RankDoc, type Transaction } from './db';
import { logs } from './logs';

/**
 * The points ledger (DESIGN.md): append-only, written only here, from events the server saw. An
 * event's key is the ledger entry's `_id`, so a retried or replayed event finds its entry and awards
 * nothing more; today's points per rule live on the member's document, read and written in the same
 * transaction as the entry, so concurrent events never pass a rule's daily cap. Each award also moves
 * the member's ranking rows (one per unit they belong to) for the current week, month and year.
 */

type Ctx = Pick<BaseContext, 'db' | 'now' | 'log'>;

type Periods = { day: string; wk: string; mk: string; yk: string };

/** The Beijing day, week (its Monday), month and year of an instant, as the ledger and the rankings key them. */
export function periodsOf(instant: Date): Periods {
  // Every award asks, and they come in bursts within one day: the last day's answer is kept (dayjs formats cost ~50 µs).
  const dayNumber = Math.floor((instant.getTime() + SHANGHAI_OFFSET_MINUTES * 60_000) / 86_400_000);
  if (lastPeriods?.dayNumber === dayNumber) return lastPeriods.periods;
  const day = inShanghai(instant);
  const periods: Periods = Object.freeze({
    day: day.format('YYYYMMDD'),
    wk: day.subtract((day.day() + 6) % 7, 'day').format('YYYY-MM-DD'),
    mk: day.format('YYYY-MM'),
    yk: day.format('YYYY'),
  });
  lastPeriods = { dayNumber, periods };
  return periods;
}

let lastPeriods: { dayNumber: number; periods: Periods } | undefined;

export const rankId = (orgId: string, openid: string) => `${orgId}~${openid}`;

export interface PointEvent {
  rule: PointRule;
  /** Unique to the event, e.g. `read:<postId>:<openid>`. */
  key: string;
  /** What earned it, as the member's history says. */
  title: string;
  /** Instead of the rule's points (每日一练 all right). */
  points?: number;
  /** The document that earned it (a graded paper), kept on the entry. */
  ref?: string;
}

export const emptyMember = (openid: string): PointsMemberDoc => ({
  _id: openid,
  total: 0,
  day: '',
  today: {},
  hidden: false,
  wk: '',
  wp: 0,
  mk: '',
  mp: 0,
  yk: '',
  yp: 0,
});

/** A member's totals rolled over to the current periods, with `points` added. */
function rolled(m: PointsMemberDoc, now: Date, points: number): PointsMemberDoc {
  const p = periodsOf(now);
  return {
    ...m,
    total: m.total + points,
    wk: p.wk,
    wp: (m.wk === p.wk ? m.wp : 0) + points,
    mk: p.mk,
    mp: (m.mk === p.mk ? m.mp : 0) + points,
    yk: p.yk,
    yp: (m.yk === p.yk ? m.yp : 0) + points,
  };
}

/** The ranking row of a member in one of their units: a copy of their period points. */
export const rankRow = (m: PointsMemberDoc, unit: Pick<MembershipDoc, '_id' | 'orgId'>): Omit<RankDoc, '_id'> => ({
  orgId: unit.orgId,
  openid: m._id,
  memberId: unit._id,
  vis: m.hidden ? 0 : 1,
  wk: m.wk,
  wp: m.wp,
  mk: m.mk,
  mp: m.mp,
  yk: m.yk,
  yp: m.yp,
});

interface Entry {
  key: string;
  rule: LedgerRule;
  title: string;
  points: number;
  /** null: not capped (a correction). */
  cap: number | null;
  by: string | null;
  orgId: string | null;
  ref: string | null;
}

/** One ledger entry, the member's totals and their ranking rows, in one transaction. Answers the points granted (null: the key was used before). */
async function write(ctx: Ctx, openid: string, e: Entry, units: MembershipDoc[]): Promise<number | null> {
  const p = periodsOf(ctx.now);
  return ctx.db
    .runTransaction(async (t: Transaction) => {
      const member = await t.collection('points_members').doc(openid).get();
      const m = member.data ?? emptyMember(openid);
      const today = m.day === p.day ? { ...m.today } : {};
      const rule = e.rule === 'adjust' ? null : e.rule;
      const used = rule ? (today[rule] ?? 0) : 0;
      const granted = e.cap === null ? e.points : Math.max(0, Math.min(e.points, e.cap - used));
      if (rule) today[rule] = used + granted;
      const entry: Omit<LedgerDoc, '_id'> = {
        openid,
        rule: e.rule,
        points: granted,
        capped: granted < e.points,
        day: p.day,
        at: ctx.now,
        title: e.title,
        by: e.by,
        orgId: e.orgId,
        ref: e.ref,
      };
      const next = rolled({ ...m, day: p.day, today }, ctx.now, granted);
      const { _id: _omit, ...stored } = next;
      // The entry is added under the event's key: a key used before fails the whole transaction, and nothing is written.
      await t.collection('points_ledger').add({ _id: e.key, ...entry });
      await Promise.all([
        t.collection('points_members').doc(openid).set(stored),
        ...(granted === 0 ? [] : units.map((u) => t.collection('points_ranks').doc(rankId(u.orgId, openid)).set(rankRow(next, u)))),
      ]);
      return granted;
    })
    .catch((err: unknown) => {
      if (isDuplicate(err)) return null;
      throw err;
    });
}

const isConflict = (e: unknown) => (e as { code?: unknown })?.code === 'DATABASE_TRANSACTION_CONFLICT';

/** Writes an entry, trying again (after a short random pause) while other awards of the same member hold its documents. */
async function writeWithRetries(ctx: Ctx, openid: string, e: Entry, known?: MembershipDoc[]): Promise<number | null> {
  // The member's units: their points rank in each.
  const units = known ?? (await activeMemberships(ctx.db, openid));
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await write(ctx, openid, e, units);
    } catch (err) {
      if (!isConflict(err) || attempt >= 8) throw err;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (attempt + 1)));
    }
  }
}

/**
 * Awards a rule's points for an event, once per key, within the rule's daily cap. Never fails the
 * action that caused it: a failure is logged, and the event can be awarded again by its key.
 * Answers the points granted (0 when capped, already awarded or failed). `memberships`: the member's
 * active memberships when the action has just read them (its permission check), so they are not read twice.
 */
export async function award(ctx: Ctx, openid: string, event: PointEvent, memberships?: MembershipDoc[]): Promise<number> {
  const rule = POINT_RULES[event.rule];
  try {
    const granted = await writeWithRetries(
      ctx,
      openid,
      {
        key: event.key,
        rule: event.rule,
        title: event.title.slice(0, 60),
        points: event.points ?? rule.points,
        cap: rule.dailyCap,
        by: null,
        orgId: null,
        ref: event.ref ?? null,
      },
      memberships,
    );
    return granted ?? 0;
  } catch (e) {
    logs.failed(ctx.log, 'points', `award:${event.rule}`, e);
    return 0;
  }
}

/** A leader's correction (positive or negative), with its reason: always written, never capped. */
export async function correct(ctx: Ctx, openid: string, c: { key: string; points: number; reason: string; by: string; orgId: string }) {
  const granted = await writeWithRetries(ctx, openid, {
    key: c.key,
    rule: 'adjust',
    title: c.reason,
    points: c.points,
    cap: null,
    by: c.by,
    orgId: c.orgId,
    ref: null,
  });
  return granted ?? 0;
}

/** Every event that earns points, with its key: the one list of what the ledger can hold. */
export const EVENT_KEYS = {
  read: (postId: string, openid: string) => `read:${postId}:${openid}`,
  /** The n-th STUDY_MINUTES_PER_POINT of credited study on a Beijing day. */
  study: (openid: string, day: string, n: number) => `study:${openid}:${day}:${n}`,
  lesson: (lessonId: string, openid: string) => `lesson:${lessonId}:${openid}`,
  daily: (openid: string, day: string) => `daily:${openid}:${day}`,
  exam: (paperId: string, openid: string) => `exam:${paperId}:${openid}`,
  meeting: (activityId: string, openid: string) => `meeting:${activityId}:${openid}`,
  /** Taking part, never what was answered or chosen: the ledger knows only that the member took part, as the participation record does. */
  survey: (surveyId: string, openid: string) => `survey:${surveyId}:${openid}`,
  vote: (voteId: string, openid: string) => `vote:${voteId}:${openid}`,
  /** A volunteer's slot, once its hours are confirmed (a later correction of the hours awards nothing more). */
  service: (signupId: string) => `service:${signupId}`,
  /** A wish fulfilled and confirmed, for its claimer. */
  wish: (wishId: string) => `wish:${wishId}`,
  /** A check-in a leader took back: its points are taken back, once. */
  meetingUndone: (activityId: string, openid: string) => `meeting-undone:${activityId}:${openid}`,
} as const;

/** Credited study that crossed one or more STUDY_MINUTES_PER_POINT marks of the day: a point for each. */
export async function awardStudy(ctx: Ctx, openid: string, secondsBefore: number, secondsAfter: number): Promise<number> {
  const per = STUDY_MINUTES_PER_POINT * 60;
  const { day } = periodsOf(ctx.now);
  let granted = 0;
  for (let n = Math.floor(secondsBefore / per) + 1; n <= Math.floor(secondsAfter / per); n += 1) {
    granted += await award(ctx, openid, {
      rule: 'study',
      key: EVENT_KEYS.study(openid, day, n),
      title: `学习满 ${n * STUDY_MINUTES_PER_POINT} 分钟`,
    });
  }
  return granted;
}

/** A leader took a check-in back: what it earned is taken back by a correction entry (the ledger is never edited). */
export async function revokeMeeting(ctx: Ctx, openid: string, activityId: string, title: string): Promise<void> {
  const earned = (await col(ctx.db, 'points_ledger').doc(EVENT_KEYS.meeting(activityId, openid)).get()).data[0];
  if (!earned || earned.points <= 0) return;
  try {
    await writeWithRetries(ctx, openid, {
      key: EVENT_KEYS.meetingUndone(activityId, openid),
      rule: 'adjust',
      title: `取消签到「${title}」`.slice(0, 60),
      points: -earned.points,
      cap: null,
      by: null,
      orgId: null,
      ref: null,
    });
  } catch (e) {
    logs.failed(ctx.log, 'points', 'revoke:meeting', e);
  }
}
