import { randomBytes } from 'node:crypto';
import type { CallerContext } from './context';
import { col, type AuditDoc } from './db';

export interface AuditEvent {
  orgId: string;
  action: string;
  targetType: string;
  targetId: string;
  summary: string;
}

/** The actor's name as their unit knows them, else their nickname: entries never show openids. */
async function actorName(ctx: CallerContext, openid: string, orgId: string): Promise<string> {
  const { data } = await col(ctx.db, 'memberships').where({ openid, orgId }).limit(1).get();
  const m = data[0];
  if (m) return m.name;
  const { data: users } = await col(ctx.db, 'users').where({ openid }).limit(1).get();
  return users[0]?.nickname || '未填写姓名的用户';
}

let sequence = 0;

/** Ids that sort like the entries were written (time, then order within this instance), so ties on `at` keep their order. */
function entryId(at: Date): string {
  sequence = (sequence + 1) % 1_000_000;
  return `${String(at.getTime()).padStart(14, '0')}-${String(sequence).padStart(6, '0')}-${randomBytes(4).toString('hex')}`;
}

/** The entry `audit` appends, for writing it in a transaction along with what it records. */
export async function auditEntry(ctx: CallerContext, event: AuditEvent): Promise<AuditDoc> {
  const { openid } = ctx.caller;
  return {
    _id: entryId(ctx.now),
    ...event,
    at: ctx.now,
    actorOpenid: openid,
    actorName: await actorName(ctx, openid, event.orgId),
  };
}

/** Appends to the audit log. There is no action that edits or deletes an entry. */
export async function audit(ctx: CallerContext, event: AuditEvent): Promise<void> {
  await col(ctx.db, 'audit_logs').add(await auditEntry(ctx, event));
}

/** An event about the caller themself, logged in every unit they are an active member of. */
export async function auditOwn(ctx: CallerContext, event: { action: string; summary: string }): Promise<void> {
  const { openid } = ctx.caller;
  const { data } = await col(ctx.db, 'memberships').where({ openid, status: 'active' }).limit(100).get();
  for (const m of data) {
    await audit(ctx, { orgId: m.orgId, targetType: 'member', targetId: m._id, ...event });
  }
}
