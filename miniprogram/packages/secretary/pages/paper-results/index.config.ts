export default definePageConfig({ navigationBarTitleText: '成绩', enablePullDownRefresh: true });
