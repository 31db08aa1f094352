// Bundles the integration suites for the extension host: out/test/integration/index.js (run())
// and one bundle per test/integration/suite/*.test.ts, which run() picks up by name.
const fs = require('node:fs');
const path = require('node:path');
const { hostConfig } = require('./hostConfig');

const sourceDir = path.join(hostConfig.repoRoot, 'test', 'integration');
const outDir = path.join(hostConfig.repoRoot, 'out', 'test', 'integration');

function testEntries(folder) {
  const dir = path.join(sourceDir, folder);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((name) => name.endsWith('.test.ts')).map((name) => path.join(dir, name));
}

async function buildIntegrationTests() {
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

module.exports = { buildIntegrationTests };
