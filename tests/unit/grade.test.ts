import { checkAnswer, correctView, grade, gradeItem, shuffled, toItem } from '../../cloudfunctions/exam/grade';
import type { AttemptItem, BankQuestionDoc } from '../../cloudfunctions/common/db';
import { questionProblems, type QuestionDraft } from '../../typings/exam';
import { QUESTIONS } from '../helpers/exam';

const doc = (q: QuestionDraft, id = 'q1'): BankQuestionDoc => ({
  ...q,
  _id: id,
  orgId: 'o',
  createdBy: 'x',
  createdAt: new Date(0),
  updatedAt: new Date(0),
  removedAt: null,
});

/** An item with options in the editor's order (shown position = editor index), so answers read plainly. */
const plain = (q: QuestionDraft): AttemptItem => ({ ...toItem(doc(q), 's'), perm: q.options.map((_, i) => i) });

describe('grading each question type', () => {
  it('single choice and true/false are right only with the one right option', () => {
    const single = plain(QUESTIONS.single);
    expect(gradeItem(single, { choice: [0] })).toEqual({ earned: 1, right: true });
    expect(gradeItem(single, { choice: [1] })).toEqual({ earned: 0, right: false });
    expect(gradeItem(single, { choice: [] })).toEqual({ earned: 0, right: false });
    expect(gradeItem(single, undefined)).toEqual({ earned: 0, right: false });
    const judge = plain(QUESTIONS.judge);
    expect(gradeItem(judge, { choice: [0] }).right).toBe(true);
    expect(gradeItem(judge, { choice: [1] }).right).toBe(false);
  });

  it('multiple choice: all right options earns all, some and no wrong one earns half, any wrong option earns nothing', () => {
    const multi = plain(QUESTIONS.multiple); // right: 0, 1, 2
    expect(gradeItem(multi, { choice: [2, 0, 1] })).toEqual({ earned: 1, right: true });
    expect(gradeItem(multi, { choice: [0, 1] })).toEqual({ earned: 0.5, right: false });
    expect(gradeItem(multi, { choice: [0] })).toEqual({ earned: 0.5, right: false });
    expect(gradeItem(multi, { choice: [0, 1, 2, 3] })).toEqual({ earned: 0, right: false });
    expect(gradeItem(multi, { choice: [0, 3] })).toEqual({ earned: 0, right: false });
  });

  it('blanks accept any of their answers, ignoring spaces, case and full-width forms, and earn per blank', () => {
    const item = plain({ ...QUESTIONS.blank, blanks: [['1921'], ['上海', '上海市', 'Shanghai']] });
    expect(gradeItem(item, { blanks: ['1921', '上海'] })).toEqual({ earned: 1, right: true });
    expect(gradeItem(item, { blanks: [' １９２１ ', '上海市'] })).toEqual({ earned: 1, right: true });
    expect(gradeItem(item, { blanks: ['1921', ' shang hai '] })).toEqual({ earned: 1, right: true });
    expect(gradeItem(item, { blanks: ['1921', '北京'] })).toEqual({ earned: 0.5, right: false });
    expect(gradeItem(item, { blanks: ['', ''] })).toEqual({ earned: 0, right: false });
  });

  it('a paper scores the share earned out of 100, rounded, and counts only whole right answers', () => {
    const items = [plain(QUESTIONS.single), plain(QUESTIONS.multiple), plain(QUESTIONS.judge)].map((it, i) => ({ ...it, qid: `q${i}` }));
    const g = grade(items, { q0: { choice: [0] }, q1: { choice: [0] }, q2: { choice: [1] } });
    expect(g.score).toBe(50); // (1 + 0.5 + 0) / 3
    expect(g.rightCount).toBe(1);
    expect(g.earned).toEqual({ q0: 1, q1: 0.5, q2: 0 });
  });
});

describe('shuffling is per member and reproducible', () => {
  it('the same seed gives the same order, different seeds (almost always) differ', () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    expect(shuffled('a~1', items)).toEqual(shuffled('a~1', items));
    expect(shuffled('a~1', items)).not.toEqual(shuffled('b~1', items));
    expect([...shuffled('a~1', items)].sort((x, y) => x - y)).toEqual(items);
  });

  it('an answer by shown position is graded against the editor order, and the right answer is shown in the member order', () => {
    const item = toItem(doc(QUESTIONS.single), 'member-seed');
    const shownRight = item.perm.indexOf(0);
    expect(gradeItem(item, { choice: [shownRight] }).right).toBe(true);
    expect(correctView(item)).toEqual({ choice: [shownRight] });
  });
});

describe('answers that do not fit the question are refused', () => {
  it('refuses an option that is not there, two options for a single choice, and the wrong number of blanks', () => {
    expect(() => checkAnswer(plain(QUESTIONS.single), { choice: [4] })).toThrow('选项不存在');
    expect(() => checkAnswer(plain(QUESTIONS.single), { choice: [0, 1] })).toThrow('只能选一个');
    expect(() => checkAnswer(plain(QUESTIONS.judge), { choice: [2] })).toThrow('选项不存在');
    expect(() => checkAnswer(plain(QUESTIONS.blank), { blanks: ['1921'] })).toThrow('2 个空');
    expect(() => checkAnswer(plain(QUESTIONS.blank), { choice: [0] })).toThrow('填空题');
    expect(() => checkAnswer(plain(QUESTIONS.multiple), { choice: [0, 0] })).toThrow('重复');
  });

  it('a question whose answer does not fit its type is described in words', () => {
    expect(questionProblems({ ...QUESTIONS.single, answer: [0, 1] })).toContain('单选题要有且只有 1 个正确答案');
    expect(questionProblems({ ...QUESTIONS.multiple, answer: [1] })).toContain('多选题至少要有 2 个正确答案');
    expect(questionProblems({ ...QUESTIONS.blank, blanks: [['1921']] })).toContain('题干有 2 个空，答案给了 1 个');
    expect(questionProblems({ ...QUESTIONS.judge, answer: [2] })).toContain('判断题的答案是「正确」或「错误」');
    for (const q of Object.values(QUESTIONS)) expect(questionProblems(q)).toEqual([]);
  });
});
