export default definePageConfig({ navigationBarTitleText: '写稿件' });
