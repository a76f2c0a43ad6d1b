import { award, periodsOf } from '../../cloudfunctions/common/points';
import { quietLogger } from '../../local/runtime';
import { POINT_RULES } from '../../typings/points';
import type { LedgerEntry, MyPoints, Ranking } from '../../typings/points';
import type { BeatResult } from '../../typings/study';
import { addMembers, clock, createActivity, RD, SECRETARY } from '../helpers/activity';
import { publishedPost } from '../helpers/post';
import { demoRuntime, ok, snapshot } from '../helpers/runtime';
import { articleLesson, course } from '../helpers/study';

const MEMBER = { openid: 'demo-member-01' };
const MEMBER2 = { openid: 'demo-member-02' };
type Rt = Awaited<ReturnType<typeof demoRuntime>>;

const mine = (rt: Rt, who = MEMBER) => ok<MyPoints>(rt, 'points', 'mine', {}, who);
const today = async (rt: Rt, rule: string, who = MEMBER) => (await mine(rt, who)).today.find((t) => t.rule === rule)!.points;
const ledger = async (rt: Rt, openid = MEMBER.openid) =>
  (await rt.db.collection('points_ledger').where({ openid }).limit(1000).get()).data as {
    _id: string;
    rule: string;
    points: number;
    at: Date;
  }[];
const ctxOf = (rt: Rt) => ({ db: rt.platform.db(), now: rt.platform.now(), log: quietLogger });

describe('points come from events, once each, within each rule’s daily cap', () => {
  it('reading a notice earns a point the first time only, and no more than the cap in a day', async () => {
    const rt = await demoRuntime();
    const posts = [];
    for (let i = 0; i < 7; i += 1) posts.push(await publishedPost(rt, { title: `第${i + 1}号通知：学习安排` }));
    for (const postId of posts) {
      await ok(rt, 'post', 'detail', { postId }, MEMBER);
      await ok(rt, 'post', 'detail', { postId }, MEMBER);
    }
    expect(await today(rt, 'read')).toBe(POINT_RULES.read.dailyCap);
    const entries = await ledger(rt);
    // Each read recorded once; the two past the cap recorded as worth nothing.
    expect(entries).toHaveLength(7);
    expect(entries.filter((e) => e.points === 0)).toHaveLength(2);
    expect((await mine(rt)).total).toBe(5);
  });

  it('twenty different events of one rule at once never pass the cap, and ten replays of one event award it once', async () => {
    const rt = await demoRuntime();
    const ctx = ctxOf(rt);
    const granted = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        award(ctx, MEMBER.openid, { rule: 'read', key: `read:p${i}:${MEMBER.openid}`, title: `通知${i}` }),
      ),
    );
    expect(granted.reduce((a, b) => a + b, 0)).toBe(POINT_RULES.read.dailyCap);
    const replays = await Promise.all(
      Array.from({ length: 10 }, () =>
        award(ctx, MEMBER2.openid, { rule: 'meeting', key: `meeting:a1:${MEMBER2.openid}`, title: '主题党日' }),
      ),
    );
    expect(replays.filter((g) => g > 0)).toEqual([POINT_RULES.meeting.points]);
    expect((await ledger(rt, MEMBER2.openid)).map((e) => e.points)).toEqual([POINT_RULES.meeting.points]);
    // The member's total and ranking rows say what the ledger says.
    const sum = (await ledger(rt)).reduce((a, e) => a + e.points, 0);
    expect((await mine(rt)).total).toBe(sum);
    const ranking = await ok<Ranking>(rt, 'points', 'ranking', { orgId: RD, period: 'week' }, MEMBER);
    expect(ranking.rows.find((r) => r.me)!.points).toBe(sum);
  });

  it('checking in earns the meeting points; a leader taking the check-in back takes them back in a new entry', async () => {
    const c = clock('2026-12-10T05:50:00Z');
    const rt = await demoRuntime(c.now);
    const activityId = await createActivity(rt, { signupRequired: false, signupDeadline: null });
    const code = await ok<{ digits: string }>(rt, 'checkin', 'code', { activityId }, SECRETARY);
    await ok(rt, 'checkin', 'submit', { activityId, digits: code.digits }, MEMBER);
    await ok(rt, 'checkin', 'submit', { activityId, digits: code.digits }, MEMBER);
    expect(await today(rt, 'meeting')).toBe(POINT_RULES.meeting.points);
    const memberId = ((await rt.db.collection('memberships').where({ openid: MEMBER.openid }).get()).data[0] as { _id: string })._id;
    await ok(rt, 'checkin', 'mark', { activityId, memberId, present: false }, SECRETARY);
    await ok(rt, 'checkin', 'mark', { activityId, memberId, present: false }, SECRETARY);
    const entries = await ledger(rt);
    expect(entries.map((e) => e.points).sort()).toEqual([-POINT_RULES.meeting.points, POINT_RULES.meeting.points].sort());
    expect((await mine(rt)).total).toBe(0);
  });

  it('credited study earns a point per 10 minutes of the day and finishing a lesson earns its points; opening earns nothing', async () => {
    const c = clock('2026-12-03T01:00:00Z');
    const rt = await demoRuntime(c.now);
    const { lessonIds } = await course(rt, { lessons: [articleLesson()] });
    await ok(rt, 'user', 'signIn', {}, MEMBER);
    await ok(rt, 'branch', 'home', {}, MEMBER);
    await ok(rt, 'study', 'open', { lessonId: lessonIds[0] }, MEMBER);
    expect(await ledger(rt)).toEqual([]);
    let seconds = 0;
    for (let i = 0; i < 50; i += 1) {
      c.advance(30_000);
      seconds += (await ok<BeatResult>(rt, 'study', 'beat', { lessonId: lessonIds[0], position: 1 }, MEMBER)).credited;
    }
    expect(seconds).toBe(25 * 60);
    expect(await today(rt, 'study')).toBe(2);
    expect(await today(rt, 'lesson')).toBe(POINT_RULES.lesson.points);
    const history = await ok<{ items: LedgerEntry[] }>(rt, 'points', 'history', {}, MEMBER);
    expect(history.items.map((e) => e.title)).toEqual(
      expect.arrayContaining(['学习满 10 分钟', '学习满 20 分钟', expect.stringContaining('学完')]),
    );
  });

  it('there is no client call that adds points: points.adjust is for leaders, with a reason, and audited', async () => {
    const rt = await demoRuntime();
    const before = await snapshot(rt);
    expect(
      await rt.invoke('points', { action: 'adjust', data: { memberId: 'm-demo-005', points: 50, reason: '给自己加分' } }, MEMBER),
    ).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(
      await rt.invoke('points', { action: 'adjust', data: { memberId: 'm-demo-005', points: 5, reason: '' } }, SECRETARY),
    ).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    });
    expect(await snapshot(rt)).toEqual(before);
    const entry = await ok<LedgerEntry>(rt, 'points', 'adjust', { memberId: 'm-demo-005', points: -3, reason: '重复计分更正' }, SECRETARY);
    expect(entry).toMatchObject({ rule: 'adjust', points: -3, title: '重复计分更正' });
    const { data: audits } = await rt.db.collection('audit_logs').where({ action: 'points.adjust' }).get();
    expect(audits).toHaveLength(1);
    const who = ((await rt.db.collection('memberships').doc('m-demo-005').get()).data[0] as { openid: string }).openid;
    expect((await mine(rt, { openid: who })).total).toBe(-3);
  });
});

describe('rankings', () => {
  it('match the ledger by week, month and year; a member can hide from other members but not from the leaders', async () => {
    const c = clock('2026-11-27T02:00:00Z'); // a Friday in Beijing
    const rt = await demoRuntime(c.now);
    const people = ['demo-member-01', 'demo-member-02', 'demo-member-03', 'demo-member-04'];
    // Last week: member 4 earns 10.
    await award(ctxOf(rt), people[3]!, { rule: 'meeting', key: 'meeting:last-week:4', title: '上周主题党日' });
    await award(ctxOf(rt), people[3]!, { rule: 'meeting', key: 'meeting:last-week2:4', title: '上周组织生活会' });
    c.set('2026-12-01T02:00:00Z'); // Tuesday of the next week, a new month
    const earn = [5, 3, 8, 0];
    for (const [i, openid] of people.entries()) {
      for (let k = 0; k < earn[i]!; k += 1) {
        const rt2 = { ...ctxOf(rt), now: new Date(c.now().getTime() + k) };
        await award(rt2, openid, { rule: 'read', key: `read:n${k}:${openid}`, title: `通知${k}` });
        if (k >= 4) await award(rt2, openid, { rule: 'lesson', key: `lesson:l${k}:${openid}`, title: `课${k}` });
      }
    }
    // Read is capped at 5 a day: 5, 3, 5 (+ lessons for the 5th+ event: member 1 one, member 3 up to the cap of 6).
    const expected = new Map<string, number>();
    for (const openid of people) {
      const p = periodsOf(c.now());
      const rows = (await ledger(rt, openid)).filter((e) => periodsOf(new Date(e.at)).wk === p.wk);
      expected.set(
        openid,
        rows.reduce((a, e) => a + e.points, 0),
      );
    }
    const week = await ok<Ranking>(rt, 'points', 'ranking', { orgId: RD, period: 'week' }, MEMBER);
    const names = new Map(
      ((await rt.db.collection('memberships').where({ orgId: RD }).limit(100).get()).data as { openid: string; name: string }[]).map(
        (m) => [m.name, m.openid],
      ),
    );
    const byOpenid = new Map(week.rows.map((r) => [names.get(r.name)!, r.points]));
    for (const openid of people) {
      if (expected.get(openid)! > 0) expect([openid, byOpenid.get(openid)]).toEqual([openid, expected.get(openid)]);
      else expect(byOpenid.has(openid)).toBe(false);
    }
    expect(week.rows.map((r) => r.points)).toEqual([...week.rows.map((r) => r.points)].sort((a, b) => b - a));
    expect(week.rows[0]!.rank).toBe(1);
    // The year counts last week too.
    const year = await ok<Ranking>(rt, 'points', 'ranking', { orgId: RD, period: 'year' }, MEMBER);
    expect(year.rows.find((r) => names.get(r.name) === people[3])!.points).toBe(10);
    // The 党委's ranking has the branch's members too.
    const committee = await ok<Ranking>(rt, 'points', 'ranking', { orgId: 'org-xh-committee', period: 'week' }, MEMBER);
    expect(committee.rows.map((r) => r.points)).toEqual(week.rows.map((r) => r.points));
    // Member 3 hides: gone from member 1's view, still in the leader's (marked), and still ranked in their own.
    await ok(rt, 'points', 'setHidden', { hidden: true }, { openid: people[2]! });
    const seen = await ok<Ranking>(rt, 'points', 'ranking', { orgId: RD, period: 'week' }, MEMBER);
    expect(seen.rows.some((r) => names.get(r.name) === people[2])).toBe(false);
    const lead = await ok<Ranking>(rt, 'points', 'ranking', { orgId: RD, period: 'week' }, SECRETARY);
    expect(lead.rows.find((r) => names.get(r.name) === people[2])).toMatchObject({ hidden: true });
    const own = await ok<Ranking>(rt, 'points', 'ranking', { orgId: RD, period: 'week' }, { openid: people[2]! });
    expect(own.mine).toMatchObject({ rank: 1, points: expected.get(people[2]!), me: true });
    // Member 1's own place among those they see.
    expect(seen.mine).toMatchObject({ me: true, points: expected.get(people[0]!), rank: seen.rows.findIndex((r) => r.me) + 1 });
  });

  it('in a unit of more than 100 with points, a place within the first 100 is exact and one beyond says so', async () => {
    const rt = await demoRuntime();
    const people = await addMembers(rt, RD, 105, 'many');
    // Member i earns 1 + i points (spread over rules and days would be the same; one entry each here).
    for (const [i, openid] of people.entries()) {
      expect(
        await award(ctxOf(rt), openid, { rule: 'meeting', key: `meeting:many:${openid}`, title: '主题党日', points: 1 + (i % 10) }),
      ).toBeGreaterThan(0);
      if (i >= 10) await award(ctxOf(rt), openid, { rule: 'exam', key: `exam:many:${openid}`, title: '考试', points: Math.min(20, i) });
    }
    const top = await ok<Ranking>(rt, 'points', 'ranking', { orgId: RD, period: 'year' }, { openid: people[104]! });
    expect(top).toMatchObject({ ranked: 100, more: true });
    expect(top.mine!.rank).toBe(top.rows.filter((r) => r.points > top.mine!.points).length + 1);
    const bottom = await ok<Ranking>(rt, 'points', 'ranking', { orgId: RD, period: 'year' }, { openid: people[0]! });
    expect(bottom.mine).toMatchObject({ points: 1, rank: null, me: true });
  });

  it('a member who transferred out leaves the old branch’s ranking and ranks in the new one from their next points', async () => {
    const rt = await demoRuntime();
    const mover = { openid: 'demo-member-04' };
    await award(ctxOf(rt), mover.openid, { rule: 'meeting', key: 'meeting:before-move', title: '主题党日' });
    const before = await ok<Ranking>(rt, 'points', 'ranking', { orgId: RD, period: 'year' }, SECRETARY);
    expect(before.rows.map((r) => r.points)).toEqual([POINT_RULES.meeting.points]);
    const { id } = await ok<{ id: string }>(
      rt,
      'transfer',
      'request',
      { fromOrgId: RD, toOrgId: 'org-xh-branch-mk', reason: '工作调动' },
      mover,
    );
    await ok(rt, 'transfer', 'review', { transferId: id, approve: true }, SECRETARY);
    await ok(rt, 'transfer', 'review', { transferId: id, approve: true }, { openid: 'demo-secretary-2' });
    expect((await ok<Ranking>(rt, 'points', 'ranking', { orgId: RD, period: 'year' }, SECRETARY)).rows).toEqual([]);
    await award(ctxOf(rt), mover.openid, { rule: 'read', key: 'read:after-move', title: '通知' });
    const there = await ok<Ranking>(rt, 'points', 'ranking', { orgId: 'org-xh-branch-mk', period: 'year' }, mover);
    expect(there.mine).toMatchObject({ rank: 1, points: POINT_RULES.meeting.points + POINT_RULES.read.points });
  });

  it('a member sees the rankings of their own units and those above, not another branch’s', async () => {
    const rt = await demoRuntime();
    expect(await rt.invoke('points', { action: 'ranking', data: { orgId: 'org-xh-branch-mk', period: 'month' } }, MEMBER)).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    const m = await mine(rt);
    expect(m.units.map((u) => u.id)).toEqual([RD, 'org-xh-committee']);
  });
});
