import type { TodoItem } from '../../typings/domain';
import { inShanghai } from '../../typings/time';
import type { TodoProvider } from '../branch/todo';
import { col } from '../common/db';
import { checkinOpen } from './projects';

const DAY = 24 * 3_600_000;
const when = (d: Date | string) => inShanghai(d).format('M月D日 HH:mm');
const iso = (d: Date | string) => new Date(d).toISOString();

/**
 * 志愿服务 and 微心愿 on the to-do list: the caller's slots this week (check-in when it is open), the
 * wishes they claimed and not yet done, their own wishes done and waiting for their confirmation; for
 * leaders, slots whose volunteers' hours wait to be confirmed and wishes waiting for review. Residents
 * (no memberships) get theirs too. Two requests side by side, and the projects of the caller's slots when they have any.
 */
export const serviceTodo: TodoProvider = async (ctx, scope) => {
  const _ = ctx.db.command;
  const now = scope.now.getTime();
  const wishWhere = [
    { claimerOpenid: scope.openid, state: 'claimed' },
    { openid: scope.openid, state: 'done' },
    ...(scope.led.length ? [{ orgId: _.in(scope.led), state: 'pending' }] : []),
  ];
  // One read for the caller's own slots and, for leaders, their units' check-ins still without confirmed hours.
  const slotsWhere = [
    { openid: scope.openid, status: 'signed', endAt: _.gt(scope.now), startAt: _.lt(new Date(now + 7 * DAY)) },
    ...(scope.led.length ? [{ orgId: _.in(scope.led), confirmedAt: null, checkedInAt: _.neq(null), status: 'signed' }] : []),
  ];
  const [{ data: signups }, { data: wishes }] = await Promise.all([
    col(ctx.db, 'service_signups').where(_.or(slotsWhere)).limit(500).get(),
    col(ctx.db, 'wishes').where(_.or(wishWhere)).limit(100).get(),
  ]);
  const mine = signups.filter((s) => s.openid === scope.openid && new Date(s.endAt).getTime() > now);
  const toConfirm = signups.filter((s) => scope.led.includes(s.orgId) && s.checkedInAt && !s.confirmedAt);
  const projectIds = [...new Set(mine.map((s) => s.projectId))];
  const { data: projects } = projectIds.length
    ? await col(ctx.db, 'service_projects')
        .where({ _id: _.in(projectIds), cancelled: false })
        .limit(50)
        .get()
    : { data: [] };
  const byId = new Map(projects.map((p) => [p._id, p]));
  const today = inShanghai(scope.now).format('YYYY-MM-DD');
  const items: TodoItem[] = mine.flatMap((s): TodoItem[] => {
    const p = byId.get(s.projectId);
    if (!p || s.checkedInAt) return [];
    const link = { page: 'serviceProject' as const, query: { id: p._id } };
    const open = checkinOpen(s, scope.now);
    return [
      {
        id: `serviceSlot~${s._id}`,
        kind: 'serviceSlot',
        title: `${open || inShanghai(s.startAt).format('YYYY-MM-DD') === today ? '今天' : ''}志愿服务「${p.title}」`,
        detail: `${when(s.startAt)} · ${p.place}`,
        dueAt: iso(s.startAt),
        link,
        urgent: open || inShanghai(s.startAt).format('YYYY-MM-DD') === today,
        ...(open ? { checkin: true } : {}),
      },
    ];
  });
  for (const w of wishes) {
    const link = { page: 'wish' as const, query: { id: w._id } };
    if (w.claimerOpenid === scope.openid && w.state === 'claimed') {
      items.push({
        id: `wishClaimed~${w._id}`,
        kind: 'wishClaimed',
        title: `微心愿「${w.title}」`,
        detail: `你已认领，完成后请上传照片`,
        dueAt: null,
        link,
        urgent: false,
      });
    } else if (w.openid === scope.openid && w.state === 'done') {
      items.push({
        id: `wishConfirm~${w._id}`,
        kind: 'wishConfirm',
        title: `你的心愿「${w.title}」已完成`,
        detail: '请看看完成情况并确认',
        dueAt: null,
        link,
        urgent: false,
      });
    }
  }
  const perUnit = (rows: { orgId: string }[], kind: 'wishReview' | 'serviceHours', what: string, page: 'wishInbox' | 'serviceProjects') => {
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r.orgId, (counts.get(r.orgId) ?? 0) + 1);
    return [...counts].map(([orgId, n]): TodoItem => ({
      id: `${kind}~${orgId}`,
      kind,
      title: `${n} ${what}`,
      detail: '请及时处理',
      dueAt: null,
      link: { page, query: { orgId } },
      urgent: false,
    }));
  };
  items.push(
    ...perUnit(
      wishes.filter((w) => w.state === 'pending' && scope.led.includes(w.orgId)),
      'wishReview',
      '个微心愿待审核',
      'wishInbox',
    ),
  );
  // Hours to confirm once the slot is over (while it runs, volunteers are still arriving).
  items.push(
    ...perUnit(
      toConfirm.filter((s) => new Date(s.endAt).getTime() <= now),
      'serviceHours',
      '人的志愿服务时长待确认',
      'serviceProjects',
    ),
  );
  return items;
};
