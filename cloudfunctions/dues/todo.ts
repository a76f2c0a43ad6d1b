import { DUES_LOOKBACK_MONTHS, yuan } from '../../typings/service';
import type { TodoProvider } from '../branch/todo';
import { col } from '../common/db';
import { addMonths, monthOf, unpaidMonths } from './dues';

/** 党费: the months the caller owes in each of their branches (this month's from the 1st). Two requests, when they have a rate. */
export const duesTodo: TodoProvider = async (ctx, scope) => {
  if (scope.memberships.length === 0) return [];
  const _ = ctx.db.command;
  const ids = scope.memberships.map((m) => m._id);
  const { data: rates } = await col(ctx.db, 'dues_rates')
    .where({ _id: _.in(ids), amount: _.gt(0) })
    .limit(50)
    .get();
  if (rates.length === 0) return [];
  const now = monthOf(scope.now);
  const { data: payments } = await col(ctx.db, 'dues_payments')
    .where({ memberId: _.in(rates.map((r) => r._id)), month: _.gte(addMonths(now, -(DUES_LOOKBACK_MONTHS - 1))) })
    .limit(1000)
    .get();
  return rates.flatMap((rate) => {
    const membership = scope.memberships.find((x) => x._id === rate._id)!;
    const paid = new Set(payments.filter((p) => p.memberId === rate._id).map((p) => p.month));
    const owed = unpaidMonths(rate, membership.joinedAt, paid, now);
    if (owed.length === 0) return [];
    const arrears = owed.filter((o) => o < now).length;
    return [
      {
        id: `duesDue~${rate._id}`,
        kind: 'duesDue' as const,
        title: arrears ? `党费：${owed.length} 个月未交` : '党费：本月待交',
        detail: `每月 ${yuan(rate.amount)} 元 · 共 ${yuan(rate.amount * owed.length)} 元，请向支部组织委员缴纳`,
        dueAt: null,
        link: { page: 'myDues' as const, query: {} },
        urgent: arrears >= 3,
      },
    ];
  });
};
