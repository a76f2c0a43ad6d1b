import { addMembers, clock, createActivity, RD, SECRETARY } from '../helpers/activity';
import { demoRuntime, ok, snapshot } from '../helpers/runtime';
import { SLOT_SECONDS } from '../../cloudfunctions/checkin/codes';

const MEMBER = { openid: 'demo-member-01' }; // m-demo-005, 第一支部
type Ok<T> = { ok: true; data: T };
type Code = { payload: string; digits: string; expiresAt: string; slotSeconds: number };

/** The activity runs 14:00-16:00 Beijing time on 10 December; check-in opens at 13:30. */
async function setup(overrides: Record<string, unknown> = {}) {
  const c = clock('2026-12-10T05:40:00Z');
  const rt = await demoRuntime(c.now);
  const id = await createActivity(rt, { signupRequired: false, ...overrides });
  const code = async () => ((await rt.invoke('checkin', { action: 'code', data: { activityId: id } }, SECRETARY)) as Ok<Code>).data;
  const submit = (data: Record<string, unknown>, who = MEMBER) =>
    rt.invoke('checkin', { action: 'submit', data: { activityId: id, ...data } }, who);
  return { c, rt, id, code, submit };
}

describe('rotating codes', () => {
  it('the screen gets a payload that fits a mini-program scene and 6 digits; both check a member in, once', async () => {
    const { rt, id, code, submit } = await setup();
    const current = await code();
    expect(current.payload.length).toBeLessThanOrEqual(32);
    expect(current.payload.startsWith(`${id}.`)).toBe(true);
    expect(current.digits).toMatch(/^\d{6}$/);
    // Long enough for an older member to type six digits (with one slot of grace, up to a minute), short enough that a photo of it soon stops working.
    expect(current.slotSeconds).toBeGreaterThanOrEqual(10);
    expect(current.slotSeconds).toBeLessThanOrEqual(30);

    const first = await submit({ payload: current.payload });
    expect(first).toMatchObject({ ok: true, data: { already: false, checkedInAt: '2026-12-10T05:40:00.000Z' } });
    expect(await submit({ digits: current.digits })).toMatchObject({ ok: true, data: { already: true } });
    expect(await submit({ digits: current.digits }, { openid: 'demo-member-02' })).toMatchObject({ ok: true, data: { already: false } });
    expect((await rt.db.collection('checkins').where({ activityId: id, checkedIn: true }).count()).total).toBe(2);
    expect(await rt.invoke('checkin', { action: 'resolve', data: { payload: current.payload } }, MEMBER)).toEqual({
      ok: true,
      data: { activityId: id },
    });
  });

  it('accepts the previous slot’s code at the turn, and refuses one older with EXPIRED', async () => {
    const { c, code, submit } = await setup();
    const old = await code();
    c.advance(old.slotSeconds * 1000);
    expect(await submit({ payload: old.payload })).toMatchObject({ ok: true });
    c.advance(old.slotSeconds * 1000);
    expect(await submit({ payload: old.payload }, { openid: 'demo-member-02' })).toMatchObject({ ok: false, code: 'EXPIRED' });
    expect(await submit({ digits: old.digits }, { openid: 'demo-member-02' })).toMatchObject({ ok: false, code: 'EXPIRED' });
  });

  it('refuses a forged code, another activity’s code, a code outside the window, and a member outside the audience, each distinctly', async () => {
    const { c, rt, code, submit } = await setup();
    const current = await code();
    const [id, slot, mac] = current.payload.split('.') as [string, string, string];
    const forged = `${id}.${slot}.${mac.startsWith('A') ? 'B' : 'A'}${mac.slice(1)}`;
    expect(await submit({ payload: forged })).toMatchObject({ code: 'CODE_INVALID' });
    // A code for a later slot than the server's clock (a member's phone set ahead) is not believed either.
    expect(await submit({ payload: `${id}.${(parseInt(slot, 36) + 4).toString(36)}.${mac}` })).toMatchObject({ code: 'CODE_INVALID' });
    const digitsWrong = String((Number(current.digits) + 1) % 1_000_000).padStart(6, '0');
    expect(await submit({ digits: digitsWrong })).toMatchObject({ code: 'CODE_INVALID' });

    const other = await createActivity(rt, { signupRequired: false, title: '支委会', type: 'committee_meeting' });
    const otherCode = ((await rt.invoke('checkin', { action: 'code', data: { activityId: other } }, SECRETARY)) as Ok<Code>).data;
    expect(await submit({ payload: otherCode.payload }, { openid: 'demo-member-02' })).toMatchObject({ code: 'WRONG_ACTIVITY' });

    expect(await submit({ payload: current.payload }, { openid: 'demo-member-12' })).toMatchObject({ code: 'FORBIDDEN' });
    // A client-sent time is not an input at all.
    expect(await submit({ payload: current.payload, at: '2026-12-10T06:00:00Z' }, { openid: 'demo-member-02' })).toMatchObject({
      code: 'INVALID_INPUT',
    });

    c.set('2026-12-10T05:20:00Z');
    expect(await submit({ payload: current.payload }, { openid: 'demo-member-02' })).toMatchObject({ code: 'NOT_OPEN' });
    c.set('2026-12-10T08:00:00Z');
    expect(await submit({ payload: current.payload }, { openid: 'demo-member-02' })).toMatchObject({ code: 'NOT_OPEN' });
    expect(await rt.invoke('checkin', { action: 'code', data: { activityId: other } }, SECRETARY)).toMatchObject({ code: 'NOT_OPEN' });
  });

  it('locks a member out after five wrong codes, even for a right one, and lets them try again later', async () => {
    const { c, code, submit } = await setup();
    for (let i = 0; i < 4; i += 1) expect(await submit({ digits: '000000' })).toMatchObject({ code: 'CODE_INVALID' });
    expect(await submit({ digits: '000000' })).toMatchObject({ code: 'RATE_LIMITED' });
    expect(await submit({ payload: (await code()).payload })).toMatchObject({ code: 'RATE_LIMITED' });
    c.advance(10 * 60 * 1000);
    expect(await submit({ payload: (await code()).payload })).toMatchObject({ ok: true, data: { already: false } });
  });

  it('checks the member’s location against the radius when the activity has one', async () => {
    const { code, submit } = await setup({ location: { latitude: 31.2304, longitude: 121.4737, radius: 200 } });
    const { payload } = await code();
    expect(await submit({ payload })).toMatchObject({ code: 'OUT_OF_RANGE' });
    expect(await submit({ payload, location: { latitude: 31.24, longitude: 121.4737 } })).toMatchObject({
      code: 'OUT_OF_RANGE',
      message: expect.stringContaining('约 1067 米'),
    });
    expect(await submit({ payload, location: { latitude: 31.231, longitude: 121.474 } })).toMatchObject({
      ok: true,
      data: { distanceMeters: 73 },
    });
  });
});

describe('attendance', () => {
  it('500 members checking in within one slot: 500 records, no duplicates, none lost', async () => {
    const c = clock('2026-12-10T05:40:00Z');
    const rt = await demoRuntime(c.now);
    const openids = await addMembers(rt, RD, 500);
    const id = await createActivity(rt, { signupRequired: false });
    const { payload, digits } = ((await rt.invoke('checkin', { action: 'code', data: { activityId: id } }, SECRETARY)) as Ok<Code>).data;
    const results = await Promise.all(
      openids.map((openid, i) =>
        rt.invoke('checkin', { action: 'submit', data: { activityId: id, ...(i % 2 ? { payload } : { digits }) } }, { openid }),
      ),
    );
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const { data } = await rt.db.collection('checkins').where({ activityId: id, checkedIn: true }).limit(1000).get();
    expect(data).toHaveLength(500);
    expect(new Set(data.map((d: { memberId: string }) => d.memberId)).size).toBe(500);
  });

  it('the board shows present, expected, excused and absent; a hand mark and a leave decision are audited', async () => {
    const c = clock('2026-12-01T01:00:00Z');
    const rt = await demoRuntime(c.now);
    const id = await createActivity(rt, { capacity: 10 });
    for (const openid of ['demo-member-01', 'demo-member-02', 'demo-member-03'])
      await ok(rt, 'signup', 'join', { activityId: id }, { openid });
    expect(
      await rt.invoke('signup', { action: 'leave', data: { activityId: id, reason: '出差在外地' } }, { openid: 'demo-member-03' }),
    ).toMatchObject({
      data: { status: 'confirmed', leave: 'pending' },
    });
    const review = await rt.invoke(
      'signup',
      { action: 'review', data: { activityId: id, memberId: 'm-demo-007', kind: 'leave', approve: true } },
      SECRETARY,
    );
    expect(review).toMatchObject({ ok: true, data: { pending: [] } });

    c.set('2026-12-10T05:50:00Z');
    const { digits } = ((await rt.invoke('checkin', { action: 'code', data: { activityId: id } }, SECRETARY)) as Ok<Code>).data;
    await ok(rt, 'checkin', 'submit', { activityId: id, digits }, { openid: 'demo-member-01' });
    // 马宏伟 has no phone with him: the secretary marks him by hand.
    const marked = await rt.invoke(
      'checkin',
      { action: 'mark', data: { activityId: id, memberId: 'm-demo-008', present: true } },
      SECRETARY,
    );
    expect(marked).toMatchObject({ ok: true });
    const board = (await rt.invoke('checkin', { action: 'board', data: { activityId: id } }, SECRETARY)) as Ok<{
      counts: Record<string, number>;
      rows: { memberId: string; state: string; method: string | null }[];
    }>;
    expect(board.data.counts).toMatchObject({ present: 2, expected: 1, excused: 1, absent: 0 });
    expect(board.data.rows.find((r) => r.memberId === 'm-demo-008')).toMatchObject({ state: 'present', method: 'manual' });

    c.set('2026-12-10T08:30:00Z');
    const after = (await rt.invoke('checkin', { action: 'board', data: { activityId: id } }, SECRETARY)) as Ok<{
      counts: Record<string, number>;
    }>;
    expect(after.data.counts).toMatchObject({ present: 2, expected: 0, excused: 1, absent: 1 });
    const log = (await rt.invoke('audit', { action: 'list', data: { orgId: RD } }, SECRETARY)) as Ok<{ entries: { action: string }[] }>;
    expect(log.data.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['checkin.mark', 'leave.review']));
    expect(await rt.invoke('checkin', { action: 'board', data: { activityId: id } }, MEMBER)).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await rt.invoke('checkin', { action: 'mark', data: { activityId: id, memberId: 'm-demo-016', present: true } }, SECRETARY),
    ).toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  it('one sign-up costs at most 4 database requests, one check-in at most 3 plus 7 for its points (counted at the engine)', async () => {
    const c = clock('2026-12-01T01:00:00Z');
    const rt = await demoRuntime(c.now);
    const id = await createActivity(rt, { capacity: 10 });
    const cost = async (fn: string, action: string, data: object, who = MEMBER) => {
      const before = rt.engine.requestCount;
      const res = await rt.invoke(fn, { action, data }, who);
      expect(res).toMatchObject({ ok: true });
      return rt.engine.requestCount - before;
    };
    expect(await cost('signup', 'join', { activityId: id })).toBeLessThanOrEqual(4);
    c.set('2026-12-10T05:50:00Z');
    const { digits } = ((await rt.invoke('checkin', { action: 'code', data: { activityId: id } }, SECRETARY)) as Ok<Code>).data;
    // The points it earns: the member's units, then one transaction (start, the member's totals read, the
    // ledger entry, the totals and one ranking row written, commit).
    expect(await cost('checkin', 'submit', { activityId: id, digits })).toBeLessThanOrEqual(3 + 7);
  });
});

it('a member who has checked in can no longer cancel their sign-up', async () => {
  const c = clock('2026-12-01T01:00:00Z');
  const rt = await demoRuntime(c.now);
  const id = await createActivity(rt);
  await ok(rt, 'signup', 'join', { activityId: id }, MEMBER);
  c.set('2026-12-10T05:45:00Z');
  const { digits } = ((await rt.invoke('checkin', { action: 'code', data: { activityId: id } }, SECRETARY)) as Ok<Code>).data;
  await ok(rt, 'checkin', 'submit', { activityId: id, digits }, MEMBER);
  expect(await rt.invoke('activity', { action: 'detail', data: { activityId: id } }, MEMBER)).toMatchObject({
    data: { mine: { checkedIn: true, canCancel: false } },
  });
  expect(await rt.invoke('signup', { action: 'cancel', data: { activityId: id } }, MEMBER)).toMatchObject({ ok: false, code: 'CLOSED' });
});

it('the mini-program code for WeChat’s scanner carries the payload as its scene, made once per slot', async () => {
  const { c, rt, id, code, submit } = await setup();
  const first = (await rt.invoke('checkin', { action: 'wxacode', data: { activityId: id } }, SECRETARY)) as Ok<{
    url: string;
    expiresAt: string;
  }>;
  const again = (await rt.invoke('checkin', { action: 'wxacode', data: { activityId: id } }, SECRETARY)) as typeof first;
  expect(again.data.url).toBe(first.data.url);
  const made = (await rt.db.collection('dev_openapi_calls').where({ api: 'wxacode.getUnlimited' }).get()).data as {
    input: { scene: string; page: string };
  }[];
  expect(made).toHaveLength(1);
  const { payload } = await code();
  expect(made[0]!.input).toEqual(expect.objectContaining({ scene: payload, page: 'pages/activity/detail/index' }));
  // The page opened by WeChat's scanner reads `scene`, finds the activity and checks in with it.
  expect(await rt.invoke('checkin', { action: 'resolve', data: { payload: made[0]!.input.scene } }, MEMBER)).toEqual({
    ok: true,
    data: { activityId: id },
  });
  expect(await submit({ payload: made[0]!.input.scene })).toMatchObject({ ok: true, data: { already: false } });
  c.advance(SLOT_SECONDS * 1000);
  await ok(rt, 'checkin', 'wxacode', { activityId: id }, SECRETARY);
  expect((await rt.db.collection('dev_openapi_calls').where({ api: 'wxacode.getUnlimited' }).get()).data).toHaveLength(2);
  // The first PNG the stand-in draws loads the qrcode library's PNG path, which is slow the first time.
}, 30_000);

describe('slow typists are not locked out', () => {
  it('six digits typed up to a minute after they were shown are accepted; later, the member is told the code changed (not to scan)', async () => {
    const { c, code, submit } = await setup();
    const shown = await code();
    c.advance(59_000);
    expect(await submit({ digits: shown.digits })).toMatchObject({ ok: true, data: { already: false } });
    c.advance(61_000);
    expect(await submit({ digits: shown.digits }, { openid: 'demo-member-02' })).toEqual({
      ok: false,
      code: 'EXPIRED',
      message: '签到码已更新，请输入屏幕上最新的 6 位数字',
    });
    expect(await submit({ payload: shown.payload }, { openid: 'demo-member-02' })).toMatchObject({
      code: 'EXPIRED',
      message: '签到码已过期，请扫描屏幕上最新的二维码',
    });
  });

  it('expired codes never count towards the lockout: after many, the right code still checks the member in', async () => {
    const { c, code, submit } = await setup();
    const old = await code();
    c.advance(3 * SLOT_SECONDS * 1000);
    for (let i = 0; i < 8; i += 1) expect(await submit({ digits: old.digits })).toMatchObject({ ok: false, code: 'EXPIRED' });
    const current = await code();
    expect(await submit({ digits: current.digits })).toMatchObject({ ok: true, data: { already: false } });
  });

  it('wrong codes still do: five of them lock the member out, even of the right one', async () => {
    const { code, submit } = await setup();
    const current = await code();
    const wrong = String((Number(current.digits) + 1) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 4; i += 1) expect(await submit({ digits: wrong })).toMatchObject({ code: 'CODE_INVALID' });
    expect(await submit({ digits: wrong })).toMatchObject({ code: 'RATE_LIMITED' });
    expect(await submit({ digits: current.digits })).toMatchObject({ code: 'RATE_LIMITED' });
  });
});

describe('withdrawing a leave request', () => {
  it('a member takes back a pending leave: the organiser no longer sees it, and the board expects them again', async () => {
    const rt = await demoRuntime(clock('2026-12-01T01:00:00Z').now);
    const id = await createActivity(rt, { capacity: 10 });
    await ok(rt, 'signup', 'join', { activityId: id }, { openid: 'demo-member-03' });
    await ok(rt, 'signup', 'leave', { activityId: id, reason: '出差在外地' }, { openid: 'demo-member-03' });
    expect(await rt.invoke('signup', { action: 'withdrawLeave', data: { activityId: id } }, { openid: 'demo-member-03' })).toEqual({
      ok: true,
      data: { status: 'confirmed', leave: null },
    });
    const board = (await rt.invoke('checkin', { action: 'board', data: { activityId: id } }, SECRETARY)) as Ok<{
      counts: Record<string, number>;
      pending: unknown[];
    }>;
    expect(board.data.pending).toEqual([]);
    expect(board.data.counts).toMatchObject({ expected: 1, excused: 0 });
    // Asking again works as the first time.
    expect(
      await rt.invoke('signup', { action: 'leave', data: { activityId: id, reason: '临时有事' } }, { openid: 'demo-member-03' }),
    ).toMatchObject({ ok: true, data: { leave: 'pending' } });
  });

  it('cannot take back leave the organiser has already decided, and nothing changes', async () => {
    const rt = await demoRuntime(clock('2026-12-01T01:00:00Z').now);
    const id = await createActivity(rt, { capacity: 10 });
    await ok(rt, 'signup', 'join', { activityId: id }, { openid: 'demo-member-03' });
    await ok(rt, 'signup', 'leave', { activityId: id, reason: '出差在外地' }, { openid: 'demo-member-03' });
    await ok(rt, 'signup', 'review', { activityId: id, memberId: 'm-demo-007', kind: 'leave', approve: true }, SECRETARY);
    const before = await snapshot(rt);
    expect(await rt.invoke('signup', { action: 'withdrawLeave', data: { activityId: id } }, { openid: 'demo-member-03' })).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: '请假已由组织者处理，不能撤回',
    });
    expect(await snapshot(rt)).toEqual(before);
  });

  it('someone else’s leave is out of reach: withdrawing touches only the caller’s own', async () => {
    const rt = await demoRuntime(clock('2026-12-01T01:00:00Z').now);
    const id = await createActivity(rt, { capacity: 10 });
    await ok(rt, 'signup', 'leave', { activityId: id, reason: '出差在外地' }, { openid: 'demo-member-03' });
    expect(await rt.invoke('signup', { action: 'withdrawLeave', data: { activityId: id } }, { openid: 'demo-member-04' })).toEqual({
      ok: true,
      data: { status: null, leave: null },
    });
    const { data } = await rt.db.collection('checkins').where({ activityId: id }).get();
    expect(data.map((d: { leave?: { status: string } }) => d.leave?.status)).toEqual(['pending']);
  });
});
