import { COMMITTEE_ROLES, DUTY_LABEL, ROLE_LABEL, ROLES, type Role, type UnitStatus } from '../../typings/domain';
import { shanghaiDay } from '../../typings/time';

import { col, type OrgDoc } from '../common/db';
import type { Handler } from '../common/define';
import { LEADERS } from '../common/permissions';
import { byTreeOrder, countsByUnit, memberCounts } from '../org/view';

/** The units an upper unit's home lists: at most this many (a 党委 of a large company has a few dozen). */
const UNITS_SHOWN = 200;

/**
 * An upper unit's home for its leaders: every unit below it with its members, join requests waiting
 * and records to close (four requests however many units), and the members of the whole subtree.
 */
async function unitsBelow(ctx: Parameters<Handler<'branch', 'home'>>[1], org: OrgDoc): Promise<{ units: UnitStatus[]; total: number }> {
  const _ = ctx.db.command;
  const below = (await col(ctx.db, 'orgs').where({ path: org._id }).limit(UNITS_SHOWN).get()).data.sort(byTreeOrder);
  const ids = [org._id, ...below.map((o) => o._id)];
  const [members, pending, backlog] = await Promise.all([
    memberCounts(ctx.db, ids),
    countsByUnit(ctx.db, 'join_requests', { orgId: _.in(ids), status: 'pending' }),
    countsByUnit(ctx.db, 'activities', {
      orgId: _.in(ids),
      cancelled: false,
      endedAt: _.exists(true),
      recordClosedAt: _.exists(false),
    }),
  ]);
  const units = below.map((o) => ({
    id: o._id,
    name: o.name,
    type: o.type,
    memberCount: members.get(o._id) ?? 0,
    pendingJoinRequests: pending.get(o._id) ?? 0,
    recordsToClose: backlog.get(o._id) ?? 0,
  }));
  return { units, total: ids.reduce((n, id) => n + (members.get(id) ?? 0), 0) };
}

const BRANCH_FIRST: Record<OrgDoc['type'], number> = { branch: 0, group: 1, general_branch: 2, committee: 3 };
/** The most senior first (ROLES runs from the least). */
const ROLE_RANK: Role[] = [...ROLES].reverse();
const OFFICER_ORDER: Role[] = [...COMMITTEE_ROLES].reverse();

/** The unit and role to show when the caller names none: their own branch before any other unit. */
async function ownUnit(ctx: Parameters<Handler<'branch', 'home'>>[1], openid: string): Promise<{ org: OrgDoc; role: Role } | null> {
  const { data } = await col(ctx.db, 'memberships').where({ openid, status: 'active' }).limit(100).get();
  const memberships = data;
  if (memberships.length === 0) return null;
  const { data: orgRows } = await col(ctx.db, 'orgs')
    .where({ _id: ctx.db.command.in(memberships.map((m) => m.orgId)) })
    .get();
  const orgs = new Map(orgRows.map((o) => [o._id, o]));
  const ranked = memberships
    .flatMap((m) => {
      const org = orgs.get(m.orgId);
      return org ? [{ org, role: m.role }] : [];
    })
    .sort((a, b) => BRANCH_FIRST[a.org.type] - BRANCH_FIRST[b.org.type] || a.org.sort - b.org.sort);
  return ranked[0] ?? null;
}

/** The branch home: which branch, its parent, the caller's role there, and its active member count. */
export const home: Handler<'branch', 'home'> = async (_input, ctx) => {
  const { openid } = ctx.caller;
  const today = shanghaiDay(ctx.now);
  // With an orgId, the permission table has already checked the caller's roles in that unit.
  const chosen = ctx.grant.unit
    ? { org: ctx.grant.unit, role: ROLE_RANK.find((r) => ctx.grant.roles.includes(r))! }
    : await ownUnit(ctx, openid);
  if (!chosen)
    return {
      branch: null,
      memberCount: 0,
      role: null,
      pendingJoinRequests: null,
      leaders: [],
      groupCount: 0,
      contact: null,
      recordsToClose: null,
      units: null,
      keepsDues: false,
      today,
    };

  const { org, role } = chosen;
  const reviews = LEADERS.includes(role);
  const _ = ctx.db.command;
  const upper = reviews && (org.type === 'committee' || org.type === 'general_branch');
  const [count, parent, pending, officers, groups, backlog, below] = await Promise.all([
    // An upper unit's count is its whole subtree's, from the units below.
    upper ? Promise.resolve(null) : col(ctx.db, 'memberships').where({ orgId: org._id, status: 'active' }).count(),
    org.parentId ? col(ctx.db, 'orgs').doc(org.parentId).get() : Promise.resolve({ data: [] }),
    reviews ? col(ctx.db, 'join_requests').where({ orgId: org._id, status: 'pending' }).count() : Promise.resolve(null),
    col(ctx.db, 'memberships')
      .where({ orgId: org._id, status: 'active', role: _.in([...COMMITTEE_ROLES]) })
      .limit(50)
      .get(),
    col(ctx.db, 'group_bindings').where({ orgId: org._id }).count(),
    reviews
      ? col(ctx.db, 'activities')
          .where({ orgId: org._id, cancelled: false, endedAt: _.exists(true), recordClosedAt: _.exists(false) })
          .count()
      : Promise.resolve(null),
    upper ? unitsBelow(ctx, org) : Promise.resolve(null),
  ]);
  const leaders = officers.data
    .sort((a, b) => OFFICER_ORDER.indexOf(a.role) - OFFICER_ORDER.indexOf(b.role) || a.name.localeCompare(b.name, 'zh-CN'))
    .map((m) => ({ name: m.name, title: m.role === 'committee' ? DUTY_LABEL[m.duty ?? 'other'] : ROLE_LABEL[m.role] }));
  const parentOrg = parent.data[0];
  return {
    branch: { id: org._id, name: org.name, type: org.type, parentName: parentOrg?.name ?? null, community: org.community === true },
    memberCount: below ? below.total : (count?.total ?? 0),
    role,
    pendingJoinRequests: pending ? pending.total : null,
    leaders,
    groupCount: groups.total,
    contact: org.contactPhone ? { ...(leaders[0] ?? { name: org.name, title: '支部' }), phone: org.contactPhone } : null,
    recordsToClose: backlog ? backlog.total : null,
    units: below ? below.units : null,
    // 党费 are kept by the unit's secretaries and its 组织委员 (as the permission table says).
    keepsDues: officers.data.some((m) => m.openid === ctx.caller.openid && (m.role !== 'committee' || m.duty === 'organization')),
    today,
  };
};
