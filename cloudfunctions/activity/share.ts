import { type HandlerContext } from '../common/context';
import { col, type ActivityDoc } from '../common/db';
import type { Handler } from '../common/define';
import { statusOf } from './rules';

type Ctx = Pick<HandlerContext, 'db' | 'now' | 'openapi' | 'log'>;

/** Renew the id this long before WeChat lets it expire, so a card shared now keeps updating. */
const RENEW_MS = 60 * 60 * 1000;

/** The template's two parameters: WeChat shows "member_count/room_limit 人已参与". */
function parameters(a: Pick<ActivityDoc, 'capacity'>, confirmed: number) {
  return [
    { name: 'member_count', value: String(confirmed) },
    { name: 'room_limit', value: String(a.capacity ?? Math.max(confirmed, 1000)) },
  ];
}

export const share: Handler<'activity', 'share'> = async (_input, ctx) => {
  const { openid } = ctx.caller;
  const a = ctx.grant.doc;
  const live = a.share && new Date(a.share.expiresAt).getTime() - ctx.now.getTime() > RENEW_MS ? a.share : null;
  let wxActivityId = live?.wxActivityId;
  let expiresAt = live ? new Date(live.expiresAt) : null;
  if (!wxActivityId || !expiresAt) {
    const created = await ctx.openapi.createActivityId({ openid });
    wxActivityId = created.activityId;
    expiresAt = new Date(created.expirationTime);
    await col(ctx.db, 'activities').doc(a._id).update({ share: { wxActivityId, expiresAt } });
  }
  return { wxActivityId, expiresAt: expiresAt.toISOString(), parameters: parameters(a, a.confirmedCount) };
};

/**
 * Updates the count on cards shared into chats (no-op when the card was never shared or its id has
 * expired). A failure never fails the sign-up; the minutely tick pushes the exact count again.
 */
export async function pushShareCount(ctx: Ctx, a: ActivityDoc, confirmed: number): Promise<string | null> {
  if (!a.share || new Date(a.share.expiresAt).getTime() <= ctx.now.getTime()) return null;
  const status = statusOf({ ...a, confirmedCount: confirmed }, ctx.now);
  const targetState = status === 'ongoing' || status === 'ended' || status === 'cancelled' ? 1 : 0;
  const state = `${confirmed}|${targetState}`;
  try {
    await ctx.openapi.setUpdatableMsg({ activityId: a.share.wxActivityId, targetState, parameters: parameters(a, confirmed) });
    return state;
  } catch (err) {
    ctx.log.warn('updatable_message_failed', { error: err instanceof Error ? err.message : String(err) });
    return null;
  }
}

/** The tick's part: shared cards whose count or state changed since the last push get the exact one. */
export async function refreshSharedCards(ctx: Ctx): Promise<number> {
  const { data } = await col(ctx.db, 'activities')
    .where({ 'share.expiresAt': ctx.db.command.gt(ctx.now) })
    .limit(100)
    .get();
  let pushed = 0;
  for (const a of data) {
    const status = statusOf(a, ctx.now);
    const state = `${a.confirmedCount}|${status === 'ongoing' || status === 'ended' || status === 'cancelled' ? 1 : 0}`;
    if (a.share?.pushed === state) continue;
    const done = await pushShareCount(ctx, a, a.confirmedCount);
    if (done) {
      await col(ctx.db, 'activities').doc(a._id).update({ 'share.pushed': done });
      pushed += 1;
    }
  }
  return pushed;
}
