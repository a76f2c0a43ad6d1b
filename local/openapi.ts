import { randomBytes } from 'node:crypto';
import type { Db } from '@cloudbase/database';
import QRCode from 'qrcode';
import type { OpenApi } from '../cloudfunctions/common/platform';

/** Text the local content check flags by default, so the rejection path can be tried by hand and in tests. */
export const LOCAL_BLOCKED_WORDS = ['违规测试'];

export const LOCAL_CLOUDID_PREFIX = 'local-cloudid:';

/** Encodes open data as a CloudID the local stand-in can resolve (what wx.getGroupEnterInfo would give). */
export function localCloudID(data: Record<string, unknown>): string {
  return LOCAL_CLOUDID_PREFIX + Buffer.from(JSON.stringify(data)).toString('base64url');
}

/**
 * How the stand-in's mini-program codes are encoded (pngjs, through qrcode): one PNG filter (Sub) for
 * every row instead of trying all five. The image is 16 KB rather than 3 KB, and it is made in 5 ms
 * instead of 18 — and in 90 ms instead of 1.4 s inside jest, whose sandbox makes every global lookup
 * in the adaptive filter's inner loop (Math.abs) slow.
 */
const CODE_PNG = { deflateLevel: 9, filterType: 1 };

/** Stand-ins for the WeChat open APIs; each records what it was asked in `dev_openapi_calls`. */
export function localOpenApi(db: () => Db, now: () => Date, blockedWords: readonly string[] = LOCAL_BLOCKED_WORDS): OpenApi {
  const record = async (api: string, input: unknown, result: unknown) => {
    await db().collection('dev_openapi_calls').add({ api, input, result, at: now() });
  };
  return {
    async getUnlimitedQRCode(input) {
      const buffer = await QRCode.toBuffer(`zhibu://${input.page}?scene=${encodeURIComponent(input.scene)}`, {
        width: input.width ?? 430,
        margin: 2,
        rendererOpts: CODE_PNG,
      });
      await record('wxacode.getUnlimited', input, { bytes: buffer.length });
      return { contentType: 'image/png', buffer };
    },
    async sendSubscribeMessage(input) {
      await record('subscribeMessage.send', input, { errcode: 0 });
    },
    async checkText(input) {
      const hit = blockedWords.find((w) => input.content.includes(w));
      const result = hit ? { pass: false, label: '20001' } : { pass: true };
      await record('security.msgSecCheck', input, result);
      return result;
    },
    async createActivityId(input) {
      const result = { activityId: randomBytes(12).toString('hex'), expirationTime: now().getTime() + 24 * 3600 * 1000 };
      await record('updatableMessage.createActivityId', input, result);
      return result;
    },
    async setUpdatableMsg(input) {
      await record('updatableMessage.setUpdatableMsg', input, { errcode: 0 });
    },
    async resolveCloudID(cloudID) {
      if (!cloudID.startsWith(LOCAL_CLOUDID_PREFIX)) throw new Error('无法解析的 CloudID');
      const data = JSON.parse(Buffer.from(cloudID.slice(LOCAL_CLOUDID_PREFIX.length), 'base64url').toString()) as Record<string, unknown>;
      await record('cloudID.resolve', { cloudID }, data);
      return data;
    },
  };
}
