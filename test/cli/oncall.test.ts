import * as assert from 'node:assert';
import { TempRepo } from './support/tempRepo';

// A system's static `oncall:` (free text or a URL) is shown beside the owners to tell, in `check`
// and `explain`, text, markdown and JSON; hostile text in it is escaped like any manifest text.

const manifest = `version: 1
systems:
  payments:
    paths: [payments/]
    owners: ["@pay"]
    oncall: "Ana Silva, #pay-oncall"
    dependsOn: [ledger]
  ledger:
    paths: [ledger/]
    oncall: "https://rota.example.com/ledger?x=1"
  web:
    paths: [web/]
    owners: ["@web"]
  evil:
    paths: [evil/]
    oncall: "Bo \\u001b[31mred\\u001b[0m | *x*"
`;

describe('on call now: the static oncall field', function () {
  this.timeout(60_000);
  let repo: TempRepo;
  before(() => {
    repo = TempRepo.withCommit({ 'ops.yaml': manifest, 'payments/a.ts': '1', 'ledger/b.ts': '1', 'web/c.ts': '1', 'evil/d.ts': '1' });
  });

  it('check: one line per touched system that has one, after the owners; JSON lists them and each system carries its own', () => {
    const text = repo.cli(['check', 'payments/a.ts', 'ledger/b.ts', 'web/c.ts']);
    assert.strictEqual(text.code, 0, text.stderr);
    const lines = text.stdout.split('\n');
    const owners = lines.indexOf('Owners to tell: @pay, @web');
    assert.ok(owners > 0, text.stdout);
    assert.deepStrictEqual(lines.slice(owners + 1, owners + 3), [
      'On call now for payments: Ana Silva, #pay-oncall',
      'On call now for ledger: https://rota.example.com/ledger?x=1',
    ]);
    const json = JSON.parse(repo.cli(['check', 'payments/a.ts', 'web/c.ts', '-f', 'json']).stdout) as { oncall?: unknown; systems: { id: string; oncall?: string }[] };
    assert.deepStrictEqual(json.oncall, [{ system: 'payments', oncall: 'Ana Silva, #pay-oncall' }]);
    // Only touched systems: ledger is neither touched nor impacted (a change impacts dependents, and payments is ledger's).
    assert.deepStrictEqual(json.systems.map((s) => [s.id, s.oncall ?? null]), [['payments', 'Ana Silva, #pay-oncall'], ['web', null]]);
  });

  it('check without any oncall: no line and no oncall key', () => {
    const result = repo.cli(['check', 'web/c.ts', '-f', 'json']);
    assert.strictEqual('oncall' in (JSON.parse(result.stdout) as object), false);
    assert.ok(!repo.cli(['check', 'web/c.ts']).stdout.includes('On call'));
  });

  it('explain: the path systems on-call line; markdown too; hostile text escaped', () => {
    const text = repo.cli(['explain', 'payments/a.ts']);
    assert.strictEqual(text.code, 0, text.stderr);
    assert.ok(text.stdout.includes('\n  system owners: @pay\n  on call now for payments: Ana Silva, #pay-oncall\n'), text.stdout);
    const markdown = repo.cli(['explain', 'ledger/b.ts', '-f', 'markdown']).stdout;
    assert.ok(markdown.includes('- **On call now:** https\\:\\/\\/rota\\.example\\.com\\/ledger\\?x\\=1 (ledger)\n'), markdown);
    const evil = repo.cli(['check', 'evil/d.ts']).stdout;
    assert.ok(evil.includes('On call now for evil: Bo \\x1b[31mred\\x1b[0m | *x*\n'), evil);
    const evilMarkdown = repo.cli(['check', 'evil/d.ts', '-f', 'markdown']).stdout;
    assert.ok(evilMarkdown.includes('**On call now:** Bo \\\\x1b\\[31mred\\\\x1b\\[0m \\| \\*x\\* (evil)'), evilMarkdown);
  });

  it('a wrong oncall (not a string) is a located problem, and the system still counts', () => {
    const bad = TempRepo.withCommit({ 'ops.yaml': manifest.replace('oncall: "Ana Silva, #pay-oncall"', 'oncall: [1, 2]'), 'payments/a.ts': '1' });
    const result = bad.cli(['check', 'payments/a.ts', '-f', 'json']);
    assert.match(result.stderr, /ops\.yaml:6:\d+: error/);
    assert.deepStrictEqual((JSON.parse(result.stdout) as { systems: { id: string }[] }).systems.map((s) => s.id), ['payments']);
  });
});
