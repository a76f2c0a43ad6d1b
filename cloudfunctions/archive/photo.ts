import { randomBytes } from 'node:crypto';
import { auditOwn } from '../common/audit';
import { requireCaller, type HandlerContext } from '../common/context';
import { col, type ArchiveDoc } from '../common/db';
import type { Handler } from '../common/define';
import { AppError } from '../common/errors';
import { requireConsent } from '../privacy/privacy';
import { archiveOf, view } from './archive';

const MAX_BYTES = 2 * 1024 * 1024;

/** What the bytes are, by their signature (the file name says nothing trustworthy). */
function imageType(content: Buffer): 'png' | 'jpg' | null {
  if (content.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff) return 'jpg';
  return null;
}

/** Reads an upload once and removes it, whatever comes of it. */
async function takeUpload(ctx: HandlerContext, fileID: string): Promise<Buffer> {
  let content: Buffer | undefined;
  try {
    content = (await ctx.storage.downloadFile({ fileID })).fileContent;
  } catch {
    content = undefined;
  }
  if (!content) throw new AppError('NOT_FOUND', '没有找到上传的照片，请重新上传');
  await ctx.storage.deleteFile({ fileList: [fileID] }).catch((e: unknown) => {
    ctx.log.warn('photo_upload_not_deleted', { error: e instanceof Error ? e.message : String(e) });
  });
  return content;
}

/** The member's photo: checked to be a JPEG or PNG, stored under a random name, the old one removed. */
export const setPhoto: Handler<'archive', 'setPhoto'> = async (input, ctx) => {
  const { openid } = requireCaller(ctx);
  await requireConsent(ctx);
  const existing = await archiveOf(ctx, openid);
  let photoFileID: string | null = null;
  if (input.fileID) {
    const content = await takeUpload(ctx, input.fileID);
    if (content.length > MAX_BYTES) throw new AppError('INVALID_INPUT', '照片不能超过 2 MB');
    const type = imageType(content);
    if (!type) throw new AppError('INVALID_INPUT', '请上传 JPG 或 PNG 格式的照片');
    photoFileID = (await ctx.storage.uploadFile({ cloudPath: `photos/${randomBytes(16).toString('hex')}.${type}`, fileContent: content }))
      .fileID;
  }
  const changes: Partial<ArchiveDoc> = { updatedAt: ctx.now };
  if (existing) {
    await col(ctx.db, 'archives')
      .doc(existing._id)
      .update(photoFileID ? { ...changes, photoFileID } : { ...changes, photoFileID: ctx.db.command.remove() });
  } else if (photoFileID) {
    await col(ctx.db, 'archives').add({ openid, photoFileID, updatedAt: ctx.now });
  }
  if (existing?.photoFileID) await ctx.storage.deleteFile({ fileList: [existing.photoFileID] }).catch(() => undefined);
  await auditOwn(ctx, { action: 'archive.update', summary: photoFileID ? '更新了电子档案：照片' : '删除了电子档案中的照片' });
  return view(ctx, openid);
};
