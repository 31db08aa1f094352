import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileModel } from '../../../src/core/evaluate/engine';
import { milestoneRisks } from '../../../src/core/evaluate/milestoneRisk';
import { freezeHoverLines, freezeLensText, systemFacts, systemHoverLines, systemLensText } from '../../../src/core/language/manifestInsight';
import type { SystemFacts } from '../../../src/core/language/manifestInsight';
import { englishInsightPhrases } from '../../../src/core/language/insightPhrases';
import {
  enforcementMeaning, enforcements, incidentStatuses, incidentStatusMeaning, milestoneStatuses, milestoneStatusMeaning, severities, severityMeaning,
} from '../../../src/core/manifest/manifestVocabulary';
import type { Manifest } from '../../../src/core/model';
import { emptyRange } from '../../../src/core/problem';
import { relationText } from '../../../src/core/history/incidentChanges';
import { hookChangeText } from '../../../src/node/hookPhrases';
import type { HookChangeFacts } from '../../../src/node/hookPhrases';
import { useL10nBundle } from '../../../src/vscode/base/l10n';
import { localHookPhrases } from '../../../src/vscode/commands/hookPhrases';
import { enforcementText, incidentStatusText, milestoneStatusText, severityText } from '../../../src/vscode/model/vocabularyText';
import { localInsightPhrases } from '../../../src/vscode/language/insightPhrases';
import { localRiskPhrases } from '../../../src/vscode/model/riskPhrases';
import { localRelationPhrases } from '../../../src/vscode/views/viewModel/incidentChangesViewModel';
import { freeze, incident, manifest, milestone, ms, project, system } from '../manifestFactory';

/**
 * Text core builds for the editor (hover, CodeLens, milestone risks, the write pickers' meanings,
 * hook install lines): the extension's phrases (through t) read exactly as core's English without a
 * bundle, and German with the German bundle; core's default stays English.
 */

const german = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'l10n', 'bundle.l10n.de.json'), 'utf8')) as Record<string, string>;
const at = ms('2026-12-22T12:00:00Z');
const problem = { severity: 'error' as const, code: 'freeze-window', message: 'end before start', file: 'ops.yaml', range: emptyRange };

const holiday = freeze({ id: 'holiday', title: 'Holiday freeze', reason: 'peak traffic', systems: ['checkout'], start: ms('2026-12-20T00:00:00Z'), end: ms('2027-01-03T00:00:00Z') });
const soon = freeze({ id: 'soon', systems: ['ledger'], enforcement: 'warn', start: ms('2027-02-01T00:00:00Z'), end: ms('2027-02-03T00:00:00Z') });
const past = freeze({ id: 'past', systems: ['ledger'], start: ms('2025-01-01T00:00:00Z'), end: ms('2025-01-02T00:00:00Z') });
const broken = freeze({ id: 'broken', systems: ['ledger'], invalid: problem });
const open = freeze({ id: 'open', systems: ['ledger'], enforcement: 'warn', start: ms('2026-01-01T00:00:00Z') });
const sev1 = incident({ id: 'INC-1', title: 'Checkout down', severity: 'sev1', systems: ['checkout'], freeze: 'block', commander: '@cmd' });
const sev3 = incident({ id: 'INC-3', title: 'Slow ledger', severity: 'sev3', systems: ['ledger'], commander: '@pat' });
const invalidIncident = incident({ id: 'INC-9', title: 'Bad entry', systems: ['checkout'], freeze: 'warn', invalid: problem });

const insightManifest = manifest({
  systems: [system({ id: 'checkout', title: 'Checkout service', owners: ['@acme/checkout'] }), system({ id: 'ledger' }), system({ id: 'web', dependsOn: ['checkout'] })],
  freezes: [holiday, soon, past, broken, open],
  incidents: [sev1],
});

const riskManifest: Manifest = manifest({
  systems: [system({ id: 'checkout' }), system({ id: 'ledger' })],
  freezes: [holiday, { ...broken, systems: ['checkout'] }],
  incidents: [sev1, sev3, invalidIncident],
  projects: [project({
    id: 'v2', owner: '@pat', systems: ['checkout'], milestones: [
      milestone({ id: 'late', due: ms('2026-12-01T00:00:00Z') }),
      milestone({ id: 'xmas', due: ms('2026-12-24T00:00:00Z'), status: 'planned' }),
      milestone({ id: 'ledger', systems: ['ledger'], due: ms('2027-03-01T00:00:00Z') }),
    ],
  })],
});

function insightTexts(local: boolean): string[] {
  const phrases = local ? localInsightPhrases : undefined;
  const model = compileModel(insightManifest);
  const facts = ['checkout', 'ledger', 'web'].map((id) => systemFacts(model, id, at, new Map([['checkout', 1], ['web', 2]])))
    .filter((f): f is SystemFacts => f !== undefined);
  const unknownFiles = { ...facts[0], files: undefined };
  return [
    ...[...facts, unknownFiles].flatMap((f) => [systemLensText(f, phrases), ...systemHoverLines(f, (t) => t, phrases)]),
    ...insightManifest.freezes.flatMap((f) => [freezeLensText(f, at, phrases), ...freezeHoverLines(f, at, (t) => t, phrases)]),
  ];
}

const riskTexts = (local: boolean): string[] =>
  milestoneRisks(riskManifest, at, undefined, undefined, local ? localRiskPhrases : undefined).flatMap((m) => m.risks.map((r) => r.message));

const hookChanges: HookChangeFacts[] = (['installed', 'chained', 'updated', 'unchanged', 'conflict', 'removed', 'restored', 'absent', 'foreign-kept'] as const)
  .map((action) => ({ hook: 'pre-commit', path: '/repo/.git/hooks/pre-commit', action, chainedPath: '/repo/.git/hooks/pre-commit.change-radar-chained' }));

const vocabulary = (): Array<[string, string]> => [
  ...severities.map((v): [string, string] => [severityText[v](), severityMeaning[v]]),
  ...incidentStatuses.map((v): [string, string] => [incidentStatusText[v](), incidentStatusMeaning[v]]),
  ...milestoneStatuses.map((v): [string, string] => [milestoneStatusText[v](), milestoneStatusMeaning[v]]),
  ...enforcements.map((v): [string, string] => [enforcementText[v](), enforcementMeaning[v]]),
];

describe('l10n: text core builds for the editor', () => {
  afterEach(() => useL10nBundle(undefined));

  it('reads exactly as core\'s English without a bundle: hover and CodeLens of systems and freezes in every state', () => {
    const english = insightTexts(false);
    assert.deepStrictEqual(insightTexts(true), english);
    // The cases themselves, so that agreement on nothing cannot pass.
    for (const expected of ['1 file · 2 freezes active · 1 incident open · 1 dependent', '0 files · 1 freeze active · 0 dependents', 'Tracked files: unknown (no git in this workspace)',
      'Open incidents: INC-1 Checkout down (sev1)', 'Freezes in force: Holiday freeze (block); Checkout down (incident, block)', 'No freeze in force', 'No system depends on it',
      'invalid: in force until fixed', 'not in force (ended, or nothing within a year)', 'in force until 2027-01-03 00:00 UTC · block', 'next: 2027-02-01 00:00 UTC – 2027-02-03 00:00 UTC · warn']) {
      assert.ok(english.includes(expected), `${expected} not in:\n${english.join('\n')}`);
    }
    // A window without an end (no manifest freeze has one today; the lens words it all the same).
    assert.strictEqual(localInsightPhrases.freezeActive(undefined, 'warn'), englishInsightPhrases.freezeActive(undefined, 'warn'));
    assert.strictEqual(englishInsightPhrases.freezeActive(undefined, 'warn'), 'in force · warn');
  });

  it('reads exactly as core\'s English without a bundle: every kind of milestone risk', () => {
    const english = riskTexts(false);
    assert.deepStrictEqual(riskTexts(true), english);
    assert.deepStrictEqual(english, [
      'overdue: was due 2026-12-01 00:00 UTC',
      'freeze broken is invalid (ops.yaml:1:1: end before start): treated as in force until fixed, so at its due date too',
      'active sev1 incident INC-1 on its systems: Checkout down',
      'active sev2 incident INC-9 (invalid: acts as a warn freeze until fixed) on its systems: Bad entry',
      'owner @pat is commanding sev3 incident INC-3',
      'due inside freeze holiday (2026-12-20 00:00 UTC – 2027-01-03 00:00 UTC)',
      'freeze broken is invalid (ops.yaml:1:1: end before start): treated as in force until fixed, so at its due date too',
      'active sev1 incident INC-1 on its systems: Checkout down',
      'active sev2 incident INC-9 (invalid: acts as a warn freeze until fixed) on its systems: Bad entry',
      'owner @pat is commanding sev3 incident INC-3',
      'due 2026-12-24 00:00 UTC and not started (still planned)',
      'owner @pat is commanding sev3 incident INC-3 on its systems: Slow ledger',
    ]);
  });

  it('reads exactly as core\'s English without a bundle: the vocabulary\'s meanings, every hook install line, why a commit is listed', () => {
    for (const [local, table] of vocabulary()) assert.strictEqual(local, table);
    assert.deepStrictEqual(hookChanges.map((c) => hookChangeText(c, localHookPhrases)), hookChanges.map((c) => hookChangeText(c)));
    assert.strictEqual(hookChangeText(hookChanges[1]), 'pre-commit: installed; the existing hook now runs first from pre-commit.change-radar-chained');
    for (const via of [['payments'], ['a', 'b', 'c']]) assert.strictEqual(relationText({ via }, localRelationPhrases), relationText({ via }));
  });

  it('reads German with the German bundle (ids, titles, owners and times as they are); core\'s default stays English', () => {
    useL10nBundle(german);
    const insight = insightTexts(true);
    assert.ok(insight.includes('1 Datei · 2 Sperren aktiv · 1 Vorfall offen · 1 abhängiges System'), insight.join('\n'));
    assert.ok(insight.includes('Sperren in Kraft: Holiday freeze (blockierend); Checkout down (Vorfall, blockierend)'), insight.join('\n'));
    assert.strictEqual(localInsightPhrases.freezeActive(undefined, 'warn'), 'in Kraft · warnend');
    assert.ok(insight.includes('in Kraft bis 2027-01-03 00:00 UTC · blockierend'), insight.join('\n'));
    assert.ok(insight.includes('Kein System hängt davon ab'), insight.join('\n'));
    const risks = riskTexts(true);
    assert.strictEqual(risks[0], 'überfällig: war fällig am 2026-12-01 00:00 UTC');
    assert.strictEqual(risks[5], 'fällig während der Sperre holiday (2026-12-20 00:00 UTC – 2027-01-03 00:00 UTC)');
    assert.strictEqual(risks[4], 'Verantwortliche(r) @pat leitet sev3-Vorfall INC-3');
    assert.strictEqual(severityText.sev1(), 'am schwersten');
    assert.strictEqual(enforcementText.block(), 'Commits, die sie berühren, werden gestoppt');
    assert.strictEqual(hookChangeText(hookChanges[0], localHookPhrases), 'pre-commit: installiert');
    assert.strictEqual(relationText({ via: ['a', 'b', 'c'] }, localRelationPhrases), 'berührt c (a hängt von b ab, b hängt von c ab)');
    assert.strictEqual(relationText({ via: ['a', 'b', 'c'] }), 'touches c (a depends on b, b depends on c)');
    // Every German text differs from the English; the core defaults are untouched by the bundle.
    const english = { insight: insightTexts(false), risks: riskTexts(false) };
    assert.strictEqual(english.risks[0], 'overdue: was due 2026-12-01 00:00 UTC');
    assert.ok(english.insight.includes('1 file · 2 freezes active · 1 incident open · 1 dependent'));
    assert.deepStrictEqual(vocabulary().filter(([local, table]) => local === table), []);
    assert.deepStrictEqual(hookChanges.filter((c) => hookChangeText(c, localHookPhrases) === hookChangeText(c)), []);
    assert.deepStrictEqual(riskTexts(true).filter((text, i) => text === english.risks[i]), []);
  });
});
