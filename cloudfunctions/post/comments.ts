import { randomBytes } from 'node:crypto';
import type { PostComment } from '../../typings/domain';
import { INTERACTIVE_POST_KINDS } from '../../typings/domain';
import { audit } from '../common/audit';

import { decodeCursor, encodeCursor } from '../common/cursor';
import { col, type PostCommentDoc } from '../common/db';
import type { Handler } from '../common/define';
import { AppError } from '../common/errors';
import { checkContent } from './content';
import { isLive } from './view';

const toView = (c: PostCommentDoc, openid: string): PostComment => ({
  id: c._id,
  name: c.name,
  text: c.text,
  at: new Date(c.at).toISOString(),
  hidden: c.hidden,
  mine: c.openid === openid,
});

export const comment: Handler<'post', 'comment'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  const p = ctx.grant.doc;
  if (!isLive(p, ctx.now)) throw new AppError('NOT_FOUND', '内容不存在或已撤回');
  if (!INTERACTIVE_POST_KINDS.includes(p.kind)) throw new AppError('INVALID_INPUT', '这类内容不能评论');
  await checkContent(ctx, openid, [input.text], 2);
  const doc: PostCommentDoc = {
    _id: `c${randomBytes(9).toString('base64url').replace(/[-_]/g, 'x')}`,
    postId: p._id,
    orgId: p.orgId,
    openid,
    name: ctx.grant.membership.name,
    text: input.text,
    at: ctx.now,
    hidden: false,
  };
  await col(ctx.db, 'post_comments').add(doc);
  await col(ctx.db, 'posts')
    .doc(p._id)
    .update({ 'counts.comments': ctx.db.command.inc(1) });
  return toView(doc, openid);
};

interface CommentCursor {
  at: number;
  id: string;
}

/** Newest first. Editors of the author unit also see hidden comments (marked), to show them again. */
export const comments: Handler<'post', 'comments'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  const p = ctx.grant.doc;
  const _ = ctx.db.command;
  const conditions: object[] = [{ postId: p._id }];
  if (!ctx.grant.leads) conditions.push({ hidden: false });
  if (input.cursor) {
    const c = decodeCursor<CommentCursor>(input.cursor, (v) => typeof v['at'] === 'number' && typeof v['id'] === 'string');
    conditions.push(_.or([{ at: _.lt(new Date(c.at)) }, { at: new Date(c.at), _id: _.lt(c.id) }]));
  }
  const { data } = await col(ctx.db, 'post_comments').where(_.and(conditions)).orderBy('at', 'desc').orderBy('_id', 'desc').limit(21).get();
  const rows = data;
  const page = rows.slice(0, 20);
  const last = page[page.length - 1];
  return {
    comments: page.map((c) => toView(c, openid)),
    nextCursor: rows.length > 20 && last ? encodeCursor({ at: new Date(last.at).getTime(), id: last._id }) : null,
  };
};

export const hideComment: Handler<'post', 'hideComment'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  const c = ctx.grant.doc;
  if (c.hidden === input.hidden) return toView(c, openid);
  const { updated } = await col(ctx.db, 'post_comments').where({ _id: c._id, hidden: c.hidden }).update({ hidden: input.hidden });
  if (updated) {
    await col(ctx.db, 'posts')
      .doc(c.postId)
      .update({ 'counts.comments': ctx.db.command.inc(input.hidden ? -1 : 1) });
    await audit(ctx, {
      orgId: c.orgId,
      action: 'post.hideComment',
      targetType: 'post',
      targetId: c.postId,
      summary: `${input.hidden ? '隐藏' : '恢复显示'}了一条评论（${c.name}）`,
    });
  }
  return toView({ ...c, hidden: input.hidden }, openid);
};
