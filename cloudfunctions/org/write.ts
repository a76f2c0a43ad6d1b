import { ORG_CHILD_TYPES, ORG_TYPE_LABEL } from '../../typings/domain';
import { audit } from '../common/audit';
import { col, isDuplicate, type OrgDoc } from '../common/db';
import type { Handler } from '../common/define';
import { AppError } from '../common/errors';
import { toView } from './view';

const SAME_NAME = '同一上级组织下已有同名组织';

/** A new unit under a unit the caller administers, of a type that may sit there. */
export const create: Handler<'org', 'create'> = async (input, ctx) => {
  const parent = ctx.grant.unit;
  if (!ORG_CHILD_TYPES[parent.type].includes(input.type)) {
    const allowed = ORG_CHILD_TYPES[parent.type].map((t) => ORG_TYPE_LABEL[t]).join('、');
    throw new AppError(
      'INVALID_INPUT',
      allowed ? `${ORG_TYPE_LABEL[parent.type]}下只能设立${allowed}` : `${ORG_TYPE_LABEL[parent.type]}下不能再设立组织`,
    );
  }
  const { data: last } = await col(ctx.db, 'orgs').where({ parentId: parent._id }).orderBy('sort', 'desc').limit(1).get();
  const doc: Omit<OrgDoc, '_id'> = {
    name: input.name,
    type: input.type,
    parentId: parent._id,
    path: [...parent.path, parent._id],
    sort: (last[0]?.sort ?? 0) + 1,
    createdAt: ctx.now,
    ...(input.community ? { community: true } : {}),
  };
  let id: string;
  try {
    id = (await col(ctx.db, 'orgs').add(doc)).id;
  } catch (e) {
    if (isDuplicate(e)) throw new AppError('CONFLICT', SAME_NAME);
    throw e;
  }
  await audit(ctx, {
    orgId: parent._id,
    action: 'org.create',
    targetType: 'org',
    targetId: id,
    summary: `新建${ORG_TYPE_LABEL[input.type]}「${input.name}」`,
  });
  return { unit: toView({ _id: id, ...doc }, 0, true) };
};

export const rename: Handler<'org', 'rename'> = async (input, ctx) => {
  const unit = ctx.grant.unit;
  if (unit.name !== input.name) {
    try {
      await col(ctx.db, 'orgs').doc(unit._id).update({ name: input.name });
    } catch (e) {
      if (isDuplicate(e)) throw new AppError('CONFLICT', SAME_NAME);
      throw e;
    }
    // Changes to a unit's place in the tree are the business of the unit above it, so they go in its log.
    await audit(ctx, {
      orgId: unit.parentId ?? unit._id,
      action: 'org.rename',
      targetType: 'org',
      targetId: unit._id,
      summary: `「${unit.name}」更名为「${input.name}」`,
    });
  }
  const community = input.community ?? unit.community === true;
  if (community !== (unit.community === true)) {
    await col(ctx.db, 'orgs')
      .doc(unit._id)
      .update({ community: community ? true : ctx.db.command.remove() });
    await audit(ctx, {
      orgId: unit.parentId ?? unit._id,
      action: 'org.community',
      targetType: 'org',
      targetId: unit._id,
      summary: community ? `「${input.name}」设为社区党组织（接收在职党员报到）` : `「${input.name}」不再接收在职党员报到`,
    });
  }
  const { total } = await col(ctx.db, 'memberships').where({ orgId: unit._id, status: 'active' }).count();
  return { unit: toView({ ...unit, name: input.name, community }, total, true) };
};

/** The unit's contact number for its members; the change is in the unit's own log. */
export const setContact: Handler<'org', 'setContact'> = async (input, ctx) => {
  const unit = ctx.grant.unit;
  const phone = input.phone ?? null;
  if ((unit.contactPhone ?? null) !== phone) {
    await col(ctx.db, 'orgs')
      .doc(unit._id)
      .update({ contactPhone: phone ?? ctx.db.command.remove() });
    await audit(ctx, {
      orgId: unit._id,
      action: 'org.contact',
      targetType: 'org',
      targetId: unit._id,
      summary: phone ? `支部联系电话设为 ${phone}` : '取消了支部联系电话',
    });
  }
  return { contactPhone: phone };
};

/** Removing a unit is refused, with the reason, while anything still belongs to it. */
export const remove: Handler<'org', 'remove'> = async (_input, ctx) => {
  const unit = ctx.grant.unit;
  if (!unit.parentId) throw new AppError('CONFLICT', '不能删除最上级党组织');
  const [children, members] = await Promise.all([
    col(ctx.db, 'orgs').where({ parentId: unit._id }).count(),
    col(ctx.db, 'memberships').where({ orgId: unit._id, status: 'active' }).count(),
  ]);
  if (children.total > 0) throw new AppError('CONFLICT', `「${unit.name}」下还有 ${children.total} 个下级组织，请先删除或调整它们`);
  if (members.total > 0) throw new AppError('CONFLICT', `「${unit.name}」还有 ${members.total} 名党员，请先办理组织关系转出`);
  await col(ctx.db, 'orgs').doc(unit._id).remove();
  await audit(ctx, {
    orgId: unit.parentId,
    action: 'org.remove',
    targetType: 'org',
    targetId: unit._id,
    summary: `删除${ORG_TYPE_LABEL[unit.type]}「${unit.name}」`,
  });
  return { removed: true as const };
};
