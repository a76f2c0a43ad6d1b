import type { Logger } from './platform';

/** One JSON line per event, so CloudBase's log search can filter on fields. */
export const jsonLogger: Logger = {
  info: (event, fields) => console.log(JSON.stringify({ level: 'info', event, ...fields })),
  warn: (event, fields) => console.warn(JSON.stringify({ level: 'warn', event, ...fields })),
  error: (event, fields) => console.error(JSON.stringify({ level: 'error', event, ...fields })),
};

/** The named log events of the function wrapper. */
export const logs = {
  invalidInput: (log: Logger, fn: string, action: string, issues: string[]) => log.warn('invalid_input', { fn, action, issues }),
  denied: (log: Logger, fn: string, action: string, code: string) => log.warn('denied', { fn, action, code }),
  failed: (log: Logger, fn: string, action: string, err: unknown) =>
    log.error('handler_failed', { fn, action, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  timerRan: (log: Logger, fn: string, trigger: string, ms: number) => log.info('timer_ran', { fn, trigger, ms }),
};
