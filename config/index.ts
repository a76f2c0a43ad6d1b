import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import path from 'node:path';

const platform = process.env.TARO_ENV ?? 'weapp';
// Shared code outside sourceRoot goes through Babel too; so do NutUI's components, so that
// babel-plugin-import can turn their `import { Loading } from '@nutui/icons-react-taro'` into a
// per-icon import (the icon package's index is marked side-effectful: it would bring every icon).
const compile = {
  include: [
    path.resolve(__dirname, '..', 'typings'),
    (file: string) => file.replace(/\\/g, '/').includes('@nutui/nutui-react-taro/dist/es/packages/'),
  ],
};

/** Taro's default cache dependencies name src/app.config; ours lives in miniprogram/. */
function cacheDependencies(chain: { get(key: string): unknown; cache(value: unknown): void }): void {
  const cache = chain.get('cache') as { buildDependencies?: Record<string, string[]> } | undefined;
  if (!cache || typeof cache !== 'object') return;
  chain.cache({
    ...cache,
    buildDependencies: { ...cache.buildDependencies, files: [path.resolve(__dirname, '..', 'miniprogram', 'app.config.ts')] },
  });
}

export default defineConfig<'webpack5'>(() => {
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'zhibu',
    date: '2026-11-28',
    // NutUI's own styles are drawn for a 375 px wide screen, ours for 750.
    designWidth(input) {
      const file = typeof input === 'object' && input ? String((input as { file?: string }).file ?? '') : '';
      return file.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750;
    },
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'miniprogram',
    outputRoot: `dist/${platform}`,
    plugins: [],
    defineConstants: {},
    alias: {
      '@typings': path.resolve(__dirname, '..', 'typings'),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: true },
    mini: {
      compile,
      webpackChain: cacheDependencies,
      // Page chunks import NutUI styles in different orders; CSS order across them does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      optimizeMainPackage: { enable: true },
    },
    h5: {
      compile,
      webpackChain: cacheDependencies,
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[hash].css', chunkFilename: 'css/[name].[chunkhash].css' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      devServer: { port: 10086 },
    },
  };
  return config;
});
