export default definePageConfig({ navigationBarTitleText: '开发者登录' });
