// Starts code-server (the VS Code host) on a free loopback port, in its own process group,
// with a fresh user-data-dir and seeded settings; resolves once it serves HTTP.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { hostConfig } = require('./hostConfig');
const { spawnGroup, stopGroup, freePort } = require('./processes');

const readyPattern = /HTTP server listening on (http:\/\/[^\s]+)/;

/**
 * @param {{ folder?: string, extensionsDir?: string, port?: number, startTimeoutMs?: number,
 *   onOutput?: (line: string) => void, nodeBin?: string, entry?: string, extraArgs?: string[], locale?: string }} options
 * `locale` (e.g. `de`): the display language, see `seedLanguagePack`.
 */
async function startCodeServer(options = {}) {
  const port = options.port ?? await freePort();
  const tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'change-radar-host-'));
  const userDataDir = path.join(tempRoot, 'user-data');
  const extensionsDir = options.extensionsDir ?? path.join(tempRoot, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), `${JSON.stringify(hostConfig.userSettings, null, 2)}\n`);
  if (options.locale) seedLanguagePack(userDataDir, options.locale);

  const nodeBin = options.nodeBin ?? process.env.CHANGE_RADAR_HOST_NODE ?? hostConfig.nodeBin;
  const entry = options.entry ?? process.env.CHANGE_RADAR_CODE_SERVER_ENTRY ?? hostConfig.codeServerEntry;
  const args = [entry, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--ignore-last-opened', '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir,
    '--vscode-option', 'enable-smoke-test-driver', ...(options.locale ? ['--locale', options.locale] : []), ...(options.extraArgs ?? [])];
  if (options.folder) args.push(options.folder);

  const child = spawnGroup(nodeBin, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
  const output = [];
  const onOutput = options.onOutput ?? (() => undefined);
  const stop = async () => {
    await stopGroup(child);
    removeQuietly(tempRoot);
  };

  const startTimeoutMs = options.startTimeoutMs ?? Number(process.env.CHANGE_RADAR_HOST_START_TIMEOUT_MS || 60_000);
  try {
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(
        `code-server did not start within ${Math.round(startTimeoutMs / 1000)} s (${nodeBin} ${entry}).\n`
        + `Last output:\n${output.slice(-20).join('\n') || '(none)'}\n`
        + 'Check the host with `node scripts/provisionHost.js --check`; see docs/testing.md, "A hanging host".')), startTimeoutMs);
      const onLine = (line) => {
        output.push(line);
        onOutput(line);
        const match = readyPattern.exec(line);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      lineReader(child.stdout, onLine);
      lineReader(child.stderr, onLine);
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`code-server could not start (${nodeBin}): ${error.message}`));
      });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`code-server exited before it was ready (${signal ?? `exit code ${code}`}).\nLast output:\n${output.slice(-20).join('\n') || '(none)'}`));
      });
    });
    return { url, port, child, userDataDir, extensionsDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Removes a folder; helpers of a just-killed host may still be writing into it, so retry, never throw. */
/**
 * `--locale` alone leaves the server on English: it resolves the display language only to a
 * language pack listed in `<user-data-dir>/languagepacks.json`, and offline none can be installed.
 * This lists an empty one for `locale` (no translations of VS Code's own UI, which stays English),
 * so the workbench and the extension host run in `locale` (`vscode.env.language`), and VS Code
 * loads the extension's own `l10n/bundle.l10n.<locale>.json` and `package.nls.<locale>.json`.
 */
function seedLanguagePack(userDataDir, locale) {
  const translations = path.join(userDataDir, 'test-language-pack', 'main.i18n.json');
  fs.mkdirSync(path.dirname(translations), { recursive: true });
  fs.writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
  const pack = {
    hash: `change-radar-test-${locale}`, label: locale, translations: { vscode: translations },
    extensions: [{ extensionIdentifier: { id: `change-radar-test.language-pack-${locale}` }, version: '0.0.0' }],
  };
  fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify({ [locale]: pack }));
}

function removeQuietly(dir) {
  try {
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  } catch (error) {
    console.error(`[host] could not remove ${dir}: ${error.message}`);
  }
}

function lineReader(stream, onLine) {
  let buffered = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  });
  stream.on('end', () => { if (buffered) onLine(buffered); });
}

/** The code-server version this host runs, and the VS Code version it bundles. */
function hostVersions(codeServerDir = hostConfig.codeServerDir) {
  const read = (file) => { try { return JSON.parse(fs.readFileSync(file, 'utf8')).version; } catch { return undefined; } };
  return {
    codeServer: read(path.join(codeServerDir, 'package.json')),
    vscode: read(path.join(codeServerDir, 'lib', 'vscode', 'package.json')),
  };
}

module.exports = { startCodeServer, hostVersions, removeQuietly };
