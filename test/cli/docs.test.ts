// Docs stay true: every shell block marked ```sh runnable in README.md, docs/*.md and
// examples/README.md runs, as written, in a temporary clone of this checkout (like doctests), and
// each command's exit code is checked: 0, or the N of a trailing `# exit N` comment. A block runs
// in one shell from the clone's root, so a `cd` carries over to the commands after it. The
// README's quick start is not here: CI (.ci/run) runs that.
import * as assert from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { markdownBlocks } from '../../scripts/markdownCommands';
import type { MarkdownBlock } from '../../scripts/markdownCommands';
import { cliBundleFiles } from '../../src/node/hookScript';
import { cliPath, repoRoot } from './support/buildCli';
import { cleanEnv } from './support/tempRepo';

const docFiles = ['README.md', 'examples/README.md', ...fs.readdirSync(path.join(repoRoot, 'docs')).filter((name) => name.endsWith('.md')).sort().map((name) => `docs/${name}`)];

/** The expected exit code written after a command: `# exit 1: why`. Default 0. */
export function expectedExit(command: string): number {
  const match = /#.*\bexit (\d+)\b/.exec(command);
  return match ? Number(match[1]) : 0;
}

function quote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** One bash script for a block: each command in turn, stopping at the first unexpected exit code. */
export function blockScript(file: string, block: MarkdownBlock): string {
  const lines = ['set -u', ...(block.cwd !== undefined ? [`cd ${quote(block.cwd)}`] : [])];
  for (const command of block.commands) {
    const expected = expectedExit(command.text);
    lines.push(`echo ${quote(`$ ${command.text}`)}`);
    lines.push(command.text);
    lines.push(`rc=$?; if [ "$rc" -ne ${expected} ]; then echo ${quote(`${file}:${command.line}: `)}"exit $rc, expected ${expected}" >&2; exit 99; fi`);
  }
  return `${lines.join('\n')}\n`;
}

describe('docs: runnable commands work as written', function () {
  this.timeout(180_000);
  let clone: string;
  let env: NodeJS.ProcessEnv;

  before(() => {
    // A temporary clone of the checkout as it is now (tracked and new files, not ignored ones), as a
    // git repository of its own, with the CLI built by the root hook and the installed node_modules.
    clone = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'change-radar-docs-')));
    const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repoRoot, encoding: 'utf8' }).split('\0').filter(Boolean);
    for (const file of files) {
      const from = path.join(repoRoot, file);
      if (!fs.existsSync(from)) continue;
      fs.mkdirSync(path.dirname(path.join(clone, file)), { recursive: true });
      fs.cpSync(from, path.join(clone, file), { verbatimSymlinks: true });
    }
    fs.mkdirSync(path.join(clone, 'dist'));
    for (const file of cliBundleFiles) fs.copyFileSync(path.join(path.dirname(cliPath), file), path.join(clone, 'dist', file));
    fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(clone, 'node_modules'), 'dir');
    // `change-radar` on PATH, as after installing the CLI: this clone's build.
    const bin = path.join(clone, '.doc-bin');
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, 'change-radar'), `#!/bin/sh\nexec ${quote(process.execPath)} ${quote(path.join(clone, 'dist', 'cli.js'))} "$@"\n`, { mode: 0o755 });
    env = cleanEnv({ PATH: `${bin}:${path.dirname(process.execPath)}:${process.env.PATH ?? ''}`, npm_config_offline: 'true', npm_config_update_notifier: 'false' });
    for (const name of Object.keys(env)) if (/^npm_(lifecycle|package)_|^npm_config_user_agent$|^INIT_CWD$/.test(name)) delete env[name];
    const git = (...args: string[]): void => { execFileSync('git', args, { cwd: clone, env, stdio: 'ignore' }); };
    git('init', '-q', '-b', 'main');
    fs.appendFileSync(path.join(clone, '.git', 'info', 'exclude'), '.doc-bin/\n');
    git('add', '-A');
    git('commit', '-q', '-m', 'docs test clone');
  });

  after(() => {
    if (clone) fs.rmSync(clone, { recursive: true, force: true });
  });

  it('the user-facing docs mark their commands runnable', () => {
    const counted = Object.fromEntries(['README.md', 'examples/README.md', 'docs/cli.md', 'docs/manifest.md', 'docs/testing.md']
      .map((file) => [file, markdownBlocks(fs.readFileSync(path.join(repoRoot, file), 'utf8'), 'runnable').length]));
    assert.deepStrictEqual(Object.entries(counted).filter(([, count]) => count === 0), [], JSON.stringify(counted));
  });

  for (const file of docFiles) {
    const blocks = markdownBlocks(fs.readFileSync(path.join(repoRoot, file), 'utf8'), 'runnable');
    for (const block of blocks) {
      it(`${file}:${block.line}: ${block.commands.map((c) => c.text.replace(/\s+#.*$/, '')).join(' ; ')}`, () => {
        const result = spawnSync('bash', ['-c', blockScript(file, block)], { cwd: clone, env, encoding: 'utf8', timeout: 170_000 });
        assert.strictEqual(result.status, 0, `${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`);
      });
    }
  }
});

describe('docs test helpers', () => {
  it('reads the expected exit code from a trailing comment', () => {
    assert.strictEqual(expectedExit('change-radar status'), 0);
    assert.strictEqual(expectedExit('change-radar check x   # exit 1: blocked'), 1);
    assert.strictEqual(expectedExit('echo "exit 3"'), 0);
  });

  it('a block script stops at the first unexpected exit code, naming the doc line', () => {
    const script = blockScript('X.md', { line: 1, commands: [{ line: 2, text: 'true' }, { line: 3, text: 'false   # exit 1' }, { line: 4, text: 'false' }, { line: 5, text: 'echo never' }] });
    const result = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
    assert.strictEqual(result.status, 99);
    assert.match(result.stderr, /X\.md:4: exit 1, expected 0/);
    assert.doesNotMatch(result.stdout, /^never$/m);
  });
});
