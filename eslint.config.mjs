import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.zhibu-data/**', 'coverage/**', 'tests/e2e/artifacts/**', '.swc/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node, ...globals.browser },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read the environment in one config file (local/config.ts, scripts).' },
      ],
    },
  },
  {
    // Documents come typed from col() and grants typed by the permission table: a cast there is either
    // redundant (removed by --fix) or hides a mismatch. `as unknown as` is refused outright.
    files: ['cloudfunctions/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: 'TSAsExpression > TSAsExpression > TSUnknownKeyword',
          message: 'No double cast: type the source (col() is typed by DocOf, ctx.grant by the permission table).',
        },
      ],
    },
  },
  {
    // Where the environment is read on purpose: the local runtime's config, build scripts, tests, and
    // process.env.TARO_ENV (replaced at build time by Taro).
    files: ['local/config.ts', 'scripts/**', 'tests/**', 'config/**', 'miniprogram/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // A call whose result nobody looks at proves nothing, and a failed setup would leave the test
    // passing with nothing checked: assert it (expect) or make it a setup call (ok() in tests/helpers/runtime).
    files: ['tests/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ExpressionStatement > AwaitExpression > CallExpression[callee.property.name='invoke']",
          message: 'Assert the result: expect(await rt.invoke(...)) or, for a setup call, await ok(rt, fn, action, data, who).',
        },
        {
          // The tests' own wrappers of invoke.
          selector: 'ExpressionStatement > AwaitExpression > CallExpression[callee.name=/^(post|step|invoke)$/]',
          message: 'Assert the result of the call, or make it a setup call with ok(rt, fn, action, data, who).',
        },
        {
          selector: "ExpressionStatement > AwaitExpression > CallExpression[callee.property.name='fireTimer']",
          message: 'Assert the timer run: expect((await rt.fireTimer(...)).ok).toBe(true).',
        },
      ],
    },
  },
  {
    files: ['**/*.{js,cjs,mjs}'],
    languageOptions: { globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
