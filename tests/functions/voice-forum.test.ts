import type { ArchiveView, TodoList } from '../../typings/domain';
import type { AppraisalBoard, AppraisalView, TopicView, VoiceHome } from '../../typings/voice';
import { clock, createActivity } from '../helpers/activity';
import { readWorkbook } from '../helpers/excel';
import { demoRuntime, ok, snapshot } from '../helpers/runtime';
import { appraisalAt, COMMITTEE, createTopic, rdMember, rdMembership, SECRETARY, stringsIn } from '../helpers/voice';

type Rt = Awaited<ReturnType<typeof demoRuntime>>;
const MEMBER = rdMember(1);
const OTHER = rdMember(2);
const OUTSIDER = { openid: 'demo-member-12' };

describe('讲坛: members discuss a topic under their names; the organiser pins, hides, closes and exports', () => {
  it('replies show pinned first then newest, likes count once per member, hidden replies vanish for members but not organisers', async () => {
    const c = clock('2026-12-03T02:00:00Z');
    const rt = await demoRuntime(c.now);
    const topicId = await createTopic(rt);
    const a = await ok<{ id: string }>(rt, 'voice', 'replyTopic', { topicId, text: '把学习成果用到项目攻关中。' }, MEMBER);
    c.advance(60_000);
    const b = await ok<{ id: string }>(rt, 'voice', 'replyTopic', { topicId, text: '多和群众交流，听取意见。' }, OTHER);
    c.advance(60_000);
    const spam = await ok<{ id: string }>(rt, 'voice', 'replyTopic', { topicId, text: '与主题无关的广告内容。' }, rdMember(3));
    const likes = await Promise.all(
      Array.from({ length: 5 }, () => rt.invoke('voice', { action: 'likeReply', data: { topicId, replyId: a.id, like: true } }, OTHER)),
    );
    expect(likes.every((l) => l.ok)).toBe(true);
    await ok(rt, 'voice', 'likeReply', { topicId, replyId: a.id, like: true }, rdMember(4));
    await ok(rt, 'voice', 'moderateReply', { replyId: a.id, pinned: true }, SECRETARY);
    await ok(rt, 'voice', 'moderateReply', { replyId: spam.id, hidden: true }, SECRETARY);
    const seen = await ok<TopicView>(rt, 'voice', 'topic', { topicId }, MEMBER);
    expect(seen.items.map((i) => [i.id, i.likes, i.pinned])).toEqual([
      [a.id, 2, true],
      [b.id, 0, false],
    ]);
    expect(seen.replies).toBe(2);
    expect(seen.organiser).toBe(false);
    const organiser = await ok<TopicView>(rt, 'voice', 'topic', { topicId }, SECRETARY);
    expect(organiser.items.find((i) => i.id === spam.id)).toMatchObject({ hidden: true });
    // Unlike takes exactly one like back, once.
    await ok(rt, 'voice', 'likeReply', { topicId, replyId: a.id, like: false }, OTHER);
    await ok(rt, 'voice', 'likeReply', { topicId, replyId: a.id, like: false }, OTHER);
    expect((await ok<TopicView>(rt, 'voice', 'topic', { topicId }, MEMBER)).items[0]!.likes).toBe(1);
  });

  it('a closed topic takes no more replies, and its discussion is exported alone and as a sheet of its meeting record', async () => {
    const c = clock('2026-12-03T02:00:00Z');
    const rt = await demoRuntime(c.now);
    const activityId = await createActivity(rt, {
      type: 'general_meeting',
      title: '十二月支部党员大会',
      signupRequired: false,
      signupDeadline: null,
    });
    const topicId = await createTopic(rt, { kind: 'meeting', activityId });
    await ok(rt, 'voice', 'replyTopic', { topicId, text: '建议每季度开展一次集中学习。' }, MEMBER);
    await ok(rt, 'voice', 'closeTopic', { topicId }, SECRETARY);
    const before = await snapshot(rt);
    expect(await rt.invoke('voice', { action: 'replyTopic', data: { topicId, text: '晚到的发言。' } }, OTHER)).toMatchObject({
      ok: false,
      code: 'CLOSED',
    });
    expect(await snapshot(rt)).toEqual(before);
    const { url } = await ok<{ url: string }>(rt, 'voice', 'exportTopic', { topicId }, SECRETARY);
    const rows = await readWorkbook(rt, url, '讨论记录');
    expect(stringsIn(rows).join('|')).toContain('建议每季度开展一次集中学习。');
    expect(stringsIn(rows).join('|')).toContain('发言人');
    expect(stringsIn(rows).join('|')).toContain('所属活动：十二月支部党员大会');
    const record = await ok<{ url: string }>(rt, 'record', 'export', { activityId }, SECRETARY);
    expect(stringsIn(await readWorkbook(rt, record.url, '讨论记录1')).join('|')).toContain('建议每季度开展一次集中学习。');
    const home = await ok<VoiceHome>(rt, 'voice', 'home', {}, MEMBER);
    expect(home.topics.map((t) => [t.id, t.closed])).toEqual([[topicId, true]]);
    expect((await ok<VoiceHome>(rt, 'voice', 'home', {}, OUTSIDER)).topics).toEqual([]);
  });
});

async function rateAll(rt: Rt, appraisalId: string, who: { openid: string }, grade: (memberId: string) => string) {
  const view = await ok<AppraisalView>(rt, 'voice', 'appraisal', { appraisalId }, who);
  return ok(rt, 'voice', 'rate', { appraisalId, ratings: Object.fromEntries(view.peers.map((p) => [p.memberId, grade(p.memberId)])) }, who);
}

describe('民主评议党员: steps in order, self-assessment, anonymous peer ratings kept as counts, the committee grade in the archive', () => {
  it('goes through every step; ratings are counted without any record of who gave them; the grade is published into the archive', async () => {
    const c = clock('2026-12-03T02:00:00Z');
    const rt = await demoRuntime(c.now);
    const appraisalId = await appraisalAt(rt, 'study');
    // Steps open only in order.
    expect(await rt.invoke('voice', { action: 'openStep', data: { appraisalId, step: 'peer' } }, SECRETARY)).toMatchObject({
      ok: false,
      code: 'CONFLICT',
    });
    await ok(rt, 'voice', 'openStep', { appraisalId, step: 'self' }, SECRETARY);
    await ok(
      rt,
      'voice',
      'writeSelf',
      { appraisalId, text: '一年来认真学习党的理论，按时参加组织生活，带头完成研发任务，不足是联系群众还不够。' },
      MEMBER,
    );
    await ok(rt, 'voice', 'openStep', { appraisalId, step: 'peer' }, SECRETARY);
    const view = await ok<AppraisalView>(rt, 'voice', 'appraisal', { appraisalId }, OTHER);
    expect(view.peers.find((p) => p.memberId === rdMembership(1))?.self).toContain('认真学习党的理论');
    expect(view.peers.map((p) => p.memberId)).not.toContain(rdMembership(2));
    for (const i of [2, 3, 4]) await rateAll(rt, appraisalId, rdMember(i), (m) => (m === rdMembership(1) ? 'excellent' : 'qualified'));
    await rateAll(rt, appraisalId, rdMember(5), () => 'qualified');
    // Who has rated is recorded (no time, nothing of how); how they rated only as counts.
    const raters = (await snapshot(rt))['appraisal_raters'] as Record<string, unknown>[];
    expect(raters.map((r) => Object.keys(r).sort())).toEqual(Array(4).fill(['_id', 'appraisalId', 'openid']));
    await ok(rt, 'voice', 'openStep', { appraisalId, step: 'decide' }, SECRETARY);
    const board = await ok<AppraisalBoard>(rt, 'voice', 'appraisalBoard', { appraisalId }, COMMITTEE);
    expect(board.raters).toBe(4);
    expect(board.members.find((m) => m.memberId === rdMembership(1))?.counts).toEqual({
      excellent: 3,
      qualified: 1,
      basic: 0,
      unqualified: 0,
    });
    // 公示 needs every grade.
    await ok(rt, 'voice', 'decide', { appraisalId, memberId: rdMembership(1), grade: 'excellent' }, COMMITTEE);
    expect(await rt.invoke('voice', { action: 'openStep', data: { appraisalId, step: 'publicize' } }, SECRETARY)).toMatchObject({
      ok: false,
      code: 'CONFLICT',
    });
    for (const m of board.members.filter((x) => x.memberId !== rdMembership(1))) {
      await ok(rt, 'voice', 'decide', { appraisalId, memberId: m.memberId, grade: 'qualified' }, SECRETARY);
    }
    expect((await ok<ArchiveView>(rt, 'archive', 'mine', {}, MEMBER)).appraisals).toEqual([]);
    await ok(rt, 'voice', 'openStep', { appraisalId, step: 'publicize', publicizeDays: 5 }, SECRETARY);
    const shown = await ok<AppraisalView>(rt, 'voice', 'appraisal', { appraisalId }, OTHER);
    expect(shown.outcome?.find((o) => o.memberId === rdMembership(1))?.grade).toBe('excellent');
    expect((await ok<ArchiveView>(rt, 'archive', 'mine', {}, MEMBER)).appraisals).toEqual([
      { year: 2026, grade: 'excellent', orgName: '第一党支部（研发中心）' },
    ]);
    // After the 公示 period the list is no longer shown to the branch; the archive keeps the grade.
    c.advance(6 * 24 * 3600_000);
    expect((await ok<AppraisalView>(rt, 'voice', 'appraisal', { appraisalId }, OTHER)).outcome).toBeNull();
  });

  it('leaves the database the same whichever of two members gave which rating: nothing links a rating to its rater', async () => {
    // Members 02 and 03 rate member 01 differently, then the other way round in a second history;
    // everything else they say is the same. If the stored data differed, it would tell who said what.
    const run = async (swap: boolean) => {
      const c = clock('2026-12-03T02:00:00Z');
      const rt = await demoRuntime(c.now);
      const appraisalId = await appraisalAt(rt, 'peer');
      for (const [who, grade] of [
        [rdMember(2), swap ? 'basic' : 'excellent'],
        [rdMember(3), swap ? 'excellent' : 'basic'],
      ] as const) {
        await rateAll(rt, appraisalId, who, (m) => (m === rdMembership(1) ? grade : 'qualified'));
      }
      const all = await snapshot(rt);
      // The audit log's entry ids are random; everything else must match.
      delete all['audit_logs'];
      return all;
    };
    const a = await run(false);
    const b = await run(true);
    expect(b).toEqual(a);
    const counts = (a['appraisal_members'] as { memberId: string; counts: Record<string, number> }[]).find(
      (m) => m.memberId === rdMembership(1),
    )!.counts;
    expect(counts).toEqual({ excellent: 1, qualified: 0, basic: 1, unqualified: 0 });
  });

  it('a member rates once however many times they send it, must rate every other member, and cannot rate outside the 互评 step', async () => {
    const c = clock('2026-12-03T02:00:00Z');
    const rt = await demoRuntime(c.now);
    const appraisalId = await appraisalAt(rt, 'self');
    const peers = (await ok<AppraisalView>(rt, 'voice', 'appraisal', { appraisalId }, MEMBER)).peers;
    expect(peers).toEqual([]);
    expect(await rt.invoke('voice', { action: 'rate', data: { appraisalId, ratings: {} } }, MEMBER)).toMatchObject({
      ok: false,
      code: 'NOT_OPEN',
    });
    await ok(rt, 'voice', 'openStep', { appraisalId, step: 'peer' }, SECRETARY);
    const others = (await ok<AppraisalView>(rt, 'voice', 'appraisal', { appraisalId }, MEMBER)).peers;
    const partial = Object.fromEntries(others.slice(1).map((p) => [p.memberId, 'qualified']));
    const before = await snapshot(rt);
    expect(await rt.invoke('voice', { action: 'rate', data: { appraisalId, ratings: partial } }, MEMBER)).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    });
    expect(await snapshot(rt)).toEqual(before);
    const full = Object.fromEntries(others.map((p) => [p.memberId, 'qualified']));
    const sent = await Promise.all(
      Array.from({ length: 8 }, () => rt.invoke('voice', { action: 'rate', data: { appraisalId, ratings: full } }, MEMBER)),
    );
    expect(sent.filter((s) => s.ok)).toHaveLength(1);
    const board = await ok<AppraisalBoard>(rt, 'voice', 'appraisalBoard', { appraisalId }, SECRETARY);
    expect(board.raters).toBe(1);
    expect(board.members.filter((m) => m.counts.qualified === 1)).toHaveLength(others.length);
  });

  it('puts each step that asks something of the member in their to-do list, and takes it away once done', async () => {
    const c = clock('2026-12-03T02:00:00Z');
    const rt = await demoRuntime(c.now);
    const appraisalId = await appraisalAt(rt, 'self');
    const todo = async () =>
      (await ok<TodoList>(rt, 'branch', 'todo', {}, MEMBER)).items.filter((i) => i.kind === 'appraisal').map((i) => i.id);
    expect(await todo()).toEqual([`appraisal~${appraisalId}~self`]);
    await ok(rt, 'voice', 'writeSelf', { appraisalId, text: '认真学习，按时参加组织生活，完成本职工作，今后要更加主动联系群众。' }, MEMBER);
    expect(await todo()).toEqual([]);
    await ok(rt, 'voice', 'openStep', { appraisalId, step: 'peer' }, SECRETARY);
    expect(await todo()).toEqual([`appraisal~${appraisalId}~peer`]);
    await rateAll(rt, appraisalId, MEMBER, () => 'qualified');
    expect(await todo()).toEqual([]);
    expect((await ok<TodoList>(rt, 'branch', 'todo', {}, OUTSIDER)).items.filter((i) => i.kind === 'appraisal')).toEqual([]);
  });
});
