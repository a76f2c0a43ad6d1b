export default definePageConfig({ navigationBarTitleText: '学习考核', enablePullDownRefresh: true });
