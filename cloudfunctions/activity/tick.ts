import { inShanghai } from '../../typings/time';
import { col, type ReminderDoc } from '../common/db';
import type { TimerHandler } from '../common/define';
import { claim } from '../common/outbox';
import { sendSubscribe } from '../common/subscribe';
import { fillFreeSeats } from '../signup/seats';
import { notifyMembers } from './notify';
import { signupClosesAt } from './rules';
import { refreshSharedCards } from './share';
import { pageLink } from '../../typings/pages';

type Ctx = Parameters<TimerHandler>[0];

/**
 * Sends the reminders that are due: each is claimed with a lease, sent, then marked with the result,
 * so a tick that dies mid-way loses none (the next claims it once the lease runs out) and two ticks
 * never send the same one.
 */
async function sendReminders(ctx: Ctx): Promise<number> {
  const _ = ctx.db.command;
  let sent = 0;
  for (let round = 0; round < 10; round += 1) {
    const { data } = await col(ctx.db, 'reminders')
      .where({ sent: false, sendAt: _.lte(ctx.now) })
      .limit(100)
      .get();
    const due = data;
    if (due.length === 0) break;
    const { data: acts } = await col(ctx.db, 'activities')
      .where({ _id: _.in([...new Set(due.map((r) => r.activityId))]) })
      .limit(100)
      .get();
    const byId = new Map(acts.map((a) => [a._id, a]));
    for (const r of due) {
      if (!(await claim(ctx, 'reminders', r._id, { sent: false }))) continue;
      const a = byId.get(r.activityId);
      const result: ReminderDoc['result'] =
        !a || a.cancelled
          ? 'skipped'
          : (await sendSubscribe(ctx, 'activityReminder', {
                touser: r.openid,
                page: pageLink('activityDetail', { id: a._id }),
                data: {
                  thing1: { value: a.title.slice(0, 20) },
                  time2: { value: inShanghai(a.startAt).format('YYYY年M月D日 HH:mm') },
                  thing3: { value: a.place.slice(0, 20) },
                },
              }))
            ? 'sent'
            : 'refused';
      await col(ctx.db, 'reminders').doc(r._id).update({ sent: true, sentAt: ctx.now, result });
      if (result === 'sent') sent += 1;
    }
  }
  return sent;
}

/** Seats freed while someone was joining the waitlist go to those waiting (cancellations hand theirs on directly). */
async function seatWaitlists(ctx: Ctx): Promise<number> {
  const { data } = await col(ctx.db, 'signups').where({ status: 'waitlisted' }).limit(1000).get();
  const ids = [...new Set(data.map((s) => s.activityId))];
  if (ids.length === 0) return 0;
  const { data: acts } = await col(ctx.db, 'activities')
    .where({ _id: ctx.db.command.in(ids), cancelled: false })
    .limit(100)
    .get();
  let promoted = 0;
  for (const a of acts) {
    if (ctx.now.getTime() >= signupClosesAt(a)) continue;
    if (a.capacity !== null && a.confirmedCount >= a.capacity) continue;
    promoted += await fillFreeSeats(ctx, a);
  }
  return promoted;
}

/**
 * Activities past their end are marked ended, each by a conditional update so it happens once however
 * many ticks overlap; the organiser's notice that the record (纪实) is due is queued first (once, by its
 * key), so a tick that dies between the two still leaves it to be sent.
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
    for (const a of data) {
      if (!a.recordClosedAt) await notifyMembers(ctx, a, [a.createdBy], '活动已结束，请填写会议记录', 'recordDue');
      const { updated } = await col(ctx.db, 'activities')
        .where({ _id: a._id, endedAt: _.exists(false) })
        .update({ endedAt: ctx.now });
      if (updated) ended += 1;
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
