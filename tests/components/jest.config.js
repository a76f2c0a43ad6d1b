const path = require('node:path');

/** React pages and components in jsdom, with Taro's h5 implementation standing in for the runtime. */
module.exports = {
  rootDir: path.resolve(__dirname, '../..'),
  displayName: 'components',
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/tests/components/**/*.test.tsx'],
  setupFiles: ['<rootDir>/tests/components/setup.ts'],
  moduleNameMapper: {
    '^@tarojs/taro$': '<rootDir>/tests/components/taro.ts',
    '^@tarojs/components$': '@tarojs/components/lib/react',
    '^@nutui/nutui-react-taro$': '<rootDir>/tests/components/nutui.ts',
    '\\.(css|scss)$': '<rootDir>/tests/components/style-stub.js',
  },
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2022' },
        module: { type: 'commonjs' },
      },
    ],
    '^.+\\.mjs$': ['@swc/jest', { module: { type: 'commonjs' } }],
  },
  // Taro, NutUI and their dependencies ship ES modules; swc turns everything into CommonJS (cached after the first run).
  transformIgnorePatterns: [],
};
