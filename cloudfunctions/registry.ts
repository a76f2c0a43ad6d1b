import type { FunctionName } from '../typings/api';
import { branch } from './branch';
import type { CloudFunction } from './common/define';
import { system } from './system';
import { user } from './user';

/** Every deployable function, by name. The local gateway and the build read this. */
export const FUNCTIONS: Record<FunctionName, CloudFunction> = { user, branch, system } as unknown as Record<FunctionName, CloudFunction>;

/** Timer triggers, in CloudBase's 7-field cron (second minute hour day month weekday year). */
export const TIMERS: { fn: FunctionName; name: string; cron: string }[] = [{ fn: 'system', name: 'dailyStats', cron: '0 5 0 * * * *' }];
