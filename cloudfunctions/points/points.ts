import { createHash, randomBytes } from 'node:crypto';
import { LEDGER_LABEL, POINT_RULE_NAMES, POINT_RULES, type LedgerEntry, type RankPeriod, type RankRow } from '../../typings/points';
import { LEADER_ROLES } from '../../typings/domain';
import { shanghaiDay } from '../../typings/time';
import { audit } from '../common/audit';
import { activeMemberships, rolesAt } from '../common/authz';
import type { HandlerContext } from '../common/context';
import { col, type LedgerDoc, type MembershipDoc, type PeriodPoints, type RankDoc } from '../common/db';
import type { Handler } from '../common/define';
import { AppError } from '../common/errors';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { correct, emptyMember, periodsOf } from '../common/points';
import { orgNames } from '../org/view';

const PAGE = 30;
const SHOWN = 50;
/**
 * A ranking reads the top LIST of the unit (one indexed read, whatever the unit's size); the caller's
 * place is exact within it, and "beyond the first LIST" after: no count over every member.
 */
const LIST = 100;

/** A ledger entry as its member (or their leaders) see it: its key carries an openid, so the id is a digest of it. */
export const entryView = (d: LedgerDoc): LedgerEntry => ({
  id: createHash('sha256').update(d._id).digest('base64url').slice(0, 16),
  rule: d.rule,
  label: LEDGER_LABEL[d.rule],
  title: d.title,
  points: d.points,
  capped: d.capped,
  at: new Date(d.at).toISOString(),
});

/** Which fields of a ranking row hold a period's key and points. */
const FIELDS = { week: ['wk', 'wp'], month: ['mk', 'mp'], year: ['yk', 'yp'] } as const satisfies Record<
  RankPeriod,
  [keyof RankDoc, keyof RankDoc]
>;

/** A member's (or a ranking row's) points in the current period: none if the last were earned in an earlier one. */
const pointsIn = (row: PeriodPoints | undefined, period: RankPeriod, now: Date): number => {
  if (!row) return 0;
  const [k, p] = FIELDS[period];
  return row[k] === periodsOf(now)[k] ? row[p] : 0;
};

/** The units whose rankings a member sees: their own units, then the units above them (nearest first). */
async function visibleUnits(ctx: Pick<HandlerContext, 'db'>, ms: MembershipDoc[]): Promise<{ id: string; name: string }[]> {
  if (!ms.length) return [];
  const _ = ctx.db.command;
  const { data: own } = await col(ctx.db, 'orgs')
    .where({ _id: _.in(ms.map((m) => m.orgId)) })
    .limit(50)
    .get();
  const ids = [...new Set([...own.map((o) => o._id), ...own.flatMap((o) => [...o.path].reverse())])];
  const names = await orgNames(ctx.db, ids);
  return ids.map((id) => ({ id, name: names.get(id) ?? '' }));
}

export const mine: Handler<'points', 'mine'> = async (_input, ctx) => {
  const { openid } = ctx.caller;
  const [member, ms] = await Promise.all([col(ctx.db, 'points_members').doc(openid).get(), activeMemberships(ctx.db, openid)]);
  const m = member.data[0];
  const today = m && m.day === periodsOf(ctx.now).day ? m.today : {};
  return {
    total: m?.total ?? 0,
    week: pointsIn(m, 'week', ctx.now),
    month: pointsIn(m, 'month', ctx.now),
    year: pointsIn(m, 'year', ctx.now),
    today: POINT_RULE_NAMES.map((rule) => ({
      rule,
      label: POINT_RULES[rule].label,
      note: POINT_RULES[rule].note,
      points: today[rule] ?? 0,
      cap: POINT_RULES[rule].dailyCap,
    })),
    hidden: m?.hidden ?? false,
    units: await visibleUnits(ctx, ms),
  };
};

interface HistoryCursor {
  at: number;
  id: string;
}

export const history: Handler<'points', 'history'> = async (input, ctx) => {
  const _ = ctx.db.command;
  const c = input.cursor
    ? decodeCursor<HistoryCursor>(input.cursor, (v) => typeof v['at'] === 'number' && typeof v['id'] === 'string')
    : null;
  const { data } = await col(ctx.db, 'points_ledger')
    .where({ openid: ctx.caller.openid, ...(c ? { at: _.lte(new Date(c.at)) } : {}) })
    .orderBy('at', 'desc')
    .limit(PAGE + 20)
    .get();
  const rows = (c ? data.filter((d) => new Date(d.at).getTime() < c.at || d._id < c.id) : data).sort(
    (x, y) => new Date(y.at).getTime() - new Date(x.at).getTime() || (y._id < x._id ? -1 : 1),
  );
  const page = rows.slice(0, PAGE);
  const last = page[page.length - 1];
  return {
    items: page.map(entryView),
    nextCursor: rows.length > PAGE && last ? encodeCursor({ at: new Date(last.at).getTime(), id: last._id }) : null,
  };
};

export const ranking: Handler<'points', 'ranking'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  const _ = ctx.db.command;
  const org = (await col(ctx.db, 'orgs').doc(input.orgId).get()).data[0];
  const [ms, roles] = await Promise.all([activeMemberships(ctx.db, openid), org ? rolesAt(ctx.db, openid, org) : Promise.resolve([])]);
  const leads = roles.some((r) => LEADER_ROLES.includes(r));
  const units = await visibleUnits(ctx, ms);
  if (!org || (!leads && !units.some((u) => u.id === org._id))) throw new AppError('FORBIDDEN', '只能查看本组织和上级组织的排行');
  const { data: below } = await col(ctx.db, 'orgs').where({ path: org._id }).field({ _id: true }).limit(1000).get();
  const ids = [org._id, ...below.map((o) => o._id)];
  const orgId = ids.length === 1 ? ids[0]! : _.in(ids);
  const [k, p] = FIELDS[input.period];
  const key = periodsOf(ctx.now)[k];
  // Members see those who have not hidden themselves; the unit's leaders see everyone (hidden ones marked).
  const seen = leads ? {} : { vis: 1 };
  const [{ data: top }, { data: own }] = await Promise.all([
    col(ctx.db, 'points_ranks')
      .where({ orgId, [k]: key, ...seen })
      .orderBy(p, 'desc')
      .limit(LIST + 10)
      .get(),
    col(ctx.db, 'points_ranks').where({ openid, orgId }).limit(50).get(),
  ]);
  // Who the rows are: rows of memberships that ended (a member who left or moved) are not ranked here.
  const members = new Map(
    (
      await col(ctx.db, 'memberships')
        .where({ _id: _.in([...new Set([...top.map((r) => r.memberId), ...own.map((r) => r.memberId)])]) })
        .limit(200)
        .get()
    ).data
      .filter((m) => m.status === 'active')
      .map((m) => [m._id, m]),
  );
  // Someone in two units of the subtree is ranked once, by their best row.
  const rows: RankDoc[] = [];
  for (const r of top) if (members.has(r.memberId) && !rows.some((x) => x.openid === r.openid)) rows.push(r);
  const more = rows.length > LIST;
  const listed = rows.slice(0, LIST);
  const shown = listed.slice(0, SHOWN);
  const current = own.filter((r) => members.has(r.memberId));
  const minePoints = Math.max(0, ...current.map((r) => pointsIn(r, input.period, ctx.now)));
  const myRow = current.find((r) => pointsIn(r, input.period, ctx.now) === minePoints);
  // Those listed with more points, plus one: exact while it falls within the list (or the list is everyone).
  const place = listed.filter((r) => r[p] > minePoints).length + 1;
  const myPlace = place <= listed.length || !more ? place : null;
  const names = await orgNames(
    ctx.db,
    [...members.values()].map((m) => m.orgId),
  );
  const toRow = (r: RankDoc, rank: number): RankRow => {
    const m = members.get(r.memberId);
    return {
      rank,
      name: m?.name ?? '',
      orgName: m ? (names.get(m.orgId) ?? '') : '',
      points: r[p],
      me: r.openid === openid,
      hidden: r.vis === 0,
    };
  };
  // Equal points, equal place (1, 2, 2, 4).
  const out = shown.map((r, i) => toRow(r, shown.findIndex((x) => x[p] === r[p]) + 1 || i + 1));
  return {
    orgId: org._id,
    orgName: org.name,
    period: input.period,
    // The period's first day: a week is keyed by its Monday, a month YYYY-MM, a year YYYY.
    since: key.length === 4 ? `${key}-01-01` : key.length === 7 ? `${key}-01` : key,
    rows: out,
    mine: myRow && minePoints > 0 ? { ...toRow(myRow, 0), rank: myPlace, points: minePoints } : null,
    ranked: listed.length,
    more,
  };
};

export const setHidden: Handler<'points', 'setHidden'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  const { updated } = await col(ctx.db, 'points_members').doc(openid).update({ hidden: input.hidden });
  if (!updated) {
    const exists = (await col(ctx.db, 'points_members').doc(openid).get()).data[0];
    const { _id, ...fresh } = emptyMember(openid);
    if (!exists)
      await col(ctx.db, 'points_members')
        .doc(_id)
        .set({ ...fresh, hidden: input.hidden });
  }
  await col(ctx.db, 'points_ranks')
    .where({ openid })
    .update({ vis: input.hidden ? 0 : 1 });
  return { hidden: input.hidden };
};

export const member: Handler<'points', 'member'> = async (_input, ctx) => {
  const m = ctx.grant.doc;
  const [doc, { data }] = await Promise.all([
    col(ctx.db, 'points_members').doc(m.openid).get(),
    col(ctx.db, 'points_ledger').where({ openid: m.openid }).orderBy('at', 'desc').limit(50).get(),
  ]);
  return {
    name: m.name,
    total: doc.data[0]?.total ?? 0,
    year: pointsIn(doc.data[0], 'year', ctx.now),
    items: data.map(entryView),
  };
};

export const adjust: Handler<'points', 'adjust'> = async (input, ctx) => {
  const m = ctx.grant.doc;
  if (m.status !== 'active') throw new AppError('NOT_FOUND', '这位党员已不在本组织');
  const key = `adjust:${shanghaiDay(ctx.now)}:${randomBytes(8).toString('hex')}`;
  await correct(ctx, m.openid, { key, points: input.points, reason: input.reason, by: ctx.caller.openid, orgId: m.orgId });
  const entry = (await col(ctx.db, 'points_ledger').doc(key).get()).data[0];
  if (!entry) throw new AppError('INTERNAL');
  await audit(ctx, {
    orgId: m.orgId,
    action: 'points.adjust',
    targetType: 'member',
    targetId: m._id,
    summary: `${input.points > 0 ? '增加' : '扣减'}${m.name} ${Math.abs(input.points)} 积分：${input.reason}`,
  });
  return entryView(entry);
};

/** A member's points and whole ledger, for their own data export. */
export async function pointsOf(ctx: Pick<HandlerContext, 'db'>, openid: string) {
  const [doc, { data }] = await Promise.all([
    col(ctx.db, 'points_members').doc(openid).get(),
    col(ctx.db, 'points_ledger').where({ openid }).orderBy('at', 'desc').limit(1000).get(),
  ]);
  return { total: doc.data[0]?.total ?? 0, hidden: doc.data[0]?.hidden ?? false, ledger: data.map(entryView) };
}
