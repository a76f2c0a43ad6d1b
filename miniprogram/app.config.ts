import { DEV_SIGNIN_PAGE } from './pages/dev/signin/route';
import { MEMBER_PAGES, SUBPACKAGES, TAB_PAGES, type TabPage } from '../typings/pages';

const isH5 = process.env.TARO_ENV === 'h5';

const tab = (name: TabPage, text: string) => ({
  pagePath: TAB_PAGES[name],
  text,
  iconPath: `assets/tabbar/${name}.png`,
  selectedIconPath: `assets/tabbar/${name}-active.png`,
});

const TABS = [tab('home', '首页'), tab('post', '通知'), tab('activity', '活动'), tab('study', '学习'), tab('me', '我的')];

export default defineAppConfig({
  // Every page comes from typings/pages.ts. The dev sign-in page exists only in the h5 build, which only the local runtime serves.
  pages: [...TABS.map((t) => t.pagePath), ...Object.values(MEMBER_PAGES), ...(isH5 ? [DEV_SIGNIN_PAGE] : [])],
  // Secretary tools load only when a secretary opens them, keeping the main package small.
  // Courses and lessons, likewise: the 学习 tab is in the main package, what it opens is not.
  // 心声 (letters, surveys, votes, 风采) likewise.
  subPackages: SUBPACKAGES.map((p) => ({ root: p.root, pages: Object.values(p.pages) })),
  // Audio lessons keep playing with the screen off or the app in the background (getBackgroundAudioManager).
  requiredBackgroundModes: ['audio'],
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '支部通',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f5f5',
  },
  tabBar: {
    // 7:1 on white (was #8c8c8c, 3.4:1).
    color: '#595959',
    selectedColor: '#c8161d',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: TABS,
  },
  // WeChat refuses location calls a mini program has not declared; the desc is what the member is shown when asked.
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  permission: { 'scope.userLocation': { desc: '签到时核对你是否在活动地点附近' } },
  lazyCodeLoading: 'requiredComponents',
  // WeChat's current component styles (the v2 button, input and so on).
  style: 'v2',
  // Members' pages are private: none of them is offered to WeChat search.
  sitemapLocation: 'sitemap.json',
});
