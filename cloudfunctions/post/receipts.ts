import type { PostReceipts, PostTrends } from '../../typings/domain';
import { inShanghai } from '../../typings/time';
import { type HandlerContext } from '../common/context';
import { col, isDuplicate, type PostDoc } from '../common/db';
import type { Handler } from '../common/define';
import { AppError } from '../common/errors';
import { send } from '../common/outbox';
import { orgNames } from '../org/view';
import { isLive } from './view';
import { pageLink } from '../../typings/pages';

const percent = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : 0);

/** The audience as it is now, and who of them has read (and confirmed) the post. */
async function audienceReads(ctx: HandlerContext, p: PostDoc) {
  const _ = ctx.db.command;
  const [{ data: members }, { data: reads }] = await Promise.all([
    p.audienceOrgIds.length
      ? col(ctx.db, 'memberships')
          .where({ orgId: _.in(p.audienceOrgIds), status: 'active' })
          .orderBy('nameKey', 'asc')
          .limit(1000)
          .get()
      : Promise.resolve({ data: [] }),
    col(ctx.db, 'post_reads').where({ postId: p._id }).limit(1000).get(),
  ]);
  const byOpenid = new Map(reads.map((r) => [r.openid, r]));
  return { members: members, byOpenid };
}

const nextShanghaiMidnight = (now: Date) => inShanghai(now).add(1, 'day').startOf('day').toDate();

export const receipts: Handler<'post', 'receipts'> = async (_input, ctx) => {
  const p = ctx.grant.doc;
  const { members, byOpenid } = await audienceReads(ctx, p);
  const names = await orgNames(ctx.db, p.audienceOrgIds);
  const rows = members.map((m) => {
    const r = byOpenid.get(m.openid);
    return {
      memberId: m._id,
      name: m.name,
      orgName: names.get(m.orgId) ?? '',
      readAt: r ? new Date(r.readAt).toISOString() : null,
      confirmedAt: r?.confirmedAt ? new Date(r.confirmedAt).toISOString() : null,
    };
  });
  // The unread first: they are who the secretary acts on.
  rows.sort((a, b) => Number(Boolean(a.readAt)) - Number(Boolean(b.readAt)));
  const read = rows.filter((r) => r.readAt).length;
  const confirmed = rows.filter((r) => r.confirmedAt).length;
  const today = inShanghai(ctx.now).format('YYYY-MM-DD');
  const reminded = (await col(ctx.db, 'post_reminders').doc(`${p._id}~${today}`).get()).data.length > 0;
  return {
    postId: p._id,
    audience: rows.length,
    read,
    confirmed,
    readRate: percent(read, rows.length),
    confirmRate: p.mustReadBy ? percent(confirmed, rows.length) : null,
    counts: p.counts,
    members: rows,
    remindAvailableAt: reminded ? nextShanghaiMidnight(ctx.now).toISOString() : null,
  } satisfies PostReceipts;
};

/** Reminds the audience members who have not read it, once per post per Beijing day (claimed by a fixed id). */
export const remind: Handler<'post', 'remind'> = async (_input, ctx) => {
  const p = ctx.grant.doc;
  if (!isLive(p, ctx.now)) throw new AppError('CONFLICT', '只有已发布的内容可以提醒阅读');
  const nextAt = nextShanghaiMidnight(ctx.now).toISOString();
  try {
    await col(ctx.db, 'post_reminders').add({ _id: `${p._id}~${inShanghai(ctx.now).format('YYYY-MM-DD')}`, postId: p._id, at: ctx.now });
  } catch (e) {
    if (!isDuplicate(e)) throw e;
    throw new AppError('RATE_LIMITED', '今天已经提醒过了，明天可以再提醒一次');
  }
  const { members, byOpenid } = await audienceReads(ctx, p);
  // Roster entries not yet on WeChat get nothing: sendSubscribe skips them.
  const unread = members.filter((m) => !byOpenid.has(m.openid));
  const orgName = (await orgNames(ctx.db, [p.orgId])).get(p.orgId) ?? '';
  const day = inShanghai(ctx.now).format('YYYY-MM-DD');
  const reminded = await send(
    ctx,
    unread.map((m) => ({
      id: `postReminder~${p._id}~${day}~${m.openid}`,
      template: 'postReminder',
      message: {
        touser: m.openid,
        page: pageLink('postDetail', { id: p._id }),
        data: {
          thing1: { value: p.title.slice(0, 20) },
          thing2: { value: orgName.slice(0, 20) },
          thing3: { value: p.mustReadBy ? '请阅读并确认已阅知' : '请及时阅读' },
        },
      },
    })),
  );
  return { reminded, nextAt };
};

export const trends: Handler<'post', 'trends'> = async (input, ctx) => {
  const org = ctx.grant.unit;
  const _ = ctx.db.command;
  const from = inShanghai(new Date(`${input.year}-01-01T00:00:00+08:00`)).toDate();
  const to = inShanghai(new Date(`${input.year + 1}-01-01T00:00:00+08:00`)).toDate();
  const { data } = await col(ctx.db, 'posts')
    .where({ orgId: org._id, status: 'published', publishAt: _.and(_.gte(from), _.lt(to)) })
    .limit(1000)
    .get();
  const posts = data.filter((p) => isLive(p, ctx.now));
  const rate = (p: PostDoc) => (p.audienceSize ? Math.min(100, percent(p.counts.readers, p.audienceSize)) : null);
  const months = Array.from({ length: 12 }, (_v, i) => {
    const inMonth = posts.filter((p) => inShanghai(p.publishAt!).month() === i);
    const rates = inMonth.map(rate).filter((r): r is number => r !== null);
    return {
      month: i + 1,
      published: inMonth.length,
      averageReadRate: rates.length ? Math.round((rates.reduce((a, b) => a + b, 0) / rates.length) * 10) / 10 : null,
    };
  });
  const top = posts
    .map((p) => ({ id: p._id, title: p.title, kind: p.kind, readRate: rate(p) ?? 0, views: p.counts.views, shares: p.counts.shares }))
    .sort((a, b) => b.readRate - a.readRate || b.views - a.views)
    .slice(0, 5);
  return { orgId: org._id, year: input.year, months, top } satisfies PostTrends;
};
