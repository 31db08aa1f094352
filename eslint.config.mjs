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
        patterns: [{ group: ['**/node/**', '**/vscode/**', '**/cli/**', '**/report/**'], message: 'src/core depends on nothing outside src/core.' }],
      }],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'src/core takes time as a parameter.' }],
      'no-restricted-globals': ['error', { name: 'process', message: 'src/core is pure: no process.' }],
    },
  },
  // Inside src/core the arrows point down: model/problem (the vocabulary) ← time, paths ← manifest
  // ← evaluate, sources ← edit, adopt, language. Each fence repeats the outer rule (ESLint takes the
  // last matching config's option for a rule, it does not merge them).
  ...downward('src/core/time', ['paths', 'manifest', 'evaluate', 'sources', 'edit', 'adopt', 'language']),
  ...downward('src/core/paths', ['time', 'manifest', 'evaluate', 'sources', 'edit', 'adopt', 'language']),
  ...downward('src/core/manifest', ['evaluate', 'sources', 'edit', 'adopt', 'language']),
  ...downward('src/core/sources', ['evaluate', 'edit', 'adopt', 'language']),
  ...downward('src/core/evaluate', ['edit', 'adopt', 'language']),
  {
    files: ['src/report/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/report is pure formatting: no vscode.' },
          ...ioModules.map((name) => ({ name, message: 'src/report is pure formatting: no I/O.' }))],
        patterns: [{ group: ['**/node/**', '**/vscode/**', '**/cli/**'], message: 'src/report sits on src/core only: the CLI and the extension use it, not the other way round.' }],
      }],
      'no-restricted-globals': ['error', { name: 'process', message: 'src/report is pure: pass the environment in.' }],
    },
  },
  {
    files: ['src/node/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'Only src/vscode and src/extension.ts import vscode.' }],
        patterns: [{ group: ['**/vscode/**', '**/cli/**', '**/report/**'], message: 'src/node sits on src/core only (beside src/report).' }],
      }],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'Only src/vscode and src/extension.ts import vscode.' }],
        patterns: [{ group: ['**/vscode/**'], message: 'Only src/vscode and src/extension.ts import vscode.' }],
      }],
    },
  },
  {
    files: ['src/vscode/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/cli/**'], message: 'The extension uses src/report for shared formatting, never the CLI.' }],
      }],
    },
  },
  // Inside src/vscode: base ← model ← views, warnings ← commands, language; view models are plain data.
  ...vscodeLayer('src/vscode/base', ['model', 'views', 'warnings', 'commands', 'language']),
  ...vscodeLayer('src/vscode/model', ['views', 'warnings', 'commands', 'language']),
  ...vscodeLayer('src/vscode/views', ['warnings', 'commands', 'language']),
  ...vscodeLayer('src/vscode/warnings', ['views', 'commands', 'language']),
  {
    files: ['src/vscode/views/viewModel/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'View models are plain data, tested in plain Node: no vscode.' }],
        patterns: [{ group: ['**/cli/**', '../../warnings/*', '../../commands/*', '../../language/*', '../../base/*'], message: 'View models are plain data over core, report and model types.' }],
      }],
    },
  },
);

/** A folder of src/core that must not import the folders above it. */
function downward(folder, above) {
  return [{
    files: [`${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/core is pure: no vscode.' },
          ...ioModules.map((name) => ({ name, message: 'src/core is pure: no I/O. Pass data in.' }))],
        patterns: [
          { group: ['**/node/**', '**/vscode/**', '**/cli/**', '**/report/**'], message: 'src/core depends on nothing outside src/core.' },
          { group: above.flatMap((name) => [`../${name}/*`, `../../${name}/*`]), message: `${folder} sits below ${above.join(', ')}: arrows point down.` },
        ],
      }],
    },
  }];
}

/** A folder of src/vscode that must not import the folders beside or above it. */
function vscodeLayer(folder, above) {
  return [{
    files: [`${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/cli/**'], message: 'The extension uses src/report for shared formatting, never the CLI.' },
          { group: above.flatMap((name) => [`../${name}/*`, `../../${name}/*`]), message: `${folder} must not import ${above.join(', ')}: arrows point down.` },
        ],
      }],
    },
  }];
}
