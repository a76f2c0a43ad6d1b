import type { PropsWithChildren } from 'react';
import Taro, { useLaunch } from '@tarojs/taro';
import { onApiError } from './services/api';
import { showCareOnTabBar } from './services/care';
import { installPrivacyGate } from './services/wechat';
import '@nutui/icons-react-taro/dist/style_icon.css';
import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    if (process.env.TARO_ENV === 'weapp') {
      Taro.cloud.init({ env: ZHIBU_CLOUD_ENV, traceUser: true });
      installPrivacyGate();
    }
    if (process.env.TARO_ENV === 'h5') {
      showCareOnTabBar();
      // Only the local runtime serves h5; there, a visitor with no dev identity picks a persona. The
      // page's path is imported here, inside the h5-only branch, so that no build of the mini program has it.
      onApiError((err) => {
        if (err.code !== 'UNAUTHENTICATED') return;
        void import('./pages/dev/signin/route').then(({ DEV_SIGNIN_PAGE }) => Taro.redirectTo({ url: `/${DEV_SIGNIN_PAGE}` }));
      });
    }
  });
  return children;
}

export default App;
