import { randomBytes } from 'node:crypto';
import { ATTEMPT_KIND_LABEL, type DrawRule, type PaperEditorCard } from '../../typings/exam';
import { inShanghai } from '../../typings/time';
import { audienceKeys } from '../activity/view';
import { audit } from '../common/audit';
import { audienceLabel, audienceMembers, expandAudience } from '../common/audience';
import type { CallerContext, HandlerContext } from '../common/context';
import { col, type BankQuestionDoc, type OrgDoc, type PaperDoc } from '../common/db';
import type { Handler } from '../common/define';
import { AppError } from '../common/errors';
import { shuffled } from './grade';

const newPaperId = () => `ep${randomBytes(8).toString('base64url').replace(/[-_]/g, 'x').slice(0, 10)}`;
/** A paper without a close stays in members' lists: its audience rows sort as closing far in the future. */
const NEVER = new Date('9999-12-31T00:00:00.000Z');
const when = (d: Date | string) => inShanghai(d).format('M月D日 HH:mm');
const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** The banks a unit's papers draw from: its own and those of the units above it. */
export const bankUnits = (org: Pick<OrgDoc, '_id' | 'path'>) => [org._id, ...org.path];

/** What a rule matches in a pool of questions. */
const matches = (r: DrawRule) => (q: Pick<BankQuestionDoc, 'tags' | 'difficulty'>) =>
  (r.tag === null || q.tags.includes(r.tag)) && (r.difficulty === null || q.difficulty === r.difficulty);

/** The questions rules draw for one seed: each rule in turn, from what the rules before it left. Throws when the pool is too small. */
export function drawByRules<Q extends Pick<BankQuestionDoc, '_id' | 'tags' | 'difficulty'>>(
  seed: string,
  pool: Q[],
  rules: DrawRule[],
): Q[] {
  const taken = new Set<string>();
  const out: Q[] = [];
  rules.forEach((r, i) => {
    const left = pool.filter((q) => !taken.has(q._id) && matches(r)(q));
    if (left.length < r.count) {
      const what = [r.tag, r.difficulty ? ['', '易', '中', '难'][r.difficulty] : null].filter(Boolean).join('·') || '全部题目';
      throw new AppError('INVALID_INPUT', `第 ${i + 1} 条规则「${what}」只有 ${left.length} 道题，不够抽 ${r.count} 道`);
    }
    for (const q of shuffled(`${seed}:rule${i}`, left).slice(0, r.count)) {
      taken.add(q._id);
      out.push(q);
    }
  });
  return out;
}

/** The pool a unit's rules draw from: the questions of its banks, without their text. */
export async function poolOf(ctx: Pick<HandlerContext, 'db'>, units: string[]) {
  const { data } = await col(ctx.db, 'bank_questions')
    .where({ orgId: ctx.db.command.in(units), removedAt: null })
    .field({ _id: true, tags: true, difficulty: true })
    .limit(1000)
    .get();
  return data;
}

/** Members who submitted each paper at least once. */
async function takers(ctx: Pick<HandlerContext, 'db'>, paperId: string): Promise<Set<string>> {
  const { data } = await col(ctx.db, 'exam_attempts').where({ paperId, status: 'graded' }).field({ openid: true }).limit(1000).get();
  return new Set(data.map((a) => a.openid));
}

export async function editorCard(ctx: Pick<HandlerContext, 'db'>, p: PaperDoc): Promise<PaperEditorCard> {
  const [taken, members] = await Promise.all([takers(ctx, p._id), audienceMembers(ctx, p)]);
  return {
    id: p._id,
    kind: p.kind,
    title: p.title,
    questionCount: p.questionCount,
    openAt: iso(p.openAt),
    closeAt: iso(p.closeAt),
    audienceLabel: audienceLabel(p),
    cancelled: Boolean(p.cancelledAt),
    taken: members.filter((m) => taken.has(m.openid)).length,
    audienceSize: members.length,
    createdAt: new Date(p.createdAt).toISOString(),
  };
}

type PaperInput = Parameters<Handler<'exam', 'savePaper'>>[0]['paper'];

/** Checks a paper's questions against the unit's banks; answers how many each member gets. */
async function checkQuestions(ctx: CallerContext, org: OrgDoc, paper: PaperInput): Promise<number> {
  const units = bankUnits(org);
  if (paper.mode === 'fixed') {
    const { data } = await col(ctx.db, 'bank_questions')
      .where({ _id: ctx.db.command.in(paper.questionIds), removedAt: null })
      .field({ _id: true, orgId: true })
      .limit(1000)
      .get();
    const ok = new Set(data.filter((q) => units.includes(q.orgId)).map((q) => q._id));
    const missing = paper.questionIds.filter((id) => !ok.has(id)).length;
    if (missing) throw new AppError('INVALID_INPUT', `有 ${missing} 道题不在本组织或上级组织的题库中，或已删除`);
    return paper.questionIds.length;
  }
  drawByRules('check', await poolOf(ctx, units), paper.rules);
  return paper.rules.reduce((n, r) => n + r.count, 0);
}

export const savePaper: Handler<'exam', 'savePaper'> = async (input, ctx) => {
  const org = ctx.grant.unit;
  const p = input.paper;
  const existing = input.paperId ? (await col(ctx.db, 'exam_papers').doc(input.paperId).get()).data[0] : undefined;
  if (input.paperId && (!existing || existing.orgId !== org._id)) throw new AppError('NOT_FOUND', '试卷不存在');
  if (existing?.cancelledAt) throw new AppError('CONFLICT', '试卷已撤回，不能再修改');
  const closeAt = p.closeAt ? new Date(p.closeAt) : null;
  if (closeAt && closeAt.getTime() <= ctx.now.getTime()) throw new AppError('INVALID_INPUT', '结束时间应晚于现在');
  if (existing?.startedAt) {
    // Once someone has started, only the title, the note, the close and the audience may change: the paper itself is what they answer.
    const same =
      existing.kind === p.kind &&
      existing.mode === p.mode &&
      JSON.stringify(existing.questionIds) === JSON.stringify(p.questionIds) &&
      JSON.stringify(existing.rules) === JSON.stringify(p.rules) &&
      existing.limitMinutes === p.limitMinutes &&
      existing.attempts === p.attempts &&
      existing.passMark === p.passMark &&
      iso(existing.openAt) === (p.openAt ? new Date(p.openAt).toISOString() : null);
    if (!same) throw new AppError('CONFLICT', '已有党员开始作答：题目、时限、次数、及格分和开始时间不能再改');
  }
  const questionCount = await checkQuestions(ctx, org, p);
  const { orgIds, memberIds } = await expandAudience(ctx, org, p.audience);
  const id = existing?._id ?? newPaperId();
  const doc: Omit<PaperDoc, '_id'> = {
    orgId: org._id,
    kind: p.kind,
    title: p.title,
    intro: p.intro,
    mode: p.mode,
    questionIds: p.mode === 'fixed' ? p.questionIds : [],
    rules: p.mode === 'rules' ? p.rules : [],
    questionCount,
    openAt: p.openAt ? new Date(p.openAt) : null,
    closeAt,
    limitMinutes: p.limitMinutes,
    attempts: p.attempts,
    passMark: p.passMark,
    audience: p.audience,
    audienceOrgIds: orgIds,
    memberIds,
    createdBy: existing?.createdBy ?? ctx.caller.openid,
    createdAt: existing?.createdAt ?? ctx.now,
    updatedAt: ctx.now,
    cancelledAt: null,
    startedAt: existing?.startedAt ?? null,
  };
  await col(ctx.db, 'exam_papers').doc(id).set(doc);
  await col(ctx.db, 'paper_audience').where({ paperId: id }).remove();
  await col(ctx.db, 'paper_audience').add(
    audienceKeys({ orgIds, memberIds }).map((key) => ({ _id: `${id}~${key}`, paperId: id, key, closeAt: closeAt ?? NEVER })),
  );
  await audit(ctx, {
    orgId: org._id,
    action: existing ? 'exam.updatePaper' : 'exam.createPaper',
    targetType: 'exam_paper',
    targetId: id,
    summary: `${existing ? '修改' : '发布'}${ATTEMPT_KIND_LABEL[p.kind]}「${p.title}」${closeAt ? `，${when(closeAt)} 截止` : ''}`,
  });
  return { paperId: id };
};

export const papers: Handler<'exam', 'papers'> = async (_input, ctx) => {
  const { data } = await col(ctx.db, 'exam_papers').where({ orgId: ctx.grant.unit._id }).orderBy('createdAt', 'desc').limit(50).get();
  return { papers: await Promise.all(data.map((p) => editorCard(ctx, p))) };
};

export const paper: Handler<'exam', 'paper'> = async (_input, ctx) => {
  const p = ctx.grant.doc;
  return {
    id: p._id,
    orgId: p.orgId,
    kind: p.kind,
    title: p.title,
    intro: p.intro,
    mode: p.mode,
    questionIds: p.questionIds,
    rules: p.rules,
    openAt: iso(p.openAt),
    closeAt: iso(p.closeAt),
    limitMinutes: p.limitMinutes,
    attempts: p.attempts,
    passMark: p.passMark,
    audience: p.audience,
    locked: Boolean(p.startedAt),
  };
};

export const cancelPaper: Handler<'exam', 'cancelPaper'> = async (_input, ctx) => {
  const p = ctx.grant.doc;
  if (!p.cancelledAt) {
    await col(ctx.db, 'exam_papers').doc(p._id).update({ cancelledAt: ctx.now, updatedAt: ctx.now });
    await col(ctx.db, 'paper_audience').where({ paperId: p._id }).remove();
    await audit(ctx, {
      orgId: p.orgId,
      action: 'exam.cancelPaper',
      targetType: 'exam_paper',
      targetId: p._id,
      summary: `撤回${ATTEMPT_KIND_LABEL[p.kind]}「${p.title}」`,
    });
  }
  return { cancelled: true };
};
