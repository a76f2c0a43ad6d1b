import { randomBytes } from 'node:crypto';
import { ATTEMPT_KIND_LABEL, EXAM_RULES, type Answer, type AttemptView, type ExamHome, type PaperCard } from '../../typings/exam';
import { DAILY_FULL_MARKS_POINTS } from '../../typings/points';
import { keysOf } from '../activity/view';
import { activeMemberships } from '../common/authz';
import type { CallerContext, HandlerContext } from '../common/context';
import { col, isDuplicate, type AttemptDoc, type AttemptItem, type BankQuestionDoc, type MembershipDoc, type PaperDoc } from '../common/db';
import type { Handler, TimerHandler } from '../common/define';
import { AppError } from '../common/errors';
import { award, EVENT_KEYS, periodsOf } from '../common/points';
import { orgNames } from '../org/view';
import { checkAnswer, grade, gradedView, questionView, shapeOf, shuffled, toItem } from './grade';
import { bankUnits, drawByRules, poolOf } from './papers';
import { syncBook } from './wrong';

/**
 * Members' papers: drawn and stored by the server, answers saved as the member goes, graded only
 * here. An attempt is the caller's alone: anyone else's (or one that does not exist) is refused alike.
 */

type Ctx = Pick<HandlerContext, 'db' | 'now' | 'log'>;

/** An attempt with its questions as drawn (stored apart, see AttemptItemsDoc). */
export type Paper = AttemptDoc & { items: AttemptItem[] };

/** An attempt's questions, read when the paper is shown or graded. */
export async function papered(ctx: Pick<HandlerContext, 'db'>, a: AttemptDoc): Promise<Paper> {
  const doc = (await col(ctx.db, 'exam_attempt_items').doc(a._id).get()).data[0];
  return { ...a, items: doc?.items ?? [] };
}

/** The questions of many attempts, 100 at a time. */
export async function paperedMany(ctx: Pick<HandlerContext, 'db'>, attempts: AttemptDoc[]): Promise<Paper[]> {
  const byId = new Map<string, AttemptItem[]>();
  for (let i = 0; i < attempts.length; i += 100) {
    const { data } = await col(ctx.db, 'exam_attempt_items')
      .where({ _id: ctx.db.command.in(attempts.slice(i, i + 100).map((a) => a._id)) })
      .limit(100)
      .get();
    for (const d of data) byId.set(d._id, d.items);
  }
  return attempts.map((a) => ({ ...a, items: byId.get(a._id) ?? [] }));
}
const iso = (d: Date | string) => new Date(d).toISOString();
const NOT_YOURS = '试卷不存在';

/** The banks a member draws from: those of their units and of the units above them. */
async function memberBankUnits(ctx: Pick<HandlerContext, 'db'>, ms: MembershipDoc[]): Promise<string[]> {
  if (!ms.length) return [];
  const { data } = await col(ctx.db, 'orgs')
    .where({ _id: ctx.db.command.in([...new Set(ms.map((m) => m.orgId))]) })
    .limit(50)
    .get();
  return [...new Set(data.flatMap(bankUnits))];
}

/** Each question's share of its score earned in a graded paper: grading again gives what grading gave. */
export const earnedOf = (a: Pick<Paper, 'items' | 'answers'>) => grade(a.items, a.answers).earned;

/** The ledger key of the points a paper can earn (每日一练 of its day, an exam's first pass), if any. */
function pointsKey(a: AttemptDoc): string | null {
  if (a.kind === 'daily') return EVENT_KEYS.daily(a.openid, periodsOf(a.startedAt).day);
  if (a.kind === 'exam' && a.paperId) return EVENT_KEYS.exam(a.paperId, a.openid);
  return null;
}

/** The points a graded paper earned, from the ledger (the entry it made, if this paper made it). */
async function pointsEarned(ctx: Pick<HandlerContext, 'db'>, a: AttemptDoc): Promise<number> {
  const key = a.status === 'graded' ? pointsKey(a) : null;
  if (!key) return 0;
  const entry = (await col(ctx.db, 'points_ledger').doc(key).get()).data[0];
  return entry?.ref === a._id ? entry.points : 0;
}

/** What the member is shown: an open paper without answers, or a graded one with them (and the points it earned). */
export async function shown(ctx: Pick<HandlerContext, 'db' | 'now'>, a: Paper, points?: number): Promise<AttemptView> {
  return attemptView(a, ctx.now, points ?? (await pointsEarned(ctx, a)));
}

export function attemptView(a: Paper, now: Date, points = 0): AttemptView {
  const base = { id: a._id, kind: a.kind, title: a.title, paperId: a.paperId, startedAt: iso(a.startedAt) };
  if (a.status === 'open') {
    return {
      ...base,
      status: 'open',
      questions: a.items.map(questionView),
      answers: a.answers,
      deadlineAt: a.deadlineAt ? iso(a.deadlineAt) : null,
      serverNow: now.toISOString(),
    };
  }
  const earned = earnedOf(a);
  return {
    ...base,
    status: 'graded',
    questions: a.items.map((i) => gradedView(i, { answers: a.answers, earned })),
    score: a.score ?? 0,
    rightCount: a.rightCount,
    passMark: a.passMark,
    passed: a.passed,
    submittedAt: iso(a.submittedAt ?? a.startedAt),
    timedOut: a.timedOut,
    points,
  };
}

const timeIsUp = (a: Pick<AttemptDoc, 'deadlineAt'>, now: Date) =>
  a.deadlineAt !== null && now.getTime() >= new Date(a.deadlineAt).getTime();

/** The points a graded paper earns: 每日一练 done in full (more for all right), an exam passed the first time. */
async function pointsFor(ctx: Ctx, a: Paper & { score: number }): Promise<number> {
  if (a.kind === 'daily') {
    // A paper handed in blank earns nothing: points are for practising, not for opening it.
    if (a.items.some((i) => !a.answers[i.qid])) return 0;
    const day = periodsOf(a.startedAt).day;
    return award(ctx, a.openid, {
      rule: 'daily',
      key: pointsKey(a)!,
      title: `${day.slice(4, 6)}月${day.slice(6)}日每日一练 ${a.score} 分`,
      ref: a._id,
      ...(a.score === 100 ? { points: DAILY_FULL_MARKS_POINTS } : {}),
    });
  }
  if (a.kind === 'exam' && a.passed) {
    return award(ctx, a.openid, { rule: 'exam', key: pointsKey(a)!, title: `考试「${a.title}」合格`, ref: a._id });
  }
  return 0;
}

/**
 * Grades an open attempt with `answers` and marks it graded, if nobody else did first (one
 * conditional write: of any number of racing submissions and timers, one grades). The one that
 * graded it then awards the points (the 错题本 takes the paper in when it is next read). Answers the
 * attempt as it now stands.
 */
export async function finalize(
  ctx: Ctx,
  a: Paper,
  answers: Record<string, Answer>,
  timedOut: boolean,
): Promise<{ attempt: Paper; graded: boolean; points: number }> {
  const g = grade(a.items, answers);
  const passed = a.passMark === null ? null : g.score >= a.passMark;
  const change = {
    status: 'graded' as const,
    submittedAt: ctx.now,
    timedOut,
    score: g.score,
    rightCount: g.rightCount,
    passed,
  };
  // The saved answers are written again only when the submission brought new ones.
  const fresh = Object.keys(answers).some((q) => answers[q] !== a.answers[q]);
  const { updated } = await col(ctx.db, 'exam_attempts')
    .where({ _id: a._id, status: 'open' })
    .update(fresh ? { ...change, answers } : change);
  if (!updated) {
    const now = (await col(ctx.db, 'exam_attempts').doc(a._id).get()).data[0];
    if (!now) throw new AppError('NOT_FOUND', NOT_YOURS);
    return { attempt: { ...now, items: a.items }, graded: false, points: 0 };
  }
  const graded = { ...a, ...change, answers };
  return { attempt: graded, graded: true, points: await pointsFor(ctx, graded) };
}

/** The caller's attempt; another's is refused like a missing one. */
async function mine(ctx: CallerContext, attemptId: string): Promise<AttemptDoc> {
  const a = (await col(ctx.db, 'exam_attempts').doc(attemptId).get()).data[0];
  if (!a || a.openid !== ctx.caller.openid) throw new AppError('NOT_FOUND', NOT_YOURS);
  return a;
}

/** The attempt as the member should find it: graded first if its time ran out. */
async function current(ctx: CallerContext, a: Paper): Promise<Paper> {
  return a.status === 'open' && timeIsUp(a, ctx.now) ? (await finalize(ctx, a, a.answers, true)).attempt : a;
}

const newAttemptId = () => `at${randomBytes(12).toString('hex')}`;

/**
 * A new attempt: its questions first, then the attempt (so an attempt never lacks them); unless its
 * slot is taken (a second start at the same moment): then the one that was, and the copy goes.
 */
export async function create(ctx: CallerContext, paper: Omit<Paper, '_id' | 'shape'>): Promise<Paper> {
  const { items, ...rest } = paper;
  const id = newAttemptId();
  const doc: AttemptDoc = { ...rest, _id: id, shape: Object.fromEntries(items.map((i) => [i.qid, shapeOf(i)])) };
  await col(ctx.db, 'exam_attempt_items').add({ _id: id, items });
  try {
    await col(ctx.db, 'exam_attempts').add(doc);
    return { ...doc, items };
  } catch (e) {
    if (!isDuplicate(e)) throw e;
    await col(ctx.db, 'exam_attempt_items').doc(id).remove();
    const { data } = await col(ctx.db, 'exam_attempts').where({ slot: doc.slot }).limit(1).get();
    if (!data[0]) throw e;
    return papered(ctx, data[0]);
  }
}

/** A fresh attempt's grading fields. */
export const blankAttempt = (
  kind: AttemptDoc['kind'],
): Pick<AttemptDoc, 'kind' | 'answers' | 'status' | 'submittedAt' | 'timedOut' | 'score' | 'rightCount'> => ({
  kind,
  answers: {},
  status: 'open',
  submittedAt: null,
  timedOut: false,
  score: null,
  rightCount: 0,
});

/** Bank questions by id, in the order given (removed ones left out). */
export async function questionsById(ctx: Pick<HandlerContext, 'db'>, ids: string[]): Promise<BankQuestionDoc[]> {
  if (!ids.length) return [];
  const { data } = await col(ctx.db, 'bank_questions')
    .where({ _id: ctx.db.command.in(ids) })
    .limit(1000)
    .get();
  const byId = new Map(data.filter((q) => !q.removedAt).map((q) => [q._id, q]));
  return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}

const itemsFor = (slot: string, qs: BankQuestionDoc[]): AttemptItem[] => qs.map((q) => toItem(q, slot));

// ---------------------------------------------------------------- 每日一练

export const dailySlot = (openid: string, now: Date) => `daily~${openid}~${periodsOf(now).day}`;

export const daily: Handler<'exam', 'daily'> = async (_input, ctx) => {
  const { openid } = ctx.caller;
  const slot = dailySlot(openid, ctx.now);
  const { data } = await col(ctx.db, 'exam_attempts').where({ slot }).limit(1).get();
  if (data[0]) return { attempt: await shown(ctx, await current(ctx, await papered(ctx, data[0]))) };
  const units = await memberBankUnits(ctx, await activeMemberships(ctx.db, openid));
  const pool = units.length ? await poolOf(ctx, units) : [];
  if (!pool.length) return { attempt: null };
  const picked = shuffled(slot, pool).slice(0, EXAM_RULES.dailyCount);
  const items = itemsFor(
    slot,
    shuffled(
      `${slot}:order`,
      await questionsById(
        ctx,
        picked.map((q) => q._id),
      ),
    ),
  );
  const a = await create(ctx, {
    ...blankAttempt('daily'),
    slot,
    paperId: null,
    orgId: null,
    openid,
    title: ATTEMPT_KIND_LABEL.daily,
    items,
    startedAt: ctx.now,
    deadlineAt: null,
    passMark: null,
    passed: null,
  });
  return { attempt: attemptView(a, ctx.now) };
};

// ---------------------------------------------------------------- 专项测验 and 考试

/** The member's attempts at a paper, oldest first. */
async function attemptsAt(ctx: Pick<HandlerContext, 'db'>, openid: string, paperIds: string[]): Promise<AttemptDoc[]> {
  if (!paperIds.length) return [];
  const { data } = await col(ctx.db, 'exam_attempts')
    .where({ openid, paperId: ctx.db.command.in(paperIds) })
    .limit(1000)
    .get();
  return data.sort((x, y) => new Date(x.startedAt).getTime() - new Date(y.startedAt).getTime());
}

/** What a paper's card reads of the member's attempts at it. */
export type Try = Pick<AttemptDoc, '_id' | 'status' | 'deadlineAt' | 'score'>;

/** Where a paper stands for the member: whether they can start (or continue) it, and their best. */
export function cardOf(p: PaperDoc, orgName: string, tries: Try[], now: Date): PaperCard {
  const graded = tries.filter((a) => a.status === 'graded' || timeIsUp(a, now));
  const open = tries.find((a) => a.status === 'open' && !timeIsUp(a, now));
  const best = tries
    .filter((a) => a.status === 'graded')
    .reduce<Try | null>((b, a) => (!b || (a.score ?? 0) > (b.score ?? 0) ? a : b), null);
  const t = now.getTime();
  const closed = (p.closeAt && t >= new Date(p.closeAt).getTime()) || (p.attempts !== null && graded.length >= p.attempts && !open);
  return {
    id: p._id,
    kind: p.kind,
    title: p.title,
    orgName,
    questionCount: p.questionCount,
    openAt: p.openAt ? iso(p.openAt) : null,
    closeAt: p.closeAt ? iso(p.closeAt) : null,
    limitMinutes: p.limitMinutes,
    passMark: p.passMark,
    attempts: p.attempts,
    attemptsUsed: graded.length + (open ? 1 : 0),
    openAttemptId: open?._id ?? null,
    best: best ? { score: best.score ?? 0, passed: (best.score ?? 0) >= p.passMark, attemptId: best._id } : null,
    state: open ? 'open' : closed ? 'closed' : p.openAt && t < new Date(p.openAt).getTime() ? 'upcoming' : 'open',
  };
}

export const start: Handler<'exam', 'start'> = async (_input, ctx) => {
  const p = ctx.grant.doc;
  const { openid } = ctx.caller;
  if (p.cancelledAt) throw new AppError('NOT_FOUND', '试卷已撤回');
  const tries = await attemptsAt(ctx, openid, [p._id]);
  const open = tries.find((a) => a.status === 'open');
  if (open) {
    const a = await current(ctx, await papered(ctx, open));
    if (a.status === 'open') return attemptView(a, ctx.now);
  }
  const t = ctx.now.getTime();
  if (p.openAt && t < new Date(p.openAt).getTime()) throw new AppError('CLOSED', `还没有开始，${iso(p.openAt).slice(0, 10)} 开始`);
  if (p.closeAt && t >= new Date(p.closeAt).getTime()) throw new AppError('CLOSED', '已经截止');
  if (p.attempts !== null && tries.length >= p.attempts) throw new AppError('CLOSED', `可作答 ${p.attempts} 次，已经用完`);
  const slot = `${p._id}~${openid}~${tries.length + 1}`;
  const org = (await col(ctx.db, 'orgs').doc(p.orgId).get()).data[0];
  const picked =
    p.mode === 'fixed'
      ? await questionsById(ctx, p.questionIds)
      : await questionsById(
          ctx,
          drawByRules(slot, await poolOf(ctx, org ? bankUnits(org) : [p.orgId]), p.rules).map((q) => q._id),
        );
  if (!picked.length) throw new AppError('CONFLICT', '试卷的题目已被删除，请联系出题的组织');
  const limitEnds = p.limitMinutes ? t + p.limitMinutes * 60_000 : Infinity;
  const ends = Math.min(limitEnds, p.closeAt ? new Date(p.closeAt).getTime() : Infinity);
  const items = itemsFor(slot, shuffled(`${slot}:order`, picked));
  const a = await create(ctx, {
    ...blankAttempt(p.kind),
    slot,
    paperId: p._id,
    orgId: p.orgId,
    openid,
    title: p.title,
    items,
    startedAt: ctx.now,
    deadlineAt: Number.isFinite(ends) ? new Date(ends) : null,
    passMark: p.passMark,
    passed: null,
  });
  // From the first start on, the paper's questions are fixed (see savePaper).
  if (!p.startedAt) await col(ctx.db, 'exam_papers').where({ _id: p._id, startedAt: null }).update({ startedAt: ctx.now });
  return attemptView(a, ctx.now);
};

// ---------------------------------------------------------------- answering

export const attempt: Handler<'exam', 'attempt'> = async (input, ctx) =>
  shown(ctx, await current(ctx, await papered(ctx, await mine(ctx, input.attemptId))));

/** Refuses answers to a paper that is no longer open, and answers to questions that are not in it. */
function checkOpen(a: AttemptDoc, now: Date, answers: Record<string, Answer>): void {
  if (a.status !== 'open') throw new AppError('SUBMITTED');
  if (timeIsUp(a, now)) throw new AppError('TIME_UP');
  for (const [qid, answer] of Object.entries(answers)) {
    const shape = Object.prototype.hasOwnProperty.call(a.shape, qid) ? a.shape[qid] : undefined;
    if (!shape) throw new AppError('INVALID_INPUT', '题目不在本试卷中');
    checkAnswer(shape, answer);
  }
}

export const answer: Handler<'exam', 'answer'> = async (input, ctx) => {
  const a = await mine(ctx, input.attemptId);
  checkOpen(a, ctx.now, { [input.questionId]: input.answer });
  const { updated } = await col(ctx.db, 'exam_attempts')
    .where({ _id: a._id, status: 'open' })
    .update({ [`answers.${input.questionId}`]: input.answer });
  if (!updated) throw new AppError('SUBMITTED');
  return { savedAt: ctx.now.toISOString() };
};

export const submit: Handler<'exam', 'submit'> = async (input, ctx) => {
  const a = await mine(ctx, input.attemptId);
  checkOpen(a, ctx.now, input.answers);
  const { attempt: done, graded, points } = await finalize(ctx, await papered(ctx, a), { ...a.answers, ...input.answers }, false);
  // Another submission (or the timer) graded it between the read and the write: this one changed nothing.
  if (!graded) throw new AppError('SUBMITTED');
  const view = attemptView(done, ctx.now, points);
  if (view.status !== 'graded') throw new AppError('INTERNAL');
  return view;
};

export const history: Handler<'exam', 'history'> = async (_input, ctx) => {
  const { data } = await col(ctx.db, 'exam_attempts')
    .where({ openid: ctx.caller.openid, status: 'graded' })
    .orderBy('startedAt', 'desc')
    .limit(50)
    .get();
  return {
    items: data.map((a) => ({
      id: a._id,
      kind: a.kind,
      title: a.title,
      score: a.score ?? 0,
      passed: a.passed,
      at: iso(a.submittedAt ?? a.startedAt),
    })),
  };
};

// ---------------------------------------------------------------- 学习 tab

/** The open quizzes and exams of a member's audience (and those closed in the last week, to see the score). */
async function papersFor(ctx: Pick<HandlerContext, 'db' | 'now'>, ms: MembershipDoc[]): Promise<PaperDoc[]> {
  if (!ms.length) return [];
  const _ = ctx.db.command;
  const { data: rows } = await col(ctx.db, 'paper_audience')
    .where({ key: _.in(keysOf(ms)), closeAt: _.gte(new Date(ctx.now.getTime() - 7 * 24 * 3600 * 1000)) })
    .limit(200)
    .get();
  const ids = [...new Set(rows.map((r) => r.paperId))];
  if (!ids.length) return [];
  const { data } = await col(ctx.db, 'exam_papers')
    .where({ _id: _.in(ids) })
    .limit(200)
    .get();
  return data.filter((p) => !p.cancelledAt);
}

/** The member's quizzes and exams as cards: open ones first (the soonest to close first), then upcoming, then closed. */
export async function paperCards(ctx: Pick<HandlerContext, 'db' | 'now'>, openid: string, ms: MembershipDoc[]): Promise<PaperCard[]> {
  const list = await papersFor(ctx, ms);
  if (!list.length) return [];
  const [tries, names] = await Promise.all([
    attemptsAt(
      ctx,
      openid,
      list.map((p) => p._id),
    ),
    orgNames(
      ctx.db,
      list.map((p) => p.orgId),
    ),
  ]);
  const order = { open: 0, upcoming: 1, closed: 2 } as const;
  const close = (c: PaperCard) => (c.closeAt ? Date.parse(c.closeAt) : Number.MAX_SAFE_INTEGER);
  return list
    .map((p) =>
      cardOf(
        p,
        names.get(p.orgId) ?? '',
        tries.filter((a) => a.paperId === p._id),
        ctx.now,
      ),
    )
    .sort((x, y) => order[x.state] - order[y.state] || close(x) - close(y));
}

export const home: Handler<'exam', 'home'> = async (_input, ctx): Promise<ExamHome> => {
  const { openid } = ctx.caller;
  const ms = await activeMemberships(ctx.db, openid);
  const [cards, today, wrong, units] = await Promise.all([
    paperCards(ctx, openid, ms),
    col(ctx.db, 'exam_attempts')
      .where({ slot: dailySlot(openid, ctx.now) })
      .limit(1)
      .get(),
    syncBook(ctx, openid),
    memberBankUnits(ctx, ms),
  ]);
  const d = today.data[0];
  const available =
    Boolean(d) ||
    (units.length > 0 &&
      (
        await col(ctx.db, 'bank_questions')
          .where({ orgId: ctx.db.command.in(units), removedAt: null })
          .count()
      ).total > 0);
  const done = Boolean(d && (d.status === 'graded' || timeIsUp(d, ctx.now)));
  return {
    daily: { available, attemptId: d?._id ?? null, done, score: done ? (d!.score ?? null) : null },
    papers: cards,
    wrongCount: Object.keys(wrong).length,
  };
};

// ---------------------------------------------------------------- timer

/** Timer: papers whose time ran out are graded with what was saved (each once: the grading write is conditional). */
export const expire: TimerHandler = async (ctx) => {
  const _ = ctx.db.command;
  for (let round = 0; round < 20; round += 1) {
    const { data } = await col(ctx.db, 'exam_attempts')
      .where({ status: 'open', deadlineAt: _.lte(ctx.now) })
      .limit(100)
      .get();
    for (const a of await paperedMany(ctx, data)) await finalize(ctx, a, a.answers, true);
    if (data.length < 100) return;
  }
};
