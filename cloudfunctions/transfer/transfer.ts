import type { Db } from '@cloudbase/database';
import type { TransferView } from '../../typings/domain';
import { audit } from '../common/audit';
import type { CallerContext } from '../common/context';
import { col, membershipIdFor, type MembershipDoc, type Transaction, type TransferDoc } from '../common/db';
import type { Handler } from '../common/define';
import { AppError } from '../common/errors';
import { nameKey } from '../common/names';
import { orgNames } from '../org/view';

/**
 * 组织关系转接: requested by the member or their secretary, approved by the sending branch and then
 * the receiving branch. Only then does the membership move; the old one stays as history.
 */
async function views(db: Db, rows: TransferDoc[]): Promise<TransferView[]> {
  if (rows.length === 0) return [];
  const names = await orgNames(
    db,
    rows.flatMap((r) => [r.fromOrgId, r.toOrgId]),
  );
  return rows.map((r) => ({
    id: r._id,
    memberName: r.memberName,
    fromOrgName: names.get(r.fromOrgId) ?? '',
    toOrgName: names.get(r.toOrgId) ?? '',
    status: r.status,
    reason: r.reason,
    rejectReason: r.rejectReason,
    createdAt: new Date(r.createdAt).toISOString(),
  }));
}

async function start(ctx: CallerContext, member: MembershipDoc, toOrgId: string, reason: string): Promise<TransferView> {
  const { openid } = ctx.caller;
  if (member.status !== 'active') throw new AppError('CONFLICT', '该党员的组织关系已不在本支部');
  if (toOrgId === member.orgId) throw new AppError('INVALID_INPUT', '转入支部不能与现在的支部相同');
  const to = (await col(ctx.db, 'orgs').doc(toOrgId).get()).data[0];
  if (!to || to.type !== 'branch') throw new AppError('INVALID_INPUT', '请选择要转入的党支部');
  const { total } = await col(ctx.db, 'transfers')
    .where({ memberId: member._id, status: ctx.db.command.in(['pending_out', 'pending_in']) })
    .count();
  if (total > 0) throw new AppError('CONFLICT', '已有一条正在办理的转接，请等它完成');
  const doc: Omit<TransferDoc, '_id'> = {
    memberId: member._id,
    memberName: member.name,
    openid: member.openid,
    fromOrgId: member.orgId,
    toOrgId,
    orgId: member.orgId,
    status: 'pending_out',
    reason,
    rejectReason: null,
    requestedBy: openid,
    createdAt: ctx.now,
    history: [{ at: ctx.now, by: openid, step: 'requested' }],
  };
  const { id } = await col(ctx.db, 'transfers').add(doc);
  await audit(ctx, {
    orgId: member.orgId,
    action: 'transfer.request',
    targetType: 'transfer',
    targetId: id,
    summary: `${member.name}申请转至「${to.name}」`,
  });
  return (await views(ctx.db, [{ _id: id, ...doc }]))[0]!;
}

export const request: Handler<'transfer', 'request'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  const { data } = await col(ctx.db, 'memberships').where({ openid, orgId: input.fromOrgId, status: 'active' }).limit(1).get();
  const member = data[0];
  if (!member) throw new AppError('FORBIDDEN', '你不是该支部的党员');
  return start(ctx, member, input.toOrgId, input.reason);
};

export const initiate: Handler<'transfer', 'initiate'> = async (input, ctx) => start(ctx, ctx.grant.doc, input.toOrgId, input.reason);

/** The awaited branch decides, in one transaction: each stage is decided once. */
export const review: Handler<'transfer', 'review'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  const unit = ctx.grant.unit;
  const transfer = ctx.grant.doc;
  const rejectReason = input.reason || null;
  if (!input.approve && !rejectReason) throw new AppError('INVALID_INPUT', '请填写不同意的原因');
  const stage = transfer.status;
  if (stage !== 'pending_out' && stage !== 'pending_in') throw new AppError('CONFLICT', '该转接已办结');
  const finishing = input.approve && stage === 'pending_in';

  // Where the member lands: an earlier membership of theirs in that branch, or a new one.
  const { data: held } = await col(ctx.db, 'memberships').where({ openid: transfer.openid, orgId: transfer.toOrgId }).limit(1).get();
  const targetId = held[0]?._id ?? membershipIdFor(transfer.toOrgId, transfer.openid);

  let next: Partial<TransferDoc> = {};
  await ctx.db.runTransaction(async (t: Transaction) => {
    const current = (await t.collection('transfers').doc(transfer._id).get()).data;
    if (!current || current.status !== stage || current.orgId !== unit._id) throw new AppError('CONFLICT', '该转接已处理，请刷新');
    const step = { at: ctx.now, by: openid, step: `${stage}:${input.approve ? 'approved' : 'rejected'}` };
    next = !input.approve
      ? { status: 'rejected', rejectReason }
      : stage === 'pending_out'
        ? { status: 'pending_in', orgId: current.toOrgId }
        : { status: 'done' };
    await t
      .collection('transfers')
      .doc(transfer._id)
      .update({ ...next, history: [...current.history, step] });
    if (finishing) {
      const from = (await t.collection('memberships').doc(current.memberId).get()).data;
      if (!from || from.status !== 'active') throw new AppError('CONFLICT', '该党员的组织关系已变更');
      await t.collection('memberships').doc(from._id).update({ status: 'transferred' });
      const moved: Omit<MembershipDoc, '_id'> = {
        openid: from.openid,
        orgId: current.toOrgId,
        role: 'member',
        status: 'active',
        name: from.name,
        nameKey: nameKey(from.name),
        joinedAt: ctx.now,
        ...(from.partyStage ? { partyStage: from.partyStage } : {}),
        ...(from.stageSince ? { stageSince: from.stageSince } : {}),
      };
      await t.collection('memberships').doc(targetId).set(moved);
    }
  });

  const verb = input.approve ? (stage === 'pending_out' ? '同意转出' : '同意转入') : `不同意转接（${rejectReason}）`;
  await audit(ctx, {
    orgId: unit._id,
    action: `transfer.${input.approve ? 'approve' : 'reject'}`,
    targetType: 'transfer',
    targetId: transfer._id,
    summary: `${verb}：${transfer.memberName}`,
  });
  return (await views(ctx.db, [{ ...transfer, ...next }]))[0]!;
};

export const inbox: Handler<'transfer', 'inbox'> = async (_input, ctx) => {
  const unit = ctx.grant.unit;
  const { data } = await col(ctx.db, 'transfers')
    .where({ orgId: unit._id, status: ctx.db.command.in(['pending_out', 'pending_in']) })
    .orderBy('createdAt', 'asc')
    .limit(100)
    .get();
  return { transfers: await views(ctx.db, data) };
};

export const mine: Handler<'transfer', 'mine'> = async (_input, ctx) => {
  const { openid } = ctx.caller;
  const { data } = await col(ctx.db, 'transfers').where({ openid }).orderBy('createdAt', 'desc').limit(20).get();
  return { transfers: await views(ctx.db, data) };
};
