import type { SignupStatus } from '../../typings/domain';
import { audit } from '../common/audit';

import { col, isDuplicate, type ActivityDoc, type CheckinDoc, type MembershipDoc, type ReminderDoc, type SignupDoc } from '../common/db';
import type { Handler } from '../common/define';
import { AppError } from '../common/errors';
import { boardOf } from '../checkin/board';
import { memberKey } from '../activity/view';
import { mayCancel, signupClosesAt } from '../activity/rules';
import { pushShareCount } from '../activity/share';
import { giveBackSeat, passSeatOn, takeSeat } from './seats';

const LIVE: SignupStatus[] = ['confirmed', 'waitlisted', 'pending'];

/** The activity and the caller's membership in its audience, as the audience check found them. */
function audienceOf(ctx: { grant: { doc: ActivityDoc; membership: MembershipDoc } }): { a: ActivityDoc; m: MembershipDoc } {
  return { a: ctx.grant.doc, m: ctx.grant.membership };
}

/**
 * Sign-up in at most four database requests (the permission check reads the activity and the
 * caller's membership; then a seat, then the sign-up): the seat is taken first by a conditional
 * update, the sign-up's fixed id makes a second sign-up impossible, and a seat taken for a
 * duplicate is given back.
 */
export const join: Handler<'signup', 'join'> = async (_input, ctx) => {
  const { openid } = ctx.caller;
  const { a, m } = audienceOf(ctx);
  if (a.cancelled) throw new AppError('CONFLICT', '活动已取消');
  if (!a.signupRequired) throw new AppError('INVALID_INPUT', '该活动无需报名，按时参加即可');
  if (ctx.now.getTime() >= signupClosesAt(a)) throw new AppError('CLOSED', '报名已截止');

  const seated = !a.approvalRequired && (await takeSeat(ctx, a));
  const status: SignupStatus = a.approvalRequired ? 'pending' : seated ? 'confirmed' : 'waitlisted';
  const doc: SignupDoc = {
    _id: memberKey(a._id, m._id),
    activityId: a._id,
    memberId: m._id,
    openid,
    name: m.name,
    status,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
  try {
    await col(ctx.db, 'signups').add(doc);
    if (seated) await pushShareCount(ctx, a, Math.min(a.confirmedCount + 1, a.capacity ?? Infinity));
    return { status, leave: null };
  } catch (e) {
    if (!isDuplicate(e)) {
      if (seated) await giveBackSeat(ctx, a._id);
      throw e;
    }
  }
  // Signed up before: a cancelled sign-up comes back (at the end of the queue); a live one stays as it is.
  const { updated } = await col(ctx.db, 'signups')
    .where({ _id: doc._id, status: 'cancelled' })
    .update({ status, createdAt: ctx.now, updatedAt: ctx.now });
  if (updated === 1) return { status, leave: null };
  if (seated) await giveBackSeat(ctx, a._id);
  const existing = (await col(ctx.db, 'signups').doc(doc._id).get()).data[0];
  if (existing?.status === 'rejected') throw new AppError('CONFLICT', '你的报名未通过审核');
  return { status: existing?.status ?? null, leave: null };
};

export const cancel: Handler<'signup', 'cancel'> = async (_input, ctx) => {
  const { a, m } = audienceOf(ctx);
  const id = memberKey(a._id, m._id);
  const signup = (await col(ctx.db, 'signups').doc(id).get()).data[0];
  if (!signup || !LIVE.includes(signup.status)) return { status: signup?.status ?? null, leave: null };
  const checkin = (await col(ctx.db, 'checkins').doc(id).get()).data[0];
  if (!mayCancel(a.cancelRule, a, ctx.now, checkin?.checkedIn ?? false))
    throw new AppError('CLOSED', '已过取消报名的期限，如不能参加请请假');
  const { updated } = await col(ctx.db, 'signups')
    .where({ _id: id, status: signup.status })
    .update({ status: 'cancelled', updatedAt: ctx.now });
  if (updated === 1 && signup.status === 'confirmed' && !(await passSeatOn(ctx, a)))
    await pushShareCount(ctx, a, Math.max(a.confirmedCount - 1, 0));
  return { status: updated === 1 ? 'cancelled' : signup.status, leave: null };
};

/** 请假: kept with the member's attendance for this activity; the organiser decides. */
export const leave: Handler<'signup', 'leave'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  const { a, m } = audienceOf(ctx);
  if (a.cancelled) throw new AppError('CONFLICT', '活动已取消');
  if (ctx.now.getTime() >= new Date(a.endAt).getTime()) throw new AppError('CLOSED', '活动已结束');
  const id = memberKey(a._id, m._id);
  const leaveDoc = { status: 'pending' as const, reason: input.reason };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const { updated } = await col(ctx.db, 'checkins').where({ _id: id, checkedIn: false }).update({ leave: leaveDoc });
    if (updated === 1) break;
    const existing = (await col(ctx.db, 'checkins').doc(id).get()).data[0];
    if (existing?.checkedIn) throw new AppError('CONFLICT', '你已签到，无需请假');
    try {
      const doc: CheckinDoc = {
        _id: id,
        activityId: a._id,
        memberId: m._id,
        openid,
        name: m.name,
        checkedIn: false,
        failures: 0,
        leave: leaveDoc,
      };
      await col(ctx.db, 'checkins').add(doc);
      break;
    } catch (e) {
      if (!isDuplicate(e)) throw e;
    }
  }
  const signup = (await col(ctx.db, 'signups').doc(id).get()).data[0];
  return { status: signup?.status ?? null, leave: 'pending' };
};

/**
 * Takes back the caller's own leave request while it is pending, in one conditional update (a
 * decision made meanwhile wins: the organiser's 准假 or 不准 stands). Without a pending request it
 * changes nothing and says where things stand.
 */
export const withdrawLeave: Handler<'signup', 'withdrawLeave'> = async (_input, ctx) => {
  const { a, m } = audienceOf(ctx);
  const id = memberKey(a._id, m._id);
  const { updated } = await col(ctx.db, 'checkins')
    .where({ _id: id, 'leave.status': 'pending' })
    .update({ leave: ctx.db.command.remove() });
  const [signup, checkin] = await Promise.all([col(ctx.db, 'signups').doc(id).get(), col(ctx.db, 'checkins').doc(id).get()]);
  if (updated === 0 && checkin.data[0]?.leave && checkin.data[0].leave.status !== 'pending')
    throw new AppError('CONFLICT', '请假已由组织者处理，不能撤回');
  return { status: signup.data[0]?.status ?? null, leave: checkin.data[0]?.leave?.status ?? null };
};

/** The organiser approves or rejects a sign-up that needs approval, or a leave request. */
export const review: Handler<'signup', 'review'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  const a = ctx.grant.doc;
  const id = memberKey(a._id, input.memberId);
  if (input.kind === 'signup') {
    const signup = (await col(ctx.db, 'signups').doc(id).get()).data[0];
    if (!signup || signup.status !== 'pending') throw new AppError('CONFLICT', '该报名已处理');
    const seated = input.approve && (await takeSeat(ctx, a));
    const status: SignupStatus = !input.approve ? 'rejected' : seated ? 'confirmed' : 'waitlisted';
    const { updated } = await col(ctx.db, 'signups').where({ _id: id, status: 'pending' }).update({ status, updatedAt: ctx.now });
    if (updated !== 1) {
      if (seated) await giveBackSeat(ctx, a._id);
      throw new AppError('CONFLICT', '该报名已处理');
    }
    await audit(ctx, {
      orgId: a.orgId,
      action: 'signup.review',
      targetType: 'member',
      targetId: input.memberId,
      summary: `${input.approve ? '通过' : '未通过'}${signup.name}报名「${a.title}」${status === 'waitlisted' ? '（名额已满，转入候补）' : ''}`,
    });
  } else {
    const checkin = (await col(ctx.db, 'checkins').doc(id).get()).data[0];
    if (!checkin?.leave || checkin.leave.status !== 'pending') throw new AppError('CONFLICT', '该请假已处理');
    const { updated } = await col(ctx.db, 'checkins')
      .where({ _id: id, 'leave.status': 'pending' })
      .update({ leave: { ...checkin.leave, status: input.approve ? 'approved' : 'rejected', decidedBy: openid, decidedAt: ctx.now } });
    if (updated !== 1) throw new AppError('CONFLICT', '该请假已处理');
    await audit(ctx, {
      orgId: a.orgId,
      action: 'leave.review',
      targetType: 'member',
      targetId: input.memberId,
      summary: `${input.approve ? '准假' : '未准假'}：${checkin.name}「${a.title}」`,
    });
  }
  return boardOf(ctx, a);
};

/** Records the member's reminder: a timer sends it `minutesBefore` the start, exactly once. */
export const remind: Handler<'signup', 'remind'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  const { a, m } = audienceOf(ctx);
  if (a.cancelled) throw new AppError('CONFLICT', '活动已取消');
  const sendAt = new Date(new Date(a.startAt).getTime() - input.minutesBefore * 60 * 1000);
  if (sendAt.getTime() <= ctx.now.getTime()) throw new AppError('CLOSED', '距离活动开始已不足所选时间');
  const doc: ReminderDoc = { _id: memberKey(a._id, m._id), activityId: a._id, openid, sendAt, sent: false };
  const { updated } = await col(ctx.db, 'reminders').where({ _id: doc._id, sent: false }).update({ sendAt });
  if (!updated) {
    try {
      await col(ctx.db, 'reminders').add(doc);
    } catch (e) {
      if (!isDuplicate(e)) throw e;
      throw new AppError('CONFLICT', '提醒已发送过');
    }
  }
  return { sendAt: sendAt.toISOString() };
};
