import type { Db } from '@cloudbase/database';
import type { Role } from '../../typings/domain';
import { col, type ActivityDoc, type MembershipDoc, type OrgDoc } from './db';
import { AppError } from './errors';
import type { AudienceAccess, RoleAccess } from './permissions';

/** What the permission check found: the unit acted on and the caller's roles there. */
export interface Grant {
  unit: OrgDoc | null;
  roles: Role[];
  /** With `via`: the document the input named (already known to belong to `unit`); with `audienceOf`, the activity. */
  doc?: Record<string, unknown> & { _id: string };
  /** With `audienceOf`: the caller's membership the activity counts them by; absent for a leader outside the audience. */
  membership?: MembershipDoc;
  /** With `audienceOf` and `leaders`: the caller holds one of those roles at the organising unit. */
  leads?: boolean;
}

/**
 * The caller's roles at a unit: those held in the unit itself, plus `admin` when they administer
 * any unit above it. The one place where scope is decided.
 */
export async function rolesAt(db: Db, openid: string, unit: OrgDoc): Promise<Role[]> {
  const ids = [unit._id, ...unit.path];
  const { data } = await col(db, 'memberships')
    .where({ openid, status: 'active', orgId: db.command.in(ids) })
    .limit(100)
    .get();
  const memberships = data as MembershipDoc[];
  const roles = new Set(memberships.filter((m) => m.orgId === unit._id).map((m) => m.role));
  if (memberships.some((m) => m.orgId !== unit._id && m.role === 'admin')) roles.add('admin');
  return [...roles];
}

const DENIED = '你没有权限访问该组织';

/** Enforces a role-guarded entry of the permission table against the unit named in the input. */
export async function authorize(db: Db, openid: string, access: RoleAccess, input: Record<string, unknown>): Promise<Grant> {
  const id = input[access.unitField];
  if (id === undefined && access.optional) return { unit: null, roles: [] };
  if (typeof id !== 'string') throw new AppError('FORBIDDEN', DENIED);
  let doc: Grant['doc'];
  let unitId = id;
  if (access.via) {
    doc = (await col(db, access.via).doc(id).get()).data[0] as Grant['doc'];
    if (!doc || typeof doc['orgId'] !== 'string') throw new AppError('FORBIDDEN', DENIED);
    unitId = doc['orgId'];
  }
  const unit = (await col(db, 'orgs').doc(unitId).get()).data[0] as OrgDoc | undefined;
  // A unit (or document) that does not exist is refused exactly like one the caller has no role in.
  if (!unit) throw new AppError('FORBIDDEN', DENIED);
  const roles = await rolesAt(db, openid, unit);
  if (!roles.some((r) => access.roles.includes(r))) throw new AppError('FORBIDDEN', DENIED);
  return { unit, roles, doc };
}

const NOT_INVITED = '你不在该活动的参加范围内';

/** The activity's units, or its invited members: the membership of the caller it counts them by. */
async function audienceMembership(db: Db, openid: string, activity: ActivityDoc): Promise<MembershipDoc | undefined> {
  const _ = db.command;
  const where =
    activity.audience.kind === 'members'
      ? { openid, status: 'active', _id: _.in(activity.audience.memberIds) }
      : { openid, status: 'active', orgId: _.in(activity.audienceOrgIds) };
  const { data } = await col(db, 'memberships').where(where).limit(1).get();
  return data[0] as MembershipDoc | undefined;
}

/** Enforces an audience entry of the permission table (see AudienceAccess). */
export async function authorizeAudience(db: Db, openid: string, access: AudienceAccess, input: Record<string, unknown>): Promise<Grant> {
  const id = input[access.audienceOf];
  if (typeof id !== 'string') throw new AppError('FORBIDDEN', NOT_INVITED);
  const activity = (await col(db, 'activities').doc(id).get()).data[0] as ActivityDoc | undefined;
  if (!activity) throw new AppError('FORBIDDEN', NOT_INVITED);
  const doc = activity as unknown as Grant['doc'];
  const membership = await audienceMembership(db, openid, activity);
  if (!access.leaders) {
    if (!membership) throw new AppError('FORBIDDEN', NOT_INVITED);
    return { unit: null, roles: [], doc, membership };
  }
  const unit = (await col(db, 'orgs').doc(activity.orgId).get()).data[0] as OrgDoc | undefined;
  const roles = unit ? await rolesAt(db, openid, unit) : [];
  const leads = roles.some((r) => access.leaders!.includes(r));
  if (!membership && !leads) throw new AppError('FORBIDDEN', NOT_INVITED);
  return { unit: unit ?? null, roles, doc, membership, leads };
}
