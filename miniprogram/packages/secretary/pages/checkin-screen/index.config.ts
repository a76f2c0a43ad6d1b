export default definePageConfig({
  navigationBarTitleText: '签到码',
  // The rotating code with its countdown is a native component in WeChat (see components/native/checkin-code).
  ...(process.env.TARO_ENV === 'weapp' ? { usingComponents: { 'checkin-code': '../../../../components/native/checkin-code/index' } } : {}),
});
