import { SERVICE_RULES } from '../../typings/service';
import { col } from '../common/db';
import type { TimerHandler } from '../common/define';
import { claim } from '../common/outbox';
import { settle } from './wishes';

type Ctx = Parameters<TimerHandler>[0];
const DAY = 24 * 3_600_000;

/** Residents' names and phones whose purpose has passed (30 days after their slot): erased, the masked name stays with the record. */
async function purgeResidents(ctx: Ctx): Promise<number> {
  const _ = ctx.db.command;
  const { updated } = await col(ctx.db, 'service_signups')
    .where({ purgeAt: _.lte(ctx.now) })
    .update({ nameEnc: null, phoneEnc: null, phoneMasked: null, purgeAt: _.remove() });
  return updated;
}

/** Contacts of settled wishes (confirmed, rejected, withdrawn) past their retention: erased. */
async function purgeWishContacts(ctx: Ctx): Promise<number> {
  const _ = ctx.db.command;
  const { updated } = await col(ctx.db, 'wishes')
    .where({ purgeAt: _.lte(ctx.now) })
    .update({ contactEnc: null, contactMasked: '（已删除）', purgeAt: _.remove() });
  return updated;
}

/**
 * Wishes done but left unconfirmed by their poster for two weeks are confirmed: each claimed with a lease,
 * the claimer's points awarded (once, by its key), then marked; a run that dies midway leaves the lease
 * to run out, and the next run finishes it.
 */
async function autoConfirm(ctx: Ctx): Promise<number> {
  const _ = ctx.db.command;
  const { data } = await col(ctx.db, 'wishes')
    .where({ state: 'done', doneAt: _.lte(new Date(ctx.now.getTime() - SERVICE_RULES.wishAutoConfirmDays * DAY)) })
    .limit(100)
    .get();
  let confirmed = 0;
  for (const w of data) {
    if (!(await claim(ctx, 'wishes', w._id, { state: 'done' }))) continue;
    await settle(ctx, w);
    const { updated } = await col(ctx.db, 'wishes')
      .where({ _id: w._id, state: 'done' })
      .update({
        state: 'confirmed',
        confirmedAt: ctx.now,
        autoConfirmed: true,
        purgeAt: new Date(ctx.now.getTime() + SERVICE_RULES.wishContactRetentionDays * DAY),
      });
    confirmed += updated;
  }
  return confirmed;
}

/** Hourly: erasures whose time has come, and wishes to confirm by themselves. */
export const tick: TimerHandler = async (ctx) => {
  const residents = await purgeResidents(ctx);
  const contacts = await purgeWishContacts(ctx);
  const confirmed = await autoConfirm(ctx);
  if (residents || contacts || confirmed) ctx.log.info('service_tick', { residents, contacts, confirmed });
  return { residents, contacts, confirmed };
};
