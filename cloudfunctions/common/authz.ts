import type { Db } from '@cloudbase/database';
import type { Role } from '../../typings/domain';
import type { CollectionName } from './collections';
import {
  col,
  type ActivityDoc,
  type DocOf,
  type MembershipDoc,
  type OrgDoc,
  type PaperDoc,
  type PostDoc,
  type SurveyDoc,
  type TopicDoc,
  type VoteDoc,
} from './db';
import { AppError } from './errors';
import type { AudienceAccess, RoleAccess } from './permissions';

/**
 * What the permission check found, whatever the rule: the unit acted on and the caller's roles there.
 * Handlers see the narrower `GrantFor` their entry in the permission table gives.
 */
export interface Grant {
  unit: OrgDoc | null;
  roles: Role[];
  /** With `via`: the document the input named (already known to belong to `unit`); with `audienceOf`, the activity or post. */
  doc?: { _id: string };
  /** With `audienceOf`: the caller's membership the activity counts them by; absent for a leader outside the audience. */
  membership?: MembershipDoc;
  /** With `audienceOf`: all the caller's active memberships (read to find `membership`; the points ledger needs them too). */
  memberships?: MembershipDoc[];
  /** With `audienceOf` and `leaders`: the caller holds one of those roles at the organising unit. */
  leads?: boolean;
}

/** A role-guarded entry: the unit (null only when the field is optional and absent), and with `via` the document. */
type RoleGrant<X extends RoleAccess> = {
  unit: X extends { optional: true } ? OrgDoc | null : OrgDoc;
  roles: Role[];
} & (X extends { via: infer V extends CollectionName } ? { doc: DocOf[V] } : { doc?: undefined });

type AudienceDoc<X extends AudienceAccess> = X extends { of: 'posts' }
  ? PostDoc
  : X extends { of: 'exam_papers' }
    ? PaperDoc
    : X extends { of: 'surveys' }
      ? SurveyDoc
      : X extends { of: 'votes' }
        ? VoteDoc
        : X extends { of: 'topics' }
          ? TopicDoc
          : ActivityDoc;

/** An audience entry: the activity or post; the caller's membership in its audience, or (with `leaders`) leadership instead. */
type AudienceGrant<X extends AudienceAccess> = X extends { leaders: readonly Role[] }
  ? { unit: OrgDoc | null; roles: Role[]; doc: AudienceDoc<X>; membership?: MembershipDoc; memberships: MembershipDoc[]; leads: boolean }
  : { unit: null; roles: Role[]; doc: AudienceDoc<X>; membership: MembershipDoc; memberships: MembershipDoc[]; leads?: undefined };

/** The grant a handler receives, typed by its permission-table entry `X`. */
export type GrantFor<X> = X extends AudienceAccess
  ? AudienceGrant<X>
  : X extends RoleAccess
    ? RoleGrant<X>
    : { unit: null; roles: Role[]; doc?: undefined };

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
  const memberships = data;
  const roles = new Set(memberships.filter((m) => m.orgId === unit._id).map((m) => m.role));
  if (memberships.some((m) => m.orgId !== unit._id && m.role === 'admin')) roles.add('admin');
  return [...roles];
}

/** The person's active memberships (their units, as the audience and ranking checks count them). */
export async function activeMemberships(db: Db, openid: string): Promise<MembershipDoc[]> {
  return (await col(db, 'memberships').where({ openid, status: 'active' }).limit(50).get()).data;
}

const DENIED = '你没有权限访问该组织';

/**
 * Stands in for a unit (or document) that does not exist: the check goes on against it, so that a
 * refusal costs the same lookups, and so the same time, for an id that exists and one that does not.
 */
const NOWHERE_ID = '~nowhere';
const NOWHERE: OrgDoc = { _id: NOWHERE_ID, name: '', type: 'branch', parentId: null, path: [], sort: 0, createdAt: new Date(0) };

/** Enforces a role-guarded entry of the permission table against the unit named in the input. */
export async function authorize(db: Db, openid: string, access: RoleAccess, input: Record<string, unknown>): Promise<Grant> {
  const id = input[access.unitField];
  if (id === undefined && access.optional) return { unit: null, roles: [] };
  if (typeof id !== 'string') throw new AppError('FORBIDDEN', DENIED);
  let doc: (Grant['doc'] & { orgId?: unknown }) | undefined;
  let unitId = id;
  if (access.via) {
    doc = (await col(db, access.via).doc(id).get()).data[0];
    unitId = doc && typeof doc.orgId === 'string' ? doc.orgId : NOWHERE_ID;
  }
  const unit = (await col(db, 'orgs').doc(unitId).get()).data[0];
  // A unit (or document) that does not exist is refused exactly like one the caller has no role in, after the same work.
  const roles = await rolesAt(db, openid, unit ?? NOWHERE);
  if (!unit || !roles.some((r) => access.roles.includes(r))) throw new AppError('FORBIDDEN', DENIED);
  if (access.duty && !roles.some((r) => r !== 'committee' && access.roles.includes(r))) {
    // Only their 支委 role lets them in: it counts with the duty the entry names.
    const { total } = await col(db, 'memberships')
      .where({ openid, orgId: unit._id, status: 'active', role: 'committee', duty: access.duty })
      .count();
    if (total === 0) throw new AppError('FORBIDDEN', DENIED);
  }
  return { unit, roles, doc };
}

const NOT_INVITED = {
  activities: '你不在该活动的参加范围内',
  posts: '该内容仅对所在组织的党员开放',
  exam_papers: '你不在该考试的参加范围内',
  surveys: '你不在该调查的参加范围内',
  votes: '你不在该评选的参加范围内',
  topics: '你不在该讨论的参与范围内',
} as const;

/** What audience access reads of an activity or a post. */
type WithAudience = Pick<ActivityDoc, '_id' | 'orgId' | 'audienceOrgIds'> & { audience: { kind: string; memberIds?: string[] } };

/** The document's units, or its invited members: the membership of the caller it counts them by. */
export async function audienceMembership(db: Db, openid: string, doc: WithAudience): Promise<MembershipDoc | undefined> {
  return inAudience(await activeMemberships(db, openid), doc);
}

/** Of the caller's active memberships (a few at most), the first the document's audience counts. */
function inAudience(memberships: MembershipDoc[], doc: WithAudience): MembershipDoc | undefined {
  return doc.audience.kind === 'members'
    ? memberships.find((m) => (doc.audience.memberIds ?? []).includes(m._id))
    : memberships.find((m) => doc.audienceOrgIds.includes(m.orgId));
}

/** Made only when refusing: an Error captures a stack trace, a cost on every call of the busiest actions. */
const notInvited = (of: keyof typeof NOT_INVITED) => new AppError('FORBIDDEN', NOT_INVITED[of]);

/** Enforces an audience entry of the permission table (see AudienceAccess). */
export async function authorizeAudience(db: Db, openid: string, access: AudienceAccess, input: Record<string, unknown>): Promise<Grant> {
  const of = access.of ?? 'activities';
  const id = input[access.audienceOf];
  if (typeof id !== 'string') throw notInvited(of);
  const found: WithAudience | undefined = (await col(db, of).doc(id).get()).data[0];
  // A missing one is checked like one with no audience (same lookups, same time), then refused alike.
  const target = found ?? { _id: NOWHERE_ID, orgId: NOWHERE_ID, audienceOrgIds: [NOWHERE_ID], audience: { kind: 'unit' } };
  const memberships = await activeMemberships(db, openid);
  const membership = inAudience(memberships, target);
  if (!access.leaders) {
    if (!found || !membership) throw notInvited(of);
    return { unit: null, roles: [], doc: found, membership, memberships };
  }
  const { unit, roles, leads } = await leadership(db, openid, target.orgId, access.leaders);
  if (!found || (!membership && !leads)) throw notInvited(of);
  return { unit, roles, doc: found, membership, memberships, leads };
}

/** The organising unit of an activity or post, the caller's roles there, and whether one of them is in `leaders`. */
export async function leadership(db: Db, openid: string, orgId: string, leaders: readonly Role[]) {
  const unit = (await col(db, 'orgs').doc(orgId).get()).data[0] ?? null;
  const roles = await rolesAt(db, openid, unit ?? NOWHERE);
  return { unit, roles: unit ? roles : [], leads: Boolean(unit) && roles.some((r) => leaders.includes(r)) };
}
