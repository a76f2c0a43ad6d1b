import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime, quietLogger } from '../../local/runtime';
import { seedDemo } from '../../local/seed';
import { consented, demoRuntime, ok, PNG, snapshot, storedFileOf, uploaded } from '../helpers/runtime';

const MEMBER = { openid: 'demo-member-03' };
const SECRETARY = { openid: 'demo-secretary' };
const OWN = 'org-xh-branch-rd';
const MEMBER_ID = 'm-demo-007';
// Synthetic: region 999999 does not exist; the check character is computed.
const ID_CARD = '999999199003070012';
const PHONE = '13800001234';

type Ok<T> = { ok: true; data: T };

describe('the member edits their archive', () => {
  it('stores phone and ID number masked for display, full only on request', async () => {
    const rt = await demoRuntime();
    await consented(rt, MEMBER.openid);
    const res = await rt.invoke(
      'archive',
      { action: 'updateMine', data: { name: '周晓明', phone: '138 0000 1234', idCard: ID_CARD, education: '本科' } },
      MEMBER,
    );
    expect(res).toMatchObject({
      ok: true,
      data: { name: '周晓明', phoneMasked: '138****1234', idCardMasked: '999***********0012', education: '本科' },
    });
    expect(JSON.stringify(res)).not.toContain(PHONE);
    expect(await rt.invoke('archive', { action: 'reveal', data: { field: 'phone' } }, MEMBER)).toEqual({
      ok: true,
      data: { value: PHONE },
    });
  });

  it('refuses an invalid ID number or phone and writes nothing', async () => {
    const rt = await demoRuntime();
    await consented(rt, MEMBER.openid);
    const before = await snapshot(rt);
    expect(await rt.invoke('archive', { action: 'updateMine', data: { idCard: '999999199003070011' } }, MEMBER)).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    });
    expect(await rt.invoke('archive', { action: 'updateMine', data: { name: '周晓明', phone: '12345' } }, MEMBER)).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    });
    expect(await rt.invoke('archive', { action: 'updateMine', data: { birthDate: '1990-02-30x' } }, MEMBER)).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    });
    expect(await snapshot(rt)).toEqual(before);
  });

  it('logs which fields changed in the branch audit log, never their values', async () => {
    const rt = await demoRuntime();
    await consented(rt, MEMBER.openid);
    await ok(rt, 'archive', 'updateMine', { phone: PHONE, job: '工程师' }, MEMBER);
    const log = (await rt.invoke('audit', { action: 'list', data: { orgId: OWN } }, SECRETARY)) as Ok<{ entries: { summary: string }[] }>;
    expect(log.data.entries[0]!.summary).toBe('更新了电子档案：工作岗位、手机号');
    expect(JSON.stringify(log)).not.toContain(PHONE);
  });
});

describe("the secretary and a member's archive", () => {
  it('sees it masked, reveals a field on request, and the reveal is audited', async () => {
    const rt = await demoRuntime();
    await consented(rt, MEMBER.openid);
    await ok(rt, 'archive', 'updateMine', { idCard: ID_CARD }, MEMBER);
    const seen = await rt.invoke('archive', { action: 'get', data: { orgId: OWN, memberId: MEMBER_ID } }, SECRETARY);
    expect(seen).toMatchObject({ ok: true, data: { idCardMasked: '999***********0012' } });
    const full = await rt.invoke('archive', { action: 'reveal', data: { field: 'idCard', orgId: OWN, memberId: MEMBER_ID } }, SECRETARY);
    expect(full).toEqual({ ok: true, data: { value: ID_CARD } });
    const log = (await rt.invoke('audit', { action: 'list', data: { orgId: OWN } }, SECRETARY)) as Ok<{
      entries: { action: string; summary: string; actorName: string }[];
    }>;
    expect(log.data.entries[0]).toMatchObject({ action: 'archive.reveal', actorName: '林建华' });
    expect(log.data.entries[0]!.summary).toMatch(/^查看了.+的完整身份证号$/);
  });

  it("a secretary cannot read another branch's member by passing their own unit", async () => {
    const rt = await demoRuntime();
    await consented(rt, MEMBER.openid);
    const res = await rt.invoke('archive', { action: 'get', data: { orgId: OWN, memberId: 'm-demo-016' } }, SECRETARY);
    const missing = await rt.invoke('archive', { action: 'get', data: { orgId: OWN, memberId: 'm-nobody' } }, SECRETARY);
    expect(res).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(missing).toEqual(res);
  });
});

it('list responses carry no openid', async () => {
  const rt = await demoRuntime();
  await ok(rt, 'org', 'create', { parentId: OWN, name: '第一党小组', type: 'group' }, { openid: 'demo-admin' });
  const responses = [
    await rt.invoke('org', { action: 'tree' }, { openid: 'demo-admin' }),
    await rt.invoke('audit', { action: 'list', data: { orgId: OWN } }, SECRETARY),
    await rt.invoke('user', { action: 'signIn' }, SECRETARY),
    await rt.invoke('branch', { action: 'home' }, SECRETARY),
  ];
  for (const r of responses) {
    expect(r.ok).toBe(true);
    expect(JSON.stringify(r)).not.toMatch(/demo-(admin|secretary|member|committee)/);
  }
});

it('the database files never hold an ID number or phone in plain text', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhibu-pii-'));
  try {
    const rt = createRuntime({ dataDir: dir, log: quietLogger });
    await seedDemo(rt.db, new Date());
    await consented(rt as Awaited<ReturnType<typeof demoRuntime>>, MEMBER.openid);
    await ok(rt, 'archive', 'updateMine', { phone: PHONE, idCard: ID_CARD }, MEMBER);
    await ok(rt, 'archive', 'reveal', { field: 'idCard', orgId: OWN, memberId: MEMBER_ID }, SECRETARY);
    const files = readdirSync(dir).filter((f) => f.startsWith('zhibu.sqlite'));
    expect(files.length).toBeGreaterThan(0);
    const dump = Buffer.concat(files.map((f) => readFileSync(join(dir, f))));
    expect(dump.includes(Buffer.from(ID_CARD))).toBe(false);
    expect(dump.includes(Buffer.from(PHONE))).toBe(false);
    // ...while the archive itself is there (the check would be empty otherwise).
    expect(dump.includes(Buffer.from('phoneEnc'))).toBe(true);
    rt.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('the member’s photo', () => {
  /** A picture the member's own client uploaded. */
  const upload = (rt: Awaited<ReturnType<typeof demoRuntime>>, name: string, content: Buffer) => uploaded(rt, name, content, MEMBER.openid);

  it('is stored under a random name, shown by URL to the member and their secretary; the upload is removed', async () => {
    const rt = await demoRuntime();
    await consented(rt, MEMBER.openid);
    const fileID = await upload(rt, 'photo-0001.png', PNG);
    const res = (await rt.invoke('archive', { action: 'setPhoto', data: { fileID } }, MEMBER)) as Ok<{ photoUrl: string }>;
    expect(res.data.photoUrl).toMatch(/\/storage\/photos\/[0-9a-f]{32}\.png\?e=\d+&s=/);
    await expect(rt.platform.storage().downloadFile({ fileID })).rejects.toThrow();
    const seen = (await rt.invoke('archive', { action: 'get', data: { orgId: OWN, memberId: MEMBER_ID } }, SECRETARY)) as Ok<{
      photoUrl: string;
    }>;
    expect(seen.data.photoUrl).toBe(res.data.photoUrl);

    // A new photo replaces the old file; removing it deletes the file.
    const first = storedFileOf(res.data.photoUrl);
    await ok(rt, 'archive', 'setPhoto', { fileID: await upload(rt, 'photo-0002.png', PNG) }, MEMBER);
    await expect(rt.platform.storage().downloadFile({ fileID: first })).rejects.toThrow();
    expect(await rt.invoke('archive', { action: 'setPhoto', data: { fileID: null } }, MEMBER)).toMatchObject({
      ok: true,
      data: { photoUrl: null },
    });
  });

  it('refuses what is not a JPEG or PNG, or too large, or not an upload, and changes nothing', async () => {
    const rt = await demoRuntime();
    await consented(rt, MEMBER.openid);
    const before = await snapshot(rt);
    const cases = [
      await upload(rt, 'fake-photo.png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')),
      await upload(rt, 'huge-photo.png', Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)])),
      'cloud://local.zhibu/photos/someone-else.png',
      'cloud://local.zhibu/uploads/roster-file.xlsx',
    ];
    for (const fileID of cases) {
      expect(await rt.invoke('archive', { action: 'setPhoto', data: { fileID } }, MEMBER)).toMatchObject({
        ok: false,
        code: 'INVALID_INPUT',
      });
    }
    expect(await snapshot(rt)).toEqual(before);
  });

  it('needs consent, and goes when the member deletes their data', async () => {
    const rt = await demoRuntime();
    expect(
      await rt.invoke('archive', { action: 'setPhoto', data: { fileID: await upload(rt, 'photo-0003.png', PNG) } }, MEMBER),
    ).toMatchObject({ ok: false, code: 'CONSENT_REQUIRED' });
    await consented(rt, MEMBER.openid);
    const res = (await rt.invoke(
      'archive',
      { action: 'setPhoto', data: { fileID: await upload(rt, 'photo-0004.png', PNG) } },
      MEMBER,
    )) as Ok<{
      photoUrl: string;
    }>;
    await ok(rt, 'privacy', 'deleteMine', { confirm: '删除我的个人信息' }, MEMBER);
    const stored = storedFileOf(res.data.photoUrl);
    await expect(rt.platform.storage().downloadFile({ fileID: stored })).rejects.toThrow();
  });
});
