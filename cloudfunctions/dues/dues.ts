import ExcelJS from 'exceljs';
import { pageLink } from '../../typings/pages';
import {
  DUES_LOOKBACK_MONTHS,
  DUES_METHOD_LABEL,
  yuan,
  type DuesLedgerRow,
  type DuesMemberView,
  type DuesPaymentView,
} from '../../typings/service';
import { inShanghai } from '../../typings/time';
import { audit } from '../common/audit';
import type { HandlerContext } from '../common/context';
import { col, isDuplicate, type DuesPaymentDoc, type DuesRateDoc, type MembershipDoc } from '../common/db';
import type { Handler, TimerHandler } from '../common/define';
import { AppError } from '../common/errors';
import { send, type Outgoing } from '../common/outbox';
import { publishWorkbook } from '../common/sheets';
import { orgNames } from '../org/view';

/**
 * 党费 records. Amounts (in fen) are the member's and their branch's business only: they are returned to
 * the member themself and to the branch's secretaries and 组织委员 (the permission table), never written into
 * the audit log (which the units above read), and never into anything another member sees.
 */

/** `YYYY-MM` of an instant in Beijing. */
export const monthOf = (d: Date | string) => inShanghai(d).format('YYYY-MM');

/** The months from `from` to `to` (both YYYY-MM), in order. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** `YYYY-MM` moved by `n` months. */
export const addMonths = (month: string, n: number) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
};

/**
 * The months a member owes, oldest first, up to `until` (this month included): from the later of their
 * rate's first month and the month they joined, at most DUES_LOOKBACK_MONTHS back. None without a rate, or at 0 (免交).
 */
export function unpaidMonths(
  rate: Pick<DuesRateDoc, 'amount' | 'since'> | undefined,
  joinedAt: Date,
  paid: Set<string>,
  until: string,
  from = addMonths(until, -(DUES_LOOKBACK_MONTHS - 1)),
): string[] {
  if (!rate || rate.amount === 0) return [];
  const start = [rate.since, monthOf(joinedAt), from].sort().at(-1)!;
  return monthsBetween(start, until).filter((m) => !paid.has(m));
}

const rateView = (r: DuesRateDoc | undefined) => (r ? { amount: r.amount, basis: r.basis, since: r.since } : null);

const paymentView = (p: DuesPaymentDoc): DuesPaymentView => ({
  id: p._id,
  month: p.month,
  amount: p.amount,
  method: p.method,
  paidOn: p.paidOn,
  receiptNo: p.receiptNo,
  recordedBy: p.recordedBy,
});

export const paymentId = (memberId: string, month: string) => `${memberId}~${month}`;

/** Rates and recent payments of some members: two requests. */
async function ledgerOf(ctx: Pick<HandlerContext, 'db'>, memberIds: string[], fromMonth: string) {
  if (memberIds.length === 0) return { rates: new Map<string, DuesRateDoc>(), payments: [] as DuesPaymentDoc[] };
  const _ = ctx.db.command;
  const [{ data: rates }, { data: payments }] = await Promise.all([
    col(ctx.db, 'dues_rates')
      .where({ _id: _.in(memberIds) })
      .limit(1000)
      .get(),
    col(ctx.db, 'dues_payments')
      .where({ memberId: _.in(memberIds), month: _.gte(fromMonth) })
      .orderBy('month', 'desc')
      .limit(1000)
      .get(),
  ]);
  return { rates: new Map(rates.map((r) => [r._id, r])), payments };
}

export const mine: Handler<'dues', 'mine'> = async (_input, ctx) => {
  const { data: memberships } = await col(ctx.db, 'memberships').where({ openid: ctx.caller.openid, status: 'active' }).limit(50).get();
  const branches = memberships.filter((m) => m.role !== 'admin' || memberships.length === 1);
  const now = monthOf(ctx.now);
  const from = addMonths(now, -(DUES_LOOKBACK_MONTHS - 1));
  const [{ rates, payments }, names] = await Promise.all([
    ledgerOf(
      ctx,
      branches.map((m) => m._id),
      from,
    ),
    orgNames(
      ctx.db,
      branches.map((m) => m.orgId),
    ),
  ]);
  const year = now.slice(0, 4);
  return {
    branches: branches.map((m) => {
      const own = payments.filter((p) => p.memberId === m._id);
      return {
        orgId: m.orgId,
        orgName: names.get(m.orgId) ?? '',
        rate: rateView(rates.get(m._id)),
        unpaid: unpaidMonths(rates.get(m._id), m.joinedAt, new Set(own.map((p) => p.month)), now),
        payments: own.map(paymentView),
        paidThisYear: own.filter((p) => p.month.startsWith(year)).reduce((n, p) => n + p.amount, 0),
      };
    }),
  };
};

async function memberView(ctx: Pick<HandlerContext, 'db' | 'now'>, m: MembershipDoc, orgName: string): Promise<DuesMemberView> {
  const now = monthOf(ctx.now);
  const { rates, payments } = await ledgerOf(ctx, [m._id], addMonths(now, -(DUES_LOOKBACK_MONTHS - 1)));
  return {
    memberId: m._id,
    name: m.name,
    orgName,
    rate: rateView(rates.get(m._id)),
    payments: payments.map(paymentView),
    unpaid: unpaidMonths(rates.get(m._id), m.joinedAt, new Set(payments.map((p) => p.month)), now),
  };
}

export const member: Handler<'dues', 'member'> = async (_input, ctx) => memberView(ctx, ctx.grant.doc, ctx.grant.unit.name);

/** The keeper's name as the records show it (their name in the branch). */
async function keeperName(ctx: HandlerContext & { caller: { openid: string } }, orgId: string): Promise<string> {
  const { data } = await col(ctx.db, 'memberships').where({ openid: ctx.caller.openid, orgId, status: 'active' }).limit(1).get();
  return data[0]?.name ?? '';
}

export const setRate: Handler<'dues', 'setRate'> = async (input, ctx) => {
  const m = ctx.grant.doc;
  if (m.status !== 'active') throw new AppError('CONFLICT', '该党员已不在本支部');
  const doc: Omit<DuesRateDoc, '_id'> = {
    orgId: m.orgId,
    memberId: m._id,
    openid: m.openid,
    amount: input.amount,
    basis: input.basis,
    since: input.since,
    updatedAt: ctx.now,
    updatedBy: await keeperName(ctx, m.orgId),
  };
  await col(ctx.db, 'dues_rates').doc(m._id).set(doc);
  // The amount stays out of the log: the units above read it.
  await audit(ctx, {
    orgId: m.orgId,
    action: 'dues.rate',
    targetType: 'membership',
    targetId: m._id,
    summary: `设置了${m.name}的党费缴纳标准（自 ${input.since} 起）`,
  });
  return memberView(ctx, m, ctx.grant.unit.name);
};

function checkPaidOn(paidOn: string, now: Date): void {
  if (paidOn > inShanghai(now).format('YYYY-MM-DD')) throw new AppError('INVALID_INPUT', '缴纳日期不能晚于今天');
}

/** Months a payment may be for: the look-back window up to a year ahead (预交). */
function checkMonths(months: string[], now: Date): void {
  const current = monthOf(now);
  const earliest = addMonths(current, -(DUES_LOOKBACK_MONTHS - 1));
  const latest = addMonths(current, 12);
  const bad = months.find((m) => m < earliest || m > latest);
  if (bad) throw new AppError('INVALID_INPUT', `只能登记 ${earliest} 至 ${latest} 的党费`);
  if (new Set(months).size !== months.length) throw new AppError('INVALID_INPUT', '月份重复');
}

export const pay: Handler<'dues', 'pay'> = async (input, ctx) => {
  const m = ctx.grant.doc;
  checkPaidOn(input.paidOn, ctx.now);
  checkMonths(input.months, ctx.now);
  const rate = (await col(ctx.db, 'dues_rates').doc(m._id).get()).data[0];
  const amount = input.amount ?? rate?.amount;
  if (amount === undefined) throw new AppError('INVALID_INPUT', '请先设置该党员的党费缴纳标准，或填写金额');
  const _ = ctx.db.command;
  const ids = input.months.map((month) => paymentId(m._id, month));
  const { data: existing } = await col(ctx.db, 'dues_payments')
    .where({ _id: _.in(ids) })
    .limit(24)
    .get();
  if (existing.length) {
    throw new AppError(
      'CONFLICT',
      `${existing
        .map((p) => p.month)
        .sort()
        .join('、')} 已有缴纳记录`,
    );
  }
  const recordedBy = await keeperName(ctx, m.orgId);
  const written: string[] = [];
  for (const month of [...input.months].sort()) {
    const doc: DuesPaymentDoc = {
      _id: paymentId(m._id, month),
      orgId: m.orgId,
      memberId: m._id,
      openid: m.openid,
      month,
      amount,
      method: input.method,
      paidOn: input.paidOn,
      receiptNo: input.receiptNo,
      recordedBy,
      recordedAt: ctx.now,
    };
    try {
      await col(ctx.db, 'dues_payments').add(doc);
      written.push(month);
    } catch (e) {
      if (!isDuplicate(e)) throw e;
      // Recorded meanwhile by another keeper: this request's earlier months go back, nothing half-done stays.
      if (written.length) {
        await col(ctx.db, 'dues_payments')
          .where({ _id: _.in(written.map((w) => paymentId(m._id, w))), recordedAt: ctx.now })
          .remove();
      }
      throw new AppError('CONFLICT', `${month} 已有缴纳记录`);
    }
  }
  await audit(ctx, {
    orgId: m.orgId,
    action: 'dues.pay',
    targetType: 'membership',
    targetId: m._id,
    summary: `登记了${m.name} ${input.months.length} 个月的党费（${[...input.months].sort().join('、')}，${DUES_METHOD_LABEL[input.method]}）`,
  });
  return memberView(ctx, m, ctx.grant.unit.name);
};

export const payMonth: Handler<'dues', 'payMonth'> = async (input, ctx) => {
  const unit = ctx.grant.unit;
  checkPaidOn(input.paidOn, ctx.now);
  checkMonths([input.month], ctx.now);
  const _ = ctx.db.command;
  const ids = [...new Set(input.memberIds)];
  const { data: members } = await col(ctx.db, 'memberships')
    .where({ _id: _.in(ids), orgId: unit._id, status: 'active' })
    .limit(500)
    .get();
  if (members.length !== ids.length) throw new AppError('INVALID_INPUT', '名单中有不在本支部的党员，请刷新后重试');
  const { rates, payments } = await ledgerOf(ctx, ids, input.month);
  const paid = new Set(payments.filter((p) => p.month === input.month).map((p) => p.memberId));
  const recordedBy = await keeperName(ctx, unit._id);
  let recorded = 0;
  let skipped = 0;
  for (const m of members) {
    const rate = rates.get(m._id);
    // No amount set, 免交 (0), or already paid: nothing to record for them.
    if (!rate || rate.amount === 0 || paid.has(m._id)) {
      skipped += 1;
      continue;
    }
    try {
      await col(ctx.db, 'dues_payments').add({
        _id: paymentId(m._id, input.month),
        orgId: unit._id,
        memberId: m._id,
        openid: m.openid,
        month: input.month,
        amount: rate.amount,
        method: input.method,
        paidOn: input.paidOn,
        receiptNo: '',
        recordedBy,
        recordedAt: ctx.now,
      });
      recorded += 1;
    } catch (e) {
      if (!isDuplicate(e)) throw e;
      skipped += 1;
    }
  }
  if (recorded === 0) throw new AppError('CONFLICT', `所选党员 ${input.month} 的党费都已登记，或尚未设置缴纳标准`);
  await audit(ctx, {
    orgId: unit._id,
    action: 'dues.payMonth',
    targetType: 'org',
    targetId: unit._id,
    summary: `批量登记 ${input.month} 党费 ${recorded} 人（${DUES_METHOD_LABEL[input.method]}）${skipped ? `，跳过 ${skipped} 人（已登记或未设标准）` : ''}`,
  });
  return { recorded, skipped };
};

export const revoke: Handler<'dues', 'revoke'> = async (input, ctx) => {
  const p = ctx.grant.doc;
  const m = (await col(ctx.db, 'memberships').doc(p.memberId).get()).data[0];
  if (!m) throw new AppError('NOT_FOUND', '党员不存在');
  await col(ctx.db, 'dues_payments').doc(p._id).remove();
  await audit(ctx, {
    orgId: p.orgId,
    action: 'dues.revoke',
    targetType: 'membership',
    targetId: p.memberId,
    summary: `撤销了${m.name} ${p.month} 的党费记录：${input.reason}`,
  });
  return memberView(ctx, m, ctx.grant.unit.name);
};

/** The year's ledger of a branch: its members (and those who left but paid this year), by name. */
async function yearLedger(ctx: HandlerContext, orgId: string, year: number) {
  const _ = ctx.db.command;
  const [{ data: active }, { data: payments }, { data: rates }] = await Promise.all([
    col(ctx.db, 'memberships').where({ orgId, status: 'active' }).orderBy('nameKey', 'asc').limit(1000).get(),
    col(ctx.db, 'dues_payments')
      .where({ orgId, month: _.gte(`${year}-01`).and(_.lte(`${year}-12`)) })
      .limit(1000)
      .get(),
    col(ctx.db, 'dues_rates').where({ orgId }).limit(1000).get(),
  ]);
  const known = new Set(active.map((m) => m._id));
  const gone = [...new Set(payments.map((p) => p.memberId).filter((id) => !known.has(id)))];
  const { data: left } = gone.length
    ? await col(ctx.db, 'memberships')
        .where({ _id: _.in(gone) })
        .limit(1000)
        .get()
    : { data: [] };
  const rateOf = new Map(rates.map((r) => [r._id, r]));
  const current = monthOf(ctx.now);
  const until = `${year}` < current.slice(0, 4) ? `${year}-12` : current;
  const rows = [...active, ...left].map((m): DuesLedgerRow => {
    const own = payments.filter((p) => p.memberId === m._id);
    const rate = rateOf.get(m._id);
    return {
      memberId: m._id,
      name: m.name,
      rate: rateView(rate),
      paid: Object.fromEntries(own.map((p) => [String(Number(p.month.slice(5))), p.amount])),
      unpaid:
        m.status === 'active' && `${year}` <= current.slice(0, 4)
          ? unpaidMonths(rate, m.joinedAt, new Set(own.map((p) => p.month)), until, `${year}-01`)
          : [],
      total: own.reduce((n, p) => n + p.amount, 0),
    };
  });
  return { rows, payments, month: until };
}

export const ledger: Handler<'dues', 'ledger'> = async (input, ctx) => {
  const unit = ctx.grant.unit;
  const { rows, month } = await yearLedger(ctx, unit._id, input.year);
  const key = String(Number(month.slice(5)));
  const due = rows.filter((r) => r.rate && r.rate.amount > 0 && r.rate.since <= month);
  return {
    orgId: unit._id,
    orgName: unit.name,
    year: input.year,
    rows,
    month,
    monthPaid: rows.filter((r) => r.paid[key] !== undefined).length,
    monthUnpaid: due.filter((r) => r.paid[key] === undefined && r.unpaid.includes(month)).length,
    total: rows.reduce((n, r) => n + r.total, 0),
  };
};

export const exportLedger: Handler<'dues', 'export'> = async (input, ctx) => {
  const unit = ctx.grant.unit;
  const { rows, payments } = await yearLedger(ctx, unit._id, input.year);
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('党费台账');
  sheet.addRow([`${unit.name} ${input.year} 年党费收缴台账（单位：元）`]);
  sheet.addRow(['姓名', '月缴纳额', '计算依据', ...Array.from({ length: 12 }, (_, i) => `${i + 1}月`), '合计', '未交月份']);
  for (const r of rows) {
    sheet.addRow([
      r.name,
      r.rate ? Number(yuan(r.rate.amount)) : '',
      r.rate?.basis ?? '未设置',
      ...Array.from({ length: 12 }, (_, i) => (r.paid[String(i + 1)] !== undefined ? Number(yuan(r.paid[String(i + 1)]!)) : '')),
      Number(yuan(r.total)),
      r.unpaid.join('、'),
    ]);
  }
  sheet.addRow(['合计', '', '', ...Array.from({ length: 12 }, () => ''), Number(yuan(rows.reduce((n, r) => n + r.total, 0))), '']);
  sheet.getColumn(3).width = 24;
  sheet.getColumn(17).width = 30;
  const names = new Map(rows.map((r) => [r.memberId, r.name]));
  const detail = book.addWorksheet('缴纳明细');
  detail.addRow(['月份', '姓名', '金额（元）', '方式', '缴纳日期', '收据编号', '登记人']);
  for (const p of [...payments].sort((a, b) => a.month.localeCompare(b.month) || a.memberId.localeCompare(b.memberId))) {
    detail.addRow([
      p.month,
      names.get(p.memberId) ?? '',
      Number(yuan(p.amount)),
      DUES_METHOD_LABEL[p.method],
      p.paidOn,
      p.receiptNo,
      p.recordedBy,
    ]);
  }
  await audit(ctx, {
    orgId: unit._id,
    action: 'dues.export',
    targetType: 'org',
    targetId: unit._id,
    summary: `导出了 ${input.year} 年党费台账`,
  });
  return { url: await publishWorkbook(ctx, book) };
};

/**
 * Monthly (the 5th): each member with months unpaid before this one is reminded once (the outbox key is the
 * member and the month, so a second run in the month sends nothing more). Claimed, sent, marked by the outbox.
 */
export const remind: TimerHandler = async (ctx) => {
  const current = monthOf(ctx.now);
  const lastMonth = addMonths(current, -1);
  const _ = ctx.db.command;
  let sent = 0;
  let after = '';
  for (;;) {
    const { data: rates } = await col(ctx.db, 'dues_rates')
      .where({ _id: _.gt(after), amount: _.gt(0) })
      .orderBy('_id', 'asc')
      .limit(100)
      .get();
    if (rates.length === 0) break;
    after = rates.at(-1)!._id;
    const ids = rates.map((r) => r._id);
    const [{ data: members }, { payments }] = await Promise.all([
      col(ctx.db, 'memberships')
        .where({ _id: _.in(ids), status: 'active' })
        .limit(100)
        .get(),
      ledgerOf(ctx, ids, addMonths(current, -(DUES_LOOKBACK_MONTHS - 1))),
    ]);
    const names = await orgNames(
      ctx.db,
      members.map((m) => m.orgId),
    );
    const rateOf = new Map(rates.map((r) => [r._id, r]));
    const messages: Outgoing[] = members.flatMap((m) => {
      if (m.openid.startsWith('roster:')) return [];
      const paid = new Set(payments.filter((p) => p.memberId === m._id).map((p) => p.month));
      const owed = unpaidMonths(rateOf.get(m._id), m.joinedAt, paid, lastMonth);
      if (owed.length === 0) return [];
      return [
        {
          id: `duesArrears~${m._id}~${current}`,
          template: 'postReminder' as const,
          message: {
            touser: m.openid,
            page: pageLink('myDues'),
            data: {
              thing1: { value: '党费缴纳提醒' },
              thing2: { value: (names.get(m.orgId) ?? '').slice(0, 20) },
              thing3: { value: `你有 ${owed.length} 个月的党费尚未缴纳` },
            },
          },
        },
      ];
    });
    sent += await send(ctx, messages);
    if (rates.length < 100) break;
  }
  return sent;
};

/** 党费 in the person's own data export: their amounts and payments in every branch (the records stay with the branch). */
export async function duesOf(ctx: Pick<HandlerContext, 'db'>, openid: string) {
  const [{ data: rates }, { data: payments }] = await Promise.all([
    col(ctx.db, 'dues_rates').where({ openid }).limit(100).get(),
    col(ctx.db, 'dues_payments').where({ openid }).orderBy('month', 'desc').limit(1000).get(),
  ]);
  return {
    rates: rates.map((r) => ({ orgId: r.orgId, amount: yuan(r.amount), basis: r.basis, since: r.since })),
    payments: payments.map((p) => ({
      month: p.month,
      amount: yuan(p.amount),
      method: DUES_METHOD_LABEL[p.method],
      paidOn: p.paidOn,
      receiptNo: p.receiptNo,
    })),
  };
}
