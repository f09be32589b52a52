// ESLint: the recommended rules of ESLint and typescript-eslint (not type-aware, so the whole lint stays fast), and
// the module boundaries of docs/ARCHITECTURE.md (eslint/boundaries.js, eslint/repositories.js).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { boundaries } from './eslint/boundaries.js';
import { repositoriesOnly } from './eslint/repositories.js';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-scripts/**',
      'web/dist/**',
      'web/src/api/schema.d.ts',
      'coverage/**',
      'playwright-report/**',
      'test-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Unused names are TypeScript's job (noUnusedLocals, noUnusedParameters), which knows `_` parameters.
      '@typescript-eslint/no-unused-vars': 'off',
      // Declaration merging of a class with an interface is how TypeORM entities and Nest DTOs are typed here.
      '@typescript-eslint/no-unsafe-declaration-merging': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
      },
    },
  },
  {
    files: ['test/**', 'web/e2e/**'],
    // Tests read API answers loosely (`body.items.find((o: any) => …)`): typing each would restate the contract.
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  ...boundaries(),
  ...repositoriesOnly(),
);
