// `--live` and `hooks.live` against a real local HTTP server (node:http, started here) that plays
// Statuspage and PagerDuty. The CLI runs as a child process, asynchronously, so the server in this
// process can answer it.
import * as assert from 'node:assert';
import { spawn } from 'node:child_process';
import type { ImpactReport, StatusReport } from '../../src/core/evaluate/report';
import { pagerDutyIncident, pagerDutyPage, statuspageIncidents, statuspageMaintenances } from '../fixtures/livePayloads';
import { LiveServer } from '../fixtures/liveServer';
import { cliPath } from './support/buildCli';
import { cleanEnv, TempRepo } from './support/tempRepo';
import type { RunResult } from './support/tempRepo';

const token = 'pd-cli-secret-5a7c-NOT-REAL';

function manifest(url: string, hooksLive = false): string {
  return `version: 1
${hooksLive ? 'hooks: { live: true }\n' : ''}systems:
  payments: { paths: [services/payments/], owners: ["@team-pay"] }
  docs: { paths: [docs/] }
sources:
  - id: status
    type: statuspage
    url: ${url}
    components: { "Payments API": payments }
    freeze: { sev1: block }
  - id: pd
    type: pagerduty
    url: ${url}
    token: env:CR_TEST_PD_TOKEN
    services: { PPAY001: payments }
    severity: { P2: sev2 }
`;
}

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

function gitAsync(repo: TempRepo, args: readonly string[], env: Record<string, string> = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn('git', args, { cwd: repo.dir, env: cleanEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString('utf8'); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr, ms: Date.now() - started }));
  });
}

describe('change-radar --live (a local server playing Statuspage and PagerDuty)', function () {
  this.timeout(60_000);
  let server: LiveServer;
  let repo: TempRepo;

  beforeEach(async () => {
    server = await LiveServer.start();
    server.route('/api/v2/incidents/unresolved.json', { json: statuspageIncidents([{ id: 'sp1', name: 'Payments API down', impact: 'critical', components: ['Payments API'] }]) });
    server.route('/api/v2/scheduled-maintenances/active.json', { json: statuspageMaintenances([]) });
    server.route('/incidents', { json: pagerDutyPage([pagerDutyIncident({ id: 'QPD1', title: 'Card auth slow', service: 'PPAY001', priority: 'P2' })], 0, 100, false) });
    // `--live` also asks PagerDuty who is on call (test/cli/oncall.test.ts): no one here.
    server.route('/services/PPAY001', { json: { service: { id: 'PPAY001', escalation_policy: { id: 'PESC001' } } } });
    server.route('/oncalls', { json: { oncalls: [], more: false } });
    repo = TempRepo.withCommit({ 'ops.yaml': manifest(server.url), 'services/payments/api.ts': 'x\n', 'docs/a.md': 'x\n' });
  });
  afterEach(() => server.stop());

  it('check --live: source incidents block and are marked with their source in JSON; without --live nothing is fetched', async () => {
    const live = await runAsync(repo, ['check', '--live', '--format', 'json', 'services/payments/api.ts'], { CR_TEST_PD_TOKEN: token });
    assert.strictEqual(live.stderr, '');
    const report = JSON.parse(live.stdout) as ImpactReport;
    assert.strictEqual(live.code, 1);
    assert.deepStrictEqual(report.incidents.map((i) => [i.id, i.severity, i.live?.source]), [['status:sp1', 'sev1', 'status'], ['pd:QPD1', 'sev2', 'pd']]);
    assert.deepStrictEqual(report.freezes.map((f) => [f.id, f.effect, f.live?.source]), [['status:sp1', 'block', 'status']]);
    const requests = server.requests.length;
    const offline = await runAsync(repo, ['check', '--format', 'json', 'services/payments/api.ts'], { CR_TEST_PD_TOKEN: token });
    assert.strictEqual(offline.code, 0);
    assert.deepStrictEqual((JSON.parse(offline.stdout) as ImpactReport).incidents, []);
    assert.strictEqual(server.requests.length, requests, 'no request without --live');
  });

  it('status --live and explain --live list source incidents; manifest incidents carry no source', async () => {
    const status = await runAsync(repo, ['status', '--live', '--format', 'json'], { CR_TEST_PD_TOKEN: token });
    assert.strictEqual(status.code, 0, status.stderr);
    assert.deepStrictEqual((JSON.parse(status.stdout) as StatusReport).incidents.map((i) => i.live?.source), ['status', 'pd']);
    const explain = await runAsync(repo, ['explain', '--live', 'services/payments/api.ts'], { CR_TEST_PD_TOKEN: token });
    assert.match(explain.stdout, /status:sp1/);
    assert.match(explain.stdout, /pd:QPD1/);
  });

  it('a failing source is a warning naming it and why; the exit code is unchanged; the token never shows', async () => {
    server.route('/incidents', { status: 500, raw: `oops ${token}` });
    server.route('/api/v2/incidents/unresolved.json', { delayMs: 4000, json: statuspageIncidents([]) });
    // 2 s: long enough for the other requests (PagerDuty's on-call lookup) to a local server on a loaded machine.
    const result = await runAsync(repo, ['check', '--live', '--live-timeout', '2', '--format', 'json', 'docs/a.md'], { CR_TEST_PD_TOKEN: token });
    assert.strictEqual(result.code, 0);
    assert.strictEqual(result.stderr, [
      'change-radar: warning: live source `status` failed: no answer within 2 s (timed out); its incidents are not included',
      'change-radar: warning: live source `pd` failed: /incidents?statuses%5B%5D=triggered&statuses%5B%5D=acknowledged&limit=100&offset=0: HTTP 500; its incidents are not included',
      '',
    ].join('\n'));
    assert.ok(!result.stdout.includes(token) && !result.stderr.includes(token));
  });

  it('a response that echoes the token: every output shows *** instead', async () => {
    server.route('/incidents', { json: pagerDutyPage([pagerDutyIncident({ id: 'QPD1', title: `Card auth slow, token=${token}`, service: 'PPAY001', priority: 'P2' })], 0, 100, false) });
    for (const format of ['text', 'json', 'markdown']) {
      const result = await runAsync(repo, ['status', '--live', '--format', format], { CR_TEST_PD_TOKEN: token });
      assert.strictEqual(result.code, 0, result.stderr);
      // Text and JSON show the stars as they are; markdown escapes each punctuation mark.
      assert.match(result.stdout.replace(/\\(.)/g, '$1'), /Card auth slow, token=\*\*\*/, `${format}: ${result.stdout}`);
      assert.ok(!result.stdout.includes(token) && !result.stderr.includes(token), format);
    }
  });

  it('without the token variable: a warning naming the variable', async () => {
    const result = await runAsync(repo, ['status', '--live']);
    assert.strictEqual(result.code, 0);
    assert.match(result.stderr, /live source `pd` failed: no token: set the environment variable CR_TEST_PD_TOKEN/);
  });

  it('--live-timeout needs --live and a number of seconds', async () => {
    assert.match((await runAsync(repo, ['status', '--live-timeout', '2'])).stderr, /--live-timeout needs --live/);
    assert.match((await runAsync(repo, ['status', '--live', '--live-timeout', 'soon'])).stderr, /--live-timeout expects seconds/);
  });

  it('hooks read sources only with hooks.live: true, give up after the hook budget and say so', async () => {
    assert.strictEqual(repo.cli(['hook', 'install']).code, 0);
    repo.write({ 'services/payments/api.ts': 'change\n' });
    repo.git('add', '-A');
    const before = server.requests.length;
    const offline = await gitAsync(repo, ['commit', '-qm', 'offline hooks'], { CR_TEST_PD_TOKEN: token });
    assert.strictEqual(offline.code, 0, offline.stderr);
    assert.strictEqual(server.requests.length, before, 'hooks stay offline by default');

    repo.write({ 'ops.yaml': manifest(server.url, true) });
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'hooks live', '--no-verify');
    repo.write({ 'services/payments/api.ts': 'change again\n' });
    repo.git('add', '-A');
    const blocked = await gitAsync(repo, ['commit', '-qm', 'during the incident'], { CR_TEST_PD_TOKEN: token });
    assert.notStrictEqual(blocked.code, 0, 'the source incident-freeze blocks the commit');
    assert.match(blocked.stderr, /status:sp1/);

    server.route('/api/v2/incidents/unresolved.json', { delayMs: 10_000, json: statuspageIncidents([]) });
    server.route('/incidents', { delayMs: 10_000, json: pagerDutyPage([], 0, 100, false) });
    const started = Date.now();
    const slow = await gitAsync(repo, ['commit', '-qm', 'the source hangs'], { CR_TEST_PD_TOKEN: token });
    assert.strictEqual(slow.code, 0, slow.stderr);
    assert.match(slow.stderr, /gave up on live source `status` after 1\.5 s \(the hook budget\)/);
    assert.ok(Date.now() - started < 9000, 'the hooks did not wait for the server');
  });
});
