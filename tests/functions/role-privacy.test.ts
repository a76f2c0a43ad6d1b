import { PRIVACY_VERSION } from '../../typings/domain';
import { consented, demoRuntime, ok, readStored } from '../helpers/runtime';

const OWN = 'org-xh-branch-rd';
const SECRETARY = { openid: 'demo-secretary' };
const ADMIN = { openid: 'demo-admin' };
const MEMBER = { openid: 'demo-member-03' };
const MEMBER_ID = 'm-demo-007';

describe('roles', () => {
  it('a secretary makes a member a 宣传委员 (audited); a 支委 does not review join requests', async () => {
    const rt = await demoRuntime();
    expect(
      await rt.invoke('role', { action: 'set', data: { memberId: MEMBER_ID, role: 'committee', duty: 'propaganda' } }, SECRETARY),
    ).toEqual({
      ok: true,
      data: { memberId: MEMBER_ID, role: 'committee' },
    });
    expect((await rt.db.collection('memberships').doc(MEMBER_ID).get()).data[0]).toMatchObject({ role: 'committee', duty: 'propaganda' });
    expect(await rt.invoke('join', { action: 'inbox', data: { orgId: OWN } }, MEMBER)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const log = (await rt.invoke('audit', { action: 'list', data: { orgId: OWN } }, SECRETARY)) as {
      data: { entries: { summary: string }[] };
    };
    expect(log.data.entries[0]!.summary).toMatch(/^将.+的职务由党员调整为宣传委员$/);
  });

  it('making someone deputy secretary gives them the leaders’ tools; only an admin makes a secretary', async () => {
    const rt = await demoRuntime();
    await ok(rt, 'role', 'set', { memberId: MEMBER_ID, role: 'deputy_secretary' }, SECRETARY);
    expect(await rt.invoke('join', { action: 'inbox', data: { orgId: OWN } }, MEMBER)).toMatchObject({ ok: true });
    expect(await rt.invoke('role', { action: 'set', data: { memberId: MEMBER_ID, role: 'secretary' } }, SECRETARY)).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    // A secretary cannot demote themselves or another secretary either.
    expect(await rt.invoke('role', { action: 'set', data: { memberId: 'm-demo-002', role: 'member' } }, SECRETARY)).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(await rt.invoke('role', { action: 'set', data: { memberId: MEMBER_ID, role: 'secretary' } }, ADMIN)).toMatchObject({ ok: true });
  });
});

describe('privacy', () => {
  it('no personal data is collected before consent; consent is recorded with its version; withdrawing stops collection', async () => {
    const rt = await demoRuntime();
    await ok(rt, 'user', 'signIn', {}, MEMBER);
    expect(await rt.invoke('archive', { action: 'updateMine', data: { job: '工程师' } }, MEMBER)).toMatchObject({
      ok: false,
      code: 'CONSENT_REQUIRED',
    });
    expect(await rt.invoke('privacy', { action: 'consent', data: { version: '2020-01-01' } }, MEMBER)).toMatchObject({
      ok: false,
      code: 'CONFLICT',
    });
    expect(await rt.invoke('privacy', { action: 'consent', data: { version: PRIVACY_VERSION } }, MEMBER)).toMatchObject({
      ok: true,
      data: { consentedVersion: PRIVACY_VERSION },
    });
    expect(await rt.invoke('archive', { action: 'updateMine', data: { job: '工程师' } }, MEMBER)).toMatchObject({ ok: true });
    expect(await rt.invoke('privacy', { action: 'withdraw' }, MEMBER)).toMatchObject({ ok: true, data: { consentedVersion: null } });
    expect(await rt.invoke('archive', { action: 'updateMine', data: { job: '教师' } }, MEMBER)).toMatchObject({
      ok: false,
      code: 'CONSENT_REQUIRED',
    });
    const { data } = await rt.db.collection('consents').where({ openid: MEMBER.openid }).orderBy('at', 'asc').get();
    expect(data.map((c: { action: string; version: string }) => [c.action, c.version])).toEqual([
      ['consent', PRIVACY_VERSION],
      ['withdraw', PRIVACY_VERSION],
    ]);
  });

  it('exports everything held about the member, in full, to them only', async () => {
    const rt = await demoRuntime();
    await consented(rt, MEMBER.openid);
    await ok(rt, 'archive', 'updateMine', { phone: '13800001234', job: '工程师' }, MEMBER);
    const res = (await rt.invoke('privacy', { action: 'exportMine' }, MEMBER)) as { ok: true; data: { url: string } };
    const file = JSON.parse((await readStored(rt, res.data.url)).toString('utf8')) as Record<string, unknown>;
    expect(file).toMatchObject({ archive: { phone: '13800001234', job: '工程师' }, memberships: [{ orgId: OWN }] });
    expect(JSON.stringify(file)).not.toContain(MEMBER.openid);
  });

  it('deleting erases the archive and the encrypted numbers; the branch keeps the membership record', async () => {
    const rt = await demoRuntime();
    await consented(rt, MEMBER.openid);
    await ok(rt, 'archive', 'updateMine', { phone: '13800001234' }, MEMBER);
    expect(await rt.invoke('privacy', { action: 'deleteMine', data: { confirm: '删除' } }, MEMBER)).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    });
    expect(await rt.invoke('privacy', { action: 'deleteMine', data: { confirm: '删除我的个人信息' } }, MEMBER)).toEqual({
      ok: true,
      data: { deleted: true },
    });
    expect((await rt.db.collection('archives').where({ openid: MEMBER.openid }).count()).total).toBe(0);
    expect(await rt.invoke('archive', { action: 'mine' }, MEMBER)).toMatchObject({ data: { phoneMasked: null } });
    expect((await rt.db.collection('memberships').doc(MEMBER_ID).get()).data[0]).toMatchObject({ status: 'active' });
    expect(await rt.invoke('privacy', { action: 'status' }, MEMBER)).toMatchObject({ data: { consentedVersion: null } });
  });
});
