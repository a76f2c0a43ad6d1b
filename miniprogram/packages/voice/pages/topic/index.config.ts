export default definePageConfig({ navigationBarTitleText: '讲坛', enablePullDownRefresh: true });
