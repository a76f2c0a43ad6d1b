import type { AttachmentExt, AttachmentView, PostBlockView, PostCard, PostDraft, PostEditorCard } from '../../typings/domain';
import type { HandlerContext } from '../common/context';
import type { PostDoc } from '../common/db';
import { imageRefs } from '../common/images';

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

/** Temporary URLs for every stored file of these posts, in one storage call. */
export async function fileUrls(ctx: HandlerContext, posts: PostDoc[], withBody: boolean): Promise<Map<string, string>> {
  const ids = posts.flatMap((p) => [
    ...(p.cover ? [p.cover] : []),
    ...(withBody ? p.body.flatMap((b) => (b.type === 'image' ? [b.fileID] : [])) : []),
    ...(withBody ? p.attachments.map((a) => a.fileID) : []),
  ]);
  return new Map((await imageRefs(ctx, ids)).map((r) => [r.fileID, r.url]));
}

export const isLive = (p: Pick<PostDoc, 'status' | 'publishAt'>, now: Date) =>
  p.status === 'published' && p.publishAt !== null && new Date(p.publishAt).getTime() <= now.getTime();

export function toCard(
  p: PostDoc,
  orgName: string,
  urls: Map<string, string>,
  mine: { read: boolean; confirmed: boolean },
  now: Date,
): PostCard {
  return {
    id: p._id,
    kind: p.kind,
    title: p.title,
    orgName,
    coverUrl: p.cover ? (urls.get(p.cover) ?? null) : null,
    publishAt: iso(p.publishAt),
    pinned: Boolean(p.pinnedUntil && new Date(p.pinnedUntil).getTime() > now.getTime()),
    mustReadBy: iso(p.mustReadBy),
    read: mine.read,
    confirmed: mine.confirmed,
  };
}

export function bodyView(p: Pick<PostDoc, 'body'>, urls: Map<string, string>): PostBlockView[] {
  return p.body.map((b) => (b.type === 'image' ? { ...b, url: urls.get(b.fileID) ?? '' } : b));
}

export function attachmentsView(p: Pick<PostDoc, 'attachments'>, urls: Map<string, string>): AttachmentView[] {
  return p.attachments.map((a) => ({
    fileID: a.fileID,
    name: a.name,
    size: a.size,
    ext: a.ext as AttachmentExt,
    url: urls.get(a.fileID) ?? '',
  }));
}

export async function toDraft(ctx: HandlerContext, p: PostDoc): Promise<PostDraft> {
  const urls = await fileUrls(ctx, [p], true);
  return {
    id: p._id,
    orgId: p.orgId,
    kind: p.kind,
    title: p.title,
    cover: p.cover ? { fileID: p.cover, url: urls.get(p.cover) ?? '' } : null,
    body: bodyView(p, urls),
    attachments: attachmentsView(p, urls),
    audience: p.audience,
    public: p.public,
    publishAt: iso(p.publishAt),
    pinnedUntil: iso(p.pinnedUntil),
    mustReadBy: iso(p.mustReadBy),
    tags: p.tags ?? [],
    featured: Boolean(p.featured),
    lessonCount: p.lessonCount ?? 0,
    status: p.status,
    authorName: p.authorName,
    reviewNote: p.reviewNote ?? null,
    updatedAt: iso(p.updatedAt)!,
  };
}

export const toEditorCard = (p: PostDoc): PostEditorCard => ({
  id: p._id,
  kind: p.kind,
  title: p.title,
  status: p.status,
  authorName: p.authorName,
  publishAt: iso(p.publishAt),
  updatedAt: iso(p.updatedAt)!,
  reviewNote: p.reviewNote ?? null,
});
