export default definePageConfig({ navigationBarTitleText: '考试与测验', enablePullDownRefresh: true });
