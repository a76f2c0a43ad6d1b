export default definePageConfig({ navigationBarTitleText: '志愿服务项目', enablePullDownRefresh: true });
