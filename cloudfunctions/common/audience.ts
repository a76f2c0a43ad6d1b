import type { Audience } from '../../typings/domain';
import type { HandlerContext } from './context';
import { col, type OrgDoc } from './db';
import { AppError } from './errors';

/** The units (or invited members) an audience stands for, checked to lie within the organising unit. */
export async function expandAudience(
  ctx: HandlerContext,
  org: OrgDoc,
  audience: Audience,
): Promise<{ orgIds: string[]; memberIds: string[] }> {
  const _ = ctx.db.command;
  const below = async () => (await col(ctx.db, 'orgs').where({ path: org._id }).limit(1000).get()).data.map((o) => o._id);
  switch (audience.kind) {
    case 'unit':
      return { orgIds: [org._id], memberIds: [] };
    case 'subtree':
      return { orgIds: [org._id, ...(await below())], memberIds: [] };
    case 'units': {
      const inside = new Set([org._id, ...(await below())]);
      const wanted = [...new Set(audience.orgIds)];
      if (wanted.some((id) => !inside.has(id))) throw new AppError('INVALID_INPUT', '参加范围只能是本组织及其下级组织');
      return { orgIds: wanted, memberIds: [] };
    }
    case 'members': {
      const inside = new Set([org._id, ...(await below())]);
      const wanted = [...new Set(audience.memberIds)];
      const { data } = await col(ctx.db, 'memberships')
        .where({ _id: _.in(wanted), status: 'active' })
        .limit(500)
        .get();
      const found = data.filter((m) => inside.has(m.orgId));
      if (found.length !== wanted.length) throw new AppError('INVALID_INPUT', '邀请的党员应是本组织及下级组织的在册党员');
      return { orgIds: [], memberIds: wanted };
    }
  }
}
