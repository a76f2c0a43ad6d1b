import { randomBytes } from 'node:crypto';
import type { ImageRef } from '../../typings/domain';
import type { HandlerContext } from './context';
import { AppError } from './errors';

export const IMAGE_MAX_BYTES = 2 * 1024 * 1024;

/** What the bytes are, by their signature (the file name says nothing trustworthy). */
export function imageType(content: Buffer): 'png' | 'jpg' | null {
  if (content.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff) return 'jpg';
  return null;
}

/** Reads an upload once and removes it, whatever comes of it (uploads are the client's scratch space). */
export async function takeUpload(ctx: HandlerContext, fileID: string, missing = '没有找到上传的图片，请重新上传'): Promise<Buffer> {
  let content: Buffer | undefined;
  try {
    content = (await ctx.storage.downloadFile({ fileID })).fileContent;
  } catch {
    content = undefined;
  }
  await ctx.storage.deleteFile({ fileList: [fileID] }).catch((e: unknown) => {
    ctx.log.warn('upload_not_deleted', { error: e instanceof Error ? e.message : String(e) });
  });
  if (!content) throw new AppError('NOT_FOUND', missing);
  return content;
}

/** Checks every upload first (size, JPEG/PNG signature), then stores each under `folder/` with a random name. */
export async function storeUploads(ctx: HandlerContext, folder: string, uploads: string[]): Promise<string[]> {
  const contents = await Promise.all(uploads.map((id) => takeUpload(ctx, id)));
  const typed = contents.map((content) => {
    if (content.length > IMAGE_MAX_BYTES) throw new AppError('INVALID_INPUT', '图片不能超过 2 MB');
    const type = imageType(content);
    if (!type) throw new AppError('INVALID_INPUT', '请上传 JPG 或 PNG 格式的图片');
    return { content, type };
  });
  const stored: string[] = [];
  for (const { content, type } of typed) {
    const cloudPath = `${folder}/${randomBytes(16).toString('hex')}.${type}`;
    stored.push((await ctx.storage.uploadFile({ cloudPath, fileContent: content })).fileID);
  }
  return stored;
}

/**
 * A list of images as the client wants it: each entry is one already stored for this thing (kept), or a new upload
 * (checked and stored). Anything else is refused before anything is stored. `removed` is for the caller to delete
 * once its own write has succeeded.
 */
export async function reconcileImages(
  ctx: HandlerContext,
  folder: string,
  wanted: string[],
  existing: string[],
  isUpload: (fileID: string) => boolean,
): Promise<{ fileIDs: string[]; removed: string[]; stored: Map<string, string> }> {
  const have = new Set(existing);
  const unique = [...new Set(wanted)];
  const foreign = unique.filter((id) => !have.has(id) && !isUpload(id));
  if (foreign.length) throw new AppError('INVALID_INPUT', '图片无效，请重新上传');
  const uploads = unique.filter((id) => !have.has(id));
  const stored = await storeUploads(ctx, folder, uploads);
  const byUpload = new Map(uploads.map((id, i) => [id, stored[i]!]));
  const fileIDs = unique.map((id) => byUpload.get(id) ?? id);
  const keep = new Set(fileIDs);
  // `stored`: what each wanted entry is now (itself when it was already stored).
  return { fileIDs, removed: existing.filter((id) => !keep.has(id)), stored: new Map(unique.map((id, i) => [id, fileIDs[i]!])) };
}

/** Deletes stored files the caller no longer refers to; a failure leaves an orphan, logged, not an error. */
export async function removeImages(ctx: HandlerContext, fileIDs: string[]): Promise<void> {
  if (fileIDs.length === 0) return;
  await ctx.storage.deleteFile({ fileList: fileIDs }).catch((e: unknown) => {
    ctx.log.warn('image_not_deleted', { count: fileIDs.length, error: e instanceof Error ? e.message : String(e) });
  });
}

/** Stored images with URLs the client can show (CloudBase temp URLs), in order. */
export async function imageRefs(ctx: HandlerContext, fileIDs: string[] | undefined): Promise<ImageRef[]> {
  if (!fileIDs?.length) return [];
  const { fileList } = await ctx.storage.getTempFileURL({ fileList: fileIDs });
  const urls = new Map(fileList.map((f) => [f.fileID, f.tempFileURL]));
  return fileIDs.flatMap((fileID) => {
    const url = urls.get(fileID);
    return url ? [{ fileID, url }] : [];
  });
}
