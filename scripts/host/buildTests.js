// Bundles the integration suites for the extension host: out/test/integration/index.js (run())
// and one bundle per test/integration/suite/*.test.ts, which run() picks up by name.
const fs = require('node:fs');
const path = require('node:path');
const { hostConfig } = require('./hostConfig');

const sourceDir = path.join(hostConfig.repoRoot, 'test', 'integration');

function testEntries(folder) {
  const dir = path.join(sourceDir, folder);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((name) => name.endsWith('.test.ts')).map((name) => path.join(dir, name));
}

/**
 * Bundles into `outDir` (default out/test/integration); the harness gives each run its own folder
 * so that runs started side by side do not overwrite each other's bundles and run config.
 */
async function buildIntegrationTests(outDir = path.join(hostConfig.repoRoot, 'out', 'test', 'integration')) {
  const esbuild = require('esbuild');
  fs.rmSync(outDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [path.join(sourceDir, 'index.ts'), ...testEntries('suite'), ...testEntries('selfTest')],
    outbase: sourceDir,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return { outDir, entry: path.join(outDir, 'index.js'), selfTestDir: path.join(outDir, 'selfTest') };
}

/** Builds the extension bundle (`node esbuild.js`); throws with esbuild's own message on failure. */
function buildExtension() {
  const { execFileSync } = require('node:child_process');
  try {
    execFileSync(process.execPath, ['esbuild.js'], { cwd: hostConfig.repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  } catch (error) {
    const output = `${error.stdout ?? ''}${error.stderr ?? ''}`.trim().split('\n').slice(0, 30).join('\n');
    throw new Error(`building the extension (node esbuild.js) failed:\n${output}`);
  }
}

module.exports = { buildIntegrationTests, buildExtension };
