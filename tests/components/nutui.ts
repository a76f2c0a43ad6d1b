// NutUI's package entry is a UMD bundle of every component (some need canvas); the builds import
// per component through babel-plugin-import, and so do the tests, through this list.
export { default as Button } from '@nutui/nutui-react-taro/dist/es/packages/button';
export { default as Cell } from '@nutui/nutui-react-taro/dist/es/packages/cell';
export { default as CellGroup } from '@nutui/nutui-react-taro/dist/es/packages/cellgroup';
export { default as Input } from '@nutui/nutui-react-taro/dist/es/packages/input';
export { default as TextArea } from '@nutui/nutui-react-taro/dist/es/packages/textarea';
export { default as Skeleton } from '@nutui/nutui-react-taro/dist/es/packages/skeleton';
