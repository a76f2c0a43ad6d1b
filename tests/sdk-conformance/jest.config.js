/**
 * Runs the CloudBase node SDK's own database tests (`TencentCloudBase/node-sdk`, `test/database/**`),
 * unchanged, against the local engine: only `tcb.init` is bound to it (see ./tcb.ts).
 *
 *   NODE_SDK_DIR=/path/to/node-sdk npx jest -c tests/sdk-conformance/jest.config.js
 */
const path = require('node:path');

const sdk = process.env.NODE_SDK_DIR;
if (!sdk) throw new Error('NODE_SDK_DIR must point at a checkout of TencentCloudBase/node-sdk');
// The tests build their dates in China time (`new Date('1999/12/12')`) and expect them formatted in UTC as
// on a machine there; the engine itself keeps UTC, as CloudBase does.
process.env.TZ ??= 'Asia/Shanghai';
const modules = path.resolve(__dirname, '../../node_modules');
const here = (f) => path.join(__dirname, f);
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const swc = (noInterop) => [
  require.resolve('@swc/jest'),
  { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs', noInterop } },
];

module.exports = {
  rootDir: path.resolve(sdk),
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/database/**/*.test.ts'],
  transform: {
    // The SDK's tests are written for TypeScript without esModuleInterop (`import * as assert` is called).
    [`^${escape(path.resolve(sdk))}/.+\\.ts$`]: swc(true),
    '^.+\\.(t|j)sx?$': swc(false),
  },
  moduleDirectories: ['node_modules', modules],
  moduleNameMapper: {
    '^power-assert$': here('assert.js'),
    '^(\\.\\./)+src/index$': here('tcb.ts'),
    '^(\\.\\./)+lib/const/code$': path.join(modules, '@cloudbase/node-sdk/dist/const/code'),
    '^@cloudbase/database/src/(.*)$': path.join(modules, '@cloudbase/database/dist/commonjs/$1'),
  },
  setupFilesAfterEnv: [here('setup.js')],
};
