import { ACTIVITY_TYPES, REQUIRED_FREQUENCY, type ActivityType, type StatsView } from '../../typings/domain';
import { inShanghai, shanghaiDayStart } from '../../typings/time';
import type { HandlerContext } from '../common/context';
import { col, type ActivityDoc } from '../common/db';
import type { Handler } from '../common/define';

/** A unit's year of activities, measured against the 三会一课 frequencies. */
export const stats: Handler<'record', 'stats'> = async (input, ctx) => {
  const unit = ctx.grant.unit;
  const _ = ctx.db.command;
  const from = shanghaiDayStart(`${input.year}-01-01`);
  const to = shanghaiDayStart(`${input.year + 1}-01-01`);
  const { data } = await col(ctx.db, 'activities')
    .where({ orgId: unit._id, startAt: _.and(_.gte(from), _.lt(to)), cancelled: false })
    .limit(1000)
    .get();
  // Held means started: a meeting planned for next week does not count yet.
  const held = data.filter((a) => new Date(a.startAt).getTime() <= ctx.now.getTime());
  const monthOf = (a: ActivityDoc) => inShanghai(a.startAt).month() + 1;

  const months: StatsView['months'] = Array.from({ length: 12 }, (_m, i) => ({ month: i + 1, counts: {}, total: 0 }));
  for (const a of held) {
    const m = months[monthOf(a) - 1]!;
    m.counts[a.type] = (m.counts[a.type] ?? 0) + 1;
    m.total += 1;
  }

  const now = inShanghai(ctx.now);
  const currentMonth = now.year() === input.year ? now.month() + 1 : now.year() > input.year ? 13 : 0;
  // 党小组会 is required of a branch's 党小组: a branch with none has nothing to hold.
  const hasGroups = unit.type === 'group' || (await col(ctx.db, 'orgs').where({ parentId: unit._id, type: 'group' }).count()).total > 0;
  const requirements: StatsView['requirements'] = ACTIVITY_TYPES.flatMap((type: ActivityType) => {
    const period = REQUIRED_FREQUENCY[type];
    if (!period || (type === 'group_meeting' && !hasGroups)) return [];
    const span = period === 'month' ? 1 : 3;
    const periods = Array.from({ length: 12 / span }, (_p, i) => {
      const first = i * span + 1;
      const last = first + span - 1;
      const count = months.slice(first - 1, last).reduce((n, m) => n + (m.counts[type] ?? 0), 0);
      const status: StatsView['requirements'][number]['periods'][number]['status'] =
        last < currentMonth ? (count >= 1 ? 'ok' : 'behind') : first <= currentMonth ? (count >= 1 ? 'ok' : 'current') : 'future';
      return {
        label: period === 'month' ? `${first}月` : `第${i + 1}季度`,
        held: count,
        status,
      };
    });
    return [{ type, period, periods, behind: periods.filter((p) => p.status === 'behind').length }];
  });

  const ids = held.map((a) => a._id);
  const { data: recs } = ids.length
    ? await col(ctx.db, 'activity_records')
        .where({ _id: _.in(ids), closedAt: _.exists(true) })
        .limit(1000)
        .get()
    : { data: [] };
  const rates = recs.flatMap((r) => (r.attendance ? [r.attendance.rate] : []));
  return {
    members: await memberYear(ctx, unit._id, held),
    year: input.year,
    months,
    requirements,
    attendance: {
      records: rates.length,
      averageRate: rates.length ? Math.round((rates.reduce((a, b) => a + b, 0) / rates.length) * 10) / 10 : null,
    },
  };
};

/**
 * Per member, over the unit's activities that have ended: present, excused (approved leave), absent
 * (expected — signed up, or in the audience of an activity without sign-up — and not there).
 */
async function memberYear(ctx: HandlerContext, orgId: string, held: ActivityDoc[]): Promise<StatsView['members']> {
  const _ = ctx.db.command;
  const ended = held.filter((a) => new Date(a.endAt).getTime() <= ctx.now.getTime());
  const { data: memberRows } = await col(ctx.db, 'memberships')
    .where({ orgId, status: 'active' })
    .orderBy('nameKey', 'asc')
    .limit(1000)
    .get();
  const members = memberRows;
  const ids = ended.map((a) => a._id);
  const [{ data: signupRows }, { data: checkinRows }] = ids.length
    ? await Promise.all([
        col(ctx.db, 'signups')
          .where({ activityId: _.in(ids), status: 'confirmed' })
          .limit(1000)
          .get(),
        col(ctx.db, 'checkins')
          .where({ activityId: _.in(ids) })
          .limit(1000)
          .get(),
      ])
    : [{ data: [] }, { data: [] }];
  const signedUp = new Set(signupRows.map((s) => `${s.activityId}~${s.memberId}`));
  const checkins = new Map(checkinRows.map((c) => [`${c.activityId}~${c.memberId}`, c]));
  const rows = members.map((m) => {
    let present = 0;
    let excused = 0;
    let absent = 0;
    for (const a of ended) {
      const key = `${a._id}~${m._id}`;
      const c = checkins.get(key);
      const inAudience = a.audience.kind === 'members' ? a.audience.memberIds.includes(m._id) : a.audienceOrgIds.includes(m.orgId);
      if (c?.checkedIn) present += 1;
      else if (c?.leave?.status === 'approved') excused += 1;
      else if (a.signupRequired ? signedUp.has(key) : inAudience) absent += 1;
    }
    const due = present + absent;
    return { memberId: m._id, name: m.name, present, excused, absent, rate: due ? Math.round((present / due) * 1000) / 10 : null };
  });
  return rows.sort((x, y) => (x.rate ?? 101) - (y.rate ?? 101));
}
