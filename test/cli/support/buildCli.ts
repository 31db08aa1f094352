// Root hook for the CLI integration tests: bundle the CLI into dist/ first (cli.js and the bundles it
// loads on demand, through esbuild.js's own `buildCli`, development build), so the tests always drive
// the code in this checkout and a half-edited extension entry cannot break them.
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const cliPath = path.join(repoRoot, 'dist', 'cli.js');

before(async function () {
  this.timeout(120_000);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildCli } = require('../../../esbuild.js') as { buildCli: (outdir: string, settings: { logLevel: string }) => Promise<void> };
  await buildCli(path.dirname(cliPath), { logLevel: 'warning' });
});
