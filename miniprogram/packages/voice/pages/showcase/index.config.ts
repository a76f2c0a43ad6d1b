export default definePageConfig({ navigationBarTitleText: '优秀党员风采', enablePullDownRefresh: true });
