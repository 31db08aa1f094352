import * as assert from 'node:assert';
import { alwaysManifest, baseFiles } from './support/fixtures';
import { TempRepo } from './support/tempRepo';

/**
 * What docs/cli.md says the hooks do not gate, and where the gate for it is: git runs neither
 * pre-commit nor commit-msg for cherry-pick, revert and rebase; `check --base` in CI still sees the commit.
 */
describe('commits the hooks do not gate (docs/cli.md), caught by check --base', () => {
  it('a cherry-pick into a frozen system passes the hooks; check --base refuses it (exit 1)', () => {
    const repo = TempRepo.withCommit({ 'ops.yaml': alwaysManifest, ...baseFiles });
    repo.git('checkout', '-q', '-b', 'elsewhere');
    repo.write({ 'services/checkout/pay.ts': 'made before the hooks\n' });
    repo.git('commit', '-qam', 'frozen change, made without hooks');
    const frozen = repo.head();
    repo.git('checkout', '-q', 'main');
    repo.git('checkout', '-q', '-b', 'feature');
    assert.strictEqual(repo.cli(['hook', 'install']).code, 0);

    const pick = repo.tryGit(['cherry-pick', frozen]);
    assert.strictEqual(pick.code, 0, `git ran no hook for the cherry-pick: ${pick.stderr}`);
    assert.doesNotMatch(pick.stderr, /change-radar/);
    const ci = repo.cli(['check', '--base', 'main', '--format', 'json']);
    assert.strictEqual(ci.code, 1, ci.stderr);
    assert.match(ci.stdout, /"forever"/);

    const revert = repo.tryGit(['revert', '--no-edit', 'HEAD']);
    assert.strictEqual(revert.code, 0, revert.stderr);
    assert.doesNotMatch(revert.stderr, /change-radar/);
  });
});
