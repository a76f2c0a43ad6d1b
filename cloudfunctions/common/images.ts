import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import type { ImageRef } from '../../typings/domain';
import type { CallerContext, HandlerContext } from './context';
import { AppError } from './errors';
import { fileUrls, isOwnUpload, storeFile, takeUpload } from './files';

export const IMAGE_MAX_BYTES = 2 * 1024 * 1024;
/** A phone photo, generously: bigger is refused before it is decoded. */
const IMAGE_MAX_PIXELS = 40_000_000;

/** What the bytes claim to be, by their signature (the file name says nothing trustworthy). */
export function imageType(content: Buffer): 'png' | 'jpg' | null {
  if (content.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff) return 'jpg';
  return null;
}

/**
 * Decodes the whole image (a file that only starts like one is refused) and encodes it afresh: what
 * is stored is pixels and nothing else, so no script hides in it and no EXIF (the phone's location
 * where the photo was taken, its serial number) is kept.
 */
export function normaliseImage(content: Buffer): { type: 'png' | 'jpg'; content: Buffer } {
  const type = imageType(content);
  const bad = new AppError('INVALID_INPUT', '请上传 JPG 或 PNG 格式的图片');
  if (!type) throw bad;
  try {
    if (type === 'png') {
      const png = PNG.sync.read(content);
      if (png.width * png.height > IMAGE_MAX_PIXELS) throw bad;
      return { type, content: PNG.sync.write(png) };
    }
    const image = jpeg.decode(content, { useTArray: true, maxResolutionInMP: IMAGE_MAX_PIXELS / 1_000_000, maxMemoryUsageInMB: 512 });
    return { type, content: jpeg.encode({ width: image.width, height: image.height, data: image.data }, 88).data };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw bad;
  }
}

/** Takes each of the caller's uploads (size checked, decoded and re-encoded) and stores it under `folder/` with a random name. */
export async function storeUploads(ctx: CallerContext, folder: string, uploads: string[]): Promise<string[]> {
  const contents = await Promise.all(uploads.map((id) => takeUpload(ctx, id, '没有找到上传的图片，请重新上传')));
  const images = contents.map((content) => {
    if (content.length > IMAGE_MAX_BYTES) throw new AppError('INVALID_INPUT', '图片不能超过 2 MB');
    return normaliseImage(content);
  });
  const stored: string[] = [];
  for (const { content, type } of images) stored.push(await storeFile(ctx, folder, type, content));
  return stored;
}

/**
 * A list of images as the client wants it: each entry is one already stored for this thing (kept), or a new upload of
 * the caller's (checked and stored). Anything else is refused before anything is stored. `removed` is for the caller
 * to delete once its own write has succeeded.
 */
export async function reconcileImages(
  ctx: CallerContext,
  folder: string,
  wanted: string[],
  existing: string[],
): Promise<{ fileIDs: string[]; removed: string[]; stored: Map<string, string> }> {
  const have = new Set(existing);
  const unique = [...new Set(wanted)];
  const foreign = unique.filter((id) => !have.has(id) && !isOwnUpload(ctx, id));
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

/** Stored images with URLs the client can show (short-lived temp URLs), in order. */
export async function imageRefs(ctx: HandlerContext, fileIDs: string[] | undefined): Promise<ImageRef[]> {
  if (!fileIDs?.length) return [];
  const urls = await fileUrls(ctx, fileIDs);
  return fileIDs.flatMap((fileID) => {
    const url = urls.get(fileID);
    return url ? [{ fileID, url }] : [];
  });
}
