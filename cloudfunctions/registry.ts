import type { FunctionName } from '../typings/api';
import type { ApiResult } from '../typings/errors';
import { activity } from './activity';
import { archive } from './archive';
import { audit } from './audit';
import { branch } from './branch';
import { checkin } from './checkin';
import { dues } from './dues';
import { exam } from './exam';
import type { InvocationContext } from './common/context';
import type { Platform } from './common/platform';
import { group } from './group';
import { invite } from './invite';
import { join } from './join';
import { lifecycle } from './lifecycle';
import { member } from './member';
import { org } from './org';
import { points } from './points';
import { post } from './post';
import { privacy } from './privacy';
import { question } from './question';
import { record } from './record';
import { role } from './role';
import { service } from './service';
import { signup } from './signup';
import { study } from './study';
import { system } from './system';
import { transfer } from './transfer';
import { user } from './user';
import { voice } from './voice';

export interface Deployable {
  name: FunctionName;
  main: (event: unknown, context?: InvocationContext) => Promise<ApiResult<unknown>>;
  /** The same on a platform the caller provides (the local runtime's). */
  run: (platform: Platform, event: unknown, context?: InvocationContext) => Promise<ApiResult<unknown>>;
}

/** Every deployable function, by name: a function of the contract missing here does not type-check. */
export const FUNCTIONS: { [F in FunctionName]: Deployable & { name: F } } = {
  user,
  branch,
  org,
  join,
  group,
  invite,
  archive,
  member,
  role,
  privacy,
  lifecycle,
  post,
  transfer,
  audit,
  activity,
  signup,
  checkin,
  record,
  question,
  study,
  exam,
  points,
  voice,
  service,
  dues,
  system,
};

/** Timer triggers, in CloudBase's 7-field cron (second minute hour day month weekday year). */
export const TIMERS: { fn: FunctionName; name: string; cron: string }[] = [
  { fn: 'system', name: 'dailyStats', cron: '0 5 0 * * * *' },
  // Reminders before activities, and waitlists to seat: every minute.
  { fn: 'activity', name: 'tick', cron: '0 * * * * * *' },
  // Subscribe messages a crash left claimed but unsent go out once their lease has run out: every minute.
  { fn: 'system', name: 'outbox', cron: '30 * * * * * *' },
  // Exports past their retention (and so everyone's full-number data exports) are deleted: every ten minutes.
  { fn: 'system', name: 'cleanup', cron: '0 */10 * * * * *' },
  // 必学 not finished: each member reminded at most once a day, in the evening.
  { fn: 'study', name: 'remindDue', cron: '0 0 19 * * * *' },
  // Papers whose time ran out are graded with the answers saved: every minute.
  { fn: 'exam', name: 'expire', cron: '15 * * * * * *' },
  // Residents' data whose purpose has passed is erased, wishes left unconfirmed are confirmed: every hour.
  { fn: 'service', name: 'tick', cron: '0 20 * * * * *' },
  // Members with dues unpaid are reminded once a month, on the 5th in the morning.
  { fn: 'dues', name: 'remind', cron: '0 0 9 5 * * *' },
];
