/**
 * The oldest WeChat base library (基础库) Zhibu runs on: the highest version any WeChat API the code
 * calls needs, read from miniprogram-api-typings' version notes (tests/weapp/static.test.ts recomputes
 * it and fails when a newer API comes in). Today that is `wx.onNeedPrivacyAuthorization` (and the
 * `agreePrivacyAuthorization` button), 2.32.3. The deployer sets it in the MP console: 设置 → 基本设置 →
 * 基础库最低版本设置; WeChat then asks users of older clients to update instead of running a broken app.
 */
export const MIN_BASE_LIB = '2.32.3';
