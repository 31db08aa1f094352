// typescript-eslint flat config. The fences keep the architecture honest:
// src/core is pure (no vscode, no I/O, no clock), src/node never imports vscode.
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
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/core is pure: no vscode.' },
          ...ioModules.map((name) => ({ name, message: 'src/core is pure: no I/O. Pass data in.' }))],
        patterns: [{ group: ['**/node/**', '**/vscode/**', '**/cli/**'], message: 'src/core depends on nothing outside src/core.' }],
      }],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'src/core takes time as a parameter.' }],
      'no-restricted-globals': ['error', { name: 'process', message: 'src/core is pure: no process.' }],
    },
  },
  {
    files: ['src/node/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'Only src/vscode and src/extension.ts import vscode.' }],
        patterns: [{ group: ['**/vscode/**'], message: 'Only src/vscode and src/extension.ts import vscode.' }],
      }],
    },
  },
);
