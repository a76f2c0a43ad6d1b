/** Learning (学习): courses of lessons, study records the server measures, assigned study. Shared by the mini program and the functions. */
import type { PostBlockView, AttachmentExt } from './domain';

/** Tags a course or a 学习资料 post carries; the 学习 tab filters by them. */
export const STUDY_TAGS = ['党史', '理论', '业务', '廉政', '身边榜样', '政策法规'] as const;
export type StudyTag = (typeof STUDY_TAGS)[number];

export const LESSON_KINDS = ['article', 'audio', 'video', 'document', 'channels'] as const;
export type LessonKind = (typeof LESSON_KINDS)[number];

export const LESSON_KIND_LABEL: Record<LessonKind, string> = {
  article: '图文',
  audio: '音频',
  video: '视频',
  document: '文档',
  channels: '视频号',
};

/** The 学习 tab's orders. */
export const STUDY_TABS = ['latest', 'hot', 'featured'] as const;
export type StudyTab = (typeof STUDY_TABS)[number];
export const STUDY_TAB_LABEL: Record<StudyTab, string> = { latest: '最新', hot: '最热', featured: '精品' };

/**
 * How study time is measured (the server's clock, never the client's): one heartbeat a window per
 * member is credited, never more than the time that passed since the last, at most DAILY_CAP a day.
 */
export const STUDY_RULES = {
  /** Seconds: the client beats this often while a lesson is on screen (and, for media, playing). */
  beatSeconds: 30,
  /** At most one credited heartbeat per member in each window of this many seconds of the server's clock. */
  windowSeconds: 30,
  /** Seconds a member can be credited in one Beijing day. */
  dailyCapSeconds: 4 * 3600,
  /** A media lesson is complete when this share of its length was covered by reported positions. */
  mediaCompleteShare: 0.9,
  /** An article needs at least this long on screen (seconds), more for a long one (see articleMinSeconds). */
  articleMinSeconds: 30,
} as const;

/** Reading time an article needs before it counts as read: 10 characters a second, from 30 s to 10 min. */
export function articleMinSeconds(characters: number): number {
  return Math.min(600, Math.max(STUDY_RULES.articleMinSeconds, Math.round(characters / 10)));
}

export type StudyState = 'not_started' | 'studying' | 'done';
export const STUDY_STATE_LABEL: Record<StudyState, string> = { not_started: '未开始', studying: '学习中', done: '已完成' };

/** A course or a 学习资料 post in the 学习 tab. */
export interface StudyCard {
  id: string;
  kind: 'course' | 'study';
  title: string;
  orgName: string;
  coverUrl: string | null;
  tags: StudyTag[];
  featured: boolean;
  publishAt: string | null;
  /** Lessons of a course (0 for a post). */
  lessonCount: number;
  /** Members who have studied it (a course) or read it (a post). */
  learners: number;
  /** The caller's lessons completed (a course), or 1 when the caller has read the post. */
  done: number;
}

/** A lesson in its course's list, with the caller's progress. */
export interface LessonCard {
  id: string;
  title: string;
  kind: LessonKind;
  /** Seconds of a media lesson; null otherwise. */
  duration: number | null;
  done: boolean;
  /** 0..1: share covered (media) or of the minimum time (article, document). */
  progress: number;
}

export interface CourseView {
  id: string;
  title: string;
  orgName: string;
  coverUrl: string | null;
  summary: PostBlockView[];
  tags: StudyTag[];
  featured: boolean;
  publishAt: string | null;
  learners: number;
  lessons: LessonCard[];
  /** 必学 for the caller: the nearest deadline, and the lessons it asks for (null: all). */
  assigned: { dueAt: string; lessonIds: string[] | null } | null;
  /** Editors of the author unit: edit lessons, assign. */
  canManage: boolean;
}

/** What a lesson holds, as the player needs it. URLs are short-lived (signed). */
export type LessonContent =
  | { kind: 'article'; body: PostBlockView[]; minSeconds: number }
  | { kind: 'audio' | 'video'; url: string; duration: number }
  | { kind: 'document'; url: string; name: string; ext: AttachmentExt; minSeconds: number }
  | { kind: 'channels'; finderUserName: string; feedId: string | null; live: boolean; minSeconds: number };

export interface LessonProgressView {
  /** Where to resume: seconds (media) or 0..1 of the page (article). */
  position: number;
  /** Study time credited on this lesson, seconds. */
  seconds: number;
  progress: number;
  done: boolean;
}

export interface LessonView {
  id: string;
  courseId: string;
  courseTitle: string;
  title: string;
  /** 1-based place in the course, and how many lessons it has. */
  index: number;
  count: number;
  prevId: string | null;
  nextId: string | null;
  content: LessonContent;
  /** The caller's progress; null when the caller is not studying it (an editor outside the audience previews). */
  progress: LessonProgressView | null;
}

export interface BeatResult {
  /** Seconds this heartbeat was credited (0: too soon after another, or the day's cap reached). */
  credited: number;
  progress: LessonProgressView;
  todaySeconds: number;
  /** The day's cap is reached: no more time is credited today. */
  capped: boolean;
}

/** An assignment (必学) as the member sees it. */
export interface AssignedCard {
  assignmentId: string;
  courseId: string;
  title: string;
  dueAt: string;
  lessonsDone: number;
  lessonsTotal: number;
  state: StudyState;
  overdue: boolean;
}

export interface StudyHome {
  /** 继续学习: the lesson the caller studied last. */
  resume: { lessonId: string; lessonTitle: string; courseId: string; courseTitle: string; kind: LessonKind; progress: number } | null;
  /** 必学, unfinished first, the nearest deadline first. */
  assigned: AssignedCard[];
  todaySeconds: number;
  weekSeconds: number;
}

export interface MyStudy {
  weekSeconds: number;
  monthSeconds: number;
  yearSeconds: number;
  lessonsDone: number;
  coursesDone: number;
  /** Days of this year with study time, oldest first. */
  days: { day: string; seconds: number }[];
  /** Lessons studied, the latest first (at most 20). */
  recent: { lessonId: string; title: string; courseId: string; courseTitle: string; seconds: number; done: boolean; at: string }[];
}

/** An assignment as its unit's leaders see it. */
export interface AssignmentView {
  id: string;
  orgId: string;
  courseId: string;
  courseTitle: string;
  lessonsTotal: number;
  dueAt: string;
  audienceLabel: string;
  createdAt: string;
  counts: { total: number; done: number; studying: number; notStarted: number };
}

export interface AssignmentProgress {
  assignment: AssignmentView;
  members: {
    memberId: string;
    name: string;
    orgName: string;
    state: StudyState;
    seconds: number;
    lessonsDone: number;
    /** When the last assigned lesson was completed. */
    doneAt: string | null;
    /** Reminded today already (by the daily timer or a leader). */
    remindedToday: boolean;
  }[];
}

/** 学习档案: a member's study record in their electronic archive. */
export interface StudyArchiveView {
  yearSeconds: number;
  totalSeconds: number;
  lessonsDone: number;
  coursesDone: number;
  /** Courses completed, the latest first. */
  courses: { title: string; doneAt: string }[];
  /** Days with study time in the last 30 days. */
  daysLast30: number;
  /** Exams taken: the best graded attempt of each, the latest first. */
  exams: { title: string; score: number; passed: boolean; at: string }[];
}

/** 学习统计 of a unit (with the units below it) for its leaders. */
export interface StudyStats {
  year: number;
  members: number;
  /** Members with any study time this year. */
  studied: number;
  /** Seconds per member (average over all members) this month and this year. */
  perMemberMonthSeconds: number;
  perMemberYearSeconds: number;
  /** Study time of all members in each month of the year (12 entries). */
  months: { month: number; seconds: number }[];
  /** Members and their time, the least first. */
  people: { memberId: string; name: string; orgName: string; monthSeconds: number; yearSeconds: number }[];
  /** Courses the unit's members can study, the most studied first: among the unit's members. */
  courses: {
    id: string;
    title: string;
    lessonCount: number;
    learners: number;
    /** % of the unit's members who completed every lesson. */
    completionRate: number;
    /** Average seconds per learner. */
    averageSeconds: number;
    views: number;
    lessons: { id: string; title: string; views: number; learners: number; completions: number; averageSeconds: number }[];
  }[];
}

/** A lesson as its editor works on it. */
export interface LessonDraft {
  id: string;
  courseId: string;
  title: string;
  kind: LessonKind;
  body: PostBlockView[];
  /** The stored audio, video or document: sent back unchanged to keep it. */
  file: { fileID: string; url: string; name: string; duration: number | null } | null;
  minutes: number;
  channels: { finderUserName: string; feedId: string | null; live: boolean } | null;
}

/** Time for people: 45 秒, 25 分钟, 1 小时 5 分. */
export function studyDuration(seconds: number): string {
  if (seconds > 0 && seconds < 60) return `${Math.round(seconds)} 秒`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} 分钟`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} 小时 ${m} 分` : `${h} 小时`;
}
