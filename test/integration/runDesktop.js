#!/usr/bin/env node
// `npm run test:desktop`: the same integration suites in desktop VS Code through
// @vscode/test-electron, for machines that can download VS Code (or have it: set
// VSCODE_EXECUTABLE_PATH). Not usable offline; `npm run test:integration` is the offline runner.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { runTests } = require('@vscode/test-electron');
const { buildExtension, buildIntegrationTests } = require('../../scripts/host/buildTests');
const { createFixtureWorkspace } = require('../../scripts/host/gitRepo');

const repoRoot = path.resolve(__dirname, '..', '..');

async function main() {
  const grepIndex = process.argv.indexOf('--grep');
  buildExtension();
  const bundle = await buildIntegrationTests();
  fs.writeFileSync(path.join(bundle.outDir, 'runConfig.json'),
    JSON.stringify({ repoRoot, grep: grepIndex === -1 ? undefined : process.argv[grepIndex + 1] }, null, 2));
  const workspace = createFixtureWorkspace();
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'change-radar-desktop-'));
  try {
    return await runTests({
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: bundle.entry,
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH || undefined,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', userDataDir],
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

main().then((code) => { process.exitCode = code; }, (error) => {
  console.error(`[desktop] ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
