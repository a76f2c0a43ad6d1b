import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

/** Asia/Shanghai is UTC+8 all year (no daylight saving since 1991), so a fixed offset is exact. */
export const SHANGHAI_OFFSET_MINUTES = 8 * 60;

/** An instant seen on a Shanghai wall clock, whatever the process's time zone (CloudBase runs in UTC). */
export function inShanghai(instant: Date | string | number): Dayjs {
  return dayjs(instant).utcOffset(SHANGHAI_OFFSET_MINUTES);
}

/** The Shanghai calendar day of an instant, YYYY-MM-DD. */
export function shanghaiDay(instant: Date | string | number): string {
  return inShanghai(instant).format('YYYY-MM-DD');
}

/** The instant a Shanghai calendar day (YYYY-MM-DD) begins. */
export function shanghaiDayStart(day: string): Date {
  return dayjs.utc(`${day}T00:00:00`).subtract(SHANGHAI_OFFSET_MINUTES, 'minute').toDate();
}
