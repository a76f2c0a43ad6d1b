import type { ActivityCard, ActivityView, SignupStatus } from '../../typings/domain';
import type { HandlerContext } from '../common/context';
import { imageRefs } from '../common/images';
import { col, type ActivityDoc, type CheckinDoc, type MembershipDoc, type SignupDoc } from '../common/db';
import { checkinWindow, mayCancel, statusOf } from './rules';

export const memberKey = (activityId: string, memberId: string) => `${activityId}~${memberId}`;

/** The keys of activity_audience rows: `org:<unit>` for units, `member:<membership>` for invited members. */
export const audienceKeys = (e: { orgIds: string[]; memberIds: string[] }) => [
  ...e.orgIds.map((id) => `org:${id}`),
  ...e.memberIds.map((id) => `member:${id}`),
];

/** The keys an activity reaches someone by: their units, and their memberships when invited by name. */
export const keysOf = (memberships: Pick<MembershipDoc, '_id' | 'orgId'>[]) =>
  audienceKeys({ orgIds: memberships.map((m) => m.orgId), memberIds: memberships.map((m) => m._id) });

/** 接龙 lists at most this many names (the page says how many more). */
const SIGNUP_NAMES_SHOWN = 200;

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export function toCard(a: ActivityDoc, orgName: string, mySignup: SignupStatus | null, now: Date): ActivityCard {
  return {
    id: a._id,
    type: a.type,
    title: a.title,
    orgName,
    startAt: iso(a.startAt)!,
    endAt: iso(a.endAt)!,
    place: a.place,
    status: statusOf(a, now),
    capacity: a.capacity,
    confirmedCount: a.confirmedCount,
    mySignup,
    recordClosed: Boolean(a.recordClosedAt),
  };
}

/** The whole activity, and where the caller stands with it. */
export async function toView(
  ctx: HandlerContext,
  a: ActivityDoc,
  membership: MembershipDoc | undefined,
  canManage: boolean,
  orgName?: string,
): Promise<ActivityView> {
  const name = orgName ?? (await col(ctx.db, 'orgs').doc(a.orgId).get()).data[0]?.name ?? '';
  let signup: SignupDoc | undefined;
  let checkin: CheckinDoc | undefined;
  let waitlistPosition: number | null = null;
  if (membership) {
    const id = memberKey(a._id, membership._id);
    [signup, checkin] = await Promise.all([
      col(ctx.db, 'signups')
        .doc(id)
        .get()
        .then((r) => r.data[0]),
      col(ctx.db, 'checkins')
        .doc(id)
        .get()
        .then((r) => r.data[0]),
    ]);
    if (signup?.status === 'waitlisted') {
      const _ = ctx.db.command;
      const { total } = await col(ctx.db, 'signups')
        .where(
          _.and([
            { activityId: a._id, status: 'waitlisted' },
            _.or([{ createdAt: _.lt(new Date(signup.createdAt)) }, { createdAt: new Date(signup.createdAt), _id: _.lt(signup._id) }]),
          ]),
        )
        .count();
      waitlistPosition = total + 1;
    }
  }
  const showNames = a.signupRequired && (a.showSignupNames ?? false);
  const [waitlistCount, signupNames] = await Promise.all([
    a.signupRequired
      ? col(ctx.db, 'signups')
          .where({ activityId: a._id, status: 'waitlisted' })
          .count()
          .then((r) => r.total)
      : 0,
    showNames && (membership || canManage)
      ? col(ctx.db, 'signups')
          .where({ activityId: a._id, status: 'confirmed' })
          .orderBy('createdAt', 'asc')
          .limit(SIGNUP_NAMES_SHOWN)
          .get()
          .then((r) => r.data.map((s) => s.name))
      : null,
  ]);
  const checkedIn = checkin?.checkedIn ?? false;
  const active = signup && (signup.status === 'confirmed' || signup.status === 'waitlisted' || signup.status === 'pending');
  return {
    ...toCard(a, name, signup?.status ?? null, ctx.now),
    orgId: a.orgId,
    description: a.description,
    images: await imageRefs(ctx, a.images),
    signupDeadline: iso(a.signupDeadline),
    location: a.location,
    signupRequired: a.signupRequired,
    approvalRequired: a.approvalRequired,
    cancelRule: a.cancelRule,
    audience: a.audience,
    waitlistCount,
    showSignupNames: showNames,
    signupNames,
    checkinOpensAt: new Date(checkinWindow(a).opensAt).toISOString(),
    mine: {
      inAudience: Boolean(membership),
      signup: signup?.status ?? null,
      waitlistPosition,
      leave: checkin?.leave?.status ?? null,
      checkedIn,
      checkedInAt: checkedIn && checkin?.at ? new Date(checkin.at).toISOString() : null,
      canCancel: Boolean(active) && !a.cancelled && mayCancel(a.cancelRule, a, ctx.now, checkedIn),
    },
    canManage,
    live: a.type === 'live_lecture' ? (a.live ?? { finderUserName: null, link: null }) : null,
  };
}
