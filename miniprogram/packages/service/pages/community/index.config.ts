export default definePageConfig({ navigationBarTitleText: '党员进社区' });
