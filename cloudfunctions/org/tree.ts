import { col, type OrgDoc } from '../common/db';
import type { Handler } from '../common/define';
import { byTreeOrder, memberCounts, toView } from './view';

/** The caller's units with the units above them; for admins, everything below the units they administer. */
export const tree: Handler<'org', 'tree'> = async (_input, ctx) => {
  const { openid } = ctx.caller;
  const _ = ctx.db.command;
  const { data } = await col(ctx.db, 'memberships').where({ openid, status: 'active' }).limit(100).get();
  const memberships = data;
  if (memberships.length === 0) return { units: [] };

  const own = (
    await col(ctx.db, 'orgs')
      .where({ _id: _.in(memberships.map((m) => m.orgId)) })
      .limit(100)
      .get()
  ).data;
  const adminOf = new Set(memberships.filter((m) => m.role === 'admin').map((m) => m.orgId));
  const wanted = new Set(own.flatMap((o) => [o._id, ...o.path]));
  const units = new Map<string, OrgDoc>();
  if (wanted.size) {
    const { data: rows } = await col(ctx.db, 'orgs')
      .where({ _id: _.in([...wanted]) })
      .limit(1000)
      .get();
    for (const o of rows) units.set(o._id, o);
  }
  for (const id of adminOf) {
    const { data: below } = await col(ctx.db, 'orgs').where({ path: id }).limit(1000).get();
    for (const o of below) units.set(o._id, o);
  }

  const list = [...units.values()].sort(byTreeOrder);
  const counts = await memberCounts(
    ctx.db,
    list.map((o) => o._id),
  );
  const administers = (o: OrgDoc) => adminOf.has(o._id) || o.path.some((p) => adminOf.has(p));
  return { units: list.map((o) => toView(o, counts.get(o._id) ?? 0, administers(o))) };
};
