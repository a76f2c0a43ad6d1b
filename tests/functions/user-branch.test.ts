import { demoRuntime, fired, ok, snapshot } from '../helpers/runtime';

describe('user.signIn', () => {
  it('creates a user record for a new WeChat identity, then loads it', async () => {
    const rt = await demoRuntime();
    const first = await rt.invoke('user', { action: 'signIn', data: {} }, { openid: 'o-fresh-1' });
    expect(first).toMatchObject({
      ok: true,
      data: {
        returning: false,
        memberships: [],
        subscribeTemplates: {
          joinResult: 'local-join-result',
          activityNotice: 'local-activity-notice',
          activityReminder: 'local-activity-reminder',
        },
      },
    });
    const second = await rt.invoke('user', { action: 'signIn', data: {} }, { openid: 'o-fresh-1' });
    expect(second).toMatchObject({ ok: true, data: { returning: true } });
    expect((await rt.db.collection('users').where({ openid: 'o-fresh-1' }).count()).total).toBe(1);
  });

  it('concurrent first sign-ins of one person create one record', async () => {
    const rt = await demoRuntime();
    const results = await Promise.all(Array.from({ length: 8 }, () => rt.invoke('user', { action: 'signIn' }, { openid: 'o-race' })));
    expect(results.every((r) => r.ok)).toBe(true);
    expect((await rt.db.collection('users').where({ openid: 'o-race' }).count()).total).toBe(1);
  });

  it('lists the memberships of a seeded secretary', async () => {
    const rt = await demoRuntime();
    const res = await rt.invoke('user', { action: 'signIn' }, { openid: 'demo-secretary' });
    expect(res).toMatchObject({
      ok: true,
      data: { returning: true, memberships: [{ orgId: 'org-xh-branch-rd', orgName: '第一党支部（研发中心）', role: 'secretary' }] },
    });
  });

  it('is refused without a platform identity', async () => {
    const rt = await demoRuntime();
    expect(await rt.invoke('user', { action: 'signIn' }, null)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });
});

describe('branch.home', () => {
  it("shows the caller's branch, its parent and its active member count from the database", async () => {
    const rt = await demoRuntime();
    const res = await rt.invoke('branch', { action: 'home', data: {} }, { openid: 'demo-member-03' });
    expect(res).toEqual({
      ok: true,
      data: {
        branch: {
          id: 'org-xh-branch-rd',
          name: '第一党支部（研发中心）',
          type: 'branch',
          parentName: '星河科技有限公司党委',
          community: false,
        },
        memberCount: 13,
        role: 'member',
        pendingJoinRequests: null,
        leaders: [
          { name: '林建华', title: '书记' },
          { name: '陈海燕', title: '组织委员' },
        ],
        groupCount: 1,
        contact: null,
        recordsToClose: null,
        units: null,
        keepsDues: false,
        today: '2026-11-28',
      },
    });
  });

  it("a 党委 admin's home is the 党委's: its branches with their members and what waits in each, and the whole 党委's member count", async () => {
    const rt = await demoRuntime();
    const applied = await rt.invoke(
      'join',
      { action: 'apply', data: { orgId: 'org-xh-branch-mk', name: '吴思远', note: '', via: 'search' } },
      { openid: 'o-applicant' },
    );
    expect(applied).toMatchObject({ ok: true });
    const res = await rt.invoke('branch', { action: 'home', data: {} }, { openid: 'demo-admin' });
    expect(res).toMatchObject({
      ok: true,
      data: {
        branch: { id: 'org-xh-committee', type: 'committee' },
        role: 'admin',
        memberCount: 24,
        units: [
          {
            id: 'org-xh-branch-rd',
            name: '第一党支部（研发中心）',
            type: 'branch',
            memberCount: 13,
            pendingJoinRequests: 0,
            recordsToClose: 0,
          },
          {
            id: 'org-xh-branch-mk',
            name: '第二党支部（市场服务部）',
            type: 'branch',
            memberCount: 10,
            pendingJoinRequests: 1,
            recordsToClose: 0,
          },
        ],
      },
    });
  });

  it("a branch secretary's home lists no units below, and a member's neither", async () => {
    const rt = await demoRuntime();
    expect(await rt.invoke('branch', { action: 'home', data: {} }, { openid: 'demo-secretary' })).toMatchObject({
      ok: true,
      data: { units: null },
    });
    expect(await rt.invoke('branch', { action: 'home', data: {} }, { openid: 'demo-member-12' })).toMatchObject({
      ok: true,
      data: { units: null },
    });
  });

  it('members see the number their leaders published, with the secretary’s name; clearing it takes it off every home', async () => {
    const rt = await demoRuntime();
    expect(
      await rt.invoke(
        'org',
        { action: 'setContact', data: { orgId: 'org-xh-branch-rd', phone: '13800002222' } },
        { openid: 'demo-secretary' },
      ),
    ).toEqual({
      ok: true,
      data: { contactPhone: '13800002222' },
    });
    expect(await rt.invoke('branch', { action: 'home', data: {} }, { openid: 'demo-member-03' })).toMatchObject({
      ok: true,
      data: { contact: { name: '林建华', title: '书记', phone: '13800002222' } },
    });
    // The other branch's members do not get it.
    expect(await rt.invoke('branch', { action: 'home', data: {} }, { openid: 'demo-member-12' })).toMatchObject({
      ok: true,
      data: { contact: null },
    });
    const { data: log } = await rt.db.collection('audit_logs').where({ action: 'org.contact' }).get();
    expect(log.map((e: { summary: string; actorName: string }) => [e.actorName, e.summary])).toEqual([
      ['林建华', '支部联系电话设为 13800002222'],
    ]);
    expect(
      await rt.invoke('org', { action: 'setContact', data: { orgId: 'org-xh-branch-rd', phone: null } }, { openid: 'demo-secretary' }),
    ).toMatchObject({ ok: true });
    expect(await rt.invoke('branch', { action: 'home', data: {} }, { openid: 'demo-member-03' })).toMatchObject({
      ok: true,
      data: { contact: null },
    });
  });

  it('refuses a contact number that is not a phone number, and writes nothing', async () => {
    const rt = await demoRuntime();
    const before = await snapshot(rt);
    expect(
      await rt.invoke(
        'org',
        { action: 'setContact', data: { orgId: 'org-xh-branch-rd', phone: '请打我电话' } },
        { openid: 'demo-secretary' },
      ),
    ).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: expect.stringContaining('请填写手机号'),
    });
    expect(await snapshot(rt)).toEqual(before);
  });

  it('counts only active members', async () => {
    const rt = await demoRuntime();
    await rt.db.collection('memberships').where({ openid: 'demo-member-02' }).update({ status: 'left' });
    const res = await rt.invoke('branch', { action: 'home' }, { openid: 'demo-secretary' });
    expect(res).toMatchObject({ ok: true, data: { memberCount: 12 } });
  });

  it('a newcomer has no branch', async () => {
    const rt = await demoRuntime();
    expect(await rt.invoke('branch', { action: 'home' }, { openid: 'nobody-here' })).toMatchObject({
      ok: true,
      data: { branch: null, memberCount: 0, role: null, pendingJoinRequests: null, leaders: [], groupCount: 0 },
    });
  });

  it('cannot look into another branch by passing its id', async () => {
    const rt = await demoRuntime();
    const res = await rt.invoke('branch', { action: 'home', data: { orgId: 'org-xh-branch-mk' } }, { openid: 'demo-secretary' });
    expect(res).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it("reports 'today' in Asia/Shanghai: 23:30 UTC is already the next day there", async () => {
    const rt = await demoRuntime(() => new Date('2026-11-28T23:30:00Z'));
    expect(await rt.invoke('branch', { action: 'home' }, { openid: 'demo-secretary' })).toMatchObject({ data: { today: '2026-11-29' } });
  });

  it('ignores identity sent in the event: the caller is who the platform says', async () => {
    const rt = await demoRuntime();
    const res = await rt.invoke(
      'branch',
      { action: 'home', data: {}, userInfo: { openId: 'demo-secretary-2' } },
      { openid: 'demo-secretary' },
    );
    expect(res).toMatchObject({ ok: true, data: { branch: { id: 'org-xh-branch-rd' } } });
    const before = await snapshot(rt);
    const spoof = await rt.invoke('branch', { action: 'home', data: { openid: 'demo-secretary-2' } }, { openid: 'demo-secretary' });
    expect(spoof).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await snapshot(rt)).toEqual(before);
  });
});

describe('system', () => {
  it('ping needs no identity', async () => {
    const rt = await demoRuntime();
    expect(await rt.invoke('system', { action: 'ping' }, null)).toMatchObject({ ok: true, data: { pong: true } });
  });

  it('the dailyStats timer snapshots member counts per organisation for the Shanghai day', async () => {
    const rt = await demoRuntime(() => new Date('2026-11-28T16:05:00Z'));
    expect(await rt.fireTimer('system', 'dailyStats')).toEqual({ ok: true, data: null });
    const { data } = await rt.db.collection('stats_daily').where({ day: '2026-11-29' }).orderBy('orgId', 'asc').get();
    expect(data.map((d: { orgId: string; memberCount: number }) => [d.orgId, d.memberCount])).toEqual([
      ['org-xh-branch-mk', 10],
      ['org-xh-branch-rd', 13],
      ['org-xh-committee', 1],
    ]);
    await fired(rt, 'system', 'dailyStats');
    expect((await rt.db.collection('stats_daily').count()).total).toBe(3);
  });

  it('a client cannot fire a timer: a Timer event with a caller is refused and writes nothing', async () => {
    const rt = await demoRuntime();
    const res = await rt.invoke('system', { Type: 'Timer', TriggerName: 'dailyStats' }, { openid: 'demo-member-01' });
    expect(res).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect((await rt.db.collection('stats_daily').count()).total).toBe(0);
  });
});

describe('demo seed', () => {
  it('is idempotent and leaves changed documents alone', async () => {
    const rt = await demoRuntime();
    const { seedDemo } = await import('../../local/seed');
    await rt.db.collection('orgs').doc('org-xh-branch-rd').update({ name: '改过的名字' });
    const counts = async () => Promise.all(['orgs', 'users', 'memberships'].map(async (c) => (await rt.db.collection(c).count()).total));
    const before = await counts();
    expect(before).toEqual([3, 24, 24]);
    expect(await seedDemo(rt.db, new Date())).toEqual({ added: 0 });
    expect(await counts()).toEqual(before);
    expect((await rt.db.collection('orgs').doc('org-xh-branch-rd').get()).data[0].name).toBe('改过的名字');
  });

  it('gives memberships from an older data dir their pinyin sort key', async () => {
    const rt = await demoRuntime();
    const { seedDemo } = await import('../../local/seed');
    await rt.db.collection('memberships').doc('m-demo-005').update({ nameKey: rt.db.command.remove() });
    await seedDemo(rt.db, new Date());
    expect((await rt.db.collection('memberships').doc('m-demo-005').get()).data[0].nameKey).toBe('chen2 guo2 dong4');
  });
});

it('keeps the unionid the platform gives, when there is one', async () => {
  const rt = await demoRuntime();
  await ok(rt, 'user', 'signIn', {}, { openid: 'o-with-union', unionid: 'u-123' });
  await ok(rt, 'user', 'signIn', {}, { openid: 'o-without-union' });
  const { data } = await rt.db
    .collection('users')
    .where({ openid: rt.db.command.in(['o-with-union', 'o-without-union']) })
    .orderBy('openid', 'asc')
    .get();
  expect(data.map((u: { unionid?: string }) => u.unionid ?? null)).toEqual(['u-123', null]);
});

it('a failing timer run is reported as INTERNAL, not thrown at the platform', async () => {
  const rt = await demoRuntime();
  rt.engine.db.exec('DROP TABLE "c_stats_daily"');
  expect(await rt.fireTimer('system', 'dailyStats')).toEqual({ ok: false, code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' });
});

describe('the local runtime', () => {
  it('two runtimes in one process each keep their own database: creating the second does not redirect the first', async () => {
    const first = await demoRuntime();
    const second = await demoRuntime();
    const created = await first.invoke(
      'org',
      { action: 'create', data: { parentId: 'org-xh-committee', type: 'branch', name: '第三党支部' } },
      { openid: 'demo-admin' },
    );
    expect(created).toMatchObject({ ok: true });
    const names = async (rt: typeof first) => ((await rt.db.collection('orgs').get()).data as { name: string }[]).map((o) => o.name);
    expect(await names(first)).toContain('第三党支部');
    expect(await names(second)).not.toContain('第三党支部');
    first.close();
    second.close();
  });
});

describe('user.setName', () => {
  it('a new user has no made-up name until they give theirs, and then the app shows it', async () => {
    const rt = await demoRuntime();
    const first = await rt.invoke('user', { action: 'signIn', data: {} }, { openid: 'o-nameless-1' });
    expect(first).toMatchObject({ ok: true, data: { user: { name: null } } });
    expect(await rt.invoke('user', { action: 'setName', data: { name: '  王建国 ' } }, { openid: 'o-nameless-1' })).toMatchObject({
      ok: true,
      data: { name: '王建国' },
    });
    expect(await rt.invoke('user', { action: 'signIn', data: {} }, { openid: 'o-nameless-1' })).toMatchObject({
      ok: true,
      data: { user: { name: '王建国' } },
    });
  });

  it('refuses a one-character name and writes nothing', async () => {
    const rt = await demoRuntime();
    expect(await rt.invoke('user', { action: 'signIn', data: {} }, { openid: 'o-nameless-2' })).toMatchObject({ ok: true });
    const before = await snapshot(rt);
    expect(await rt.invoke('user', { action: 'setName', data: { name: '王' } }, { openid: 'o-nameless-2' })).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    });
    expect(await snapshot(rt)).toEqual(before);
  });

  it('a member is shown by the roster’s name, whatever they typed for themselves', async () => {
    const rt = await demoRuntime();
    expect(await rt.invoke('user', { action: 'setName', data: { name: '小陈' } }, { openid: 'demo-member-01' })).toMatchObject({
      ok: true,
      data: { name: '陈国栋' },
    });
  });

  it('applying to join with a name gives it to someone who had none, and leaves a given name alone', async () => {
    const rt = await demoRuntime();
    const apply = (openid: string) =>
      rt.invoke('join', { action: 'apply', data: { orgId: 'org-xh-branch-rd', name: '吴思远', via: 'search' } }, { openid });
    expect(await rt.invoke('user', { action: 'signIn', data: {} }, { openid: 'o-nameless-3' })).toMatchObject({ ok: true });
    expect(await apply('o-nameless-3')).toMatchObject({ ok: true });
    expect(await rt.invoke('user', { action: 'signIn', data: {} }, { openid: 'o-nameless-3' })).toMatchObject({
      data: { user: { name: '吴思远' } },
    });
    expect(await rt.invoke('user', { action: 'setName', data: { name: '吴老师' } }, { openid: 'o-named-4' })).toMatchObject({
      ok: false,
      code: 'UNAUTHENTICATED',
    });
    expect(await rt.invoke('user', { action: 'signIn', data: {} }, { openid: 'o-named-4' })).toMatchObject({ ok: true });
    expect(await rt.invoke('user', { action: 'setName', data: { name: '吴老师' } }, { openid: 'o-named-4' })).toMatchObject({ ok: true });
    expect(await apply('o-named-4')).toMatchObject({ ok: true });
    expect(await rt.invoke('user', { action: 'signIn', data: {} }, { openid: 'o-named-4' })).toMatchObject({
      data: { user: { name: '吴老师' } },
    });
  });
});
