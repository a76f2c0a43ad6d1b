export default definePageConfig({ navigationBarTitleText: '书记信箱', enablePullDownRefresh: true });
