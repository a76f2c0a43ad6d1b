export default definePageConfig({ navigationBarTitleText: '心声', enablePullDownRefresh: true });
