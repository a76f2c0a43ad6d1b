export default definePageConfig({ navigationBarTitleText: '系列课', enablePullDownRefresh: true });
