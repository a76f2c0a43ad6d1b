import type { Db } from '@cloudbase/database';
import type { MemberRowView } from '../../typings/domain';
import type { HandlerContext } from '../common/context';
import { col, type ArchiveDoc, type MembershipDoc } from '../common/db';
import type { Handler } from '../common/define';
import { decodeCursor, encodeCursor, escapeRegExp } from '../common/cursor';
import { blindIndex, decrypt, isValidIdCard, isValidPhone, mask, normalizeIdCard, normalizePhone } from '../common/pii';

/** Where the previous page ended: the last row's pinyin sort key and id. */
interface Cursor {
  key: string;
  id: string;
}

/** A whole phone or ID number is looked up by its keyed hash; anything else matches names. */
async function queryFilter(ctx: HandlerContext, q: string): Promise<Record<string, unknown>> {
  const keys = ctx.keys();
  const phone = normalizePhone(q);
  const idCard = normalizeIdCard(q);
  const hash = isValidPhone(phone)
    ? { phoneHash: blindIndex(keys, 'phone', phone) }
    : isValidIdCard(idCard)
      ? { idCardHash: blindIndex(keys, 'idCard', idCard) }
      : null;
  if (!hash) return { name: ctx.db.RegExp({ regexp: escapeRegExp(q), options: 'i' }) };
  const { data } = await col(ctx.db, 'archives').where(hash).limit(20).get();
  return { openid: ctx.db.command.in(data.map((a) => a.openid)) };
}

export async function archivesOf(db: Db, openids: string[]): Promise<Map<string, ArchiveDoc>> {
  if (openids.length === 0) return new Map();
  const { data } = await col(db, 'archives')
    .where({ openid: db.command.in(openids) })
    .limit(1000)
    .get();
  return new Map(data.map((a) => [a.openid, a]));
}

export function toRow(ctx: HandlerContext, m: MembershipDoc, archive: ArchiveDoc | undefined): MemberRowView {
  return {
    memberId: m._id,
    name: m.name,
    role: m.role,
    partyStage: m.partyStage ?? null,
    stageSince: m.stageSince ?? null,
    phoneMasked: archive?.phoneEnc ? mask('phone', decrypt(ctx.keys(), archive.phoneEnc)) : null,
    onWeChat: !m.roster,
  };
}

/** The directory, by name in pinyin order, paginated by a cursor (never by skip). Rows carry masks, never openids. */
export const list: Handler<'member', 'list'> = async (input, ctx) => {
  const unit = ctx.grant.unit;
  const _ = ctx.db.command;
  const limit = input.limit ?? 30;
  const conditions: object[] = [{ orgId: unit._id, status: 'active' }];
  if (input.stage) conditions.push({ partyStage: input.stage });
  if (input.q) conditions.push(await queryFilter(ctx, input.q));
  if (input.cursor) {
    const c = decodeCursor<Cursor>(input.cursor, (v) => typeof v['key'] === 'string' && typeof v['id'] === 'string');
    conditions.push(_.or([{ nameKey: _.gt(c.key) }, { nameKey: c.key, _id: _.gt(c.id) }]));
  }
  const { data } = await col(ctx.db, 'memberships')
    .where(_.and(conditions))
    .orderBy('nameKey', 'asc')
    .orderBy('_id', 'asc')
    .limit(limit + 1)
    .get();
  const rows = data;
  const page = rows.slice(0, limit);
  const archives = await archivesOf(
    ctx.db,
    page.map((m) => m.openid),
  );
  const last = page[page.length - 1];
  return {
    members: page.map((m) => toRow(ctx, m, archives.get(m.openid))),
    nextCursor: rows.length > limit && last ? encodeCursor({ key: last.nameKey, id: last._id }) : null,
  };
};
