import { ACTIVITY_TYPE_LABEL, type CheckinMethod } from '../../typings/domain';
import { audit } from '../common/audit';
import { type HandlerContext } from '../common/context';
import { fileUrl, storeFile } from '../common/files';
import { col, isDuplicate, type ActivityDoc, type CheckinDoc, type MembershipDoc } from '../common/db';
import type { Handler } from '../common/define';
import { AppError } from '../common/errors';
import { award, EVENT_KEYS, revokeMeeting } from '../common/points';
import { memberKey } from '../activity/view';
import { checkinWindow } from '../activity/rules';
import { inShanghai } from '../../typings/time';
import { boardOf, refreshAttendance } from './board';
import { activityOfPayload, currentCode, payloadFor, refusalMessage, SLOT_SECONDS, slotOf, verify } from './codes';
import { pagePath } from '../../typings/pages';

/** Failed tries before a member is locked out of an activity's check-in for a while. */
export const MAX_FAILURES = 5;
export const LOCK_MS = 10 * 60 * 1000;

const RECORD_CLOSED = '会议记录已归档，签到已关闭；迟到的党员请书记补签';

function openWindow(ctx: HandlerContext, a: ActivityDoc): void {
  if (a.cancelled) throw new AppError('CONFLICT', '活动已取消');
  if (a.recordClosedAt) throw new AppError('NOT_OPEN', RECORD_CLOSED);
  const { opensAt, closesAt } = checkinWindow(a);
  const now = ctx.now.getTime();
  if (now < opensAt) throw new AppError('NOT_OPEN', `签到将于 ${inShanghai(opensAt).format('M月D日 HH:mm')} 开始`);
  if (now >= closesAt) throw new AppError('NOT_OPEN', '活动已结束，签到已关闭');
}

export const code: Handler<'checkin', 'code'> = async (_input, ctx) => {
  const a = ctx.grant.doc;
  openWindow(ctx, a);
  return currentCode(ctx.keys().checkin, a._id, ctx.now.getTime());
};

/** Where members who scan with WeChat's own scanner land: the activity page, which reads `scene`. */
const CHECKIN_PAGE = pagePath('activityDetail');

export const wxacode: Handler<'checkin', 'wxacode'> = async (_input, ctx) => {
  const a = ctx.grant.doc;
  openWindow(ctx, a);
  const slot = slotOf(ctx.now.getTime());
  const expiresAt = new Date((slot + 1) * SLOT_SECONDS * 1000).toISOString();
  // Several screens (or a refresh) in one slot share one image: WeChat is asked once per slot.
  let fileID = a.wxacode?.slot === slot ? a.wxacode.fileID : null;
  if (!fileID) {
    const code = await ctx.openapi.getUnlimitedQRCode({
      scene: payloadFor(ctx.keys().checkin, a._id, slot),
      page: CHECKIN_PAGE,
      width: 430,
    });
    const previous = a.wxacode?.fileID;
    fileID = await storeFile(ctx, 'checkin-codes', 'png', code.buffer);
    await col(ctx.db, 'activities').doc(a._id).update({ wxacode: { slot, fileID } });
    // The last slot's code is of no use to anyone now.
    if (previous) await ctx.storage.deleteFile({ fileList: [previous] }).catch(() => undefined);
  }
  // The URL lasts as long as the code does (its slot and the one of grace).
  const url = await fileUrl(ctx, fileID, '小程序码生成失败，请使用二维码或数字签到码', 2 * SLOT_SECONDS);
  return { url, expiresAt };
};

export const resolve: Handler<'checkin', 'resolve'> = async (input) => {
  const activityId = activityOfPayload(input.payload);
  if (!activityId) throw new AppError('CODE_INVALID', '无法识别的签到码，请重新扫码');
  return { activityId };
};

/** Great-circle distance in metres. */
function distance(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.latitude - a.latitude);
  const dLng = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLng / 2) ** 2;
  return Math.round(2 * 6371000 * Math.asin(Math.sqrt(h)));
}

/** A wrong code counts against the member; enough of them lock check-in for a while. */
async function recordFailure(ctx: HandlerContext, a: ActivityDoc, m: MembershipDoc, openid: string): Promise<boolean> {
  const _ = ctx.db.command;
  const id = memberKey(a._id, m._id);
  const { updated } = await col(ctx.db, 'checkins')
    .where({ _id: id, checkedIn: false })
    .update({ failures: _.inc(1) });
  if (updated === 0) {
    try {
      const doc: CheckinDoc = { _id: id, activityId: a._id, memberId: m._id, openid, name: m.name, checkedIn: false, failures: 1 };
      await col(ctx.db, 'checkins').add(doc);
    } catch (e) {
      if (!isDuplicate(e)) throw e;
      await col(ctx.db, 'checkins')
        .where({ _id: id, checkedIn: false })
        .update({ failures: _.inc(1) });
    }
  }
  const doc = (await col(ctx.db, 'checkins').doc(id).get()).data[0];
  if (doc && !doc.checkedIn && doc.failures >= MAX_FAILURES) {
    await col(ctx.db, 'checkins')
      .doc(id)
      .update({ failures: 0, lockedUntil: new Date(ctx.now.getTime() + LOCK_MS) });
    return true;
  }
  return Boolean(doc?.lockedUntil && new Date(doc.lockedUntil).getTime() > ctx.now.getTime());
}

/**
 * A member checks in. The usual path is three database requests: the permission check reads the
 * activity and the member's memberships, then one insert whose fixed id makes a second check-in a
 * no-op. Only members with earlier failures (or a leave request) need a conditional update. The points
 * award that follows takes the memberships the permission check read.
 */
export const submit: Handler<'checkin', 'submit'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  const a = ctx.grant.doc;
  const m = ctx.grant.membership;
  openWindow(ctx, a);
  const key = ctx.keys().checkin;
  const nowMs = ctx.now.getTime();
  const verdict = verify(key, a._id, input, nowMs);
  if (!verdict.ok) {
    // A code that was right but has since changed is a slow hand, not a guess: it never counts towards the lockout.
    if (verdict.code === 'EXPIRED') throw new AppError('EXPIRED', refusalMessage('EXPIRED', 'payload' in input));
    const locked = await recordFailure(ctx, a, m, openid);
    if (locked) throw new AppError('RATE_LIMITED', '签到码错误次数过多，请 10 分钟后再试，或请书记为你补签');
    throw new AppError(verdict.code, refusalMessage(verdict.code, 'payload' in input));
  }
  let distanceMeters: number | null = null;
  if (a.location) {
    if (!input.location) throw new AppError('OUT_OF_RANGE', '本活动需要核对位置，请允许获取位置后再签到');
    distanceMeters = distance(a.location, input.location);
    if (distanceMeters > a.location.radius)
      throw new AppError('OUT_OF_RANGE', `你距离活动地点约 ${distanceMeters} 米，超出签到范围（${a.location.radius} 米）`);
  }
  // A live lecture's audience types the code shown in the stream, wherever they are: online attendance.
  const method: CheckinMethod = 'payload' in input ? 'scan' : a.type === 'live_lecture' ? 'online' : 'code';
  const id = memberKey(a._id, m._id);
  const doc: CheckinDoc = {
    _id: id,
    activityId: a._id,
    memberId: m._id,
    openid,
    name: m.name,
    checkedIn: true,
    at: ctx.now,
    method,
    failures: 0,
  };
  let recorded = false;
  try {
    await col(ctx.db, 'checkins').add(doc);
    recorded = true;
  } catch (e) {
    if (!isDuplicate(e)) throw e;
  }
  const _ = ctx.db.command;
  if (!recorded) {
    const { updated } = await col(ctx.db, 'checkins')
      .where(_.and([{ _id: id, checkedIn: false }, _.or([{ lockedUntil: _.exists(false) }, { lockedUntil: _.lte(ctx.now) }])]))
      .update({ checkedIn: true, at: ctx.now, method });
    recorded = updated === 1;
  }
  if (recorded) {
    await award(
      ctx,
      openid,
      { rule: 'meeting', key: EVENT_KEYS.meeting(a._id, openid), title: `${ACTIVITY_TYPE_LABEL[a.type]}「${a.title}」` },
      ctx.grant.memberships,
    );
    // Once the meeting has started its record may be closed while this check-in is on its way: the record's
    // attendance then takes it in. (Before the start, when most members arrive, no record can close.)
    if (ctx.now.getTime() >= new Date(a.startAt).getTime()) {
      const latest = (await col(ctx.db, 'activities').doc(a._id).get()).data[0];
      if (latest?.recordClosedAt) await refreshAttendance(ctx, latest);
    }
    return { checkedInAt: ctx.now.toISOString(), already: false, distanceMeters };
  }
  const existing = (await col(ctx.db, 'checkins').doc(id).get()).data[0];
  if (existing?.checkedIn) return { checkedInAt: new Date(existing.at!).toISOString(), already: true, distanceMeters };
  throw new AppError('RATE_LIMITED', '签到码错误次数过多，请 10 分钟后再试，或请书记为你补签');
};

/** The organiser marks a member of the audience present (or not) by hand. Audited. */
export const mark: Handler<'checkin', 'mark'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  const a = ctx.grant.doc;
  const m = (await col(ctx.db, 'memberships').doc(input.memberId).get()).data[0];
  const inAudience = m && (a.audience.kind === 'members' ? a.audience.memberIds.includes(m._id) : a.audienceOrgIds.includes(m.orgId));
  if (!m || !inAudience) throw new AppError('INVALID_INPUT', '该党员不在本活动的参加范围内');
  if (a.cancelled) throw new AppError('CONFLICT', '活动已取消');
  const id = memberKey(a._id, m._id);
  const change = input.present
    ? { checkedIn: true, at: ctx.now, method: 'manual' as const, markedBy: openid }
    : { checkedIn: false, at: ctx.db.command.remove(), method: ctx.db.command.remove(), markedBy: openid };
  const { updated } = await col(ctx.db, 'checkins').where({ _id: id }).update(change);
  if (updated === 0 && input.present) {
    const doc: CheckinDoc = {
      _id: id,
      activityId: a._id,
      memberId: m._id,
      openid: m.openid,
      name: m.name,
      checkedIn: true,
      at: ctx.now,
      method: 'manual',
      markedBy: openid,
      failures: 0,
    };
    try {
      await col(ctx.db, 'checkins').add(doc);
    } catch (e) {
      if (!isDuplicate(e)) throw e;
      await col(ctx.db, 'checkins').where({ _id: id }).update(change);
    }
  }
  if (input.present) {
    await award(ctx, m.openid, {
      rule: 'meeting',
      key: EVENT_KEYS.meeting(a._id, m.openid),
      title: `${ACTIVITY_TYPE_LABEL[a.type]}「${a.title}」`,
    });
  } else {
    await revokeMeeting(ctx, m.openid, a._id, a.title);
  }
  // After the record is closed, a late arrival (or a correction) goes through here and the record follows.
  const record = a.recordClosedAt ? await refreshAttendance(ctx, a) : null;
  await audit(ctx, {
    orgId: a.orgId,
    action: 'checkin.mark',
    targetType: 'member',
    targetId: m._id,
    summary: `${input.present ? '为' : '取消了'}${m.name}${input.present ? '补签到' : '的签到'}「${a.title}」${
      record ? `，会议记录的出勤随之更新为实到 ${record.present} 人` : ''
    }`,
  });
  return boardOf(ctx, a);
};

export const board: Handler<'checkin', 'board'> = async (_input, ctx) => boardOf(ctx, ctx.grant.doc);
