import { col } from '../common/db';
import type { Handler } from '../common/define';
import { byTreeOrder, memberCounts } from '../org/view';

const MAX_MEMBERS = 500;

/** Whom an activity of the unit can be for: the unit and those below it, and their members by name (to invite some). */
export const audienceOptions: Handler<'activity', 'audienceOptions'> = async (_input, ctx) => {
  const org = ctx.grant.unit;
  const _ = ctx.db.command;
  const below = (await col(ctx.db, 'orgs').where({ path: org._id }).limit(1000).get()).data;
  const units = [org, ...below.sort(byTreeOrder)];
  const ids = units.map((u) => u._id);
  const [counts, { data }] = await Promise.all([
    memberCounts(ctx.db, ids),
    col(ctx.db, 'memberships')
      .where({ orgId: _.in(ids), status: 'active' })
      .orderBy('nameKey', 'asc')
      .limit(MAX_MEMBERS + 1)
      .get(),
  ]);
  const members = data;
  const names = new Map(units.map((u) => [u._id, u.name]));
  return {
    units: units.map((u) => ({ id: u._id, name: u.name, type: u.type, parentId: u.parentId, memberCount: counts.get(u._id) ?? 0 })),
    members: members.slice(0, MAX_MEMBERS).map((m) => ({
      memberId: m._id,
      name: m.name,
      orgName: names.get(m.orgId) ?? '',
      role: m.role,
    })),
    truncated: members.length > MAX_MEMBERS,
  };
};
