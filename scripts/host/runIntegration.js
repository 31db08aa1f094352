#!/usr/bin/env node
// `npm run test:integration`: runs test/integration/suite/*.test.ts inside a real VS Code
// extension host (code-server), driven by headless Chromium, on a throwaway git repository.
//
//   --grep <text>         only tests whose full title contains/matches <text>
//   --keep                keep the fixture repository (its path is printed)
// Env: CHANGE_RADAR_TEST_TIMEOUT_MS (whole run, default 420000), CHANGE_RADAR_HOST_START_TIMEOUT_MS
// (code-server + workbench start-up, default 120000), CHANGE_RADAR_VERBOSE=1 (all host output),
// CHANGE_RADAR_INJECT_FAILURE=1 (adds a failing test: the harness self-test).
const fs = require('node:fs');
const path = require('node:path');
const { hostConfig } = require('./hostConfig');
const { provisionHost } = require('../provisionHost');
const { buildIntegrationTests, buildExtension } = require('./buildTests');
const { createFixtureWorkspace } = require('./gitRepo');
const { startSession } = require('./session');
const { removeQuietly } = require('./codeServer');

const verbose = process.env.CHANGE_RADAR_VERBOSE === '1';

function parseArgs(argv) {
  const options = { grep: undefined, keep: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--grep') options.grep = argv[++i];
    else if (argv[i] === '--keep') options.keep = true;
    else throw new Error(`unknown option ${argv[i]} (expected --grep <text> or --keep)`);
  }
  return options;
}

/** Host log lines that are start-up chatter or harmless offline look-ups, hidden unless CHANGE_RADAR_VERBOSE=1. */
const noisePatterns = [
  /^(Resolving|Resolved) connection token/, /^Creating a socket/, /^Updating additional builtin extensions cache/,
  /^Creation of workbench contribution/, /authentication provider 'github'/, /marketplace|gallery|ENOTFOUND|EAI_AGAIN|getaddrinfo/i,
  /copilot|agent host|telemetry/i,
];

function isNoise(type, text) {
  if (verbose) return false;
  // The workbench's own tagged chatter ("[Service Worker] registered", "[AgentHost:remote] ...").
  if (type !== 'error' && /^\[[\w:. -]+\] /.test(text)) return true;
  return noisePatterns.some((pattern) => pattern.test(text));
}

async function runIntegration(options) {
  const started = Date.now();
  await provisionHost();
  buildExtension();
  const bundle = await buildIntegrationTests(path.join(hostConfig.repoRoot, 'out', 'test', `integration-run-${process.pid}`));
  const workspace = createFixtureWorkspace();
  const extraFiles = process.env.CHANGE_RADAR_INJECT_FAILURE === '1' ? [path.join(bundle.selfTestDir, 'injectedFailure.test.js')] : [];
  fs.writeFileSync(path.join(bundle.outDir, 'runConfig.json'), JSON.stringify({ repoRoot: hostConfig.repoRoot, grep: options.grep, extraFiles }, null, 2));
  console.log(`[integration] fixture repository: ${workspace}`);

  let session;
  let settled = false;
  // Counted from the reporter's lines, for a summary when the suite never finishes.
  const seen = { passed: 0, failed: 0 };
  let stopping = false;
  const teardown = async () => {
    if (stopping) return;
    stopping = true;
    try {
      await session?.stop();
    } finally {
      if (!options.keep) removeQuietly(workspace);
      removeQuietly(bundle.outDir);
    }
  };
  const onSignal = (signal) => {
    console.error(`\n[integration] ${signal}: stopping the host`);
    void teardown().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const runTimeoutMs = Number(process.env.CHANGE_RADAR_TEST_TIMEOUT_MS || 420_000);
  let timer;
  try {
    session = await startSession({
      folder: workspace,
      extensionDevelopmentPath: hostConfig.repoRoot,
      extensionTestsPath: bundle.entry,
      onHostLog: (type, text) => {
        // After run() has settled, the host is being torn down: its cancellations are not news.
        if (settled && !verbose) return;
        if (/^\s*✔ /.test(text)) seen.passed++;
        if (/^\s*✘ /.test(text)) seen.failed++;
        if (!isNoise(type, text)) console.log(type === 'error' ? `[host:error] ${text}` : text);
      },
      onServerOutput: (line) => { if (verbose) console.log(`[code-server] ${line}`); },
    });
    console.log(`[integration] VS Code ${session.versions.vscode} (code-server ${session.versions.codeServer}) ready in ${(session.startupMs / 1000).toFixed(1)} s`);
    const timeout = new Promise((resolve) => {
      timer = setTimeout(() => {
        console.error(`[integration] ERROR: the suite did not finish within ${runTimeoutMs / 1000} s (CHANGE_RADAR_TEST_TIMEOUT_MS). See docs/testing.md, "A hanging host".`);
        console.log(`${seen.passed} passed, ${seen.failed + 1} failed`);
        resolve(124);
      }, runTimeoutMs);
    });
    const code = await Promise.race([session.exitCode, timeout]);
    settled = true;
    console.log(`[integration] ${code === 0 ? 'passed' : `failed (exit code ${code})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return code;
  } finally {
    clearTimeout(timer);
    await teardown();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

if (require.main === module) {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`[integration] ${error.message}`);
    process.exit(2);
  }
  runIntegration(options).then((code) => { process.exitCode = code; }, (error) => {
    console.error(`[integration] ERROR: ${error.message}`);
    // No summary came from the host: say so in the shape scripts/test.js reads.
    console.log('0 passed, 1 failed');
    process.exitCode = 1;
  });
}

module.exports = { runIntegration };
