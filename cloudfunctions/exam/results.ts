import ExcelJS from 'exceljs';
import { ATTEMPT_KIND_LABEL, QUESTION_TYPE_LABEL, type PaperResults } from '../../typings/exam';
import { pageLink } from '../../typings/pages';
import { inShanghai, shanghaiDay } from '../../typings/time';
import { audienceMembers, inAudience } from '../common/audience';
import type { HandlerContext } from '../common/context';
import { col, type AttemptDoc, type MembershipDoc, type PaperDoc } from '../common/db';
import type { Handler } from '../common/define';
import { AppError } from '../common/errors';
import { send, type Outgoing } from '../common/outbox';
import { publishWorkbook } from '../common/sheets';
import { orgNames } from '../org/view';
import { earnedOf, finalize, paperedMany, type Paper } from './attempts';
import { editorCard } from './papers';

type Ctx = Pick<HandlerContext, 'db' | 'now' | 'log'>;

const BUCKETS = [
  { label: '0-59', from: 0 },
  { label: '60-69', from: 60 },
  { label: '70-79', from: 70 },
  { label: '80-89', from: 80 },
  { label: '90-100', from: 90 },
];

/** Every attempt at a paper, those whose time ran out graded first (as the member would find them). */
async function attemptsOf(ctx: Ctx, p: PaperDoc): Promise<Paper[]> {
  const out: AttemptDoc[] = [];
  for (let skip = 0; ; skip += 1000) {
    const { data } = await col(ctx.db, 'exam_attempts').where({ paperId: p._id }).orderBy('_id', 'asc').skip(skip).limit(1000).get();
    out.push(...data);
    if (data.length < 1000) break;
  }
  // Their questions: for grading those whose time ran out, and each question's correct rate.
  const papers = await paperedMany(ctx, out);
  return Promise.all(
    papers.map(async (a) =>
      a.status === 'open' && a.deadlineAt && ctx.now.getTime() >= new Date(a.deadlineAt).getTime()
        ? (await finalize(ctx, a, a.answers, true)).attempt
        : a,
    ),
  );
}

const reminderId = (paperId: string, openid: string, day: string) => `examReminder~${paperId}~${day}~${openid}`;

/** Each audience member with their best graded attempt. */
async function standings(ctx: Ctx, p: PaperDoc) {
  const [members, attempts] = await Promise.all([audienceMembers(ctx, p), attemptsOf(ctx, p)]);
  const byOpenid = new Map<string, AttemptDoc[]>();
  for (const a of attempts) byOpenid.set(a.openid, [...(byOpenid.get(a.openid) ?? []), a]);
  const rows = members.map((m) => {
    const mine = byOpenid.get(m.openid) ?? [];
    const graded = mine.filter((a) => a.status === 'graded');
    const best = graded.reduce<AttemptDoc | null>((b, a) => (!b || (a.score ?? 0) > (b.score ?? 0) ? a : b), null);
    return { member: m, best, attempts: graded.length, inProgress: mine.some((a) => a.status === 'open') };
  });
  return { rows, attempts };
}

async function resultsOf(ctx: Ctx, p: PaperDoc): Promise<PaperResults> {
  const day = shanghaiDay(ctx.now);
  const { rows, attempts } = await standings(ctx, p);
  const [names, card, { data: sent }] = await Promise.all([
    orgNames(
      ctx.db,
      rows.map((r) => r.member.orgId),
    ),
    editorCard(ctx, p),
    col(ctx.db, 'outbox')
      .where({ _id: ctx.db.command.in(rows.map((r) => reminderId(p._id, r.member.openid, day))) })
      .field({ _id: true })
      .limit(1000)
      .get(),
  ]);
  const reminded = new Set(sent.map((o) => o._id));
  const takers = rows.filter((r) => r.best);
  const scores = takers.map((r) => r.best!.score ?? 0);
  // Each question's correct rate over every graded attempt it was in (drawn papers differ per member).
  const stats = new Map<string, { stem: string; type: Paper['items'][number]['type']; answered: number; right: number }>();
  for (const a of attempts) {
    if (a.status !== 'graded') continue;
    const earned = earnedOf(a);
    for (const item of a.items) {
      const s = stats.get(item.qid) ?? { stem: item.stem, type: item.type, answered: 0, right: 0 };
      s.answered += 1;
      if ((earned[item.qid] ?? 0) === 1) s.right += 1;
      stats.set(item.qid, s);
    }
  }
  return {
    paper: { ...card, passMark: p.passMark, limitMinutes: p.limitMinutes },
    audienceSize: rows.length,
    taken: takers.length,
    average: scores.length ? Math.round((10 * scores.reduce((x, y) => x + y, 0)) / scores.length) / 10 : null,
    passRate: scores.length ? scores.filter((s) => s >= p.passMark).length / scores.length : null,
    distribution: BUCKETS.map((b, i) => ({
      label: b.label,
      count: scores.filter((s) => s >= b.from && s < (BUCKETS[i + 1]?.from ?? 101)).length,
    })),
    questions: [...stats.entries()]
      .map(([id, s]) => ({ id, type: s.type, stem: s.stem, answered: s.answered, correctRate: s.right / s.answered }))
      .sort((x, y) => x.correctRate - y.correctRate || y.answered - x.answered),
    members: rows
      .map((r) => ({
        memberId: r.member._id,
        name: r.member.name,
        orgName: names.get(r.member.orgId) ?? '',
        score: r.best ? (r.best.score ?? 0) : null,
        passed: r.best ? (r.best.score ?? 0) >= p.passMark : null,
        attempts: r.attempts,
        submittedAt: r.best?.submittedAt ? new Date(r.best.submittedAt).toISOString() : null,
        inProgress: r.inProgress,
        remindedToday: reminded.has(reminderId(p._id, r.member.openid, day)),
      }))
      // Who has not taken it first (whom to remind), then by score.
      .sort((x, y) => Number(x.score !== null) - Number(y.score !== null) || (y.score ?? 0) - (x.score ?? 0)),
  };
}

export const results: Handler<'exam', 'results'> = async (_input, ctx) => resultsOf(ctx, ctx.grant.doc);

function reminder(p: PaperDoc, m: MembershipDoc, day: string): Outgoing {
  return {
    id: reminderId(p._id, m.openid, day),
    // 学习提醒: thing1 what to study, time2 its deadline, thing3 a note — an exam fits it as it is.
    template: 'studyReminder',
    message: {
      touser: m.openid,
      page: pageLink('exam', { paperId: p._id }),
      data: {
        thing1: { value: p.title.slice(0, 20) },
        time2: { value: p.closeAt ? inShanghai(p.closeAt).format('YYYY-MM-DD HH:mm') : '尽快' },
        thing3: { value: `${ATTEMPT_KIND_LABEL[p.kind]}尚未参加，请及时作答` },
      },
    },
  };
}

export const remind: Handler<'exam', 'remind'> = async (input, ctx) => {
  const p = ctx.grant.doc;
  if (p.cancelledAt) throw new AppError('CONFLICT', '试卷已撤回');
  if (p.closeAt && ctx.now.getTime() >= new Date(p.closeAt).getTime()) throw new AppError('CLOSED', '已经截止，不能再提醒');
  const m = (await col(ctx.db, 'memberships').doc(input.memberId).get()).data[0];
  if (!m || !inAudience(p, m)) throw new AppError('NOT_FOUND', '这位党员不在参加范围内');
  const { total } = await col(ctx.db, 'exam_attempts').where({ openid: m.openid, paperId: p._id, status: 'graded' }).count();
  if (total > 0) throw new AppError('CONFLICT', '这位党员已经交卷了');
  const day = shanghaiDay(ctx.now);
  const before = (
    await col(ctx.db, 'outbox')
      .doc(reminderId(p._id, m.openid, day))
      .get()
  ).data[0];
  if (before) throw new AppError('RATE_LIMITED', '今天已经提醒过这位党员了，明天可以再提醒');
  return { reminded: (await send(ctx, [reminder(p, m, day)])) > 0 };
};

export const exportResults: Handler<'exam', 'exportResults'> = async (_input, ctx) => {
  const p = ctx.grant.doc;
  const r = await resultsOf(ctx, p);
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('成绩');
  sheet.addRow([`${ATTEMPT_KIND_LABEL[p.kind]}：${p.title}（${p.questionCount} 题，${p.passMark} 分及格）`]);
  sheet.addRow([
    `应参加 ${r.audienceSize} 人，已参加 ${r.taken} 人，平均分 ${r.average ?? '-'}，及格率 ${r.passRate === null ? '-' : `${Math.round(r.passRate * 100)}%`}`,
  ]);
  sheet.addRow([]);
  sheet.addRow(['姓名', '所在组织', '最高分', '是否及格', '作答次数', '交卷时间']);
  for (const m of r.members) {
    sheet.addRow([
      m.name,
      m.orgName,
      m.score ?? '未参加',
      m.passed === null ? '' : m.passed ? '及格' : '不及格',
      m.attempts,
      m.submittedAt ? inShanghai(m.submittedAt).format('YYYY-MM-DD HH:mm') : '',
    ]);
  }
  const qs = book.addWorksheet('各题正确率');
  qs.addRow(['题型', '题干', '作答人次', '正确率']);
  for (const q of r.questions) qs.addRow([QUESTION_TYPE_LABEL[q.type], q.stem, q.answered, `${Math.round(q.correctRate * 100)}%`]);
  sheet.columns.forEach((c) => (c.width = 16));
  qs.getColumn(2).width = 50;
  return { url: await publishWorkbook(ctx, book) };
};
