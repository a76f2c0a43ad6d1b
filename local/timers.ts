import { Cron } from 'croner';
import { TIMERS } from '../cloudfunctions/registry';
import type { Runtime } from './runtime';

/** CloudBase cron has 7 fields (… weekday year); croner takes 6. A year other than '*' is not supported locally. */
export function toCroner(cron: string): string {
  const fields = cron.trim().split(/\s+/);
  if (fields.length === 7) {
    if (fields[6] !== '*') throw new Error(`year field not supported locally: ${cron}`);
    fields.pop();
  }
  if (fields.length !== 6) throw new Error(`expected 7 cron fields: ${cron}`);
  return fields.join(' ');
}

/** Fires the functions' timer triggers on their schedule, in Beijing time as CloudBase does. */
export function startTimers(runtime: Runtime): { stop: () => void; jobs: Cron[] } {
  const jobs = TIMERS.map(
    (t) =>
      new Cron(toCroner(t.cron), { timezone: 'Asia/Shanghai', protect: true, catch: true }, async () => {
        const res = await runtime.fireTimer(t.fn, t.name);
        if (!res.ok) runtime.platform.log.error('timer_failed', { fn: t.fn, trigger: t.name, code: res.code });
      }),
  );
  return { jobs, stop: () => jobs.forEach((j) => j.stop()) };
}
