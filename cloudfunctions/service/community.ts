import { WISH_STATES, type ServiceStats, type WishState } from '../../typings/service';
import { inShanghai } from '../../typings/time';
import { audit } from '../common/audit';
import { activeMemberships } from '../common/authz';
import type { HandlerContext } from '../common/context';
import { escapeRegExp } from '../common/cursor';
import { col, type OrgDoc, type ServiceSignupDoc } from '../common/db';
import type { Handler } from '../common/define';
import { AppError } from '../common/errors';
import { orgNames } from '../org/view';

const cardsOf = async (ctx: Pick<HandlerContext, 'db'>, units: OrgDoc[]) => {
  const parents = await orgNames(
    ctx.db,
    units.flatMap((u) => (u.parentId ? [u.parentId] : [])),
  );
  return units.map((u) => ({ id: u._id, name: u.name, parentName: (u.parentId && parents.get(u.parentId)) || null }));
};

/** 社区党组织 by name (for 进社区), or one unit by id (a wish's addressee, from a shared link): any unit may receive wishes. */
export const communities: Handler<'service', 'communities'> = async (input, ctx) => {
  if ('orgId' in input) {
    const unit = (await col(ctx.db, 'orgs').doc(input.orgId).get()).data[0];
    return { units: unit ? await cardsOf(ctx, [unit]) : [] };
  }
  const { data } = await col(ctx.db, 'orgs')
    .where({ community: true, name: ctx.db.RegExp({ regexp: escapeRegExp(input.q), options: 'i' }) })
    .limit(20)
    .get();
  return { units: await cardsOf(ctx, data) };
};

export const register: Handler<'service', 'register'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  const memberships = await activeMemberships(ctx.db, openid);
  const home = memberships.find((m) => m.role !== 'admin') ?? memberships[0];
  if (!home) throw new AppError('FORBIDDEN', '在职党员才能到社区报到');
  const unit = (await col(ctx.db, 'orgs').doc(input.orgId).get()).data[0];
  if (!unit?.community) throw new AppError('INVALID_INPUT', '请选择一个社区党组织');
  if (memberships.some((m) => m.orgId === unit._id)) throw new AppError('INVALID_INPUT', '你已是该社区党组织的党员，无需报到');
  const before = (await col(ctx.db, 'community_regs').doc(openid).get()).data[0];
  if (before?.orgId === unit._id) {
    return { orgId: unit._id, orgName: unit.name, since: inShanghai(before.since).format('YYYY-MM-DD') };
  }
  await col(ctx.db, 'community_regs')
    .doc(openid)
    .set({ orgId: unit._id, openid, memberId: home._id, homeOrgId: home.orgId, name: home.name, since: ctx.now });
  // The community's own log says who registered there; the member's move out of another shows in that one's.
  await audit(ctx, {
    orgId: unit._id,
    action: 'service.register',
    targetType: 'community_reg',
    targetId: home._id,
    summary: `${home.name} 到本社区报到`,
  });
  if (before) {
    await audit(ctx, {
      orgId: before.orgId,
      action: 'service.unregister',
      targetType: 'community_reg',
      targetId: before.memberId,
      summary: `${before.name} 改到其他社区报到`,
    });
  }
  return { orgId: unit._id, orgName: unit.name, since: inShanghai(ctx.now).format('YYYY-MM-DD') };
};

export const unregister: Handler<'service', 'unregister'> = async (_input, ctx) => {
  const { openid } = ctx.caller;
  const before = (await col(ctx.db, 'community_regs').doc(openid).get()).data[0];
  if (!before) throw new AppError('NOT_FOUND', '你还没有到社区报到');
  await col(ctx.db, 'community_regs').doc(openid).remove();
  await audit(ctx, {
    orgId: before.orgId,
    action: 'service.unregister',
    targetType: 'community_reg',
    targetId: before.memberId,
    summary: `${before.name} 取消了在本社区的报到`,
  });
  return { removed: true };
};

/** Confirmed hours of some people in a year, all and in one unit's projects. */
function sumHours(rows: ServiceSignupDoc[], orgId: string) {
  const by = new Map<string, { here: number; all: number }>();
  for (const s of rows) {
    if (!s.confirmedAt || !s.hours) continue;
    const h = by.get(s.openid) ?? { here: 0, all: 0 };
    by.set(s.openid, { here: h.here + (s.orgId === orgId ? s.hours : 0), all: h.all + s.hours });
  }
  return by;
}

export const registrations: Handler<'service', 'registrations'> = async (_input, ctx) => {
  const unit = ctx.grant.unit;
  const year = inShanghai(ctx.now).year();
  const { data: regs } = await col(ctx.db, 'community_regs').where({ orgId: unit._id }).orderBy('since', 'desc').limit(1000).get();
  const _ = ctx.db.command;
  const openids = regs.map((r) => r.openid);
  const [{ data: signups }, names] = await Promise.all([
    openids.length
      ? col(ctx.db, 'service_signups')
          .where({ openid: _.in(openids), year, status: 'signed' })
          .limit(1000)
          .get()
      : Promise.resolve({ data: [] as ServiceSignupDoc[] }),
    orgNames(
      ctx.db,
      regs.map((r) => r.homeOrgId),
    ),
  ]);
  const hours = sumHours(signups, unit._id);
  return {
    year,
    rows: regs.map((r) => ({
      name: r.name,
      homeOrgName: names.get(r.homeOrgId) ?? '',
      since: inShanghai(r.since).format('YYYY-MM-DD'),
      hoursHere: hours.get(r.openid)?.here ?? 0,
      hoursAll: hours.get(r.openid)?.all ?? 0,
    })),
  };
};

export const stats: Handler<'service', 'stats'> = async (_input, ctx) => {
  const unit = ctx.grant.unit;
  const year = inShanghai(ctx.now).year();
  const _ = ctx.db.command;
  const from = new Date(`${year}-01-01T00:00:00+08:00`);
  const [projects, signups, wishes, registered] = await Promise.all([
    col(ctx.db, 'service_projects')
      .where({ orgId: unit._id, cancelled: false, lastEndAt: _.gte(from) })
      .limit(1000)
      .get()
      .then((r) => r.data),
    col(ctx.db, 'service_signups')
      .where({ orgId: unit._id, year, status: 'signed' })
      .limit(1000)
      .get()
      .then((r) => r.data),
    col(ctx.db, 'wishes')
      .where({ orgId: unit._id, createdAt: _.gte(from) })
      .limit(1000)
      .get()
      .then((r) => r.data),
    col(ctx.db, 'community_regs').where({ orgId: unit._id }).count(),
  ]);
  const slots = new Set(signups.map((s) => s.slotId));
  const served = signups.filter((s) => s.confirmedAt && s.hours);
  const counts = Object.fromEntries(WISH_STATES.map((s) => [s, 0])) as Record<WishState, number>;
  for (const w of wishes) counts[w.state] += 1;
  const result: ServiceStats = {
    year,
    projects: projects.length,
    slots: slots.size,
    memberSignups: signups.filter((s) => s.kind === 'member').length,
    residentSignups: signups.filter((s) => s.kind === 'resident').length,
    hours: served.reduce((n, s) => n + s.hours!, 0),
    volunteers: new Set(served.map((s) => s.openid)).size,
    wishes: counts,
    registered: registered.total,
  };
  return result;
};
