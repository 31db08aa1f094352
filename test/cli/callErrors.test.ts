import * as assert from 'node:assert';
import { alwaysManifest, baseFiles } from './support/fixtures';
import { TempRepo } from './support/tempRepo';

/** Calls that are wrong get one clear line and exit 2; calls that are clear are taken as meant. */
describe('call errors and options before the command', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = TempRepo.withCommit({ 'ops.yaml': alwaysManifest, ...baseFiles, 'other/ops.yaml': alwaysManifest.replace('systems: [checkout]\n    start', 'systems: [free]\n    start') });
  });

  it('help with an unknown topic: exit 2, naming the topics', () => {
    const result = repo.cli(['help', 'nope']);
    assert.strictEqual(result.code, 2);
    assert.strictEqual(result.stdout, '');
    assert.match(result.stderr, /^change-radar: no help on 'nope'; topics: check, explain, /);
    assert.strictEqual(repo.cli(['help', 'check']).code, 0);
  });

  it('-C FILE: "not a directory", exit 2 (not "no manifest found")', () => {
    for (const command of [['status'], ['check', '--staged'], ['hook', 'status']]) {
      const result = repo.cli(['-C', 'ops.yaml', ...command]);
      assert.strictEqual(result.code, 2, command.join(' '));
      assert.strictEqual(result.stderr, `change-radar: -C: not a directory: ${repo.path('ops.yaml')}\n`, command.join(' '));
    }
  });

  it('-m before the command is the manifest of the command', () => {
    const before = repo.cli(['-m', 'other/ops.yaml', '--at', '2026-12-24T10:00Z', 'check', 'services/checkout/pay.ts']);
    const after = repo.cli(['check', 'services/checkout/pay.ts', '-m', 'other/ops.yaml', '--at', '2026-12-24T10:00Z']);
    assert.strictEqual(before.code, 0, before.stderr);
    assert.strictEqual(before.stdout, after.stdout);
    assert.strictEqual(repo.cli(['check', 'services/checkout/pay.ts']).code, 1, 'the default manifest blocks it');
  });

  it('another option before the command says where it goes', () => {
    const result = repo.cli(['--staged', 'check']);
    assert.strictEqual(result.code, 2);
    assert.match(result.stderr, /^change-radar: options go after the command: change-radar check --staged …\n/);
  });

  it('--staged with --base: exit 2, nothing checked', () => {
    const result = repo.cli(['check', '--staged', '--base', 'main']);
    assert.strictEqual(result.code, 2);
    assert.strictEqual(result.stdout, '');
    assert.match(result.stderr, /^change-radar: --staged and --base name different change sets; give one of them\n/);
  });
});
