import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { runManifestAction } from '../../../../src/core/edit/manifestActions';
import { severityRank } from '../../../../src/core/evaluate/freezeCoverage';
import { completionContextAt } from '../../../../src/core/language/completionContext';
import { diffManifests, withBaseProtection } from '../../../../src/core/manifest/manifestChange';
import { freezeSchema, incidentSchema, manifestJsonSchema, projectSchema, systemSchema } from '../../../../src/core/manifest/manifestSchema';
import {
  comparedValue, enforcements, freezeVocabulary, incidentStatuses, incidentVocabulary, milestoneStatuses, projectVocabulary, severities, systemVocabulary,
} from '../../../../src/core/manifest/manifestVocabulary';
import type { EntryVocabulary } from '../../../../src/core/manifest/manifestVocabulary';
import { freeze, incident, manifest, milestone, ms, project, system } from '../../manifestFactory';

/**
 * Issue 24: the manifest's vocabulary is one table (src/core/manifest/manifestVocabulary.ts). Each
 * consumer's list is checked against it here, by asking the consumer; and a scan of src/ finds a
 * closed list written out again anywhere else.
 */

const root = path.resolve(__dirname, '../../../..');

/** The JSON Schema's `enum` of a property of a section's entries. */
function jsonEnum(section: 'freezes' | 'incidents', property: string): unknown {
  const schema = manifestJsonSchema() as { properties: Record<string, { items?: { properties: Record<string, { enum?: unknown; anyOf?: { enum?: unknown }[] }> } }> };
  const field = schema.properties[section]?.items?.properties[property];
  return field?.enum ?? field?.anyOf?.find((option) => option.enum !== undefined)?.enum;
}

const texts = (text: string) => ({ rootFile: 'ops.yaml', baseDir: '', files: new Map([['ops.yaml', text]]) });
const small = ['version: 1', 'timezone: UTC', 'systems:', '  api: { paths: [api/] }', 'freezes: []', 'incidents: []', 'projects:', '  - id: p', '    milestones: [{ id: m }]', ''].join('\n');

function refusal(action: Parameters<typeof runManifestAction>[1]): string {
  const outcome = runManifestAction(texts(small), action, ms('2026-12-01T10:00:00Z'));
  assert.equal(outcome.ok, false);
  return outcome.ok ? '' : outcome.error;
}

function completionValues(lines: readonly string[]): readonly string[] | undefined {
  const line = lines.length - 1;
  const wanted = completionContextAt(lines.join('\n'), line, lines[line]?.length ?? 0)?.wanted;
  return wanted?.kind === 'values' ? wanted.values : undefined;
}

describe('one vocabulary (issue 24)', () => {
  describe('closed values: every consumer lists the table', () => {
    it('the schema (and the JSON Schema made from it)', () => {
      assert.deepEqual(jsonEnum('incidents', 'severity'), [...severities]);
      assert.deepEqual(jsonEnum('incidents', 'status'), [...incidentStatuses]);
      assert.deepEqual(jsonEnum('freezes', 'enforcement'), [...enforcements]);
      const json = JSON.stringify(manifestJsonSchema());
      assert.ok(json.includes(JSON.stringify([...milestoneStatuses])), 'milestone statuses in the JSON Schema');
    });

    it('the write actions refuse what the table does not list, and name the table\'s values', () => {
      assert.match(refusal({ kind: 'incident-declare', severity: 'critical', systems: ['api'], title: 't' }), new RegExp(`one of ${severities.join(', ')},`));
      assert.match(refusal({ kind: 'incident-declare', severity: 'sev1', systems: ['api'], title: 't', freeze: 'stop' }), new RegExp(`one of ${enforcements.join(', ')},`));
      assert.match(refusal({ kind: 'milestone-set', project: 'p', milestone: 'm', status: 'late' }), new RegExp(`one of ${milestoneStatuses.join(', ')},`));
      for (const severity of severities) {
        assert.equal(runManifestAction(texts(small), { kind: 'incident-declare', severity, systems: ['api'], title: 't' }, ms('2026-12-01T10:00:00Z')).ok, true, severity);
      }
    });

    it('completion offers the table\'s values', () => {
      assert.deepEqual(completionValues(['incidents:', '  - id: a', '    severity: ']), severities);
      assert.deepEqual(completionValues(['incidents:', '  - id: a', '    status: ']), incidentStatuses);
      assert.deepEqual(completionValues(['projects:', '  - id: p', '    milestones:', '      - id: m', '        status: ']), milestoneStatuses);
      assert.deepEqual(completionValues(['freezes:', '  - id: f', '    enforcement: ']), enforcements);
      assert.deepEqual(completionValues(['incidents:', '  - id: a', '    freeze: ']), [...enforcements, 'true', 'false']);
    });

    it('severity order ("worst first") is the table\'s', () => {
      assert.deepEqual([...severities].sort((a, b) => severityRank(a) - severityRank(b)), [...severities]);
      assert.deepEqual(severities.map(severityRank), severities.map((_, i) => i));
    });
  });

  describe('entries: every schema field is in the table, the diff details the table\'s fields, base protection merges as it says', () => {
    const shapeKeys = (schema: unknown): string[] => Object.keys((schema as { _zod: { def: { shape: Record<string, unknown> } } })._zod.def.shape).sort();
    const listed = (vocabulary: EntryVocabulary<never>): string[] => [...vocabulary.fields.map((f) => f.name), ...vocabulary.unlisted].sort();

    it('each schema field is a field of the table or listed as not detailed', () => {
      assert.deepEqual(listed(systemVocabulary as EntryVocabulary<never>), shapeKeys(systemSchema));
      assert.deepEqual(listed(freezeVocabulary as EntryVocabulary<never>), shapeKeys(freezeSchema));
      assert.deepEqual(listed(incidentVocabulary as EntryVocabulary<never>), shapeKeys(incidentSchema));
      assert.deepEqual(listed(projectVocabulary as EntryVocabulary<never>), shapeKeys(projectSchema));
    });

    it('a freeze edited in every field the table lists: the diff names exactly those fields, in order', () => {
      const before = freeze({ id: 'f', startText: '2026-12-01 00:00', endText: '2026-12-02 00:00', systems: ['a'], tiers: ['1'], enforcement: 'block', exempt: ['x'], timezone: 'UTC' });
      const after = freeze({ id: 'f', schedule: { start: '0 1 * * *', end: '0 2 * * *' }, systems: ['b'], tiers: ['2'], enforcement: 'warn', exempt: ['y'], timezone: 'Europe/Berlin' });
      const [edit] = diffManifests(manifest({ freezes: [before] }), manifest({ freezes: [after] }));
      // The table's fields that differ here (all eight of them today; a field added later need not be in this fixture).
      const differing = freezeVocabulary.fields.filter((f) => JSON.stringify(comparedValue(f, before)) !== JSON.stringify(comparedValue(f, after)));
      assert.ok(differing.length >= 8, differing.map((f) => f.name).join(', '));
      assert.deepEqual(edit?.details.map((detail) => detail.split(' ')[0]), differing.map((f) => f.name));
    });

    it('an incident, a system and a project: the diff details the table\'s fields', () => {
      const [i] = diffManifests(manifest({ incidents: [incident({ id: 'i', freeze: 'block' })] }), manifest({ incidents: [incident({ id: 'i', status: 'monitoring', severity: 'sev3', systems: ['z'], freeze: 'warn' })] }));
      assert.deepEqual(i?.details.map((d) => d.split(' ')[0]), incidentVocabulary.fields.map((f) => f.name));
      const [s] = diffManifests(manifest({ systems: [system({ id: 's', paths: ['a/'], exclude: ['a/x'], tier: '1', dependsOn: ['t'], owners: ['@o'], tags: ['pci'] })] }),
        manifest({ systems: [system({ id: 's', paths: ['b/'], exclude: ['b/x'], tier: '2', dependsOn: ['u'], owners: ['@p'], tags: ['sox'] })] }));
      assert.deepEqual(s?.details.map((d) => d.split(' ')[0]), systemVocabulary.fields.map((f) => f.name));
      const [p] = diffManifests(manifest({ projects: [project({ id: 'p', systems: ['a'], milestones: [milestone({ id: 'm' })] })] }), manifest({ projects: [project({ id: 'p', systems: ['b'] })] }));
      assert.deepEqual(p?.details.map((d) => d.split(' ')[0]), projectVocabulary.fields.map((f) => f.name));
    });

    it('base protection: a freeze is kept as the base had it, its exemptions the union of both sides (the table\'s `union`)', () => {
      const base = freeze({ id: 'f', start: ms('2026-12-01T00:00:00Z'), end: ms('2026-12-10T00:00:00Z'), systems: ['a'], exempt: ['x/'] });
      const head = freeze({ id: 'f', start: ms('2026-12-01T00:00:00Z'), end: ms('2026-12-02T00:00:00Z'), systems: ['a'], exempt: ['y/'] });
      const judged = withBaseProtection(manifest({ freezes: [head] }), manifest({ freezes: [base] }));
      const kept = judged.freezes.find((f) => f.fromBase === true);
      assert.ok(kept);
      assert.equal(freezeVocabulary.keep, 'base');
      assert.deepEqual({ ...kept, exempt: undefined, fromBase: undefined }, { ...base, exempt: undefined, fromBase: undefined });
      assert.deepEqual(kept.exempt, ['x/', 'y/']);
    });

    it('base protection: a system is the head\'s, with the base\'s paths added and only the excludes both sides have', () => {
      const base = system({ id: 's', paths: ['a/'], exclude: ['a/x', 'a/y'], owners: ['@old'] });
      const head = system({ id: 's', paths: ['b/'], exclude: ['a/y', 'b/z'], owners: ['@new'] });
      const judged = withBaseProtection(manifest({ systems: [head] }), manifest({ systems: [base] }));
      assert.deepEqual(judged.systems[0], { ...head, paths: ['b/', 'a/'], exclude: ['a/y'] });
      // Tags select organisation freezes: a change that drops one keeps it for its own judgement.
      const tagged = withBaseProtection(manifest({ systems: [{ ...head, tags: ['sox'] }] }), manifest({ systems: [{ ...base, tags: ['pci'] }] }));
      assert.deepEqual(tagged.systems[0]?.tags, ['sox', 'pci']);
      const untagged = withBaseProtection(manifest({ systems: [head] }), manifest({ systems: [base] }));
      assert.strictEqual(untagged.systems[0]?.tags, undefined, 'no tags on either side: none added');
    });
  });

  it('no source file outside the table writes out a closed list again (a scan of src/)', () => {
    const lists = [severities, incidentStatuses, milestoneStatuses, enforcements].map((values) => new Set<string>(values));
    const allowed = new Set(['src/core/manifest/manifestVocabulary.ts']);
    const found: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('.ts')) {
          const file = path.relative(root, full).split(path.sep).join('/');
          if (allowed.has(file)) continue;
          const source = ts.createSourceFile(full, fs.readFileSync(full, 'utf8'), ts.ScriptTarget.Latest, true);
          const visit = (node: ts.Node): void => {
            if (ts.isArrayLiteralExpression(node)) {
              const strings = node.elements.filter(ts.isStringLiteral).map((e) => e.text);
              if (lists.some((list) => strings.filter((s) => list.has(s)).length >= 2)) {
                found.push(`${file}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}: [${strings.join(', ')}]`);
              }
            }
            ts.forEachChild(node, visit);
          };
          visit(source);
        }
      }
    };
    walk(path.join(root, 'src'));
    assert.deepEqual(found, [], 'read the list from src/core/manifest/manifestVocabulary.ts');
  });
});
