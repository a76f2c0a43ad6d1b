// Placeholder replaced below
module.exports = { displayName: 'components', testEnvironment: 'node', testMatch: ['<rootDir>/tests/components/**/*.test.tsx'], rootDir: require('path').resolve(__dirname, '../..') };
