import { localCloudID } from '../../local/openapi';
import { demoRuntime, ok, readStored, snapshot, storedFileOf } from '../helpers/runtime';
import { imageType } from '../../cloudfunctions/common/images';

const OWN = 'org-xh-branch-rd';
const SECRETARY = { openid: 'demo-secretary' };
const NEWCOMER = { openid: 'wx-from-the-group' };
const GROUP = localCloudID({ openGId: 'G-rd-members' });

type Landing = { branch: { id: string; name: string }; isMember: boolean; pendingRequest: { id: string } | null };

describe('WeChat groups', () => {
  it('a secretary binds the group; a non-member opening from it lands on "apply to join", a member on their branch', async () => {
    const rt = await demoRuntime();
    expect(
      await rt.invoke('group', { action: 'bind', data: { orgId: OWN, cloudID: GROUP, label: '一支部党员群' } }, SECRETARY),
    ).toMatchObject({
      ok: true,
      data: { label: '一支部党员群' },
    });
    const stranger = await rt.invoke('group', { action: 'enter', data: { cloudID: GROUP } }, NEWCOMER);
    expect(stranger).toMatchObject({
      ok: true,
      data: { landing: { branch: { id: OWN, name: '第一党支部（研发中心）' }, isMember: false, pendingRequest: null } },
    });

    await ok(rt, 'join', 'apply', { orgId: OWN, name: '何家豪', via: 'group' }, NEWCOMER);
    const again = (await rt.invoke('group', { action: 'enter', data: { cloudID: GROUP } }, NEWCOMER)) as { data: { landing: Landing } };
    expect(again.data.landing.pendingRequest).not.toBeNull();

    const member = await rt.invoke('group', { action: 'enter', data: { cloudID: GROUP } }, { openid: 'demo-member-03' });
    expect(member).toMatchObject({ ok: true, data: { landing: { isMember: true } } });
    expect(JSON.stringify(stranger)).not.toContain('G-rd-members');
  });

  it('the group id comes from the CloudID resolved on the server, never from the client', async () => {
    const rt = await demoRuntime();
    const before = await snapshot(rt);
    for (const cloudID of ['G-rd-members', '{"openGId":"G-rd-members"}', 'local-cloudid:not-base64-json']) {
      expect(await rt.invoke('group', { action: 'bind', data: { orgId: OWN, cloudID, label: '群' } }, SECRETARY)).toMatchObject({
        ok: false,
        code: 'INVALID_INPUT',
      });
    }
    // Only the stand-in's own resolution calls were recorded; nothing else was written.
    const after = await snapshot(rt);
    expect({ ...after, dev_openapi_calls: [] }).toEqual({ ...before, dev_openapi_calls: [] });
  });

  it('a group belongs to one branch at a time', async () => {
    const rt = await demoRuntime();
    await ok(rt, 'group', 'bind', { orgId: OWN, cloudID: GROUP, label: '党员群' }, SECRETARY);
    const res = await rt.invoke(
      'group',
      { action: 'bind', data: { orgId: 'org-xh-branch-mk', cloudID: GROUP, label: '党员群' } },
      { openid: 'demo-secretary-2' },
    );
    expect(res).toMatchObject({ ok: false, code: 'CONFLICT' });
  });

  it('an unbound group lands nowhere', async () => {
    const rt = await demoRuntime();
    expect(await rt.invoke('group', { action: 'enter', data: { cloudID: localCloudID({ openGId: 'G-other' }) } }, NEWCOMER)).toEqual({
      ok: true,
      data: { landing: null },
    });
  });
});

describe('invites', () => {
  async function invite(rt: Awaited<ReturnType<typeof demoRuntime>>) {
    const res = (await rt.invoke('invite', { action: 'create', data: { orgId: OWN, days: 3 } }, SECRETARY)) as {
      ok: true;
      data: { id: string; path: string };
    };
    const token = decodeURIComponent(res.data.path.split('invite=')[1]!);
    return { id: res.data.id, token, path: res.data.path };
  }

  it('an invite card opens the branch for someone new', async () => {
    const rt = await demoRuntime();
    const { token, path } = await invite(rt);
    expect(path).toMatch(/^pages\/join\/index\?invite=/);
    expect(await rt.invoke('invite', { action: 'open', data: { token } }, NEWCOMER)).toMatchObject({
      ok: true,
      data: { branch: { id: OWN }, isMember: false },
    });
  });

  it('a changed token is refused: signature, expiry and id are all checked', async () => {
    const rt = await demoRuntime();
    const { token } = await invite(rt);
    const [id, exp, sig] = token.split('.');
    const later = (parseInt(exp!, 36) + 86400 * 30).toString(36);
    // Each forgery changes one part to something it certainly was not (a character swapped for a different one).
    const other = (c: string) => (c === 'x' ? 'y' : 'x');
    const forgedSig = `${sig!.slice(0, -1)}${other(sig!.slice(-1))}`;
    const forgedId = `${other(id![0]!)}${id!.slice(1)}`;
    for (const forged of [`${id}.${later}.${sig}`, `${id}.${exp}.${forgedSig}`, `${forgedId}.${exp}.${sig}`, 'garbage']) {
      expect(await rt.invoke('invite', { action: 'open', data: { token: forged } }, NEWCOMER)).toMatchObject({
        ok: false,
        code: 'NOT_FOUND',
      });
    }
  });

  it('expires, and can be revoked', async () => {
    let now = Date.parse('2026-11-28T10:00:00Z');
    const rt = await demoRuntime(() => new Date(now));
    const { id, token } = await invite(rt);
    now += 3 * 24 * 3600 * 1000 + 1000;
    expect(await rt.invoke('invite', { action: 'open', data: { token } }, NEWCOMER)).toMatchObject({ ok: false, code: 'EXPIRED' });

    now = Date.parse('2026-11-28T10:00:00Z');
    const second = await invite(rt);
    expect(await rt.invoke('invite', { action: 'revoke', data: { inviteId: second.id } }, SECRETARY)).toMatchObject({
      ok: true,
      data: { revoked: true },
    });
    expect(await rt.invoke('invite', { action: 'open', data: { token: second.token } }, NEWCOMER)).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
    expect(await rt.invoke('invite', { action: 'list', data: { orgId: OWN } }, SECRETARY)).toMatchObject({
      ok: true,
      data: { invites: [{ id }] },
    });
  });

  it('a QR code is a real mini-program code image whose scene opens the invite', async () => {
    const rt = await demoRuntime();
    const { id } = await invite(rt);
    const res = (await rt.invoke('invite', { action: 'qrcode', data: { inviteId: id } }, SECRETARY)) as { ok: true; data: { url: string } };
    // Stored under a name no client can predict (or plant), once per invite; the URL is signed and expires.
    expect(res.data.url).toMatch(/\/storage\/invites\/[0-9a-f]{32}\.png\?e=\d+&s=/);
    expect(imageType(await readStored(rt, res.data.url))).toBe('png');
    const again = (await rt.invoke('invite', { action: 'qrcode', data: { inviteId: id } }, SECRETARY)) as { data: { url: string } };
    expect(storedFileOf(again.data.url)).toBe(storedFileOf(res.data.url));
    const { data } = await rt.db.collection('dev_openapi_calls').where({ api: 'wxacode.getUnlimited' }).get();
    const scene = (data[0].input as { scene: string }).scene;
    expect(scene.length).toBeLessThanOrEqual(32);
    expect(await rt.invoke('invite', { action: 'open', data: { scene } }, NEWCOMER)).toMatchObject({
      ok: true,
      data: { branch: { id: OWN } },
    });
  });
});
