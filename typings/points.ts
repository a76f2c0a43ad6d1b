/**
 * Points (积分): what earns them, declared once. The server awards them from events (a read, credited
 * study time, a completed lesson, a graded paper, a check-in), each event once, and never more than a
 * rule's daily cap; no client call adds points, and merely opening the app earns nothing.
 */

export const POINT_RULES = {
  read: { label: '阅读通知公告', points: 1, dailyCap: 5, note: '每读完一篇通知、党务公开或学习资料' },
  study: { label: '学习时长', points: 1, dailyCap: 6, note: '学习每满 10 分钟（以服务器记录的学习时长为准）' },
  lesson: { label: '完成一课', points: 2, dailyCap: 6, note: '学完一节课' },
  daily: { label: '每日一练', points: 2, dailyCap: 5, note: '完成当天的每日一练，全部答对得 5 分' },
  exam: { label: '考试合格', points: 10, dailyCap: 20, note: '每场考试第一次合格时' },
  meeting: { label: '参加组织生活', points: 5, dailyCap: 10, note: '在三会一课、主题党日等活动签到' },
  voice: { label: '参与调查评选', points: 2, dailyCap: 6, note: '填写一份调查问卷或在评先评优中投票（与所填所选无关）' },
  service: { label: '志愿服务', points: 2, dailyCap: 16, note: '志愿服务时长经组织确认后，每小时 2 分（不足 1 小时按 1 小时）' },
  wish: { label: '微心愿', points: 5, dailyCap: 10, note: '认领的微心愿完成并经群众确认' },
} as const;

export type PointRule = keyof typeof POINT_RULES;
/** A secretary's correction: not a rule, not capped, always with a reason. */
export type LedgerRule = PointRule | 'adjust';
export const POINT_RULE_NAMES = Object.keys(POINT_RULES) as PointRule[];

/** Points of the `service` rule per confirmed hour of volunteer service. */
export const SERVICE_POINTS_PER_HOUR = 2;

/** Minutes of credited study per point of the `study` rule. */
export const STUDY_MINUTES_PER_POINT = 10;
/** 每日一练 all right earns this instead of the rule's points. */
export const DAILY_FULL_MARKS_POINTS = 5;

export const LEDGER_LABEL: Record<LedgerRule, string> = {
  ...Object.fromEntries(POINT_RULE_NAMES.map((r) => [r, POINT_RULES[r].label])),
  adjust: '积分调整',
} as Record<LedgerRule, string>;

export const RANK_PERIODS = ['week', 'month', 'year'] as const;
export type RankPeriod = (typeof RANK_PERIODS)[number];
export const RANK_PERIOD_LABEL: Record<RankPeriod, string> = { week: '本周', month: '本月', year: '本年' };

/** A member's points page. */
export interface MyPoints {
  total: number;
  week: number;
  month: number;
  year: number;
  /** Today against each rule's cap. */
  today: { rule: PointRule; label: string; note: string; points: number; cap: number }[];
  hidden: boolean;
  /** Units whose rankings the member may see, their branch first. */
  units: { id: string; name: string }[];
}

export interface LedgerEntry {
  id: string;
  rule: LedgerRule;
  label: string;
  /** What earned it: the notice, the lesson, the paper, the meeting; a correction's reason. */
  title: string;
  points: number;
  /** The rule's cap was reached: recorded, worth nothing. */
  capped: boolean;
  at: string;
}

export interface RankRow {
  rank: number;
  name: string;
  orgName: string;
  points: number;
  me: boolean;
  /** Only leaders see members who hid themselves, marked. */
  hidden: boolean;
}

export interface Ranking {
  orgId: string;
  orgName: string;
  period: RankPeriod;
  /** The period's first day (YYYY-MM-DD). */
  since: string;
  rows: RankRow[];
  /**
   * The caller's place (also when outside the rows shown), or null with no points in the period; its
   * rank is null beyond the first 100 (a ranking never counts every member of a large unit).
   */
  mine: (Omit<RankRow, 'rank'> & { rank: number | null }) | null;
  /** Members with points in the period, up to 100; `more` when there are more than that. */
  ranked: number;
  more: boolean;
}
