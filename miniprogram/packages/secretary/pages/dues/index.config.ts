export default definePageConfig({ navigationBarTitleText: '党费收缴', enablePullDownRefresh: true });
