import { clock, createActivity, SECRETARY } from '../helpers/activity';
import { demoRuntime } from '../helpers/runtime';

const MEMBER = { openid: 'demo-member-01' };
type Ok<T> = { ok: true; data: T };

it('the organiser drafts the minutes, closes them after the meeting with the attendance; members then read them and see the meeting in their history', async () => {
  const c = clock('2026-12-01T01:00:00Z');
  const rt = await demoRuntime(c.now);
  const id = await createActivity(rt, { capacity: 10 });
  for (const openid of ['demo-member-01', 'demo-member-02', 'demo-member-03'])
    await rt.invoke('signup', { action: 'join', data: { activityId: id } }, { openid });
  await rt.invoke('signup', { action: 'leave', data: { activityId: id, reason: '出差' } }, { openid: 'demo-member-03' });
  await rt.invoke(
    'signup',
    { action: 'review', data: { activityId: id, memberId: 'm-demo-007', kind: 'leave', approve: true } },
    SECRETARY,
  );

  const minutes = {
    activityId: id,
    topic: '学习全会精神',
    host: '林建华',
    recorder: '陈海燕',
    content: '集体学习公报原文，交流心得。',
    resolutions: '每人撰写心得一篇。',
  };
  expect(await rt.invoke('record', { action: 'save', data: minutes }, SECRETARY)).toMatchObject({
    ok: true,
    data: { closed: false, topic: '学习全会精神' },
  });
  expect(await rt.invoke('record', { action: 'get', data: { activityId: id } }, MEMBER)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  expect(await rt.invoke('record', { action: 'close', data: { activityId: id } }, SECRETARY)).toMatchObject({
    ok: false,
    code: 'NOT_OPEN',
  });

  c.set('2026-12-10T05:50:00Z');
  const { digits } = ((await rt.invoke('checkin', { action: 'code', data: { activityId: id } }, SECRETARY)) as Ok<{ digits: string }>).data;
  await rt.invoke('checkin', { action: 'submit', data: { activityId: id, digits } }, MEMBER);
  c.set('2026-12-10T08:10:00Z');
  const closed = await rt.invoke('record', { action: 'close', data: { activityId: id } }, SECRETARY);
  expect(closed).toMatchObject({ ok: true, data: { closed: true, attendance: { present: 1, excused: 1, absent: 1, rate: 50 } } });
  expect(await rt.invoke('record', { action: 'save', data: minutes }, SECRETARY)).toMatchObject({ ok: false, code: 'CONFLICT' });
  expect(await rt.invoke('record', { action: 'get', data: { activityId: id } }, MEMBER)).toMatchObject({
    ok: true,
    data: { closed: true, resolutions: '每人撰写心得一篇。' },
  });

  const history = (h: string) => rt.invoke('record', { action: 'history' }, { openid: h });
  expect(await history('demo-member-01')).toMatchObject({ data: { items: [{ activityId: id, state: 'present', recordClosed: true }] } });
  expect(await history('demo-member-02')).toMatchObject({ data: { items: [{ state: 'absent' }] } });
  expect(await history('demo-member-03')).toMatchObject({ data: { items: [{ state: 'excused' }] } });
  expect(await history('demo-member-04')).toMatchObject({ data: { items: [] } });
  const log = (await rt.invoke('audit', { action: 'list', data: { orgId: 'org-xh-branch-rd' } }, SECRETARY)) as Ok<{
    entries: { summary: string }[];
  }>;
  expect(log.data.entries[0]!.summary).toContain('出席率 50%');
});

it('closing needs the topic and the content', async () => {
  const c = clock('2026-12-10T07:00:00Z');
  const rt = await demoRuntime(c.now);
  const id = await createActivity(rt);
  expect(await rt.invoke('record', { action: 'close', data: { activityId: id } }, SECRETARY)).toMatchObject({
    ok: false,
    code: 'INVALID_INPUT',
  });
});
