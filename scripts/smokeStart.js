#!/usr/bin/env node
// Smoke test of the README's start command, which serves VS Code until Ctrl-C: run it, wait until
// the URL it prints answers, open that URL in Chromium and wait until the Change Radar views show
// rows of the demo repository (the extension has activated and read its ops.yaml), then press
// Ctrl-C (SIGINT to its process group, as a terminal does) and check that it stopped in time, left
// no process behind and freed its port. Ends with `N passed, N failed`.
//
//   node scripts/smokeStart.js --readme               the README's `npm start` (as in `npm test`)
//   node scripts/smokeStart.js --command 'LINE'       a README line as written (.ci/run: `npm ci && npm start   # …`)
//   options: --timeout-min N (whole run; default 10), --ready-timeout-s N (after the URL; default 180)
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const path = require('node:path');
const { spawnGroup, killGroup } = require('./host/processes');
const { requiredCommands } = require('./markdownCommands');

const repoRoot = path.resolve(__dirname, '..');
const urlPattern = /Open\s+(http:\/\/localhost:(\d+)\/\S*)/;

function parseArgs(argv) {
  const options = { command: undefined, timeoutMs: 10 * 60_000, readyTimeoutMs: 180_000 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--readme') options.command = readmeStartCommand();
    else if (arg === '--command') options.command = argv[++i];
    else if (arg === '--timeout-min') options.timeoutMs = Number(argv[++i]) * 60_000;
    else if (arg === '--ready-timeout-s') options.readyTimeoutMs = Number(argv[++i]) * 1000;
    else throw new Error(`unknown option ${arg}`);
  }
  if (!options.command) throw new Error('expected --readme or --command LINE');
  return options;
}

/**
 * The README's quick-start step that starts the demo: of the line that runs `npm start`, the
 * `&&`-part that does (`npm ci && npm start` → `npm start`), since a test run must not reinstall
 * node_modules under itself. CI runs the whole line.
 */
function readmeStartCommand() {
  const commands = requiredCommands(fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8'), 'quick-start', 'README.md');
  const line = commands.find((command) => /\bnpm start\b/.test(command));
  if (!line) throw new Error('the README quick-start block has no `npm start` command');
  const withoutComment = line.replace(/\s+#.*$/, '');
  return withoutComment.split('&&').map((part) => part.trim()).find((part) => part.startsWith('npm start')) ?? withoutComment;
}

/** Every process below `rootPid`, each with its start time (to tell a reused pid apart). */
function descendants(rootPid) {
  const table = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const info = processInfo(Number(entry));
    if (info) table.set(info.pid, info);
  }
  const found = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    const parent = queue.shift();
    for (const info of table.values()) {
      if (info.ppid === parent && !found.some((known) => known.pid === info.pid)) {
        found.push(info);
        queue.push(info.pid);
      }
    }
  }
  return found;
}

/** pid, ppid, state and start time from /proc/<pid>/stat; undefined when it is gone. */
function processInfo(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    let command = '';
    try { command = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim(); } catch { /* gone */ }
    return { pid, state: fields[0], ppid: Number(fields[1]), startTime: fields[19], command };
  } catch {
    return undefined;
  }
}

/** The processes of `known` that still run (same pid and start time, not a zombie). */
function stillRunning(known) {
  return known.filter((process) => {
    const now = processInfo(process.pid);
    return now !== undefined && now.startTime === process.startTime && now.state !== 'Z';
  });
}

function httpStatus(url) {
  return new Promise((resolve) => {
    const request = http.get(url, (response) => {
      response.resume();
      resolve(response.statusCode);
    });
    request.setTimeout(5000, () => request.destroy());
    request.on('error', () => resolve(undefined));
  });
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

async function until(what, probe, timeoutMs, intervalMs = 500) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what} (waited ${Math.round(timeoutMs / 1000)} s)`);
    await sleep(intervalMs);
  }
}

/** Opens the workbench and waits for rows in the Change Radar side bar: the extension is active on the demo. */
async function checkExtensionActive(url, timeoutMs) {
  // Loaded only now: in a fresh clone, playwright-core exists once the command's `npm ci` has run.
  const { chromium } = require(require.resolve('playwright-core', { paths: [repoRoot] }));
  const { hostConfig } = require('./host/hostConfig');
  const browser = await chromium.launch({ executablePath: hostConfig.chromiumPath, args: hostConfig.chromiumArgs, headless: true, timeout: 60_000,
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    await page.goto(url, { timeout: timeoutMs });
    await page.waitForSelector('.monaco-workbench', { timeout: timeoutMs });
    const item = page.locator('.activitybar .action-item [aria-label^="Change Radar"]').first();
    await item.waitFor({ state: 'visible', timeout: timeoutMs });
    await item.click();
    // Tree rows come from the extension's view providers, registered by activate() after it read ops.yaml.
    await page.locator('.part.sidebar .monaco-list-row').first().waitFor({ state: 'visible', timeout: timeoutMs });
    const rows = await page.locator('.part.sidebar .monaco-list-row .label-name').allInnerTexts();
    return rows.map((row) => row.trim()).filter(Boolean);
  } catch (error) {
    const dir = path.join(repoRoot, 'test-results', 'screenshots');
    fs.mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, 'smoke-start-failure.png') }).catch(() => undefined);
    throw new Error(`${error.message.split('\n')[0]} (screenshot: test-results/screenshots/smoke-start-failure.png)`);
  } finally {
    await browser.close().catch(() => undefined);
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const results = [];
  const check = (name, ok, detail) => {
    results.push({ name, ok });
    console.log(`[smoke] ${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
  };
  console.log(`[smoke] running the README's start command as written: ${options.command}`);
  const child = spawnGroup('bash', ['-c', options.command], { cwd: repoRoot, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let url;
  let port;
  let exited = false;
  const exit = new Promise((resolve) => child.on('exit', (code, signal) => { exited = true; resolve({ code, signal }); }));
  const onData = (stream) => (chunk) => {
    stream.write(chunk);
    output += chunk.toString();
    const match = urlPattern.exec(output);
    if (match && !url) [, url, port] = match;
  };
  child.stdout.on('data', onData(process.stdout));
  child.stderr.on('data', onData(process.stderr));
  const overall = setTimeout(() => {
    console.error(`[smoke] the whole smoke test exceeded ${options.timeoutMs / 60_000} min; stopping`);
    killGroup(child, 'SIGKILL');
  }, options.timeoutMs);

  let known = [];
  try {
    await until('the start command printed no URL to open', () => url ?? (exited ? Promise.reject(new Error(`the start command exited before printing a URL`)) : undefined),
      options.timeoutMs, 500);
    const status = await until(`${url} did not answer`, async () => { const code = await httpStatus(url); return code && code < 500 ? code : undefined; }, 60_000, 1000);
    check('the printed URL answers', true, `${url} → HTTP ${status} after ${Math.round((Date.now() - started) / 1000)} s`);
    const rows = await checkExtensionActive(url, options.readyTimeoutMs);
    check('the extension is active on the demo repository', rows.length > 0, `Change Radar rows: ${rows.slice(0, 4).join(', ')}${rows.length > 4 ? ', …' : ''}`);
  } catch (error) {
    check(url ? 'the extension is active on the demo repository' : 'the start command printed a URL that answers', false, error.message);
  }

  // Stop it as a person does: Ctrl-C sends SIGINT to the terminal's foreground process group.
  known = descendants(child.pid);
  const stopStarted = Date.now();
  if (!exited) killGroup(child, 'SIGINT');
  let graceTimer;
  const stopped = await Promise.race([exit, new Promise((resolve) => { graceTimer = setTimeout(() => resolve(undefined), 30_000); })]);
  clearTimeout(graceTimer);
  const stopSeconds = ((Date.now() - stopStarted) / 1000).toFixed(1);
  if (stopped) check('Ctrl-C stops it', true, `exited (${stopped.signal ?? `code ${stopped.code}`}) ${stopSeconds} s after SIGINT`);
  else check('Ctrl-C stops it', false, 'still running 30 s after SIGINT');
  const left = await until('processes still running', () => (stillRunning(known).length === 0 ? true : undefined), 10_000, 250).then(() => [], () => stillRunning(known));
  check('no process left behind', left.length === 0, left.length === 0 ? `${known.length} processes it started are gone` : left.map((p) => `${p.pid} ${p.command.slice(0, 80)}`).join('; '));
  if (port) {
    const free = await until('port still in use', () => portIsFree(Number(port)), 10_000, 250).then(() => true, () => false);
    check('its port is freed', free, `port ${port}`);
  }
  // Whatever happened above, leave nothing running.
  killGroup(child, 'SIGKILL');
  for (const process of stillRunning(known)) {
    try { globalThis.process.kill(process.pid, 'SIGKILL'); } catch { /* gone */ }
  }
  clearTimeout(overall);
  const passed = results.filter((result) => result.ok).length;
  const failed = results.length - passed;
  console.log(`[smoke] ${Math.round((Date.now() - started) / 1000)} s in all`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then((code) => { process.exitCode = code; }, (error) => {
  console.error(`[smoke] ${error.message}`);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
});
