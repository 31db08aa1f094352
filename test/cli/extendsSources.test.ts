// Live `sources:` in an extended (organisation) manifest, end to end: the organisation repository
// is a real bare git repository over file://, two local HTTP servers (node:http, started here) play
// PagerDuty, one at the origin the consumer repository allows its token for and one at an origin it
// does not ("evil"). Each server records the Authorization header it was sent.
import * as assert from 'node:assert';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import type { ImpactReport } from '../../src/core/evaluate/report';
import { pagerDutyIncident, pagerDutyPage } from '../fixtures/livePayloads';
import { LiveServer } from '../fixtures/liveServer';
import { cliPath } from './support/buildCli';
import { cleanEnv, run, TempRepo, tempDir } from './support/tempRepo';
import type { RunResult } from './support/tempRepo';

const opsToken = 'ops-token-3c9e-NOT-REAL';
const awsSecret = 'aws-secret-77b1-NOT-REAL';

function orgPolicy(allowed: string, evil: string): string {
  return `version: 1
sources:
  - id: org-pd
    type: pagerduty
    url: ${allowed}
    token: env:OPS_TOKEN
    services: { PPAY001: payments }
    freeze: { sev1: block }
  - id: org-evil
    type: pagerduty
    url: ${evil}
    token: env:AWS_SECRET
    services: { PPAY001: payments }
`;
}

/** A bare organisation repository holding `text` as ops.yaml; its URL and commit. */
function organisation(text: string): { url: string; ref: string } {
  const work = TempRepo.withCommit({ 'ops.yaml': text });
  const bare = path.join(tempDir('change-radar-org-'), 'ops-policy.git');
  assert.strictEqual(run('git', ['clone', '-q', '--bare', work.dir, bare], work.dir, cleanEnv()).code, 0);
  return { url: `file://${bare}`, ref: work.head() };
}

function consumerManifest(org: { url: string; ref: string }, allowTokens: string, hooksLive = false): string {
  return `version: 1
${hooksLive ? 'hooks: { live: true }\n' : ''}extends:
  - id: acme-policy
    git: ${org.url}
    ref: ${org.ref}
${allowTokens}systems:
  payments: { paths: [services/payments/] }
  docs: { paths: [docs/] }
`;
}

function spawnAsync(command: string, args: readonly string[], repo: TempRepo, env: Record<string, string>): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(command, args, { cwd: repo.dir, env: cleanEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString('utf8'); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr, ms: Date.now() - started }));
  });
}

const secrets = { OPS_TOKEN: opsToken, AWS_SECRET: awsSecret };

describe('extends: live sources of an organisation manifest (two local servers playing PagerDuty)', function () {
  this.timeout(60_000);
  let allowed: LiveServer;
  let evil: LiveServer;
  let org: { url: string; ref: string };

  beforeEach(async () => {
    allowed = await LiveServer.start();
    evil = await LiveServer.start();
    for (const server of [allowed, evil]) {
      server.route('/incidents', { json: pagerDutyPage([pagerDutyIncident({ id: 'QORG1', title: 'Payments platform down', service: 'PPAY001', priority: 'P1' })], 0, 100, false) });
      server.route('/services/PPAY001', { json: { service: { id: 'PPAY001', escalation_policy: { id: 'PESC001' } } } });
      server.route('/oncalls', { json: { oncalls: [], more: false } });
    }
    org = organisation(orgPolicy(allowed.url, evil.url));
  });
  afterEach(async () => {
    await allowed.stop();
    await evil.stop();
  });

  it('sends the token only to the origin the repository allows; the other source is not read, with a located warning', async () => {
    const grant = `    allowTokens:
      - { env: OPS_TOKEN, origin: "${allowed.url}" }
`;
    const repo = TempRepo.withCommit({ 'ops.yaml': consumerManifest(org, grant), 'services/payments/api.ts': 'x\n' });
    const result = await spawnAsync(process.execPath, [cliPath, 'check', '--live', '--format', 'json', 'services/payments/api.ts'], repo, secrets);
    assert.strictEqual(result.code, 1, result.stderr);
    assert.ok(allowed.requests.length > 0, 'the allowed source was read');
    assert.ok(allowed.requests.every((request) => request.headers.authorization === `Token token=${opsToken}`), JSON.stringify(allowed.requests));
    assert.deepStrictEqual(evil.requests, [], 'nothing, and no secret, reached the origin the repository did not allow');
    // The warning names the variable and the origin, located in the extended file (line 12, column 12: `env:AWS_SECRET`).
    assert.match(result.stderr, new RegExp(`acme-policy@${org.ref.slice(0, 7)}:ops\\.yaml:12:12: warning extends-token-not-allowed`), result.stderr);
    assert.match(result.stderr, new RegExp(`\`env:AWS_SECRET\` for ${evil.url.replace(/\./g, '\\.')}`));
    assert.ok(!result.stdout.includes(awsSecret) && !result.stderr.includes(awsSecret) && !result.stdout.includes(opsToken));
    const report = JSON.parse(result.stdout) as ImpactReport;
    assert.deepStrictEqual(report.incidents.map((incident) => [incident.id, incident.live?.source, incident.origin]), [
      ['org-pd:QORG1', 'org-pd', { extends: 'acme-policy', ref: org.ref, file: 'ops.yaml', line: 3 }],
    ]);
    assert.deepStrictEqual(report.freezes.map((freeze) => [freeze.id, freeze.effect, freeze.origin?.extends]), [['org-pd:QORG1', 'block', 'acme-policy']]);
  });

  it('without allowTokens no token leaves the machine: both sources are left out and each warning says why', async () => {
    const repo = TempRepo.withCommit({ 'ops.yaml': consumerManifest(org, ''), 'services/payments/api.ts': 'x\n' });
    const result = await spawnAsync(process.execPath, [cliPath, 'check', '--live', '--format', 'json', 'services/payments/api.ts'], repo, secrets);
    assert.strictEqual(result.code, 0, result.stderr);
    assert.deepStrictEqual([allowed.requests, evil.requests], [[], []]);
    assert.match(result.stderr, new RegExp(`:ops\\.yaml:6:12: warning extends-token-not-allowed: source \`org-pd\` .*\`env:OPS_TOKEN\` for ${allowed.url.replace(/\./g, '\\.')}`));
    assert.match(result.stderr, /:ops\.yaml:12:12: warning extends-token-not-allowed: source `org-evil`/);
  });

  it('a hook with hooks.live blocks a real commit on the organisation source incident and names its origin', async () => {
    const grant = `    allowTokens:
      - { env: OPS_TOKEN, origin: "${allowed.url}" }
`;
    const repo = TempRepo.withCommit({ 'ops.yaml': consumerManifest(org, grant, true), 'services/payments/api.ts': 'x\n' });
    assert.strictEqual(repo.cli(['hook', 'install']).code, 0);
    repo.write({ 'services/payments/api.ts': 'change\n' });
    repo.git('add', '-A');
    const blocked = await spawnAsync('git', ['commit', '-qm', 'during the organisation incident'], repo, secrets);
    assert.notStrictEqual(blocked.code, 0, blocked.stderr);
    assert.match(blocked.stderr, new RegExp(`org-pd:QORG1.*\\(from acme-policy@${org.ref.slice(0, 7)}\\)`), blocked.stderr);
    assert.ok(allowed.requests.length > 0 && allowed.requests.every((request) => request.headers.authorization === `Token token=${opsToken}`));
    assert.deepStrictEqual(evil.requests, []);
  });
});
