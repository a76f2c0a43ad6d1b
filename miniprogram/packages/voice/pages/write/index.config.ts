export default definePageConfig({ navigationBarTitleText: '给支部写信' });
