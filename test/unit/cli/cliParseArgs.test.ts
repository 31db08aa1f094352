import * as assert from 'node:assert';
import { parseCliArgs } from '../../../src/cli/parseArgs';

function call(...argv: string[]): unknown {
  const result = parseCliArgs(argv);
  assert.ok(result.ok, result.ok ? '' : result.error);
  return result.call;
}

function error(...argv: string[]): string {
  const result = parseCliArgs(argv);
  assert.ok(!result.ok, 'expected a usage error');
  return result.error;
}

describe('parseCliArgs', () => {
  it('parses check with paths and every option', () => {
    assert.deepStrictEqual(call('check', 'a.ts', '-C', 'sub', '--at', '2026-12-24T10:00:00Z', '--horizon', '3', '--format', 'json', '--manifest', 'x.yaml', 'b.ts'), {
      command: 'check', paths: ['a.ts', 'b.ts'], staged: false,
      options: { cwd: 'sub', manifest: 'x.yaml', at: '2026-12-24T10:00:00Z', horizonDays: 3, format: 'json' },
    });
  });

  it('parses --staged, --base/--head and --message-file', () => {
    assert.deepStrictEqual(call('check', '--base', 'origin/main', '--head', 'HEAD~1', '--message-file', 'm.txt'), {
      command: 'check', paths: [], staged: false, base: 'origin/main', head: 'HEAD~1', messageFile: 'm.txt', options: { format: 'text' },
    });
    assert.deepStrictEqual(call('check', '--staged', '--message-file', 'm.txt'), {
      command: 'check', paths: [], staged: true, messageFile: 'm.txt', options: { format: 'text' },
    });
  });

  it('treats everything after -- as paths, even when it looks like an option', () => {
    assert.deepStrictEqual((call('check', '--', '--weird-name') as { paths: string[] }).paths, ['--weird-name']);
  });

  it('rejects --head without --base', () => {
    assert.strictEqual(error('check', '--head', 'x'), '--head needs --base');
  });

  it('rejects unknown options and formats a command does not support', () => {
    assert.match(error('check', '--nope'), /Unknown option '--nope'/);
    assert.strictEqual(error('status', '--format', 'github'), "--format must be one of text, json, markdown for status, not 'github'");
  });

  it('validates --at and --horizon', () => {
    assert.match(error('check', '--at', 'tomorrow'), /--at expects an ISO-8601 time/);
    assert.match(error('check', '--horizon', 'ten'), /--horizon expects a number of days/);
    assert.deepStrictEqual((call('status', '--horizon', '0.5') as { options: unknown }).options, { horizonDays: 0.5, format: 'text' });
  });

  it('explain needs exactly one path', () => {
    assert.strictEqual(error('explain'), 'explain needs a PATH');
    assert.match(error('explain', 'a', 'b'), /at most 1 argument/);
    assert.deepStrictEqual(call('explain', 'a'), { command: 'explain', path: 'a', options: { format: 'text' } });
  });

  it('parses hook actions and the internal hook run', () => {
    assert.deepStrictEqual(call('hook', 'install', '--strict'), { command: 'hook', action: 'install', strict: true, options: { format: 'text' } });
    assert.deepStrictEqual(call('hook', 'run', 'commit-msg', '.git/COMMIT_EDITMSG'), {
      command: 'hook-run', hook: 'commit-msg', strict: false, messageFile: '.git/COMMIT_EDITMSG', options: { format: 'text' },
    });
    assert.match(error('hook', 'run', 'commit-msg'), /needs the commit message file/);
    // The warm hooks: git's own arguments (revisions, a flag) are taken and change nothing.
    assert.deepStrictEqual(call('hook', 'run', 'post-checkout', 'a1b2', 'c3d4', '1'), { command: 'hook-run', hook: 'post-checkout', strict: false, options: { format: 'text' } });
    assert.deepStrictEqual(call('hook', 'run', 'post-rewrite', 'rebase'), { command: 'hook-run', hook: 'post-rewrite', strict: false, options: { format: 'text' } });
    assert.match(error('hook', 'run', 'post-commit'), /hook run expects pre-commit, commit-msg, post-merge, post-checkout or post-rewrite, not 'post-commit'/);
    assert.match(error('hook', 'reinstall'), /hook expects install, uninstall or status/);
  });

  it('maps help and version, and names an unknown command', () => {
    assert.deepStrictEqual(call(), { command: 'help' });
    assert.deepStrictEqual(call('check', '--help'), { command: 'help', topic: 'check' });
    assert.deepStrictEqual(call('--version'), { command: 'version' });
    assert.match(error('deploy'), /unknown command 'deploy'/);
  });
});

describe('parseCliArgs: a global -C before the command, as in git', () => {
  const cwdOf = (...argv: string[]): unknown => (call(...argv) as { options: { cwd?: string } }).options.cwd;

  it('takes -C DIR, -CDIR, --cwd DIR and --cwd=DIR before the command', () => {
    assert.strictEqual(cwdOf('-C', 'examples', 'status'), 'examples');
    assert.strictEqual(cwdOf('-Cexamples', 'status'), 'examples');
    assert.strictEqual(cwdOf('--cwd', 'examples', 'validate'), 'examples');
    assert.strictEqual(cwdOf('--cwd=examples', 'check', 'a.ts'), 'examples');
  });

  it('combines several (each relative to the one before, an absolute one restarts), also with a -C after the command', () => {
    assert.strictEqual(cwdOf('-C', 'a', '-C', 'b', 'status'), 'a/b');
    assert.strictEqual(cwdOf('-C', 'a', '-C', '/abs', 'status'), '/abs');
    assert.strictEqual(cwdOf('-C', 'a/', 'status', '-C', 'b'), 'a/b');
    assert.strictEqual(cwdOf('status', '-C', 'b'), 'b');
  });

  it('needs a directory, and leaves help and version alone', () => {
    assert.match(error('-C'), /-C needs a directory/);
    assert.match(error('--cwd='), /needs a directory/);
    assert.deepStrictEqual(call('-C', 'x', 'help', 'status'), { command: 'help', topic: 'status' });
    assert.deepStrictEqual(call('-C', 'x', '--version'), { command: 'version' });
    assert.match(error('-C', 'x', 'frobnicate'), /unknown command 'frobnicate'/);
  });
});

describe('parseCliArgs: the shared options before the command', () => {
  it('passes -m, -f, --at, --horizon, --live and --live-timeout given before the command on to it', () => {
    assert.deepStrictEqual(call('-m', 'x.yaml', 'check', '--staged'), call('check', '--staged', '-m', 'x.yaml'));
    assert.deepStrictEqual(call('-mx.yaml', '--format=json', 'status'), call('status', '-m', 'x.yaml', '-f', 'json'));
    assert.deepStrictEqual(call('-C', 'sub', '-f', 'json', '-C', 'deeper', '--at', '2026-12-24T10:00Z', '--horizon', '2', 'explain', 'a.ts'),
      call('explain', 'a.ts', '-C', 'sub/deeper', '-f', 'json', '--at', '2026-12-24T10:00Z', '--horizon', '2'));
    assert.deepStrictEqual(call('--live', '--live-timeout', '2', 'status'), call('status', '--live', '--live-timeout', '2'));
    assert.deepStrictEqual(call('-m', 'x.yaml', 'hook', 'install'), call('hook', 'install', '-m', 'x.yaml'));
  });

  it('lets the same option after the command win, and reaches the write actions after their verb', () => {
    assert.strictEqual((call('-m', 'x.yaml', 'check', '-m', 'y.yaml') as { options: { manifest: string } }).options.manifest, 'y.yaml');
    assert.deepStrictEqual(call('-m', 'x.yaml', 'milestone', 'set', 'p/m', '--status', 'done'), call('milestone', 'set', 'p/m', '--status', 'done', '-m', 'x.yaml'));
  });

  it('keeps paths after -- as paths', () => {
    assert.deepStrictEqual(call('-m', 'x.yaml', 'check', '--', '-f'), call('check', '-m', 'x.yaml', '--', '-f'));
  });

  it('is checked by the command: an option it does not take is its error', () => {
    assert.match(error('--at', '2026-12-24T10:00Z', 'validate'), /Unknown option '--at'/);
    assert.match(error('-m'), /-m needs a value/);
    assert.strictEqual(error('-m', 'x.yaml'), '-m x.yaml: a command goes first or after them, e.g. change-radar check -m x.yaml');
  });

  it('says where any other option goes', () => {
    assert.strictEqual(error('--staged', 'check'), 'options go after the command: change-radar check --staged …');
    assert.strictEqual(error('--strict', 'hook', 'install'), 'options go after the command: change-radar hook --strict …');
    assert.strictEqual(error('--nope'), 'options go after the command: change-radar check --nope …');
  });

  it('leaves help and version alone', () => {
    assert.deepStrictEqual(call('-m', 'x.yaml', '--help'), { command: 'help' });
    assert.deepStrictEqual(call('-f', 'json', '--version'), { command: 'version' });
  });
});

describe('parseCliArgs: help topics and change sets', () => {
  it('an unknown help topic is an error naming the topics; each command is one', () => {
    assert.strictEqual(error('help', 'nope'), "no help on 'nope'; topics: check, explain, status, validate, calendar, hook, incident, freeze, override, milestone, init, coverage, gate, export, extends, changes");
    assert.match(error('--help', 'nope'), /no help on 'nope'/);
    for (const topic of ['check', 'hook', 'incident', 'coverage']) assert.deepStrictEqual(call('help', topic), { command: 'help', topic });
  });

  it('refuses --staged with --base: they name different change sets', () => {
    assert.strictEqual(error('check', '--staged', '--base', 'main'), '--staged and --base name different change sets; give one of them');
    assert.strictEqual(error('check', '--base', 'main', '--head', 'x', '--staged'), '--staged and --base name different change sets; give one of them');
  });
});
