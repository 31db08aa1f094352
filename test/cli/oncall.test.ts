import * as assert from 'node:assert';
import { spawn } from 'node:child_process';
import { LiveServer } from '../fixtures/liveServer';
import { cliPath } from './support/buildCli';
import { cleanEnv, TempRepo } from './support/tempRepo';
import type { RunResult } from './support/tempRepo';

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
    assert.ok(markdown.includes('- **On call now:** https\\://rota.example.com/ledger?x=1 (ledger)\n'), markdown);
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

describe('on call now: check --live and explain --live ask PagerDuty (a local node:http server)', function () {
  this.timeout(60_000);
  const token = 'pd-oncall-cli-7c1e-NOT-REAL';
  let server: LiveServer;
  let repo: TempRepo;

  beforeEach(async () => {
    server = await LiveServer.start();
    server.route('/incidents', { json: { incidents: [], more: false } });
    server.route('/services/PPAY001', { json: { service: { id: 'PPAY001', escalation_policy: { id: 'PESC-PAY' } } } });
    server.route('/oncalls', { json: { oncalls: [{ escalation_policy: { id: 'PESC-PAY' }, escalation_level: 1, user: { summary: 'Ana Silva' }, end: '2026-12-21T17:00:00Z' }], more: false } });
    repo = TempRepo.withCommit({
      'ops.yaml': `${manifest.replace('version: 1\n', 'version: 1\ntimezone: UTC\n')}sources:
  - id: pd
    type: pagerduty
    url: ${server.url}
    token: env:CR_TEST_PD_TOKEN
    services: { PPAY001: payments }
`,
      'payments/a.ts': '1', 'ledger/b.ts': '1',
    });
  });
  afterEach(() => server.stop());

  it('who is on call replaces the static text of mapped systems; others keep theirs; without --live nothing is asked', async () => {
    const env = { CR_TEST_PD_TOKEN: token };
    const live = await runAsync(repo, ['check', '--live', 'payments/a.ts', 'ledger/b.ts'], env);
    assert.strictEqual(live.code, 0, live.stderr);
    assert.strictEqual(live.stderr, '');
    assert.ok(live.stdout.includes('On call now for payments: Ana Silva (level 1, until 2026-12-21 17:00 UTC)\nOn call now for ledger: https://rota.example.com/ledger?x=1\n'), live.stdout);
    const explain = await runAsync(repo, ['explain', '--live', 'payments/a.ts'], env);
    assert.ok(explain.stdout.includes('  on call now for payments: Ana Silva (level 1, until 2026-12-21 17:00 UTC)\n'), explain.stdout);
    const before = server.requests.length;
    const offline = await runAsync(repo, ['check', 'payments/a.ts'], env);
    assert.ok(offline.stdout.includes('On call now for payments: Ana Silva, #pay-oncall\n'), offline.stdout);
    assert.strictEqual(server.requests.length, before);
  });

  it('a 401 or a slow answer: a warning, the static text shown, the exit code unchanged, the token never shown', async () => {
    server.route('/services/PPAY001', { status: 401, raw: `denied ${token}` });
    const denied = await runAsync(repo, ['check', '--live', 'payments/a.ts'], { CR_TEST_PD_TOKEN: token });
    assert.strictEqual(denied.code, 0);
    assert.strictEqual(denied.stderr, "change-radar: warning: on-call from live source `pd` failed: /services/PPAY001: HTTP 401: check the token; the systems' oncall: text is shown instead\n");
    assert.ok(denied.stdout.includes('On call now for payments: Ana Silva, #pay-oncall\n'), denied.stdout);
    server.route('/services/PPAY001', { delayMs: 5000, json: {} });
    const slow = await runAsync(repo, ['check', '--live', '--live-timeout', '0.5', 'payments/a.ts'], { CR_TEST_PD_TOKEN: token });
    assert.strictEqual(slow.code, 0);
    assert.match(slow.stderr, /on-call from live source `pd` failed: no answer within 0\.5 s \(timed out\)/);
    assert.ok(slow.ms < 4000, `took ${slow.ms} ms`);
    assert.ok(![denied, slow].some((r) => r.stdout.includes(token) || r.stderr.includes(token)));
  });
});

function runAsync(repo: TempRepo, args: readonly string[], env: Record<string, string> = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, [cliPath, ...args], { cwd: repo.dir, env: cleanEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString('utf8'); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr, ms: Date.now() - started }));
  });
}
