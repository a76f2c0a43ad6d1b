export default definePageConfig({ navigationBarTitleText: '评议情况', enablePullDownRefresh: true });
