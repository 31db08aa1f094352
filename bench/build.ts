import { spawnSync } from 'child_process';
import * as path from 'path';

export const root = path.resolve(__dirname, '..');
let built = false;

/** Builds the shipped bundles once per run (`node esbuild.js --production`), as users get them. */
export function ensureProductionBuild(): void {
  if (built) return;
  esbuild(['--production']);
  built = true;
}

/** Puts the development build (with source maps) back, so the bench leaves dist/ as the other scripts expect. */
export function restoreDevelopmentBuild(): void {
  if (built) esbuild([]);
}

/** Runs the project's esbuild.js; its log is shown only when it fails. */
function esbuild(args: string[]): void {
  const result = spawnSync(process.execPath, ['esbuild.js', ...args], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`node esbuild.js ${args.join(' ')} failed:\n${result.stderr}${result.stdout}`);
}
