import { DUTY_LABEL, ROLE_LABEL, type Role } from '../../typings/domain';
import { audit } from '../common/audit';

import { col } from '../common/db';
import type { Handler } from '../common/define';
import { AppError } from '../common/errors';

/** Roles only an admin may give or take away. */
const ADMIN_ONLY: Role[] = ['secretary', 'admin'];

export const set: Handler<'role', 'set'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  const member = ctx.grant.doc;
  const isAdmin = ctx.grant.roles.includes('admin');
  if (member.status !== 'active') throw new AppError('CONFLICT', '该党员的组织关系已不在本支部');
  if (!isAdmin && (ADMIN_ONLY.includes(input.role) || ADMIN_ONLY.includes(member.role))) {
    throw new AppError('FORBIDDEN', '任免书记需由党委管理员操作');
  }
  if (member.openid === openid && !isAdmin) throw new AppError('FORBIDDEN', '不能调整自己的职务');
  if (input.duty && input.role !== 'committee') throw new AppError('INVALID_INPUT', '只有支委委员有分工');
  if (input.role === member.role && input.duty === member.duty) return { memberId: member._id, role: member.role };

  await col(ctx.db, 'memberships')
    .doc(member._id)
    .update({ role: input.role, duty: input.role === 'committee' ? (input.duty ?? 'other') : ctx.db.command.remove() });
  const label = (r: Role, d?: string) => (r === 'committee' && d ? DUTY_LABEL[d as keyof typeof DUTY_LABEL] : ROLE_LABEL[r]);
  await audit(ctx, {
    orgId: member.orgId,
    action: 'role.set',
    targetType: 'member',
    targetId: member._id,
    summary: `将${member.name}的职务由${label(member.role, member.duty)}调整为${label(input.role, input.duty ?? 'other')}`,
  });
  return { memberId: member._id, role: input.role };
};
