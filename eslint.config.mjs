import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      '.tmp/**',
      'test-artifacts/**',
      'docs/examples/browser/dist/**',
      'api-docs/**',
      'reports/**',
      '.stryker-tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // doc examples show values as bare expressions (`DEFAULT_POLL_POLICY; // { kind: 'backoff', ... }`)
    files: ['docs/examples/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    // the library itself: no `any`, timers only through RxJS schedulers, axios behind the transport
    files: ['src/**/*.ts', 'operators/**/*.ts'],
    ignores: ['src/cli/**', 'src/demo/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Use an RxJS scheduler timer (timer/expand) so time is testable.' },
        { name: 'setInterval', message: 'Use an RxJS scheduler timer (interval/timer).' },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'axios', message: 'axios is imported in src/http/axios-transport.ts only.' },
            // `zod` keeps its whole API (and every locale) in a browser bundle: see docs/packaging.md
            { name: 'zod', message: "Use 'zod/mini' (functional API), which bundlers can tree-shake." },
            { name: 'zod/v4', message: "Use 'zod/mini' (functional API), which bundlers can tree-shake." },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'Explicit barrels: no export *.' },
      ],
    },
  },
  {
    files: ['src/http/axios-transport.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['**/*.cjs', '**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        URL: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
