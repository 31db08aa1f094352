// The pure parts of the manifest language features: where ids and globs are written, what a
// completion offers where, and the hover/CodeLens facts.
import * as assert from 'node:assert';
import { completionContextAt } from '../../../src/core/language/completionContext';
import { freezeLensText, filesPerSystem, systemFacts, systemLensText } from '../../../src/core/language/manifestInsight';
import { idAt, indexManifestText, isPlainId } from '../../../src/core/language/manifestSymbols';
import { compileModel } from '../../../src/core/evaluate/engine';
import { parseManifest } from '../../../src/core/manifest/manifestParser';

const text = `version: 1
timezone: Europe/Berlin
include: [ops/incidents.yaml]
systems:
  checkout:
    title: Checkout
    paths: [services/checkout/, "packages/checkout-*/"]
    exclude: [services/checkout/docs/]
    dependsOn: [ledger]
  "ledger":
    paths:
      - services/ledger/
    tier: 1
freezes:
  - id: holiday
    systems: [checkout, "*"]
    start: 2026-12-20 00:00
    end: 2027-01-04 09:00
    exempt: ["**/*.md"]
  - id: fridays
    systems:
      - ledger
    schedule: { start: "0 17 * * 5", end: "0 8 * * 1" }
overrides:
  - freeze: holiday
    reason: hotfix
    approvedBy: "@cto"
incidents:
  - id: INC-1
    severity: sev2
    status: investigating
    systems: [ledger]
projects:
  - id: v2
    systems: [checkout]
    milestones:
      - id: beta
        systems: [ledger]
`;

describe('manifest symbols', () => {
  const symbols = indexManifestText(text);

  it('finds every definition and reference of system and freeze ids, on the id text (quotes left out)', () => {
    const list = symbols.ids.map((o) => `${o.kind}:${o.id}:${o.definition ? 'def' : o.context}@${o.range.start.line}:${o.range.start.column}-${o.range.end.column}`);
    assert.deepStrictEqual(list, [
      'system:checkout:def@4:2-10',
      'system:ledger:dependsOn@8:16-22',
      'system:ledger:def@9:3-9',
      'freeze:holiday:def@14:8-15',
      'system:checkout:freezes.systems@15:14-22',
      'freeze:fridays:def@19:8-15',
      'system:ledger:freezes.systems@21:8-14',
      'freeze:holiday:overrides.freeze@24:12-19',
      'system:ledger:incidents.systems@31:14-20',
      'system:checkout:projects.systems@34:14-22',
      'system:ledger:milestones.systems@37:18-24',
    ]);
    assert.strictEqual(idAt(symbols, 8, 18)?.id, 'ledger');
    assert.strictEqual(idAt(symbols, 8, 10), undefined);
  });

  it('locates globs on their token, with owner, field and position in the list', () => {
    assert.deepStrictEqual(symbols.globs.map((g) => [g.owner, g.field, g.index, g.glob, g.range.start.line, g.range.start.column]), [
      ['checkout', 'paths', 0, 'services/checkout/', 6, 12],
      ['checkout', 'paths', 1, 'packages/checkout-*/', 6, 33],
      ['checkout', 'exclude', 0, 'services/checkout/docs/', 7, 14],
      ['ledger', 'paths', 0, 'services/ledger/', 11, 8],
      ['holiday', 'exempt', 0, '**/*.md', 18, 14],
    ]);
    assert.deepStrictEqual(symbols.includes.map((i) => i.path), ['ops/incidents.yaml']);
  });

  it('outlines systems, freezes, overrides, incidents and projects with their milestones', () => {
    const outline = symbols.entries.map((e) => `${e.kind}:${e.id}${e.children.length > 0 ? `(${e.children.map((c) => c.id).join(',')})` : ''}`);
    assert.deepStrictEqual(outline, ['system:checkout', 'system:ledger', 'freeze:holiday', 'freeze:fridays', 'override:holiday', 'incident:INC-1', 'project:v2(beta)']);
  });

  it('never throws on text that is not a manifest', () => {
    for (const bad of ['', ':', '- a\n- b', 'systems: [', 'systems:\n  a: {paths: [', '\u0000\u0001', '*alias']) {
      assert.doesNotThrow(() => indexManifestText(bad));
    }
  });

  it('accepts plain ids for rename and refuses what YAML would read otherwise', () => {
    assert.ok(isPlainId('payments-v2'));
    for (const bad of ['', 'a b', 'true', 'No', '12', '-x', 'a:b', '"q"']) assert.ok(!isPlainId(bad), bad);
  });
});

describe('completion context', () => {
  const at = (source: string): ReturnType<typeof completionContextAt> => {
    const lines = source.split('\n');
    const line = lines.findIndex((l) => l.includes('|'));
    const column = lines[line].indexOf('|');
    return completionContextAt(source.replace('|', ''), line, column);
  };
  const kind = (source: string): string | undefined => {
    const found = at(source)?.wanted;
    return found === undefined ? undefined : found.kind === 'values' ? found.values.join(',') : found.kind;
  };

  it('offers system ids in dependsOn, freeze/incident/project/milestone systems (flow and block lists)', () => {
    assert.strictEqual(kind('systems:\n  a:\n    dependsOn: [le|]\n'), 'system');
    assert.strictEqual(kind('systems:\n  a:\n    dependsOn:\n      - |\n'), 'system');
    assert.strictEqual(kind('freezes:\n  - id: x\n    systems: [a, |\n'), 'system');
    assert.strictEqual(kind('projects:\n  - id: p\n    milestones:\n      - id: m\n        systems:\n          - l|\n'), 'system');
    assert.deepStrictEqual(at('systems:\n  a:\n    dependsOn: [le|dger]\n'), { wanted: { kind: 'system', allowStar: false }, start: 16, end: 22, taken: [] });
  });

  it('names the values the list already holds (flow and block lists, before and after the cursor), not the word typed', () => {
    const taken = (source: string): readonly string[] | undefined => at(source)?.taken;
    assert.deepStrictEqual(taken('freezes:\n  - id: x\n    systems: [checkout, "ledger", |\n'), ['checkout', 'ledger']);
    assert.deepStrictEqual(taken('freezes:\n  - id: x\n    systems: [checkout, le|, web]\n'), ['checkout', 'web']);
    assert.deepStrictEqual(taken('systems:\n  a:\n    dependsOn: [le|]\n'), []);
    assert.deepStrictEqual(taken('freezes:\n  - id: x\n    systems: ["*", |\n'), ['*']);
    assert.deepStrictEqual(taken([
      'projects:', '  - id: p', '    milestones:', '      - id: m', '        systems:', '          - checkout  # money', '          - l|', "          - 'web'", '        due: 2027-01-01', '  - id: q', '    systems:', '      - search',
    ].join('\n')), ['checkout', 'web']);
    assert.deepStrictEqual(taken('systems:\n  a:\n    dependsOn:\n      - ledger\n      - |\n  b:\n    dependsOn:\n      - web\n'), ['ledger']);
    assert.deepStrictEqual(taken('freezes:\n  - id: x\n    tiers: [1, |]\n'), ['1']);
  });

  it('offers freeze ids in overrides, tiers, and the enum values', () => {
    assert.strictEqual(kind('overrides:\n  - freeze: h|\n'), 'freeze');
    assert.strictEqual(kind('systems:\n  a:\n    tier: |\n'), 'tier');
    assert.strictEqual(kind('freezes:\n  - id: x\n    enforcement: |\n'), 'block,warn');
    assert.strictEqual(kind('incidents:\n  - id: x\n    severity: |\n'), 'sev1,sev2,sev3,sev4');
    assert.strictEqual(kind('incidents:\n  - id: x\n    status: |\n'), 'investigating,identified,monitoring,resolved');
    assert.strictEqual(kind('projects:\n  - id: x\n    milestones:\n      - id: m\n        status: |\n'), 'planned,in-progress,done,blocked');
    assert.strictEqual(kind('incidents:\n  - id: x\n    freeze: |\n'), 'block,warn,true,false');
  });

  it('offers nothing where a new id is being defined, in comments, or after a closed list', () => {
    assert.strictEqual(kind('systems:\n  |\n'), undefined);
    assert.strictEqual(kind('systems:\n  a:\n    dependsOn: [b] |\n'), undefined);
    assert.strictEqual(kind('systems:\n  a:\n    # dependsOn: [|\n'), undefined);
    assert.strictEqual(kind('freezes:\n  - id: |\n'), undefined);
  });
});

describe('hover and CodeLens facts', () => {
  const parsed = parseManifest('ops.yaml', (file) => (file === 'ops.yaml' ? text : file === 'ops/incidents.yaml' ? 'incidents: []\n' : undefined));
  const model = compileModel(parsed.manifest ?? assert.fail('no manifest'));
  const files = ['services/checkout/a.ts', 'services/checkout/docs/x.md', 'packages/checkout-ui/b.ts', 'services/ledger/c.go', 'ops.yaml'];
  const counts = filesPerSystem(model, files, ['ops.yaml']);

  it('counts files, active freezes, open incidents and dependents of a system', () => {
    const during = Date.parse('2026-12-24T12:00:00Z');
    const ledger = systemFacts(model, 'ledger', during, counts);
    assert.ok(ledger);
    assert.strictEqual(systemLensText(ledger), '1 file · 1 freeze active · 1 incident open · 1 dependent');
    assert.deepStrictEqual(ledger.dependents, ['checkout']);
    const checkout = systemFacts(model, 'checkout', Date.parse('2026-12-01T12:00:00Z'), counts);
    assert.ok(checkout);
    assert.strictEqual(systemLensText(checkout), '2 files · 0 freezes active · 0 dependents');
  });

  it('says until when a freeze is in force, or when it next starts, in its zone', () => {
    const holiday = model.manifest.freezes.find((f) => f.id === 'holiday');
    const fridays = model.manifest.freezes.find((f) => f.id === 'fridays');
    assert.ok(holiday && fridays);
    // The zone's short name depends on the ICU data: CET, or GMT+1.
    const cet = '(?:CET|GMT\\+1)';
    assert.match(freezeLensText(holiday, Date.parse('2026-12-24T12:00:00Z')), new RegExp(`^in force until 2027-01-04 09:00 ${cet} · block$`));
    assert.match(freezeLensText(holiday, Date.parse('2026-12-01T12:00:00Z')), new RegExp(`^next: 2026-12-20 00:00 ${cet} – 2027-01-04 09:00 ${cet} · block$`));
    assert.match(freezeLensText(fridays, Date.parse('2026-12-02T12:00:00Z')), new RegExp(`^next: 2026-12-04 17:00 ${cet} – 2026-12-07 08:00 ${cet} · block$`));
  });
});
