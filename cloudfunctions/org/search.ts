import { escapeRegExp } from '../common/cursor';
import { col } from '../common/db';
import type { Handler } from '../common/define';
import { memberCounts, orgNames } from './view';

/** Branches whose name contains the words typed, for someone looking for theirs. */
export const search: Handler<'org', 'search'> = async (input, ctx) => {
  const { data } = await col(ctx.db, 'orgs')
    .where({ type: 'branch', name: ctx.db.RegExp({ regexp: escapeRegExp(input.q), options: 'i' }) })
    .limit(20)
    .get();
  const branches = data;
  const parentName = await orgNames(
    ctx.db,
    branches.flatMap((b) => (b.parentId ? [b.parentId] : [])),
  );
  const counts = await memberCounts(
    ctx.db,
    branches.map((b) => b._id),
  );
  return {
    units: branches.map((b) => ({
      id: b._id,
      name: b.name,
      parentName: (b.parentId && parentName.get(b.parentId)) || null,
      memberCount: counts.get(b._id) ?? 0,
    })),
  };
};
