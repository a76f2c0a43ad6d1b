import { inShanghai } from '../../typings/time';

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** "12月10日 周四 14:00-16:00" (Beijing time), or with both dates when it spans days. */
export function timeRange(startAt: string, endAt: string): string {
  const s = inShanghai(startAt);
  const e = inShanghai(endAt);
  const day = (d: typeof s) => `${d.month() + 1}月${d.date()}日 周${WEEKDAYS[d.day()]}`;
  return s.format('YYYY-MM-DD') === e.format('YYYY-MM-DD')
    ? `${day(s)} ${s.format('HH:mm')}-${e.format('HH:mm')}`
    : `${day(s)} ${s.format('HH:mm')} 至 ${day(e)} ${e.format('HH:mm')}`;
}

/** "12月9日 18:00" */
export function moment(iso: string): string {
  const d = inShanghai(iso);
  return `${d.month() + 1}月${d.date()}日 ${d.format('HH:mm')}`;
}
