import * as assert from 'node:assert';
import { parseManifest } from '../../../../src/core/manifest/manifestParser';
import type { ParseManifestResult } from '../../../../src/core/manifest/manifestParser';
import { checkSourceUrl } from '../../../../src/core/manifest/sourceConfig';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

function parse(...text: string[]): { text: string; result: ParseManifestResult } {
  const body = lines('version: 1', 'systems:', '  payments: { paths: [services/payments/] }', '  checkout: { paths: [services/checkout/] }', ...text);
  return { text: body, result: parseManifest('ops.yaml', (file) => (file === 'ops.yaml' ? body : undefined)) };
}

/** One-based line of the first line of `text` holding `needle`. */
function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((line) => line.includes(needle));
}

describe('sources: in the manifest', () => {
  it('reads a statuspage and a pagerduty source with their maps, defaults and token variable', () => {
    const { result } = parse(
      'sources:',
      '  - id: status',
      '    type: statuspage',
      '    url: https://status.acme.example/',
      '    components: { "Payments API": payments, "Checkout": [checkout, payments] }',
      '    maintenanceAsFreeze: warn',
      '  - id: pd',
      '    type: pagerduty',
      '    token: env:PAGERDUTY_TOKEN',
      '    services: { PXXXXXX: payments }',
      '    freeze: { sev1: block, sev2: warn, sev3: false }',
      '    severity: { P1: sev1, High: sev3 }',
    );
    assert.deepStrictEqual(result.problems, []);
    const [status, pd] = result.manifest!.sources!;
    assert.deepStrictEqual([status.id, status.type, status.url, status.maintenanceAsFreeze, status.tokenEnv], ['status', 'statuspage', 'https://status.acme.example', 'warn', undefined]);
    assert.deepStrictEqual(status.mapping, [{ remote: 'Payments API', systems: ['payments'] }, { remote: 'Checkout', systems: ['checkout', 'payments'] }]);
    assert.strictEqual(status.severity.get('critical'), 'sev1');
    assert.deepStrictEqual([pd.url, pd.tokenEnv, pd.freeze], ['https://api.pagerduty.com', 'PAGERDUTY_TOKEN', { sev1: 'block', sev2: 'warn' }]);
    assert.deepStrictEqual([pd.severity.get('p1'), pd.severity.get('high'), pd.severity.get('low')], ['sev1', 'sev3', 'sev4']);
    assert.strictEqual(pd.source.range.start.line, 10);
  });

  it('hooks.live is off unless true', () => {
    assert.strictEqual(parse('hooks: { live: true }').result.manifest!.hooks.live, true);
    assert.strictEqual(parse().result.manifest!.hooks.live, undefined);
    const { result, text } = parse('hooks: { live: sometimes }');
    assert.strictEqual(result.manifest!.hooks.live, undefined);
    assert.deepStrictEqual(result.problems.map((p) => [p.code, p.range.start.line]), [['wrong-type', lineOf(text, 'sometimes')]]);
  });

  it('a literal token is an error located at the token that never repeats it, and the source is left out', () => {
    const secret = 'u+Zx8sTq1-NOT-A-REAL-TOKEN';
    const { result, text } = parse('sources:', '  - id: pd', '    type: pagerduty', `    token: ${secret}`, '    services: { PX: payments }');
    assert.deepStrictEqual(result.problems.map((p) => [p.code, p.range.start.line, p.range.start.column]), [['literal-token', lineOf(text, secret), 11]]);
    assert.ok(!JSON.stringify(result).includes(secret), 'the literal appears nowhere in the result');
    assert.strictEqual(result.manifest!.sources, undefined);
  });

  it('a token that is not a string is refused without describing it either', () => {
    const { result } = parse('sources:', '  - id: pd', '    type: pagerduty', '    token: 123456789', '    services: { PX: payments }');
    assert.deepStrictEqual(result.problems.map((p) => p.code), ['literal-token']);
    assert.ok(!JSON.stringify(result.problems).includes('123456789'));
  });

  it('refuses plain http except on localhost and 127.0.0.1, and URLs with credentials', () => {
    assert.deepStrictEqual(checkSourceUrl('http://127.0.0.1:8080/x/'), { url: 'http://127.0.0.1:8080/x' });
    assert.deepStrictEqual(checkSourceUrl('http://localhost:3000'), { url: 'http://localhost:3000' });
    assert.ok('error' in checkSourceUrl('http://status.acme.example'));
    assert.ok('error' in checkSourceUrl('http://localhost.evil.example'));
    assert.ok('error' in checkSourceUrl('file:///etc/passwd'));
    assert.ok('error' in checkSourceUrl('not a url'));
    const withUser = checkSourceUrl('https://user:hunter2@status.acme.example');
    assert.ok('error' in withUser && !withUser.error.includes('hunter2'));
    const { result, text } = parse('sources:', '  - id: s', '    type: statuspage', '    url: http://status.acme.example', '    components: { A: payments }');
    assert.deepStrictEqual(result.problems.map((p) => [p.code, p.range.start.line]), [['insecure-url', lineOf(text, 'http://status')]]);
    assert.strictEqual(result.manifest!.sources, undefined);
  });

  it('reports unknown systems, types, duplicate ids and a missing statuspage url, each located', () => {
    const { result, text } = parse(
      'sources:',
      '  - id: s',
      '    type: statuspage',
      '    url: https://status.acme.example',
      '    components: { A: paymnts }',
      '  - id: s',
      '    type: statuspage',
      '    url: https://other.example',
      '  - id: o',
      '    type: opsgenie',
      '  - id: m',
      '    type: statuspage',
      '    components: { A: payments }',
    );
    const got = result.problems.map((p) => [p.code, p.range.start.line]);
    assert.deepStrictEqual(got, [
      ['invalid-value', lineOf(text, 'opsgenie')],
      ['unknown-system', lineOf(text, 'paymnts')],
      ['duplicate-id', lineOf(text, 'other.example') - 2],
      ['missing-key', lineOf(text, 'id: m')],
    ]);
    assert.match(result.problems.find((p) => p.code === 'unknown-system')!.message, /did you mean `payments`/);
    assert.deepStrictEqual(result.manifest!.sources!.map((s) => [s.id, s.mapping]), [['s', [{ remote: 'A', systems: [] }]]]);
  });

  it('sources are read from the root file only', () => {
    const files: Record<string, string> = {
      'ops.yaml': lines('version: 1', 'include: [more.yaml]'),
      'more.yaml': lines('sources:', '  - { id: s, type: statuspage, url: "https://s.example" }'),
    };
    const result = parseManifest('ops.yaml', (file) => files[file]);
    assert.deepStrictEqual(result.problems.map((p) => [p.code, p.file]), [['unknown-key', 'more.yaml']]);
    assert.strictEqual(result.manifest!.sources, undefined);
  });
});
