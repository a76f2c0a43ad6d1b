export default definePageConfig({ navigationBarTitleText: '支部微信群', enableShareAppMessage: true });
