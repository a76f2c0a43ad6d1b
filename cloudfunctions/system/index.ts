import { defineFunction } from '../common/define';
import { cleanupExports } from '../common/files';
import { deliverOutbox, pruneOutbox } from '../common/outbox';
import { dailyStats } from './dailyStats';

export const system = defineFunction('system', {
  actions: {
    ping: async (_input, ctx) => ({ pong: true as const, at: ctx.now.toISOString() }),
  },
  timers: {
    dailyStats,
    cleanup: async (ctx) => {
      await cleanupExports(ctx);
      await pruneOutbox(ctx);
    },
    outbox: async (ctx) => {
      const sent = await deliverOutbox(ctx);
      if (sent) ctx.log.info('outbox_delivered', { sent });
    },
  },
});
export const main = system.main;
