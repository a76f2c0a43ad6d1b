import { inShanghai } from '../../typings/time';
import { col, type ActivityDoc, type ReminderDoc, type SignupDoc } from '../common/db';
import type { TimerHandler } from '../common/define';
import { sendSubscribe } from '../common/subscribe';
import { fillFreeSeats } from '../signup/seats';
import { notifyMembers } from './notify';
import { signupClosesAt } from './rules';
import { refreshSharedCards } from './share';

type Ctx = Parameters<TimerHandler>[0];

/** Sends the reminders that are due; each is claimed by a conditional update first, so it goes out once. */
async function sendReminders(ctx: Ctx): Promise<number> {
  const _ = ctx.db.command;
  let sent = 0;
  for (let round = 0; round < 10; round += 1) {
    const { data } = await col(ctx.db, 'reminders')
      .where({ sent: false, sendAt: _.lte(ctx.now) })
      .limit(100)
      .get();
    const due = data as ReminderDoc[];
    if (due.length === 0) break;
    const { data: acts } = await col(ctx.db, 'activities')
      .where({ _id: _.in([...new Set(due.map((r) => r.activityId))]) })
      .limit(100)
      .get();
    const byId = new Map((acts as ActivityDoc[]).map((a) => [a._id, a]));
    for (const r of due) {
      const { updated } = (await col(ctx.db, 'reminders').where({ _id: r._id, sent: false }).update({ sent: true, sentAt: ctx.now })) as {
        updated: number;
      };
      const a = byId.get(r.activityId);
      if (!updated || !a || a.cancelled) continue;
      const ok = await sendSubscribe(ctx, 'activityReminder', {
        touser: r.openid,
        page: `pages/activity/detail/index?id=${a._id}`,
        data: {
          thing1: { value: a.title.slice(0, 20) },
          time2: { value: inShanghai(a.startAt).format('YYYY年M月D日 HH:mm') },
          thing3: { value: a.place.slice(0, 20) },
        },
      });
      if (ok) sent += 1;
    }
  }
  return sent;
}

/** Seats freed while someone was joining the waitlist go to those waiting (cancellations hand theirs on directly). */
async function seatWaitlists(ctx: Ctx): Promise<number> {
  const { data } = await col(ctx.db, 'signups').where({ status: 'waitlisted' }).limit(1000).get();
  const ids = [...new Set((data as SignupDoc[]).map((s) => s.activityId))];
  if (ids.length === 0) return 0;
  const { data: acts } = await col(ctx.db, 'activities')
    .where({ _id: ctx.db.command.in(ids), cancelled: false })
    .limit(100)
    .get();
  let promoted = 0;
  for (const a of acts as ActivityDoc[]) {
    if (ctx.now.getTime() >= signupClosesAt(a)) continue;
    if (a.capacity !== null && a.confirmedCount >= a.capacity) continue;
    promoted += await fillFreeSeats(ctx, a);
  }
  return promoted;
}

/**
 * Activities past their end are marked ended, each claimed by a conditional update so it happens once
 * however many ticks overlap; the organiser is told the record (纪实) is now due.
 */
async function markEnded(ctx: Ctx): Promise<number> {
  const _ = ctx.db.command;
  let ended = 0;
  for (let round = 0; round < 10; round += 1) {
    const { data } = await col(ctx.db, 'activities')
      .where({ cancelled: false, endAt: _.lte(ctx.now), endedAt: _.exists(false) })
      .limit(100)
      .get();
    if (data.length === 0) break;
    for (const a of data as ActivityDoc[]) {
      const { updated } = (await col(ctx.db, 'activities')
        .where({ _id: a._id, endedAt: _.exists(false) })
        .update({ endedAt: ctx.now })) as { updated: number };
      if (!updated) continue;
      ended += 1;
      if (!a.recordClosedAt) await notifyMembers(ctx, a, [a.createdBy], '活动已结束，请填写会议记录');
    }
  }
  return ended;
}

/** Every minute: due reminders, free seats with members waiting, live counts on shared cards, activities that ended. */
export const tick: TimerHandler = async (ctx) => {
  const reminders = await sendReminders(ctx);
  const promoted = await seatWaitlists(ctx);
  const cards = await refreshSharedCards(ctx);
  const ended = await markEnded(ctx);
  if (reminders || promoted || cards || ended) ctx.log.info('activity_tick', { reminders, promoted, cards, ended });
};
