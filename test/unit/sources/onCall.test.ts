import * as assert from 'node:assert';
import { parseManifest } from '../../../src/core/manifest/manifestParser';
import type { LiveSource, Manifest } from '../../../src/core/model';
import { mapOnCalls, onCallText, withOnCall } from '../../../src/core/sources/pagerdutyOnCall';
import { fetchOnCalls } from '../../../src/node/sources/sourceFetcher';
import type { FetchSourcesOptions, OnCallResult } from '../../../src/node/sources/sourceFetcher';
import { LiveServer } from '../../fixtures/liveServer';

// Who is on call, against a real local HTTP server (node:http) playing PagerDuty's
// `GET /services/{id}` and `GET /oncalls`: paging, a 401, a slow answer, and the static fallback.

const token = 'pd-oncall-token-3b9d-NOT-REAL';

function manifestFor(url: string): Manifest {
  const text = `version: 1
timezone: Europe/Berlin
systems:
  payments: { paths: [services/payments/], oncall: "#pay-oncall" }
  ledger: { paths: [services/ledger/], oncall: "https://rota.example.com/ledger" }
  web: { paths: [web/] }
sources:
  - id: pd
    type: pagerduty
    url: ${url}
    token: env:PD_TOKEN
    services: { PPAY001: payments, PLED002: [ledger, payments] }
`;
  const result = parseManifest('ops.yaml', () => text);
  assert.deepStrictEqual(result.problems, []);
  return result.manifest!;
}

const service = (id: string, policy: string): unknown => ({ service: { id, name: id, escalation_policy: { id: policy, type: 'escalation_policy_reference' } } });
const oncall = (policy: string, name: string, level: number, end: string | null): unknown => ({
  escalation_policy: { id: policy, type: 'escalation_policy_reference' }, escalation_level: level,
  user: { id: `U-${name}`, type: 'user_reference', summary: name }, schedule: null, start: '2026-12-21T08:00:00Z', end,
});

describe('on call now: PagerDuty over HTTP (a local node:http server)', function () {
  this.timeout(20_000);
  let server: LiveServer;
  let manifest: Manifest;
  let source: LiveSource;
  const options = (init: Partial<FetchSourcesOptions> = {}): FetchSourcesOptions => ({
    timeoutMs: 3000, tokenOf: () => token, now: () => Date.parse('2026-12-21T12:00:00Z'), timezone: 'Europe/Berlin', ...init,
  });
  const one = async (init: Partial<FetchSourcesOptions> = {}): Promise<OnCallResult> => {
    const results = await fetchOnCalls(manifest.sources ?? [], options(init));
    assert.strictEqual(results.length, 1);
    return results[0];
  };

  beforeEach(async () => {
    server = await LiveServer.start();
    manifest = manifestFor(server.url);
    source = manifest.sources![0];
    server.route('/services/PPAY001', { json: service('PPAY001', 'PESC-PAY') });
    server.route('/services/PLED002', { json: service('PLED002', 'PESC-LED') });
  });
  afterEach(() => server.stop());

  it('reads every page of /oncalls for the services\' policies; level 1 first; the token in the header only', async () => {
    server.route('/oncalls', (url) => {
      const offset = Number(url.searchParams.get('offset'));
      return offset === 0
        ? { json: { oncalls: [oncall('PESC-PAY', 'Bo Chen', 2, null), oncall('PESC-LED', 'Lee Park', 1, '2026-12-21T20:00:00Z')], limit: 2, offset: 0, more: true } }
        : { json: { oncalls: [oncall('PESC-PAY', 'Ana Silva', 1, '2026-12-21T17:00:00Z')], limit: 2, offset: 2, more: false } };
    });
    const result = await one();
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepStrictEqual(result.snapshot.problems, []);
    assert.deepStrictEqual(Object.fromEntries(result.snapshot.systems), {
      payments: [
        { name: 'Ana Silva', level: 1, until: Date.parse('2026-12-21T17:00:00Z') },
        { name: 'Lee Park', level: 1, until: Date.parse('2026-12-21T20:00:00Z') },
        { name: 'Bo Chen', level: 2 },
      ],
      ledger: [{ name: 'Lee Park', level: 1, until: Date.parse('2026-12-21T20:00:00Z') }],
    });
    const oncallPaths = server.requests.filter((r) => r.path.startsWith('/oncalls')).map((r) => r.path);
    assert.deepStrictEqual(oncallPaths, [
      '/oncalls?escalation_policy_ids%5B%5D=PESC-PAY&escalation_policy_ids%5B%5D=PESC-LED&limit=100&offset=0',
      '/oncalls?escalation_policy_ids%5B%5D=PESC-PAY&escalation_policy_ids%5B%5D=PESC-LED&limit=100&offset=2',
    ]);
    for (const request of server.requests) assert.strictEqual(request.headers.authorization, `Token token=${token}`);
    // Shown in the manifest's zone; replaces the static text where the source says, keeps it elsewhere.
    const shown = withOnCall(manifest, [result.snapshot]).systems.map((s) => [s.id, s.oncall ?? null]);
    assert.deepStrictEqual(shown, [
      ['payments', 'Ana Silva (level 1, until 2026-12-21 18:00 GMT+1); Lee Park (level 1, until 2026-12-21 21:00 GMT+1); Bo Chen (level 2)'],
      ['ledger', 'Lee Park (level 1, until 2026-12-21 21:00 GMT+1)'],
      ['web', null],
    ]);
  });

  it('a 401 is an error that names the request and never the token', async () => {
    server.route('/services/PPAY001', { status: 401, json: { error: { message: `bad token ${token}` } } });
    const result = await one();
    assert.ok(!result.ok);
    assert.strictEqual(result.error, '/services/PPAY001: HTTP 401: check the token');
  });

  it('a slow answer ends within the budget, as a time-out', async () => {
    server.route('/oncalls', { delayMs: 3000, json: { oncalls: [], more: false } });
    const started = Date.now();
    const result = await one({ timeoutMs: 300, now: () => Date.now() });
    assert.ok(!result.ok);
    assert.strictEqual(result.error, 'no answer within 0.3 s (timed out)');
    assert.ok(Date.now() - started < 2500, `took ${Date.now() - started} ms`);
  });

  it('a service without a policy and malformed entries are problems; the rest is shown', async () => {
    server.route('/services/PLED002', { json: { service: { id: 'PLED002' } } });
    server.route('/oncalls', { json: { oncalls: [oncall('PESC-PAY', 'Ana Silva', 1, null), { user: { summary: 'No Policy' } }, 'junk'], more: false } });
    const result = await one();
    assert.ok(result.ok);
    assert.deepStrictEqual(result.snapshot.problems, [
      '/services/PLED002 service.escalation_policy.id: expected an id; no one on call is shown for this service',
      '/oncalls oncalls[1]: expected escalation_policy.id, user.summary and escalation_level; left out',
      '/oncalls oncalls[2]: expected an object',
    ]);
    assert.deepStrictEqual(Object.fromEntries(result.snapshot.systems), { payments: [{ name: 'Ana Silva', level: 1 }], ledger: [] });
  });

  it('no token: an error, no request', async () => {
    const result = await one({ tokenOf: () => undefined });
    assert.deepStrictEqual([result.ok, server.requests.length], [false, 0]);
  });

  it('the static oncall: is the fallback: no snapshot, or a source that knows no one, keeps it', () => {
    assert.strictEqual(withOnCall(manifest, []), manifest);
    const empty = mapOnCalls(source, new Map(), [], 0);
    assert.deepStrictEqual(withOnCall(manifest, [empty]).systems.map((s) => s.oncall ?? null), ['#pay-oncall', 'https://rota.example.com/ledger', null]);
  });

  it('names are cleaned of control characters and at most three people are shown', () => {
    const policy = new Map([['PPAY001', 'P']]);
    const snapshot = mapOnCalls(source, policy, [1, 2, 3, 4].map((n) => oncall('P', `Person\u001b[2J ${n}`, n, null)), 0);
    assert.strictEqual(onCallText(snapshot.systems.get('payments') ?? [], 'UTC'), 'Person [2J 1 (level 1); Person [2J 2 (level 2); Person [2J 3 (level 3)');
  });
});
