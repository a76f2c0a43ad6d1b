import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Page paths are declared once, in typings/pages.ts: code links with pageUrl / pageLink / pagePath. */
const PAGE_LITERALS = [
  {
    selector: 'Literal[value=/^\\/?(pages|packages)\\//]',
    message: 'Page paths live in typings/pages.ts: use pageUrl(name, query), pageLink or pagePath.',
  },
  {
    selector: 'TemplateElement[value.raw=/^\\/?(pages|packages)\\//]',
    message: 'Page paths live in typings/pages.ts: use pageUrl(name, query), pageLink or pagePath.',
  },
];

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
        ...PAGE_LITERALS,
        {
          selector: 'TSAsExpression > TSAsExpression > TSUnknownKeyword',
          message: 'No double cast: type the source (col() is typed by DocOf, ctx.grant by the permission table).',
        },
      ],
    },
  },
  {
    files: ['miniprogram/**/*.{ts,tsx}'],
    // The h5-only dev page keeps its own path, out of the table and of the weapp build.
    ignores: ['miniprogram/pages/dev/**'],
    rules: { 'no-restricted-syntax': ['error', ...PAGE_LITERALS] },
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
