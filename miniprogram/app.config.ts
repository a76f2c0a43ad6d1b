const isH5 = process.env.TARO_ENV === 'h5';

const TABS = [
  { pagePath: 'pages/home/index', text: '首页' },
  { pagePath: 'pages/activity/index', text: '活动' },
  { pagePath: 'pages/study/index', text: '学习' },
  { pagePath: 'pages/me/index', text: '我的' },
];

export default defineAppConfig({
  // The dev sign-in page exists only in the h5 build, which only the local runtime serves.
  pages: [...TABS.map((t) => t.pagePath), ...(isH5 ? ['pages/dev/signin/index'] : [])],
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '支部通',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f5f5',
  },
  tabBar: {
    color: '#666666',
    selectedColor: '#c8161d',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: TABS,
  },
  cloud: true,
  lazyCodeLoading: 'requiredComponents',
});
