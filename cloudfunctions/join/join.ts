import type { Db } from '@cloudbase/database';
import type { JoinRequestView } from '../../typings/domain';
import { audit } from '../common/audit';
import { requireCaller, type HandlerContext } from '../common/context';
import {
  col,
  isDuplicate,
  membershipIdFor,
  pendingKey,
  type JoinRequestDoc,
  type MembershipDoc,
  type OrgDoc,
  type Transaction,
} from '../common/db';
import type { Handler } from '../common/define';
import { AppError } from '../common/errors';
import { orgNames } from '../org/view';

export function toView(r: JoinRequestDoc, orgName: string): JoinRequestView {
  return {
    id: r._id,
    orgId: r.orgId,
    orgName,
    name: r.name,
    note: r.note,
    via: r.via,
    status: r.status,
    reason: r.reason,
    createdAt: new Date(r.createdAt).toISOString(),
    decidedAt: r.decidedAt ? new Date(r.decidedAt).toISOString() : null,
  };
}

async function views(db: Db, rows: JoinRequestDoc[]): Promise<JoinRequestView[]> {
  const names = await orgNames(
    db,
    rows.map((r) => r.orgId),
  );
  return rows.map((r) => toView(r, names.get(r.orgId) ?? ''));
}

export async function pendingOf(ctx: HandlerContext, orgId: string, openid: string): Promise<JoinRequestDoc | undefined> {
  const { data } = await col(ctx.db, 'join_requests')
    .where({ pendingKey: pendingKey(orgId, openid) })
    .limit(1)
    .get();
  return data[0] as JoinRequestDoc | undefined;
}

export const apply: Handler<'join', 'apply'> = async (input, ctx) => {
  const { openid } = requireCaller(ctx);
  const org = (await col(ctx.db, 'orgs').doc(input.orgId).get()).data[0] as OrgDoc | undefined;
  if (!org) throw new AppError('NOT_FOUND', '没有找到这个支部');
  if (org.type !== 'branch') throw new AppError('INVALID_INPUT', '只能申请加入党支部');
  const { total } = await col(ctx.db, 'memberships').where({ openid, orgId: org._id, status: 'active' }).count();
  if (total > 0) throw new AppError('CONFLICT', '你已经是该支部的党员');

  const existing = await pendingOf(ctx, org._id, openid);
  if (existing) return toView(existing, org.name);
  const doc: Omit<JoinRequestDoc, '_id'> = {
    openid,
    orgId: org._id,
    name: input.name,
    note: input.note || null,
    via: input.via,
    status: 'pending',
    pendingKey: pendingKey(org._id, openid),
    reason: null,
    createdAt: ctx.now,
    decidedAt: null,
    decidedBy: null,
  };
  try {
    const { id } = (await col(ctx.db, 'join_requests').add(doc)) as { id: string };
    return toView({ _id: id, ...doc }, org.name);
  } catch (e) {
    // Two taps at once: the unique pending key let one through; that one is the request.
    const winner = isDuplicate(e) ? await pendingOf(ctx, org._id, openid) : undefined;
    if (!winner) throw e;
    return toView(winner, org.name);
  }
};

export const mine: Handler<'join', 'mine'> = async (_input, ctx) => {
  const { openid } = requireCaller(ctx);
  const { data } = await col(ctx.db, 'join_requests').where({ openid }).orderBy('createdAt', 'desc').limit(50).get();
  return { requests: await views(ctx.db, data as JoinRequestDoc[]) };
};

export const cancel: Handler<'join', 'cancel'> = async (input, ctx) => {
  const { openid } = requireCaller(ctx);
  const r = (await col(ctx.db, 'join_requests').doc(input.requestId).get()).data[0] as JoinRequestDoc | undefined;
  if (!r || r.openid !== openid) throw new AppError('NOT_FOUND', '没有找到这条申请');
  if (r.status !== 'pending') throw new AppError('CONFLICT', '该申请已处理，不能撤回');
  const { updated } = await col(ctx.db, 'join_requests')
    .where({ _id: r._id, status: 'pending' })
    .update({ status: 'cancelled', decidedAt: ctx.now, pendingKey: `closed|${r._id}` });
  if (updated === 0) throw new AppError('CONFLICT', '该申请已处理，不能撤回');
  return toView({ ...r, status: 'cancelled', decidedAt: ctx.now }, (await orgNames(ctx.db, [r.orgId])).get(r.orgId) ?? '');
};

export const inbox: Handler<'join', 'inbox'> = async (_input, ctx) => {
  const unit = ctx.grant.unit!;
  const { data } = await col(ctx.db, 'join_requests')
    .where({ orgId: unit._id, status: 'pending' })
    .orderBy('createdAt', 'asc')
    .limit(100)
    .get();
  return { requests: await views(ctx.db, data as JoinRequestDoc[]) };
};

/**
 * Decides a request in one transaction: a request is decided once, however many secretaries tap at
 * the same moment, and an approval creates (or reactivates) the membership with it.
 */
export const review: Handler<'join', 'review'> = async (input, ctx) => {
  const { openid } = requireCaller(ctx);
  const unit = ctx.grant.unit!;
  const request = ctx.grant.doc as unknown as JoinRequestDoc;
  const reason = input.reason || null;
  if (!input.approve && !reason) throw new AppError('INVALID_INPUT', '请填写不通过的原因，申请人会看到它');

  const { data: held } = await col(ctx.db, 'memberships').where({ openid: request.openid, orgId: unit._id }).limit(1).get();
  const membershipId = (held[0] as MembershipDoc | undefined)?._id ?? membershipIdFor(unit._id, request.openid);
  const status = input.approve ? 'approved' : 'rejected';

  await ctx.db.runTransaction(async (t: Transaction) => {
    const current = (await t.collection('join_requests').doc(request._id).get()).data as JoinRequestDoc | null;
    if (!current || current.status !== 'pending') throw new AppError('CONFLICT', '该申请已处理');
    await t
      .collection('join_requests')
      .doc(request._id)
      .update({ status, reason, decidedAt: ctx.now, decidedBy: openid, pendingKey: `closed|${request._id}` });
    if (input.approve) {
      const m = (await t.collection('memberships').doc(membershipId).get()).data as MembershipDoc | null;
      if (m?.status !== 'active') {
        const membership: Omit<MembershipDoc, '_id'> = {
          openid: request.openid,
          orgId: unit._id,
          role: m?.role ?? 'member',
          status: 'active',
          name: request.name,
          joinedAt: ctx.now,
        };
        await t.collection('memberships').doc(membershipId).set(membership);
      }
    }
  });

  await audit(ctx, {
    orgId: unit._id,
    action: input.approve ? 'join.approve' : 'join.reject',
    targetType: 'join_request',
    targetId: request._id,
    summary: input.approve ? `通过了${request.name}的入支部申请` : `未通过${request.name}的入支部申请：${reason}`,
  });
  await notify(ctx, request.openid, unit.name, input.approve, reason);
  return toView({ ...request, status, reason, decidedAt: ctx.now, decidedBy: openid }, unit.name);
};

/** A subscribe message with the result; a member who did not subscribe simply gets none. */
async function notify(ctx: HandlerContext, touser: string, unitName: string, approved: boolean, reason: string | null): Promise<void> {
  try {
    await ctx.openapi.sendSubscribeMessage({
      touser,
      templateId: ctx.templates().joinResult,
      page: approved ? 'pages/home/index' : 'pages/join/index',
      data: {
        thing1: { value: unitName.slice(0, 20) },
        phrase2: { value: approved ? '已通过' : '未通过' },
        thing3: { value: (approved ? '欢迎加入支部' : (reason ?? '')).slice(0, 20) },
      },
    });
  } catch (err) {
    ctx.log.warn('subscribe_message_failed', { template: 'joinResult', error: err instanceof Error ? err.message : String(err) });
  }
}
