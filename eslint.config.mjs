// Type-aware lint (typescript-eslint strict-type-checked) over everything TypeScript: the package, its tests,
// the example app and the benchmarks. Formatting is Prettier's job (`npm run format:check`).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/', 'coverage/', 'bench/results/', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Messages carry HTTP statuses and milliseconds: numbers read fine in a template.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `(err) => done(err)` hands a callback on; it does not use a void value.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // Express tells error middleware by its four parameters, so `_next` must be there unused; `_` marks such a parameter.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The emulator is its own package and keeps its own copies of what it needs (scope tables, constant-time compare,
    // JWT decoding): an import of the library's sources would ship broken and would stop the two checking each other.
    files: ['emulator/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(src|test)(/|$)',
              message: 'The emulator imports nothing from passport-worksection: keep a copy in emulator/src.',
            },
            {
              regex: '^passport-worksection(/|$)',
              message: 'The emulator imports nothing from passport-worksection: keep a copy in emulator/src.',
            },
          ],
        },
      ],
    },
  },
  {
    // In a test, `match[1]!` that turns out wrong fails the test on the spot, which is what a test is for.
    files: ['test/**/*.ts', 'emulator/test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // A Nest module is an empty class its decorator describes: that is how NestJS apps (the README's) are written.
    files: ['test/e2e/nest/**/*.ts'],
    rules: { '@typescript-eslint/no-extraneous-class': ['error', { allowWithDecorator: true }] },
  },
  {
    files: ['**/*.cjs', '**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    // Keep disableTypeChecked's parserOptions (no project service for these files); only add the CommonJS globals.
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        Buffer: 'readonly',
      },
    },
    rules: {
      ...tseslint.configs.disableTypeChecked.rules,
      // CommonJS files (a `node -r` hook, the Jest config) have no `import`: require() is how they load modules.
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
);
