/**
 * Members' voice (心声): letters to the branch (书记信箱), surveys (匿名调查), evaluation votes
 * (评先评优) and the honours they lead to (优秀党员风采). Shared by the mini program and the functions.
 *
 * Anonymity is a property of the stored data, not a label: an anonymous letter, answer or ballot is
 * stored with no openid, no member id and no time finer than the day, under a random id; what keeps
 * a member from answering twice is a separate participation record written in a separate request.
 */
import type { ImageRef } from './domain';

export const VOICE_RULES = {
  /** An anonymous survey's results show only from this many answers (fewer could point at people). */
  resultsMinAnswers: 5,
  /** Letters one person may send in a Beijing day (anonymous ones included). */
  lettersPerDay: 5,
  letterMaxImages: 3,
  surveyMaxQuestions: 30,
  surveyMaxOptions: 10,
  /** Free-text answers shown per question on the results page (a random sample of them). */
  textsShown: 30,
  voteMaxCandidates: 50,
} as const;

export const LETTER_CATEGORIES = ['suggestion', 'opinion', 'help', 'other'] as const;
export type LetterCategory = (typeof LETTER_CATEGORIES)[number];
export const LETTER_CATEGORY_LABEL: Record<LetterCategory, string> = {
  suggestion: '建议',
  opinion: '意见',
  help: '求助',
  other: '其他',
};

/** 0 unread by the branch, 1 being handled, 2 answered: the inbox sorts by it. */
export const LETTER_STATES = ['new', 'processing', 'replied'] as const;
export type LetterState = (typeof LETTER_STATES)[number];
export const LETTER_STATE_LABEL: Record<LetterState, string> = { new: '待处理', processing: '处理中', replied: '已答复' };

/** What the form says anonymity means, and what it does not. */
export const ANONYMOUS_LETTER_NOTE =
  '匿名发送时，系统不保存你的姓名和账号，支部看不到是谁写的，只有你自己能在「我的留言」里看到这封信和回复。但信的内容本身（如提到的具体事情）仍可能让人猜出你是谁。';

export interface LetterReplyView {
  text: string;
  /** The replier's name and role (书记, 支委). */
  by: string;
  at: string;
}

export interface LetterView {
  id: string;
  orgName: string;
  category: LetterCategory;
  text: string;
  images: ImageRef[];
  anonymous: boolean;
  /** The writer's name, for signed letters only (never for anonymous ones, to anyone). */
  writer: string | null;
  /** The Beijing day it was written (no finer time is kept). */
  day: string;
  state: LetterState;
  replies: LetterReplyView[];
  /** For the writer: a reply they have not yet opened. */
  unread: boolean;
}

export type LetterCard = Omit<LetterView, 'images' | 'replies'> & { imageCount: number; replyCount: number; excerpt: string };

export const SURVEY_QUESTION_TYPES = ['single', 'multiple', 'scale', 'text'] as const;
export type SurveyQuestionType = (typeof SURVEY_QUESTION_TYPES)[number];
export const SURVEY_QUESTION_LABEL: Record<SurveyQuestionType, string> = {
  single: '单选',
  multiple: '多选',
  scale: '评分',
  text: '填空',
};

export interface SurveyQuestion {
  /** Stable within the survey (`q1`, `q2`, …): answers and tallies are keyed by it. */
  id: string;
  type: SurveyQuestionType;
  title: string;
  required: boolean;
  /** Choices: the options. */
  options: string[];
  /** Scale: 1..scaleMax, with words for the ends. */
  scaleMax: 5 | 10;
  scaleLabels: [string, string];
}

/** One answer: choices by option index, a scale value, or text. */
export interface SurveyAnswer {
  choice?: number[];
  scale?: number;
  text?: string;
}

export type SurveyState = 'scheduled' | 'open' | 'closed' | 'cancelled';
export const SURVEY_STATE_LABEL: Record<SurveyState, string> = {
  scheduled: '未开始',
  open: '进行中',
  closed: '已结束',
  cancelled: '已撤回',
};

export interface SurveyDraft {
  title: string;
  intro: string;
  anonymous: boolean;
  questions: SurveyQuestion[];
  openAt: string | null;
  closeAt: string | null;
}

/** A survey as a member answers it. */
export interface SurveyView extends SurveyDraft {
  id: string;
  orgName: string;
  state: SurveyState;
  answered: boolean;
}

export interface SurveyEditorCard {
  id: string;
  title: string;
  anonymous: boolean;
  state: SurveyState;
  openAt: string | null;
  closeAt: string | null;
  answers: number;
  /** Active members of the audience when the survey was last saved. */
  audienceSize: number;
  audienceLabel: string;
}

export interface SurveyQuestionResult {
  id: string;
  type: SurveyQuestionType;
  title: string;
  /** How many answered this question. */
  answered: number;
  /** Choices: each option's count and share of those who answered it; scale: each value 1..max. */
  counts: { label: string; count: number; share: number }[];
  /** Scale: the mean. */
  average: number | null;
  /** Text: a random sample of the answers (anonymous) or the answers with names (named). */
  texts: { text: string; name: string | null }[];
  textCount: number;
}

export interface SurveyResults {
  card: SurveyEditorCard;
  /** False while an anonymous survey has fewer than VOICE_RULES.resultsMinAnswers answers. */
  shown: boolean;
  withheldReason: string | null;
  questions: SurveyQuestionResult[];
  /** Named surveys only: who answered what, one line per question (the first 200; all of them in the export). Null when anonymous. */
  responses: { name: string; answers: string[] }[] | null;
}

/** Who in the audience has not answered yet, for reminders (participation is not the answer, anonymous or not). */
export interface SurveyPending {
  answered: number;
  members: { memberId: string; name: string; orgName: string; remindedToday: boolean }[];
  /** Not answered beyond those listed. */
  more: number;
}

export type VoteState = SurveyState;

export interface VoteDraft {
  title: string;
  intro: string;
  /** Honours to award (名额). */
  seats: number;
  /** Votes each voter has. */
  maxChoices: number;
  anonymous: boolean;
  /** Members may nominate (the secretary approves). */
  memberNominations: boolean;
  openAt: string | null;
  closeAt: string;
}

export type CandidateStatus = 'approved' | 'pending' | 'rejected';
export const CANDIDATE_STATUS_LABEL: Record<CandidateStatus, string> = { approved: '候选人', pending: '待审核', rejected: '未通过' };

export interface CandidateView {
  id: string;
  memberId: string;
  name: string;
  orgName: string;
  deed: string;
  status: CandidateStatus;
  /** Who nominated: 支部 or a member's name. */
  nominatedBy: string;
  /** Only once the vote has closed (and to the organisers while it is open: null). */
  votes: number | null;
  rank: number | null;
  winner: boolean;
}

/** A vote as a member sees it: the ballot while open, the results once closed. */
export interface VoteView extends VoteDraft {
  id: string;
  orgName: string;
  state: VoteState;
  voted: boolean;
  candidates: CandidateView[];
  /** Once closed (to the organisers, all along): ballots cast and the audience; and whether the winners are recorded. */
  turnout: number | null;
  audienceSize: number | null;
  finalized: boolean;
  /** The caller's nominations awaiting approval. */
  myNominations: number;
}

export interface VoteEditorCard {
  id: string;
  title: string;
  state: VoteState;
  openAt: string | null;
  closeAt: string;
  seats: number;
  candidates: number;
  pendingNominations: number;
  turnout: number;
  audienceSize: number;
  audienceLabel: string;
  finalized: boolean;
}

export interface HonourView {
  id: string;
  memberId: string;
  name: string;
  orgName: string;
  title: string;
  year: number;
  deed: string;
  /** From a vote, or recorded directly by the unit. */
  source: 'vote' | 'manual';
  at: string;
}

export interface Showcase {
  orgId: string;
  orgName: string;
  honours: HonourView[];
  /** 先锋风采 posts of the unit, newest first. */
  stories: { id: string; title: string; publishAt: string; cover: string | null }[];
}

/** The 心声 page: what is open for the caller, and their letters' news. */
export interface VoiceHome {
  /** The branches the caller can write to. */
  units: { orgId: string; name: string }[];
  topics: TopicCard[];
  /** The caller's branches' appraisals in progress (or in 公示). */
  appraisals: { id: string; title: string; step: AppraisalStep }[];
  surveys: { id: string; title: string; closeAt: string | null; answered: boolean; anonymous: boolean; state: SurveyState }[];
  votes: { id: string; title: string; closeAt: string; voted: boolean; state: VoteState }[];
  unreadReplies: number;
  /** Where the caller leads: the letters waiting for the branch (null for members). */
  lettersWaiting: number | null;
}

/** Problems with a survey as written, in the words the form and the server both use. */
export function surveyProblems(s: Pick<SurveyDraft, 'questions'>): string[] {
  const out: string[] = [];
  if (s.questions.length === 0) out.push('请至少添加一个问题');
  s.questions.forEach((q, i) => {
    const n = `第 ${i + 1} 题`;
    if (!q.title.trim()) out.push(`${n}：请填写题目`);
    if ((q.type === 'single' || q.type === 'multiple') && q.options.length < 2) out.push(`${n}：至少 2 个选项`);
    if ((q.type === 'single' || q.type === 'multiple') && new Set(q.options).size !== q.options.length) out.push(`${n}：选项重复`);
  });
  if (new Set(s.questions.map((q) => q.id)).size !== s.questions.length) out.push('题目编号重复');
  return out;
}

/** 讲坛: what a topic is for (a question for a 访谈会, a lesson or meeting to discuss, a topic in the news). */
export const TOPIC_KINDS = ['interview', 'lesson', 'meeting', 'news'] as const;
export type TopicKind = (typeof TOPIC_KINDS)[number];
export const TOPIC_KIND_LABEL: Record<TopicKind, string> = {
  interview: '访谈会',
  lesson: '学习讨论',
  meeting: '会议议题',
  news: '时事热点',
};

export interface TopicReplyView {
  id: string;
  memberId: string;
  name: string;
  text: string;
  at: string;
  likes: number;
  liked: boolean;
  pinned: boolean;
  /** Only organisers see hidden replies (marked); members do not see them at all. */
  hidden: boolean;
  mine: boolean;
}

export interface TopicCard {
  id: string;
  kind: TopicKind;
  title: string;
  orgName: string;
  replies: number;
  closed: boolean;
  createdAt: string;
}

export interface TopicView extends TopicCard {
  body: string;
  /** The meeting it belongs to, if any (its record can carry the discussion). */
  activityId: string | null;
  activityTitle: string | null;
  /** The caller organises it: pins, hides, closes, exports. */
  organiser: boolean;
  /** The caller is in its audience: may reply and like. */
  member: boolean;
  items: TopicReplyView[];
}

/** 民主评议党员: the steps, in order, each opened by the secretary. */
export const APPRAISAL_STEPS = ['study', 'self', 'peer', 'decide', 'publicize', 'done'] as const;
export type AppraisalStep = (typeof APPRAISAL_STEPS)[number];
export const APPRAISAL_STEP_LABEL: Record<AppraisalStep, string> = {
  study: '学习培训',
  self: '个人自评',
  peer: '党员互评',
  decide: '组织评定',
  publicize: '结果公示',
  done: '已结束',
};

export const APPRAISAL_GRADES = ['excellent', 'qualified', 'basic', 'unqualified'] as const;
export type AppraisalGrade = (typeof APPRAISAL_GRADES)[number];
export const APPRAISAL_GRADE_LABEL: Record<AppraisalGrade, string> = {
  excellent: '优秀',
  qualified: '合格',
  basic: '基本合格',
  unqualified: '不合格',
};

/** What a member sees of their branch's appraisal: where it stands and what is theirs to do. */
export interface AppraisalView {
  id: string;
  orgName: string;
  year: number;
  title: string;
  step: AppraisalStep;
  /** The caller is one of those appraised (a member of the branch when it began). */
  appraised: boolean;
  mySelf: string | null;
  rated: boolean;
  /** Peer step: the others to rate. */
  peers: { memberId: string; name: string; self: string | null }[];
  /** 公示: each member's grade, until `publicizeUntil`. */
  outcome: { memberId: string; name: string; grade: AppraisalGrade | null }[] | null;
  publicizeUntil: string | null;
}

/** The branch committee's view: each member's self-assessment, the distribution of the anonymous ratings, the grade. */
export interface AppraisalBoard {
  id: string;
  orgId: string;
  year: number;
  title: string;
  step: AppraisalStep;
  raters: number;
  /** The caller may open the next step (the secretaries; 支委 see the board and record grades). */
  leads: boolean;
  members: {
    memberId: string;
    name: string;
    self: string | null;
    counts: Record<AppraisalGrade, number>;
    grade: AppraisalGrade | null;
  }[];
  publicizeUntil: string | null;
}

export interface AppraisalCard {
  id: string;
  year: number;
  title: string;
  step: AppraisalStep;
  members: number;
  raters: number;
}
