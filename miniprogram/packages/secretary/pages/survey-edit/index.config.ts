export default definePageConfig({ navigationBarTitleText: '编辑调查问卷' });
