#!/usr/bin/env node
// `npm run test:integration`: runs test/integration/suite/*.test.ts inside a real VS Code
// extension host (code-server), driven by headless Chromium, on a throwaway git repository; then
// test/integration/multiRoot/*.test.ts in a second host on a .code-workspace of two such repositories, and
// test/integration/locale/*.test.ts in a third host started with `--locale de` (German display language).
// The last line sums the runs (`N passed, N failed`); the exit code fails when any run failed.
//
//   --grep <text>         only tests whose full title contains/matches <text>
//   --keep                keep the fixture repositories (their paths are printed)
// Env: CHANGE_RADAR_TEST_TIMEOUT_MS (whole run, default 420000), CHANGE_RADAR_HOST_START_TIMEOUT_MS
// (code-server + workbench start-up, default 120000), CHANGE_RADAR_VERBOSE=1 (all host output),
// CHANGE_RADAR_INJECT_FAILURE=1 (adds a failing test: the harness self-test).
const fs = require('node:fs');
const path = require('node:path');
const { hostConfig } = require('./hostConfig');
const { provisionHost } = require('../provisionHost');
const { buildIntegrationTests, buildExtension } = require('./buildTests');
const { createFixtureWorkspace } = require('./gitRepo');
const { createMultiRootWorkspace } = require('../../test/integration/multiRoot/multiRootWorkspace');
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

const summaryPattern = /^(\d+) passed, (\d+) failed$/;

/**
 * Bundles the multi-root suites (test/integration/multiRoot/*.test.ts) and the German-locale ones
 * (test/integration/locale/*.test.ts) next to the others, into `<outDir>/multiRoot/` and
 * `<outDir>/locale/`, with the same settings as scripts/host/buildTests.js.
 */
async function buildMultiRootTests(outDir) {
  const sourceDir = path.join(hostConfig.repoRoot, 'test', 'integration');
  const entries = ['multiRoot', 'locale'].flatMap((folder) => fs.readdirSync(path.join(sourceDir, folder)).filter((name) => name.endsWith('.test.ts')).map((name) => path.join(sourceDir, folder, name)));
  await require('esbuild').build({
    entryPoints: entries, outbase: sourceDir, outdir: outDir, bundle: true, platform: 'node', target: 'node20', format: 'cjs',
    sourcemap: 'inline', external: ['vscode', 'mocha'], logLevel: 'warning',
  });
}

async function runIntegration(options) {
  const started = Date.now();
  await provisionHost();
  buildExtension();
  const bundle = await buildIntegrationTests(path.join(hostConfig.repoRoot, 'out', 'test', `integration-run-${process.pid}`));
  try {
    await buildMultiRootTests(bundle.outDir);
    const extraFiles = process.env.CHANGE_RADAR_INJECT_FAILURE === '1' ? [path.join(bundle.selfTestDir, 'injectedFailure.test.js')] : [];
    // Two runs, each in its own host: the single-folder suites, then the multi-root ones.
    const single = await runInHost(options, bundle, { name: 'single-folder', suiteDir: 'suite', extraFiles, create: () => {
      const folder = createFixtureWorkspace();
      console.log(`[integration] fixture repository: ${folder}`);
      return { target: { folder }, cleanup: folder };
    } });
    const multi = await runInHost(options, bundle, { name: 'multi-root', suiteDir: 'multiRoot', extraFiles: [], create: () => {
      const workspace = createMultiRootWorkspace();
      console.log(`[integration] multi-root workspace: ${workspace.workspaceFile}`);
      return { target: { workspace: workspace.workspaceFile }, cleanup: workspace.root };
    } });
    // A third host started with `--locale de` runs the German display-language suite (test/integration/locale).
    const german = await runInHost(options, bundle, { name: 'locale-de', suiteDir: 'locale', extraFiles: [], locale: 'de', create: () => {
      const folder = createFixtureWorkspace();
      console.log(`[integration] fixture repository (German): ${folder}`);
      return { target: { folder }, cleanup: folder };
    } });
    const code = single.code !== 0 ? single.code : multi.code !== 0 ? multi.code : german.code;
    console.log(`[integration] single-folder: ${single.passed} passed, ${single.failed} failed; multi-root: ${multi.passed} passed, ${multi.failed} failed; locale-de: ${german.passed} passed, ${german.failed} failed; ${((Date.now() - started) / 1000).toFixed(1)} s in all`);
    // The stage's own count, read by scripts/test.js: all runs summed.
    console.log(`${single.passed + multi.passed + german.passed} passed, ${single.failed + multi.failed + german.failed} failed`);
    return code;
  } finally {
    removeQuietly(bundle.outDir);
  }
}

/** One host session running the bundled suites of `run.suiteDir` on the workspace `run.create()` makes. */
async function runInHost(options, bundle, run) {
  const started = Date.now();
  fs.writeFileSync(path.join(bundle.outDir, 'runConfig.json'), JSON.stringify({ repoRoot: hostConfig.repoRoot, grep: options.grep, suiteDir: run.suiteDir, extraFiles: run.extraFiles }, null, 2));
  console.log(`[integration] ${run.name} run`);
  const { target, cleanup } = run.create();

  let session;
  let settled = false;
  // Counted from the reporter's lines, for a summary when the suite never finishes.
  const seen = { passed: 0, failed: 0 };
  let summary;
  let stopping = false;
  const teardown = async () => {
    if (stopping) return;
    stopping = true;
    try {
      await session?.stop();
    } finally {
      if (!options.keep) removeQuietly(cleanup);
    }
  };
  const onSignal = (signal) => {
    console.error(`\n[integration] ${signal}: stopping the host`);
    void teardown().finally(() => { removeQuietly(bundle.outDir); process.exit(130); });
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const runTimeoutMs = Number(process.env.CHANGE_RADAR_TEST_TIMEOUT_MS || 420_000);
  let timer;
  try {
    session = await startSession({
      ...target,
      extensionDevelopmentPath: hostConfig.repoRoot,
      extensionTestsPath: bundle.entry,
      locale: run.locale,
      onHostLog: (type, text) => {
        // After run() has settled, the host is being torn down: its cancellations are not news.
        if (settled && !verbose) return;
        if (/^\s*✔ /.test(text)) seen.passed++;
        if (/^\s*✘ /.test(text)) seen.failed++;
        const match = summaryPattern.exec(text.trim());
        if (match) summary = { passed: Number(match[1]), failed: Number(match[2]) };
        if (!isNoise(type, text)) console.log(type === 'error' ? `[host:error] ${text}` : text);
      },
      onServerOutput: (line) => { if (verbose) console.log(`[code-server] ${line}`); },
    });
    console.log(`[integration] VS Code ${session.versions.vscode} (code-server ${session.versions.codeServer}) ready in ${(session.startupMs / 1000).toFixed(1)} s`);
    const timeout = new Promise((resolve) => {
      timer = setTimeout(() => {
        console.error(`[integration] ERROR: the ${run.name} suite did not finish within ${runTimeoutMs / 1000} s (CHANGE_RADAR_TEST_TIMEOUT_MS). See docs/testing.md, "A hanging host".`);
        summary = { passed: seen.passed, failed: seen.failed + 1 };
        console.log(`${summary.passed} passed, ${summary.failed} failed`);
        resolve(124);
      }, runTimeoutMs);
    });
    const code = await Promise.race([session.exitCode, timeout]);
    settled = true;
    console.log(`[integration] ${run.name} ${code === 0 ? 'passed' : `failed (exit code ${code})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    // No summary line from the host (it died early): count what was seen, and the failure itself.
    const counts = summary ?? { passed: seen.passed, failed: seen.failed + (code === 0 ? 0 : 1) };
    return { code, ...counts, failed: code !== 0 && counts.failed === 0 ? 1 : counts.failed };
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
