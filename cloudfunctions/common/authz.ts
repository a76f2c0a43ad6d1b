import type { Db } from '@cloudbase/database';
import type { Role } from '../../typings/domain';
import { col, type MembershipDoc, type OrgDoc } from './db';
import { AppError } from './errors';
import type { RoleAccess } from './permissions';

/** What the permission check found: the unit acted on and the caller's roles there. */
export interface Grant {
  unit: OrgDoc | null;
  roles: Role[];
  /** With `via`: the document the input named (already known to belong to `unit`). */
  doc?: Record<string, unknown> & { _id: string };
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
