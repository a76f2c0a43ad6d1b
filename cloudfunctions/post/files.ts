import type { AttachmentExt, PostBlock } from '../../typings/domain';
import type { CallerContext } from '../common/context';
import type { AttachmentDoc, PostContent } from '../common/db';
import { AppError } from '../common/errors';
import { isOwnUpload, storeFile, takeUpload } from '../common/files';
import { reconcileImages } from '../common/images';

export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const PDF = Buffer.from('%PDF-');

/** The bytes must be what the extension says: PDF, Office Open XML (a ZIP), or the old Office format (OLE). */
function signatureFits(ext: AttachmentExt, content: Buffer): boolean {
  const starts = (sig: Buffer) => content.subarray(0, sig.length).equals(sig);
  if (ext === 'pdf') return starts(PDF);
  if (ext === 'docx' || ext === 'xlsx' || ext === 'pptx') return starts(ZIP);
  return starts(OLE);
}

const extOf = (fileID: string) => fileID.slice(fileID.lastIndexOf('.') + 1) as AttachmentExt;

/** A name to show and download under: no path, no control characters, ending in the file's real extension. */
function displayName(name: string, ext: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = name.replace(/[\u0000-\u001f\\/:*?"<>|]/g, '').trim() || '附件';
  return clean.toLowerCase().endsWith(`.${ext}`) ? clean : `${clean}.${ext}`;
}

/** Attachments as the author wants them: kept ones (renamed if asked), new uploads checked and stored. */
export async function reconcileAttachments(
  ctx: CallerContext,
  wanted: { fileID: string; name: string }[],
  existing: AttachmentDoc[],
): Promise<{ attachments: AttachmentDoc[]; removed: string[] }> {
  const have = new Map(existing.map((a) => [a.fileID, a]));
  const unique = [...new Map(wanted.map((w) => [w.fileID, w])).values()];
  if (unique.some((w) => !have.has(w.fileID) && !isOwnUpload(ctx, w.fileID))) {
    throw new AppError('INVALID_INPUT', '附件无效，请重新上传');
  }
  const uploads = unique.filter((w) => !have.has(w.fileID));
  const contents = await Promise.all(
    uploads.map(async (w) => {
      const content = await takeUpload(ctx, w.fileID, `没有找到上传的附件「${w.name}」，请重新上传`);
      if (content.length > ATTACHMENT_MAX_BYTES) throw new AppError('INVALID_INPUT', `附件「${w.name}」超过 10 MB`);
      if (!signatureFits(extOf(w.fileID), content))
        throw new AppError('INVALID_INPUT', `附件「${w.name}」不是有效的 ${extOf(w.fileID).toUpperCase()} 文件`);
      return content;
    }),
  );
  const stored = new Map<string, AttachmentDoc>();
  for (const [i, w] of uploads.entries()) {
    const ext = extOf(w.fileID);
    const fileID = await storeFile(ctx, 'attachments', ext, contents[i]!);
    stored.set(w.fileID, { fileID, name: displayName(w.name, ext), size: contents[i]!.length, ext });
  }
  const attachments = unique.map(
    (w) => stored.get(w.fileID) ?? { ...have.get(w.fileID)!, name: displayName(w.name, have.get(w.fileID)!.ext) },
  );
  const keep = new Set(attachments.map((a) => a.fileID));
  return { attachments, removed: existing.filter((a) => !keep.has(a.fileID)).map((a) => a.fileID) };
}

const imagesOf = (c: Pick<PostContent, 'cover' | 'body'>) => [
  ...(c.cover ? [c.cover] : []),
  ...c.body.flatMap((b) => (b.type === 'image' ? [b.fileID] : [])),
];

/**
 * The post's files as the author sent them: images (cover and body) and attachments already stored
 * for this post are kept, new uploads are checked and stored, anything else is refused before any is
 * stored. `removed` is for the caller to delete once its write has succeeded.
 */
export async function storePostFiles(
  ctx: CallerContext,
  input: { cover: string | null; body: PostBlock[]; attachments: { fileID: string; name: string }[] },
  before: Pick<PostContent, 'cover' | 'body' | 'attachments'> | null,
): Promise<{ cover: string | null; body: PostBlock[]; attachments: AttachmentDoc[]; removed: string[] }> {
  const images = await reconcileImages(ctx, 'posts', imagesOf(input), before ? imagesOf(before) : []);
  const files = await reconcileAttachments(ctx, input.attachments, before?.attachments ?? []);
  return {
    cover: input.cover ? images.stored.get(input.cover)! : null,
    body: input.body.map((b) => (b.type === 'image' ? { ...b, fileID: images.stored.get(b.fileID)! } : b)),
    attachments: files.attachments,
    removed: [...images.removed, ...files.removed],
  };
}
