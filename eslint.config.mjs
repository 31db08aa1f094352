// typescript-eslint flat config. Its fences keep the code of each layer honest: src/core is pure
// (no vscode, no I/O, no clock, no process), src/report too, only src/vscode imports vscode. The
// import graph (which folder may import which, no cycles) is checked by dependency-cruiser
// (.dependency-cruiser.cjs) and unused exports by knip (knip.jsonc); `npm run lint` runs all three.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ioModules = ['fs', 'fs/promises', 'node:fs', 'node:fs/promises', 'child_process', 'node:child_process',
  'simple-git', 'net', 'node:net', 'http', 'node:http', 'https', 'node:https', 'os', 'node:os'];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', '.vscode-test/**', '.demo/**', 'node_modules/**', 'test-results/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'No default exports.' }],
    },
  },
  // Which modules each layer may use. Which folder may import which, and no import cycles, is
  // dependency-cruiser's part (.dependency-cruiser.cjs, `npm run lint:deps`): it judges resolved paths.
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/core is pure: no vscode.' },
          ...ioModules.map((name) => ({ name, message: 'src/core is pure: no I/O. Pass data in.' }))],
      }],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'src/core takes time as a parameter.' }],
      'no-restricted-globals': ['error', { name: 'process', message: 'src/core is pure: no process.' }],
    },
  },
  {
    files: ['src/report/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/report is pure formatting: no vscode.' },
          ...ioModules.map((name) => ({ name, message: 'src/report is pure formatting: no I/O.' }))],
      }],
      'no-restricted-globals': ['error', { name: 'process', message: 'src/report is pure: pass the environment in.' }],
    },
  },
  {
    files: ['src/node/**/*.ts', 'src/cli/**/*.ts', 'src/vscode/views/viewModel/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'Only src/vscode and src/extension.ts import vscode; view models are plain data, tested in plain Node.' }],
      }],
    },
  },
);
