// Root hook for the CLI integration tests: bundle src/cli/main.ts to dist/cli.js first, so the
// tests always drive the code in this checkout (the same esbuild options as esbuild.js, CLI only,
// so a half-edited extension entry cannot break these tests).
import * as path from 'node:path';
import { build } from 'esbuild';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const cliPath = path.join(repoRoot, 'dist', 'cli.js');

before(async function () {
  this.timeout(120_000);
  await build({
    entryPoints: [path.join(repoRoot, 'src', 'cli', 'main.ts')],
    outfile: cliPath,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'warning',
  });
});
