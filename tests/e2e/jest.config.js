const path = require('node:path');
/** Browser tests: run by tests/e2e/run.mjs; each file starts a local runtime of its own (setup.ts), in any order (sequencer.js). */
module.exports = {
  rootDir: path.resolve(__dirname, '../..'),
  displayName: 'e2e',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/tests/e2e/**/*.e2e.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  testTimeout: 60000,
  maxWorkers: 1,
  testSequencer: '<rootDir>/tests/e2e/sequencer.js',
  setupFilesAfterEnv: ['<rootDir>/tests/e2e/setup.ts'],
};
