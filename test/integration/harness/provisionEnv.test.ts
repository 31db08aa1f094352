// The npm that provisioning runs under Node 24 must see a clean environment however provisioning
// was started: plain `node`, from inside `npm run` (under this Node, or with another Node's
// values), through npx, or with Node 24 itself as the outer Node. A tiny local package's install
// script records what it sees; code-server's postinstall reads the same variables.
import * as assert from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { hostConfig } from '../../../scripts/host/hostConfig';
import { hostNpmSettings, provisionHost } from '../../../scripts/provisionHost';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

interface Seen {
  readonly version: string;
  readonly userAgent?: string;
  readonly lifecycleEvent?: string;
  readonly packageName?: string;
  readonly nodeExecpath?: string;
  readonly nodedir?: string;
  readonly initCwd?: string;
  readonly outerMarker?: string;
}

/** npm-cli.js of the npm on PATH: the one provisioning runs under Node 24. */
function npmCli(): string {
  const bin = execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim();
  return path.join(path.dirname(fs.realpathSync(bin)), 'npm-cli.js');
}

describe('provisioning: the Node 24 npm child gets a clean environment', function () {
  this.timeout(120_000);
  let work: string;
  let tarball: string;

  before(async () => {
    await provisionHost();
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'change-radar-provision-env-'));
    // The probe package: its install script writes what an install script sees next to the prefix.
    const pkg = path.join(work, 'probe', 'package');
    fs.mkdirSync(pkg, { recursive: true });
    fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'change-radar-probe', version: '1.0.0', scripts: { install: 'node report.js' } }));
    fs.writeFileSync(path.join(pkg, 'report.js'), `const e = process.env;
require('fs').writeFileSync(require('path').resolve(process.cwd(), '..', '..', 'seen.json'), JSON.stringify({
  version: process.version, userAgent: e.npm_config_user_agent, lifecycleEvent: e.npm_lifecycle_event, packageName: e.npm_package_name,
  nodeExecpath: e.npm_node_execpath, nodedir: e.npm_config_nodedir, initCwd: e.INIT_CWD, outerMarker: e.npm_package_config_outer_marker,
}));
`);
    tarball = path.join(work, 'probe.tgz');
    execFileSync('tar', ['czf', tarball, '-C', path.join(work, 'probe'), 'package']);
    // The driver: what provisioning does for code-server, with this probe instead.
    fs.writeFileSync(path.join(work, 'driver.js'), `const { npmInstall, hostNpmSettings } = require(${JSON.stringify(path.join(repoRoot, 'scripts', 'provisionHost.js'))});
const { hostConfig } = require(${JSON.stringify(path.join(repoRoot, 'scripts', 'host', 'hostConfig.js'))});
const prefix = process.argv[2];
npmInstall({ prefix, nodeBin: hostConfig.nodeBin, label: 'probe', what: 'installing the probe', timeoutMs: 90000,
  set: { ...hostNpmSettings(), npm_config_offline: 'true' }, logFile: prefix + '/install.log', tailFile: prefix + '/failure.log' })
  .catch((error) => { console.error(error.message); process.exitCode = 1; });
`);
    // An outer project whose `npm run` starts the driver, as `npm start` starts provisioning.
    fs.writeFileSync(path.join(work, 'package.json'), JSON.stringify({
      name: 'outer-project', version: '9.9.9', config: { outer_marker: 'from-the-outer-npm-run' }, scripts: { provision: 'node driver.js "$PREFIX"' },
    }));
  });

  after(() => {
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  /** A fresh prefix with the probe as its only dependency. */
  function prefix(name: string): string {
    const dir = path.join(work, name);
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `prefix-${name}`, private: true, dependencies: { 'change-radar-probe': `file:${tarball}` } }));
    return dir;
  }

  function run(command: string, args: readonly string[], dir: string, env: Record<string, string> = {}, cwd = work): Seen {
    const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, PREFIX: dir, ...env }, timeout: 100_000 });
    assert.strictEqual(result.status, 0, `${command} ${args.join(' ')}: ${result.stdout}${result.stderr}`);
    return JSON.parse(fs.readFileSync(path.join(dir, 'seen.json'), 'utf8')) as Seen;
  }

  function assertClean(seen: Seen, dir: string): void {
    assert.strictEqual(seen.version, `v${hostConfig.versions.node}`);
    assert.match(seen.userAgent ?? '', new RegExp(`node/v${hostConfig.versions.node.replace(/\./g, '\\.')}`));
    assert.strictEqual(seen.lifecycleEvent, 'install');
    assert.strictEqual(seen.packageName, 'change-radar-probe');
    assert.strictEqual(seen.nodeExecpath, hostConfig.nodeBin);
    assert.strictEqual(seen.nodedir, hostConfig.nodePackageDir);
    assert.strictEqual(fs.realpathSync(seen.initCwd ?? '/nonexistent'), fs.realpathSync(dir));
    assert.strictEqual(seen.outerMarker, undefined);
  }

  it('control: without cleaning, the child npm passes the outer Node 20 user agent on (the bug)', () => {
    const dir = prefix('control');
    // As the provisioning did before: Node 24 first on PATH, the rest of the environment inherited.
    const polluted = { PATH: `${path.dirname(hostConfig.nodeBin)}:${process.env.PATH ?? ''}`, npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false', npm_config_dangerously_allow_all_scripts: 'true', npm_config_offline: 'true' };
    const seen = run(hostConfig.nodeBin, [npmCli(), 'install', '--no-audit', '--no-fund'], dir, polluted, dir);
    assert.strictEqual(seen.version, `v${hostConfig.versions.node}`);
    assert.match(seen.userAgent ?? '', /node\/v20\.20\.2/);
  });

  it('started by plain `node scripts/provisionHost.js`', () => {
    const dir = prefix('plain');
    assertClean(run(process.execPath, ['driver.js', dir], dir), dir);
  });

  it(`started from inside \`npm run\` under this Node (${process.version})`, () => {
    const dir = prefix('npm-run');
    assertClean(run('npm', ['run', '--silent', 'provision'], dir), dir);
  });

  it('started from inside `npm run` carrying another Node\'s values (Node 22)', () => {
    const dir = prefix('npm-run-22');
    assertClean(run('npm', ['run', '--silent', 'provision'], dir, {
      npm_config_user_agent: 'npm/10.9.2 node/v22.12.0 linux x64 workspaces/false', npm_node_execpath: '/opt/node-v22/bin/node', NODE: '/opt/node-v22/bin/node',
      npm_config_node_gyp: '/opt/node-v22/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js', npm_config_nodedir: '/opt/node-v22',
    }), dir);
  });

  it('started through npx', () => {
    const dir = prefix('npx');
    assertClean(run('npx', ['--offline', '-c', `node driver.js ${dir}`], dir), dir);
  });

  it('with Node 24 as the outer Node, plain and from inside `npm run`', () => {
    const plain = prefix('outer-24');
    assertClean(run(hostConfig.nodeBin, ['driver.js', plain], plain), plain);
    const viaNpm = prefix('outer-24-npm-run');
    const node24Dir = path.dirname(hostConfig.nodeBin);
    assertClean(run(hostConfig.nodeBin, [npmCli(), 'run', '--silent', 'provision'], viaNpm, { PATH: `${node24Dir}:${process.env.PATH ?? ''}` }), viaNpm);
  });

  it('the settings it adds are only those the native build needs', () => {
    assert.deepStrictEqual(Object.keys(hostNpmSettings()).sort(), ['npm_config_dangerously_allow_all_scripts', 'npm_config_nodedir']);
  });
});
