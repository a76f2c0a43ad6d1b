import { randomBytes } from 'node:crypto';
import { SERVICE_POINTS_PER_HOUR } from '../../typings/points';
import { hoursText, SERVICE_RULES, type MyServiceRow, type ServiceRoster } from '../../typings/service';
import { inShanghai } from '../../typings/time';
import { audit } from '../common/audit';
import type { HandlerContext } from '../common/context';
import { col, isDuplicate, type ServiceProjectDoc, type ServiceSignupDoc, type ServiceSlotDoc } from '../common/db';
import type { Handler } from '../common/define';
import { AppError } from '../common/errors';
import { decrypt, encrypt, isValidPhone, mask, maskName, normalizePhone } from '../common/pii';
import { award, EVENT_KEYS } from '../common/points';
import { LOCK_MS, MAX_FAILURES } from '../checkin/checkin';
import { currentCode, refusalMessage, verify } from '../checkin/codes';
import { orgNames } from '../org/view';
import { requireConsent } from '../privacy/privacy';
import { slotFor } from './access';
import { checkinOpen, slotView } from './projects';

const t = (d: Date | string) => new Date(d).getTime();
const DAY = 24 * 3_600_000;
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const newSignupId = () => `sg${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;

async function signupOf(ctx: Pick<HandlerContext, 'db'>, slotId: string, openid: string): Promise<ServiceSignupDoc | undefined> {
  return (await col(ctx.db, 'service_signups').where({ slotId, openid }).limit(1).get()).data[0];
}

/** Takes a place if one is left: one conditional update, so `taken` never passes `capacity` however many tap at once. */
async function takePlace(ctx: Pick<HandlerContext, 'db'>, slot: ServiceSlotDoc): Promise<boolean> {
  const _ = ctx.db.command;
  const where = slot.capacity === null ? { _id: slot._id } : { _id: slot._id, taken: _.lt(slot.capacity) };
  const { updated } = await col(ctx.db, 'service_slots')
    .where(where)
    .update({ taken: _.inc(1) });
  return updated === 1;
}

async function givePlaceBack(ctx: Pick<HandlerContext, 'db'>, slotId: string): Promise<void> {
  const _ = ctx.db.command;
  await col(ctx.db, 'service_slots')
    .where({ _id: slotId, taken: _.gt(0) })
    .update({ taken: _.inc(-1) });
}

export const signUp: Handler<'service', 'signUp'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  const { slot, project: p, standing } = await slotFor(ctx, input.slotId);
  if (p.cancelled) throw new AppError('CONFLICT', '该服务项目已取消');
  if (!standing.as) throw new AppError('FORBIDDEN', '该服务项目仅面向本组织党员');
  if (ctx.now.getTime() >= t(slot.startAt)) throw new AppError('CLOSED', '该时段已开始，不能再报名');
  let person: Pick<ServiceSignupDoc, 'kind' | 'memberId' | 'homeOrgId' | 'name' | 'nameEnc' | 'phoneEnc' | 'nameMasked' | 'phoneMasked'>;
  if (standing.as === 'member') {
    const m = standing.membership!;
    person = {
      kind: 'member',
      memberId: m._id,
      homeOrgId: m.orgId,
      name: m.name,
      nameEnc: null,
      phoneEnc: null,
      nameMasked: m.name,
      phoneMasked: null,
    };
  } else {
    if (!input.resident) throw new AppError('INVALID_INPUT', '请填写姓名和手机号，便于组织者联系你');
    const phone = normalizePhone(input.resident.phone);
    if (!isValidPhone(phone)) throw new AppError('INVALID_INPUT', '手机号应为 11 位数字');
    // Personal data of someone who is not a member: only with their consent to the privacy notice.
    await requireConsent(ctx);
    const keys = ctx.keys();
    person = {
      kind: 'resident',
      memberId: null,
      homeOrgId: null,
      name: null,
      nameEnc: encrypt(keys, input.resident.name),
      phoneEnc: encrypt(keys, phone),
      nameMasked: maskName(input.resident.name),
      phoneMasked: mask('phone', phone),
    };
  }
  const existing = await signupOf(ctx, slot._id, openid);
  if (existing?.status === 'signed') return { signupId: existing._id };
  if (!(await takePlace(ctx, slot))) throw new AppError('FULL', '该时段名额已满，请选择其他时段');
  const fields = {
    ...person,
    status: 'signed' as const,
    createdAt: ctx.now,
    checkedInAt: null,
    method: null,
    failures: 0,
    hours: null,
    confirmedAt: null,
    ...(person.kind === 'resident' ? { purgeAt: new Date(t(slot.endAt) + SERVICE_RULES.residentRetentionDays * DAY) } : {}),
  };
  if (existing) {
    const { updated } = await col(ctx.db, 'service_signups').where({ _id: existing._id, status: 'cancelled' }).update(fields);
    if (updated === 0) await givePlaceBack(ctx, slot._id);
    return { signupId: existing._id };
  }
  const doc: ServiceSignupDoc = {
    _id: newSignupId(),
    slotId: slot._id,
    projectId: p._id,
    orgId: p.orgId,
    openid,
    startAt: slot.startAt,
    endAt: slot.endAt,
    year: inShanghai(slot.startAt).year(),
    ...fields,
  };
  try {
    await col(ctx.db, 'service_signups').add(doc);
  } catch (e) {
    if (!isDuplicate(e)) throw e;
    // The same person tapping twice at once: one place is theirs, the other goes back.
    await givePlaceBack(ctx, slot._id);
    return { signupId: (await signupOf(ctx, slot._id, openid))!._id };
  }
  return { signupId: doc._id };
};

export const cancelSignup: Handler<'service', 'cancelSignup'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  const mine = await signupOf(ctx, input.slotId, openid);
  if (!mine || mine.status !== 'signed') throw new AppError('NOT_FOUND', '你没有报名这个时段');
  if (ctx.now.getTime() >= t(mine.startAt)) throw new AppError('CLOSED', '该时段已开始，不能取消报名');
  // A resident who cancels takes their name and phone with them: nothing is kept for a slot they will not serve.
  const { updated } = await col(ctx.db, 'service_signups')
    .where({ _id: mine._id, status: 'signed' })
    .update({ status: 'cancelled', ...(mine.kind === 'resident' ? { nameEnc: null, phoneEnc: null } : {}) });
  if (updated === 1) await givePlaceBack(ctx, mine.slotId);
  return { cancelled: true };
};

export const checkin: Handler<'service', 'checkin'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  const { slot, project: p } = await slotFor(ctx, input.slotId);
  if (p.cancelled) throw new AppError('CONFLICT', '该服务项目已取消');
  const mine = await signupOf(ctx, slot._id, openid);
  if (!mine || mine.status !== 'signed') throw new AppError('NOT_FOUND', '请先报名这个时段，再签到');
  if (mine.checkedInAt) return { checkedInAt: new Date(mine.checkedInAt).toISOString(), already: true };
  if (!checkinOpen(slot, ctx.now)) {
    const opens = t(slot.startAt) - SERVICE_RULES.checkinBeforeMinutes * 60_000;
    throw new AppError(
      'NOT_OPEN',
      ctx.now.getTime() < opens ? `签到将于 ${inShanghai(opens).format('M月D日 HH:mm')} 开始` : '该时段已结束，签到已关闭',
    );
  }
  if (mine.lockedUntil && t(mine.lockedUntil) > ctx.now.getTime()) {
    throw new AppError('RATE_LIMITED', '签到码错误次数过多，请 10 分钟后再试，或请组织者为你确认');
  }
  const verdict = verify(ctx.keys().checkin, slot._id, input, ctx.now.getTime());
  if (!verdict.ok) {
    const scanned = 'payload' in input;
    if (verdict.code === 'EXPIRED') throw new AppError('EXPIRED', refusalMessage('EXPIRED', scanned));
    const failures = mine.failures + 1;
    await col(ctx.db, 'service_signups')
      .doc(mine._id)
      .update(
        failures >= MAX_FAILURES
          ? { failures: 0, lockedUntil: new Date(ctx.now.getTime() + LOCK_MS) }
          : { failures: ctx.db.command.inc(1) },
      );
    const message = verdict.code === 'WRONG_ACTIVITY' ? '这是另一个时段或活动的签到码' : refusalMessage(verdict.code, scanned);
    throw new AppError(verdict.code, message);
  }
  await col(ctx.db, 'service_signups')
    .where({ _id: mine._id, checkedInAt: null })
    .update({ checkedInAt: ctx.now, method: 'payload' in input ? 'scan' : 'code' });
  const after = (await col(ctx.db, 'service_signups').doc(mine._id).get()).data[0]!;
  const at = after.checkedInAt ?? ctx.now;
  return { checkedInAt: new Date(at).toISOString(), already: t(at) !== ctx.now.getTime() };
};

export const code: Handler<'service', 'code'> = async (_input, ctx) => {
  const slot = ctx.grant.doc;
  const p = (await col(ctx.db, 'service_projects').doc(slot.projectId).get()).data[0];
  if (!p || p.cancelled || slot.removed) throw new AppError('CONFLICT', '该服务项目已取消');
  if (!checkinOpen(slot, ctx.now)) {
    throw new AppError('NOT_OPEN', `签到码在时段开始前 ${SERVICE_RULES.checkinBeforeMinutes} 分钟至结束时显示`);
  }
  return currentCode(ctx.keys().checkin, slot._id, ctx.now.getTime());
};

async function rosterOf(ctx: HandlerContext, slot: ServiceSlotDoc): Promise<ServiceRoster> {
  const [project, { data }] = await Promise.all([
    col(ctx.db, 'service_projects')
      .doc(slot.projectId)
      .get()
      .then((r) => r.data[0]),
    col(ctx.db, 'service_signups').where({ slotId: slot._id, status: 'signed' }).orderBy('createdAt', 'asc').limit(1000).get(),
  ]);
  const names = await orgNames(
    ctx.db,
    data.flatMap((s) => (s.homeOrgId ? [s.homeOrgId] : [])),
  );
  const rows = data.map((s) => ({
    signupId: s._id,
    kind: s.kind,
    name: s.kind === 'member' ? (s.name ?? '') : s.nameMasked,
    phoneMasked: s.kind === 'resident' && s.phoneEnc ? s.phoneMasked : null,
    orgName: s.homeOrgId ? (names.get(s.homeOrgId) ?? null) : null,
    checkedInAt: iso(s.checkedInAt),
    method: s.method,
    hours: s.confirmedAt ? s.hours : null,
    confirmedAt: iso(s.confirmedAt),
  }));
  return {
    slot: {
      ...slotView(slot, project?.cancelled ?? true, undefined, ctx.now),
      projectId: slot.projectId,
      projectTitle: project?.title ?? '',
      place: project?.place ?? '',
    },
    rows,
    counts: {
      signedUp: rows.length,
      present: rows.filter((r) => r.checkedInAt).length,
      confirmed: rows.filter((r) => r.confirmedAt).length,
      residents: rows.filter((r) => r.kind === 'resident').length,
    },
  };
}

export const roster: Handler<'service', 'roster'> = async (_input, ctx) => rosterOf(ctx, ctx.grant.doc);

/** Points for a confirmed slot: per hour started. */
const pointsFor = (hours: number) => Math.ceil(hours) * SERVICE_POINTS_PER_HOUR;

export const confirmHours: Handler<'service', 'confirmHours'> = async (input, ctx) => {
  const slot = ctx.grant.doc;
  // From when check-in opens (an organiser may confirm on the spot), never before.
  if (ctx.now.getTime() < t(slot.startAt) - SERVICE_RULES.checkinBeforeMinutes * 60_000) {
    throw new AppError('NOT_OPEN', '签到开始后才能确认服务时长');
  }
  const project = (await col(ctx.db, 'service_projects').doc(slot.projectId).get()).data[0] as ServiceProjectDoc;
  const ids = [...new Set(input.entries.map((e) => e.signupId))];
  const { data } = await col(ctx.db, 'service_signups')
    .where({ _id: ctx.db.command.in(ids), slotId: slot._id, status: 'signed' })
    .limit(1000)
    .get();
  if (data.length !== ids.length) throw new AppError('INVALID_INPUT', '名单已变化，请刷新后重试');
  const byId = new Map(data.map((s) => [s._id, s]));
  let served = 0;
  for (const e of input.entries) {
    const s = byId.get(e.signupId)!;
    const came = e.hours > 0;
    if (came) served += 1;
    await col(ctx.db, 'service_signups')
      .doc(s._id)
      .update({
        hours: e.hours,
        confirmedAt: ctx.now,
        // Served without checking in (no phone at hand): the organiser vouches for them.
        ...(came && !s.checkedInAt ? { checkedInAt: slot.startAt, method: 'manual' as const } : {}),
      });
    if (came && s.kind === 'member') {
      await award(ctx, s.openid, {
        rule: 'service',
        key: EVENT_KEYS.service(s._id),
        title: `志愿服务「${project.title}」${hoursText(e.hours)} 小时`,
        points: pointsFor(e.hours),
      });
    }
  }
  await audit(ctx, {
    orgId: slot.orgId,
    action: 'service.hours',
    targetType: 'service_slot',
    targetId: slot._id,
    summary: `确认志愿服务「${project.title}」${inShanghai(slot.startAt).format('M月D日 HH:mm')} 时段 ${served} 人的服务时长`,
  });
  return rosterOf(ctx, (await col(ctx.db, 'service_slots').doc(slot._id).get()).data[0]!);
};

export const revealContact: Handler<'service', 'revealContact'> = async (_input, ctx) => {
  const s = ctx.grant.doc;
  if (s.kind !== 'resident' || !s.nameEnc || !s.phoneEnc) throw new AppError('NOT_FOUND', '该报名者的联系方式已按规定删除');
  await audit(ctx, {
    orgId: s.orgId,
    action: 'service.reveal',
    targetType: 'service_signup',
    targetId: s._id,
    summary: `查看了群众报名者 ${s.nameMasked} 的联系方式`,
  });
  return { name: decrypt(ctx.keys(), s.nameEnc), phone: decrypt(ctx.keys(), s.phoneEnc) };
};

/** The person's sign-ups (newest first), with the projects they are for. */
export async function signupsOf(ctx: Pick<HandlerContext, 'db'>, openid: string) {
  const { data } = await col(ctx.db, 'service_signups').where({ openid, status: 'signed' }).orderBy('startAt', 'desc').limit(500).get();
  const ids = [...new Set(data.map((s) => s.projectId))];
  const { data: projects } = ids.length
    ? await col(ctx.db, 'service_projects')
        .where({ _id: ctx.db.command.in(ids) })
        .limit(500)
        .get()
    : { data: [] };
  return { signups: data, projects: new Map(projects.map((p) => [p._id, p])) };
}

/** Confirmed hours by year, latest first. */
export function hoursByYear(signups: ServiceSignupDoc[]) {
  const years = new Map<number, { hours: number; times: number }>();
  for (const s of signups) {
    if (!s.confirmedAt || !s.hours) continue;
    const y = years.get(s.year) ?? { hours: 0, times: 0 };
    years.set(s.year, { hours: y.hours + s.hours, times: y.times + 1 });
  }
  return [...years].sort((a, b) => b[0] - a[0]).map(([year, y]) => ({ year, ...y }));
}

/** A member's confirmed volunteer hours by year, for their archive. */
export async function volunteerYears(ctx: Pick<HandlerContext, 'db'>, openid: string) {
  const { data } = await col(ctx.db, 'service_signups')
    .where({ openid, status: 'signed', kind: 'member', confirmedAt: ctx.db.command.neq(null) })
    .limit(1000)
    .get();
  return hoursByYear(data);
}

export const mine: Handler<'service', 'mine'> = async (_input, ctx) => {
  const { openid } = ctx.caller;
  const [{ signups, projects }, memberships, reg] = await Promise.all([
    signupsOf(ctx, openid),
    col(ctx.db, 'memberships')
      .where({ openid, status: 'active' })
      .limit(50)
      .get()
      .then((r) => r.data),
    col(ctx.db, 'community_regs')
      .doc(openid)
      .get()
      .then((r) => r.data[0]),
  ]);
  const names = await orgNames(ctx.db, [...[...projects.values()].map((p) => p.orgId), ...(reg ? [reg.orgId] : [])]);
  const row = (s: ServiceSignupDoc): MyServiceRow => {
    const p = projects.get(s.projectId);
    return {
      signupId: s._id,
      projectId: s.projectId,
      projectTitle: p?.title ?? '',
      orgName: names.get(s.orgId) ?? '',
      place: p?.place ?? '',
      startAt: new Date(s.startAt).toISOString(),
      endAt: new Date(s.endAt).toISOString(),
      checkedInAt: iso(s.checkedInAt),
      hours: s.confirmedAt ? s.hours : null,
      confirmed: s.confirmedAt !== null,
    };
  };
  const now = ctx.now.getTime();
  const live = signups.filter((s) => !projects.get(s.projectId)?.cancelled);
  return {
    upcoming: live
      .filter((s) => t(s.endAt) > now)
      .reverse()
      .map(row),
    past: live.filter((s) => t(s.endAt) <= now).map(row),
    years: hoursByYear(signups),
    member: memberships.length > 0,
    community: reg ? { orgId: reg.orgId, orgName: names.get(reg.orgId) ?? '', since: inShanghai(reg.since).format('YYYY-MM-DD') } : null,
  };
};

export const certificate: Handler<'service', 'certificate'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  const { data: memberships } = await col(ctx.db, 'memberships').where({ openid, status: 'active' }).limit(50).get();
  const m = memberships[0];
  if (!m) throw new AppError('NOT_FOUND', '志愿服务证书只为党员生成');
  const { signups } = await signupsOf(ctx, openid);
  const year = hoursByYear(signups).find((y) => y.year === input.year);
  if (!year) throw new AppError('NOT_FOUND', `${input.year} 年还没有经组织确认的志愿服务时长`);
  const names = await orgNames(ctx.db, [m.orgId]);
  return {
    name: m.name,
    orgName: names.get(m.orgId) ?? '',
    year: input.year,
    hours: year.hours,
    times: year.times,
    issued: inShanghai(ctx.now).format('YYYY年M月D日'),
  };
};
