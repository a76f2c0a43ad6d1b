import { randomBytes } from 'node:crypto';
import type * as z from 'zod';
import type { serviceProjectInput } from '../../typings/api';
import { pageLink } from '../../typings/pages';
import { SERVICE_RULES, slotHours, type ServiceEditorCard, type ServiceProjectCard, type ServiceSlotView } from '../../typings/service';
import { inShanghai } from '../../typings/time';
import { notifyMembers } from '../activity/notify';
import { expandAudience } from '../common/audience';
import { audit } from '../common/audit';
import type { HandlerContext } from '../common/context';
import { col, type ServiceProjectDoc, type ServiceSignupDoc, type ServiceSlotDoc } from '../common/db';
import type { Handler } from '../common/define';
import { AppError } from '../common/errors';
import { imageRefs, reconcileImages, removeImages } from '../common/images';
import { decrypt } from '../common/pii';
import { orgNames } from '../org/view';
import { homeUnits, projectFor, whoIs } from './access';

type ProjectInput = z.output<typeof serviceProjectInput>;

const HOUR = 3_600_000;
const t = (d: Date | string) => new Date(d).getTime();
/** Slot ids fit a check-in code's payload (letters and digits, at most 20), and differ from activities' (`a…`). */
const newSlotId = () => `s${randomBytes(8).toString('base64url').replace(/[-_]/g, 'x').slice(0, 10)}`;
const newProjectId = () => `sp${randomBytes(9).toString('base64url').replace(/[-_]/g, 'x')}`;

/** Check-in is open from a while before the slot to its end. */
export function checkinOpen(slot: Pick<ServiceSlotDoc, 'startAt' | 'endAt'>, now: Date): boolean {
  return now.getTime() >= t(slot.startAt) - SERVICE_RULES.checkinBeforeMinutes * 60_000 && now.getTime() < t(slot.endAt);
}

export function slotView(slot: ServiceSlotDoc, cancelled: boolean, mine: ServiceSignupDoc | undefined, now: Date): ServiceSlotView {
  const live = mine?.status === 'signed' ? mine : undefined;
  return {
    id: slot._id,
    startAt: new Date(slot.startAt).toISOString(),
    endAt: new Date(slot.endAt).toISOString(),
    capacity: slot.capacity,
    taken: slot.taken,
    hours: slot.hours,
    mine: live
      ? {
          signupId: live._id,
          checkedInAt: live.checkedInAt ? new Date(live.checkedInAt).toISOString() : null,
          hours: live.hours,
          confirmed: live.confirmedAt !== null,
        }
      : null,
    open: !cancelled && now.getTime() < t(slot.startAt) && (slot.capacity === null || slot.taken < slot.capacity),
    checkinOpen: !cancelled && checkinOpen(slot, now),
  };
}

/** The slots of some projects, in time order. */
export async function slotsOf(ctx: Pick<HandlerContext, 'db'>, projectIds: string[]): Promise<ServiceSlotDoc[]> {
  if (projectIds.length === 0) return [];
  const { data } = await col(ctx.db, 'service_slots')
    .where({ projectId: ctx.db.command.in(projectIds), removed: ctx.db.command.neq(true) })
    .orderBy('startAt', 'asc')
    .limit(1000)
    .get();
  return data;
}

function cardOf(p: ServiceProjectDoc, orgName: string, slots: ServiceSlotDoc[], signedUp: boolean, now: Date): ServiceProjectCard {
  const ahead = slots.filter((s) => t(s.startAt) > now.getTime());
  const limited = ahead.every((s) => s.capacity !== null);
  return {
    id: p._id,
    title: p.title,
    orgName,
    place: p.place,
    public: p.public,
    firstStartAt: new Date(p.firstStartAt).toISOString(),
    lastEndAt: new Date(p.lastEndAt).toISOString(),
    slotCount: slots.length,
    placesLeft: limited ? ahead.reduce((n, s) => n + Math.max(0, s.capacity! - s.taken), 0) : null,
    cancelled: p.cancelled,
    signedUp,
  };
}

const byProject = <T extends { projectId: string }>(rows: T[]) => {
  const map = new Map<string, T[]>();
  for (const r of rows) map.set(r.projectId, [...(map.get(r.projectId) ?? []), r]);
  return map;
};

export const list: Handler<'service', 'list'> = async (_input, ctx) => {
  const { openid } = ctx.caller;
  const _ = ctx.db.command;
  const who = await whoIs(ctx, openid);
  const units = homeUnits(who);
  const open = units.length ? _.or([{ audienceOrgIds: _.in(units) }, { public: true }]) : { public: true };
  const { data: projects } = await col(ctx.db, 'service_projects')
    .where(_.and([open, { cancelled: false, lastEndAt: _.gt(ctx.now) }]))
    .orderBy('firstStartAt', 'asc')
    .limit(50)
    .get();
  const ids = projects.map((p) => p._id);
  const [slots, mine, names] = await Promise.all([
    slotsOf(ctx, ids),
    ids.length
      ? col(ctx.db, 'service_signups')
          .where({ openid, projectId: _.in(ids), status: 'signed' })
          .limit(200)
          .get()
          .then((r) => r.data)
      : Promise.resolve([]),
    orgNames(
      ctx.db,
      projects.map((p) => p.orgId),
    ),
  ]);
  const slotsBy = byProject(slots);
  const signed = new Set(mine.map((s) => s.projectId));
  return {
    projects: projects.map((p) => cardOf(p, names.get(p.orgId) ?? '', slotsBy.get(p._id) ?? [], signed.has(p._id), ctx.now)),
  };
};

export const project: Handler<'service', 'project'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  const { project: p, standing, unitName } = await projectFor(ctx, input.projectId);
  const [slots, { data: mine }, images] = await Promise.all([
    slotsOf(ctx, [p._id]),
    col(ctx.db, 'service_signups').where({ openid, projectId: p._id }).limit(100).get(),
    imageRefs(ctx, p.images),
  ]);
  const bySlot = new Map(mine.map((s) => [s.slotId, s]));
  const notOpenReason = p.cancelled
    ? `该服务项目已取消${p.cancelReason ? `：${p.cancelReason}` : ''}`
    : !standing.as
      ? '该服务项目仅面向本组织党员'
      : t(p.lastEndAt) <= ctx.now.getTime()
        ? '该服务项目已结束'
        : null;
  return {
    id: p._id,
    orgId: p.orgId,
    orgName: unitName,
    title: p.title,
    description: p.description,
    place: p.place,
    images,
    public: p.public,
    cancelled: p.cancelled,
    slots: slots.map((s) => slotView(s, p.cancelled, bySlot.get(s._id), ctx.now)),
    as: notOpenReason ? null : standing.as,
    notOpenReason,
    lastContact: standing.as === 'resident' ? await lastContactOf(ctx, openid) : null,
    canManage: standing.leads,
  };
};

/** A resident's name and phone from their latest sign-up still holding them: their own, to fill the form again. */
async function lastContactOf(ctx: HandlerContext, openid: string) {
  const { data } = await col(ctx.db, 'service_signups')
    .where({ openid, kind: 'resident', phoneEnc: ctx.db.command.neq(null) })
    .orderBy('startAt', 'desc')
    .limit(1)
    .get();
  const s = data[0];
  if (!s?.nameEnc || !s.phoneEnc) return null;
  return { name: decrypt(ctx.keys(), s.nameEnc), phone: decrypt(ctx.keys(), s.phoneEnc) };
}

export const projects: Handler<'service', 'projects'> = async (_input, ctx) => {
  const unit = ctx.grant.unit;
  const { data } = await col(ctx.db, 'service_projects').where({ orgId: unit._id }).orderBy('firstStartAt', 'desc').limit(100).get();
  const ids = data.map((p) => p._id);
  const _ = ctx.db.command;
  const [slots, signups] = await Promise.all([
    slotsOf(ctx, ids),
    ids.length
      ? col(ctx.db, 'service_signups')
          .where({ projectId: _.in(ids), status: 'signed' })
          .limit(1000)
          .get()
          .then((r) => r.data)
      : Promise.resolve([]),
  ]);
  const slotsBy = byProject(slots);
  const signupsBy = byProject(signups);
  return {
    projects: data.map((p): ServiceEditorCard => {
      const rows = signupsBy.get(p._id) ?? [];
      return {
        ...cardOf(p, unit.name, slotsBy.get(p._id) ?? [], false, ctx.now),
        signups: rows.length,
        toConfirm: rows.filter((s) => s.checkedInAt && !s.confirmedAt).length,
      };
    }),
  };
};

/** Problems with the slots, in words the organiser can act on; `kept` are slots already taken by someone. */
function slotProblems(slots: ProjectInput['slots'], existing: Map<string, ServiceSlotDoc>, now: Date): string[] {
  const problems: string[] = [];
  slots.forEach((s, i) => {
    const n = `第 ${i + 1} 个时段`;
    const before = s.id ? existing.get(s.id) : undefined;
    if (s.id && !before) problems.push(`${n}不存在，请刷新后重试`);
    const start = t(s.startAt);
    const end = t(s.endAt);
    if (end <= start) problems.push(`${n}的结束时间应晚于开始时间`);
    if (end - start > SERVICE_RULES.slotMaxHours * HOUR) problems.push(`${n}最长 ${SERVICE_RULES.slotMaxHours} 小时`);
    const moved = !before || t(before.startAt) !== start || t(before.endAt) !== end;
    if (moved && start < now.getTime()) problems.push(`${n}的开始时间已过`);
    if (before && before.taken > 0 && moved) problems.push(`${n}已有人报名，不能改时间`);
    if (before && s.capacity !== null && s.capacity < before.taken) problems.push(`${n}已有 ${before.taken} 人报名，名额不能少于此数`);
  });
  const ids = slots.flatMap((s) => (s.id ? [s.id] : []));
  if (new Set(ids).size !== ids.length) problems.push('时段重复');
  for (const before of existing.values()) {
    if (!ids.includes(before._id) && before.taken > 0) {
      problems.push(`${inShanghai(before.startAt).format('M月D日 HH:mm')} 的时段已有人报名，不能删除`);
    }
  }
  return problems;
}

export const saveProject: Handler<'service', 'saveProject'> = async (input, ctx) => {
  const unit = ctx.grant.unit;
  const before = input.projectId ? (await col(ctx.db, 'service_projects').doc(input.projectId).get()).data[0] : undefined;
  if (input.projectId && (!before || before.orgId !== unit._id)) throw new AppError('NOT_FOUND', '服务项目不存在');
  if (before?.cancelled) throw new AppError('CONFLICT', '已取消的服务项目不能修改');
  const existing = new Map((before ? await slotsOf(ctx, [before._id]) : []).map((s) => [s._id, s]));
  const p = input.project;
  const problems = slotProblems(p.slots, existing, ctx.now);
  if (before?.public && !p.public) {
    const { total } = await col(ctx.db, 'service_signups').where({ projectId: before._id, kind: 'resident', status: 'signed' }).count();
    if (total > 0) problems.push('已有群众报名，不能改为仅限党员');
  }
  if (problems.length) throw new AppError('INVALID_INPUT', problems[0], problems);
  const id = before?._id ?? newProjectId();
  const images = await reconcileImages(ctx, `service/${id}`, p.images ?? before?.images ?? [], before?.images ?? []);
  const slots = p.slots.map((s) => ({ ...s, id: s.id ?? newSlotId() })).sort((a, b) => t(a.startAt) - t(b.startAt));
  const { orgIds } = await expandAudience(ctx, unit, { kind: 'subtree' });
  const doc: Omit<ServiceProjectDoc, '_id'> = {
    orgId: unit._id,
    title: p.title,
    description: p.description,
    place: p.place,
    images: images.fileIDs,
    public: p.public,
    audienceOrgIds: orgIds,
    firstStartAt: new Date(slots[0]!.startAt),
    lastEndAt: new Date(Math.max(...slots.map((s) => t(s.endAt)))),
    cancelled: false,
    createdBy: before?.createdBy ?? ctx.caller.openid,
    createdAt: before?.createdAt ?? ctx.now,
    updatedAt: ctx.now,
  };
  // Slots first (a new project's are not reachable until the project exists), then the project.
  for (const s of slots) {
    const old = existing.get(s.id);
    const fields = {
      startAt: new Date(s.startAt),
      endAt: new Date(s.endAt),
      capacity: s.capacity,
      hours: slotHours(s.startAt, s.endAt),
    };
    if (old) await col(ctx.db, 'service_slots').doc(s.id).update(fields);
    else
      await col(ctx.db, 'service_slots')
        .doc(s.id)
        .set({ projectId: id, orgId: unit._id, taken: 0, ...fields });
  }
  for (const old of existing.values()) {
    if (!slots.some((s) => s.id === old._id)) await col(ctx.db, 'service_slots').doc(old._id).update({ removed: true });
  }
  await col(ctx.db, 'service_projects').doc(id).set(doc);
  await audit(ctx, {
    orgId: unit._id,
    action: before ? 'service.update' : 'service.create',
    targetType: 'service_project',
    targetId: id,
    summary: `${before ? '修改' : '发布'}志愿服务「${p.title}」（${slots.length} 个时段${p.public ? '，面向群众' : ''}）`,
  });
  await removeImages(ctx, images.removed);
  return { projectId: id };
};

export const projectDraft: Handler<'service', 'projectDraft'> = async (_input, ctx) => {
  const p = ctx.grant.doc;
  const [slots, images] = await Promise.all([slotsOf(ctx, [p._id]), imageRefs(ctx, p.images)]);
  return {
    id: p._id,
    orgId: p.orgId,
    title: p.title,
    description: p.description,
    place: p.place,
    public: p.public,
    images,
    slots: slots.map((s) => ({
      id: s._id,
      startAt: new Date(s.startAt).toISOString(),
      endAt: new Date(s.endAt).toISOString(),
      capacity: s.capacity,
    })),
  };
};

export const cancelProject: Handler<'service', 'cancelProject'> = async (input, ctx) => {
  const p = ctx.grant.doc;
  if (p.cancelled) return { cancelled: true };
  await col(ctx.db, 'service_projects').doc(p._id).update({ cancelled: true, cancelReason: input.reason, updatedAt: ctx.now });
  await audit(ctx, {
    orgId: p.orgId,
    action: 'service.cancel',
    targetType: 'service_project',
    targetId: p._id,
    summary: `取消志愿服务「${p.title}」：${input.reason}`,
  });
  const { data: signed } = await col(ctx.db, 'service_signups')
    .where({ projectId: p._id, status: 'signed', startAt: ctx.db.command.gt(ctx.now) })
    .limit(1000)
    .get();
  await notifyMembers(
    ctx,
    { _id: p._id, title: p.title, startAt: p.firstStartAt, place: p.place },
    signed.map((s) => s.openid),
    '志愿服务已取消',
    'cancelled',
    pageLink('serviceProject', { id: p._id }),
  );
  return { cancelled: true };
};
