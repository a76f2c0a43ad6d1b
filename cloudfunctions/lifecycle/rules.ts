import dayjs from 'dayjs';
import { PARTY_STAGE_LABEL, PARTY_STAGES, type PartyStage } from '../../typings/domain';

/**
 * 发展党员 rules: stages advance one at a time; an 入党积极分子 is observed for at least a year before
 * becoming a 发展对象, and a 预备党员 serves a year before becoming a 正式党员.
 */
export const MIN_YEARS_IN_STAGE: Partial<Record<PartyStage, number>> = { activist: 1, probationary: 1 };

export function nextStage(stage: PartyStage): PartyStage | null {
  return PARTY_STAGES[PARTY_STAGES.indexOf(stage) + 1] ?? null;
}

/** The earliest day the step after `stage` may be taken. */
export function dueDate(stage: PartyStage, since: string): string {
  return dayjs(since)
    .add(MIN_YEARS_IN_STAGE[stage] ?? 0, 'year')
    .format('YYYY-MM-DD');
}

/** Why a step may not be recorded, or null when it may. Dates are YYYY-MM-DD in Shanghai. */
export function refuseStep(
  current: { stage: PartyStage; since: string } | null,
  to: PartyStage,
  date: string,
  today: string,
): string | null {
  if (date > today) return '日期不能晚于今天';
  if (!current) return null;
  const next = nextStage(current.stage);
  if (!next) return `已是${PARTY_STAGE_LABEL[current.stage]}，没有下一步`;
  if (to !== next) return `当前为${PARTY_STAGE_LABEL[current.stage]}，下一步只能是${PARTY_STAGE_LABEL[next]}`;
  if (date < current.since) return `日期不能早于成为${PARTY_STAGE_LABEL[current.stage]}的日期（${current.since}）`;
  const due = dueDate(current.stage, current.since);
  if (date < due)
    return `${PARTY_STAGE_LABEL[current.stage]}需满 ${MIN_YEARS_IN_STAGE[current.stage]} 年，最早 ${due} 可转为${PARTY_STAGE_LABEL[next]}`;
  return null;
}
