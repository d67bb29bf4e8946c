// ESLint: typescript-eslint's recommended type-aware rules for src/, bench/ and test/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '**/testdata/**', '.dependency-cruiser.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off', // the XML prolog scanner matches control characters on purpose
    },
  },
  {
    // The reader's one script runs in browsers, as a classic script.
    files: ['src/serve/static/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: Object.fromEntries(['window', 'document', 'location', 'fetch', 'URLSearchParams', 'FormData', 'sessionStorage', 'Intl', 'HTMLElement', 'Event', 'KeyboardEvent'].map((name) => [name, 'readonly'])),
    },
  },
  {
    files: ['bin/**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
  },
);
