import type { GroupBindingView } from '../../typings/domain';
import { audit } from '../common/audit';
import { type HandlerContext } from '../common/context';
import { col, isDuplicate, type GroupBindingDoc } from '../common/db';
import type { Handler } from '../common/define';
import { AppError } from '../common/errors';
import { landingFor } from '../join/landing';

/**
 * The group's openGId, resolved on the server from the CloudID that wx.getGroupEnterInfo gave the
 * client. A group id sent by the client is never trusted.
 */
async function openGIdOf(ctx: HandlerContext, cloudID: string): Promise<string> {
  let data: Record<string, unknown>;
  try {
    data = await ctx.openapi.resolveCloudID(cloudID);
  } catch {
    throw new AppError('INVALID_INPUT', '无法识别群信息，请从微信群里重新打开小程序');
  }
  const openGId = data['openGId'];
  if (typeof openGId !== 'string' || !openGId) throw new AppError('INVALID_INPUT', '无法识别群信息，请从微信群里重新打开小程序');
  return openGId;
}

const toView = (b: GroupBindingDoc): GroupBindingView => ({ id: b._id, label: b.label, boundAt: new Date(b.boundAt).toISOString() });

async function bindingOf(ctx: HandlerContext, openGId: string): Promise<GroupBindingDoc | undefined> {
  const { data } = await col(ctx.db, 'group_bindings').where({ openGId }).limit(1).get();
  return data[0];
}

export const bind: Handler<'group', 'bind'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  const unit = ctx.grant.unit;
  if (unit.type !== 'branch') throw new AppError('INVALID_INPUT', '微信群只能绑定到党支部');
  const openGId = await openGIdOf(ctx, input.cloudID);
  const existing = await bindingOf(ctx, openGId);
  if (existing && existing.orgId !== unit._id) throw new AppError('CONFLICT', '这个微信群已绑定到另一个支部，请先在那里解除绑定');
  if (existing) return toView(existing);
  const doc: Omit<GroupBindingDoc, '_id'> = { openGId, orgId: unit._id, label: input.label, boundBy: openid, boundAt: ctx.now };
  let id: string;
  try {
    id = (await col(ctx.db, 'group_bindings').add(doc)).id;
  } catch (e) {
    if (isDuplicate(e)) throw new AppError('CONFLICT', '这个微信群刚刚已被绑定，请刷新后查看');
    throw e;
  }
  await audit(ctx, { orgId: unit._id, action: 'group.bind', targetType: 'group', targetId: id, summary: `绑定了微信群「${input.label}」` });
  return toView({ _id: id, ...doc });
};

export const unbind: Handler<'group', 'unbind'> = async (_input, ctx) => {
  const binding = ctx.grant.doc;
  await col(ctx.db, 'group_bindings').doc(binding._id).remove();
  await audit(ctx, {
    orgId: binding.orgId,
    action: 'group.unbind',
    targetType: 'group',
    targetId: binding._id,
    summary: `解除了微信群「${binding.label}」的绑定`,
  });
  return { removed: true as const };
};

export const list: Handler<'group', 'list'> = async (_input, ctx) => {
  const { data } = await col(ctx.db, 'group_bindings').where({ orgId: ctx.grant.unit._id }).orderBy('boundAt', 'desc').limit(50).get();
  return { groups: data.map(toView) };
};

/** Opened from a group chat: a bound group lands members on their branch and others on "apply to join". */
export const enter: Handler<'group', 'enter'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  const binding = await bindingOf(ctx, await openGIdOf(ctx, input.cloudID));
  if (!binding) return { landing: null };
  const org = (await col(ctx.db, 'orgs').doc(binding.orgId).get()).data[0];
  return { landing: org ? await landingFor(ctx, org, openid) : null };
};
