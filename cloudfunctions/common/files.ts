import { createHmac, randomBytes } from 'node:crypto';
import { UPLOAD_CLOUD_PATH } from '../../typings/domain';
import type { CallerContext, HandlerContext } from './context';
import { col } from './db';
import type { TimerHandler } from './define';
import { AppError } from './errors';
import type { SecretKeys } from './pii';

/**
 * The one path files take. A client uploads only into its own folder under `uploads/` (named by a
 * keyed hash of its identity, so no one else can name it) and hands the fileID to a function, which
 * takes the file only if the caller uploaded it. What the server keeps it stores under random names
 * (clients may create files in storage, never read any, so a predictable name could be planted), and
 * clients reach stored files only through short-lived URLs a function issues to someone allowed to
 * see them. Exports are recorded with whom they are about and deleted after a short retention.
 */

/** How long a URL to a stored file works (CloudBase temp URL `maxAge`, seconds): a page's visit, not a bookmark. */
export const URL_MAX_AGE_SECONDS = 2 * 3600;
/** How long an export (a workbook, someone's data export) stays downloadable and stored. */
export const EXPORT_RETENTION_MS = 30 * 60 * 1000;

/** The uploader's folder, `uploads/<32 hex>`: only the server can make it, from the uploader's openid. */
export function uploadFolder(keys: Pick<SecretKeys, 'uploads'>, openid: string): string {
  return `uploads/${createHmac('sha256', keys.uploads).update(openid).digest('hex').slice(0, 32)}`;
}

/** `cloud://<env>.<bucket>/<path>` → `<path>`. */
export function cloudPathOf(fileID: string): string | null {
  return /^cloud:\/\/[^/\s]+\/(.+)$/.exec(fileID)?.[1] ?? null;
}

/** Whether `fileID` is an upload in the caller's own folder. */
export function isOwnUpload(ctx: HandlerContext, fileID: string): boolean {
  const path = cloudPathOf(fileID);
  if (!ctx.caller || !path || !UPLOAD_CLOUD_PATH.test(path)) return false;
  return path.startsWith(`${uploadFolder(ctx.keys(), ctx.caller.openid)}/`);
}

/**
 * Reads the caller's own upload once and removes it, whatever comes of it (uploads are scratch space).
 * Someone else's upload is "not found", exactly like a missing one: it stays for its owner, and the
 * caller learns nothing about it.
 */
export async function takeUpload(ctx: CallerContext, fileID: string, missing = '没有找到上传的文件，请重新上传'): Promise<Buffer> {
  if (!isOwnUpload(ctx, fileID)) throw new AppError('NOT_FOUND', missing);
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

/** Stores a file the server made, as `<folder>/<random>.<ext>`; returns its fileID. */
export async function storeFile(ctx: Pick<HandlerContext, 'storage'>, folder: string, ext: string, content: Buffer): Promise<string> {
  const cloudPath = `${folder}/${randomBytes(16).toString('hex')}.${ext}`;
  return (await ctx.storage.uploadFile({ cloudPath, fileContent: content })).fileID;
}

/** Short-lived URLs for stored files, by fileID (a file storage no longer has is left out). */
export async function fileUrls(
  ctx: Pick<HandlerContext, 'storage'>,
  fileIDs: string[],
  maxAge = URL_MAX_AGE_SECONDS,
): Promise<Map<string, string>> {
  if (!fileIDs.length) return new Map();
  const { fileList } = await ctx.storage.getTempFileURL({ fileList: [...new Set(fileIDs)], maxAge });
  return new Map(fileList.filter((f) => f.tempFileURL && (!f.code || f.code === 'SUCCESS')).map((f) => [f.fileID, f.tempFileURL]));
}

/** One short-lived URL; a file that cannot be reached is an error the caller is told about in `failed`. */
export async function fileUrl(
  ctx: Pick<HandlerContext, 'storage'>,
  fileID: string,
  failed: string,
  maxAge = URL_MAX_AGE_SECONDS,
): Promise<string> {
  const url = (await fileUrls(ctx, [fileID], maxAge)).get(fileID);
  if (!url) throw new AppError('INTERNAL', failed);
  return url;
}

export interface ExportDoc {
  _id: string;
  fileID: string;
  /** The openid the export is about (someone's own data export), erased with them. */
  subject: string | null;
  createdAt: Date;
  expiresAt: Date;
}

/**
 * An export (a workbook, someone's data export): stored under `exports/` with a random name,
 * recorded with whom it is about and when it goes, and handed back as a URL that lasts no longer
 * than the file. The `system.cleanup` timer deletes it after EXPORT_RETENTION_MS.
 */
export async function publishExport(
  ctx: Pick<HandlerContext, 'storage' | 'db' | 'now'>,
  options: { ext: 'xlsx' | 'json'; content: Buffer; subject?: string | null },
): Promise<string> {
  const fileID = await storeFile(ctx, 'exports', options.ext, options.content);
  const expiresAt = new Date(ctx.now.getTime() + EXPORT_RETENTION_MS);
  await col(ctx.db, 'exports').add({ fileID, subject: options.subject ?? null, createdAt: ctx.now, expiresAt });
  return fileUrl(ctx, fileID, '文件生成失败，请稍后再试', EXPORT_RETENTION_MS / 1000);
}

/** Deletes export files and their records (a file already gone is fine: deleting is idempotent). */
async function removeExports(ctx: Pick<HandlerContext, 'storage' | 'db' | 'log'>, docs: ExportDoc[]): Promise<number> {
  if (!docs.length) return 0;
  await ctx.storage.deleteFile({ fileList: docs.map((d) => d.fileID) });
  await col(ctx.db, 'exports')
    .where({ _id: ctx.db.command.in(docs.map((d) => d._id)) })
    .remove();
  return docs.length;
}

/** Timer: the exports whose retention has passed go, file and record. */
export const cleanupExports: TimerHandler = async (ctx) => {
  let removed = 0;
  for (;;) {
    const { data } = await col(ctx.db, 'exports')
      .where({ expiresAt: ctx.db.command.lte(ctx.now) })
      .limit(100)
      .get();
    const n = await removeExports(ctx, data);
    removed += n;
    if (n < 100) return removed;
  }
};

/** Erasure: every export about the person, now. */
export async function eraseExportsOf(ctx: Pick<HandlerContext, 'storage' | 'db' | 'log'>, openid: string): Promise<number> {
  const { data } = await col(ctx.db, 'exports').where({ subject: openid }).limit(1000).get();
  return removeExports(ctx, data);
}
