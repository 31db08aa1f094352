import * as assert from 'node:assert';
import { analyzeChange, compileModel } from '../../../../src/core/evaluate/engine';
import { parseManifest } from '../../../../src/core/manifest/manifestParser';
import type { ParseManifestResult } from '../../../../src/core/manifest/manifestParser';
import type { ExtendedRead, ExtendsSpec } from '../../../../src/core/manifest/extendsLoader';
import { diffManifests, withBaseProtection } from '../../../../src/core/manifest/manifestChange';
import { statusReport } from '../../../../src/core/evaluate/engine';
import { buildFreezeNodes } from '../../../../src/vscode/views/viewModel/freezesViewModel';
import { buildIncidentNodes } from '../../../../src/vscode/views/viewModel/incidentsViewModel';
import { outline } from '../../../../src/vscode/views/viewModel/viewNode';
import { summarizeStatus } from '../../../../src/vscode/views/viewModel/statusSummary';

// The layering rules of `extends:` (docs/manifest.md, Organisation policy), in the pure parser: the
// extended files are served from memory by pin, as the node layer serves them from its verified cache.

const policyRef = 'a'.repeat(40);
const policy2Ref = 'b'.repeat(40);

const policy = `version: 1
timezone: Europe/Berlin
overrideApprovers: ["@cab"]
freezes:
  - id: pci-quarter-close
    title: PCI quarter close
    tags: [pci]
    start: 2026-12-20
    end: 2027-01-03
  - id: tier1-freeze
    tiers: [1]
    start: 2026-12-20T00:00:00Z
    end: 2027-01-03T00:00:00Z
    overrideApprovers: ["@vp-eng"]
  - id: ledger-only
    systems: [ledger]
    start: 2026-12-20T00:00:00Z
    end: 2027-01-03T00:00:00Z
incidents:
  - id: INC-ORG-1
    title: Payments platform down
    severity: sev1
    status: investigating
    tags: [pci]
    freeze: block
overrides:
  - freeze: some-other-repos-freeze
    reason: not ours
    approvedBy: "@cab"
`;

function files(extra: Record<string, string> = {}): Map<string, string> {
  return new Map(Object.entries({ [policyRef]: policy, ...extra }));
}

function reader(texts: Map<string, string>, asked: ExtendsSpec[] = []): (spec: ExtendsSpec) => ExtendedRead {
  return (spec) => {
    asked.push(spec);
    const text = texts.get(spec.pin);
    return text === undefined ? { code: 'extends-unavailable', reason: 'is not in the cache and fetching is off' } : { text };
  };
}

function consumer(body: string, ref = policyRef): string {
  return `version: 1
extends:
  - id: acme-policy
    git: file:///srv/ops-policy.git
    ref: ${ref}
systems:
  payments:
    paths: [services/payments/]
    tags: [pci]
  web:
    paths: [web/]
    tier: 1
  docs:
    paths: [docs/]
${body}`;
}

function parse(text: string, texts = files()): ParseManifestResult {
  return parseManifest('ops.yaml', (file) => (file === 'ops.yaml' ? text : undefined), { readExtended: reader(texts) });
}

const codes = (result: ParseManifestResult): string[] => result.problems.map((problem) => `${problem.severity} ${problem.code}`);

describe('extends: layering', () => {
  it('selects the repository systems by tag and tier, leaves out what selects none of them, and keeps the origin', () => {
    const result = parse(consumer(''));
    assert.deepStrictEqual(codes(result), []);
    const freezes = result.manifest!.freezes;
    assert.deepStrictEqual(freezes.map((freeze) => [freeze.id, freeze.systems, freeze.tiers]), [
      ['pci-quarter-close', ['payments'], []],
      ['tier1-freeze', [], ['1']],
    ]);
    assert.deepStrictEqual(freezes[0].origin, { extends: 'acme-policy', ref: policyRef, file: 'ops.yaml', line: 5 });
    // Read in the extended file's own zone: midnight in Berlin.
    assert.strictEqual(new Date(freezes[0].start!).toISOString(), '2026-12-19T23:00:00.000Z');
    assert.deepStrictEqual(result.manifest!.incidents.map((incident) => [incident.id, incident.systems, incident.origin?.line]), [['INC-ORG-1', ['payments'], 20]]);
    // The organisation override of a freeze this repository does not have does not apply.
    assert.deepStrictEqual(result.manifest!.overrides, []);
    assert.deepStrictEqual(result.manifest!.files, ['ops.yaml']);
  });

  it('blocks a change to a tagged system with the engine, naming the origin in the report', () => {
    const manifest = parse(consumer('')).manifest!;
    const report = analyzeChange(compileModel(manifest), ['services/payments/api.ts'], Date.parse('2026-12-24T10:00:00Z'));
    assert.strictEqual(report.blocked, true);
    assert.deepStrictEqual(report.freezes.map((freeze) => [freeze.id, freeze.effect, freeze.origin?.extends]), [
      ['pci-quarter-close', 'block', 'acme-policy'],
      ['INC-ORG-1', 'block', 'acme-policy'],
    ]);
  });

  it('reports a repository entry with an extended id as extends-conflict, and the extended entry stays in force', () => {
    const result = parse(consumer(`freezes:
  - id: pci-quarter-close
    systems: [docs]
    start: 2020-01-01T00:00:00Z
    end: 2020-01-02T00:00:00Z
`));
    assert.deepStrictEqual(codes(result), ['error extends-conflict']);
    assert.strictEqual(result.problems[0].file, 'ops.yaml');
    assert.match(result.problems[0].message, /already defined by an extended manifest \(acme-policy@aaaaaaa:ops\.yaml:5\)/);
    const kept = result.manifest!.freezes.filter((freeze) => freeze.id === 'pci-quarter-close');
    assert.deepStrictEqual(kept.map((freeze) => [freeze.origin?.extends, freeze.systems, freeze.invalid === undefined]), [
      ['acme-policy', ['payments'], true],
      [undefined, ['docs'], false],
    ]);
  });

  it('honours an override of an extended freeze only when an approver the extended file names approved it', () => {
    const result = parse(consumer(`overrides:
  - freeze: pci-quarter-close
    reason: hotfix
    approvedBy: "@cab"
  - freeze: tier1-freeze
    reason: hotfix
    approvedBy: "@vp-eng"
  - freeze: pci-quarter-close
    reason: sneaky
    approvedBy: "@me"
`));
    assert.deepStrictEqual(codes(result), ['warning override-not-allowed']);
    assert.match(result.problems[0].message, /`@me` is not in its `overrideApprovers` \(it names `@cab`\)/);
    assert.strictEqual(result.problems[0].range.start.line, 23, JSON.stringify(result.problems));
    assert.deepStrictEqual(result.manifest!.overrides.map((override) => [override.freeze, override.approvedBy]), [
      ['pci-quarter-close', '@cab'], ['tier1-freeze', '@vp-eng'],
    ]);
  });

  it('says which protections could not be checked when an entry is unavailable or tampered', () => {
    const unavailable = parse(consumer(''), new Map());
    assert.deepStrictEqual(codes(unavailable), ['error extends-unavailable']);
    assert.match(unavailable.problems[0].message, /`acme-policy` \(file:\/\/\/srv\/ops-policy\.git ops\.yaml at aaaaaaaaaaaa\) is not in the cache.*the freezes, incidents and overrides of acme-policy@aaaaaaa could not be checked/);
    assert.deepStrictEqual(unavailable.problems[0].range.start, { line: 2, column: 4 });
    const tampered = parseManifest('ops.yaml', () => consumer(''), { readExtended: () => ({ code: 'extends-tampered', reason: 'was changed in the cache' }) });
    assert.deepStrictEqual(codes(tampered), ['error extends-tampered']);
    const noReader = parseManifest('ops.yaml', () => consumer(''));
    assert.deepStrictEqual(codes(noReader), ['error extends-unavailable']);
  });

  it('refuses unpinned entries, plain http to another host, git option and command transports, cycles and chains deeper than 3', () => {
    const unpinned = parse(`version: 1
extends:
  - id: a
    git: https://example.com/a.git
    ref: main
  - id: b
    url: http://ops.example.com/h.yaml
    sha256: ${'c'.repeat(64)}
  - id: c
    url: https://ops.example.com/h.yaml
  - id: d
    git: "--upload-pack=touch /tmp/x"
    ref: ${'d'.repeat(40)}
  - id: e
    git: "ext::sh -c touch% /tmp/x"
    ref: ${'e'.repeat(40)}
systems: {}
`);
    assert.deepStrictEqual(codes(unpinned), Array(5).fill('error extends-invalid'));
    const chain = (ref: string, next: string): string => `version: 1
extends:
  - id: level-${ref[0]}
    git: file:///srv/p.git
    ref: ${next}
`;
    const refs = ['c', 'd', 'e', 'f'].map((digit) => digit.repeat(40));
    const deep = parse(chain('9abc'.repeat(10), refs[0]), files(Object.fromEntries(refs.map((ref, i) => [ref, chain(ref, refs[i + 1] ?? refs[0])]))));
    assert.deepStrictEqual(codes(deep), ['error extends-too-deep'], JSON.stringify(deep.problems));
    const cycle = parse(chain('9abc'.repeat(10), refs[0]), files({ [refs[0]]: chain(refs[0], refs[1]), [refs[1]]: chain(refs[1], refs[0]) }));
    assert.deepStrictEqual(codes(cycle), ['error extends-cycle']);
  });

  it('treats a pin bump that lifts an organisation freeze as a manifest change whose base protection stays', () => {
    const lifted = policy.replace(/ {2}- id: pci-quarter-close[\s\S]*?end: 2027-01-03\n/, '');
    const texts = files({ [policy2Ref]: lifted });
    const base = parse(consumer(''), texts).manifest!;
    const head = parse(consumer('', policy2Ref), texts).manifest!;
    assert.deepStrictEqual(diffManifests(base, head).map((edit) => `${edit.kind} ${edit.id} ${edit.change}`), ['freeze pci-quarter-close removed']);
    const judged = withBaseProtection(head, base);
    const report = analyzeChange(compileModel(judged), ['services/payments/api.ts'], Date.parse('2026-12-24T10:00:00Z'));
    assert.deepStrictEqual(report.freezes.filter((freeze) => freeze.effect === 'block').map((freeze) => [freeze.id, freeze.fromBase ?? false]),
      [['pci-quarter-close', true], ['INC-ORG-1', false]]);
  });

  it('shows the origin in the views: in the tooltip and the words read out (the row keeps its width for the name), and the extended file as where the row leads', () => {
    const manifest = parse(consumer('')).manifest!;
    const at = Date.parse('2026-12-24T10:00:00Z');
    const status = statusReport(compileModel(manifest), at);
    const freezes = buildFreezeNodes({ freezes: status.freezes, at, localZone: 'UTC' });
    assert.deepStrictEqual(outline(freezes).filter((line) => !line.startsWith('    ')), [
      'Active now — 3',
      '  Block: PCI quarter close — 9 days left',
      '  Block: tier1-freeze — 9 days left',
      '  Block: INC-ORG-1… — until resolved',
    ]);
    const pci = freezes[0].children[0];
    assert.ok((pci.tooltip ?? '').includes(`**Organisation policy:** acme-policy at \`${policyRef}\`, ops.yaml:5`), pci.tooltip);
    assert.match(pci.accessibility ?? '', /, from acme-policy$/);
    assert.strictEqual(pci.source?.file, 'acme-policy@aaaaaaa:ops.yaml');
    const incidents = buildIncidentNodes({ active: status.incidents, all: manifest.incidents, at, localZone: 'UTC', showResolved: false });
    const incident = incidents.flatMap((group) => group.children).find((row) => row.id === 'incident/INC-ORG-1');
    assert.deepStrictEqual([incident?.label, incident?.description], ['INC-ORG-1 Payments platform down', '']);
    assert.match(incident?.tooltip ?? '', /\*\*Organisation policy:\*\* acme-policy at/);
    assert.match(incident?.accessibility ?? '', /from acme-policy/);
  });

  it('says in the status bar that the organisation policy could not be read, leading to the Problems view', () => {
    const result = parse(consumer(''), new Map());
    const failures = result.problems.filter((problem) => problem.code === 'extends-unavailable').map((problem) => problem.message);
    const summary = summarizeStatus([{ name: 'shop', invalid: true, extendsFailures: failures }]);
    assert.deepStrictEqual([summary.level, summary.text, summary.target], ['error', '$(cloud-offline) Organisation policy unavailable', 'problems']);
    assert.match(summary.tooltip, /In shop: extended manifest unavailable: `acme-policy`/);
  });
});
