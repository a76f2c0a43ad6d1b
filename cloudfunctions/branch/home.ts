import { shanghaiDay } from '../../typings/time';
import { requireCaller } from '../common/context';
import { col, type MembershipDoc, type OrgDoc } from '../common/db';
import type { Handler } from '../common/define';
import { AppError } from '../common/errors';

const BRANCH_FIRST: Record<OrgDoc['type'], number> = { branch: 0, group: 1, general_branch: 2, committee: 3 };

/** The branch home: which branch the caller is in, and how many active members it has. */
export const home: Handler<'branch', 'home'> = async (input, ctx) => {
  const { openid } = requireCaller(ctx);
  const today = shanghaiDay(ctx.now);
  const { data } = await col(ctx.db, 'memberships').where({ openid, status: 'active' }).limit(100).get();
  const memberships = data as MembershipDoc[];
  if (memberships.length === 0) {
    if (input.orgId) throw new AppError('FORBIDDEN', '你不是该组织的成员');
    return { branch: null, memberCount: 0, role: null, today };
  }

  let chosen: { membership: MembershipDoc; org: OrgDoc } | undefined;
  if (input.orgId) {
    const membership = memberships.find((m) => m.orgId === input.orgId);
    if (!membership) throw new AppError('FORBIDDEN', '你不是该组织的成员');
    const org = (await col(ctx.db, 'orgs').doc(membership.orgId).get()).data[0] as OrgDoc | undefined;
    if (!org) throw new AppError('NOT_FOUND', '组织不存在');
    chosen = { membership, org };
  } else {
    const { data: orgRows } = await col(ctx.db, 'orgs')
      .where({ _id: ctx.db.command.in(memberships.map((m) => m.orgId)) })
      .get();
    const orgs = new Map((orgRows as OrgDoc[]).map((o) => [o._id, o]));
    const ranked = memberships
      .flatMap((membership) => {
        const org = orgs.get(membership.orgId);
        return org ? [{ membership, org }] : [];
      })
      .sort((a, b) => BRANCH_FIRST[a.org.type] - BRANCH_FIRST[b.org.type] || a.org.sort - b.org.sort);
    chosen = ranked[0];
    if (!chosen) return { branch: null, memberCount: 0, role: null, today };
  }

  const { org, membership } = chosen;
  const [count, parent] = await Promise.all([
    col(ctx.db, 'memberships').where({ orgId: org._id, status: 'active' }).count(),
    org.parentId ? col(ctx.db, 'orgs').doc(org.parentId).get() : Promise.resolve({ data: [] }),
  ]);
  const parentOrg = parent.data[0] as OrgDoc | undefined;
  return {
    branch: { id: org._id, name: org.name, type: org.type, parentName: parentOrg?.name ?? null },
    memberCount: count.total,
    role: membership.role,
    today,
  };
};
