#!/usr/bin/env node
// `npm test`: every test layer in order. Each stage ends with a line `N passed, N failed`;
// the run exits non-zero when any stage fails (later stages still run, so one report shows all).
//
//   node scripts/test.js                     all stages
//   node scripts/test.js --only unit,cli     just these stages
//   node scripts/test.js --skip e2e          all but these
const fs = require('node:fs');
const path = require('node:path');
const { spawnGroup, killGroup } = require('./host/processes');

const repoRoot = path.resolve(__dirname, '..');
const reporter = ['--reporter', 'test/support/mochaSummaryReporter.js'];
const summaryPattern = /^(\d+) passed, (\d+) failed$/;
const minutes = (n) => n * 60_000;

function hasTests(dir) {
  const full = path.join(repoRoot, dir);
  if (!fs.existsSync(full)) return false;
  return fs.readdirSync(full, { recursive: true }).some((name) => String(name).endsWith('.test.ts'));
}

/** A stage is one or more commands; `checks` stages count each command as one pass or failure. */
const stages = [
  {
    // `npm run lint` is the three lint commands in a row; here each counts as a check of its own.
    name: 'lint', title: 'typecheck + lint (ESLint, import graph, unused exports) + build', checks: true, timeoutMs: minutes(10),
    commands: [['npm', ['run', '--silent', 'typecheck']], ['npm', ['run', '--silent', 'lint:eslint']], ['npm', ['run', '--silent', 'lint:deps']],
      ['npm', ['run', '--silent', 'lint:dead']], ['npm', ['run', '--silent', 'build']]],
  },
  { name: 'unit', title: 'unit tests', timeoutMs: minutes(10), commands: [['npm', ['run', '--silent', 'test:unit', '--', ...reporter]]] },
  {
    name: 'cli', title: 'CLI tests', timeoutMs: minutes(10), commands: [['npm', ['run', '--silent', 'test:cli', '--', ...reporter]]],
    skipUnless: () => (hasTests('test/cli') ? undefined : 'no test/cli/**/*.test.ts yet'),
  },
  { name: 'integration', title: 'integration tests in the VS Code extension host', timeoutMs: minutes(20), commands: [['npm', ['run', '--silent', 'test:integration']]] },
  { name: 'harness', title: 'harness self-tests', timeoutMs: minutes(10), commands: [['npm', ['run', '--silent', 'test:harness', '--', ...reporter]]] },
  { name: 'e2e', title: 'UI tests in code-server + Chromium', timeoutMs: minutes(20), commands: [['npm', ['run', '--silent', 'test:e2e', '--', ...reporter]]] },
  {
    name: 'smoke', title: "the README's `npm start`: URL answers, extension active on the demo, Ctrl-C leaves nothing", timeoutMs: minutes(12),
    commands: [['node', ['scripts/smokeStart.js', '--readme']]],
  },
];

function parseArgs(argv) {
  const pick = (flag) => {
    const index = argv.indexOf(flag);
    return index === -1 ? undefined : (argv[index + 1] ?? '').split(',').filter(Boolean);
  };
  const only = pick('--only');
  const skip = pick('--skip') ?? [];
  const known = stages.map((stage) => stage.name);
  for (const name of [...(only ?? []), ...skip]) {
    if (!known.includes(name)) throw new Error(`unknown stage "${name}"; stages: ${known.join(', ')}`);
  }
  return stages.filter((stage) => (!only || only.includes(stage.name)) && !skip.includes(stage.name));
}

let current;

/** Runs one command, echoing its output, and returns its exit code and last summary line. */
function runCommand(command, args, timeoutMs) {
  return new Promise((resolve) => {
    const child = spawnGroup(command, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    current = child;
    let summary;
    let pending = '';
    const onData = (stream) => (chunk) => {
      stream.write(chunk);
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const match = summaryPattern.exec(line.trim());
        if (match) summary = { passed: Number(match[1]), failed: Number(match[2]) };
      }
    };
    child.stdout.on('data', onData(process.stdout));
    child.stderr.on('data', onData(process.stderr));
    const timer = setTimeout(() => {
      console.error(`\n[test] ${command} ${args.join(' ')} exceeded ${timeoutMs / 60_000} min; stopping it`);
      killGroup(child, 'SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      console.error(`[test] could not run ${command}: ${error.message}`);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      current = undefined;
      const match = summaryPattern.exec(pending.trim());
      if (match) summary = { passed: Number(match[1]), failed: Number(match[2]) };
      resolve({ code: code ?? (signal ? 1 : 0), summary });
    });
  });
}

async function runStage(stage) {
  console.log(`\n=== ${stage.name}: ${stage.title} ===`);
  const skipReason = stage.skipUnless?.();
  if (skipReason) {
    console.log(`(skipped: ${skipReason})`);
    console.log('0 passed, 0 failed');
    return { ok: true, passed: 0, failed: 0, skipped: true, seconds: 0 };
  }
  const started = Date.now();
  let passed = 0;
  let failed = 0;
  let ok = true;
  let childSummary;
  for (const [command, args] of stage.commands) {
    const result = await runCommand(command, args, stage.timeoutMs);
    childSummary = result.summary;
    if (stage.checks) {
      if (result.code === 0) passed++;
      else failed++;
    } else if (result.summary) {
      passed += result.summary.passed;
      failed += result.summary.failed;
      if (result.code !== 0 && result.summary.failed === 0) failed++;
    } else {
      // The runner died before its reporter could print: count the stage as one failure.
      failed += result.code === 0 ? 0 : 1;
    }
    if (result.code !== 0) ok = false;
  }
  ok = ok && failed === 0;
  // Every stage ends with its own count, alone on a line (a stage of several runs sums them).
  const alreadyPrinted = stage.commands.length === 1 && childSummary?.passed === passed && childSummary?.failed === failed;
  if (stage.checks || !alreadyPrinted) console.log(`${passed} passed, ${failed} failed`);
  return { ok, passed, failed, skipped: false, seconds: (Date.now() - started) / 1000 };
}

async function main() {
  const selected = parseArgs(process.argv.slice(2));
  const results = [];
  for (const stage of selected) results.push({ stage, ...(await runStage(stage)) });
  console.log('\n=== summary ===');
  for (const result of results) {
    const status = result.skipped ? 'skipped' : result.ok ? 'ok' : 'FAILED';
    console.log(`${result.stage.name.padEnd(12)} ${status.padEnd(8)} ${result.passed} passed / ${result.failed} failed  (${result.seconds.toFixed(1)} s)`);
  }
  const failedStages = results.filter((result) => !result.ok).map((result) => result.stage.name);
  console.log(failedStages.length === 0 ? 'all stages passed' : `failed stages: ${failedStages.join(', ')}`);
  // The closing line covers every stage, for readers that only look at the last count.
  const total = (key) => results.reduce((sum, result) => sum + (result.skipped ? 0 : result[key]), 0);
  console.log(`total: ${total('passed')} passed, ${total('failed')} failed`);
  return failedStages.length === 0 ? 0 : 1;
}

// Ctrl-C: let the running stage tear its host down (it handles SIGTERM), then leave; bounded.
const onSignal = () => {
  if (!current) process.exit(130);
  killGroup(current, 'SIGTERM');
  current.once('close', () => process.exit(130));
  setTimeout(() => process.exit(130), 15_000).unref();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

main().then((code) => { process.exitCode = code; }, (error) => {
  console.error(`[test] ${error.message}`);
  process.exitCode = 2;
});
