import type { HandlerContext } from '../common/context';
import { col, type ActivityDoc, type SignupDoc } from '../common/db';
import { notifyMembers } from '../activity/notify';

type Ctx = Pick<HandlerContext, 'db' | 'now' | 'openapi' | 'log' | 'templates'>;

/**
 * Takes a seat if one is free: one conditional update, atomic in the database, so `confirmedCount`
 * never passes `capacity` however many members tap at once. Without a capacity every taker gets one.
 */
export async function takeSeat(ctx: Ctx, a: Pick<ActivityDoc, '_id' | 'capacity'>): Promise<boolean> {
  const _ = ctx.db.command;
  const where = a.capacity === null ? { _id: a._id, cancelled: false } : { _id: a._id, cancelled: false, confirmedCount: _.lt(a.capacity) };
  const { updated } = await col(ctx.db, 'activities')
    .where(where)
    .update({ confirmedCount: _.inc(1) });
  return updated === 1;
}

export async function giveBackSeat(ctx: Ctx, activityId: string): Promise<void> {
  const _ = ctx.db.command;
  await col(ctx.db, 'activities')
    .where({ _id: activityId, confirmedCount: _.gt(0) })
    .update({ confirmedCount: _.inc(-1) });
}

/**
 * A confirmed seat came free: it goes to the first on the waitlist (each promotion is a conditional
 * update of that sign-up, so a seat is handed on exactly once), or back to the pool when nobody waits.
 */
export async function passSeatOn(ctx: Ctx, a: Pick<ActivityDoc, '_id' | 'title' | 'startAt' | 'place'>): Promise<SignupDoc | null> {
  // Each failed update means another cancellation just seated that member: move on down the queue.
  for (;;) {
    const waiting = await queue(ctx, a._id, 20);
    if (waiting.length === 0) break;
    for (const next of waiting) {
      if (await seat(ctx, next)) {
        await notifyMembers(ctx, a, [next.openid], '候补成功，已为你保留名额');
        return { ...next, status: 'confirmed' };
      }
    }
  }
  await giveBackSeat(ctx, a._id);
  return null;
}

/** The first members on the waitlist, in the order they joined it. */
async function queue(ctx: Ctx, activityId: string, limit: number): Promise<SignupDoc[]> {
  const { data } = await col(ctx.db, 'signups')
    .where({ activityId, status: 'waitlisted' })
    .orderBy('createdAt', 'asc')
    .orderBy('_id', 'asc')
    .limit(limit)
    .get();
  return data;
}

/** Moves one waiting member to a seat, if they are still waiting: true exactly once per member. */
async function seat(ctx: Ctx, s: SignupDoc): Promise<boolean> {
  const { updated } = await col(ctx.db, 'signups')
    .where({ _id: s._id, status: 'waitlisted' })
    .update({ status: 'confirmed', updatedAt: ctx.now });
  return updated === 1;
}

/**
 * Free seats with members still waiting (a cancellation that found nobody waiting while a sign-up
 * was joining the waitlist): seat them. Run by the activity timer; returns how many were promoted.
 */
export async function fillFreeSeats(ctx: Ctx, a: ActivityDoc): Promise<number> {
  let promoted = 0;
  for (;;) {
    const waiting = await queue(ctx, a._id, 20);
    if (waiting.length === 0) return promoted;
    for (const next of waiting) {
      if (!(await takeSeat(ctx, a))) return promoted;
      if (await seat(ctx, next)) {
        promoted += 1;
        await notifyMembers(ctx, a, [next.openid], '候补成功，已为你保留名额');
      } else await giveBackSeat(ctx, a._id);
    }
  }
}
