import { inShanghai, shanghaiDay, shanghaiDayStart } from '../../typings/time';

it('reads instants on the Shanghai wall clock whatever the process time zone', () => {
  expect(shanghaiDay(new Date('2026-11-28T15:59:59Z'))).toBe('2026-11-28');
  expect(shanghaiDay(new Date('2026-11-28T16:00:00Z'))).toBe('2026-11-29');
  expect(inShanghai('2026-06-30T20:30:00Z').format('YYYY-MM-DD HH:mm')).toBe('2026-07-01 04:30');
  expect(shanghaiDayStart('2026-11-29').toISOString()).toBe('2026-11-28T16:00:00.000Z');
});
