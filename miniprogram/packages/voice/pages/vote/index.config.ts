export default definePageConfig({ navigationBarTitleText: '评先评优', enablePullDownRefresh: true });
