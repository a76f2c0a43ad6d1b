import { createHash } from 'node:crypto';
import { JUDGE_OPTIONS, type Answer, type GradedQuestion, type PaperQuestion } from '../../typings/exam';
import type { AttemptDoc, AttemptItem, BankQuestionDoc } from '../common/db';
import { AppError } from '../common/errors';

/**
 * The arithmetic of papers, apart from the database: drawing and shuffling (reproducibly, from a
 * seed), what a member is shown, and grading. Only the server runs it.
 */

/** A stream of numbers in [0, 1) from a seed: sha256 of the seed and a counter. Same seed, same stream. */
function seeded(seed: string): () => number {
  let counter = 0;
  let pool: Buffer = Buffer.alloc(0);
  return () => {
    if (pool.length < 4) {
      pool = createHash('sha256').update(`${seed}#${counter++}`).digest();
    }
    const n = pool.readUInt32BE(0);
    pool = pool.subarray(4);
    return n / 0x100000000;
  };
}

/** Fisher-Yates with a seeded stream: the same seed always gives the same order. */
export function shuffled<T>(seed: string, items: readonly T[]): T[] {
  const out = [...items];
  const next = seeded(seed);
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** A bank question as drawn into one member's paper: a copy, with its options shuffled for them. */
export function toItem(q: BankQuestionDoc, seed: string): AttemptItem {
  const indices = q.options.map((_, i) => i);
  return {
    qid: q._id,
    type: q.type,
    stem: q.stem,
    options: q.options,
    answer: q.answer,
    blanks: q.blanks,
    explanation: q.explanation,
    perm: q.type === 'single' || q.type === 'multiple' ? shuffled(`${seed}:${q._id}`, indices) : [],
  };
}

const shownOptions = (item: AttemptItem): string[] => (item.type === 'judge' ? [...JUDGE_OPTIONS] : item.perm.map((i) => item.options[i]!));

/** What a member sees of a question while answering: never the answer or the explanation. */
export function questionView(item: AttemptItem): PaperQuestion {
  return {
    id: item.qid,
    type: item.type,
    stem: item.stem,
    options: item.type === 'blank' ? [] : shownOptions(item),
    blanks: item.type === 'blank' ? item.blanks.length : 0,
  };
}

/** The editor's index of an option the member chose (by its shown position). */
const original = (item: AttemptItem, shown: number) => (item.type === 'judge' ? shown : item.perm[shown]!);

/** Blanks compare without spaces, case or full-width forms: "１９２１" and " 1921 " are both 1921. */
export const normalizeBlank = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/** What checking an answer needs of a question: its type, and how many options (or blanks) it has. */
export interface Shape {
  type: AttemptItem['type'];
  n: number;
}

export const shapeOf = (item: AttemptItem): Shape => ({
  type: item.type,
  n: item.type === 'blank' ? item.blanks.length : item.type === 'judge' ? 2 : item.options.length,
});

/** Refuses an answer that does not fit its question (wrong kind, an option that is not there, the wrong number of blanks). */
export function checkAnswer(q: AttemptItem | Shape, answer: Answer): void {
  const { type, n } = 'n' in q ? q : shapeOf(q);
  const bad = (message: string) => new AppError('INVALID_INPUT', message);
  if (type === 'blank') {
    if (!answer.blanks || answer.choice) throw bad('填空题请填写空格');
    if (answer.blanks.length !== n) throw bad(`这道题有 ${n} 个空`);
    return;
  }
  if (!answer.choice || answer.blanks) throw bad('选择题请选择选项');
  if (answer.choice.some((i) => i >= n)) throw bad('选项不存在');
  if (new Set(answer.choice).size !== answer.choice.length) throw bad('选项重复');
  if (type !== 'multiple' && answer.choice.length > 1) throw bad('这道题只能选一个答案');
}

/** The share of a question's score an answer earns: multiple choice earns half when some right options and no wrong one were chosen. */
export function gradeItem(item: AttemptItem, answer: Answer | undefined): { earned: number; right: boolean } {
  if (!answer) return { earned: 0, right: false };
  if (item.type === 'blank') {
    const given = answer.blanks ?? [];
    const hits = item.blanks.filter((accepted, i) => {
      const mine = normalizeBlank(given[i] ?? '');
      return mine !== '' && accepted.some((a) => normalizeBlank(a) === mine);
    }).length;
    return { earned: hits / item.blanks.length, right: hits === item.blanks.length };
  }
  const chosen = new Set((answer.choice ?? []).map((c) => original(item, c)));
  const key = new Set(item.answer);
  if (chosen.size === 0 || [...chosen].some((c) => !key.has(c))) return { earned: 0, right: false };
  if (chosen.size === key.size) return { earned: 1, right: true };
  return { earned: item.type === 'multiple' ? 0.5 : 0, right: false };
}

/** The right answer as the member was shown the options. */
export function correctView(item: AttemptItem): Answer {
  if (item.type === 'blank') return { blanks: item.blanks.map((b) => b[0]!) };
  const shown = item.type === 'judge' ? item.answer : item.answer.map((a) => item.perm.indexOf(a));
  return { choice: [...shown].sort((a, b) => a - b) };
}

/** A paper's grade from what was saved: of 100, rounded, with each question's share earned. */
export function grade(items: AttemptItem[], answers: Record<string, Answer>) {
  const earned: Record<string, number> = {};
  let sum = 0;
  let rightCount = 0;
  for (const item of items) {
    const g = gradeItem(item, answers[item.qid]);
    earned[item.qid] = g.earned;
    sum += g.earned;
    if (g.right) rightCount += 1;
  }
  const score = items.length ? Math.round((100 * sum) / items.length) : 0;
  return { earned, score, rightCount };
}

/** A graded question for the member, after submission. */
export function gradedView(item: AttemptItem, attempt: Pick<AttemptDoc, 'answers'> & { earned: Record<string, number> }): GradedQuestion {
  const earned = attempt.earned[item.qid] ?? 0;
  return {
    ...questionView(item),
    mine: attempt.answers[item.qid] ?? null,
    correct: correctView(item),
    right: earned === 1,
    earned,
    explanation: item.explanation,
  };
}
