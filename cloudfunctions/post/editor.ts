import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { postInput } from '../../typings/api';
import { POST_KIND_LABEL, POST_STATUS_LABEL, PUBLIC_POST_KINDS, STUDY_POST_KINDS } from '../../typings/domain';
import { auditEntry, type AuditEvent } from '../common/audit';
import { expandAudience } from '../common/audience';
import type { CallerContext, HandlerContext } from '../common/context';
import { col, inTransaction, type OrgDoc, type PostAudienceDoc, type PostContent, type PostDoc, type PostVersionDoc } from '../common/db';
import type { Handler } from '../common/define';
import { AppError } from '../common/errors';
import { removeImages } from '../common/images';
import { LEADERS } from '../common/permissions';
import { checkContent, postTexts } from './content';
import { storePostFiles } from './files';
import { toDraft, toEditorCard } from './view';

type PostInput = z.infer<typeof postInput>;

const newPostId = () => `p${randomBytes(8).toString('base64url').replace(/[-_]/g, 'x').slice(0, 10)}`;
const leads = (ctx: HandlerContext) => ctx.grant.roles.some((r) => LEADERS.includes(r));

/** Times and kind rules an author can get wrong; all problems at once. */
function contentProblems(input: PostInput, now: Date): string[] {
  const problems: string[] = [];
  const at = (s: string | null) => (s ? new Date(s).getTime() : null);
  if (input.public && !PUBLIC_POST_KINDS.includes(input.kind))
    problems.push(`${POST_KIND_LABEL[input.kind]}不能公开，只有党务公开和新闻动态可以`);
  const pinned = at(input.pinnedUntil);
  if (pinned !== null && pinned <= now.getTime()) problems.push('置顶截止时间应晚于现在');
  const due = at(input.mustReadBy);
  if (due !== null && due <= now.getTime()) problems.push('阅知截止时间应晚于现在');
  const publish = at(input.publishAt);
  if (publish !== null && publish > now.getTime() + 90 * 24 * 3600 * 1000) problems.push('定时发布最多提前 90 天');
  if (publish !== null && due !== null && due <= publish) problems.push('阅知截止时间应晚于发布时间');
  if (!STUDY_POST_KINDS.includes(input.kind) && (input.tags.length || input.featured))
    problems.push('只有学习资料和系列课可以加标签、设为精品');
  return problems;
}

/** Validates the input and stores its files; nothing is written to the post yet. */
async function prepare(ctx: CallerContext, input: PostInput, org: OrgDoc, before: PostDoc | null) {
  const problems = contentProblems(input, ctx.now);
  if (problems.length) throw new AppError('INVALID_INPUT', problems.join('；'), problems);
  const { orgIds } = await expandAudience(ctx, org, input.audience);
  const files = await storePostFiles(ctx, input, before);
  const content: PostContent = {
    kind: input.kind,
    title: input.title,
    cover: files.cover,
    body: files.body,
    attachments: files.attachments,
    audience: input.audience,
    public: input.public,
    publishAt: input.publishAt ? new Date(input.publishAt) : null,
    pinnedUntil: input.pinnedUntil ? new Date(input.pinnedUntil) : null,
    mustReadBy: input.mustReadBy ? new Date(input.mustReadBy) : null,
    tags: [...new Set(input.tags)],
    featured: input.featured,
  };
  return { content, audienceOrgIds: orgIds, removed: files.removed };
}

async function authorName(ctx: HandlerContext, openid: string, orgId: string): Promise<string> {
  const { data } = await col(ctx.db, 'memberships').where({ openid, status: 'active' }).limit(20).get();
  const mine = data;
  return (mine.find((m) => m.orgId === orgId) ?? mine[0])?.name ?? '';
}

const postOf = async (ctx: HandlerContext, id: string) => (await col(ctx.db, 'posts').doc(id).get()).data[0] as PostDoc;

/** The author, or a leader of the unit, may change someone's post. */
function mayEdit(ctx: HandlerContext, p: PostDoc, openid: string): void {
  if (p.authorOpenid !== openid && !leads(ctx)) throw new AppError('FORBIDDEN', '只有作者或书记可以修改');
}

export const create: Handler<'post', 'create'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  const org = ctx.grant.unit;
  const { orgId: _o, ...fields } = input;
  const { content, audienceOrgIds } = await prepare(ctx, fields, org, null);
  const doc: PostDoc = {
    _id: newPostId(),
    orgId: org._id,
    ...content,
    status: 'draft',
    authorOpenid: openid,
    authorName: await authorName(ctx, openid, org._id),
    audienceOrgIds,
    counts: { views: 0, readers: 0, shares: 0, confirms: 0, likes: 0, comments: 0 },
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
  await col(ctx.db, 'posts').add(doc);
  return toDraft(ctx, doc);
};

export const update: Handler<'post', 'update'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  const before = ctx.grant.doc;
  mayEdit(ctx, before, openid);
  if (before.status === 'published' || before.status === 'withdrawn') {
    throw new AppError('CONFLICT', before.status === 'published' ? '已发布的内容请使用「更正」' : '已撤回的内容不能再修改');
  }
  const { postId: _p, ...fields } = input;
  const { content, audienceOrgIds, removed } = await prepare(ctx, fields, ctx.grant.unit, before);
  const { updated } = await col(ctx.db, 'posts')
    .where({ _id: before._id, status: before.status })
    .update({ ...content, audienceOrgIds, updatedAt: ctx.now });
  if (!updated) throw taken();
  await removeImages(ctx, removed);
  return toDraft(ctx, await postOf(ctx, before._id));
};

/** The post must be in one of the `from` states for the action asked. */
function mustBeIn(p: PostDoc, from: PostDoc['status'][]): void {
  if (!from.includes(p.status)) throw new AppError('CONFLICT', `内容当前为「${POST_STATUS_LABEL[p.status]}」，不能这样操作`);
}

/** Someone else changed the post between reading and writing it. */
const taken = () => new AppError('CONFLICT', '内容刚被他人处理，请刷新后重试');

/** Moves a post from one of `from` to `to`, once: a concurrent review loses. */
async function transition(ctx: HandlerContext, p: PostDoc, from: PostDoc['status'][], changes: Partial<PostDoc>): Promise<PostDoc> {
  mustBeIn(p, from);
  const { updated } = await col(ctx.db, 'posts')
    .where({ _id: p._id, status: p.status })
    .update({ ...changes, updatedAt: ctx.now });
  if (!updated) throw taken();
  return postOf(ctx, p._id);
}

export const submit: Handler<'post', 'submit'> = async (_input, ctx) => {
  const { openid } = ctx.caller;
  const p = ctx.grant.doc;
  mayEdit(ctx, p, openid);
  await checkContent(ctx, openid, postTexts(p), 3);
  return toDraft(ctx, await transition(ctx, p, ['draft', 'returned'], { status: 'pending', reviewNote: '' }));
};

/** Active members of the audience now. */
async function audienceSize(ctx: HandlerContext, orgIds: string[]): Promise<number> {
  if (orgIds.length === 0) return 0;
  return (
    await col(ctx.db, 'memberships')
      .where({ orgId: ctx.db.command.in(orgIds), status: 'active' })
      .count()
  ).total;
}

/** A post's row for one audience unit, read by members' lists: one per post and unit. */
const audienceRowId = (postId: string, orgId: string) => `${postId}~${orgId}`;

/**
 * Publishes, corrects or withdraws a post: its new state, the rows members' lists read (one per audience
 * unit, while it is published), the version a correction keeps and the audit entry, all in one
 * transaction. If any write fails none is made, so the post is as it was and the action can be tried
 * again (written one after another, a failure after the first left a published post no member could
 * see, which could not be published again). A concurrent change of the post is a conflict.
 */
async function settle(
  ctx: CallerContext,
  p: PostDoc,
  from: PostDoc['status'][],
  changes: Partial<PostDoc>,
  record: { audit: AuditEvent; version?: Omit<PostVersionDoc, '_id'> },
): Promise<PostDoc> {
  mustBeIn(p, from);
  const entry = await auditEntry(ctx, record.audit);
  const after = await inTransaction(ctx.db, async (t) => {
    const current = (await t.collection('posts').doc(p._id).get()).data;
    if (!current || current.status !== p.status) throw taken();
    const next: PostDoc = { ...current, ...changes, updatedAt: ctx.now };
    await t
      .collection('posts')
      .doc(p._id)
      .update({ ...changes, updatedAt: ctx.now });
    const units = next.status === 'published' && next.publishAt ? next.audienceOrgIds : [];
    for (const orgId of current.audienceOrgIds.filter((id) => !units.includes(id))) {
      await t.collection('post_audience').doc(audienceRowId(p._id, orgId)).remove();
    }
    for (const orgId of units) {
      const row: Omit<PostAudienceDoc, '_id'> = {
        postId: p._id,
        key: `org:${orgId}`,
        orgId: p.orgId,
        kind: next.kind,
        title: next.title,
        publishAt: new Date(next.publishAt!),
        pinnedUntil: next.pinnedUntil,
        mustReadBy: next.mustReadBy,
        tags: next.tags ?? [],
        featured: Boolean(next.featured),
        hot: next.counts.readers,
      };
      await t.collection('post_audience').doc(audienceRowId(p._id, orgId)).set(row);
    }
    if (record.version) await t.collection('post_versions').add(record.version);
    await t.collection('audit_logs').add(entry);
    return next;
  });
  // Rows of another id (written before rows had fixed ids) are not in the list any more.
  const kept = after.status === 'published' ? after.audienceOrgIds.map((id) => audienceRowId(p._id, id)) : [];
  await col(ctx.db, 'post_audience')
    .where({ postId: p._id, _id: ctx.db.command.nin(kept) })
    .remove();
  return postOf(ctx, p._id);
}

export const publish: Handler<'post', 'publish'> = async (_input, ctx) => {
  const { openid } = ctx.caller;
  const p = ctx.grant.doc;
  await checkContent(ctx, openid, postTexts(p), 3);
  // A time already past (or none) means now.
  const publishAt = p.publishAt && new Date(p.publishAt).getTime() > ctx.now.getTime() ? new Date(p.publishAt) : ctx.now;
  const changes = {
    status: 'published' as const,
    publishAt,
    publishedAt: ctx.now,
    publishedBy: openid,
    reviewNote: '',
    audienceSize: await audienceSize(ctx, p.audienceOrgIds),
  };
  const after = await settle(ctx, p, ['draft', 'pending', 'returned'], changes, {
    audit: {
      orgId: p.orgId,
      action: 'post.publish',
      targetType: 'post',
      targetId: p._id,
      summary: `发布了${POST_KIND_LABEL[p.kind]}「${p.title}」${publishAt > ctx.now ? `（定时 ${publishAt.toISOString()}）` : ''}`,
    },
  });
  return toDraft(ctx, after);
};

export const returnPost: Handler<'post', 'return'> = async (input, ctx) => {
  const p = ctx.grant.doc;
  return toDraft(ctx, await transition(ctx, p, ['pending'], { status: 'returned', reviewNote: input.note }));
};

export const correct: Handler<'post', 'correct'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  const before = ctx.grant.doc;
  if (before.status !== 'published') throw new AppError('CONFLICT', '只有已发布的内容可以更正');
  const { postId: _p, note, ...fields } = input;
  // Checked before any file is stored. Files the new text no longer uses stay: the kept version refers to them.
  await checkContent(ctx, openid, postTexts(fields), 3);
  const { content, audienceOrgIds } = await prepare(ctx, fields, ctx.grant.unit, before);
  const previous: PostContent = {
    kind: before.kind,
    title: before.title,
    cover: before.cover,
    body: before.body,
    attachments: before.attachments,
    audience: before.audience,
    public: before.public,
    publishAt: before.publishAt,
    pinnedUntil: before.pinnedUntil,
    mustReadBy: before.mustReadBy,
    tags: before.tags ?? [],
    featured: Boolean(before.featured),
  };
  // Keep the published time unless a later one was asked for.
  const publishAt = content.publishAt && content.publishAt > ctx.now ? content.publishAt : before.publishAt;
  const after = await settle(
    ctx,
    before,
    ['published'],
    { ...content, publishAt, audienceOrgIds, correctedAt: ctx.now },
    {
      version: { postId: before._id, content: previous, note, by: openid, at: ctx.now },
      audit: {
        orgId: before.orgId,
        action: 'post.correct',
        targetType: 'post',
        targetId: before._id,
        summary: `更正了「${content.title}」：${note}`,
      },
    },
  );
  return toDraft(ctx, after);
};

export const withdraw: Handler<'post', 'withdraw'> = async (input, ctx) => {
  const p = ctx.grant.doc;
  const after = await settle(
    ctx,
    p,
    ['published'],
    { status: 'withdrawn', withdrawnAt: ctx.now, reviewNote: input.reason },
    {
      audit: {
        orgId: p.orgId,
        action: 'post.withdraw',
        targetType: 'post',
        targetId: p._id,
        summary: `撤回了「${p.title}」：${input.reason}`,
      },
    },
  );
  return toDraft(ctx, after);
};

export const drafts: Handler<'post', 'drafts'> = async (_input, ctx) => {
  const { openid } = ctx.caller;
  const { data } = await col(ctx.db, 'posts').where({ orgId: ctx.grant.unit._id }).orderBy('updatedAt', 'desc').limit(100).get();
  const posts = data.filter((p) => leads(ctx) || p.authorOpenid === openid || p.status === 'published');
  return { posts: posts.map(toEditorCard) };
};

export const versions: Handler<'post', 'versions'> = async (_input, ctx) => {
  const p = ctx.grant.doc;
  const { data } = await col(ctx.db, 'post_versions').where({ postId: p._id }).orderBy('at', 'desc').limit(50).get();
  const rows = data;
  const { data: people } = await col(ctx.db, 'memberships')
    .where({ openid: ctx.db.command.in([...new Set(rows.map((v) => v.by))]), orgId: p.orgId })
    .limit(50)
    .get();
  const names = new Map(people.map((m) => [m.openid, m.name]));
  return {
    versions: rows.map((v) => ({
      at: new Date(v.at).toISOString(),
      note: v.note,
      by: names.get(v.by) ?? '',
      title: v.content.title,
      text: v.content.body.flatMap((b) => (b.type === 'image' ? [] : [b.text])).join('\n'),
    })),
  };
};

export const draft: Handler<'post', 'draft'> = async (_input, ctx) => {
  const { openid } = ctx.caller;
  const p = ctx.grant.doc;
  if (!leads(ctx) && p.authorOpenid !== openid && p.status !== 'published') throw new AppError('FORBIDDEN', '只有作者或书记可以查看草稿');
  return toDraft(ctx, p);
};
