const path = require('node:path');

/** Native WeChat components, rendered by miniprogram-simulate in jsdom. */
module.exports = {
  rootDir: path.resolve(__dirname, '../..'),
  displayName: 'native',
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/tests/native/**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
};
