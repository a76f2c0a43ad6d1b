import { shanghaiDay } from '../../typings/time';
import { col } from '../common/db';
import type { TimerHandler } from '../common/define';

/** Timer: snapshot each branch's active member count for the Shanghai day, for the secretaries' analytics. */
export const dailyStats: TimerHandler = async (ctx) => {
  const day = shanghaiDay(ctx.now);
  const { data } = await col(ctx.db, 'orgs').limit(1000).get();
  for (const org of data) {
    const { total } = await col(ctx.db, 'memberships').where({ orgId: org._id, status: 'active' }).count();
    await col(ctx.db, 'stats_daily').doc(`${org._id}_${day}`).set({ orgId: org._id, day, memberCount: total, at: ctx.now });
  }
  return data.length;
};
