import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { InviteView } from '../../typings/domain';
import { audit } from '../common/audit';
import { type HandlerContext } from '../common/context';
import { fileUrl, storeFile } from '../common/files';
import { col, type InviteDoc } from '../common/db';
import type { Handler } from '../common/define';
import { AppError } from '../common/errors';
import { landingFor } from '../join/landing';
import { pagePath } from '../../typings/pages';

/**
 * Invite tokens: `<id>.<expiry, base36 seconds>.<signature>`. The id is random and stored (so an
 * invite can be revoked); the signature (HMAC with a key from the function's configuration) means a
 * token cannot be forged or have its expiry changed. A QR code's 32-character scene carries the id.
 */
const JOIN_PAGE = pagePath('join');

function sign(ctx: HandlerContext, id: string, exp: string): string {
  return createHmac('sha256', ctx.keys().invite).update(`${id}.${exp}`).digest('base64url').slice(0, 22);
}

function tokenFor(ctx: HandlerContext, invite: InviteDoc): string {
  const exp = Math.floor(new Date(invite.expiresAt).getTime() / 1000).toString(36);
  return `${invite._id}.${exp}.${sign(ctx, invite._id, exp)}`;
}

const toView = (ctx: HandlerContext, i: InviteDoc): InviteView => ({
  id: i._id,
  path: `${JOIN_PAGE}?invite=${encodeURIComponent(tokenFor(ctx, i))}`,
  expiresAt: new Date(i.expiresAt).toISOString(),
  revoked: i.revoked,
});

const INVALID = '邀请无效，请向支部书记索取新的邀请';

function idFromToken(ctx: HandlerContext, token: string): string {
  const [id, exp, sig] = token.split('.');
  if (!id || !exp || !sig) throw new AppError('NOT_FOUND', INVALID);
  const expected = Buffer.from(sign(ctx, id, exp));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new AppError('NOT_FOUND', INVALID);
  return id;
}

export const create: Handler<'invite', 'create'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  const unit = ctx.grant.unit;
  if (unit.type !== 'branch') throw new AppError('INVALID_INPUT', '只能邀请加入党支部');
  const invite: InviteDoc = {
    _id: randomBytes(12).toString('base64url'),
    orgId: unit._id,
    createdBy: openid,
    createdAt: ctx.now,
    expiresAt: new Date(ctx.now.getTime() + (input.days ?? 7) * 24 * 3600 * 1000),
    revoked: false,
  };
  await col(ctx.db, 'invites').add(invite);
  await audit(ctx, {
    orgId: unit._id,
    action: 'invite.create',
    targetType: 'invite',
    targetId: invite._id,
    summary: `创建了入支部邀请（${input.days ?? 7} 天有效）`,
  });
  return toView(ctx, invite);
};

export const qrcode: Handler<'invite', 'qrcode'> = async (_input, ctx) => {
  const invite = ctx.grant.doc;
  // One image per invite, made the first time it is asked for.
  let fileID = invite.qrFileID;
  if (!fileID) {
    const code = await ctx.openapi.getUnlimitedQRCode({ scene: `i=${invite._id}`, page: JOIN_PAGE });
    fileID = await storeFile(ctx, 'invites', 'png', code.buffer);
    await col(ctx.db, 'invites').doc(invite._id).update({ qrFileID: fileID });
  }
  return { url: await fileUrl(ctx, fileID, '二维码生成失败，请稍后再试') };
};

/** Opened from a card or a QR code: checks signature (cards), existence, revocation and expiry. */
export const open: Handler<'invite', 'open'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  const id = 'token' in input ? idFromToken(ctx, input.token) : /^i=([A-Za-z0-9_-]{16})$/.exec(input.scene)?.[1];
  if (!id) throw new AppError('NOT_FOUND', INVALID);
  const invite = (await col(ctx.db, 'invites').doc(id).get()).data[0];
  if (!invite || invite.revoked) throw new AppError('NOT_FOUND', INVALID);
  if (new Date(invite.expiresAt).getTime() <= ctx.now.getTime()) throw new AppError('EXPIRED', '邀请已过期，请向支部书记索取新的邀请');
  const org = (await col(ctx.db, 'orgs').doc(invite.orgId).get()).data[0];
  if (!org) throw new AppError('NOT_FOUND', INVALID);
  return landingFor(ctx, org, openid);
};

export const revoke: Handler<'invite', 'revoke'> = async (_input, ctx) => {
  const invite = ctx.grant.doc;
  if (!invite.revoked) {
    await col(ctx.db, 'invites').doc(invite._id).update({ revoked: true });
    await audit(ctx, {
      orgId: invite.orgId,
      action: 'invite.revoke',
      targetType: 'invite',
      targetId: invite._id,
      summary: '撤销了一个入支部邀请',
    });
  }
  return toView(ctx, { ...invite, revoked: true });
};

export const list: Handler<'invite', 'list'> = async (_input, ctx) => {
  const { data } = await col(ctx.db, 'invites')
    .where({ orgId: ctx.grant.unit._id, revoked: false })
    .orderBy('createdAt', 'desc')
    .limit(50)
    .get();
  const live = data.filter((i) => new Date(i.expiresAt).getTime() > ctx.now.getTime());
  return { invites: live.map((i) => toView(ctx, i)) };
};
