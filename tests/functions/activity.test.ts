import { nameKey } from '../../cloudfunctions/common/names';
import { activityInput, addMembers, clock, createActivity, MK, RD, SECRETARY, updateInput } from '../helpers/activity';
import { demoRuntime, inStorage, JPEG, ok, PNG, snapshot, uploaded } from '../helpers/runtime';

const MEMBER = { openid: 'demo-member-01' }; // 第一支部
const OTHER = { openid: 'demo-member-12' }; // 第二支部
type Ok<T> = { ok: true; data: T };

describe('creating and listing activities', () => {
  it('a secretary creates one; members of the branch see it in their list and its details; status follows the clock', async () => {
    const c = clock();
    const rt = await demoRuntime(c.now);
    const id = await createActivity(rt, { capacity: 30 });
    expect(id).toMatch(/^a[0-9A-Za-z]{10}$/);
    const list = (await rt.invoke('activity', { action: 'list', data: { when: 'upcoming' } }, MEMBER)) as Ok<{
      activities: { id: string; status: string }[];
    }>;
    expect(list.data.activities).toEqual([
      expect.objectContaining({ id, status: 'open', orgName: '第一党支部（研发中心）', capacity: 30 }),
    ]);
    const detail = (await rt.invoke('activity', { action: 'detail', data: { activityId: id } }, MEMBER)) as Ok<Record<string, unknown>>;
    expect(detail.data).toMatchObject({
      title: '十二月主题党日',
      canManage: false,
      mine: { inAudience: true, signup: null, canCancel: false },
    });
    expect(await rt.invoke('activity', { action: 'detail', data: { activityId: id } }, SECRETARY)).toMatchObject({
      data: { canManage: true },
    });

    c.set('2026-12-09T10:00:00Z');
    expect(await rt.invoke('activity', { action: 'detail', data: { activityId: id } }, MEMBER)).toMatchObject({
      data: { status: 'closed' },
    });
    c.set('2026-12-10T07:00:00Z');
    expect(await rt.invoke('activity', { action: 'detail', data: { activityId: id } }, MEMBER)).toMatchObject({
      data: { status: 'ongoing' },
    });
    c.set('2026-12-10T08:00:00Z');
    expect(await rt.invoke('activity', { action: 'detail', data: { activityId: id } }, MEMBER)).toMatchObject({
      data: { status: 'ended' },
    });
    const past = (await rt.invoke('activity', { action: 'list', data: { when: 'past' } }, MEMBER)) as Ok<{ activities: { id: string }[] }>;
    expect(past.data.activities.map((a) => a.id)).toEqual([id]);
  });

  it('another branch’s member learns nothing: the same refusal as for an activity that does not exist', async () => {
    const rt = await demoRuntime(clock().now);
    const id = await createActivity(rt);
    const theirs = await rt.invoke('activity', { action: 'detail', data: { activityId: id } }, OTHER);
    const missing = await rt.invoke('activity', { action: 'detail', data: { activityId: 'aNoSuchOne1' } }, OTHER);
    expect(theirs).toEqual(missing);
    expect(theirs).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await rt.invoke('signup', { action: 'join', data: { activityId: id } }, OTHER)).toEqual(missing);
    const list = (await rt.invoke('activity', { action: 'list', data: { when: 'upcoming' } }, OTHER)) as Ok<{ activities: unknown[] }>;
    expect(list.data.activities).toEqual([]);
  });

  it('a 党委 activity for its whole subtree reaches both branches; invited members only them', async () => {
    const rt = await demoRuntime(clock().now);
    const all = await createActivity(
      rt,
      { orgId: 'org-xh-committee', audience: { kind: 'subtree' }, title: '全体党员大会' },
      { openid: 'demo-admin' },
    );
    const invited = await createActivity(rt, { audience: { kind: 'members', memberIds: ['m-demo-005'] }, title: '支委扩大会' });
    const mine = (await rt.invoke('activity', { action: 'list', data: { when: 'upcoming' } }, MEMBER)) as Ok<{
      activities: { id: string }[];
    }>;
    expect(mine.data.activities.map((a) => a.id).sort()).toEqual([all, invited].sort());
    const theirs = (await rt.invoke('activity', { action: 'list', data: { when: 'upcoming' } }, OTHER)) as Ok<{
      activities: { id: string }[];
    }>;
    expect(theirs.data.activities.map((a) => a.id)).toEqual([all]);
    expect(await rt.invoke('activity', { action: 'detail', data: { activityId: invited } }, { openid: 'demo-member-03' })).toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('refuses bad times, an audience outside the unit, and writes nothing', async () => {
    const rt = await demoRuntime(clock().now);
    const before = await snapshot(rt);
    const cases: [Record<string, unknown>, string][] = [
      [{ endAt: '2026-12-10T05:00:00.000Z' }, '结束时间应晚于开始时间'],
      [{ signupDeadline: '2026-12-11T00:00:00.000Z' }, '报名截止时间不能晚于开始时间'],
      [{ audience: { kind: 'units', orgIds: [MK] } }, '参加范围只能是本组织及其下级组织'],
      [{ audience: { kind: 'members', memberIds: ['m-demo-016'] } }, '邀请的党员应是本组织及下级组织的在册党员'],
      [{ startAt: 'tomorrow' }, 'ISO 8601'],
      [{ startAt: '2025-11-01T06:00:00.000Z', endAt: '2025-11-01T08:00:00.000Z', signupDeadline: null }, '开始时间不能早于一年前'],
    ];
    for (const [overrides, message] of cases) {
      const res = await rt.invoke('activity', { action: 'create', data: activityInput(overrides) }, SECRETARY);
      expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: expect.stringContaining(message) });
    }
    expect(await rt.invoke('activity', { action: 'create', data: activityInput() }, MEMBER)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await snapshot(rt)).toEqual(before);
  });

  it('editing the time tells those signed up; cancelling tells them too and is audited', async () => {
    const rt = await demoRuntime(clock().now);
    const id = await createActivity(rt);
    await ok(rt, 'signup', 'join', { activityId: id }, MEMBER);
    const moved = updateInput(id, { startAt: '2026-12-11T06:00:00.000Z', endAt: '2026-12-11T08:00:00.000Z', signupDeadline: null });
    expect(await rt.invoke('activity', { action: 'update', data: moved }, SECRETARY)).toMatchObject({
      ok: true,
      data: { startAt: '2026-12-11T06:00:00.000Z' },
    });
    expect(await rt.invoke('activity', { action: 'cancel', data: { activityId: id, reason: '与上级会议冲突' } }, SECRETARY)).toMatchObject({
      data: { status: 'cancelled' },
    });
    const { data: sent } = await rt.db.collection('dev_openapi_calls').where({ api: 'subscribeMessage.send' }).get();
    expect(
      sent.map((s: { input: { touser: string; data: { thing4: { value: string } } } }) => [s.input.touser, s.input.data.thing4.value]),
    ).toEqual([
      ['demo-member-01', '活动时间或地点有变，请留意'],
      ['demo-member-01', '活动取消：与上级会议冲突'],
    ]);
    expect(await rt.invoke('signup', { action: 'join', data: { activityId: id } }, { openid: 'demo-member-03' })).toMatchObject({
      code: 'CONFLICT',
    });
  });
});

describe('saving an activity is all or nothing', () => {
  /** Makes the storage refuse any new row of members' activity lists, as a full disk or a dropped connection would. */
  const breakAudienceRows = (rt: Awaited<ReturnType<typeof demoRuntime>>) =>
    rt.engine.db.exec(
      `CREATE TEMP TRIGGER refuse_audience BEFORE INSERT ON c_activity_audience BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`,
    );
  const upcoming = async (rt: Awaited<ReturnType<typeof demoRuntime>>, who: { openid: string }) =>
    (
      (await rt.invoke('activity', { action: 'list', data: { when: 'upcoming' } }, who)) as Ok<{ activities: { title: string }[] }>
    ).data.activities.map((a) => a.title);

  it('an activity whose audience cannot be written is not created at all', async () => {
    const rt = await demoRuntime(clock().now);
    breakAudienceRows(rt);
    expect(await rt.invoke('activity', { action: 'create', data: activityInput() }, SECRETARY)).toMatchObject({
      ok: false,
      code: 'INTERNAL',
    });
    expect((await rt.db.collection('activities').where({ title: activityInput().title }).count()).total).toBe(0);
    expect((await rt.db.collection('audit_logs').where({ action: 'activity.create' }).count()).total).toBe(0);
  });

  it('an edit whose new audience cannot be written leaves the activity, and who sees it, as they were', async () => {
    const rt = await demoRuntime(clock().now);
    const id = await createActivity(rt);
    const NOT_INVITED = { openid: 'demo-member-03' };
    expect(await upcoming(rt, NOT_INVITED)).toEqual(['十二月主题党日']);
    breakAudienceRows(rt);
    const edit = updateInput(id, { title: '支委扩大会', audience: { kind: 'members', memberIds: ['m-demo-005'] } });
    expect(await rt.invoke('activity', { action: 'update', data: edit }, SECRETARY)).toMatchObject({ ok: false, code: 'INTERNAL' });
    expect(await upcoming(rt, NOT_INVITED)).toEqual(['十二月主题党日']);
    expect(await rt.invoke('activity', { action: 'detail', data: { activityId: id } }, NOT_INVITED)).toMatchObject({
      ok: true,
      data: { title: '十二月主题党日' },
    });
    expect((await rt.db.collection('audit_logs').where({ action: 'activity.update' }).count()).total).toBe(0);

    rt.engine.db.exec('DROP TRIGGER refuse_audience');
    expect(await rt.invoke('activity', { action: 'update', data: edit }, SECRETARY)).toMatchObject({
      ok: true,
      data: { title: '支委扩大会' },
    });
    // m-demo-005 is MEMBER's membership: only they are invited now.
    expect(await upcoming(rt, NOT_INVITED)).toEqual([]);
    expect(await upcoming(rt, MEMBER)).toEqual(['支委扩大会']);
  });
});

describe('signing up', () => {
  it('confirms up to capacity, then waitlists; a cancellation hands the seat to the first waiting, who is told', async () => {
    const rt = await demoRuntime(clock().now);
    const id = await createActivity(rt, { capacity: 2 });
    const people = ['demo-member-01', 'demo-member-02', 'demo-member-03', 'demo-member-04'];
    const results = [];
    for (const openid of people) results.push(await rt.invoke('signup', { action: 'join', data: { activityId: id } }, { openid }));
    expect(results.map((r) => (r as Ok<{ status: string }>).data.status)).toEqual(['confirmed', 'confirmed', 'waitlisted', 'waitlisted']);
    // Signing up again changes nothing.
    expect(await rt.invoke('signup', { action: 'join', data: { activityId: id } }, { openid: 'demo-member-01' })).toMatchObject({
      data: { status: 'confirmed' },
    });
    expect(await rt.invoke('activity', { action: 'detail', data: { activityId: id } }, { openid: 'demo-member-04' })).toMatchObject({
      data: { status: 'full', confirmedCount: 2, waitlistCount: 2, mine: { signup: 'waitlisted', waitlistPosition: 2 } },
    });

    expect(await rt.invoke('signup', { action: 'cancel', data: { activityId: id } }, { openid: 'demo-member-01' })).toMatchObject({
      data: { status: 'cancelled' },
    });
    expect(await rt.invoke('activity', { action: 'detail', data: { activityId: id } }, { openid: 'demo-member-03' })).toMatchObject({
      data: { confirmedCount: 2, mine: { signup: 'confirmed' } },
    });
    const { data: sent } = await rt.db.collection('dev_openapi_calls').where({ api: 'subscribeMessage.send' }).get();
    expect(sent.map((s: { input: { touser: string } }) => s.input.touser)).toEqual(['demo-member-03']);
    // The one who cancelled may come back, at the end of the queue.
    expect(await rt.invoke('signup', { action: 'join', data: { activityId: id } }, { openid: 'demo-member-01' })).toMatchObject({
      data: { status: 'waitlisted' },
    });
  });

  it('follows the cancellation rule, the deadline, and approval', async () => {
    const c = clock();
    const rt = await demoRuntime(c.now);
    const id = await createActivity(rt, { cancelRule: { kind: 'hoursBefore', hours: 24 } });
    await ok(rt, 'signup', 'join', { activityId: id }, MEMBER);
    c.set('2026-12-09T07:00:00Z');
    expect(await rt.invoke('signup', { action: 'cancel', data: { activityId: id } }, MEMBER)).toMatchObject({ ok: false, code: 'CLOSED' });
    c.set('2026-12-09T10:00:00Z');
    expect(await rt.invoke('signup', { action: 'join', data: { activityId: id } }, { openid: 'demo-member-02' })).toMatchObject({
      code: 'CLOSED',
    });

    c.set('2026-12-01T01:00:00Z');
    const gated = await createActivity(rt, { approvalRequired: true, capacity: 1 });
    expect(await rt.invoke('signup', { action: 'join', data: { activityId: gated } }, MEMBER)).toMatchObject({
      data: { status: 'pending' },
    });
    expect(await rt.invoke('signup', { action: 'join', data: { activityId: gated } }, { openid: 'demo-member-02' })).toMatchObject({
      data: { status: 'pending' },
    });
    const approve = (memberId: string) =>
      rt.invoke('signup', { action: 'review', data: { activityId: gated, memberId, kind: 'signup', approve: true } }, SECRETARY);
    expect(await approve('m-demo-005')).toMatchObject({ ok: true, data: { pending: [{ memberId: 'm-demo-006', kind: 'signup' }] } });
    await approve('m-demo-006');
    const statuses = (await rt.db.collection('signups').where({ activityId: gated }).get()).data
      .map((s: { status: string }) => s.status)
      .sort();
    expect(statuses).toEqual(['confirmed', 'waitlisted']);
    expect(await approve('m-demo-006')).toMatchObject({ ok: false, code: 'CONFLICT' });
  });

  it('200 members signing up at once for 50 seats: exactly 50 confirmed, 150 waitlisted, no errors, no duplicates', async () => {
    const rt = await demoRuntime(clock().now);
    const openids = await addMembers(rt, RD, 200);
    const id = await createActivity(rt, { capacity: 50 });
    const results = await Promise.all(
      openids.map((openid) => rt.invoke('signup', { action: 'join', data: { activityId: id } }, { openid })),
    );
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const count = (status: string) => results.filter((r) => (r as Ok<{ status: string }>).data.status === status).length;
    expect([count('confirmed'), count('waitlisted')]).toEqual([50, 150]);
    const { data } = await rt.db.collection('signups').where({ activityId: id }).limit(1000).get();
    expect(data).toHaveLength(200);
    expect(new Set(data.map((s: { memberId: string }) => s.memberId)).size).toBe(200);
    expect((await rt.db.collection('activities').doc(id).get()).data[0].confirmedCount).toBe(50);

    // 30 confirmed members cancel at once (and 10 sign up again at the same time): each cancellation promotes exactly one.
    const confirmed = openids.filter((_, i) => (results[i] as Ok<{ status: string }>).data.status === 'confirmed');
    const again = openids.filter((_, i) => (results[i] as Ok<{ status: string }>).data.status === 'confirmed').slice(30, 40);
    const more = await Promise.all([
      ...confirmed.slice(0, 30).map((openid) => rt.invoke('signup', { action: 'cancel', data: { activityId: id } }, { openid })),
      ...again.map((openid) => rt.invoke('signup', { action: 'join', data: { activityId: id } }, { openid })),
    ]);
    expect(more.filter((r) => !r.ok)).toEqual([]);
    const after = (await rt.db.collection('signups').where({ activityId: id }).limit(1000).get()).data as { status: string }[];
    const by = (s: string) => after.filter((x) => x.status === s).length;
    expect([by('confirmed'), by('waitlisted'), by('cancelled')]).toEqual([50, 120, 30]);
    expect((await rt.db.collection('activities').doc(id).get()).data[0].confirmedCount).toBe(50);
  });
});

describe('images of an activity', () => {
  it('are checked, stored under random names in the order given, shown by URL; edits keep, reorder and remove them', async () => {
    const c = clock();
    const rt = await demoRuntime(c.now);
    const first = await uploaded(rt, 'img-00000001.png', PNG);
    const second = await uploaded(rt, 'img-00000002.jpg', JPEG);
    const id = await createActivity(rt, { images: [first, second] });
    const detail = (await rt.invoke('activity', { action: 'detail', data: { activityId: id } }, MEMBER)) as Ok<{
      images: { fileID: string; url: string }[];
    }>;
    const images = detail.data.images;
    expect(images.map((i) => i.fileID)).toEqual([
      expect.stringMatching(/^cloud:\/\/local\.zhibu\/activities\/[0-9a-f]{32}\.png$/),
      expect.stringMatching(/^cloud:\/\/local\.zhibu\/activities\/[0-9a-f]{32}\.jpg$/),
    ]);
    expect(images[0]!.url).toMatch(/\/storage\/activities\/[0-9a-f]{32}\.png\?e=\d+&s=/);
    // The uploads were the client's scratch space: read once, then gone.
    expect(await inStorage(rt, first)).toBe(false);
    expect(await inStorage(rt, second)).toBe(false);

    // Keep the second, drop the first, add a third in front.
    const third = await uploaded(rt, 'img-00000003.png', PNG);
    const updated = (await rt.invoke(
      'activity',
      { action: 'update', data: updateInput(id, { images: [third, images[1]!.fileID] }) },
      SECRETARY,
    )) as Ok<{ images: { fileID: string }[] }>;
    expect(updated.ok).toBe(true);
    expect(updated.data.images).toHaveLength(2);
    expect(updated.data.images[1]!.fileID).toBe(images[1]!.fileID);
    expect(await inStorage(rt, images[0]!.fileID)).toBe(false);
    expect(await inStorage(rt, images[1]!.fileID)).toBe(true);

    // An edit that says nothing about images leaves them alone.
    await ok(rt, 'activity', 'update', updateInput(id, { title: '改个标题' }), SECRETARY);
    expect(await rt.invoke('activity', { action: 'detail', data: { activityId: id } }, MEMBER)).toMatchObject({
      data: { title: '改个标题', images: updated.data.images },
    });
  });

  it('refuses a file that is not a JPEG or PNG, another activity’s image or someone’s photo, and writes nothing', async () => {
    const c = clock();
    const rt = await demoRuntime(c.now);
    const other = await createActivity(rt, { images: [await uploaded(rt, 'img-00000004.png', PNG)] });
    const otherImage = (
      (await rt.invoke('activity', { action: 'detail', data: { activityId: other } }, SECRETARY)) as Ok<{ images: { fileID: string }[] }>
    ).data.images[0]!.fileID;
    const before = await snapshot(rt);
    const cases = [
      [await uploaded(rt, 'img-fake0001.png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))],
      [
        await uploaded(rt, 'img-good0001.png', PNG),
        await uploaded(rt, 'img-huge0001.jpg', Buffer.concat([JPEG, Buffer.alloc(2 * 1024 * 1024)])),
      ],
      [otherImage],
      ['cloud://local.zhibu/photos/0123456789abcdef0123456789abcdef.png'],
    ];
    for (const images of cases) {
      expect(await rt.invoke('activity', { action: 'create', data: activityInput({ images }) }, SECRETARY)).toMatchObject({
        ok: false,
        code: 'INVALID_INPUT',
      });
    }
    expect(await snapshot(rt)).toEqual(before);
    expect(await inStorage(rt, otherImage)).toBe(true);
    expect(
      await rt.invoke('activity', { action: 'create', data: activityInput({ images: Array(10).fill(otherImage) }) }, SECRETARY),
    ).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: expect.stringContaining('最多 9 张') });
  });
});

describe('whom an activity can be for', () => {
  it('the organiser sees their unit and the units below with member counts, and the members by name to invite', async () => {
    const rt = await demoRuntime(clock().now);
    const res = (await rt.invoke(
      'activity',
      { action: 'audienceOptions', data: { orgId: 'org-xh-committee' } },
      { openid: 'demo-admin' },
    )) as Ok<{
      units: { id: string; memberCount: number }[];
      members: { memberId: string; name: string; orgName: string }[];
      truncated: boolean;
    }>;
    expect(res.data.units[0]).toMatchObject({ id: 'org-xh-committee' });
    expect(res.data.units.map((u) => u.id)).toEqual(expect.arrayContaining([RD, MK]));
    const total = res.data.units.reduce((n, u) => n + u.memberCount, 0);
    expect(res.data.members).toHaveLength(total);
    expect(res.data.truncated).toBe(false);
    expect(res.data.members.map((m) => m.orgName)).toContain('第二党支部（市场服务部）');
    const keys = res.data.members.map((m) => nameKey(m.name));
    expect(keys).toEqual([...keys].sort());

    // A branch secretary's options stop at their branch.
    const branch = (await rt.invoke('activity', { action: 'audienceOptions', data: { orgId: RD } }, SECRETARY)) as Ok<{
      units: { id: string }[];
      members: { orgName: string }[];
    }>;
    expect(branch.data.units.map((u) => u.id)).toEqual([RD]);
    expect(new Set(branch.data.members.map((m) => m.orgName))).toEqual(new Set(['第一党支部（研发中心）']));

    // Inviting two of them: only they see it.
    const [a, b] = branch.data.members as unknown as { memberId: string }[];
    const id = await createActivity(rt, {
      type: 'committee_meeting',
      audience: { kind: 'members', memberIds: [a!.memberId, b!.memberId] },
    });
    const detail = (await rt.invoke('activity', { action: 'detail', data: { activityId: id } }, SECRETARY)) as Ok<{ audience: unknown }>;
    expect(detail.data.audience).toEqual({ kind: 'members', memberIds: [a!.memberId, b!.memberId] });
  });
});

describe('接龙: who has signed up', () => {
  it('when the organiser shows the names, everyone the activity is for sees who has a seat, in sign-up order; the waitlisted are not on it', async () => {
    const rt = await demoRuntime(clock('2026-12-01T01:00:00Z').now);
    const id = await createActivity(rt, { capacity: 2, showSignupNames: true });
    for (const openid of ['demo-member-03', 'demo-member-01', 'demo-member-02'])
      await ok(rt, 'signup', 'join', { activityId: id }, { openid });
    const seen = await rt.invoke('activity', { action: 'detail', data: { activityId: id } }, { openid: 'demo-member-04' });
    expect(seen).toMatchObject({ ok: true, data: { showSignupNames: true, signupNames: ['周晓明', '陈国栋'], confirmedCount: 2 } });
    // Names only: no openid or membership id travels with them.
    expect(JSON.stringify(seen)).not.toMatch(/demo-member|m-demo/);
  });

  it('when the organiser does not show them, members of the audience get no names', async () => {
    const rt = await demoRuntime(clock('2026-12-01T01:00:00Z').now);
    const id = await createActivity(rt, { capacity: 10 });
    await ok(rt, 'signup', 'join', { activityId: id }, { openid: 'demo-member-03' });
    expect(await rt.invoke('activity', { action: 'detail', data: { activityId: id } }, { openid: 'demo-member-04' })).toMatchObject({
      ok: true,
      data: { showSignupNames: false, signupNames: null },
    });
  });

  it('an activity without sign-up never shows names, whatever was asked', async () => {
    const rt = await demoRuntime(clock('2026-12-01T01:00:00Z').now);
    const id = await createActivity(rt, { signupRequired: false, capacity: null, showSignupNames: true });
    expect(await rt.invoke('activity', { action: 'detail', data: { activityId: id } }, { openid: 'demo-member-04' })).toMatchObject({
      ok: true,
      data: { showSignupNames: false, signupNames: null },
    });
  });
});
