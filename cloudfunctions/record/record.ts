import type { HistoryItem, RecordView } from '../../typings/domain';
import { inShanghai } from '../../typings/time';
import { audit } from '../common/audit';
import { type HandlerContext } from '../common/context';
import { col, isDuplicate, type CheckinDoc, type RecordDoc, type SignupDoc } from '../common/db';
import type { Handler } from '../common/define';
import { AppError } from '../common/errors';
import { imageRefs, reconcileImages, removeImages } from '../common/images';
import { orgNames } from '../org/view';
import { refreshAttendance } from '../checkin/board';

const EMPTY = { topic: '', host: '', recorder: '', content: '', resolutions: '' };

async function toView(ctx: HandlerContext, activityId: string, r: RecordDoc | undefined): Promise<RecordView> {
  return {
    activityId,
    topic: r?.topic ?? '',
    host: r?.host ?? '',
    recorder: r?.recorder ?? '',
    content: r?.content ?? '',
    resolutions: r?.resolutions ?? '',
    photos: await imageRefs(ctx, r?.photos),
    closed: Boolean(r?.closedAt),
    closedAt: r?.closedAt ? new Date(r.closedAt).toISOString() : null,
    attendance: r?.attendance ?? null,
  };
}

const recordOf = async (db: Parameters<typeof col>[0], id: string) => (await col(db, 'activity_records').doc(id).get()).data[0];

export const get: Handler<'record', 'get'> = async (_input, ctx) => {
  const a = ctx.grant.doc;
  const r = await recordOf(ctx.db, a._id);
  // Members read it once it is closed; until then it is the organiser's draft.
  if (!ctx.grant.leads && !r?.closedAt) throw new AppError('NOT_FOUND', '会议记录尚未发布');
  return toView(ctx, a._id, r);
};

export const save: Handler<'record', 'save'> = async (input, ctx) => {
  const a = ctx.grant.doc;
  const { activityId: _id, photos: wanted, ...text } = input;
  const existing = await recordOf(ctx.db, a._id);
  if (existing?.closedAt) throw new AppError('CONFLICT', '会议记录已归档，不能再修改');
  const photos = wanted ? await reconcileImages(ctx, 'records', wanted, existing?.photos ?? []) : undefined;
  const fields = { ...text, ...(photos ? { photos: photos.fileIDs } : {}) };
  const refused = async (message: string) => {
    // The write did not happen: the photos just stored belong to nothing.
    if (photos)
      await removeImages(
        ctx,
        photos.fileIDs.filter((id) => !existing?.photos?.includes(id)),
      );
    return new AppError('CONFLICT', message);
  };
  if (existing) {
    const { updated } = await col(ctx.db, 'activity_records')
      .where({ _id: a._id, closedAt: ctx.db.command.exists(false) })
      .update({ ...fields, updatedAt: ctx.now });
    if (!updated) throw await refused('会议记录已归档，不能再修改');
  } else {
    try {
      await col(ctx.db, 'activity_records').add({ _id: a._id, orgId: a.orgId, ...EMPTY, ...fields, updatedAt: ctx.now });
    } catch (e) {
      if (!isDuplicate(e)) throw e;
      throw await refused('会议记录刚被他人修改，请刷新后重试');
    }
  }
  if (photos) await removeImages(ctx, photos.removed);
  return toView(ctx, a._id, await recordOf(ctx.db, a._id));
};

export const close: Handler<'record', 'close'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  const a = ctx.grant.doc;
  if (a.cancelled) throw new AppError('CONFLICT', '活动已取消');
  if (ctx.now.getTime() < new Date(a.startAt).getTime()) throw new AppError('NOT_OPEN', '活动开始后才能归档会议记录');
  const r = await recordOf(ctx.db, a._id);
  if (!r || !r.topic || !r.content) throw new AppError('INVALID_INPUT', '请先填写议题和会议内容');
  if (r.closedAt) return toView(ctx, a._id, r);
  if (!input.early && ctx.now.getTime() < new Date(a.endAt).getTime()) {
    throw new AppError(
      'CONFIRM_NEEDED',
      `活动 ${inShanghai(a.endAt).format('HH:mm')} 才结束。现在归档，签到随即关闭，还没签到的党员记为缺席（迟到的可由书记补签）。确定提前归档吗？`,
    );
  }
  const { updated } = await col(ctx.db, 'activity_records')
    .where({ _id: a._id, closedAt: ctx.db.command.exists(false) })
    .update({ closedAt: ctx.now, closedBy: openid });
  if (updated) {
    // Check-in closes first; the attendance is then taken from the board (a check-in still on its way updates it itself).
    await col(ctx.db, 'activities').doc(a._id).update({ recordClosedAt: ctx.now });
    const attendance = await refreshAttendance(ctx, { ...a, recordClosedAt: ctx.now });
    await audit(ctx, {
      orgId: a.orgId,
      action: 'record.close',
      targetType: 'activity',
      targetId: a._id,
      summary: `归档了「${a.title}」的会议记录（实到 ${attendance.present} 人，出席率 ${attendance.rate}%）`,
    });
  }
  return toView(ctx, a._id, await recordOf(ctx.db, a._id));
};

/** The caller's activities: what they signed up for, asked leave for, or attended, newest first. */
export const history: Handler<'record', 'history'> = async (_input, ctx) => {
  const { openid } = ctx.caller;
  const _ = ctx.db.command;
  const [{ data: signups }, { data: checkins }] = await Promise.all([
    col(ctx.db, 'signups').where({ openid }).orderBy('createdAt', 'desc').limit(200).get(),
    col(ctx.db, 'checkins').where({ openid }).limit(200).get(),
  ]);
  const byActivity = new Map<string, { s?: SignupDoc; c?: CheckinDoc }>();
  for (const s of signups) byActivity.set(s.activityId, { ...byActivity.get(s.activityId), s });
  for (const c of checkins) byActivity.set(c.activityId, { ...byActivity.get(c.activityId), c });
  const ids = [...byActivity.keys()];
  if (ids.length === 0) return { items: [] };
  const [{ data: acts }, { data: records }] = await Promise.all([
    col(ctx.db, 'activities')
      .where({ _id: _.in(ids) })
      .limit(200)
      .get(),
    col(ctx.db, 'activity_records')
      .where({ _id: _.in(ids) })
      .limit(200)
      .get(),
  ]);
  const closed = new Set(records.filter((r) => r.closedAt).map((r) => r._id));
  const activities = acts.filter((a) => !a.cancelled);
  const names = await orgNames(ctx.db, [...new Set(activities.map((a) => a.orgId))]);
  const items: HistoryItem[] = activities.flatMap((a) => {
    const { s, c } = byActivity.get(a._id)!;
    const ended = ctx.now.getTime() >= new Date(a.endAt).getTime();
    const state: HistoryItem['state'] | null = c?.checkedIn
      ? 'present'
      : c?.leave?.status === 'approved'
        ? 'excused'
        : s?.status === 'confirmed'
          ? ended
            ? 'absent'
            : 'upcoming'
          : null;
    if (!state) return [];
    return [
      {
        activityId: a._id,
        type: a.type,
        title: a.title,
        startAt: new Date(a.startAt).toISOString(),
        orgName: names.get(a.orgId) ?? '',
        state,
        recordClosed: closed.has(a._id),
      },
    ];
  });
  items.sort((x, y) => Date.parse(y.startAt) - Date.parse(x.startAt));
  return { items };
};
