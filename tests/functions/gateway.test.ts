import { ERROR_CODES } from '../../typings/errors';
import { phoneOf, rosterFile } from '../helpers/excel';
import { startGateway } from '../helpers/gateway';
import { snapshot } from '../helpers/runtime';
import { uploadFolder } from '../../cloudfunctions/common/files';
import { verifyStorageUrl } from '../../local/storage';

let gw: Awaited<ReturnType<typeof startGateway>>;
beforeEach(async () => {
  gw = await startGateway();
});
afterEach(async () => {
  await gw.close();
});

it('serves a signed-in persona their branch over HTTP', async () => {
  const token = await gw.signIn('demo-secretary');
  const res = await gw.call('branch', { action: 'home', data: {} }, token);
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ ok: true, data: { branch: { name: '第一党支部（研发中心）' }, memberCount: 13 } });
});

it('the dev cookie identifies the browser, and a forged token is nobody', async () => {
  const signin = await fetch(`${gw.base}/api/dev/signin`, { method: 'POST', body: JSON.stringify({ openid: 'demo-member-01' }) });
  const cookie = signin.headers.get('set-cookie')!.split(';')[0]!;
  const who = await fetch(`${gw.base}/api/dev/whoami`, { headers: { cookie } });
  expect(await who.json()).toEqual({ ok: true, data: { openid: 'demo-member-01' } });
  const forged = await gw.call('branch', { action: 'home' }, 'demo-secretary.not-a-real-signature');
  expect(forged.body).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
});

it('refuses a malformed openid at dev sign-in', async () => {
  const res = await fetch(`${gw.base}/api/dev/signin`, { method: 'POST', body: JSON.stringify({ openid: 'a b;c' }) });
  expect(res.status).toBe(400);
  expect(await res.json()).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
});

it('concurrent calls as different people never see each other’s identity', async () => {
  const people = ['demo-secretary', 'demo-member-12', 'demo-member-03', 'demo-secretary-2', 'nobody-1'];
  const tokens = await Promise.all(people.map((p) => gw.signIn(p)));
  const expected: Record<string, string | null> = {
    'demo-secretary': 'org-xh-branch-rd',
    'demo-member-12': 'org-xh-branch-mk',
    'demo-member-03': 'org-xh-branch-rd',
    'demo-secretary-2': 'org-xh-branch-mk',
    'nobody-1': null,
  };
  const calls = Array.from({ length: 200 }, (_, i) => i % people.length);
  const results = await Promise.all(calls.map((i) => gw.call('branch', { action: 'home' }, tokens[i])));
  results.forEach((r, k) => {
    const person = people[calls[k]!]!;
    const branch = (r.body as { data: { branch: { id: string } | null } }).data.branch;
    expect(branch?.id ?? null).toBe(expected[person]);
  });
});

describe('bad input gets a structured error and writes nothing', () => {
  const cases: [string, string, string | object, string][] = [
    ['non-JSON body', 'user', '{"action": "signIn",', 'INVALID_INPUT'],
    ['empty body', 'user', '', 'INVALID_INPUT'],
    ['JSON array', 'user', '[1,2]', 'INVALID_INPUT'],
    ['JSON string', 'user', '"signIn"', 'INVALID_INPUT'],
    ['null', 'user', 'null', 'INVALID_INPUT'],
    ['missing action', 'user', { data: {} }, 'UNKNOWN_ACTION'],
    ['unknown action', 'user', { action: 'deleteEverything', data: {} }, 'UNKNOWN_ACTION'],
    ['prototype key as action', 'user', { action: 'constructor' }, 'UNKNOWN_ACTION'],
    ['action of wrong type', 'user', { action: 42 }, 'UNKNOWN_ACTION'],
    ['extra field in data', 'user', { action: 'signIn', data: { admin: true } }, 'INVALID_INPUT'],
    ['data of wrong type', 'user', { action: 'signIn', data: 'x' }, 'INVALID_INPUT'],
    ['extra top-level field', 'user', { action: 'signIn', data: {}, role: 'admin' }, 'INVALID_INPUT'],
    ['wrong-typed field', 'branch', { action: 'home', data: { orgId: 7 } }, 'INVALID_INPUT'],
    ['malformed id', 'branch', { action: 'home', data: { orgId: '../../etc' } }, 'INVALID_INPUT'],
    ['unknown function', 'nope', { action: 'x' }, 'UNKNOWN_FUNCTION'],
    ['prototype key as function', '__proto__', { action: 'x' }, 'UNKNOWN_FUNCTION'],
  ];

  it.each(cases)('%s', async (_label, fn, body, code) => {
    const token = await gw.signIn('demo-newcomer-x');
    const before = await snapshot(gw.runtime);
    const res = await gw.call(fn, body, token);
    expect(res.body).toMatchObject({ ok: false, code });
    expect(typeof res.body['message']).toBe('string');
    expect(Object.keys(ERROR_CODES)).toContain(res.body['code']);
    expect(await snapshot(gw.runtime)).toEqual(before);
  });

  it('survives 500 random malformed requests and still answers', async () => {
    const token = await gw.signIn('demo-member-01');
    const before = await snapshot(gw.runtime);
    let seed = 12345;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const junk = [
      () => '{'.repeat(Math.floor(rand() * 50)),
      () => JSON.stringify({ action: 'home', data: { orgId: 'x'.repeat(Math.floor(rand() * 200)) } }),
      () => JSON.stringify({ action: ['home'], data: null }),
      () => JSON.stringify({ action: 'home', data: { orgId: { $ne: null } } }),
      () => Buffer.from(Array.from({ length: 64 }, () => Math.floor(rand() * 256))).toString('latin1'),
      () => '{"action":"signIn","data":{"__proto__":{"admin":true}}}',
      () => JSON.stringify({ Type: 'Timer', TriggerName: 'dailyStats' }),
    ];
    const fns = ['user', 'branch', 'system', 'x', ''];
    const results = await Promise.all(
      Array.from({ length: 500 }, () => gw.call(fns[Math.floor(rand() * fns.length)]!, junk[Math.floor(rand() * junk.length)]!(), token)),
    );
    for (const r of results) {
      expect(r.body).toMatchObject({ ok: false });
      expect([200, 400, 404]).toContain(r.status);
    }
    const after = await snapshot(gw.runtime);
    expect(after).toEqual(before);
    expect((await gw.call('system', { action: 'ping' })).body).toMatchObject({ ok: true });
  });

  it('refuses a body over 1 MB', async () => {
    const res = await gw.call('user', JSON.stringify({ action: 'signIn', data: { pad: 'x'.repeat(1_100_000) } }));
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('only POST invokes a function', async () => {
    const res = await fetch(`${gw.base}/api/functions/system`);
    expect(res.status).toBe(405);
  });
});

it('a malformed URL is a 400, not a server error', async () => {
  const res = await fetch(`${gw.base}/%E0%A4%A`);
  expect(res.status).toBe(400);
  expect(await res.json()).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
});

describe('uploads (the stand-in for wx.cloud.uploadFile)', () => {
  const upload = (cloudPath: string, body: Buffer, token?: string) =>
    fetch(`${gw.base}/api/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
      method: 'POST',
      headers: token ? { authorization: `Bearer ${token}` } : {},
      body: new Uint8Array(body),
    });
  const folderOf = (openid: string) => uploadFolder(gw.runtime.platform.keys(), openid);

  it('stores a signed-in caller’s file in their own folder and gives back a fileID their import reads', async () => {
    const token = await gw.signIn('demo-secretary');
    const file = await rosterFile([['赵雅静', '女', phoneOf(31), '', '正式党员', '2015-07-01']]);
    const me = (await gw.call('user', { action: 'signIn' }, token)).body as { data: { uploadFolder: string } };
    expect(me.data.uploadFolder).toBe(folderOf('demo-secretary'));
    const path = `${me.data.uploadFolder}/e2e-roster-0000001.xlsx`;
    const res = await upload(path, file, token);
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: { fileID: string } };
    expect(data.fileID).toBe(`cloud://local.zhibu/${path}`);
    const imported = await gw.call('member', { action: 'import', data: { orgId: 'org-xh-branch-rd', fileID: data.fileID } }, token);
    expect(imported.body).toEqual({ ok: true, data: { imported: 1 } });
  });

  it('refuses anonymous callers, paths outside one’s folder, someone else’s folder and oversized files, writing nothing', async () => {
    const token = await gw.signIn('demo-member-01');
    const mine = folderOf('demo-member-01');
    const anonymous = await upload(`${mine}/anon-file-0000001.xlsx`, Buffer.from('x'));
    expect(anonymous.status).toBe(401);
    for (const path of [
      'exports/members.xlsx',
      `${mine}/../x-file-000000001.xlsx`,
      `${mine}/short.xlsx`,
      `${mine}/roster-file-000001.exe`,
      'uploads/roster-file-000001.xlsx',
    ]) {
      const res = await upload(path, Buffer.from('x'), token);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    }
    // Someone else's pending upload cannot be overwritten (or planted) from another account.
    const theirs = `${folderOf('demo-secretary')}/their-roster-0000001.xlsx`;
    const foreign = await upload(theirs, Buffer.from('x'), token);
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const huge = await upload(`${mine}/huge-file-0000001.xlsx`, Buffer.alloc(11 * 1024 * 1024), token);
    expect(huge.status).toBe(413);
    for (const path of [`${mine}/anon-file-0000001.xlsx`, `${mine}/huge-file-0000001.xlsx`, theirs])
      await expect(gw.runtime.platform.storage().downloadFile({ fileID: `cloud://local.zhibu/${path}` })).rejects.toThrow();
  });
});

describe('stored files are not a public folder', () => {
  it('a file is served only through the signed URL a function issued, until it expires, with its real type and nosniff', async () => {
    const token = await gw.signIn('demo-secretary');
    const exported = (await gw.call('member', { action: 'export', data: { orgId: 'org-xh-branch-rd' } }, token)).body as {
      data: { url: string };
    };
    const url = new URL(exported.data.url);
    const ok = await fetch(`${gw.base}${url.pathname}${url.search}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    expect(ok.headers.get('content-disposition')).toBe('attachment');
    // The bare path, a forged signature, or the right one with a later expiry: refused.
    const e = url.searchParams.get('e')!;
    for (const search of ['', `?e=${e}&s=forged`, `?e=${Number(e) + 3600}&s=${url.searchParams.get('s')!}`]) {
      const res = await fetch(`${gw.base}${url.pathname}${search}`);
      expect([search, res.status]).toEqual([search, 403]);
    }
  });

  it('a signed URL stops working when it expires', async () => {
    const token = await gw.signIn('demo-secretary');
    const exported = (await gw.call('member', { action: 'export', data: { orgId: 'org-xh-branch-rd' } }, token)).body as {
      data: { url: string };
    };
    const url = new URL(exported.data.url);
    const expires = Number(url.searchParams.get('e')) * 1000;
    expect(expires - Date.now()).toBeLessThanOrEqual(30 * 60 * 1000 + 1000);
    expect(
      verifyStorageUrl(gw.runtime.storageKey, url.pathname.slice('/storage/'.length), url.searchParams, new Date(expires - 1000)),
    ).toBe(true);
    expect(
      verifyStorageUrl(gw.runtime.storageKey, url.pathname.slice('/storage/'.length), url.searchParams, new Date(expires + 1000)),
    ).toBe(false);
  });

  it('a malformed %-escape in a storage path, a function name or the dev cookie is a 400 or nobody, never a 500', async () => {
    expect((await fetch(`${gw.base}/storage/%E0%A4%A?e=1&s=x`)).status).toBe(400);
    const fn = await fetch(`${gw.base}/api/functions/%E0%A4%A`, { method: 'POST', body: '{}' });
    expect(fn.status).toBe(400);
    const cookie = await fetch(`${gw.base}/api/functions/user`, {
      method: 'POST',
      body: '{"action":"signIn"}',
      headers: { cookie: 'zhibu_dev=%E0%A4%A' },
    });
    expect(cookie.status).toBe(200);
    expect(await cookie.json()).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });
});

describe('the dev page’s open-API log', () => {
  it('is for signed-in dev personas only, and never shows a live check-in code', async () => {
    const anonymous = await fetch(`${gw.base}/api/dev/openapi-calls`);
    expect(anonymous.status).toBe(401);
    const { createActivity } = await import('../helpers/activity');
    const now = gw.runtime.platform.now().getTime();
    const id = await createActivity(gw.runtime, {
      startAt: new Date(now + 10 * 60_000).toISOString(),
      endAt: new Date(now + 70 * 60_000).toISOString(),
      signupDeadline: null,
    });
    const secretary = await gw.signIn('demo-secretary');
    expect((await gw.call('checkin', { action: 'wxacode', data: { activityId: id } }, secretary)).body).toMatchObject({ ok: true });
    const code = (await gw.call('checkin', { action: 'code', data: { activityId: id } }, secretary)).body as { data: { payload: string } };
    const member = await gw.signIn('demo-member-12');
    const res = await fetch(`${gw.base}/api/dev/openapi-calls`, { headers: { authorization: `Bearer ${member}` } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('wxacode.getUnlimited');
    expect(text).not.toContain(code.data.payload.split('.')[0]! + '.');
  });
});

it("serves a lesson's video inline and in byte ranges (players seek and resume), and refuses a range past its end", async () => {
  const content = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));
  const storage = gw.runtime.platform.storage();
  const { fileID } = await storage.uploadFile({ cloudPath: 'media/0123456789abcdef0123456789abcdef.mp4', fileContent: content });
  const url = (await storage.getTempFileURL({ fileList: [fileID], maxAge: 600 })).fileList[0]!.tempFileURL.replace(
    /^https?:\/\/[^/]+/,
    gw.base,
  );
  const whole = await fetch(url);
  expect(whole.status).toBe(200);
  expect(whole.headers.get('content-type')).toBe('video/mp4');
  expect(whole.headers.get('content-disposition')).toBeNull();
  expect(whole.headers.get('accept-ranges')).toBe('bytes');
  expect(Buffer.from(await whole.arrayBuffer()).equals(content)).toBe(true);
  const part = await fetch(url, { headers: { range: 'bytes=1000-1099' } });
  expect(part.status).toBe(206);
  expect(part.headers.get('content-range')).toBe('bytes 1000-1099/5000');
  expect(Buffer.from(await part.arrayBuffer()).equals(content.subarray(1000, 1100))).toBe(true);
  expect((await fetch(url, { headers: { range: 'bytes=9000-9100' } })).status).toBe(416);
  // Without the signature, no bytes at all.
  expect((await fetch(url.split('?')[0]!, { headers: { range: 'bytes=0-10' } })).status).toBe(403);
});

it('takes a lesson video larger than an attachment may be, and still refuses an oversized spreadsheet', async () => {
  const token = await gw.signIn('demo-secretary');
  const folder = uploadFolder(gw.runtime.platform.keys(), 'demo-secretary');
  const post = (path: string, size: number) =>
    fetch(`${gw.base}/api/upload?cloudPath=${encodeURIComponent(path)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: Buffer.alloc(size, 1),
    });
  expect((await post(`${folder}/lesson-video-000001.mp4`, 12 * 1024 * 1024)).status).toBe(200);
  expect((await post(`${folder}/big-roster-0000001.xlsx`, 12 * 1024 * 1024)).status).toBe(413);
});
