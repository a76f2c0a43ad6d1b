import type { AttendanceBoard, AttendanceRow } from '../../typings/domain';
import type { HandlerContext } from '../common/context';
import { col, type ActivityDoc, type MembershipDoc, type RecordDoc } from '../common/db';
import { statusOf } from '../activity/rules';

/** The audience's active memberships (units' members, or the invited). */
export async function audienceMembers(ctx: Pick<HandlerContext, 'db'>, a: ActivityDoc): Promise<MembershipDoc[]> {
  const _ = ctx.db.command;
  const where =
    a.audience.kind === 'members'
      ? { _id: _.in(a.audience.memberIds), status: 'active' }
      : { orgId: _.in(a.audienceOrgIds), status: 'active' };
  const { data } = await col(ctx.db, 'memberships').where(where).orderBy('nameKey', 'asc').limit(1000).get();
  return data;
}

/**
 * Who is present, expected (signed up, or in the audience of an activity without sign-up, not here
 * yet), excused (approved leave) or absent (expected but the activity has ended).
 */
export async function boardOf(ctx: Pick<HandlerContext, 'db' | 'now'>, a: ActivityDoc): Promise<AttendanceBoard> {
  const [members, { data: signupRows }, { data: checkinRows }] = await Promise.all([
    audienceMembers(ctx, a),
    col(ctx.db, 'signups').where({ activityId: a._id }).limit(1000).get(),
    col(ctx.db, 'checkins').where({ activityId: a._id }).limit(1000).get(),
  ]);
  const signups = new Map(signupRows.map((s) => [s.memberId, s]));
  const checkins = new Map(checkinRows.map((c) => [c.memberId, c]));
  const ended = statusOf(a, ctx.now) === 'ended';
  const rows: AttendanceRow[] = [];
  const seen = new Set<string>();
  const consider = (memberId: string, name: string) => {
    if (seen.has(memberId)) return;
    seen.add(memberId);
    const s = signups.get(memberId);
    const c = checkins.get(memberId);
    const present = c?.checkedIn ?? false;
    const expectedToCome = a.signupRequired ? s?.status === 'confirmed' : true;
    const leave = c?.leave?.status ?? null;
    let state: AttendanceRow['state'] | null = null;
    if (present) state = 'present';
    else if (leave === 'approved') state = 'excused';
    else if (expectedToCome) state = ended ? 'absent' : 'expected';
    // On a sign-up activity, members who did not sign up (or only wait for a seat) and did not come are not on the board.
    if (!state) return;
    rows.push({
      memberId,
      name,
      signup: s?.status ?? null,
      leave,
      checkedInAt: present && c?.at ? new Date(c.at).toISOString() : null,
      method: present ? (c?.method ?? null) : null,
      state,
    });
  };
  for (const m of members) consider(m._id, m.name);
  // Someone who has since left the unit still shows for what they did.
  for (const s of signups.values()) consider(s.memberId, s.name);
  for (const c of checkins.values()) consider(c.memberId, c.name);

  const count = (state: AttendanceRow['state']) => rows.filter((r) => r.state === state).length;
  const order = { present: 0, expected: 1, excused: 2, absent: 3 } as const;
  rows.sort((x, y) => order[x.state] - order[y.state]);
  return {
    activityId: a._id,
    status: statusOf(a, ctx.now),
    counts: {
      present: count('present'),
      expected: count('expected'),
      excused: count('excused'),
      absent: count('absent'),
      audience: members.length,
    },
    rows,
    pending: [
      ...signupRows
        .filter((s) => s.status === 'pending')
        .map((s) => ({ memberId: s.memberId, name: s.name, kind: 'signup' as const, reason: null })),
      ...checkinRows
        .filter((c) => c.leave?.status === 'pending')
        .map((c) => ({ memberId: c.memberId, name: c.name, kind: 'leave' as const, reason: c.leave!.reason })),
    ],
  };
}

/**
 * A closed record's attendance, from the board as it is now: whoever is still expected when the
 * record is closed did not come. Written by closing, and again by every change after it (a 补签, a
 * check-in that was on its way while the record closed), so the record, the board and each member's
 * history always agree.
 */
export async function refreshAttendance(
  ctx: Pick<HandlerContext, 'db' | 'now'>,
  a: ActivityDoc,
): Promise<NonNullable<RecordDoc['attendance']>> {
  const c = (await boardOf(ctx, a)).counts;
  const absent = c.absent + c.expected;
  const due = c.present + absent;
  const attendance = {
    audience: c.audience,
    present: c.present,
    excused: c.excused,
    absent,
    rate: due ? Math.round((c.present / due) * 1000) / 10 : 0,
  };
  await col(ctx.db, 'activity_records')
    .where({ _id: a._id, closedAt: ctx.db.command.exists(true) })
    .update({ attendance });
  return attendance;
}
