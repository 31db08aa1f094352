import { execFileSync } from 'child_process';
import * as path from 'path';

export const root = path.resolve(__dirname, '..');
let built = false;

/** Builds the shipped bundles once per run (`node esbuild.js --production`), as users get them. */
export function ensureProductionBuild(): void {
  if (built) return;
  execFileSync(process.execPath, ['esbuild.js', '--production'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  built = true;
}

/** Puts the development build (with source maps) back, so the bench leaves dist/ as the other scripts expect. */
export function restoreDevelopmentBuild(): void {
  if (built) execFileSync(process.execPath, ['esbuild.js'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}
