/**
 * Assessment (学习考核): question banks, papers (每日一练, 专项测验, 考试) graded on the server, the
 * wrong-answer book. Shared by the mini program and the functions.
 */
import { STUDY_TAGS, type StudyTag } from './study';

export const QUESTION_TYPES = ['single', 'multiple', 'judge', 'blank'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
export const QUESTION_TYPE_LABEL: Record<QuestionType, string> = {
  single: '单选题',
  multiple: '多选题',
  judge: '判断题',
  blank: '填空题',
};

export const DIFFICULTIES = [1, 2, 3] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];
export const DIFFICULTY_LABEL: Record<Difficulty, string> = { 1: '易', 2: '中', 3: '难' };

/** A true/false question's two choices, in this order (never shuffled). */
export const JUDGE_OPTIONS = ['正确', '错误'] as const;

/** The blank marker in a fill-in stem: one per blank. */
export const BLANK_MARK = '____';

export const EXAM_RULES = {
  /** Questions in each day's 每日一练. */
  dailyCount: 5,
  /** Questions in one practice from the 错题本. */
  wrongPracticeCount: 10,
  /** A question leaves the 错题本 after this many right answers in a row. */
  wrongClearStreak: 2,
  /** Most questions in a paper. */
  maxQuestions: 100,
  maxOptions: 8,
  maxBlanks: 5,
  /** Most rows in one bank import. */
  importMaxRows: 1000,
  /** Default pass mark (of 100). */
  passMark: 60,
} as const;

export const PAPER_KINDS = ['quiz', 'exam'] as const;
export type PaperKind = (typeof PAPER_KINDS)[number];
/** An attempt is of a paper, of the day's practice, or of the wrong-answer book. */
export type AttemptKind = PaperKind | 'daily' | 'wrong';
export const ATTEMPT_KIND_LABEL: Record<AttemptKind, string> = {
  daily: '每日一练',
  quiz: '专项测验',
  exam: '考试',
  wrong: '错题练习',
};

/** What an editor writes: for choices, `answer` holds option indices; for blanks, each blank's accepted answers. */
export interface QuestionDraft {
  type: QuestionType;
  stem: string;
  /** Single and multiple choice: the options in the editor's order. Judge and blank: empty. */
  options: string[];
  /** Choice: indices of the right options (judge: [0] 正确 or [1] 错误). Blank: empty. */
  answer: number[];
  /** Blank: for each blank, the answers accepted. Otherwise empty. */
  blanks: string[][];
  explanation: string;
  tags: StudyTag[];
  difficulty: Difficulty;
}

/** A question of a unit's bank, as its editors list it. */
export interface QuestionRow extends QuestionDraft {
  id: string;
  /** The unit whose bank it is (an upper unit's, when listed with theirs). */
  orgName: string;
  updatedAt: string;
}

/** A member's answer: choices as indices of the options as shown to them, or the text of each blank. */
export interface Answer {
  choice?: number[];
  blanks?: string[];
}

/** A question as a member sees it while answering: no answer, no explanation. */
export interface PaperQuestion {
  id: string;
  type: QuestionType;
  stem: string;
  /** In the order shown to this member (judge: 正确, 错误). */
  options: string[];
  /** Fill-in: how many blanks. */
  blanks: number;
}

/** A graded question: the member's answer beside the right one, with the explanation. */
export interface GradedQuestion extends PaperQuestion {
  mine: Answer | null;
  /** The right answer in the shown order; for blanks, the first accepted answer of each. */
  correct: Answer;
  right: boolean;
  /** Share of the question's score earned: 0, 0.5 (multiple choice, some right and none wrong), 1, or blanks right / blanks. */
  earned: number;
  explanation: string;
}

interface AttemptBase {
  id: string;
  kind: AttemptKind;
  title: string;
  paperId: string | null;
  startedAt: string;
}

/** A paper being answered. */
export interface OpenAttempt extends AttemptBase {
  status: 'open';
  questions: PaperQuestion[];
  /** What the member saved so far, by question id. */
  answers: Record<string, Answer>;
  /** The server's deadline (time limit or the exam's close), or null. */
  deadlineAt: string | null;
  /** The server's clock when this was sent: the client counts down from here, not from its own clock. */
  serverNow: string;
}

/** A submitted (or timed-out) paper with its grading. */
export interface GradedAttempt extends AttemptBase {
  status: 'graded';
  questions: GradedQuestion[];
  /** Of 100, rounded. */
  score: number;
  rightCount: number;
  passMark: number | null;
  passed: boolean | null;
  submittedAt: string;
  /** Graded when time ran out, with what had been saved. */
  timedOut: boolean;
  /** Points this paper earned (0 when capped or not passed). */
  points: number;
}

export type AttemptView = OpenAttempt | GradedAttempt;

/** A quiz or exam in a member's list. */
export interface PaperCard {
  id: string;
  kind: PaperKind;
  title: string;
  orgName: string;
  questionCount: number;
  openAt: string | null;
  closeAt: string | null;
  limitMinutes: number | null;
  passMark: number;
  /** Attempts allowed (null: as many as the member likes). */
  attempts: number | null;
  attemptsUsed: number;
  /** An attempt in progress, to continue. */
  openAttemptId: string | null;
  best: { score: number; passed: boolean; attemptId: string } | null;
  /** open: can start or continue; upcoming: not yet open; closed: past its close or no attempts left. */
  state: 'open' | 'upcoming' | 'closed';
}

/** 学习 tab's 考核 card and the member's practice page. */
export interface ExamHome {
  daily: { available: boolean; attemptId: string | null; done: boolean; score: number | null };
  papers: PaperCard[];
  wrongCount: number;
}

/** An entry of the 错题本. */
export interface WrongItem {
  question: GradedQuestion;
  times: number;
  /** Right answers in a row since the last wrong one (it leaves at EXAM_RULES.wrongClearStreak). */
  streak: number;
  lastWrongAt: string;
}

/** How a quiz or exam picks its questions: fixed ones, or drawn per member by rules. */
export interface DrawRule {
  tag: StudyTag | null;
  difficulty: Difficulty | null;
  count: number;
}

/** A paper as its editors see it. */
export interface PaperDraft {
  kind: PaperKind;
  title: string;
  intro: string;
  mode: 'fixed' | 'rules';
  questionIds: string[];
  rules: DrawRule[];
  openAt: string | null;
  closeAt: string | null;
  limitMinutes: number | null;
  attempts: number | null;
  passMark: number;
}

export interface PaperEditorCard {
  id: string;
  kind: PaperKind;
  title: string;
  questionCount: number;
  openAt: string | null;
  closeAt: string | null;
  audienceLabel: string;
  cancelled: boolean;
  /** Members who submitted at least once. */
  taken: number;
  audienceSize: number;
  createdAt: string;
}

/** A paper's results for its unit's leaders. */
export interface PaperResults {
  paper: PaperEditorCard & { passMark: number; limitMinutes: number | null };
  audienceSize: number;
  taken: number;
  average: number | null;
  passRate: number | null;
  /** Members by their best score: 0-59, 60-69, 70-79, 80-89, 90-100. */
  distribution: { label: string; count: number }[];
  /** Each question asked, the hardest first. */
  questions: { id: string; type: QuestionType; stem: string; answered: number; correctRate: number }[];
  members: {
    memberId: string;
    name: string;
    orgName: string;
    /** Best score, or null when not taken. */
    score: number | null;
    passed: boolean | null;
    attempts: number;
    submittedAt: string | null;
    inProgress: boolean;
    remindedToday: boolean;
  }[];
}

/** Exam results in a member's 学习档案. */
export interface ExamArchiveItem {
  title: string;
  score: number;
  passed: boolean;
  at: string;
}

export const BANK_SHEET_COLUMNS = [
  '题型',
  '题干',
  '选项A',
  '选项B',
  '选项C',
  '选项D',
  '选项E',
  '选项F',
  '答案',
  '解析',
  '标签',
  '难度',
] as const;

export const isStudyTag = (s: string): s is StudyTag => (STUDY_TAGS as readonly string[]).includes(s);

/** Blanks in a fill-in stem: each run of three or more underscores. */
export const BLANK_PATTERN = /_{3,}/g;
export const blankCount = (stem: string) => (stem.match(BLANK_PATTERN) ?? []).length;

/** What is wrong with a question, in words an editor (or an import's row) can act on; empty when it is fine. */
export function questionProblems(q: QuestionDraft): string[] {
  const out: string[] = [];
  const choice = q.type === 'single' || q.type === 'multiple';
  if (choice) {
    if (q.options.length < 2) out.push('选择题至少要有 2 个选项');
    if (new Set(q.options.map((o) => o.trim())).size !== q.options.length) out.push('选项不能重复');
    if (q.answer.some((i) => i >= q.options.length)) out.push('答案不在选项中');
    if (new Set(q.answer).size !== q.answer.length) out.push('答案重复');
    if (q.type === 'single' && q.answer.length !== 1) out.push('单选题要有且只有 1 个正确答案');
    if (q.type === 'multiple' && q.answer.length < 2) out.push('多选题至少要有 2 个正确答案');
  } else if (q.options.length) {
    out.push(`${QUESTION_TYPE_LABEL[q.type]}不需要选项`);
  }
  if (q.type === 'judge' && (q.answer.length !== 1 || (q.answer[0] !== 0 && q.answer[0] !== 1)))
    out.push('判断题的答案是「正确」或「错误」');
  if (q.type === 'blank') {
    const n = blankCount(q.stem);
    if (n === 0) out.push('填空题的题干要用 ____（连续下划线）标出空格');
    else if (n > EXAM_RULES.maxBlanks) out.push(`最多 ${EXAM_RULES.maxBlanks} 个空`);
    else if (q.blanks.length !== n) out.push(`题干有 ${n} 个空，答案给了 ${q.blanks.length} 个`);
    if (q.blanks.some((b) => b.length === 0)) out.push('每个空至少要有 1 个答案');
    if (q.answer.length) out.push('填空题的答案写在空格答案里');
  } else if (q.blanks.length) {
    out.push(`${QUESTION_TYPE_LABEL[q.type]}没有填空答案`);
  }
  return out;
}
