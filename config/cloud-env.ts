import { dotenvParse } from '@tarojs/helper';

/** What a local build (`npm run build:weapp`) calls its cloud environment when none is set: no such env exists in CloudBase, so nothing leaves the machine by mistake. */
export const LOCAL_CLOUD_ENV = 'zhibu-local';

/** The Taro mode of a build meant for WeChat's servers (`npm run release:weapp`). */
export const RELEASE_MODE = 'release';

const ENV_ID = /^[a-z][a-z0-9-]{2,63}$/i;

/**
 * The CloudBase environment id the mini program calls `wx.cloud.init` with, always a string the build
 * inlines. It comes from the shell (`TARO_APP_CLOUD_ENV=… npm run release:weapp`) or from the `.env`
 * files Taro reads for the mode (`.env`, `.env.local`, `.env.release`, …); the shell wins. A release
 * build without one fails here, before anything is compiled.
 */
export function resolveCloudEnv(options: { mode: string; shell: string | undefined; files: Record<string, string> }): string {
  const value = (options.shell ?? options.files['TARO_APP_CLOUD_ENV'] ?? '').trim();
  if (value && !ENV_ID.test(value)) {
    throw new Error(`TARO_APP_CLOUD_ENV="${value}" 不是云开发环境 ID（形如 zhibu-prod-1g2h3j4k5l）`);
  }
  if (options.mode === RELEASE_MODE && (!value || value === LOCAL_CLOUD_ENV)) {
    throw new Error(
      '发布构建缺少云开发环境 ID：在 .env.release 中写入 TARO_APP_CLOUD_ENV=<环境ID>，或运行 TARO_APP_CLOUD_ENV=<环境ID> npm run release:weapp',
    );
  }
  return value || LOCAL_CLOUD_ENV;
}

/** The same, read from this machine for a Taro build in `mode`. */
export function cloudEnvFor(root: string, mode: string): string {
  return resolveCloudEnv({ mode, shell: process.env['TARO_APP_CLOUD_ENV'], files: dotenvParse(root, ['TARO_APP_'], mode) });
}
