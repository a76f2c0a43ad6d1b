import type { CollectionName } from './collections';
import type { HandlerContext } from './context';
import type { Templates } from './config';
import { col, isDuplicate } from './db';
import type { SubscribeMessage } from './platform';
import { sendSubscribe } from './subscribe';

/**
 * Every subscribe message goes through here: claimed with a lease, sent, then marked with its result.
 * A crash after the claim leaves the lease to run out, and the next delivery (the minutely timer)
 * sends it then; a crash after the send but before the mark sends it again, which WeChat refuses
 * (a one-time subscription is used up), so a retry cannot spam anyone. Nothing is ever marked sent
 * before it was sent.
 */

/** How long a claim holds: longer than any one send takes, short enough that a lost one goes out soon after. */
export const LEASE_MS = 2 * 60 * 1000;
/** A message that failed this many claims (each a crash mid-send) is given up on, and logged. */
export const MAX_ATTEMPTS = 5;

type Ctx = Pick<HandlerContext, 'db' | 'now' | 'openapi' | 'log' | 'templates'>;

/** The condition "nobody holds it": never claimed, or the last claim's lease has run out. */
function free(ctx: Pick<HandlerContext, 'db' | 'now'>) {
  const _ = ctx.db.command;
  return _.or([{ leaseUntil: _.exists(false) }, { leaseUntil: _.lte(ctx.now) }]);
}

/**
 * Claims document `id` of `collection` for sending, if it is still `pending` and nobody holds it:
 * one conditional update, so of any number of concurrent claimers exactly one gets it.
 */
export async function claim(
  ctx: Pick<HandlerContext, 'db' | 'now'>,
  collection: CollectionName,
  id: string,
  pending: object,
): Promise<boolean> {
  const _ = ctx.db.command;
  const { updated } = await col(ctx.db, collection)
    .where(_.and([{ _id: id, ...pending }, free(ctx)]))
    .update({ leaseUntil: new Date(ctx.now.getTime() + LEASE_MS), attempts: _.inc(1) });
  return updated === 1;
}

export interface OutboxDoc {
  /** The message's own key: the same message is never queued twice. */
  _id: string;
  template: keyof Templates;
  message: Omit<SubscribeMessage, 'templateId'>;
  createdAt: Date;
  leaseUntil: Date;
  attempts: number;
  sentAt: Date | null;
  /** `sent`: WeChat took it; `refused`: WeChat would not (no subscription left, template not configured). */
  result: 'sent' | 'refused' | 'abandoned' | null;
}

export interface Outgoing {
  /** A key fixed by what the message is about (`postReminder~<post>~<day>~<openid>`). */
  id: string;
  template: keyof Templates;
  message: Omit<SubscribeMessage, 'templateId'>;
}

/** Queues messages (each once, by its key) and delivers them now; what a crash leaves behind the timer delivers later. */
export async function send(ctx: Ctx, messages: Outgoing[]): Promise<number> {
  const queued: string[] = [];
  for (const m of messages) {
    const doc: OutboxDoc = {
      _id: m.id,
      template: m.template,
      message: m.message,
      createdAt: ctx.now,
      leaseUntil: new Date(0),
      attempts: 0,
      sentAt: null,
      result: null,
    };
    try {
      await col(ctx.db, 'outbox').add(doc);
      queued.push(m.id);
    } catch (e) {
      if (!isDuplicate(e)) throw e;
    }
  }
  let sent = 0;
  for (const id of queued) if ((await deliverOne(ctx, id)) === 'sent') sent += 1;
  return sent;
}

async function deliverOne(ctx: Ctx, id: string): Promise<OutboxDoc['result']> {
  if (!(await claim(ctx, 'outbox', id, { sentAt: null }))) return null;
  const doc = (await col(ctx.db, 'outbox').doc(id).get()).data[0];
  if (!doc) return null;
  const result = (await sendSubscribe(ctx, doc.template, doc.message)) ? 'sent' : 'refused';
  await col(ctx.db, 'outbox').doc(id).update({ sentAt: ctx.now, result });
  return result;
}

/** How long a settled message is kept (to answer "was it sent?"): then it goes, with the openid in it. */
export const OUTBOX_RETENTION_MS = 30 * 24 * 3600 * 1000;

/** Timer: settled messages past their retention are removed. */
export async function pruneOutbox(ctx: Pick<HandlerContext, 'db' | 'now'>): Promise<number> {
  const _ = ctx.db.command;
  const { deleted } = await col(ctx.db, 'outbox')
    .where({ sentAt: _.lte(new Date(ctx.now.getTime() - OUTBOX_RETENTION_MS)) })
    .remove();
  return deleted;
}

/** Timer: delivers what is queued and unclaimed (a claim a crash left behind, once its lease ran out). */
export async function deliverOutbox(ctx: Ctx): Promise<number> {
  const _ = ctx.db.command;
  let sent = 0;
  for (let round = 0; round < 10; round += 1) {
    const { data } = await col(ctx.db, 'outbox')
      .where({ sentAt: null, leaseUntil: _.lte(ctx.now) })
      .limit(100)
      .get();
    const due = data;
    if (!due.length) break;
    for (const doc of due) {
      if (doc.attempts >= MAX_ATTEMPTS) {
        await col(ctx.db, 'outbox').doc(doc._id).update({ sentAt: ctx.now, result: 'abandoned' });
        ctx.log.error('outbox_abandoned', { id: doc._id, template: doc.template, attempts: doc.attempts });
        continue;
      }
      if ((await deliverOne(ctx, doc._id)) === 'sent') sent += 1;
    }
  }
  return sent;
}
