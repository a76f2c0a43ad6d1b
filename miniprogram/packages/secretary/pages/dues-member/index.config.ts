export default definePageConfig({ navigationBarTitleText: '党员党费' });
