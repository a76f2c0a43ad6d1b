import { defineFunction } from '../common/define';
import { cleanupExports } from '../common/files';
import { dailyStats } from './dailyStats';

export const system = defineFunction('system', {
  actions: {
    ping: async (_input, ctx) => ({ pong: true as const, at: ctx.now.toISOString() }),
  },
  timers: { dailyStats, cleanup: cleanupExports },
});
export const main = system.main;
