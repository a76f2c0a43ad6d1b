import { col } from '../common/db';
import type { Handler } from '../common/define';
import { decodeCursor, encodeCursor } from '../common/cursor';

interface Cursor {
  at: number;
  id: string;
}

/** A unit's audit log, newest first, paginated by a cursor (never by skip). Entries carry names, not openids. */
export const list: Handler<'audit', 'list'> = async (input, ctx) => {
  const unit = ctx.grant.unit;
  const _ = ctx.db.command;
  const limit = input.limit ?? 20;
  const after = input.cursor ? decodeCursor<Cursor>(input.cursor, (c) => typeof c['at'] === 'number' && typeof c['id'] === 'string') : null;
  const where = after
    ? _.and([{ orgId: unit._id }, _.or([{ at: _.lt(new Date(after.at)) }, { at: new Date(after.at), _id: _.lt(after.id) }])])
    : { orgId: unit._id };
  const { data } = await col(ctx.db, 'audit_logs')
    .where(where)
    .orderBy('at', 'desc')
    .orderBy('_id', 'desc')
    .limit(limit + 1)
    .get();
  const rows = data;
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    entries: page.map((r) => ({
      id: r._id,
      at: new Date(r.at).toISOString(),
      actorName: r.actorName,
      action: r.action,
      summary: r.summary,
    })),
    nextCursor: rows.length > limit && last ? encodeCursor({ at: new Date(last.at).getTime(), id: last._id }) : null,
  };
};
