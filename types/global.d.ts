/// <reference types="@tarojs/taro" />

declare module '*.png' {
  const src: string;
  export default src;
}
declare module '*.scss';

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5' | undefined;
    TARO_APP_CLOUD_ENV?: string;
  }
}

// Taro's React hooks, as the build injects them (used by the component tests' @tarojs/taro).
declare module '@tarojs/plugin-framework-react/dist/runtime';
