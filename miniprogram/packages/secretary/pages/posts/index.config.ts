export default definePageConfig({ navigationBarTitleText: '通知稿件', enablePullDownRefresh: true });
