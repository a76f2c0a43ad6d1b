import { clock, createActivity, RD, SECRETARY } from '../helpers/activity';
import { demoRuntime, fired, ok } from '../helpers/runtime';

const MEMBER = { openid: 'demo-member-01' };

it('a reminder goes out once, at its time, through the open-API layer; none for a cancelled activity', async () => {
  const c = clock('2026-12-01T01:00:00Z');
  const rt = await demoRuntime(c.now);
  const id = await createActivity(rt);
  expect(await rt.invoke('signup', { action: 'remind', data: { activityId: id, minutesBefore: 30 } }, MEMBER)).toEqual({
    ok: true,
    data: { sendAt: '2026-12-10T05:30:00.000Z' },
  });
  // Asking again moves the same reminder rather than adding one.
  await ok(rt, 'signup', 'remind', { activityId: id, minutesBefore: 60 }, MEMBER);
  const other = await createActivity(rt, { title: '支委会', type: 'committee_meeting' });
  await ok(rt, 'signup', 'remind', { activityId: other, minutesBefore: 60 }, MEMBER);
  await ok(rt, 'activity', 'cancel', { activityId: other, reason: '改期' }, { openid: 'demo-secretary' });

  const sent = async () =>
    (await rt.db.collection('dev_openapi_calls').where({ api: 'subscribeMessage.send' }).get()).data.filter(
      (d: { input: { templateId: string } }) => d.input.templateId === 'local-activity-reminder',
    );
  c.set('2026-12-10T04:59:00Z');
  await fired(rt, 'activity', 'tick');
  expect(await sent()).toHaveLength(0);
  c.set('2026-12-10T05:00:00Z');
  await Promise.all([fired(rt, 'activity', 'tick'), fired(rt, 'activity', 'tick'), fired(rt, 'activity', 'tick')]);
  await fired(rt, 'activity', 'tick');
  const messages = await sent();
  expect(messages).toHaveLength(1);
  expect(messages[0].input).toMatchObject({
    touser: 'demo-member-01',
    data: { thing1: { value: '十二月主题党日' }, time2: { value: '2026年12月10日 14:00' } },
  });
  expect(await rt.invoke('signup', { action: 'remind', data: { activityId: id, minutesBefore: 15 } }, MEMBER)).toMatchObject({
    ok: false,
    code: 'CONFLICT',
  });
});

it('refuses a reminder time already past', async () => {
  const c = clock('2026-12-10T05:50:00Z');
  const rt = await demoRuntime(c.now);
  const id = await createActivity(rt);
  expect(await rt.invoke('signup', { action: 'remind', data: { activityId: id, minutesBefore: 15 } }, MEMBER)).toMatchObject({
    ok: false,
    code: 'CLOSED',
  });
});

it('the tick seats members left waiting while a seat is free', async () => {
  const c = clock('2026-12-01T01:00:00Z');
  const rt = await demoRuntime(c.now);
  const id = await createActivity(rt, { capacity: 1 });
  await ok(rt, 'signup', 'join', { activityId: id }, MEMBER);
  await ok(rt, 'signup', 'join', { activityId: id }, { openid: 'demo-member-02' });
  // The race a tick repairs: a seat given back while a sign-up was joining the waitlist.
  await rt.db.collection('activities').doc(id).update({ confirmedCount: 0 });
  await rt.db.collection('signups').where({ activityId: id, memberId: 'm-demo-005' }).update({ status: 'cancelled' });
  await fired(rt, 'activity', 'tick');
  const statuses = (await rt.db.collection('signups').where({ activityId: id }).get()).data.map(
    (s: { memberId: string; status: string }) => [s.memberId, s.status],
  );
  expect(statuses.sort()).toEqual([
    ['m-demo-005', 'cancelled'],
    ['m-demo-006', 'confirmed'],
  ]);
  expect((await rt.db.collection('activities').doc(id).get()).data[0].confirmedCount).toBe(1);
});

describe('the shared card’s live count (updatable message)', () => {
  const calls = async (rt: Awaited<ReturnType<typeof demoRuntime>>, api: string) =>
    (await rt.db.collection('dev_openapi_calls').where({ api }).orderBy('at', 'asc').limit(100).get()).data as {
      input: Record<string, unknown>;
    }[];

  it('one WeChat activity id per day per activity, renewed before it expires; each sign-up updates the count, the tick corrects it', async () => {
    const c = clock('2026-12-01T01:00:00Z');
    const rt = await demoRuntime(c.now);
    const id = await createActivity(rt, { capacity: 5 });
    const first = (await rt.invoke('activity', { action: 'share', data: { activityId: id } }, { openid: 'demo-secretary' })) as {
      data: { wxActivityId: string; parameters: { name: string; value: string }[] };
    };
    expect(first.data.parameters).toEqual([
      { name: 'member_count', value: '0' },
      { name: 'room_limit', value: '5' },
    ]);
    const again = (await rt.invoke('activity', { action: 'share', data: { activityId: id } }, MEMBER)) as typeof first;
    expect(again.data.wxActivityId).toBe(first.data.wxActivityId);
    expect(await calls(rt, 'updatableMessage.createActivityId')).toHaveLength(1);

    await ok(rt, 'signup', 'join', { activityId: id }, MEMBER);
    await ok(rt, 'signup', 'join', { activityId: id }, { openid: 'demo-member-02' });
    const pushes = await calls(rt, 'updatableMessage.setUpdatableMsg');
    expect(pushes.map((p) => (p.input['parameters'] as { value: string }[])[0]!.value)).toEqual(['1', '2']);
    // A sign-up pushes a count estimated from what it read (stale under concurrency); the tick sends the exact one, once.
    await fired(rt, 'activity', 'tick');
    await fired(rt, 'activity', 'tick');
    const after = await calls(rt, 'updatableMessage.setUpdatableMsg');
    expect(after).toHaveLength(3);
    expect(after[2]!.input).toMatchObject({
      activityId: first.data.wxActivityId,
      targetState: 0,
      parameters: [{ value: '2' }, { value: '5' }],
    });

    c.advance(23.5 * 3600 * 1000);
    const renewed = (await rt.invoke('activity', { action: 'share', data: { activityId: id } }, MEMBER)) as typeof first;
    expect(renewed.data.wxActivityId).not.toBe(first.data.wxActivityId);
  });
});

it('the tick marks an activity ended once after its end and tells the organiser the record is due; closing the record clears the backlog', async () => {
  const c = clock('2026-12-01T01:00:00Z');
  const rt = await demoRuntime(c.now);
  const id = await createActivity(rt);
  const cancelled = await createActivity(rt, { title: '取消的活动' });
  await ok(rt, 'activity', 'cancel', { activityId: cancelled, reason: '改期' }, SECRETARY);
  const notices = async () =>
    (await rt.db.collection('dev_openapi_calls').where({ api: 'subscribeMessage.send' }).get()).data.filter(
      (d: { input: { templateId: string; data: { thing4?: { value: string } } } }) =>
        d.input.templateId === 'local-activity-notice' && d.input.data.thing4?.value === '活动已结束，请填写会议记录',
    );
  const backlog = async () =>
    ((await rt.invoke('branch', { action: 'home', data: { orgId: RD } }, SECRETARY)) as { data: { recordsToClose: number | null } }).data
      .recordsToClose;
  const endedAt = async () => ((await rt.db.collection('activities').doc(id).get()).data[0] as { endedAt?: Date }).endedAt;

  c.set('2026-12-10T07:59:00Z');
  await fired(rt, 'activity', 'tick');
  expect(await endedAt()).toBeUndefined();
  expect(await backlog()).toBe(0);

  c.set('2026-12-10T08:00:00Z');
  await Promise.all([fired(rt, 'activity', 'tick'), fired(rt, 'activity', 'tick'), fired(rt, 'activity', 'tick')]);
  c.set('2026-12-10T08:01:00Z');
  await fired(rt, 'activity', 'tick');
  expect(await endedAt()).toEqual(new Date('2026-12-10T08:00:00Z'));
  const sent = await notices();
  expect(sent).toHaveLength(1);
  expect(sent[0].input).toMatchObject({ touser: 'demo-secretary', page: `pages/activity/detail/index?id=${id}` });
  expect(await backlog()).toBe(1);
  // Members do not see the organiser's backlog.
  expect(await rt.invoke('branch', { action: 'home', data: {} }, MEMBER)).toMatchObject({ data: { recordsToClose: null } });

  await ok(
    rt,
    'record',
    'save',
    { activityId: id, topic: '学习全会精神', host: '林建华', recorder: '陈海燕', content: '集体学习。', resolutions: '' },
    SECRETARY,
  );
  await ok(rt, 'record', 'close', { activityId: id }, SECRETARY);
  expect(await backlog()).toBe(0);
  const past = (await rt.invoke('activity', { action: 'list', data: { when: 'past' } }, MEMBER)) as {
    data: { activities: { id: string; recordClosed: boolean }[] };
  };
  expect(past.data.activities.find((a) => a.id === id)).toMatchObject({ recordClosed: true });
});

describe('only the timer trigger runs a timer', () => {
  it('a call shaped like a timer event, with no identity or as a signed-in member, runs nothing: the due reminder stays unsent', async () => {
    const c = clock('2026-12-01T01:00:00Z');
    const rt = await demoRuntime(c.now);
    const id = await createActivity(rt);
    expect(await rt.invoke('signup', { action: 'remind', data: { activityId: id, minutesBefore: 30 } }, MEMBER)).toMatchObject({
      ok: true,
    });
    c.set('2026-12-10T05:30:00Z');
    const forged = { Type: 'Timer', TriggerName: 'tick', Time: c.now().toISOString() };
    expect(await rt.invoke('activity', forged, null)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await rt.invoke('activity', forged, MEMBER)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await rt.invoke('system', { Type: 'Timer', TriggerName: 'dailyStats' }, null)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const sent = await rt.db.collection('dev_openapi_calls').where({ api: 'subscribeMessage.send' }).count();
    expect(sent.total).toBe(0);
    expect((await rt.db.collection('stats_daily').count()).total).toBe(0);
    // The platform's trigger does run it.
    expect(await rt.fireTimer('activity', 'tick')).toEqual({ ok: true, data: null });
    expect((await rt.db.collection('dev_openapi_calls').where({ api: 'subscribeMessage.send' }).count()).total).toBe(1);
  });

  it('over HTTP, a timer-shaped body with no identity is refused and writes nothing', async () => {
    const { startGateway } = await import('../helpers/gateway');
    const { snapshot } = await import('../helpers/runtime');
    const gw = await startGateway();
    try {
      const before = await snapshot(gw.runtime);
      const res = await gw.call('activity', { Type: 'Timer', TriggerName: 'tick' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await snapshot(gw.runtime)).toEqual(before);
    } finally {
      await gw.close();
    }
  });
});

describe('a reminder is never lost to a tick that dies', () => {
  it('is still unsent while WeChat is asked to send it: a crash before it is marked leaves it to be sent again', async () => {
    const c = clock('2026-12-01T01:00:00Z');
    const rt = await demoRuntime(c.now);
    const id = await createActivity(rt);
    expect(await rt.invoke('signup', { action: 'remind', data: { activityId: id, minutesBefore: 30 } }, MEMBER)).toMatchObject({
      ok: true,
    });
    const seen: unknown[] = [];
    const openapi = rt.platform.openapi;
    rt.platform.openapi = () => {
      const real = openapi();
      return {
        ...real,
        async sendSubscribeMessage(input) {
          seen.push((await rt.db.collection('reminders').where({ activityId: id }).get()).data[0]);
          return real.sendSubscribeMessage(input);
        },
      };
    };
    c.set('2026-12-10T05:30:00Z');
    expect(await rt.fireTimer('activity', 'tick')).toEqual({ ok: true, data: null });
    expect(seen).toEqual([expect.objectContaining({ sent: false, leaseUntil: expect.any(Date) })]);
    expect((await rt.db.collection('reminders').where({ activityId: id }).get()).data[0]).toMatchObject({ sent: true, result: 'sent' });
  });

  it('one claimed by a tick that died goes out once its lease runs out, exactly once', async () => {
    const c = clock('2026-12-01T01:00:00Z');
    const rt = await demoRuntime(c.now);
    const id = await createActivity(rt);
    await ok(rt, 'signup', 'remind', { activityId: id, minutesBefore: 30 }, MEMBER);
    c.set('2026-12-10T05:30:00Z');
    // What a tick killed between its claim and its send leaves behind.
    const { LEASE_MS } = await import('../../cloudfunctions/common/outbox');
    await rt.db
      .collection('reminders')
      .where({ activityId: id })
      .update({ leaseUntil: new Date(c.now().getTime() + LEASE_MS), attempts: 1 });
    const sends = async () => (await rt.db.collection('dev_openapi_calls').where({ api: 'subscribeMessage.send' }).count()).total;
    await fired(rt, 'activity', 'tick');
    expect(await sends()).toBe(0);
    c.advance(LEASE_MS + 1000);
    await Promise.all([fired(rt, 'activity', 'tick'), fired(rt, 'activity', 'tick')]);
    await fired(rt, 'activity', 'tick');
    expect(await sends()).toBe(1);
  });

  it('the organiser’s “record due” notice survives a tick that died after queueing it, and is sent once', async () => {
    const c = clock('2026-12-01T01:00:00Z');
    const rt = await demoRuntime(c.now);
    const id = await createActivity(rt);
    c.set('2026-12-10T08:01:00Z');
    // The tick queued the notice, claimed it and died before sending: the outbox timer sends it after the lease.
    const { LEASE_MS } = await import('../../cloudfunctions/common/outbox');
    await fired(rt, 'activity', 'tick');
    const notices = async () =>
      (await rt.db.collection('dev_openapi_calls').where({ api: 'subscribeMessage.send' }).get()).data.filter(
        (d: { input: { data: { thing4?: { value: string } } } }) => d.input.data.thing4?.value === '活动已结束，请填写会议记录',
      ).length;
    expect(await notices()).toBe(1);
    await rt.db
      .collection('outbox')
      .where({ _id: `activityNotice~${id}~recordDue~demo-secretary` })
      .update({ sentAt: null, result: null, leaseUntil: new Date(c.now().getTime() + LEASE_MS) });
    await rt.db.collection('dev_openapi_calls').where({ api: 'subscribeMessage.send' }).remove();
    await fired(rt, 'system', 'outbox');
    expect(await notices()).toBe(0);
    c.advance(LEASE_MS + 1000);
    await fired(rt, 'system', 'outbox');
    await fired(rt, 'system', 'outbox');
    expect(await notices()).toBe(1);
  });
});

it('a settled message (with the openid in it) is kept 30 days, then the cleanup timer removes it; an unsent one stays', async () => {
  const c = clock('2026-12-01T01:00:00Z');
  const rt = await demoRuntime(c.now);
  const id = await createActivity(rt);
  expect(await rt.invoke('signup', { action: 'join', data: { activityId: id } }, MEMBER)).toMatchObject({ ok: true });
  expect(await rt.invoke('activity', { action: 'cancel', data: { activityId: id, reason: '改期' } }, SECRETARY)).toMatchObject({
    ok: true,
  });
  await rt.db.collection('outbox').add({
    _id: 'pending-one',
    template: 'activityNotice',
    message: { touser: 'x', data: {} },
    createdAt: c.now(),
    leaseUntil: new Date(0),
    attempts: 5,
    sentAt: null,
    result: null,
  });
  const settled = async () =>
    (
      await rt.db
        .collection('outbox')
        .where({ sentAt: rt.db.command.neq(null) })
        .count()
    ).total;
  const { OUTBOX_RETENTION_MS } = await import('../../cloudfunctions/common/outbox');
  expect(await settled()).toBeGreaterThan(0);
  c.advance(OUTBOX_RETENTION_MS - 60_000);
  await fired(rt, 'system', 'cleanup');
  expect(await settled()).toBeGreaterThan(0);
  c.advance(120_000);
  await fired(rt, 'system', 'cleanup');
  expect(await settled()).toBe(0);
  expect((await rt.db.collection('outbox').doc('pending-one').get()).data).toHaveLength(1);
});
