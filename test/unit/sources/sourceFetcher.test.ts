import * as assert from 'node:assert';
import { parseManifest } from '../../../src/core/manifest/manifestParser';
import type { LiveSource } from '../../../src/core/model';
import { fetchSources, retryAfterMs } from '../../../src/node/sources/sourceFetcher';
import type { FetchSourcesOptions, SourceResult } from '../../../src/node/sources/sourceFetcher';
import {
  pagerDutyIncident, pagerDutyPage, statuspageIncidents, statuspageMaintenances,
} from '../../fixtures/livePayloads';
import { LiveServer } from '../../fixtures/liveServer';

const token = 'pd-test-token-8e1f0c-NOT-REAL';

function sources(url: string): LiveSource[] {
  const text = `version: 1
systems:
  payments: { paths: [services/payments/] }
sources:
  - id: status
    type: statuspage
    url: ${url}
    components: { "Payments API": payments }
    maintenanceAsFreeze: block
  - id: pd
    type: pagerduty
    url: ${url}
    token: env:PD_TOKEN
    services: { PPAY001: payments }
`;
  const result = parseManifest('ops.yaml', () => text);
  assert.deepStrictEqual(result.problems, []);
  return [...result.manifest!.sources!];
}

describe('live sources over HTTP (a local node:http server playing the APIs)', function () {
  this.timeout(20_000);
  let server: LiveServer;
  let status: LiveSource;
  let pd: LiveSource;
  const options = (init: Partial<FetchSourcesOptions> = {}): FetchSourcesOptions => ({
    timeoutMs: 3000, tokenOf: (source) => (source.type === 'pagerduty' ? token : undefined), now: () => Date.now(), timezone: 'UTC', ...init,
  });
  const one = async (source: LiveSource, init: Partial<FetchSourcesOptions> = {}): Promise<SourceResult> => (await fetchSources([source], options(init)))[0];
  const errorOf = (result: SourceResult): string => {
    assert.ok(!result.ok, 'expected the source to fail');
    assert.ok(!result.error.includes(token), 'the token never appears');
    return result.error;
  };

  beforeEach(async () => {
    server = await LiveServer.start();
    [status, pd] = sources(server.url);
  });
  afterEach(() => server.stop());

  it('statuspage: reads unresolved incidents and active maintenances', async () => {
    server.route('/api/v2/incidents/unresolved.json', { json: statuspageIncidents([{ id: 'i1', name: 'Payments API errors', components: ['Payments API'] }]) });
    server.route('/api/v2/scheduled-maintenances/active.json', { json: statuspageMaintenances([{ id: 'm1', name: 'DB', components: ['Payments API'], scheduledUntil: '2099-01-01T00:00:00Z' }]) });
    const result = await one(status);
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepStrictEqual(result.snapshot.incidents.map((i) => [i.id, i.severity, i.systems]), [['status:i1', 'sev1', ['payments']]]);
    assert.deepStrictEqual(result.snapshot.freezes.map((f) => [f.id, f.enforcement]), [['status:m1', 'block']]);
  });

  it('pagerduty: follows more/offset across pages and sends the token only in the Authorization header', async () => {
    server.route('/incidents', (url) => {
      const offset = Number(url.searchParams.get('offset'));
      assert.deepStrictEqual(url.searchParams.getAll('statuses[]'), ['triggered', 'acknowledged']);
      const incidents = [pagerDutyIncident({ id: `Q${offset}`, title: `page ${offset}`, service: 'PPAY001', priority: 'P1' })];
      return { json: pagerDutyPage(incidents, offset, 1, offset < 2) };
    });
    const result = await one(pd);
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepStrictEqual(result.snapshot.incidents.map((i) => i.id), ['pd:Q0', 'pd:Q1', 'pd:Q2']);
    assert.strictEqual(server.count('/incidents'), 3);
    assert.ok(server.requests.every((request) => request.headers.authorization === `Token token=${token}` && !request.path.includes(token)));
    assert.ok(server.requests.every((request) => request.headers.accept === 'application/vnd.pagerduty+json;version=2'));
  });

  it('pagerduty: a response that echoes the token shows *** instead, in every string (title, service, problems)', async () => {
    const echo = { ...(pagerDutyIncident({ id: 'Q1', title: `your token is ${token}!`, service: 'PPAY001', priority: 'P1' }) as object), urgency: `odd-${token}` };
    const keyed = { [token]: 1, ...(pagerDutyIncident({ id: 'Q2', title: 'ok', service: token }) as object) };
    server.route('/incidents', { json: pagerDutyPage([echo, keyed], 0, 100, false) });
    const result = await one(pd);
    assert.ok(result.ok, JSON.stringify(result));
    const text = JSON.stringify(result);
    assert.ok(!text.includes(token), text);
    assert.match(result.snapshot.incidents[0]?.title ?? '', /your token is \*\*\*!/);
  });

  it('pagerduty without a token: an error naming the variable, no request made', async () => {
    const error = errorOf(await one(pd, { tokenOf: () => undefined }));
    assert.match(error, /PD_TOKEN/);
    assert.strictEqual(server.requests.length, 0);
  });

  it('an extended (organisation) source: the token is asked for only when the repository granted it for exactly this origin', async () => {
    server.route('/incidents', { json: pagerDutyPage([], 0, 100, false) });
    const origin = { extends: 'acme-policy', ref: 'a'.repeat(40), file: 'ops.yaml', line: 3 };
    const asked: string[] = [];
    const tokenOf = (source: LiveSource) => {
      asked.push(source.id);
      return token;
    };
    // No grant (the normaliser sets none when allowTokens does not allow it): never asked, never sent.
    const ungranted = errorOf(await one({ ...pd, origin }, { tokenOf }));
    assert.match(ungranted, /no token/);
    // A grant for another origin (as if a caller built one by hand) is not enough either.
    errorOf(await one({ ...pd, origin, tokenOrigin: 'https://api.pagerduty.com' }, { tokenOf }));
    assert.deepStrictEqual([asked, server.requests.length], [[], 0]);
    const granted = await one({ ...pd, origin, tokenOrigin: new URL(server.url).origin }, { tokenOf });
    assert.ok(granted.ok, JSON.stringify(granted));
    assert.deepStrictEqual(asked, ['pd']);
    assert.deepStrictEqual(server.requests.map((request) => request.headers.authorization), [`Token token=${token}`]);
  });

  it('429 with Retry-After: waits and retries within the budget', async () => {
    server.route('/incidents', (_url, count) => (count === 1
      ? { status: 429, headers: { 'retry-after': '1' }, json: { error: { message: 'Rate Limit Exceeded', code: 2020 } } }
      : { json: pagerDutyPage([], 0, 100, false) }));
    const result = await one(pd);
    assert.ok(result.ok, JSON.stringify(result));
    assert.strictEqual(server.count('/incidents'), 2);
  });

  it('429 asking for longer than the budget: an error that says so, without waiting', async () => {
    server.route('/incidents', { status: 429, headers: { 'retry-after': '120' }, json: { error: { message: 'Rate Limit Exceeded' } } });
    const started = Date.now();
    assert.match(errorOf(await one(pd)), /rate-limited \(HTTP 429\); it asks to retry after 120 s/);
    assert.ok(Date.now() - started < 2500);
  });

  it('500: an error naming the status', async () => {
    server.route('/api/v2/incidents/unresolved.json', { status: 500, raw: 'Internal Server Error' });
    server.route('/api/v2/scheduled-maintenances/active.json', { json: statuspageMaintenances([]) });
    assert.strictEqual(errorOf(await one(status)), '/api/v2/incidents/unresolved.json: HTTP 500');
  });

  it('401: an error that points at the token, never showing it', async () => {
    server.route('/incidents', { status: 401, json: { error: { message: `Invalid token ${token}` } } });
    assert.match(errorOf(await one(pd)), /HTTP 401: check the token/);
  });

  it('a slow response: timed out within the budget', async () => {
    server.route('/api/v2/incidents/unresolved.json', { delayMs: 5000, json: statuspageIncidents([]) });
    server.route('/api/v2/scheduled-maintenances/active.json', { json: statuspageMaintenances([]) });
    const started = Date.now();
    assert.strictEqual(errorOf(await one(status, { timeoutMs: 300 })), 'no answer within 0.3 s (timed out)');
    assert.ok(Date.now() - started < 2000, 'gave up on time');
  });

  it('malformed JSON: an error for that source only; the other source is still read', async () => {
    server.route('/api/v2/incidents/unresolved.json', { raw: '{"page": {"id": "x"}, "incidents": [' });
    server.route('/api/v2/scheduled-maintenances/active.json', { json: statuspageMaintenances([]) });
    server.route('/incidents', { json: pagerDutyPage([pagerDutyIncident({ id: 'Q1', title: 't', service: 'PPAY001' })], 0, 100, false) });
    const [first, second] = await fetchSources([status, pd], options());
    assert.match(errorOf(first), /^\/api\/v2\/incidents\/unresolved\.json: malformed JSON/);
    assert.ok(second.ok && second.snapshot.incidents.length === 1);
  });

  it('an oversized body: refused by its declared length and while streaming', async () => {
    const big = `{"incidents": [], "pad": "${'x'.repeat(5000)}"}`;
    server.route('/api/v2/incidents/unresolved.json', { raw: big, headers: { 'content-length': String(big.length) } });
    server.route('/api/v2/scheduled-maintenances/active.json', { json: statuspageMaintenances([]) });
    assert.match(errorOf(await one(status, { maxBytes: 1000 })), /response too large \(5\d{3} bytes, limit 1000\)/);
    server.route('/api/v2/incidents/unresolved.json', { raw: big });
    assert.match(errorOf(await one(status, { maxBytes: 1000 })), /response too large \(over 1000 bytes\)/);
  });

  it('a redirect is not followed (a token must not travel elsewhere)', async () => {
    server.route('/incidents', { status: 302, headers: { location: 'https://elsewhere.example/incidents' } });
    assert.match(errorOf(await one(pd)), /redirected \(HTTP 302\)/);
  });

  it('a server that is not there: a connection error', async () => {
    const url = server.url;
    await server.stop();
    server = await LiveServer.start();
    const [gone] = sources(url);
    assert.match(errorOf(await one(gone)), /cannot connect/);
  });

  it('Retry-After reads seconds and HTTP dates', () => {
    const at = Date.parse('2026-12-21T12:00:00Z');
    assert.deepStrictEqual([retryAfterMs('7', at), retryAfterMs('Mon, 21 Dec 2026 12:00:30 GMT', at), retryAfterMs('soon', at), retryAfterMs(null, at)], [7000, 30000, undefined, undefined]);
  });
});
