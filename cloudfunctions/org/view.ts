import type { Db } from '@cloudbase/database';
import type { OrgUnitView } from '../../typings/domain';
import type { OrgDoc } from '../common/db';
import { col } from '../common/db';

/** How many documents of a collection match, per unit (`orgId`), in one aggregate. */
export async function countsByUnit(
  db: Db,
  name: 'memberships' | 'join_requests' | 'activities',
  match: Record<string, unknown>,
): Promise<Map<string, number>> {
  const $ = db.command.aggregate;
  const { data } = (await col(db, name)
    .aggregate()
    .match(match)
    .group({ _id: '$orgId', n: $.sum(1) })
    .end()) as {
    data: { _id: string; n: number }[];
  };
  return new Map(data.map((d) => [d._id, d.n]));
}

/** Active members held directly in each unit, in one aggregate. */
export async function memberCounts(db: Db, orgIds: string[]): Promise<Map<string, number>> {
  if (orgIds.length === 0) return new Map();
  return countsByUnit(db, 'memberships', { orgId: db.command.in(orgIds), status: 'active' });
}

/** Names of units by id, in one query. */
export async function orgNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const { data } = await col(db, 'orgs')
    .where({ _id: db.command.in(unique) })
    .limit(1000)
    .get();
  return new Map(data.map((o) => [o._id, o.name]));
}

export function toView(org: OrgDoc, memberCount: number, canAdminister: boolean): OrgUnitView {
  return {
    id: org._id,
    name: org.name,
    type: org.type,
    parentId: org.parentId,
    memberCount,
    canAdminister,
    community: org.community === true,
  };
}

/** Siblings first by their sort number, then by name; parents before children. */
export function byTreeOrder(a: OrgDoc, b: OrgDoc): number {
  return a.path.length - b.path.length || a.sort - b.sort || a.name.localeCompare(b.name, 'zh-CN');
}
