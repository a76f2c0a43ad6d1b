// @tarojs/taro as the h5 build sees it: the h5 APIs plus the React hooks the build injects.
export * from '@tarojs/taro-h5';
export { default } from '@tarojs/taro-h5';
export {
  useLaunch,
  useLoad,
  usePullDownRefresh,
  useDidShow,
  useRouter,
  useShareAppMessage,
} from '@tarojs/plugin-framework-react/dist/runtime';
