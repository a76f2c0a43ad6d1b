import type { StudyStats } from '../../typings/study';
import { inShanghai } from '../../typings/time';
import { col, type MembershipDoc, type StudyMemberDoc } from '../common/db';
import type { Handler } from '../common/define';
import { orgNames } from '../org/view';
import { secondsSince } from './progress';

const percent = (n: number, d: number) => (d ? Math.round((n / d) * 1000) / 10 : 0);

/**
 * 学习统计: the unit's (and the units below its) active members' study records, read once, 100 at a time,
 * and the courses published to the unit with their lessons. Counts are among these members only.
 */
export const stats: Handler<'study', 'stats'> = async (_input, ctx) => {
  const org = ctx.grant.unit;
  const _ = ctx.db.command;
  const { data: below } = await col(ctx.db, 'orgs').where({ path: org._id }).limit(1000).get();
  const orgIds = [org._id, ...below.map((o) => o._id)];
  const people: MembershipDoc[] = [];
  for (let skip = 0; ; skip += 1000) {
    const { data } = await col(ctx.db, 'memberships')
      .where({ orgId: _.in(orgIds), status: 'active' })
      .orderBy('_id', 'asc')
      .skip(skip)
      .limit(1000)
      .get();
    people.push(...data);
    if (data.length < 1000) break;
  }
  const records = new Map<string, StudyMemberDoc>();
  const openids = [...new Set(people.map((m) => m.openid))];
  for (let i = 0; i < openids.length; i += 100) {
    const { data } = await col(ctx.db, 'study_members')
      .where({ _id: _.in(openids.slice(i, i + 100)) })
      .limit(100)
      .get();
    for (const d of data) records.set(d._id, d);
  }
  const now = inShanghai(ctx.now);
  const year = now.year();
  const monthFrom = `d${now.format('YYYYMM')}01`;
  const yearFrom = `d${year}0101`;
  const { data: rows } = await col(ctx.db, 'post_audience')
    .where({ key: `org:${org._id}`, kind: 'course', publishAt: _.lte(ctx.now) })
    .orderBy('publishAt', 'desc')
    .limit(50)
    .get();
  const courseIds = rows.map((r) => r.postId);
  const [{ data: lessons }, names] = await Promise.all([
    courseIds.length
      ? col(ctx.db, 'lessons')
          .where({ courseId: _.in(courseIds) })
          .orderBy('order', 'asc')
          .limit(1000)
          .get()
      : Promise.resolve({ data: [] }),
    orgNames(ctx.db, orgIds),
  ]);
  const all = [...records.values()];
  const personTotals = people.map((m) => {
    const r = records.get(m.openid);
    return {
      memberId: m._id,
      name: m.name,
      orgName: names.get(m.orgId) ?? '',
      monthSeconds: secondsSince(r, monthFrom),
      yearSeconds: secondsSince(r, yearFrom),
    };
  });
  const months = Array.from({ length: 12 }, (_v, i) => {
    const prefix = `d${year}${String(i + 1).padStart(2, '0')}`;
    const seconds = all.reduce((sum, r) => sum + Object.entries(r.days).reduce((s, [k, v]) => (k.startsWith(prefix) ? s + v : s), 0), 0);
    return { month: i + 1, seconds };
  });
  const courses = rows.map((row) => {
    const own = lessons.filter((l) => l.courseId === row.postId);
    const lessonStats = own.map((l) => {
      const entries = all.map((r) => r.lessons[l._id]).filter((p) => p !== undefined);
      const time = entries.reduce((s, p) => s + p.sec, 0);
      return {
        id: l._id,
        title: l.title,
        views: l.counts.views,
        learners: entries.length,
        completions: entries.filter((p) => p.doneAt).length,
        averageSeconds: entries.length ? Math.round(time / entries.length) : 0,
      };
    });
    const learners = all.filter((r) => own.some((l) => r.lessons[l._id]));
    const completed = learners.filter((r) => own.length > 0 && own.every((l) => r.lessons[l._id]?.doneAt));
    const time = learners.reduce((s, r) => s + own.reduce((t, l) => t + (r.lessons[l._id]?.sec ?? 0), 0), 0);
    return {
      id: row.postId,
      title: row.title,
      lessonCount: own.length,
      learners: learners.length,
      completionRate: percent(completed.length, people.length),
      averageSeconds: learners.length ? Math.round(time / learners.length) : 0,
      views: lessonStats.reduce((s, l) => s + l.views, 0),
      lessons: lessonStats,
    };
  });
  const n = people.length;
  return {
    year,
    members: n,
    studied: personTotals.filter((p) => p.yearSeconds > 0).length,
    perMemberMonthSeconds: n ? Math.round(personTotals.reduce((s, p) => s + p.monthSeconds, 0) / n) : 0,
    perMemberYearSeconds: n ? Math.round(personTotals.reduce((s, p) => s + p.yearSeconds, 0) / n) : 0,
    months,
    people: personTotals.sort((a, b) => a.yearSeconds - b.yearSeconds || a.name.localeCompare(b.name)),
    courses: courses.sort((a, b) => b.learners - a.learners),
  } satisfies StudyStats;
};
