import * as assert from 'node:assert';
import { parseManifest } from '../../../../src/core/manifest/manifestParser';
import type { ParseManifestResult } from '../../../../src/core/manifest/manifestParser';
import type { ExtendedRead, ExtendsSpec } from '../../../../src/core/manifest/extendsLoader';
import { mapStatuspage } from '../../../../src/core/sources/statuspage';
import { mapPagerDuty } from '../../../../src/core/sources/pagerduty';

// `sources:` in an extended (organisation) manifest, in the pure parser: the extended files are
// served from memory by pin. The token rule: an extended source gets a token only when the
// repository's own `extends:` entry allows that env var for that origin (`allowTokens`).

const orgRef = 'a'.repeat(40);
const innerRef = 'b'.repeat(40);

const org = `version: 1
sources:
  - id: org-status
    type: statuspage
    url: https://status.acme.example
    components:
      Payments API: [payments, ledger]
      Ledger: ledger
    freeze: { sev1: block }
  - id: org-pd
    type: pagerduty
    token: env:OPS_TOKEN
    services:
      PABC123: payments
  - id: evil
    type: pagerduty
    url: https://evil.example/api
    token: env:AWS_SECRET
    services:
      PXYZ: payments
  - id: elsewhere
    type: statuspage
    url: https://status.other.example
    components:
      Billing: billing
`;

function reader(texts: Record<string, string>): (spec: ExtendsSpec) => ExtendedRead {
  return (spec) => {
    const text = texts[spec.pin];
    return text === undefined ? { code: 'extends-unavailable', reason: 'is not in the cache' } : { text };
  };
}

function consumer(entryExtra: string, body = ''): string {
  return `version: 1
extends:
  - id: acme-policy
    git: file:///srv/ops-policy.git
    ref: ${orgRef}
${entryExtra}systems:
  payments:
    paths: [services/payments/]
  docs:
    paths: [docs/]
${body}`;
}

function parse(text: string, texts: Record<string, string> = { [orgRef]: org }): ParseManifestResult {
  return parseManifest('ops.yaml', (file) => (file === 'ops.yaml' ? text : undefined), { readExtended: reader(texts) });
}

const codes = (result: ParseManifestResult): string[] => result.problems.map((problem) => `${problem.severity} ${problem.code}`);

const grantPd = `    allowTokens:
      - env: OPS_TOKEN
        origin: https://api.pagerduty.com
`;

describe('extends: live sources of an organisation manifest', () => {
  it('reads them with their origin, maps only the systems the repository has, and leaves out one that maps none', () => {
    const result = parse(consumer(grantPd));
    assert.deepStrictEqual(codes(result), ['warning extends-token-not-allowed']);
    const sources = result.manifest!.sources!;
    assert.deepStrictEqual(sources.map((source) => source.id), ['org-status', 'org-pd']);
    assert.deepStrictEqual(sources[0].mapping, [{ remote: 'Payments API', systems: ['payments'] }]);
    assert.deepStrictEqual(sources[0].origin, { extends: 'acme-policy', ref: orgRef, file: 'ops.yaml', line: 3 });
    assert.strictEqual(sources[0].source.file, 'acme-policy@aaaaaaa:ops.yaml');
    assert.strictEqual(sources[0].tokenEnv, undefined);
  });

  it('gives an extended source its token only for the env var and the origin the repository allows', () => {
    const sources = parse(consumer(grantPd)).manifest!.sources!;
    const pd = sources.find((source) => source.id === 'org-pd')!;
    assert.deepStrictEqual([pd.url, pd.tokenEnv, pd.tokenOrigin], ['https://api.pagerduty.com', 'OPS_TOKEN', 'https://api.pagerduty.com']);
    // Without the grant: a PagerDuty source needs a token, so it is not read at all, and the warning says why.
    const ungranted = parse(consumer(''));
    assert.deepStrictEqual(ungranted.manifest!.sources!.map((source) => source.id), ['org-status']);
    assert.deepStrictEqual(codes(ungranted), ['warning extends-token-not-allowed', 'warning extends-token-not-allowed']);
    const [first, second] = ungranted.problems;
    assert.strictEqual(first.file, 'acme-policy@aaaaaaa:ops.yaml');
    assert.deepStrictEqual(first.range.start, { line: 11, column: 11 });
    assert.match(first.message, /`org-pd` of the extended manifest acme-policy@aaaaaaa names the token `env:OPS_TOKEN` for https:\/\/api\.pagerduty\.com/);
    assert.match(first.message, /not sent and the source, which needs one, is not read/);
    assert.match(first.message, /allowTokens: \[\{ env: OPS_TOKEN, origin: https:\/\/api\.pagerduty\.com \}\]/);
    assert.match(second.message, /`env:AWS_SECRET` for https:\/\/evil\.example,/);
    assert.deepStrictEqual(second.range.start, { line: 17, column: 11 });
  });

  it('does not let a grant for one origin send the token to another, nor one env var stand for another', () => {
    const otherOrigin = parse(consumer(`    allowTokens:
      - { env: AWS_SECRET, origin: https://api.pagerduty.com }
      - { env: OPS_TOKEN, origin: https://evil.example }
`));
    assert.deepStrictEqual(otherOrigin.manifest!.sources!.map((source) => [source.id, source.tokenEnv]), [['org-status', undefined]]);
    assert.deepStrictEqual(codes(otherOrigin), ['warning extends-token-not-allowed', 'warning extends-token-not-allowed']);
  });

  it('keeps a statuspage source that names a token it may not use, without the token', () => {
    const withToken = org.replace('    url: https://status.acme.example\n', '    url: https://status.acme.example\n    token: env:STATUS_TOKEN\n');
    const result = parse(consumer(grantPd), { [orgRef]: withToken });
    const status = result.manifest!.sources!.find((source) => source.id === 'org-status')!;
    assert.deepStrictEqual([status.tokenEnv, status.tokenOrigin], [undefined, undefined]);
    const warning = result.problems.find((problem) => problem.message.includes('STATUS_TOKEN'));
    assert.match(warning?.message ?? '', /the token is not sent; the source is read without it/);
  });

  it('reads no allowTokens in an extended file: an organisation cannot let itself use a repository token', () => {
    const outer = `version: 1
extends:
  - id: inner
    git: file:///srv/inner.git
    ref: ${innerRef}
    allowTokens:
      - { env: AWS_SECRET, origin: https://evil.example }
`;
    const result = parse(consumer(grantPd).replace(orgRef, innerRef.replace(/b/g, 'c')), {
      ['c'.repeat(40)]: outer,
      [innerRef]: org,
    });
    assert.deepStrictEqual(codes(result), ['warning unknown-key', 'warning extends-token-not-allowed']);
    assert.strictEqual(result.problems[0].file, 'acme-policy@ccccccc:ops.yaml');
    assert.match(result.problems[1].message, /AWS_SECRET/);
    // The repository's grant for the entry the chain started from still counts for the file below it.
    const pd = result.manifest!.sources!.find((source) => source.id === 'org-pd')!;
    assert.deepStrictEqual([pd.tokenEnv, pd.origin?.extends], ['OPS_TOKEN', 'inner']);
    assert.strictEqual(result.manifest!.sources!.some((source) => source.id === 'evil'), false);
  });

  it('refuses an allowTokens origin with a path or plain http to another host', () => {
    const result = parse(consumer(`    allowTokens:
      - { env: OPS_TOKEN, origin: https://api.pagerduty.com/incidents }
      - { env: OPS_TOKEN, origin: http://api.pagerduty.com }
`));
    assert.deepStrictEqual(codes(result).filter((code) => code !== 'warning extends-token-not-allowed'), ['error extends-invalid', 'error extends-invalid']);
    assert.match(result.problems[0].message, /has a path: give the origin only/);
    assert.deepStrictEqual(result.problems[0].range.start, { line: 6, column: 34 });
    assert.strictEqual(result.manifest!.sources!.some((source) => source.tokenEnv !== undefined), false);
  });

  it('reports a repository source with an extended source id as extends-conflict; the extended one stays', () => {
    const result = parse(consumer(grantPd, `sources:
  - id: org-status
    type: statuspage
    url: https://status.mine.example
    components:
      Docs: docs
`));
    assert.deepStrictEqual(codes(result), ['warning extends-token-not-allowed', 'error extends-conflict']);
    assert.strictEqual(result.problems[1].file, 'ops.yaml');
    assert.match(result.problems[1].message, /source id `org-status` is already defined by an extended manifest \(acme-policy@aaaaaaa:ops\.yaml:3\)/);
    const kept = result.manifest!.sources!.filter((source) => source.id === 'org-status');
    assert.deepStrictEqual(kept.map((source) => source.url), ['https://status.acme.example']);
  });

  it('keeps the live-source rules in an extended file: https only, no unknown-system error there', () => {
    const insecure = org.replace('https://status.acme.example', 'http://status.acme.example');
    const result = parse(consumer(grantPd), { [orgRef]: insecure });
    const insecureUrl = result.problems.find((problem) => problem.code === 'insecure-url');
    assert.strictEqual(insecureUrl?.file, 'acme-policy@aaaaaaa:ops.yaml');
    assert.strictEqual(result.manifest!.sources!.some((source) => source.id === 'org-status'), false);
    assert.strictEqual(result.problems.some((problem) => problem.code === 'unknown-system'), false);
  });

  it('marks what an extended source reports with its origin', () => {
    const sources = parse(consumer(grantPd)).manifest!.sources!;
    const status = sources.find((source) => source.id === 'org-status')!;
    const snapshot = mapStatuspage(status, { incidents: { incidents: [{ id: 'x1', name: 'API down', status: 'investigating', impact: 'critical', components: [{ name: 'Payments API' }] }] } }, 0, 'UTC');
    assert.deepStrictEqual(snapshot.incidents.map((incident) => [incident.id, incident.systems, incident.freeze, incident.origin?.extends, incident.live?.source]),
      [['org-status:x1', ['payments'], 'block', 'acme-policy', 'org-status']]);
    const pd = sources.find((source) => source.id === 'org-pd')!;
    const paged = mapPagerDuty(pd, [{ id: 'Q1', title: 'Down', status: 'triggered', urgency: 'high', service: { id: 'PABC123' } }], 0);
    assert.deepStrictEqual(paged.incidents.map((incident) => incident.origin), [{ extends: 'acme-policy', ref: orgRef, file: 'ops.yaml', line: 10 }]);
  });
});
