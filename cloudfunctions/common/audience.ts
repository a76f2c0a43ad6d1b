import type { Audience } from '../../typings/domain';
import type { HandlerContext } from './context';
import { col, type MembershipDoc, type OrgDoc } from './db';
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

const AUDIENCE_LABEL = {
  unit: '本组织全体党员',
  subtree: '本组织及下级组织全体党员',
  units: '所选组织的党员',
  members: '指定党员',
} as const;

/** An audience in words, for the lists of what a unit asked of its members (必学, exams). */
export const audienceLabel = (d: { audience: Audience; memberIds: string[] }) =>
  d.audience.kind === 'members' ? `${AUDIENCE_LABEL.members} ${d.memberIds.length} 人` : AUDIENCE_LABEL[d.audience.kind];

/** An expanded audience: its units, or its invited members (then the units do not count). */
type Expanded = { audienceOrgIds: string[]; memberIds: string[] };

/** The condition on memberships that picks an audience's active members. */
function audienceWhere(ctx: Pick<HandlerContext, 'db'>, d: Expanded) {
  const _ = ctx.db.command;
  return d.memberIds.length ? { _id: _.in(d.memberIds), status: 'active' } : { orgId: _.in(d.audienceOrgIds), status: 'active' };
}

/** Whether a membership is one of an audience's active members (the same rule as audienceWhere, for one member in hand). */
export const inAudience = (d: Expanded, m: Pick<MembershipDoc, '_id' | 'orgId' | 'status'>) =>
  m.status === 'active' && (d.memberIds.length ? d.memberIds.includes(m._id) : d.audienceOrgIds.includes(m.orgId));

/** The active members an audience stands for now: of its units, or the invited ones still active. */
export async function audienceMembers(ctx: Pick<HandlerContext, 'db'>, d: Expanded): Promise<MembershipDoc[]> {
  const out: MembershipDoc[] = [];
  for (let skip = 0; ; skip += 1000) {
    const { data } = await col(ctx.db, 'memberships').where(audienceWhere(ctx, d)).orderBy('_id', 'asc').skip(skip).limit(1000).get();
    out.push(...data);
    if (data.length < 1000) return out;
  }
}

/** How many they are, counted rather than read. */
export async function audienceCount(ctx: Pick<HandlerContext, 'db'>, d: Expanded): Promise<number> {
  return (await col(ctx.db, 'memberships').where(audienceWhere(ctx, d)).count()).total;
}
