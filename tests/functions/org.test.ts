import { demoRuntime, ok, snapshot } from '../helpers/runtime';

const ADMIN = { openid: 'demo-admin' };
const SECRETARY = { openid: 'demo-secretary' };

describe('org.tree', () => {
  it('a member sees their branch and the units above it, not the sibling branch', async () => {
    const rt = await demoRuntime();
    const res = await rt.invoke('org', { action: 'tree' }, { openid: 'demo-member-03' });
    expect(res).toMatchObject({ ok: true });
    const units = (res as { data: { units: { id: string; memberCount: number; canAdminister: boolean }[] } }).data.units;
    expect(units.map((u) => u.id)).toEqual(['org-xh-committee', 'org-xh-branch-rd']);
    expect(units.every((u) => !u.canAdminister)).toBe(true);
    expect(units.find((u) => u.id === 'org-xh-branch-rd')!.memberCount).toBe(13);
  });

  it('an admin sees everything below the unit they administer, and may administer it', async () => {
    const rt = await demoRuntime();
    const res = await rt.invoke('org', { action: 'tree' }, ADMIN);
    const units = (res as { data: { units: { id: string; canAdminister: boolean }[] } }).data.units;
    expect(units.map((u) => u.id)).toEqual(['org-xh-committee', 'org-xh-branch-rd', 'org-xh-branch-mk']);
    expect(units.every((u) => u.canAdminister)).toBe(true);
  });
});

describe('org.create / rename / remove', () => {
  it('creates a 党小组 under a branch, renames and removes it, each step audited in the branch log', async () => {
    const rt = await demoRuntime();
    const created = await rt.invoke(
      'org',
      { action: 'create', data: { parentId: 'org-xh-branch-rd', name: '  第一党小组 ', type: 'group' } },
      ADMIN,
    );
    expect(created).toMatchObject({ ok: true, data: { unit: { name: '第一党小组', type: 'group', parentId: 'org-xh-branch-rd' } } });
    const id = (created as { data: { unit: { id: string } } }).data.unit.id;
    expect((await rt.db.collection('orgs').doc(id).get()).data[0]).toMatchObject({ path: ['org-xh-committee', 'org-xh-branch-rd'] });

    expect(await rt.invoke('org', { action: 'rename', data: { orgId: id, name: '研发一组' } }, ADMIN)).toMatchObject({
      ok: true,
      data: { unit: { name: '研发一组' } },
    });
    expect(await rt.invoke('org', { action: 'remove', data: { orgId: id } }, ADMIN)).toEqual({ ok: true, data: { removed: true } });
    expect((await rt.db.collection('orgs').doc(id).get()).data).toEqual([]);

    const log = await rt.invoke('audit', { action: 'list', data: { orgId: 'org-xh-branch-rd' } }, SECRETARY);
    const entries = (log as { data: { entries: { action: string; summary: string; actorName: string }[] } }).data.entries;
    expect(entries.map((e) => e.action)).toEqual(['org.remove', 'org.rename', 'org.create']);
    expect(entries[0]).toMatchObject({ summary: '删除党小组「研发一组」', actorName: '郑德胜' });
    expect(JSON.stringify(log)).not.toContain('demo-admin');
  });

  it('only types that may sit under the parent: no 党支部 under a 党支部', async () => {
    const rt = await demoRuntime();
    const res = await rt.invoke('org', { action: 'create', data: { parentId: 'org-xh-branch-rd', name: '子支部', type: 'branch' } }, ADMIN);
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '党支部下只能设立党小组' });
  });

  it('two units under one parent cannot share a name, even when created at once', async () => {
    const rt = await demoRuntime();
    const make = () =>
      rt.invoke('org', { action: 'create', data: { parentId: 'org-xh-committee', name: '第三党支部', type: 'branch' } }, ADMIN);
    const results = await Promise.all([make(), make(), make()]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => (r as { code: string }).code)).toEqual(['CONFLICT', 'CONFLICT']);
    expect((await rt.db.collection('orgs').where({ name: '第三党支部' }).count()).total).toBe(1);
    const rename = await rt.invoke('org', { action: 'rename', data: { orgId: 'org-xh-branch-mk', name: '第三党支部' } }, ADMIN);
    expect(rename).toMatchObject({ ok: false, code: 'CONFLICT' });
  });

  it('a unit with members is not removed, says why, and nothing is written', async () => {
    const rt = await demoRuntime();
    const before = await snapshot(rt);
    const res = await rt.invoke('org', { action: 'remove', data: { orgId: 'org-xh-branch-mk' } }, ADMIN);
    expect(res).toEqual({ ok: false, code: 'CONFLICT', message: '「第二党支部（市场服务部）」还有 10 名党员，请先办理组织关系转出' });
    expect(await snapshot(rt)).toEqual(before);
  });

  it('a unit with units below it is not removed', async () => {
    const rt = await demoRuntime();
    await ok(rt, 'org', 'create', { parentId: 'org-xh-committee', name: '第三党支部', type: 'branch' }, ADMIN);
    const parent = (await rt.db.collection('orgs').where({ name: '第三党支部' }).get()).data[0] as { _id: string };
    await ok(rt, 'org', 'create', { parentId: parent._id, name: '第一党小组', type: 'group' }, ADMIN);
    const res = await rt.invoke('org', { action: 'remove', data: { orgId: parent._id } }, ADMIN);
    expect(res).toMatchObject({ ok: false, code: 'CONFLICT', message: expect.stringContaining('下级组织') });
  });

  it('names are checked: too short, too long, control characters', async () => {
    const rt = await demoRuntime();
    for (const name of ['一', '长'.repeat(41), '坏\u0000名字', '<script>']) {
      const res = await rt.invoke('org', { action: 'create', data: { parentId: 'org-xh-committee', name, type: 'branch' } }, ADMIN);
      expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    }
  });
});

describe('audit.list', () => {
  it('pages newest first with a cursor, without repeating or skipping entries', async () => {
    let t = Date.parse('2026-11-28T10:00:00Z');
    const rt = await demoRuntime(() => new Date(t));
    const created = await rt.invoke(
      'org',
      { action: 'create', data: { parentId: 'org-xh-branch-rd', name: '第一党小组', type: 'group' } },
      ADMIN,
    );
    const groupId = (created as { data: { unit: { id: string } } }).data.unit.id;
    for (let i = 1; i <= 7; i += 1) {
      t += i % 3 === 0 ? 0 : 1000; // some entries share a timestamp
      await ok(rt, 'org', 'rename', { orgId: groupId, name: `第${i}党小组` }, ADMIN);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 5; page += 1) {
      const res = await rt.invoke(
        'audit',
        { action: 'list', data: { orgId: 'org-xh-branch-rd', limit: 3, ...(cursor ? { cursor } : {}) } },
        SECRETARY,
      );
      const data = (res as { data: { entries: { summary: string }[]; nextCursor: string | null } }).data;
      seen.push(...data.entries.map((e) => e.summary));
      if (!data.nextCursor) break;
      cursor = data.nextCursor;
    }
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
    expect(seen[0]).toBe('「第6党小组」更名为「第7党小组」');
    expect(seen[7]).toBe('新建党小组「第一党小组」');
  });

  it('a forged cursor is a clear error', async () => {
    const rt = await demoRuntime();
    const res = await rt.invoke('audit', { action: 'list', data: { orgId: 'org-xh-branch-rd', cursor: 'not-a-cursor' } }, SECRETARY);
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('has no action that edits or deletes an entry', async () => {
    const rt = await demoRuntime();
    for (const action of ['update', 'remove', 'delete', 'clear']) {
      expect(await rt.invoke('audit', { action, data: {} }, { openid: 'demo-admin' })).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' });
    }
  });
});

describe('what is typed into a search box', () => {
  it('a NUL or another control character is a clear INVALID_INPUT in every search, never INTERNAL', async () => {
    const rt = await demoRuntime();
    const calls: [string, string, object, { openid: string }][] = [
      ['org', 'search', { q: '研发\u0000' }, { openid: 'demo-member-01' }],
      ['member', 'list', { orgId: 'org-xh-branch-rd', q: '林\u0000' }, { openid: 'demo-secretary' }],
      ['post', 'list', { q: '通知\u0007' }, { openid: 'demo-member-01' }],
    ];
    for (const [fn, action, data, who] of calls) {
      expect([fn, action, await rt.invoke(fn, { action, data }, who)]).toMatchObject([
        fn,
        action,
        { ok: false, code: 'INVALID_INPUT', message: expect.stringContaining('控制字符') },
      ]);
    }
  });

  it('is matched literally: regex characters find nothing unless a name has them, and over 20 characters is refused', async () => {
    const rt = await demoRuntime();
    const search = (q: string) => rt.invoke('org', { action: 'search', data: { q } }, { openid: 'demo-member-01' });
    expect(await search('.*')).toEqual({ ok: true, data: { units: [] } });
    expect(await search('研发')).toMatchObject({ ok: true, data: { units: [{ name: '第一党支部（研发中心）' }] } });
    expect(await search('研'.repeat(21))).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });
});
