import type { PostCard, PostFeed, PostView } from '../../typings/domain';
import { INTERACTIVE_POST_KINDS, STUDY_POST_KINDS } from '../../typings/domain';
import { audienceMembership, leadership } from '../common/authz';
import { type HandlerContext } from '../common/context';
import { decodeCursor, encodeCursor, escapeRegExp } from '../common/cursor';
import { col, isDuplicate, readId, type PostAudienceDoc, type PostDoc, type PostReadDoc } from '../common/db';
import type { Handler } from '../common/define';
import { AppError } from '../common/errors';
import { award, EVENT_KEYS } from '../common/points';
import { DRAFTERS, LEADERS } from '../common/permissions';
import { orgNames } from '../org/view';
import { attachmentsView, bodyView, fileUrls, isLive, toCard } from './view';

/** The audience keys of the caller's units. */
async function keysOf(ctx: HandlerContext, openid: string): Promise<string[]> {
  const { data } = await col(ctx.db, 'memberships').where({ openid, status: 'active' }).limit(50).get();
  return data.map((m) => `org:${m.orgId}`);
}

/** One key as an equality (an index walk in order), several as `$in`. */
const keyCondition = (ctx: HandlerContext, keys: string[]) => (keys.length === 1 ? keys[0]! : ctx.db.command.in(keys));

/** Cards for audience rows, in their order, each post once, with the caller's read marks. */
async function cards(ctx: HandlerContext, openid: string, rows: PostAudienceDoc[]): Promise<PostCard[]> {
  const ids = [...new Set(rows.map((r) => r.postId))];
  if (ids.length === 0) return [];
  const _ = ctx.db.command;
  const [{ data: posts }, { data: reads }] = await Promise.all([
    col(ctx.db, 'posts')
      .where({ _id: _.in(ids) })
      .limit(100)
      .get(),
    col(ctx.db, 'post_reads')
      .where({ _id: _.in(ids.map((id) => readId(id, openid))) })
      .limit(100)
      .get(),
  ]);
  const byId = new Map(posts.map((p) => [p._id, p]));
  const readBy = new Map(reads.map((r) => [r.postId, r]));
  const live = ids.flatMap((id) => {
    const p = byId.get(id);
    return p && isLive(p, ctx.now) ? [p] : [];
  });
  const [names, urls] = await Promise.all([
    orgNames(
      ctx.db,
      live.map((p) => p.orgId),
    ),
    fileUrls(ctx, live, false),
  ]);
  return live.map((p) =>
    toCard(p, names.get(p.orgId) ?? '', urls, { read: readBy.has(p._id), confirmed: Boolean(readBy.get(p._id)?.confirmedAt) }, ctx.now),
  );
}

export const feed: Handler<'post', 'feed'> = async (_input, ctx) => {
  const { openid } = ctx.caller;
  const keys = await keysOf(ctx, openid);
  if (keys.length === 0) return { pinned: [], latest: [], unread: 0 } satisfies PostFeed;
  const _ = ctx.db.command;
  // Every condition is on the indexes (key, publishAt, pinnedUntil): the feed reads the newest rows, however many there are.
  // 系列课 live in 学习, not among the notices.
  const visible = { key: keyCondition(ctx, keys), publishAt: _.lte(ctx.now), kind: _.neq('course') };
  const [{ data: pinnedRows }, { data: recentRows }] = await Promise.all([
    col(ctx.db, 'post_audience')
      .where({ ...visible, pinnedUntil: _.gt(ctx.now) })
      .orderBy('pinnedUntil', 'asc')
      .limit(10)
      .get(),
    col(ctx.db, 'post_audience').where(visible).orderBy('publishAt', 'desc').orderBy('postId', 'desc').limit(100).get(),
  ]);
  const byNewest = (a: PostAudienceDoc, b: PostAudienceDoc) => new Date(b.publishAt).getTime() - new Date(a.publishAt).getTime();
  const recent = recentRows;
  const recentIds = [...new Set(recent.map((r) => r.postId))];
  const { data: reads } = await col(ctx.db, 'post_reads')
    .where({ _id: _.in(recentIds.map((id) => readId(id, openid))) })
    .limit(100)
    .get();
  const pinned = await cards(ctx, openid, pinnedRows.sort(byNewest));
  const pinnedIds = new Set(pinned.map((p) => p.id));
  const latest = await cards(ctx, openid, recent.filter((r) => !pinnedIds.has(r.postId)).slice(0, 5));
  return { pinned, latest, unread: Math.min(99, recentIds.length - reads.length) };
};

interface ListCursor {
  at: number;
  id: string;
}

export const list: Handler<'post', 'list'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  const keys = await keysOf(ctx, openid);
  if (keys.length === 0) return { posts: [], nextCursor: null };
  const _ = ctx.db.command;
  const limit = input.limit ?? 20;
  // The cursor is the last row's (publishAt, postId): rows up to its time, dropping those at that very time already shown.
  // Kept to conditions the indexes decide, so a page costs the same at the 10,000th post as at the first.
  const c = input.cursor ? decodeCursor<ListCursor>(input.cursor, (v) => typeof v['at'] === 'number' && typeof v['id'] === 'string') : null;
  const until = c && c.at < ctx.now.getTime() ? new Date(c.at) : ctx.now;
  const where: Record<string, unknown> = { key: keyCondition(ctx, keys), publishAt: _.lte(until) };
  where['kind'] = input.kind ?? _.neq('course');
  if (input.q) where['title'] = ctx.db.RegExp({ regexp: escapeRegExp(input.q), options: 'i' });
  const TIES = 20;
  const { data } = await col(ctx.db, 'post_audience')
    .where(where)
    .orderBy('publishAt', 'desc')
    .orderBy('postId', 'desc')
    .limit(limit + 1 + (c ? TIES : 0))
    .get();
  const rows = data.filter((r) => !c || new Date(r.publishAt).getTime() < c.at || r.postId < c.id).slice(0, limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    posts: await cards(ctx, openid, page),
    nextCursor: rows.length > limit && last ? encodeCursor({ at: new Date(last.publishAt).getTime(), id: last.postId }) : null,
  };
};

const GONE = '内容不存在或已撤回';

/** Who the caller is to a post: in its audience, one of its editors, or someone a card reached. */
async function standing(ctx: HandlerContext, openid: string, p: PostDoc) {
  const [membership, { unit, roles, leads }] = await Promise.all([
    audienceMembership(ctx.db, openid, p),
    leadership(ctx.db, openid, p.orgId, DRAFTERS),
  ]);
  // Receipts, corrections and withdrawals of a published post are the leaders' (see the permission table).
  return { membership, unit, editor: leads, manager: roles.some((r) => LEADERS.includes(r)) };
}

export const detail: Handler<'post', 'detail'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  const p = (await col(ctx.db, 'posts').doc(input.postId).get()).data[0];
  // A card reaches people outside a post's audience, and links outlive withdrawn posts: they all get a
  // page, never an error, and the same one whether the post exists or not.
  const restricted = { visibility: 'restricted', id: input.postId } satisfies PostView;
  if (!p || !isLive(p, ctx.now)) return restricted;
  const { membership, unit, editor, manager } = await standing(ctx, openid, p);
  const orgName = unit?.name ?? '';
  const visibility = membership || editor ? 'full' : p.public ? 'public' : 'restricted';
  const _ = ctx.db.command;
  let read: PostReadDoc | undefined;
  if (membership) {
    // The first open by a member of the audience is their read; every open is a view.
    try {
      await col(ctx.db, 'post_reads').add({ _id: readId(p._id, openid), postId: p._id, openid, readAt: ctx.now });
      await Promise.all([
        col(ctx.db, 'posts')
          .doc(p._id)
          .update({ 'counts.views': _.inc(1), 'counts.readers': _.inc(1) }),
        award(ctx, openid, { rule: 'read', key: EVENT_KEYS.read(p._id, openid), title: p.title }),
      ]);
      // 学习资料 are ordered by readers in 学习's 最热.
      if (STUDY_POST_KINDS.includes(p.kind)) {
        await col(ctx.db, 'post_audience')
          .where({ postId: p._id })
          .update({ hot: _.inc(1) });
      }
    } catch (e) {
      if (!isDuplicate(e)) throw e;
      await col(ctx.db, 'posts')
        .doc(p._id)
        .update({ 'counts.views': _.inc(1) });
      read = (await col(ctx.db, 'post_reads').doc(readId(p._id, openid)).get()).data[0];
    }
  } else {
    await col(ctx.db, 'posts')
      .doc(p._id)
      .update({ 'counts.views': _.inc(1) });
  }
  if (visibility === 'restricted') return restricted;
  const urls = await fileUrls(ctx, [p], true);
  const liked = membership ? (await col(ctx.db, 'post_likes').doc(readId(p._id, openid)).get()).data.length > 0 : false;
  return {
    visibility,
    ...toCard(p, orgName, urls, { read: Boolean(membership), confirmed: Boolean(read?.confirmedAt) }, ctx.now),
    body: bodyView(p, urls),
    attachments: attachmentsView(p, urls),
    counts: { views: p.counts.views + 1, likes: p.counts.likes, comments: p.counts.comments },
    canInteract: Boolean(membership) && INTERACTIVE_POST_KINDS.includes(p.kind),
    liked,
    canManage: manager,
    status: p.status,
    public: p.public,
    audience: p.audience,
    pinnedUntil: p.pinnedUntil ? new Date(p.pinnedUntil).toISOString() : null,
    correctedAt: p.correctedAt ? new Date(p.correctedAt).toISOString() : null,
  } satisfies PostView;
};

/** The post of an audience action, if it can be acted on now. */
function livePost(ctx: { grant: { doc: PostDoc }; now: Date }): PostDoc {
  const p = ctx.grant.doc;
  if (!isLive(p, ctx.now)) throw new AppError('NOT_FOUND', GONE);
  return p;
}

export const confirm: Handler<'post', 'confirm'> = async (_input, ctx) => {
  const { openid } = ctx.caller;
  const p = livePost(ctx);
  if (!p.mustReadBy) throw new AppError('INVALID_INPUT', '这条内容不需要确认阅知');
  const _ = ctx.db.command;
  const id = readId(p._id, openid);
  try {
    await col(ctx.db, 'post_reads').add({ _id: id, postId: p._id, openid, readAt: ctx.now, confirmedAt: ctx.now });
    await Promise.all([
      col(ctx.db, 'posts')
        .doc(p._id)
        .update({ 'counts.readers': _.inc(1), 'counts.confirms': _.inc(1) }),
      award(ctx, openid, { rule: 'read', key: EVENT_KEYS.read(p._id, openid), title: p.title }),
    ]);
    return { confirmedAt: ctx.now.toISOString() };
  } catch (e) {
    if (!isDuplicate(e)) throw e;
  }
  const { updated } = await col(ctx.db, 'post_reads')
    .where({ _id: id, confirmedAt: _.exists(false) })
    .update({ confirmedAt: ctx.now });
  if (updated) {
    await col(ctx.db, 'posts')
      .doc(p._id)
      .update({ 'counts.confirms': _.inc(1) });
    return { confirmedAt: ctx.now.toISOString() };
  }
  const r = (await col(ctx.db, 'post_reads').doc(id).get()).data[0] as PostReadDoc;
  return { confirmedAt: new Date(r.confirmedAt!).toISOString() };
};

export const share: Handler<'post', 'share'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  const p = (await col(ctx.db, 'posts').doc(input.postId).get()).data[0];
  // One refusal for "no such post" and "not yours to see", as on the detail page.
  const refused = new AppError('FORBIDDEN', '无法查看这条内容');
  if (!p || !isLive(p, ctx.now)) throw refused;
  const { membership, editor } = await standing(ctx, openid, p);
  if (!membership && !editor && !p.public) throw refused;
  await col(ctx.db, 'posts')
    .doc(p._id)
    .update({ 'counts.shares': ctx.db.command.inc(1) });
  const after = (await col(ctx.db, 'posts').doc(p._id).get()).data[0] as PostDoc;
  return { shares: after.counts.shares };
};

export const like: Handler<'post', 'like'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  const p = livePost(ctx);
  if (!INTERACTIVE_POST_KINDS.includes(p.kind)) throw new AppError('INVALID_INPUT', '这类内容不能点赞');
  const _ = ctx.db.command;
  const id = readId(p._id, openid);
  if (input.like) {
    try {
      await col(ctx.db, 'post_likes').add({ _id: id, postId: p._id, openid, at: ctx.now });
      await col(ctx.db, 'posts')
        .doc(p._id)
        .update({ 'counts.likes': _.inc(1) });
    } catch (e) {
      if (!isDuplicate(e)) throw e;
    }
  } else {
    const { deleted } = await col(ctx.db, 'post_likes').where({ _id: id }).remove();
    if (deleted)
      await col(ctx.db, 'posts')
        .doc(p._id)
        .update({ 'counts.likes': _.inc(-1) });
  }
  const after = (await col(ctx.db, 'posts').doc(p._id).get()).data[0] as PostDoc;
  return { liked: input.like, likes: after.counts.likes };
};
