import type { ActivityStatus, CancelRule } from '../../typings/domain';
import type { ActivityDoc } from '../common/db';

const MINUTE = 60 * 1000;
/** Check-in opens this long before the start and closes at the end. */
export const CHECKIN_OPENS_BEFORE_MS = 30 * MINUTE;

type Timing = Pick<ActivityDoc, 'startAt' | 'endAt' | 'signupDeadline' | 'cancelled' | 'signupRequired' | 'capacity' | 'confirmedCount'>;

const t = (d: Date | string) => new Date(d).getTime();

/** When sign-up closes: the deadline, or the start when there is none. */
export function signupClosesAt(a: Pick<ActivityDoc, 'startAt' | 'signupDeadline'>): number {
  return a.signupDeadline ? t(a.signupDeadline) : t(a.startAt);
}

/** 报名中 / 已满（候补）/ 报名截止 / 未开始 / 进行中 / 已结束 / 已取消, from the clock and the counts. */
export function statusOf(a: Timing, now: Date): ActivityStatus {
  const at = now.getTime();
  if (a.cancelled) return 'cancelled';
  if (at >= t(a.endAt)) return 'ended';
  if (at >= t(a.startAt)) return 'ongoing';
  if (!a.signupRequired) return 'upcoming';
  if (at >= signupClosesAt(a)) return 'closed';
  if (a.capacity !== null && a.confirmedCount >= a.capacity) return 'full';
  return 'open';
}

export function checkinWindow(a: Pick<ActivityDoc, 'startAt' | 'endAt'>): { opensAt: number; closesAt: number } {
  return { opensAt: t(a.startAt) - CHECKIN_OPENS_BEFORE_MS, closesAt: t(a.endAt) };
}

/** Whether a member may still give their seat back under the activity's rule. */
export function mayCancel(
  rule: CancelRule,
  a: Pick<ActivityDoc, 'startAt' | 'endAt' | 'signupDeadline'>,
  now: Date,
  checkedIn: boolean,
): boolean {
  const at = now.getTime();
  // Once there, a member has taken part: nothing to cancel.
  if (checkedIn || at >= t(a.endAt)) return false;
  switch (rule.kind) {
    case 'deadline':
      return at < signupClosesAt(a);
    case 'hoursBefore':
      return at < t(a.startAt) - rule.hours * 60 * MINUTE;
    case 'beforeCheckin':
      return true;
  }
}

/** Problems with the times an organiser gave, in words they can act on. */
export function timeProblems(a: { startAt: string; endAt: string; signupDeadline: string | null }, now: Date, creating: boolean): string[] {
  const problems: string[] = [];
  if (t(a.endAt) <= t(a.startAt)) problems.push('结束时间应晚于开始时间');
  if (t(a.endAt) - t(a.startAt) > 7 * 24 * 60 * MINUTE) problems.push('活动时长不能超过 7 天');
  if (a.signupDeadline && t(a.signupDeadline) > t(a.startAt)) problems.push('报名截止时间不能晚于开始时间');
  // Meetings held offline may be recorded afterwards (补录), within a year.
  if (creating && t(a.startAt) < now.getTime() - 366 * 24 * 60 * MINUTE) problems.push('开始时间不能早于一年前');
  return problems;
}
