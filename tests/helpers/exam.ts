import type { AttemptView, GradedAttempt, OpenAttempt, QuestionDraft } from '../../typings/exam';
import type { Runtime } from '../../local/runtime';
import { RD, SECRETARY } from './activity';
import { ok } from './runtime';

/** Texts that appear only in answers and explanations: a response carrying one of them leaked it. */
export const SECRET = 'ANS-SECRET';

/** One question of each type, each with its secrets marked. */
export const QUESTIONS: Record<'single' | 'multiple' | 'judge' | 'blank', QuestionDraft> = {
  single: {
    type: 'single',
    stem: '党的最高领导机关是',
    options: ['党的全国代表大会和它所产生的中央委员会', '中央政治局', '中央书记处', '中央纪律检查委员会'],
    answer: [0],
    blanks: [],
    explanation: `${SECRET} 见党章第十条`,
    tags: ['理论'],
    difficulty: 1,
  },
  multiple: {
    type: 'multiple',
    stem: '“三会一课”中的“三会”包括',
    options: ['支部党员大会', '支部委员会', '党小组会', '民主生活会'],
    answer: [0, 1, 2],
    blanks: [],
    explanation: `${SECRET} 三会是支部党员大会、支部委员会和党小组会`,
    tags: ['业务'],
    difficulty: 2,
  },
  judge: {
    type: 'judge',
    stem: '预备党员的预备期为一年。',
    options: [],
    answer: [0],
    blanks: [],
    explanation: `${SECRET} 党章第七条`,
    tags: ['理论'],
    difficulty: 1,
  },
  blank: {
    type: 'blank',
    stem: '党的一大于____年在____召开。',
    options: [],
    answer: [],
    blanks: [[`1921`], [`上海${SECRET}`, '上海市']],
    explanation: `${SECRET} 一大于 1921 年在上海召开`,
    tags: ['党史'],
    difficulty: 1,
  },
};

/** `n` distinct single-choice questions (stems numbered), tagged and graded as given. */
export function singles(n: number, tag: QuestionDraft['tags'][number] = '党史', difficulty: 1 | 2 | 3 = 2, prefix = '第'): QuestionDraft[] {
  return Array.from({ length: n }, (_, i) => ({
    ...QUESTIONS.single,
    stem: `${prefix}${i + 1}题：${tag}知识`,
    tags: [tag],
    difficulty,
  }));
}

/** Adds questions to a unit's bank; answers their ids in order. */
export async function addQuestions(
  rt: Pick<Runtime, 'invoke'>,
  questions: QuestionDraft[],
  orgId = RD,
  who = SECRETARY,
): Promise<string[]> {
  const ids: string[] = [];
  for (const question of questions) {
    ids.push((await ok<{ questionId: string }>(rt, 'exam', 'saveQuestion', { orgId, question }, who)).questionId);
  }
  return ids;
}

/** A paper as the form sends it: an exam of fixed questions for the branch, open now for a day, 30 minutes, 2 attempts. */
export function paperInput(now: Date, questionIds: string[], overrides: Record<string, unknown> = {}) {
  return {
    kind: 'exam',
    title: '十二月党章党规考试',
    intro: '',
    mode: 'fixed',
    questionIds,
    rules: [],
    openAt: null,
    closeAt: new Date(now.getTime() + 24 * 3600_000).toISOString(),
    limitMinutes: 30,
    attempts: 2,
    passMark: 60,
    audience: { kind: 'unit' },
    ...overrides,
  };
}

export async function createPaper(
  rt: Pick<Runtime, 'invoke'>,
  now: Date,
  questionIds: string[],
  overrides: Record<string, unknown> = {},
  orgId = RD,
  who = SECRETARY,
): Promise<string> {
  return (await ok<{ paperId: string }>(rt, 'exam', 'savePaper', { orgId, paper: paperInput(now, questionIds, overrides) }, who)).paperId;
}

export function isOpen(a: AttemptView): asserts a is OpenAttempt {
  if (a.status !== 'open') throw new Error(`expected an open paper, got ${a.status}`);
}
export function isGraded(a: AttemptView): asserts a is GradedAttempt {
  if (a.status !== 'graded') throw new Error(`expected a graded paper, got ${a.status}`);
}

/** The answer a member would give to get `q` (a question as shown to them) right, knowing the bank's draft. */
export function rightAnswer(shown: { type: string; options: string[]; blanks: number }, draft: QuestionDraft) {
  if (draft.type === 'blank') return { blanks: draft.blanks.map((b) => b[0]!) };
  if (draft.type === 'judge') return { choice: [draft.answer[0]!] };
  return { choice: draft.answer.map((i) => shown.options.indexOf(draft.options[i]!)) };
}

/** A wrong answer to the same question. */
export function wrongAnswer(shown: { type: string; options: string[]; blanks: number }, draft: QuestionDraft) {
  if (draft.type === 'blank') return { blanks: draft.blanks.map(() => '不知道') };
  if (draft.type === 'judge') return { choice: [1 - draft.answer[0]!] };
  const wrong = draft.options.findIndex((_, i) => !draft.answer.includes(i));
  return { choice: [shown.options.indexOf(draft.options[wrong]!)] };
}
