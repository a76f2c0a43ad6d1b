import { demoRuntime, snapshot } from '../helpers/runtime';

const OWN = 'org-xh-branch-rd';
const SECRETARY = { openid: 'demo-secretary' };
const APPLICANT = { openid: 'wx-new-applicant' };

type Runtime = Awaited<ReturnType<typeof demoRuntime>>;
type View = { id: string; status: string; orgName: string; reason: string | null };

async function apply(rt: Runtime, who = APPLICANT, orgId = OWN): Promise<View> {
  const res = await rt.invoke('join', { action: 'apply', data: { orgId, name: '吴思远', note: '原在老家支部', via: 'search' } }, who);
  if (!res.ok) throw new Error(`${res.code}: ${res.message}`);
  return res.data as View;
}

it('apply → the secretary sees it in the inbox → approves → the applicant is a member and is told', async () => {
  const rt = await demoRuntime();
  const request = await apply(rt);
  expect(request).toMatchObject({ status: 'pending', orgName: '第一党支部（研发中心）' });

  const inbox = await rt.invoke('join', { action: 'inbox', data: { orgId: OWN } }, SECRETARY);
  expect(inbox).toMatchObject({ ok: true, data: { requests: [{ id: request.id, name: '吴思远', note: '原在老家支部', via: 'search' }] } });
  expect(JSON.stringify(inbox)).not.toContain(APPLICANT.openid);

  const reviewed = await rt.invoke('join', { action: 'review', data: { requestId: request.id, approve: true } }, SECRETARY);
  expect(reviewed).toMatchObject({ ok: true, data: { status: 'approved' } });

  const home = await rt.invoke('branch', { action: 'home' }, APPLICANT);
  expect(home).toMatchObject({ ok: true, data: { branch: { id: OWN }, role: 'member', memberCount: 14 } });
  const mine = await rt.invoke('join', { action: 'mine' }, APPLICANT);
  expect(mine).toMatchObject({ ok: true, data: { requests: [{ id: request.id, status: 'approved' }] } });

  const { data: sent } = await rt.db.collection('dev_openapi_calls').where({ api: 'subscribeMessage.send' }).get();
  expect(sent).toHaveLength(1);
  expect(sent[0].input).toMatchObject({ touser: APPLICANT.openid, data: { phrase2: { value: '已通过' } } });
  const log = await rt.invoke('audit', { action: 'list', data: { orgId: OWN } }, SECRETARY);
  expect(log).toMatchObject({ ok: true, data: { entries: [{ action: 'join.approve', summary: '通过了吴思远的入支部申请' }] } });
});

it('a rejection needs a reason, which the applicant sees', async () => {
  const rt = await demoRuntime();
  const request = await apply(rt);
  const before = await snapshot(rt);
  expect(await rt.invoke('join', { action: 'review', data: { requestId: request.id, approve: false } }, SECRETARY)).toMatchObject({
    ok: false,
    code: 'INVALID_INPUT',
  });
  expect(await snapshot(rt)).toEqual(before);
  await rt.invoke('join', { action: 'review', data: { requestId: request.id, approve: false, reason: '请先办理组织关系转接' } }, SECRETARY);
  expect(await rt.invoke('join', { action: 'mine' }, APPLICANT)).toMatchObject({
    data: { requests: [{ status: 'rejected', reason: '请先办理组织关系转接' }] },
  });
  expect(await rt.invoke('branch', { action: 'home' }, APPLICANT)).toMatchObject({ data: { branch: null } });
});

it('ten secretaries tapping approve at once approve it once', async () => {
  const rt = await demoRuntime();
  const request = await apply(rt);
  const approvers = [SECRETARY, { openid: 'demo-admin' }];
  const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  const results = await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      rt.invoke('join', { action: 'review', data: { requestId: request.id, approve: true } }, approvers[i % 2]!),
    ),
  );
  log.mockRestore();
  expect(results.filter((r) => r.ok)).toHaveLength(1);
  expect(results.filter((r) => !r.ok).every((r) => (r as { code: string }).code === 'CONFLICT')).toBe(true);
  expect((await rt.db.collection('memberships').where({ openid: APPLICANT.openid }).count()).total).toBe(1);
  expect((await rt.db.collection('audit_logs').where({ action: 'join.approve' }).count()).total).toBe(1);
  expect((await rt.db.collection('dev_openapi_calls').where({ api: 'subscribeMessage.send' }).count()).total).toBe(1);
});

it('applying twice, even at once, leaves one pending request', async () => {
  const rt = await demoRuntime();
  const [a, b, c] = await Promise.all([apply(rt), apply(rt), apply(rt)]);
  expect(new Set([a.id, b.id, c.id]).size).toBe(1);
  expect((await rt.db.collection('join_requests').count()).total).toBe(1);
});

it('a member cannot apply to their own branch; a 党委 is not a branch to apply to', async () => {
  const rt = await demoRuntime();
  expect(
    await rt.invoke('join', { action: 'apply', data: { orgId: OWN, name: '周晓明', via: 'search' } }, { openid: 'demo-member-03' }),
  ).toMatchObject({
    ok: false,
    code: 'CONFLICT',
  });
  expect(
    await rt.invoke('join', { action: 'apply', data: { orgId: 'org-xh-committee', name: '周晓明', via: 'search' } }, APPLICANT),
  ).toMatchObject({
    ok: false,
    code: 'INVALID_INPUT',
  });
});

it('the applicant can withdraw a pending request, then apply again', async () => {
  const rt = await demoRuntime();
  const first = await apply(rt);
  expect(await rt.invoke('join', { action: 'cancel', data: { requestId: first.id } }, APPLICANT)).toMatchObject({
    ok: true,
    data: { status: 'cancelled' },
  });
  expect(await rt.invoke('join', { action: 'review', data: { requestId: first.id, approve: true } }, SECRETARY)).toMatchObject({
    ok: false,
    code: 'CONFLICT',
  });
  const second = await apply(rt);
  expect(second.id).not.toBe(first.id);
  expect(second.status).toBe('pending');
});

it('someone who left and is approved again gets their membership back, not a second one', async () => {
  const rt = await demoRuntime();
  await rt.db.collection('memberships').doc('m-demo-007').update({ status: 'left' });
  const who = { openid: 'demo-member-03' };
  const request = await apply(rt, who);
  expect(await rt.invoke('join', { action: 'review', data: { requestId: request.id, approve: true } }, SECRETARY)).toMatchObject({
    ok: true,
  });
  const { data } = await rt.db.collection('memberships').where({ openid: who.openid }).get();
  expect(data).toHaveLength(1);
  expect(data[0]).toMatchObject({ _id: 'm-demo-007', status: 'active' });
});

it("another branch's request is refused exactly like one that does not exist", async () => {
  const rt = await demoRuntime();
  const other = await apply(rt, APPLICANT, 'org-xh-branch-mk');
  const a = await rt.invoke('join', { action: 'review', data: { requestId: other.id, approve: true } }, SECRETARY);
  const b = await rt.invoke('join', { action: 'review', data: { requestId: 'no-such-request', approve: true } }, SECRETARY);
  expect(a).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(b).toEqual(a);
});

it('search finds branches by part of their name, with the unit above', async () => {
  const rt = await demoRuntime();
  const res = await rt.invoke('org', { action: 'search', data: { q: '研发' } }, APPLICANT);
  expect(res).toEqual({
    ok: true,
    data: { units: [{ id: OWN, name: '第一党支部（研发中心）', parentName: '星河科技有限公司党委', memberCount: 13 }] },
  });
  expect(await rt.invoke('org', { action: 'search', data: { q: '.*' } }, APPLICANT)).toEqual({ ok: true, data: { units: [] } });
});

it('the branch home tells its secretaries how many requests wait, and members nothing', async () => {
  const rt = await demoRuntime();
  await apply(rt);
  expect(await rt.invoke('branch', { action: 'home' }, SECRETARY)).toMatchObject({ data: { pendingJoinRequests: 1 } });
  expect(await rt.invoke('branch', { action: 'home' }, { openid: 'demo-member-03' })).toMatchObject({
    data: { pendingJoinRequests: null },
  });
});
