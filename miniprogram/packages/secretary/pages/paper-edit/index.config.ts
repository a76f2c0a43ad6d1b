export default definePageConfig({ navigationBarTitleText: '发布考试' });
