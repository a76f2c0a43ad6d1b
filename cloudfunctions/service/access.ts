import { LEADER_ROLES } from '../../typings/domain';
import { activeMemberships, rolesAt } from '../common/authz';
import type { HandlerContext } from '../common/context';
import { col, type MembershipDoc, type ServiceProjectDoc } from '../common/db';
import { AppError } from '../common/errors';

/**
 * Who a project is open to, and as whom. Members of the organising unit and those below, and members
 * registered with it (党员进社区), sign up under their own name as members; when the project is public,
 * members of any other unit do too, and anyone else signs up as a resident with a name and phone. A
 * project the caller may not see is "not found", whether it exists or not.
 */
export interface Standing {
  /** Their membership that counts (their own unit's, or the one they registered from); null for residents. */
  membership: MembershipDoc | null;
  as: 'member' | 'resident' | null;
  leads: boolean;
}

/** The caller's memberships and 进社区 registration, read once for a list or a page. */
export async function whoIs(ctx: Pick<HandlerContext, 'db'>, openid: string) {
  const [memberships, reg] = await Promise.all([
    activeMemberships(ctx.db, openid),
    col(ctx.db, 'community_regs')
      .doc(openid)
      .get()
      .then((r) => r.data[0] ?? null),
  ]);
  return { memberships, reg };
}

export type Who = Awaited<ReturnType<typeof whoIs>>;

/** The units whose projects are the caller's own: their units and the community they registered with. */
export const homeUnits = (who: Who) => [...new Set([...who.memberships.map((m) => m.orgId), ...(who.reg ? [who.reg.orgId] : [])])];

export function standingIn(p: Pick<ServiceProjectDoc, 'orgId' | 'audienceOrgIds' | 'public'>, who: Who, leads: boolean): Standing {
  const own = who.memberships.find((m) => p.audienceOrgIds.includes(m.orgId));
  const registered =
    who.reg && p.audienceOrgIds.includes(who.reg.orgId) ? who.memberships.find((m) => m._id === who.reg!.memberId) : undefined;
  const membership = own ?? registered ?? (p.public ? (who.memberships[0] ?? null) : null);
  if (membership) return { membership, as: 'member', leads };
  if (p.public) return { membership: null, as: 'resident', leads };
  return { membership: null, as: null, leads };
}

const NOT_FOUND = '服务项目不存在或未向你开放';

/** A project the caller may see (open to them, or they lead its unit), with their standing; otherwise NOT_FOUND. */
export async function projectFor(ctx: HandlerContext & { caller: { openid: string } }, projectId: string) {
  const { openid } = ctx.caller;
  const [project, who] = await Promise.all([
    col(ctx.db, 'service_projects')
      .doc(projectId)
      .get()
      .then((r) => r.data[0]),
    whoIs(ctx, openid),
  ]);
  if (!project) throw new AppError('NOT_FOUND', NOT_FOUND);
  const unit = (await col(ctx.db, 'orgs').doc(project.orgId).get()).data[0];
  const leads = unit ? (await rolesAt(ctx.db, openid, unit)).some((r) => LEADER_ROLES.includes(r)) : false;
  const standing = standingIn(project, who, leads);
  if (!standing.as && !leads) throw new AppError('NOT_FOUND', NOT_FOUND);
  return { project, standing, unitName: unit?.name ?? '', who };
}

/** A slot and its project, as far as the caller may see them. */
export async function slotFor(ctx: HandlerContext & { caller: { openid: string } }, slotId: string) {
  const slot = (await col(ctx.db, 'service_slots').doc(slotId).get()).data[0];
  if (!slot || slot.removed) throw new AppError('NOT_FOUND', '服务时段不存在');
  return { slot, ...(await projectFor(ctx, slot.projectId)) };
}
