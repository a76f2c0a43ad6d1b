const path = require('node:path');

/**
 * The compiled mini program (dist/weapp, built first by `npm run build:weapp`) run headlessly as WeChat
 * runs it: static checks of the output, every page as every persona, taps, the native component.
 */
module.exports = {
  rootDir: path.resolve(__dirname, '../..'),
  displayName: 'weapp',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/tests/weapp/**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  testTimeout: 120_000,
};
