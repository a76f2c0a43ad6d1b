export default definePageConfig({ navigationBarTitleText: '签到与服务时长', enablePullDownRefresh: true });
