import { auditOwn } from '../common/audit';

import { col, type ArchiveDoc } from '../common/db';
import type { Handler } from '../common/define';
import { removeImages, storeUploads } from '../common/images';
import { requireConsent } from '../privacy/privacy';
import { archiveOf, view } from './archive';

/** The member's photo: checked to be a JPEG or PNG, stored under a random name, the old one removed. */
export const setPhoto: Handler<'archive', 'setPhoto'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  await requireConsent(ctx);
  const existing = await archiveOf(ctx, openid);
  let photoFileID: string | null = null;
  if (input.fileID) photoFileID = (await storeUploads(ctx, 'photos', [input.fileID]))[0] ?? null;
  const changes: Partial<ArchiveDoc> = { updatedAt: ctx.now };
  if (existing) {
    await col(ctx.db, 'archives')
      .doc(existing._id)
      .update(photoFileID ? { ...changes, photoFileID } : { ...changes, photoFileID: ctx.db.command.remove() });
  } else if (photoFileID) {
    await col(ctx.db, 'archives').add({ openid, photoFileID, updatedAt: ctx.now });
  }
  if (existing?.photoFileID) await removeImages(ctx, [existing.photoFileID]);
  await auditOwn(ctx, { action: 'archive.update', summary: photoFileID ? '更新了电子档案：照片' : '删除了电子档案中的照片' });
  return view(ctx, openid);
};
