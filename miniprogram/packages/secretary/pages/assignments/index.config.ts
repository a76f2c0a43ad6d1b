export default definePageConfig({ navigationBarTitleText: '必学与学习进度', enablePullDownRefresh: true });
