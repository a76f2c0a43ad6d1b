import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { activityInput } from '../../typings/api';
import type { ActivityCard } from '../../typings/domain';
import { ACTIVITY_TYPE_LABEL } from '../../typings/domain';
import { audit, auditEntry, type AuditEvent } from '../common/audit';
import type { CallerContext, HandlerContext } from '../common/context';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { col, inTransaction, type ActivityAudienceDoc, type ActivityDoc } from '../common/db';
import type { Handler } from '../common/define';
import { expandAudience } from '../common/audience';
import { AppError } from '../common/errors';
import { reconcileImages, removeImages } from '../common/images';
import { orgNames } from '../org/view';
import { notifyMembers } from './notify';
import { timeProblems } from './rules';
import { audienceKeys, keysOf, toCard, toView } from './view';

type ActivityInput = z.infer<typeof activityInput>;

/** Short random ids: they travel in QR codes, whose `scene` holds at most 32 characters. */
const newActivityId = () => `a${randomBytes(8).toString('base64url').replace(/[-_]/g, 'x').slice(0, 10)}`;

function fields(input: ActivityInput) {
  return {
    type: input.type,
    title: input.title,
    description: input.description,
    startAt: new Date(input.startAt),
    endAt: new Date(input.endAt),
    signupDeadline: input.signupDeadline ? new Date(input.signupDeadline) : null,
    place: input.place,
    location: input.location,
    capacity: input.signupRequired ? input.capacity : null,
    audience: input.audience,
    signupRequired: input.signupRequired,
    approvalRequired: input.signupRequired && input.approvalRequired,
    showSignupNames: input.signupRequired && input.showSignupNames,
    cancelRule: input.cancelRule,
    live: input.type === 'live_lecture' ? input.live : null,
  };
}

const activityImages = (ctx: CallerContext, wanted: string[], existing: string[]) => reconcileImages(ctx, 'activities', wanted, existing);

function checkTimes(ctx: HandlerContext, input: ActivityInput, creating: boolean): void {
  const problems = timeProblems(input, ctx.now, creating);
  if (input.type === 'live_lecture') {
    if (!input.live?.finderUserName && !input.live?.link) problems.push('直播党课请填写视频号 ID 或直播链接');
    // Online attendance: members anywhere type the code shown in the stream.
    if (input.location) problems.push('直播党课线上签到，不核对位置');
  }
  if (problems.length) throw new AppError('INVALID_INPUT', problems.join('；'), problems);
}

type Expanded = { orgIds: string[]; memberIds: string[] };

/** An activity's row for one audience key, read by members' lists: one per activity and key. */
const audienceRowId = (activityId: string, key: string) => `${activityId}~${key}`;

/**
 * Writes an activity (new, or changed from `before`), the rows members' lists read and the audit entry
 * in one transaction: if a write fails, none is made — an activity is never left with no audience, or
 * an edit with its audience half gone.
 */
async function saveActivity(
  ctx: CallerContext,
  a: ActivityDoc,
  edit: { before: ActivityDoc; changes: Partial<ActivityDoc> } | null,
  expanded: Expanded,
  event: AuditEvent,
) {
  const entry = await auditEntry(ctx, event);
  const keys = audienceKeys(expanded);
  await inTransaction(ctx.db, async (t) => {
    if (edit) {
      const { before, changes } = edit;
      // A merge: counters others change meanwhile (confirmedCount) are left as they are.
      await t.collection('activities').doc(a._id).update(changes);
      const old = audienceKeys({
        orgIds: before.audienceOrgIds,
        memberIds: before.audience.kind === 'members' ? before.audience.memberIds : [],
      });
      for (const key of old.filter((k) => !keys.includes(k)))
        await t.collection('activity_audience').doc(audienceRowId(a._id, key)).remove();
    } else {
      await t.collection('activities').add(a);
    }
    for (const key of keys) {
      const row: Omit<ActivityAudienceDoc, '_id'> = { activityId: a._id, key, startAt: a.startAt, endAt: a.endAt };
      await t.collection('activity_audience').doc(audienceRowId(a._id, key)).set(row);
    }
    await t.collection('audit_logs').add(entry);
  });
  // Rows of another id (written before rows had fixed ids, or for a key no longer there) go.
  if (edit) {
    const kept = keys.map((key) => audienceRowId(a._id, key));
    await col(ctx.db, 'activity_audience')
      .where({ activityId: a._id, _id: ctx.db.command.nin(kept) })
      .remove();
  }
}

export const create: Handler<'activity', 'create'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  const org = ctx.grant.unit;
  checkTimes(ctx, input, true);
  const expanded = await expandAudience(ctx, org, input.audience);
  const images = await activityImages(ctx, input.images ?? [], []);
  const doc: ActivityDoc = {
    _id: newActivityId(),
    orgId: org._id,
    ...fields(input),
    images: images.fileIDs,
    audienceOrgIds: expanded.orgIds,
    cancelled: false,
    confirmedCount: 0,
    createdBy: openid,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
  await saveActivity(ctx, doc, null, expanded, {
    orgId: org._id,
    action: 'activity.create',
    targetType: 'activity',
    targetId: doc._id,
    summary: `创建了${ACTIVITY_TYPE_LABEL[doc.type]}「${doc.title}」`,
  });
  return toView(ctx, doc, undefined, true, org.name);
};

/** Members with a live sign-up, to tell about a change. */
async function signedUp(ctx: HandlerContext, activityId: string): Promise<string[]> {
  const { data } = await col(ctx.db, 'signups')
    .where({ activityId, status: ctx.db.command.in(['confirmed', 'waitlisted', 'pending']) })
    .limit(1000)
    .get();
  return data.map((s) => s.openid);
}

export const update: Handler<'activity', 'update'> = async (input, ctx) => {
  const before = ctx.grant.doc;
  const org = ctx.grant.unit;
  if (before.cancelled) throw new AppError('CONFLICT', '活动已取消，不能再修改');
  checkTimes(ctx, input, false);
  const next = fields(input);
  if (next.capacity !== null && next.capacity < before.confirmedCount) {
    throw new AppError('INVALID_INPUT', `已有 ${before.confirmedCount} 人报名，名额不能少于此数`);
  }
  const expanded = await expandAudience(ctx, org, input.audience);
  const images = input.images ? await activityImages(ctx, input.images, before.images ?? []) : undefined;
  const changes = { ...next, ...(images ? { images: images.fileIDs } : {}), audienceOrgIds: expanded.orgIds, updatedAt: ctx.now };
  const moved = next.startAt.getTime() !== new Date(before.startAt).getTime() || next.place !== before.place;
  const after = { ...before, ...changes };
  await saveActivity(ctx, after, { before, changes }, expanded, {
    orgId: org._id,
    action: 'activity.update',
    targetType: 'activity',
    targetId: before._id,
    summary: `修改了活动「${after.title}」${moved ? '（时间或地点有变，已通知报名党员）' : ''}`,
  });
  if (images) await removeImages(ctx, images.removed);
  if (moved) await notifyMembers(ctx, after, await signedUp(ctx, before._id), '活动时间或地点有变，请留意');
  return toView(ctx, after, undefined, true, org.name);
};

export const cancel: Handler<'activity', 'cancel'> = async (input, ctx) => {
  const a = ctx.grant.doc;
  const org = ctx.grant.unit;
  if (a.cancelled) return toView(ctx, a, undefined, true, org.name);
  if (ctx.now.getTime() >= new Date(a.endAt).getTime()) throw new AppError('CONFLICT', '活动已结束，不能取消');
  const { updated } = await col(ctx.db, 'activities')
    .where({ _id: a._id, cancelled: false })
    .update({ cancelled: true, cancelReason: input.reason, updatedAt: ctx.now });
  const after = { ...a, cancelled: true, cancelReason: input.reason };
  if (updated) {
    await notifyMembers(ctx, a, await signedUp(ctx, a._id), `活动取消：${input.reason}`);
    await audit(ctx, {
      orgId: org._id,
      action: 'activity.cancel',
      targetType: 'activity',
      targetId: a._id,
      summary: `取消了活动「${a.title}」：${input.reason}`,
    });
  }
  return toView(ctx, after, undefined, true, org.name);
};

interface ListCursor {
  at: number;
  id: string;
}

export const list: Handler<'activity', 'list'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  const _ = ctx.db.command;
  const limit = input.limit ?? 20;
  let keys: string[];
  if (ctx.grant.unit) keys = audienceKeys({ orgIds: [ctx.grant.unit._id], memberIds: [] });
  else {
    const { data } = await col(ctx.db, 'memberships').where({ openid, status: 'active' }).limit(50).get();
    const mine = data;
    keys = keysOf(mine);
  }
  if (keys.length === 0) return { activities: [], nextCursor: null };

  const upcoming = input.when === 'upcoming';
  const conditions: object[] = [{ key: _.in(keys) }, { endAt: upcoming ? _.gt(ctx.now) : _.lte(ctx.now) }];
  if (input.cursor) {
    const c = decodeCursor<ListCursor>(input.cursor, (v) => typeof v['at'] === 'number' && typeof v['id'] === 'string');
    const at = new Date(c.at);
    conditions.push(
      upcoming
        ? _.or([{ startAt: _.gt(at) }, { startAt: at, activityId: _.gt(c.id) }])
        : _.or([{ startAt: _.lt(at) }, { startAt: at, activityId: _.lt(c.id) }]),
    );
  }
  const order = upcoming ? 'asc' : 'desc';
  const { data } = await col(ctx.db, 'activity_audience')
    .where(_.and(conditions))
    .orderBy('startAt', order)
    .orderBy('activityId', order)
    .limit(limit + 1)
    .get();
  const rows = data;
  const page = rows.slice(0, limit);
  const ids = [...new Set(page.map((r) => r.activityId))];
  if (ids.length === 0) return { activities: [], nextCursor: null };
  const [{ data: acts }, { data: signups }] = await Promise.all([
    col(ctx.db, 'activities')
      .where({ _id: _.in(ids) })
      .limit(100)
      .get(),
    col(ctx.db, 'signups')
      .where({ openid, activityId: _.in(ids) })
      .limit(100)
      .get(),
  ]);
  const byId = new Map(acts.map((a) => [a._id, a]));
  const mine = new Map(signups.map((s) => [s.activityId, s.status]));
  const names = await orgNames(ctx.db, [...new Set(acts.map((a) => a.orgId))]);
  const activities: ActivityCard[] = ids.flatMap((id) => {
    const a = byId.get(id);
    return a ? [toCard(a, names.get(a.orgId) ?? '', mine.get(id) ?? null, ctx.now)] : [];
  });
  const last = page[page.length - 1];
  return {
    activities,
    nextCursor: rows.length > limit && last ? encodeCursor({ at: new Date(last.startAt).getTime(), id: last.activityId }) : null,
  };
};

export const detail: Handler<'activity', 'detail'> = async (_input, ctx) => {
  const a = ctx.grant.doc;
  return toView(ctx, a, ctx.grant.membership, ctx.grant.leads ?? false, ctx.grant.unit?.name);
};
