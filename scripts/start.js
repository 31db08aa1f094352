#!/usr/bin/env node
// `npm start`: builds the extension, creates the demo repository (.demo/), and serves VS Code
// (code-server) with Change Radar loaded on it. Open the printed URL; Ctrl-C stops everything.
//
//   npm start                      serve in the browser (code-server, loopback only)
//   npm start -- --port 8080       on a fixed port (default: a free one)
//   npm start -- --reset           make the demo repository anew
//   npm start -- --desktop         open desktop VS Code (`code` on PATH) instead
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, execFileSync } = require('node:child_process');
const { hostConfig } = require('./host/hostConfig');
const { provisionHost } = require('./provisionHost');
const { buildExtension } = require('./host/buildTests');
const { startCodeServer, hostVersions } = require('./host/codeServer');
const { createDemo } = require('./createDemo');

function parseArgs(argv) {
  const options = { desktop: false, reset: false, port: undefined };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--desktop') options.desktop = true;
    else if (argv[i] === '--reset') options.reset = true;
    else if (argv[i] === '--port') options.port = Number(argv[++i]);
    else throw new Error(`unknown option ${argv[i]} (expected --desktop, --reset or --port <n>)`);
  }
  return options;
}

function onPath(command) {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function openDesktop(demoDir) {
  if (!onPath('code')) throw new Error('`code` is not on PATH. Install VS Code desktop (and its shell command), or run `npm start` without --desktop.');
  const child = spawn('code', ['--new-window', `--extensionDevelopmentPath=${hostConfig.repoRoot}`, demoDir], { stdio: 'inherit' });
  child.on('exit', (code) => { process.exitCode = code ?? 0; });
}

/** An extensions folder holding only a link to this checkout, so the plain URL loads the extension. */
function linkedExtensionsDir() {
  const { publisher, name, version } = JSON.parse(fs.readFileSync(path.join(hostConfig.repoRoot, 'package.json'), 'utf8'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'change-radar-extensions-'));
  fs.symlinkSync(hostConfig.repoRoot, path.join(dir, `${publisher}.${name}-${version}`), 'dir');
  return dir;
}

async function serve(demoDir, port) {
  await provisionHost();
  const extensionsDir = linkedExtensionsDir();
  console.log('starting VS Code (code-server)...');
  const server = await startCodeServer({ folder: demoDir, port, extensionsDir, onOutput: (line) => { if (process.env.CHANGE_RADAR_VERBOSE === '1') console.log(`[code-server] ${line}`); } });
  const versions = hostVersions();
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping...');
    await server.stop();
    fs.rmSync(extensionsDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  server.child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`code-server stopped unexpectedly (${signal ?? `exit code ${code}`})`);
    fs.rmSync(extensionsDir, { recursive: true, force: true });
    process.exit(1);
  });
  console.log(`\nChange Radar on VS Code ${versions.vscode} (code-server ${versions.codeServer}), demo repository ${demoDir}\n`);
  console.log(`  Open  http://localhost:${server.port}/?folder=${encodeURIComponent(demoDir)}\n`);
  console.log('Click the Change Radar icon in the activity bar. Ctrl-C stops everything.');
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  console.log('building the extension...');
  buildExtension();
  const demo = createDemo({ reset: options.reset });
  console.log(demo.created ? `demo repository created in ${demo.dir}` : `using the demo repository in ${demo.dir} (--reset makes it anew)`);
  if (options.desktop) openDesktop(demo.dir);
  else await serve(demo.dir, options.port);
}

main().catch((error) => {
  console.error(`npm start: ${error.message}`);
  process.exit(1);
});
