import type { TodoList } from '../../typings/domain';
import type { DuesLedger, DuesMemberView, MyDues } from '../../typings/service';
import { clock } from '../helpers/activity';
import { readWorkbook } from '../helpers/excel';
import { demoRuntime, ok, snapshot } from '../helpers/runtime';
import { ADMIN, COMMITTEE, OTHER_SECRETARY, RD, rdMember, rdMembership, SECRETARY } from '../helpers/service';

type Rt = Awaited<ReturnType<typeof demoRuntime>>;
const OWNER = rdMember(3);
const OWNER_ID = rdMembership(3);
/** A distinctive amount: 987.65 yuan a month, so any response carrying it is found. */
const AMOUNT = 98765;
const pay = (rt: Rt, months: string[], who = COMMITTEE, extra: object = {}) =>
  rt.invoke(
    'dues',
    { action: 'pay', data: { memberId: OWNER_ID, months, method: 'cash', paidOn: '2026-12-01', receiptNo: 'DF001', ...extra } },
    who,
  );

async function withRate(rt: Rt, since = '2026-09') {
  await ok(rt, 'dues', 'setRate', { memberId: OWNER_ID, amount: AMOUNT, basis: '月工资收入按 1% 计', since }, COMMITTEE);
}

describe('党费: the branch keeps each member’s dues, and only the member and its keepers see the amounts', () => {
  it('lets the secretary and the 组织委员 keep the records, and refuses another 支委, the 党委 admin and members', async () => {
    const c = clock('2026-12-03T02:00:00Z');
    const rt = await demoRuntime(c.now);
    await withRate(rt);
    expect(await ok<DuesMemberView>(rt, 'dues', 'member', { memberId: OWNER_ID }, SECRETARY)).toMatchObject({ rate: { amount: AMOUNT } });
    for (const who of [ADMIN, OTHER_SECRETARY, rdMember(1), OWNER]) {
      expect(await rt.invoke('dues', { action: 'member', data: { memberId: OWNER_ID } }, who)).toMatchObject({
        ok: false,
        code: 'FORBIDDEN',
      });
    }
    // The same 支委 with another duty (宣传委员) keeps no dues.
    await rt.db.collection('memberships').doc('m-demo-003').update({ duty: 'propaganda' });
    const before = await snapshot(rt);
    expect(await pay(rt, ['2026-12'])).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await snapshot(rt)).toEqual(before);
  });

  it('records months paid one by one and in bulk, refuses a month paid twice with nothing written, and keeps amounts out of the audit log', async () => {
    const c = clock('2026-12-03T02:00:00Z');
    const rt = await demoRuntime(c.now);
    await withRate(rt);
    expect((await ok<MyDues>(rt, 'dues', 'mine', {}, OWNER)).branches[0]).toMatchObject({
      unpaid: ['2026-09', '2026-10', '2026-11', '2026-12'],
    });
    expect(await pay(rt, ['2026-09', '2026-10'])).toMatchObject({ ok: true });
    const before = await snapshot(rt);
    expect(await pay(rt, ['2026-10', '2026-11'])).toMatchObject({ ok: false, code: 'CONFLICT', message: '2026-10 已有缴纳记录' });
    expect(await pay(rt, ['2026-11'], COMMITTEE, { paidOn: '2026-12-31' })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await pay(rt, ['2024-01'])).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await snapshot(rt)).toEqual(before);

    // 本月 in bulk: the owner at their amount; a member without an amount is skipped, as is one already paid.
    await ok(
      rt,
      'dues',
      'setRate',
      { memberId: rdMembership(1), amount: 1200, basis: '月工资收入按 0.5% 计', since: '2026-01' },
      SECRETARY,
    );
    const bulk = await ok<{ recorded: number; skipped: number }>(
      rt,
      'dues',
      'payMonth',
      { orgId: RD, month: '2026-12', memberIds: [OWNER_ID, rdMembership(1), rdMembership(2)], method: 'transfer', paidOn: '2026-12-02' },
      COMMITTEE,
    );
    expect(bulk).toEqual({ recorded: 2, skipped: 1 });
    const again = await rt.invoke(
      'dues',
      { action: 'payMonth', data: { orgId: RD, month: '2026-12', memberIds: [OWNER_ID], method: 'transfer', paidOn: '2026-12-02' } },
      COMMITTEE,
    );
    expect(again).toMatchObject({ ok: false, code: 'CONFLICT' });
    const mine = (await ok<MyDues>(rt, 'dues', 'mine', {}, OWNER)).branches[0]!;
    expect(mine.unpaid).toEqual(['2026-11']);
    expect(mine.payments.map((p) => [p.month, p.amount])).toEqual([
      ['2026-12', AMOUNT],
      ['2026-10', AMOUNT],
      ['2026-09', AMOUNT],
    ]);
    expect(mine.paidThisYear).toBe(3 * AMOUNT);
    // A mistake taken back, with its reason.
    const revoked = await ok<DuesMemberView>(rt, 'dues', 'revoke', { paymentId: `${OWNER_ID}~2026-10`, reason: '登记错了月份' }, SECRETARY);
    expect(revoked.unpaid).toEqual(['2026-10', '2026-11']);
    const log = await ok<{ entries: { action: string; summary: string }[] }>(rt, 'audit', 'list', { orgId: RD, limit: 100 }, SECRETARY);
    const dues = log.entries.filter((e) => e.action.startsWith('dues.'));
    expect(dues.map((e) => e.action).sort()).toEqual(['dues.pay', 'dues.payMonth', 'dues.rate', 'dues.rate', 'dues.revoke']);
    for (const e of dues)
      expect({ summary: e.summary, amount: /987|98765|12\.00|1200/.test(e.summary) }).toEqual({ summary: e.summary, amount: false });
  });

  it('never shows a member’s amount to another member, another branch or the 党委 admin, in any response they can get', async () => {
    const c = clock('2026-12-03T02:00:00Z');
    const rt = await demoRuntime(c.now);
    await withRate(rt);
    expect(await pay(rt, ['2026-09'])).toMatchObject({ ok: true });
    const other = rdMember(1);
    const calls: [string, string, object, { openid: string }][] = [
      ['dues', 'mine', {}, other],
      ['branch', 'todo', {}, other],
      ['branch', 'home', {}, other],
      ['archive', 'mine', {}, other],
      ['points', 'ranking', { orgId: RD, period: 'month' }, other],
      ['service', 'mine', {}, other],
      ['voice', 'home', {}, other],
      ['dues', 'mine', {}, ADMIN],
      ['branch', 'todo', {}, ADMIN],
      ['audit', 'list', { orgId: RD, limit: 100 }, ADMIN],
      ['member', 'list', { orgId: RD, limit: 100 }, ADMIN],
      ['archive', 'get', { orgId: RD, memberId: OWNER_ID }, ADMIN],
      ['points', 'member', { memberId: OWNER_ID }, ADMIN],
      ['lifecycle', 'history', { memberId: OWNER_ID }, ADMIN],
      ['audit', 'list', { orgId: 'org-xh-branch-mk', limit: 100 }, OTHER_SECRETARY],
      ['branch', 'todo', {}, OTHER_SECRETARY],
    ];
    for (const [fn, action, data, who] of calls) {
      const res = await rt.invoke(fn, { action, data }, who);
      expect({ fn, action, ok: res.ok }).toEqual({ fn, action, ok: true });
      const text = JSON.stringify(res);
      expect({ fn, action, leaks: text.includes(String(AMOUNT)) || text.includes('987.65') }).toEqual({ fn, action, leaks: false });
    }
    // The owner and the keepers do see it.
    expect(JSON.stringify(await ok(rt, 'dues', 'mine', {}, OWNER))).toContain(String(AMOUNT));
    expect(JSON.stringify(await ok(rt, 'dues', 'ledger', { orgId: RD, year: 2026 }, SECRETARY))).toContain(String(AMOUNT));
  });

  it('puts dues due on the member’s to-do list (arrears urgent from three months) and takes them off once paid; nobody else gets the item', async () => {
    const c = clock('2026-12-03T02:00:00Z');
    const rt = await demoRuntime(c.now);
    await withRate(rt);
    const item = async (who: { openid: string }) =>
      (await ok<TodoList>(rt, 'branch', 'todo', {}, who)).items.find((i) => i.kind === 'duesDue');
    expect(await item(OWNER)).toMatchObject({ title: '党费：4 个月未交', urgent: true, link: { page: 'myDues' } });
    for (const who of [rdMember(1), SECRETARY, COMMITTEE, OTHER_SECRETARY]) expect(await item(who)).toBeUndefined();
    expect(await pay(rt, ['2026-09', '2026-10', '2026-11'])).toMatchObject({ ok: true });
    expect(await item(OWNER)).toMatchObject({ title: '党费：本月待交', urgent: false });
    expect(await pay(rt, ['2026-12'])).toMatchObject({ ok: true });
    expect(await item(OWNER)).toBeUndefined();
  });

  it('reminds a member in arrears once a month through the outbox, and not one who is paid up', async () => {
    const c = clock('2026-12-05T01:00:00Z');
    const rt = await demoRuntime(c.now);
    await withRate(rt, '2026-10');
    await ok(
      rt,
      'dues',
      'setRate',
      { memberId: rdMembership(1), amount: 1200, basis: '月工资收入按 0.5% 计', since: '2026-11' },
      SECRETARY,
    );
    await ok(
      rt,
      'dues',
      'pay',
      { memberId: rdMembership(1), months: ['2026-11'], method: 'cash', paidOn: '2026-12-01', receiptNo: '' },
      SECRETARY,
    );
    const reminders = async () =>
      ((await rt.db.collection('outbox').limit(100).get()).data as { _id: string; message: { touser: string } }[])
        .filter((d) => d._id.startsWith('duesArrears~'))
        .map((d) => [d._id, d.message.touser]);
    expect((await rt.fireTimer('dues', 'remind')).ok).toBe(true);
    expect((await rt.fireTimer('dues', 'remind')).ok).toBe(true);
    expect(await reminders()).toEqual([[`duesArrears~${OWNER_ID}~2026-12`, OWNER.openid]]);
    c.set('2027-01-05T01:00:00Z');
    expect((await rt.fireTimer('dues', 'remind')).ok).toBe(true);
    expect((await reminders()).map(([id]) => id).sort()).toEqual([
      `duesArrears~${rdMembership(1)}~2027-01`,
      `duesArrears~${OWNER_ID}~2026-12`,
      `duesArrears~${OWNER_ID}~2027-01`,
    ]);
  });

  it('exports the year’s ledger to Excel: a row per member with each month paid, and the payments in detail', async () => {
    const c = clock('2026-12-03T02:00:00Z');
    const rt = await demoRuntime(c.now);
    await withRate(rt);
    expect(await pay(rt, ['2026-09', '2026-10'])).toMatchObject({ ok: true });
    const ledger = await ok<DuesLedger>(rt, 'dues', 'ledger', { orgId: RD, year: 2026 }, COMMITTEE);
    const row = ledger.rows.find((r) => r.memberId === OWNER_ID)!;
    expect(row).toMatchObject({ paid: { 9: AMOUNT, 10: AMOUNT }, unpaid: ['2026-11', '2026-12'], total: 2 * AMOUNT });
    expect(ledger).toMatchObject({ month: '2026-12', monthPaid: 0, monthUnpaid: 1, total: 2 * AMOUNT });
    const { url } = await ok<{ url: string }>(rt, 'dues', 'export', { orgId: RD, year: 2026 }, COMMITTEE);
    const sheet = await readWorkbook(rt, url, '党费台账');
    const owner = sheet.find((r) => r[0] === row.name)!;
    expect(owner.slice(1, 3)).toEqual([987.65, '月工资收入按 1% 计']);
    expect(owner.slice(11, 13)).toEqual([987.65, 987.65]);
    expect(owner.slice(15)).toEqual([1975.3, '2026-11、2026-12']);
    const detail = await readWorkbook(rt, url, '缴纳明细');
    expect(detail.slice(1).map((r) => [r[0], r[1], r[2]])).toEqual([
      ['2026-09', row.name, 987.65],
      ['2026-10', row.name, 987.65],
    ]);
  });
});
