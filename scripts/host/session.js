// One VS Code session for tests and the demo: code-server + headless Chromium on the workbench,
// with the extension under development loaded through the smoke-test driver's payload.
const fs = require('node:fs');
const path = require('node:path');
const { hostConfig } = require('./hostConfig');
const { startCodeServer, hostVersions } = require('./codeServer');

/**
 * The workbench URL with the development payload; the authority must be the one the page uses.
 * `workspace` (a .code-workspace file) opens a multi-root workspace instead of `folder`.
 */
function workbenchUrl({ port, folder, workspace, extensionDevelopmentPath, extensionTestsPath }) {
  const authority = `localhost:${port}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', `vscode-remote://${authority}${extensionDevelopmentPath}`]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', `vscode-remote://${authority}${extensionTestsPath}`]);
  const query = [workspace ? `workspace=${encodeURIComponent(workspace)}` : `folder=${encodeURIComponent(folder)}`];
  if (payload.length > 0) query.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
  return `http://${authority}/?${query.join('&')}`;
}

async function launchChromium(timeoutMs) {
  if (!fs.existsSync(hostConfig.chromiumPath)) {
    throw new Error(`Chromium not found at ${hostConfig.chromiumPath}. Run \`node scripts/provisionHost.js\` (installs the Debian package chromium).`);
  }
  const { chromium } = require('playwright-core');
  // Our own signal handlers tear everything down in order; playwright's would exit the process first.
  return chromium.launch({ executablePath: hostConfig.chromiumPath, args: hostConfig.chromiumArgs, headless: true, timeout: timeoutMs,
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
}

/**
 * Starts code-server on `folder` (or the .code-workspace file `workspace`), opens the workbench in
 * Chromium and waits until it is shown.
 * @param {{ folder?: string, workspace?: string, extensionDevelopmentPath?: string, extensionTestsPath?: string,
 *   onHostLog?: (type: string, text: string) => void, onServerOutput?: (line: string) => void,
 *   startTimeoutMs?: number, viewport?: { width: number, height: number }, locale?: string }} options
 *   `locale`: the display language (code-server's `--locale`, with the language pack it needs).
 */
async function startSession(options) {
  const startTimeoutMs = options.startTimeoutMs ?? Number(process.env.CHANGE_RADAR_HOST_START_TIMEOUT_MS || 120_000);
  const deadline = Date.now() + startTimeoutMs;
  const remaining = () => Math.max(1000, deadline - Date.now());
  const started = Date.now();
  const server = await startCodeServer({ folder: options.folder, startTimeoutMs, onOutput: options.onServerOutput, locale: options.locale });
  let browser;
  try {
    browser = await launchChromium(remaining());
    const page = await browser.newPage({ viewport: options.viewport ?? { width: 1400, height: 860 } });
    let settleExit;
    const exitCode = new Promise((resolve) => { settleExit = resolve; });
    const onHostLog = options.onHostLog ?? (() => undefined);
    // The smoke-test driver reports the extension host's log and the tests' exit code through these.
    await page.exposeFunction('codeAutomationLog', (type, args) => onHostLog(String(type), formatLogArgs(args)));
    await page.exposeFunction('codeAutomationExit', (code) => settleExit(Number(code)));
    const url = workbenchUrl({ port: server.port, folder: options.folder, workspace: options.workspace, extensionDevelopmentPath: options.extensionDevelopmentPath, extensionTestsPath: options.extensionTestsPath });
    await page.goto(url, { timeout: remaining() });
    await page.waitForSelector('.monaco-workbench', { timeout: remaining() }).catch(() => {
      throw new Error(`The VS Code workbench did not appear within ${Math.round(startTimeoutMs / 1000)} s at ${url}. See docs/testing.md, "A hanging host".`);
    });
    const startupMs = Date.now() - started;
    const stop = async () => {
      await browser.close().catch(() => undefined);
      await server.stop();
    };
    return { page, browser, server, url, exitCode, startupMs, versions: hostVersions(), stop };
  } catch (error) {
    await browser?.close().catch(() => undefined);
    await server.stop();
    throw error;
  }
}

function formatLogArgs(args) {
  if (Array.isArray(args)) return args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' ');
  return typeof args === 'string' ? args : JSON.stringify(args);
}

module.exports = { startSession, workbenchUrl, launchChromium };
