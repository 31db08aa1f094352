import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { refreshCliCopy } from '../../../src/node/hookInstaller';
import { cliBundleFiles, hookCommandLine, hookFormat, parseHookHeader, renderHookScript, shellQuote } from '../../../src/node/hookScript';

const command = { nodePath: '/opt/node dir/bin/node', cliPath: "/home/o'neil/cli.js", version: '1.2.3' };

describe('hookInstaller scripts', () => {
  it('quotes paths for sh, including single quotes', () => {
    assert.strictEqual(shellQuote("o'neil"), `'o'\\''neil'`);
  });

  it('marks the script with a header it can read back', () => {
    assert.deepStrictEqual(parseHookHeader(renderHookScript('commit-msg', command)), { hook: 'commit-msg', version: '1.2.3', format: hookFormat });
    assert.strictEqual(parseHookHeader('#!/bin/sh\necho foreign\n'), undefined);
  });

  it('runs the chained hook first, honours CHANGE_RADAR_SKIP, then execs the CLI by absolute path', () => {
    const lines = renderHookScript('pre-commit', { ...command, strict: true }).split('\n');
    const chained = lines.indexOf('  "$chained" "$@" || exit $?');
    const skip = lines.indexOf('if [ "${CHANGE_RADAR_SKIP:-}" = "1" ]; then');
    assert.ok(chained > 0 && skip > chained);
    assert.ok(lines.includes(`node='/opt/node dir/bin/node'`));
    assert.ok(lines.includes(`cli='/home/o'\\''neil/cli.js'`));
    const exec = lines.indexOf('  exec "$node" "$cli" hook run pre-commit "$@" --strict');
    assert.ok(exec > skip && lines[exec - 1] === 'if [ -x "$node" ] && [ -f "$cli" ]; then', 'the recorded paths first');
    assert.ok(lines.includes('strict=yes'));
    assert.ok(renderHookScript('pre-commit', command).split('\n').includes('strict=no'));
  });

  it('is a valid sh script (sh -n), with and without --strict and Electron', () => {
    for (const variant of [command, { ...command, strict: true }, { ...command, electronRunAsNode: true }]) {
      const result = spawnSync('sh', ['-n'], { input: renderHookScript('commit-msg', variant), encoding: 'utf8' });
      assert.strictEqual(result.status, 0, result.stderr);
    }
  });

  it('builds the command line hook managers run, with VS Code\'s Electron as node when asked', () => {
    assert.strictEqual(hookCommandLine('commit-msg', { ...command, electronRunAsNode: true }, '{1}'),
      `ELECTRON_RUN_AS_NODE=1 '/opt/node dir/bin/node' '/home/o'\\''neil/cli.js' hook run commit-msg {1}`);
  });
});

describe('hookInstaller: the warm hooks\' script (post-merge, post-checkout, post-rewrite)', () => {
  /** A hooks folder with the script of `hook` whose "node" is a shell script that records its arguments after `delay` seconds. */
  function installed(hook: 'post-merge' | 'post-checkout', delay: number, electronRunAsNode = false): { dir: string; log: string; script: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'change-radar-warm-'));
    const log = path.join(dir, 'ran.log');
    const node = path.join(dir, 'fake node');
    fs.writeFileSync(node, `#!/bin/sh\nsleep ${delay}\necho "$ELECTRON_RUN_AS_NODE $*" >> '${log}'\n`, { mode: 0o755 });
    fs.writeFileSync(path.join(dir, 'cli.js'), '');
    const script = path.join(dir, hook);
    fs.writeFileSync(script, renderHookScript(hook, { nodePath: node, cliPath: path.join(dir, 'cli.js'), version: '1.2.3', electronRunAsNode }), { mode: 0o755 });
    return { dir, log, script };
  }

  async function logged(log: string): Promise<string> {
    for (let i = 0; i < 100 && !fs.existsSync(log); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    return fs.readFileSync(log, 'utf8');
  }

  it('is a valid sh script (sh -n), with and without Electron', () => {
    for (const variant of [command, { ...command, electronRunAsNode: true }]) {
      const result = spawnSync('sh', ['-n'], { input: renderHookScript('post-rewrite', variant), encoding: 'utf8' });
      assert.strictEqual(result.status, 0, result.stderr);
    }
  });

  it('returns at once, silent, and the CLI runs in the background (as node, under Electron)', async () => {
    const { log, script } = installed('post-merge', 1, true);
    const started = Date.now();
    const result = spawnSync(script, ['0'], { encoding: 'utf8', timeout: 5000 });
    assert.strictEqual(result.status, 0);
    assert.strictEqual(result.stdout + result.stderr, '');
    assert.ok(Date.now() - started < 900, 'did not wait for the 1-second run');
    assert.ok(!fs.existsSync(log), 'not yet run');
    assert.strictEqual(await logged(log), `1 ${path.join(path.dirname(script), 'cli.js')} hook run post-merge\n`);
  });

  it('runs the hook that was there before first, keeps its exit status, and honours CHANGE_RADAR_SKIP', async () => {
    const { dir, log, script } = installed('post-checkout', 0);
    fs.writeFileSync(path.join(dir, 'post-checkout.change-radar-chained'), `#!/bin/sh\necho "theirs $*"\nexit 5\n`, { mode: 0o755 });
    const result = spawnSync(script, ['a', 'b', '1'], { encoding: 'utf8' });
    assert.strictEqual(result.status, 5);
    assert.strictEqual(result.stdout, 'theirs a b 1\n');
    assert.match(await logged(log), /hook run post-checkout\n$/);
    fs.rmSync(log);
    const skipped = spawnSync(script, ['a', 'b', '1'], { encoding: 'utf8', env: { ...process.env, CHANGE_RADAR_SKIP: '1' } });
    assert.strictEqual(skipped.status, 5);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.ok(!fs.existsSync(log), 'CHANGE_RADAR_SKIP=1: no warm run');
  });

  it('does nothing when the recorded node has gone (the commit hooks say how to repair)', () => {
    const { dir, script } = installed('post-merge', 0);
    fs.rmSync(path.join(dir, 'fake node'));
    const result = spawnSync(script, [], { encoding: 'utf8' });
    assert.strictEqual(result.status, 0);
    assert.strictEqual(result.stdout + result.stderr, '');
  });

  it('is run in the background by the lines given to hook managers too', () => {
    assert.strictEqual(hookCommandLine('post-checkout', { ...command, electronRunAsNode: true }, '"$1"'),
      `(ELECTRON_RUN_AS_NODE=1 '/opt/node dir/bin/node' '/home/o'\\''neil/cli.js' hook run post-checkout </dev/null >/dev/null 2>&1 &)`);
  });
});

describe('hookInstaller: the CLI copy in the git directory (hooks installed from VS Code)', () => {
  it('refreshCliCopy: does nothing without a copy, refreshes every bundle of a copy of another version, then leaves it', () => {
    const gitDir = fs.mkdtempSync(path.join(os.tmpdir(), 'change-radar-gitdir-'));
    try {
      const dist = path.join(gitDir, 'dist');
      fs.mkdirSync(dist);
      for (const file of cliBundleFiles) fs.writeFileSync(path.join(dist, file), `// ${file} v2\n`);
      const source = path.join(dist, 'cli.js');
      assert.strictEqual(refreshCliCopy(gitDir, source, '2.0.0'), false);
      assert.ok(!fs.existsSync(path.join(gitDir, 'change-radar')));
      fs.mkdirSync(path.join(gitDir, 'change-radar'));
      fs.writeFileSync(path.join(gitDir, 'change-radar', 'cli.js'), '// cli.js v1\n');
      fs.writeFileSync(path.join(gitDir, 'change-radar', 'version'), '1.0.0\n');
      assert.strictEqual(refreshCliCopy(gitDir, source, '2.0.0'), true);
      assert.deepStrictEqual(
        [...cliBundleFiles, 'version'].map((file) => fs.readFileSync(path.join(gitDir, 'change-radar', file), 'utf8')),
        ['// cli.js v2\n', '// cli-main.js v2\n', '// cli-parser.js v2\n', '// cli-extra.js v2\n', '2.0.0\n'],
      );
      assert.deepStrictEqual(fs.readdirSync(path.join(gitDir, 'change-radar')).sort(), [...cliBundleFiles, 'version'].sort(), 'no temporary file is left');
      assert.strictEqual(refreshCliCopy(gitDir, source, '2.0.0'), false);
    } finally {
      fs.rmSync(gitDir, { recursive: true, force: true });
    }
  });

  it('copies exactly the files esbuild.js writes for the CLI', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const build = require('../../../esbuild.js') as { cliFiles: readonly string[] };
    assert.deepStrictEqual([...cliBundleFiles], build.cliFiles);
  });
});
