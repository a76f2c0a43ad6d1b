import type { ActivityView, AttendanceBoard, QuestionView } from '../../typings/domain';
import { activityInput, clock, createActivity } from '../helpers/activity';
import { demoRuntime, ok, snapshot } from '../helpers/runtime';

const SECRETARY = { openid: 'demo-secretary' };
const MEMBER = { openid: 'demo-member-01' };
const OTHER_MEMBER = { openid: 'demo-member-02' };
const LIVE = {
  type: 'live_lecture',
  title: '十二月直播党课',
  place: '线上（视频号直播）',
  live: { finderUserName: 'sphDemoLive01', link: 'https://live.example.invalid/lecture' },
  signupRequired: false,
  startAt: '2026-12-10T06:00:00.000Z',
  endAt: '2026-12-10T08:00:00.000Z',
  signupDeadline: null,
};

describe('直播党课 (live lecture)', () => {
  it('members anywhere check in online with the code shown in the stream, and the board lists them as 线上签到', async () => {
    const c = clock('2026-12-10T05:00:00Z');
    const rt = await demoRuntime(c.now);
    const id = await createActivity(rt, LIVE);
    const detail = await ok<ActivityView>(rt, 'activity', 'detail', { activityId: id }, MEMBER);
    expect(detail.live).toEqual(LIVE.live);
    c.set('2026-12-10T06:05:00Z');
    const code = await ok<{ digits: string }>(rt, 'checkin', 'code', { activityId: id }, SECRETARY);
    // No location asked: the member is at home.
    await ok(rt, 'checkin', 'submit', { activityId: id, digits: code.digits }, MEMBER);
    const board = await ok<AttendanceBoard>(rt, 'checkin', 'board', { activityId: id }, SECRETARY);
    expect(board.rows.find((r) => r.checkedInAt)).toMatchObject({ method: 'online', state: 'present' });
  });

  it('refuses a live lecture with nowhere to watch it, or with a check-in location, and writes nothing', async () => {
    const rt = await demoRuntime(clock('2026-12-10T01:00:00Z').now);
    const before = await snapshot(rt);
    const nowhere = await rt.invoke('activity', { action: 'create', data: activityInput({ ...LIVE, live: null }) }, SECRETARY);
    expect(nowhere).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: expect.stringContaining('请填写视频号 ID 或直播链接') });
    const located = await rt.invoke(
      'activity',
      { action: 'create', data: activityInput({ ...LIVE, location: { latitude: 31.2, longitude: 121.5, radius: 200 } }) },
      SECRETARY,
    );
    expect(located).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: expect.stringContaining('不核对位置') });
    expect(await snapshot(rt)).toEqual(before);
  });

  it('members send questions and +1 others; the organiser pins one, marks it answered and hides another, which members no longer see', async () => {
    const c = clock('2026-12-10T05:50:00Z');
    const rt = await demoRuntime(c.now);
    const id = await createActivity(rt, LIVE);
    const q1 = await ok<QuestionView>(rt, 'question', 'ask', { activityId: id, text: '学习笔记要写多少字？' }, MEMBER);
    const q2 = await ok<QuestionView>(rt, 'question', 'ask', { activityId: id, text: '这是一条跑题的提问' }, OTHER_MEMBER);
    const q3 = await ok<QuestionView>(rt, 'question', 'ask', { activityId: id, text: '课件会发到群里吗？' }, OTHER_MEMBER);
    // +1 twice counts once; taking it back takes one off.
    await ok(rt, 'question', 'vote', { activityId: id, questionId: q3.id, vote: true }, MEMBER);
    expect(await ok(rt, 'question', 'vote', { activityId: id, questionId: q3.id, vote: true }, MEMBER)).toMatchObject({
      votes: 1,
      voted: true,
    });
    const list = async (who: { openid: string }) =>
      (await ok<{ questions: QuestionView[] }>(rt, 'question', 'list', { activityId: id }, who)).questions;
    expect((await list(MEMBER)).map((q) => q.text)).toEqual(['课件会发到群里吗？', '学习笔记要写多少字？', '这是一条跑题的提问']);
    await ok(rt, 'question', 'moderate', { questionId: q1.id, pinned: true, answered: true }, SECRETARY);
    await ok(rt, 'question', 'moderate', { questionId: q2.id, hidden: true }, SECRETARY);
    const seen = await list(MEMBER);
    expect(seen.map((q) => [q.text, q.pinned, q.answered])).toEqual([
      ['学习笔记要写多少字？', true, true],
      ['课件会发到群里吗？', false, false],
    ]);
    expect((await list(SECRETARY)).find((q) => q.id === q2.id)).toMatchObject({ hidden: true });
    // After the lecture, no more questions.
    c.set('2026-12-10T08:00:01Z');
    expect(await rt.invoke('question', { action: 'ask', data: { activityId: id, text: '结束后还能问吗？' } }, MEMBER)).toMatchObject({
      ok: false,
      code: 'CONFLICT',
    });
  });

  it('a question the content check flags is refused with the reason, and one to an ordinary meeting is refused', async () => {
    const rt = await demoRuntime(clock('2026-12-10T05:00:00Z').now);
    const id = await createActivity(rt, LIVE);
    expect(await rt.invoke('question', { action: 'ask', data: { activityId: id, text: '违规测试的提问' } }, MEMBER)).toMatchObject({
      ok: false,
      code: 'CONTENT_FLAGGED',
    });
    const meeting = await createActivity(rt, { title: '支部党员大会' });
    expect(await rt.invoke('question', { action: 'ask', data: { activityId: meeting, text: '请问几点开始？' } }, MEMBER)).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    });
  });
});
