export default definePageConfig({ navigationBarTitleText: '编辑课时' });
