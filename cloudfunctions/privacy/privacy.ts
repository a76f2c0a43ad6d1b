import { PRIVACY_VERSION, type PrivacyStatus } from '../../typings/domain';
import { auditOwn } from '../common/audit';
import type { CallerContext, HandlerContext } from '../common/context';
import { col, type ArchiveDoc, type ConsentDoc, type UserDoc } from '../common/db';
import { pointsOf } from '../points/points';
import { eraseLettersOf, voiceOf } from '../voice/mine';
import { eraseServiceOf, serviceOf } from '../service/mine';
import { duesOf } from '../dues/dues';
import { studyArchive } from '../study/beat';
import type { Handler } from '../common/define';
import { AppError } from '../common/errors';
import { eraseExportsOf, fileUrls, publishExport } from '../common/files';
import { decrypt } from '../common/pii';

async function userOf(ctx: HandlerContext, openid: string): Promise<UserDoc | undefined> {
  const { data } = await col(ctx.db, 'users').where({ openid }).limit(1).get();
  return data[0];
}

function statusOf(user: UserDoc | undefined): PrivacyStatus {
  return {
    version: PRIVACY_VERSION,
    consentedVersion: user?.consentVersion ?? null,
    consentedAt: user?.consentedAt ? new Date(user.consentedAt).toISOString() : null,
  };
}

/** Refuses to collect personal data from someone who has not agreed to the current privacy notice. */
export async function requireConsent(ctx: CallerContext): Promise<void> {
  const user = await userOf(ctx, ctx.caller.openid);
  if (user?.consentVersion !== PRIVACY_VERSION) throw new AppError('CONSENT_REQUIRED');
}

async function record(ctx: CallerContext, action: ConsentDoc['action']): Promise<void> {
  const { openid } = ctx.caller;
  await col(ctx.db, 'consents').add({ openid, version: PRIVACY_VERSION, action, at: ctx.now });
}

export const status: Handler<'privacy', 'status'> = async (_input, ctx) => statusOf(await userOf(ctx, ctx.caller.openid));

export const consent: Handler<'privacy', 'consent'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  if (input.version !== PRIVACY_VERSION) throw new AppError('CONFLICT', '隐私说明已更新，请重新阅读后再同意');
  const user = await userOf(ctx, openid);
  if (!user) throw new AppError('UNAUTHENTICATED');
  await col(ctx.db, 'users').doc(user._id).update({ consentVersion: PRIVACY_VERSION, consentedAt: ctx.now });
  await record(ctx, 'consent');
  return statusOf({ ...user, consentVersion: PRIVACY_VERSION, consentedAt: ctx.now });
};

export const withdraw: Handler<'privacy', 'withdraw'> = async (_input, ctx) => {
  const { openid } = ctx.caller;
  const user = await userOf(ctx, openid);
  if (!user) throw new AppError('UNAUTHENTICATED');
  const _ = ctx.db.command;
  await col(ctx.db, 'users').doc(user._id).update({ consentVersion: _.remove(), consentedAt: _.remove() });
  await record(ctx, 'withdraw');
  return statusOf({ ...user, consentVersion: undefined, consentedAt: undefined });
};

/** Everything held about the caller, unmasked (it is theirs), as a downloadable JSON file. */
export const exportMine: Handler<'privacy', 'exportMine'> = async (_input, ctx) => {
  const { openid } = ctx.caller;
  const [user, memberships, archiveRows, requests] = await Promise.all([
    userOf(ctx, openid),
    col(ctx.db, 'memberships').where({ openid }).limit(100).get(),
    col(ctx.db, 'archives').where({ openid }).limit(1).get(),
    col(ctx.db, 'join_requests').where({ openid }).limit(100).get(),
  ]);
  const archive = archiveRows.data[0];
  const keys = ctx.keys();
  const { phoneEnc, idCardEnc, phoneHash: _p, idCardHash: _i, openid: _o, photoFileID, ...plain } = archive ?? ({} as Partial<ArchiveDoc>);
  const photo = photoFileID ? (await fileUrls(ctx, [photoFileID])).get(photoFileID) : undefined;
  const data = {
    exportedAt: ctx.now.toISOString(),
    user: user ? { nickname: user.nickname, createdAt: user.createdAt, consentVersion: user.consentVersion ?? null } : null,
    archive: archive
      ? {
          ...plain,
          phone: phoneEnc ? decrypt(keys, phoneEnc) : null,
          idCard: idCardEnc ? decrypt(keys, idCardEnc) : null,
          photo: photo ?? null,
        }
      : null,
    memberships: memberships.data.map(({ openid: _x, ...m }) => m),
    joinRequests: requests.data.map(({ openid: _x, ...r }) => r),
    study: await studyArchive(ctx, openid),
    points: await pointsOf(ctx, openid),
    voice: await voiceOf(ctx, openid),
    service: await serviceOf(ctx, openid),
    dues: await duesOf(ctx, openid),
  };
  // It holds the full phone and ID number: kept only briefly, and erased with the person.
  const url = await publishExport(ctx, { ext: 'json', content: Buffer.from(JSON.stringify(data, null, 2)), subject: openid });
  await auditOwn(ctx, { action: 'privacy.export', summary: '导出了本人的个人信息' });
  return { url };
};

/**
 * Erases the archive (with the encrypted phone and ID number) and the user's personal details, and
 * withdraws consent. The branch keeps the membership record (name, role, dates) as an organisational record.
 */
export const deleteMine: Handler<'privacy', 'deleteMine'> = async (_input, ctx) => {
  const { openid } = ctx.caller;
  const _ = ctx.db.command;
  const { data: archives } = await col(ctx.db, 'archives').where({ openid }).limit(1).get();
  const photo = archives[0]?.photoFileID;
  await col(ctx.db, 'archives').where({ openid }).remove();
  if (photo) await ctx.storage.deleteFile({ fileList: [photo] }).catch(() => undefined);
  // Their data exports (full phone and ID) go too, not only when they expire.
  await eraseExportsOf(ctx, openid);
  // Their letters to the branch, anonymous ones included (found through the keyed hash only their own call can make).
  await eraseLettersOf(ctx, openid);
  // A resident's names and phones given for service, their 进社区 registration, their wishes' contacts.
  await eraseServiceOf(ctx, openid);
  const user = await userOf(ctx, openid);
  if (user)
    await col(ctx.db, 'users').doc(user._id).update({ nickname: '已注销用户', consentVersion: _.remove(), consentedAt: _.remove() });
  await record(ctx, 'delete');
  await auditOwn(ctx, { action: 'privacy.delete', summary: '删除了本人的电子档案和个人信息' });
  return { deleted: true as const };
};
