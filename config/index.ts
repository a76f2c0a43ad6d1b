import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import path from 'node:path';
import type Chain from 'webpack-chain';
import { cloudEnvFor } from './cloud-env';

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

/**
 * Taro's default cache dependencies name src/app.config; ours lives in miniprogram/. Webpack does not
 * follow a TypeScript file's imports here, so the files app.config reads its page list from are named
 * too: without them, a page added to typings/pages.ts was missing from the next h5 build (the cached
 * route table was reused) while the weapp build had it.
 */
const APP_CONFIG_FILES = [
  path.resolve(__dirname, '..', 'miniprogram', 'app.config.ts'),
  path.resolve(__dirname, '..', 'typings', 'pages.ts'),
  path.resolve(__dirname, '..', 'miniprogram', 'pages', 'dev', 'signin', 'route.ts'),
];

function cacheDependencies(chain: { get(key: string): unknown; cache(value: unknown): void }): void {
  const cache = chain.get('cache') as { buildDependencies?: Record<string, string[]> } | undefined;
  if (!cache || typeof cache !== 'object') return;
  chain.cache({
    ...cache,
    buildDependencies: { ...cache.buildDependencies, files: APP_CONFIG_FILES },
  });
}

/** Third-party licence comments stay out of the package (no *.LICENSE.txt beside the bundles). */
function noLicenceFiles(chain: Chain): void {
  // Only production builds minify (and so extract comments); a watch build has no terser plugin to change.
  if (chain.get('mode') !== 'production') return;
  chain.optimization.minimizer('terserPlugin').tap(([options]: object[]) => [{ ...options, extractComments: false }]);
}

const root = path.resolve(__dirname, '..');

export default defineConfig<'webpack5'>((_merge, { mode }) => {
  // Always a string in the build (WeChat has no `process`): the release build refuses to start without one.
  const cloudEnv = platform === 'weapp' ? cloudEnvFor(root, mode) : '';
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'zhibu',
    date: '2026-11-28',
    // NutUI's own styles are drawn for a 375 px wide screen, ours for 750.
    // Taro also puts this function into app.js, where pxTransform calls it with a number: no `typeof x === 'object'`
    // here (compiled, that needs a helper app.js does not have, so every call would throw in WeChat).
    designWidth(input) {
      const file = (input as { file?: unknown } | null | undefined)?.file;
      return String(file ?? '')
        .replace(/\\+/g, '/')
        .includes('@nutui')
        ? 375
        : 750;
    },
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'miniprogram',
    outputRoot: `dist/${platform}`,
    // NutUI's icons are <i> elements: WeChat's templates have one only with Taro's HTML plugin (NutUI's Taro guide requires it).
    plugins: ['@tarojs/plugin-html'],
    defineConstants: { ZHIBU_CLOUD_ENV: JSON.stringify(cloudEnv) },
    alias: {
      '@typings': path.resolve(__dirname, '..', 'typings'),
    },
    copy: { patterns: platform === 'weapp' ? [{ from: 'miniprogram/sitemap.json', to: 'dist/weapp/sitemap.json' }] : [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: true },
    mini: {
      compile,
      webpackChain: (chain) => {
        cacheDependencies(chain);
        noLicenceFiles(chain);
      },
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
