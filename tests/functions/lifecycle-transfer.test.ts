import { demoRuntime, ok, snapshot } from '../helpers/runtime';

const OWN = 'org-xh-branch-rd';
const OTHER = 'org-xh-branch-mk';
const SECRETARY = { openid: 'demo-secretary' };
const OTHER_SECRETARY = { openid: 'demo-secretary-2' };
const MEMBER = { openid: 'demo-member-03' };
const MEMBER_ID = 'm-demo-007';

type Runtime = Awaited<ReturnType<typeof demoRuntime>>;
const step = (rt: Runtime, to: string, date: string, who = SECRETARY) =>
  rt.invoke('lifecycle', { action: 'advance', data: { memberId: MEMBER_ID, to, date, responsible: '陈海燕' } }, who);

describe('发展党员', () => {
  it('records steps in order with dates, and keeps the timeline', async () => {
    const rt = await demoRuntime();
    expect(await step(rt, 'activist', '2024-03-01')).toEqual({ ok: true, data: { stage: 'activist', since: '2024-03-01' } });
    expect(await step(rt, 'candidate', '2025-03-01')).toMatchObject({ ok: true });
    expect(await step(rt, 'probationary', '2025-09-01')).toMatchObject({ ok: true });
    const res = await rt.invoke('lifecycle', { action: 'history', data: { memberId: MEMBER_ID } }, SECRETARY);
    expect(res).toMatchObject({
      ok: true,
      data: {
        steps: [
          { stage: 'activist', date: '2024-03-01', responsible: '陈海燕', recordedByName: '林建华' },
          { stage: 'candidate', date: '2025-03-01' },
          { stage: 'probationary', date: '2025-09-01' },
        ],
      },
    });
  });

  it('refuses an invalid transition and writes nothing', async () => {
    const rt = await demoRuntime();
    expect(await step(rt, 'activist', '2025-03-01')).toMatchObject({ ok: true });
    const before = await snapshot(rt);
    expect(await step(rt, 'probationary', '2026-06-01')).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: '当前为入党积极分子，下一步只能是发展对象',
    });
    expect(await step(rt, 'candidate', '2025-12-01')).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await snapshot(rt)).toEqual(before);
  });

  it('two secretaries recording the same step at once record it once', async () => {
    const rt = await demoRuntime();
    expect(await step(rt, 'activist', '2024-03-01')).toMatchObject({ ok: true });
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const results = await Promise.all([step(rt, 'candidate', '2025-03-01'), step(rt, 'candidate', '2025-03-01', { openid: 'demo-admin' })]);
    log.mockRestore();
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect((await rt.db.collection('lifecycle_steps').where({ stage: 'candidate' }).count()).total).toBe(1);
  });

  it('lists who is due: a 预备党员 reaching a year, soonest first', async () => {
    const rt = await demoRuntime(() => new Date('2026-11-28T04:00:00Z'));
    expect(await step(rt, 'probationary', '2025-12-15')).toMatchObject({ ok: true });
    await ok(rt, 'lifecycle', 'advance', { memberId: 'm-demo-006', to: 'activist', date: '2026-06-01' }, SECRETARY);
    const res = await rt.invoke('lifecycle', { action: 'due', data: { orgId: OWN } }, SECRETARY);
    expect(res).toEqual({
      ok: true,
      data: {
        members: [
          {
            memberId: MEMBER_ID,
            name: expect.any(String),
            stage: 'probationary',
            since: '2025-12-15',
            next: 'full',
            dueDate: '2026-12-15',
          },
        ],
      },
    });
  });
});

describe('组织关系转接', () => {
  async function requestTransfer(rt: Runtime) {
    const res = await rt.invoke(
      'transfer',
      { action: 'request', data: { fromOrgId: OWN, toOrgId: OTHER, reason: '工作调动到市场服务部' } },
      MEMBER,
    );
    if (!res.ok) throw new Error(res.message);
    return (res.data as { id: string }).id;
  }

  it('needs the sending and then the receiving branch to agree; then the member belongs to the new branch', async () => {
    const rt = await demoRuntime();
    expect(await step(rt, 'full', '2020-07-01')).toMatchObject({ ok: true });
    const id = await requestTransfer(rt);
    // The receiving branch cannot act first.
    expect(await rt.invoke('transfer', { action: 'review', data: { transferId: id, approve: true } }, OTHER_SECRETARY)).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(await rt.invoke('transfer', { action: 'review', data: { transferId: id, approve: true } }, SECRETARY)).toMatchObject({
      ok: true,
      data: { status: 'pending_in' },
    });
    // Still a member of the old branch until the new one agrees.
    expect(await rt.invoke('branch', { action: 'home' }, MEMBER)).toMatchObject({ data: { branch: { id: OWN } } });
    expect(await rt.invoke('transfer', { action: 'inbox', data: { orgId: OTHER } }, OTHER_SECRETARY)).toMatchObject({
      data: { transfers: [{ id }] },
    });
    expect(await rt.invoke('transfer', { action: 'review', data: { transferId: id, approve: true } }, OTHER_SECRETARY)).toMatchObject({
      ok: true,
      data: { status: 'done' },
    });

    expect(await rt.invoke('branch', { action: 'home' }, MEMBER)).toMatchObject({ data: { branch: { id: OTHER }, memberCount: 11 } });
    const { data } = await rt.db.collection('memberships').where({ openid: MEMBER.openid }).orderBy('joinedAt', 'asc').get();
    expect(data.map((m: { orgId: string; status: string; partyStage?: string }) => [m.orgId, m.status, m.partyStage])).toEqual([
      [OWN, 'transferred', 'full'],
      [OTHER, 'active', 'full'],
    ]);
    expect(await rt.invoke('transfer', { action: 'mine' }, MEMBER)).toMatchObject({
      data: { transfers: [{ status: 'done', fromOrgName: '第一党支部（研发中心）' }] },
    });
    // The receiving branch sees the steps the sending branch recorded; so does the member.
    const expected = {
      current: { stage: 'full', since: '2020-07-01' },
      steps: [expect.objectContaining({ stage: 'full', date: '2020-07-01' })],
    };
    const newId = (data as { _id: string; orgId: string }[]).find((m) => m.orgId === OTHER)!._id;
    expect(await rt.invoke('lifecycle', { action: 'history', data: { memberId: newId } }, OTHER_SECRETARY)).toMatchObject({
      data: expected,
    });
    expect(await rt.invoke('lifecycle', { action: 'mine' }, MEMBER)).toMatchObject({ data: expected });
    // The archive keeps the branch history: the new branch first, the old one marked 已转出.
    const archive = (await rt.invoke('archive', { action: 'mine' }, MEMBER)) as { data: { branches: unknown[] } };
    expect(archive.data.branches).toEqual([
      expect.objectContaining({ orgName: '第二党支部（市场服务部）', status: 'active', role: 'member' }),
      expect.objectContaining({ orgName: '第一党支部（研发中心）', status: 'transferred' }),
    ]);
  });

  it('a refusal at either end stops it, with the reason', async () => {
    const rt = await demoRuntime();
    const id = await requestTransfer(rt);
    expect(await rt.invoke('transfer', { action: 'review', data: { transferId: id, approve: false } }, SECRETARY)).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    });
    expect(
      await rt.invoke('transfer', { action: 'review', data: { transferId: id, approve: false, reason: '党费未交清' } }, SECRETARY),
    ).toMatchObject({
      ok: true,
      data: { status: 'rejected', rejectReason: '党费未交清' },
    });
    expect(await rt.invoke('transfer', { action: 'review', data: { transferId: id, approve: true } }, SECRETARY)).toMatchObject({
      ok: false,
      code: 'CONFLICT',
    });
    expect(await rt.invoke('branch', { action: 'home' }, MEMBER)).toMatchObject({ data: { branch: { id: OWN } } });
  });

  it('concurrent approvals approve each stage once', async () => {
    const rt = await demoRuntime();
    const id = await requestTransfer(rt);
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const out = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        rt.invoke('transfer', { action: 'review', data: { transferId: id, approve: true } }, i % 2 ? SECRETARY : { openid: 'demo-admin' }),
      ),
    );
    const inn = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        rt.invoke(
          'transfer',
          { action: 'review', data: { transferId: id, approve: true } },
          i % 2 ? OTHER_SECRETARY : { openid: 'demo-admin' },
        ),
      ),
    );
    log.mockRestore();
    expect(out.filter((r) => r.ok)).toHaveLength(1);
    expect(inn.filter((r) => r.ok)).toHaveLength(1);
    expect((await rt.db.collection('memberships').where({ openid: MEMBER.openid, status: 'active' }).count()).total).toBe(1);
  });

  it('one transfer at a time, to a different branch', async () => {
    const rt = await demoRuntime();
    await requestTransfer(rt);
    expect(
      await rt.invoke('transfer', { action: 'request', data: { fromOrgId: OWN, toOrgId: OTHER, reason: '再申请一次' } }, MEMBER),
    ).toMatchObject({
      ok: false,
      code: 'CONFLICT',
    });
    expect(
      await rt.invoke('transfer', { action: 'initiate', data: { memberId: 'm-demo-006', toOrgId: OWN, reason: '原支部' } }, SECRETARY),
    ).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    });
    expect(
      await rt.invoke('transfer', { action: 'request', data: { fromOrgId: OTHER, toOrgId: OWN, reason: '不是那里的党员' } }, MEMBER),
    ).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
  });
});
