import type { AttemptView, ExamHome, GradedAttempt, PaperResults, QuestionRow, WrongItem } from '../../typings/exam';
import { BANK_SHEET_COLUMNS } from '../../typings/exam';
import type { LedgerEntry, MyPoints } from '../../typings/points';
import type { StudyArchiveView } from '../../typings/study';
import ExcelJS from 'exceljs';
import { clock, MK, RD, SECRETARY } from '../helpers/activity';
import {
  addQuestions,
  createPaper,
  isGraded,
  isOpen,
  paperInput,
  QUESTIONS,
  rightAnswer,
  SECRET,
  singles,
  wrongAnswer,
} from '../helpers/exam';
import { demoRuntime, fired, ok, readStored, snapshot, uploaded } from '../helpers/runtime';

const MEMBER = { openid: 'demo-member-01' }; // 第一支部
const MEMBER2 = { openid: 'demo-member-02' };
const OUTSIDER = { openid: 'demo-member-12' }; // 第二支部
type Rt = Awaited<ReturnType<typeof demoRuntime>>;

const ALL = [QUESTIONS.single, QUESTIONS.multiple, QUESTIONS.judge, QUESTIONS.blank];
const draftOf = (stem: string) => ALL.find((q) => q.stem === stem)!;

async function examWithAll(rt: Rt, now: Date, overrides: Record<string, unknown> = {}) {
  const ids = await addQuestions(rt, ALL);
  const paperId = await createPaper(rt, now, ids, overrides);
  return { ids, paperId };
}

const start = (rt: Rt, paperId: string, who = MEMBER) => ok<AttemptView>(rt, 'exam', 'start', { paperId }, who);

async function answerAll(rt: Rt, a: AttemptView, how: 'right' | 'wrong', who = MEMBER) {
  for (const q of a.questions) {
    const d = draftOf(q.stem);
    await ok(
      rt,
      'exam',
      'answer',
      { attemptId: a.id, questionId: q.id, answer: how === 'right' ? rightAnswer(q, d) : wrongAnswer(q, d) },
      who,
    );
  }
}

describe('a paper is drawn, shuffled and kept by the server', () => {
  it('reopening continues the same paper in the same order, with every saved answer (a closed app loses nothing)', async () => {
    const c = clock('2026-12-03T01:00:00Z');
    const rt = await demoRuntime(c.now);
    const { paperId } = await examWithAll(rt, c.now());
    const first = await start(rt, paperId);
    isOpen(first);
    expect(first.questions).toHaveLength(4);
    const [q1, q2] = first.questions;
    await ok(rt, 'exam', 'answer', { attemptId: first.id, questionId: q1!.id, answer: rightAnswer(q1!, draftOf(q1!.stem)) }, MEMBER);
    await ok(rt, 'exam', 'answer', { attemptId: first.id, questionId: q2!.id, answer: wrongAnswer(q2!, draftOf(q2!.stem)) }, MEMBER);
    // The app was closed; the member opens the exam again minutes later.
    c.advance(5 * 60_000);
    const again = await start(rt, paperId);
    isOpen(again);
    expect(again.id).toBe(first.id);
    expect(again.questions).toEqual(first.questions);
    expect(Object.keys(again.answers).sort()).toEqual([q1!.id, q2!.id].sort());
    const viaId = await ok<AttemptView>(rt, 'exam', 'attempt', { attemptId: first.id }, MEMBER);
    expect(viaId).toMatchObject({ id: first.id, answers: again.answers });
    // Handing in without sending anything more: graded with what was saved.
    const graded = await ok<GradedAttempt>(rt, 'exam', 'submit', { attemptId: first.id }, MEMBER);
    expect(graded.rightCount).toBe(1);
    expect(graded.score).toBe(25);
  });

  it('each member gets their own order of questions and options, and each is graded by what they were shown', async () => {
    const c = clock('2026-12-03T01:00:00Z');
    const rt = await demoRuntime(c.now);
    const ids = await addQuestions(rt, [...singles(8), QUESTIONS.multiple]);
    const paperId = await createPaper(rt, c.now(), ids);
    const members = ['demo-member-01', 'demo-member-02', 'demo-member-03', 'demo-member-04'].map((openid) => ({ openid }));
    const papers = await Promise.all(members.map((m) => start(rt, paperId, m)));
    const orders = papers.map((p) => p.questions.map((q) => q.id).join());
    expect(new Set(orders).size).toBeGreaterThan(1);
    const multi = papers.map((p) => p.questions.find((q) => q.type === 'multiple')!.options.join());
    expect(new Set(multi).size).toBeGreaterThan(1);
    for (const [i, p] of papers.entries()) {
      const answers = Object.fromEntries(
        p.questions.map((q) => [q.id, rightAnswer(q, q.type === 'multiple' ? QUESTIONS.multiple : QUESTIONS.single)]),
      );
      const graded = await ok<GradedAttempt>(rt, 'exam', 'submit', { attemptId: p.id, answers }, members[i]!);
      expect(graded.score).toBe(100);
    }
  });
});

describe('correct answers never reach the client before the paper is handed in', () => {
  it('no response of any action a member can call before submitting carries an answer or an explanation', async () => {
    const c = clock('2026-12-03T01:00:00Z');
    const rt = await demoRuntime(c.now);
    const { paperId } = await examWithAll(rt, c.now());
    const seen: { action: string; body: string }[] = [];
    const call = async (action: string, data: object) => {
      const res = await rt.invoke('exam', { action, data }, MEMBER);
      seen.push({ action, body: JSON.stringify(res) });
      return res;
    };
    const home = (await call('home', {})) as { ok: true; data: ExamHome };
    expect(home.data.papers.map((p) => p.id)).toContain(paperId);
    const daily = (await call('daily', {})) as { ok: true; data: { attempt: AttemptView } };
    const exam = (await call('start', { paperId })) as { ok: true; data: AttemptView };
    for (const a of [daily.data.attempt, exam.data]) {
      await call('attempt', { attemptId: a.id });
      for (const q of a.questions) await call('answer', { attemptId: a.id, questionId: q.id, answer: wrongAnswer(q, draftOf(q.stem)) });
      await call('attempt', { attemptId: a.id });
    }
    await call('history', {});
    await call('wrongBook', {});
    await call('home', {});
    expect(seen.length).toBeGreaterThan(10);
    for (const s of seen) {
      expect({ action: s.action, leaks: s.body.includes(SECRET) }).toEqual({ action: s.action, leaks: false });
      expect({ action: s.action, keys: /"(correct|explanation|perm|earned)"/.test(s.body) }).toEqual({ action: s.action, keys: false });
    }
    // After handing in, the member sees the answers and explanations.
    const graded = await ok<GradedAttempt>(rt, 'exam', 'submit', { attemptId: exam.data.id }, MEMBER);
    expect(JSON.stringify(graded)).toContain(SECRET);
    expect(graded.questions.every((q) => q.explanation.includes(SECRET))).toBe(true);
  });
});

describe('answers and submissions that cannot count are refused and change nothing', () => {
  it('refuses an answer to a question not in the paper, a forged question id, and an answer that does not fit', async () => {
    const c = clock('2026-12-03T01:00:00Z');
    const rt = await demoRuntime(c.now);
    const { ids, paperId } = await examWithAll(rt, c.now(), { mode: 'fixed' });
    const other = (await addQuestions(rt, singles(1, '廉政')))[0]!;
    const a = await start(rt, paperId);
    expect(ids).toHaveLength(4);
    const before = await snapshot(rt);
    const refused = async (data: object, code: string, message?: string) => {
      const res = await rt.invoke('exam', { action: 'answer', data: { attemptId: a.id, ...data } }, MEMBER);
      expect(res).toMatchObject({ ok: false, code, ...(message ? { message: expect.stringContaining(message) } : {}) });
    };
    await refused({ questionId: other, answer: { choice: [0] } }, 'INVALID_INPUT', '题目不在本试卷中');
    await refused({ questionId: 'forged-question-id', answer: { choice: [0] } }, 'INVALID_INPUT', '题目不在本试卷中');
    await refused({ questionId: '../answers', answer: { choice: [0] } }, 'INVALID_INPUT');
    const single = a.questions.find((q) => q.type === 'single')!;
    await refused({ questionId: single.id, answer: { choice: [0, 1] } }, 'INVALID_INPUT', '只能选一个');
    await refused({ questionId: single.id, answer: { choice: [9] } }, 'INVALID_INPUT');
    await refused({ questionId: single.id, answer: { blanks: ['x'] } }, 'INVALID_INPUT');
    const sub = await rt.invoke('exam', { action: 'submit', data: { attemptId: a.id, answers: { [other]: { choice: [0] } } } }, MEMBER);
    expect(sub).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: expect.stringContaining('题目不在本试卷中') });
    // Someone else's paper is refused like one that does not exist.
    for (const action of ['attempt', 'answer', 'submit']) {
      const res = await rt.invoke(
        'exam',
        { action, data: { attemptId: a.id, ...(action === 'answer' ? { questionId: single.id, answer: { choice: [0] } } : {}) } },
        MEMBER2,
      );
      expect(res).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    }
    expect(await snapshot(rt)).toEqual(before);
  });

  it('a second submission is refused with SUBMITTED and the first grade stands; so is an answer after it', async () => {
    const c = clock('2026-12-03T01:00:00Z');
    const rt = await demoRuntime(c.now);
    const { paperId } = await examWithAll(rt, c.now());
    const a = await start(rt, paperId);
    await answerAll(rt, a, 'wrong');
    const first = await ok<GradedAttempt>(rt, 'exam', 'submit', { attemptId: a.id }, MEMBER);
    expect(first.score).toBe(0);
    const before = await snapshot(rt);
    const right = Object.fromEntries(a.questions.map((q) => [q.id, rightAnswer(q, draftOf(q.stem))]));
    expect(await rt.invoke('exam', { action: 'submit', data: { attemptId: a.id, answers: right } }, MEMBER)).toMatchObject({
      ok: false,
      code: 'SUBMITTED',
    });
    const q = a.questions[0]!;
    expect(
      await rt.invoke('exam', { action: 'answer', data: { attemptId: a.id, questionId: q.id, answer: right[q.id] } }, MEMBER),
    ).toMatchObject({ ok: false, code: 'SUBMITTED' });
    expect(await snapshot(rt)).toEqual(before);
  });

  it('ten submissions of one paper at once: one grades it, the others are refused, points are awarded once', async () => {
    const c = clock('2026-12-03T01:00:00Z');
    const rt = await demoRuntime(c.now);
    const { paperId } = await examWithAll(rt, c.now());
    const a = await start(rt, paperId);
    await answerAll(rt, a, 'right');
    const results = await Promise.all(
      Array.from({ length: 10 }, () => rt.invoke('exam', { action: 'submit', data: { attemptId: a.id } }, MEMBER)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => (r as { code: string }).code)).toEqual(Array(9).fill('SUBMITTED'));
    const mine = await ok<MyPoints>(rt, 'points', 'mine', {}, MEMBER);
    expect(mine.today.find((t) => t.rule === 'exam')!.points).toBe(10);
  });

  it('after the time limit an answer or a submission is refused with TIME_UP, and the paper is graded with what was saved', async () => {
    const c = clock('2026-12-03T01:00:00Z');
    const rt = await demoRuntime(c.now);
    const { paperId } = await examWithAll(rt, c.now(), { limitMinutes: 10 });
    const a = await start(rt, paperId);
    isOpen(a);
    expect(Date.parse(a.deadlineAt!) - Date.parse(a.startedAt)).toBe(10 * 60_000);
    const [q1, ...rest] = a.questions;
    await ok(rt, 'exam', 'answer', { attemptId: a.id, questionId: q1!.id, answer: rightAnswer(q1!, draftOf(q1!.stem)) }, MEMBER);
    c.advance(10 * 60_000 + 1);
    const before = await snapshot(rt);
    const late = Object.fromEntries(rest.map((q) => [q.id, rightAnswer(q, draftOf(q.stem))]));
    expect(await rt.invoke('exam', { action: 'submit', data: { attemptId: a.id, answers: late } }, MEMBER)).toMatchObject({
      ok: false,
      code: 'TIME_UP',
    });
    expect(
      await rt.invoke('exam', { action: 'answer', data: { attemptId: a.id, questionId: rest[0]!.id, answer: late[rest[0]!.id] } }, MEMBER),
    ).toMatchObject({ ok: false, code: 'TIME_UP' });
    expect(await snapshot(rt)).toEqual(before);
    // Coming back: graded with the one saved answer.
    const back = await ok<AttemptView>(rt, 'exam', 'attempt', { attemptId: a.id }, MEMBER);
    isGraded(back);
    expect(back).toMatchObject({ timedOut: true, rightCount: 1, score: 25, passed: false });
  });

  it('the timer grades papers whose time ran out even if the member never comes back', async () => {
    const c = clock('2026-12-03T01:00:00Z');
    const rt = await demoRuntime(c.now);
    const { paperId } = await examWithAll(rt, c.now(), { limitMinutes: 5 });
    const a = await start(rt, paperId);
    await answerAll(rt, a, 'right');
    c.advance(6 * 60_000);
    await fired(rt, 'exam', 'expire');
    const { data } = await rt.db.collection('exam_attempts').doc(a.id).get();
    expect(data[0]).toMatchObject({ status: 'graded', timedOut: true, score: 100, passed: true });
    // Its points were awarded by the grading, once.
    const ledger = (await rt.db.collection('points_ledger').where({ openid: MEMBER.openid, rule: 'exam' }).get()).data;
    expect(ledger).toHaveLength(1);
    await fired(rt, 'exam', 'expire');
    expect((await rt.db.collection('points_ledger').where({ openid: MEMBER.openid, rule: 'exam' }).get()).data).toHaveLength(1);
  });

  it('an exam cannot be started before it opens, after it closes, or once the attempts are used up', async () => {
    const c = clock('2026-12-03T01:00:00Z');
    const rt = await demoRuntime(c.now);
    const ids = await addQuestions(rt, [QUESTIONS.judge]);
    const paperId = await createPaper(rt, c.now(), ids, {
      openAt: new Date(c.now().getTime() + 3600_000).toISOString(),
      closeAt: new Date(c.now().getTime() + 3 * 3600_000).toISOString(),
      attempts: 1,
    });
    expect(await rt.invoke('exam', { action: 'start', data: { paperId } }, MEMBER)).toMatchObject({ ok: false, code: 'CLOSED' });
    c.advance(3600_000);
    const a = await start(rt, paperId);
    await ok(rt, 'exam', 'submit', { attemptId: a.id }, MEMBER);
    expect(await rt.invoke('exam', { action: 'start', data: { paperId } }, MEMBER)).toMatchObject({
      ok: false,
      code: 'CLOSED',
      message: expect.stringContaining('已经用完'),
    });
    c.advance(2 * 3600_000);
    expect(await rt.invoke('exam', { action: 'start', data: { paperId } }, MEMBER2)).toMatchObject({ ok: false, code: 'CLOSED' });
    // Outside the audience: refused as for any activity.
    expect(await rt.invoke('exam', { action: 'start', data: { paperId } }, OUTSIDER)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});

describe('每日一练', () => {
  it('draws 5 questions once per Beijing day from the banks the member can see, and awards 2 points, 5 for full marks', async () => {
    const c = clock('2026-12-03T01:00:00Z'); // 09:00 Beijing
    const rt = await demoRuntime(c.now);
    // The committee's bank is shared with its branches; the other branch's is not.
    await addQuestions(rt, singles(4, '理论', 1, '党委'), 'org-xh-committee', { openid: 'demo-admin' });
    await addQuestions(rt, singles(4, '业务', 1, '一支部'));
    await addQuestions(rt, singles(6, '廉政', 1, '二支部'), MK, { openid: 'demo-secretary-2' });
    const d1 = (await ok<{ attempt: AttemptView }>(rt, 'exam', 'daily', {}, MEMBER)).attempt;
    isOpen(d1);
    expect(d1.questions).toHaveLength(5);
    expect(d1.questions.every((q) => !q.stem.startsWith('二支部'))).toBe(true);
    expect((await ok<{ attempt: AttemptView }>(rt, 'exam', 'daily', {}, MEMBER)).attempt.id).toBe(d1.id);
    // Handing it in blank earns nothing.
    await ok(rt, 'exam', 'submit', { attemptId: d1.id }, MEMBER);
    expect((await ok<MyPoints>(rt, 'points', 'mine', {}, MEMBER)).today.find((t) => t.rule === 'daily')!.points).toBe(0);
    // Still the same paper today (graded); a new one after midnight Beijing time.
    expect((await ok<{ attempt: AttemptView }>(rt, 'exam', 'daily', {}, MEMBER)).attempt).toMatchObject({ id: d1.id, status: 'graded' });
    c.set('2026-12-03T16:00:00Z'); // 00:00 on the 4th in Beijing
    const d2 = (await ok<{ attempt: AttemptView }>(rt, 'exam', 'daily', {}, MEMBER)).attempt;
    expect(d2.id).not.toBe(d1.id);
    const right = Object.fromEntries(d2.questions.map((q) => [q.id, rightAnswer(q, QUESTIONS.single)]));
    const g = await ok<GradedAttempt>(rt, 'exam', 'submit', { attemptId: d2.id, answers: right }, MEMBER);
    expect(g).toMatchObject({ score: 100, points: 5 });
    const other = (await ok<{ attempt: AttemptView }>(rt, 'exam', 'daily', {}, MEMBER2)).attempt;
    const oneWrong = Object.fromEntries(
      other.questions.map((q, i) => [q.id, i === 0 ? wrongAnswer(q, QUESTIONS.single) : rightAnswer(q, QUESTIONS.single)]),
    );
    expect(await ok<GradedAttempt>(rt, 'exam', 'submit', { attemptId: other.id, answers: oneWrong }, MEMBER2)).toMatchObject({
      score: 80,
      points: 2,
    });
  });

  it('says there is nothing to practise when no bank the member can see has questions', async () => {
    const rt = await demoRuntime();
    expect(await ok(rt, 'exam', 'daily', {}, MEMBER)).toEqual({ attempt: null });
    expect((await ok<ExamHome>(rt, 'exam', 'home', {}, MEMBER)).daily).toMatchObject({ available: false, attemptId: null });
  });
});

describe('错题本', () => {
  it('a wrong answer goes into the book; practising it right twice in a row takes it out, a wrong one in between starts again', async () => {
    const c = clock('2026-12-03T01:00:00Z');
    const rt = await demoRuntime(c.now);
    const { paperId } = await examWithAll(rt, c.now(), { attempts: null, kind: 'quiz', limitMinutes: null, closeAt: null });
    const a = await start(rt, paperId);
    const answers = Object.fromEntries(
      a.questions.map((q) => [q.id, q.type === 'blank' ? wrongAnswer(q, QUESTIONS.blank) : rightAnswer(q, draftOf(q.stem))]),
    );
    await ok(rt, 'exam', 'submit', { attemptId: a.id, answers }, MEMBER);
    const book = await ok<{ items: WrongItem[] }>(rt, 'exam', 'wrongBook', {}, MEMBER);
    expect(book.items.map((i) => i.question.stem)).toEqual([QUESTIONS.blank.stem]);
    expect(book.items[0]).toMatchObject({
      times: 1,
      streak: 0,
      question: { mine: { blanks: ['不知道', '不知道'] }, correct: { blanks: ['1921', `上海${SECRET}`] } },
    });
    const practise = async (how: 'right' | 'wrong') => {
      const p = await ok<AttemptView>(rt, 'exam', 'practiceWrong', {}, MEMBER);
      expect(p.questions.map((q) => q.stem)).toEqual([QUESTIONS.blank.stem]);
      const q = p.questions[0]!;
      return ok<GradedAttempt>(
        rt,
        'exam',
        'submit',
        { attemptId: p.id, answers: { [q.id]: how === 'right' ? rightAnswer(q, QUESTIONS.blank) : wrongAnswer(q, QUESTIONS.blank) } },
        MEMBER,
      );
    };
    await practise('right');
    expect((await ok<{ items: WrongItem[] }>(rt, 'exam', 'wrongBook', {}, MEMBER)).items[0]).toMatchObject({ streak: 1 });
    await practise('wrong');
    expect((await ok<{ items: WrongItem[] }>(rt, 'exam', 'wrongBook', {}, MEMBER)).items[0]).toMatchObject({ streak: 0, times: 2 });
    await practise('right');
    await practise('right');
    expect((await ok<{ items: WrongItem[] }>(rt, 'exam', 'wrongBook', {}, MEMBER)).items).toEqual([]);
    expect(await rt.invoke('exam', { action: 'practiceWrong', data: {} }, MEMBER)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect((await ok<ExamHome>(rt, 'exam', 'home', {}, MEMBER)).wrongCount).toBe(0);
  });
});

describe('question banks', () => {
  async function sheet(rows: string[][], header: readonly string[] = BANK_SHEET_COLUMNS): Promise<Buffer> {
    const book = new ExcelJS.Workbook();
    const s = book.addWorksheet('题库');
    s.addRow([...header]);
    for (const r of rows) s.addRow(r);
    return Buffer.from(await book.xlsx.writeBuffer());
  }
  const row = (type: string, stem: string, options: string[], answer: string, extra: string[] = ['', '', '']) => [
    type,
    stem,
    ...Array.from({ length: 6 }, (_, i) => options[i] ?? ''),
    answer,
    ...extra,
  ];

  it('the template the page offers imports as it is: one question of each type', async () => {
    const rt = await demoRuntime();
    const { url } = await ok<{ url: string }>(rt, 'exam', 'importTemplate', { orgId: RD }, SECRETARY);
    const fileID = await uploaded(rt, 'bank.xlsx', await readStored(rt, url));
    expect(await ok(rt, 'exam', 'import', { orgId: RD, fileID }, SECRETARY)).toEqual({ imported: 4 });
    const bank = await ok<{ items: QuestionRow[]; total: number }>(rt, 'exam', 'bank', { orgId: RD }, SECRETARY);
    expect(bank.total).toBe(4);
    expect(bank.items.map((q) => q.type)).toEqual(['single', 'multiple', 'judge', 'blank']);
    expect(bank.items[3]).toMatchObject({ blanks: [['1921'], ['上海', '上海市']] });
  });

  it('a sheet with any bad row imports nothing and names every bad row and why', async () => {
    const rt = await demoRuntime();
    const file = await sheet([
      row('单选题', '党的根本宗旨是', ['全心全意为人民服务', '发展经济'], 'A'),
      row('多选题', '只有一个答案的多选', ['甲', '乙', '丙'], 'B'),
      row('判断题', '这是判断题', [], '也许'),
      row('填空题', '没有空格的填空题', [], '答案'),
      row('问答题', '题型不存在', [], ''),
      row('单选题', '选项中没有答案', ['甲', '乙'], 'D'),
    ]);
    const before = await snapshot(rt);
    const fileID = await uploaded(rt, 'bank.xlsx', file);
    const res = await rt.invoke('exam', { action: 'import', data: { orgId: RD, fileID } }, SECRETARY);
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const issues = (res as { issues: string[] }).issues;
    expect(issues).toEqual([
      expect.stringMatching(/^第 3 行：.*多选题至少要有 2 个正确答案/),
      expect.stringMatching(/^第 4 行：.*正确.*错误/),
      expect.stringMatching(/^第 5 行：.*____/),
      expect.stringMatching(/^第 6 行：题型应为/),
      expect.stringMatching(/^第 7 行：.*答案不在选项中/),
    ]);
    const after = await snapshot(rt);
    expect(after['bank_questions']).toEqual(before['bank_questions']);
  });

  it('a sheet whose header is not the template is refused, and the export imports back as the same questions', async () => {
    const rt = await demoRuntime();
    const bad = await uploaded(rt, 'bank.xlsx', await sheet([], ['题目', '答案']));
    expect(await rt.invoke('exam', { action: 'import', data: { orgId: RD, fileID: bad } }, SECRETARY)).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: expect.stringContaining('模板'),
    });
    await addQuestions(rt, ALL);
    const { url, count } = await ok<{ url: string; count: number }>(rt, 'exam', 'exportBank', { orgId: RD }, SECRETARY);
    expect(count).toBe(4);
    const fileID = await uploaded(rt, 'bank.xlsx', await readStored(rt, url), 'demo-secretary-2');
    expect(await ok(rt, 'exam', 'import', { orgId: MK, fileID }, { openid: 'demo-secretary-2' })).toEqual({ imported: 4 });
    const theirs = await ok<{ items: QuestionRow[] }>(rt, 'exam', 'bank', { orgId: MK }, { openid: 'demo-secretary-2' });
    const strip = ({ id: _i, updatedAt: _u, orgName: _o, ...q }: QuestionRow) => q;
    expect(theirs.items.map(strip).sort((a, b) => a.stem.localeCompare(b.stem))).toEqual(
      [...ALL].sort((a, b) => a.stem.localeCompare(b.stem)),
    );
  });

  it('a branch lists only its own bank, and with withUpper the 党委 bank it may draw from too', async () => {
    const rt = await demoRuntime();
    await addQuestions(rt, singles(2, '理论', 1, '党委'), 'org-xh-committee', { openid: 'demo-admin' });
    await addQuestions(rt, singles(1, '业务', 1, '支部'));
    expect((await ok<{ items: QuestionRow[] }>(rt, 'exam', 'bank', { orgId: RD }, SECRETARY)).items.map((q) => q.stem)).toEqual([
      '支部1题：业务知识',
    ]);
    const shared = await ok<{ items: QuestionRow[]; total: number }>(rt, 'exam', 'bank', { orgId: RD, withUpper: true }, SECRETARY);
    expect(shared.total).toBe(3);
    expect(shared.items.filter((q) => q.stem.startsWith('党委')).map((q) => q.orgName)).toEqual([
      '星河科技有限公司党委',
      '星河科技有限公司党委',
    ]);
  });

  it('a question that does not fit its type is refused with the reason and not saved', async () => {
    const rt = await demoRuntime();
    const before = await snapshot(rt);
    const res = await rt.invoke(
      'exam',
      { action: 'saveQuestion', data: { orgId: RD, question: { ...QUESTIONS.single, answer: [0, 1] } } },
      SECRETARY,
    );
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: expect.stringContaining('单选题要有且只有 1 个正确答案') });
    expect(await snapshot(rt)).toEqual(before);
  });

  it('a removed question is never drawn again, but a paper already drawn keeps it', async () => {
    const c = clock('2026-12-03T01:00:00Z');
    const rt = await demoRuntime(c.now);
    const { ids, paperId } = await examWithAll(rt, c.now());
    const a = await start(rt, paperId);
    await ok(rt, 'exam', 'removeQuestion', { questionId: ids[0] }, SECRETARY);
    const again = await ok<AttemptView>(rt, 'exam', 'attempt', { attemptId: a.id }, MEMBER);
    expect(again.questions).toHaveLength(4);
    const b = await start(rt, paperId, MEMBER2);
    expect(b.questions).toHaveLength(3);
    expect((await ok<{ total: number }>(rt, 'exam', 'bank', { orgId: RD }, SECRETARY)).total).toBe(3);
  });
});

describe('papers', () => {
  it('rules draw N per tag and difficulty for each member; rules the banks cannot fill are refused when saving', async () => {
    const c = clock('2026-12-03T01:00:00Z');
    const rt = await demoRuntime(c.now);
    await addQuestions(rt, [...singles(5, '党史', 1, '史易'), ...singles(5, '党史', 3, '史难'), ...singles(5, '廉政', 2, '廉')]);
    const rules = [
      { tag: '党史', difficulty: 3, count: 2 },
      { tag: '廉政', difficulty: null, count: 3 },
    ];
    const paperId = await createPaper(rt, c.now(), [], { kind: 'quiz', mode: 'rules', rules, limitMinutes: null, attempts: null });
    for (const who of [MEMBER, MEMBER2]) {
      const a = await start(rt, paperId, who);
      expect(a.questions.filter((q) => q.stem.startsWith('史难'))).toHaveLength(2);
      expect(a.questions.filter((q) => q.stem.startsWith('廉'))).toHaveLength(3);
      expect(a.questions).toHaveLength(5);
    }
    const res = await rt.invoke(
      'exam',
      {
        action: 'savePaper',
        data: { orgId: RD, paper: paperInput(c.now(), [], { mode: 'rules', rules: [{ tag: '党史', difficulty: 3, count: 6 }] }) },
      },
      SECRETARY,
    );
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: expect.stringContaining('只有 5 道题，不够抽 6 道') });
  });

  it('an exam needs a close, a time limit and attempts; once someone started, its questions cannot change', async () => {
    const c = clock('2026-12-03T01:00:00Z');
    const rt = await demoRuntime(c.now);
    const { ids, paperId } = await examWithAll(rt, c.now());
    const bad = await rt.invoke(
      'exam',
      { action: 'savePaper', data: { orgId: RD, paper: paperInput(c.now(), ids, { limitMinutes: null, closeAt: null }) } },
      SECRETARY,
    );
    expect(bad).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect((bad as { issues: string[] }).issues.join()).toMatch(/结束时间.*时限|时限.*结束时间/);
    await start(rt, paperId);
    const change = await rt.invoke(
      'exam',
      { action: 'savePaper', data: { orgId: RD, paperId, paper: paperInput(c.now(), ids.slice(1)) } },
      SECRETARY,
    );
    expect(change).toMatchObject({ ok: false, code: 'CONFLICT' });
    // The title can still change.
    await ok(
      rt,
      'exam',
      'savePaper',
      { orgId: RD, paperId, paper: paperInput(c.now(), ids, { title: '党章党规考试（补考）' }) },
      SECRETARY,
    );
    expect((await ok<ExamHome>(rt, 'exam', 'home', {}, MEMBER)).papers[0]).toMatchObject({ title: '党章党规考试（补考）' });
  });
});

describe('results for the secretary', () => {
  it('participation, average, pass rate, distribution and the hardest question first; results reach the 学习档案', async () => {
    const c = clock('2026-12-03T01:00:00Z');
    const rt = await demoRuntime(c.now);
    const { paperId } = await examWithAll(rt, c.now());
    // Member 1: all right (100). Member 2: only the blank wrong (75). Member 3: everything wrong (0).
    const a1 = await start(rt, paperId, MEMBER);
    await answerAll(rt, a1, 'right', MEMBER);
    await ok(rt, 'exam', 'submit', { attemptId: a1.id }, MEMBER);
    const a2 = await start(rt, paperId, MEMBER2);
    const answers2 = Object.fromEntries(
      a2.questions.map((q) => [q.id, q.type === 'blank' ? wrongAnswer(q, QUESTIONS.blank) : rightAnswer(q, draftOf(q.stem))]),
    );
    await ok(rt, 'exam', 'submit', { attemptId: a2.id, answers: answers2 }, MEMBER2);
    const m3 = { openid: 'demo-member-03' };
    const a3 = await start(rt, paperId, m3);
    await answerAll(rt, a3, 'wrong', m3);
    await ok(rt, 'exam', 'submit', { attemptId: a3.id }, m3);
    const r = await ok<PaperResults>(rt, 'exam', 'results', { paperId }, SECRETARY);
    expect(r.taken).toBe(3);
    expect(r.audienceSize).toBeGreaterThan(3);
    expect(r.average).toBe(58.3);
    expect(r.passRate).toBeCloseTo(2 / 3);
    expect(r.distribution).toEqual([
      { label: '0-59', count: 1 },
      { label: '60-69', count: 0 },
      { label: '70-79', count: 1 },
      { label: '80-89', count: 0 },
      { label: '90-100', count: 1 },
    ]);
    expect(r.questions[0]).toMatchObject({ stem: QUESTIONS.blank.stem, correctRate: 1 / 3, answered: 3 });
    expect(r.questions.slice(1).every((q) => q.correctRate === 2 / 3)).toBe(true);
    // Who has not taken it comes first, to be reminded.
    expect(r.members[0]!.score).toBeNull();
    expect(r.members.filter((m) => m.score !== null).map((m) => m.score)).toEqual([100, 75, 0]);
    const notYet = r.members.find((m) => m.score === null)!;
    expect(await ok(rt, 'exam', 'remind', { paperId, memberId: notYet.memberId }, SECRETARY)).toEqual({ reminded: true });
    expect(await rt.invoke('exam', { action: 'remind', data: { paperId, memberId: notYet.memberId } }, SECRETARY)).toMatchObject({
      ok: false,
      code: 'RATE_LIMITED',
    });
    const taken = r.members.find((m) => m.score === 100)!;
    expect(await rt.invoke('exam', { action: 'remind', data: { paperId, memberId: taken.memberId } }, SECRETARY)).toMatchObject({
      ok: false,
      code: 'CONFLICT',
    });
    const { url } = await ok<{ url: string }>(rt, 'exam', 'exportResults', { paperId }, SECRETARY);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(new Uint8Array(await readStored(rt, url)).buffer);
    const rows = book.getWorksheet('成绩')!.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows.some((row) => row.includes(100) && row.includes('及格'))).toBe(true);
    const archive = await ok<{ study: StudyArchiveView }>(rt, 'archive', 'mine', {}, MEMBER);
    expect(archive.study.exams).toEqual([{ title: '十二月党章党规考试', score: 100, passed: true, at: expect.any(String) }]);
    const ledger = await ok<{ items: LedgerEntry[] }>(rt, 'points', 'history', {}, MEMBER);
    expect(ledger.items.find((e) => e.rule === 'exam')).toMatchObject({ points: 10, title: expect.stringContaining('十二月党章党规考试') });
  });
});
