import { consented, demoRuntime, ok, snapshot } from '../helpers/runtime';

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
  await ok(rt, 'join', 'review', { requestId: request.id, approve: false, reason: '请先办理组织关系转接' }, SECRETARY);
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

it('a member cannot apply to their own branch; a 党委 is answered exactly like a unit that does not exist', async () => {
  const rt = await demoRuntime();
  expect(
    await rt.invoke('join', { action: 'apply', data: { orgId: OWN, name: '周晓明', via: 'search' } }, { openid: 'demo-member-03' }),
  ).toMatchObject({
    ok: false,
    code: 'CONFLICT',
  });
  const apply = (orgId: string) => rt.invoke('join', { action: 'apply', data: { orgId, name: '周晓明', via: 'search' } }, APPLICANT);
  const committee = await apply('org-xh-committee');
  expect(committee).toEqual({ ok: false, code: 'NOT_FOUND', message: '没有找到这个支部' });
  expect(await apply('org-does-not-exist')).toEqual(committee);
});

it('a member of one branch cannot apply to another: they are told a move is a transfer, and nothing is written', async () => {
  const rt = await demoRuntime();
  const before = await snapshot(rt);
  expect(
    await rt.invoke(
      'join',
      { action: 'apply', data: { orgId: 'org-xh-branch-mk', name: '周晓明', via: 'search' } },
      { openid: 'demo-member-03' },
    ),
  ).toEqual({
    ok: false,
    code: 'CONFLICT',
    message: '你已是「第一党支部（研发中心）」的党员；转到其他支部，请在“我的 → 组织关系转接”中申请',
  });
  expect(await snapshot(rt)).toEqual(before);
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

describe('joining as someone already on an imported roster', () => {
  async function importRoster(rt: Runtime, rows: string[][]): Promise<void> {
    const { rosterFile } = await import('../helpers/excel');
    const { uploaded } = await import('../helpers/runtime');
    const fileID = await uploaded(rt, 'roster-file.xlsx', await rosterFile(rows));
    const res = await rt.invoke('member', { action: 'import', data: { orgId: OWN, fileID } }, SECRETARY);
    if (!res.ok) throw new Error(res.message);
  }
  type Inbox = {
    data: { requests: { id: string; rosterMatches: { memberId: string; name: string; by: string; phoneMasked: string | null }[] }[] };
  };

  it('the inbox offers the roster entry with the same name; approving as it keeps its stage, steps and archive', async () => {
    const rt = await demoRuntime();
    await importRoster(rt, [
      ['吴思远', '男', '13800000301', '', '预备党员', '2026-03-01'],
      ['钱振宇', '男', '13800000302', '', '', ''],
    ]);
    const request = await apply(rt);
    const inbox = (await rt.invoke('join', { action: 'inbox', data: { orgId: OWN } }, SECRETARY)) as Inbox;
    const matches = inbox.data.requests[0]!.rosterMatches;
    expect(matches).toEqual([
      expect.objectContaining({ name: '吴思远', by: 'name', phoneMasked: '138****0301', partyStage: 'probationary' }),
    ]);
    expect(JSON.stringify(inbox)).not.toMatch(/roster:|13800000301/);
    const rosterId = matches[0]!.memberId;
    const before = await rt.invoke('branch', { action: 'home' }, SECRETARY);

    const res = await rt.invoke(
      'join',
      { action: 'review', data: { requestId: request.id, approve: true, rosterMemberId: rosterId } },
      SECRETARY,
    );
    expect(res).toMatchObject({ ok: true, data: { status: 'approved' } });
    // The same membership (no duplicate in the count), now the applicant's, with the roster's stage and phone.
    expect(await rt.invoke('branch', { action: 'home' }, SECRETARY)).toMatchObject({
      data: { memberCount: (before as { data: { memberCount: number } }).data.memberCount },
    });
    expect(await rt.invoke('branch', { action: 'home' }, APPLICANT)).toMatchObject({ data: { branch: { id: OWN } } });
    const membership = (await rt.db.collection('memberships').doc(rosterId).get()).data[0];
    expect(membership).toMatchObject({ openid: APPLICANT.openid, partyStage: 'probationary', stageSince: '2026-03-01' });
    expect(membership.roster).toBeUndefined();
    expect(await rt.invoke('lifecycle', { action: 'history', data: { memberId: rosterId } }, SECRETARY)).toMatchObject({
      data: { current: { stage: 'probationary', since: '2026-03-01' } },
    });
    const { data: archives } = await rt.db.collection('archives').where({ openid: APPLICANT.openid }).get();
    expect(archives).toHaveLength(1);
    expect(archives[0].phoneHash).toBeTruthy();
    const { data: rosterArchives } = await rt.db
      .collection('archives')
      .where({ openid: rt.db.RegExp({ regexp: '^roster:' }) })
      .get();
    expect(rosterArchives).toHaveLength(1); // 钱振宇's stays
    const log = (await rt.invoke('audit', { action: 'list', data: { orgId: OWN } }, SECRETARY)) as {
      data: { entries: { summary: string }[] };
    };
    expect(log.data.entries[0]!.summary).toBe('通过了吴思远的入支部申请，并关联名册中的「吴思远」');
  });

  it('matches by phone when the names differ, and merges the archives: the applicant’s own fields win', async () => {
    const rt = await demoRuntime();
    await importRoster(rt, [['吴小远', '男', '13800000301', '', '正式党员', '2010-07-01']]);
    await consented(rt, APPLICANT.openid);
    await ok(rt, 'archive', 'updateMine', { phone: '13800000301', education: '本科' }, APPLICANT);
    const request = await apply(rt);
    const inbox = (await rt.invoke('join', { action: 'inbox', data: { orgId: OWN } }, SECRETARY)) as Inbox;
    const [match] = inbox.data.requests[0]!.rosterMatches;
    expect(match).toMatchObject({ name: '吴小远', by: 'phone' });
    await ok(rt, 'join', 'review', { requestId: request.id, approve: true, rosterMemberId: match!.memberId }, SECRETARY);
    expect(await rt.invoke('archive', { action: 'mine' }, APPLICANT)).toMatchObject({
      data: { name: '吴小远', gender: 'male', education: '本科', phoneMasked: '138****0301' },
    });
    const { data: rosterArchives } = await rt.db
      .collection('archives')
      .where({ openid: rt.db.RegExp({ regexp: '^roster:' }) })
      .get();
    expect(rosterArchives).toHaveLength(0);
  });

  it('refuses another unit’s entry, a claimed entry, or a claim with a rejection, writing nothing', async () => {
    const rt = await demoRuntime();
    await importRoster(rt, [['吴思远', '男', '', '', '', '']]);
    const request = await apply(rt);
    const other = await apply(rt, { openid: 'wx-second-applicant' });
    const inbox = (await rt.invoke('join', { action: 'inbox', data: { orgId: OWN } }, SECRETARY)) as Inbox;
    const rosterId = inbox.data.requests[0]!.rosterMatches[0]!.memberId;
    const before = await snapshot(rt);
    for (const data of [
      { requestId: request.id, approve: true, rosterMemberId: 'm-demo-020' }, // a real member of the other branch
      { requestId: request.id, approve: true, rosterMemberId: 'm-demo-005' }, // a member on WeChat, not a roster entry
      { requestId: request.id, approve: false, reason: '不是本人', rosterMemberId: rosterId },
    ]) {
      expect(await rt.invoke('join', { action: 'review', data }, SECRETARY)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    }
    expect(await snapshot(rt)).toEqual(before);
    expect(
      await rt.invoke('join', { action: 'review', data: { requestId: request.id, approve: true, rosterMemberId: rosterId } }, SECRETARY),
    ).toMatchObject({ ok: true });
    expect(
      await rt.invoke('join', { action: 'review', data: { requestId: other.id, approve: true, rosterMemberId: rosterId } }, SECRETARY),
    ).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    });
  });

  it('two secretaries approving two applicants as the same entry at once: one gets it', async () => {
    const rt = await demoRuntime();
    await importRoster(rt, [['吴思远', '男', '', '', '', '']]);
    const a = await apply(rt);
    const b = await apply(rt, { openid: 'wx-second-applicant' });
    const inbox = (await rt.invoke('join', { action: 'inbox', data: { orgId: OWN } }, SECRETARY)) as Inbox;
    const rosterId = inbox.data.requests[0]!.rosterMatches[0]!.memberId;
    const results = await Promise.all(
      [a, b].map((r) =>
        rt.invoke('join', { action: 'review', data: { requestId: r.id, approve: true, rosterMemberId: rosterId } }, SECRETARY),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const { data } = await rt.db
      .collection('memberships')
      .where({ orgId: OWN, openid: rt.db.command.in([APPLICANT.openid, 'wx-second-applicant']) })
      .get();
    expect(data).toHaveLength(1);
  });
});
