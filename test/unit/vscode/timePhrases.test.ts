import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeChange, compileModel, statusReport } from '../../../src/core/evaluate/engine';
import { formatDistance, formatIn, formatInZones, formatRelative } from '../../../src/report/timeText';
import { displayLocale, useDisplayLanguage, useL10nBundle } from '../../../src/vscode/base/l10n';
import { localDistance, localIn, localInZones, localRelative } from '../../../src/vscode/views/viewModel/timePhrases';
import { buildFreezeNodes } from '../../../src/vscode/views/viewModel/freezesViewModel';
import { spokenDate } from '../../../src/vscode/views/viewModel/spokenText';
import { countdownText, summarizeStatus } from '../../../src/vscode/views/viewModel/statusSummary';
import { accessibilityLabel, outline } from '../../../src/vscode/views/viewModel/viewNode';
import { freeze, manifest, ms, system } from '../manifestFactory';
import { fixtureModel, fixtureNow } from '../viewModelFixture';

/** Relative times and dates: the extension's (phrases through t(), the display language's locale) read as the CLI's English by default, and German with the German bundle and `de`. */

const root = path.join(__dirname, '..', '..', '..');
const german = JSON.parse(fs.readFileSync(path.join(root, 'l10n', 'bundle.l10n.de.json'), 'utf8')) as Record<string, string>;
const at = Date.parse('2026-12-05T12:00:00Z');
const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;
/** Distances on both sides of every unit boundary, both ways. */
const offsets = [0, 30_000, minute - 1, minute, 59 * minute, hour, hour + minute, 2 * hour - minute, 47 * hour + 59 * minute + 59_000, 2 * day, 2 * day + hour, 3 * day, 400 * day]
  .flatMap((d) => [d, -d]);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('l10n: relative times and dates', () => {
  afterEach(() => {
    useL10nBundle(undefined);
    useDisplayLanguage(undefined);
  });

  it('reads exactly as the CLI\'s English without a bundle, at every unit boundary', () => {
    for (const offset of offsets) {
      assert.strictEqual(localRelative(at + offset, at), formatRelative(at + offset, at), `relative ${offset}`);
      assert.strictEqual(localDistance(at + offset, at), formatDistance(at + offset, at), `distance ${offset}`);
      assert.strictEqual(localIn(at + offset, at), formatIn(at + offset, at), `in ${offset}`);
    }
    assert.strictEqual(localInZones(at, 'UTC', 'Asia/Tokyo'), formatInZones(at, 'UTC', 'Asia/Tokyo'));
  });

  it('the English default: whole forms after "in", absolute dates in en-US', () => {
    assert.deepStrictEqual(
      [formatIn(at + 3 * day, at), formatIn(at + 30_000, at), formatIn(at + day + 5 * minute, at), formatDistance(at + 2 * day, at), formatRelative(at - hour, at)],
      ['in 3 days', 'in less than a minute', 'in 24 h 5 min', '2 days', '1 h ago'],
    );
    assert.strictEqual(formatInZones(at, 'UTC'), 'Sat, Dec 5, 2026, 12:00 UTC');
    assert.strictEqual(formatInZones(at, 'UTC', 'Europe/Berlin', 'de'), 'Sa., 5. Dez. 2026, 12:00 UTC (Sa., 5. Dez. 2026, 13:00 MEZ, Europe/Berlin)');
  });

  it('reads German with the German bundle: singular and plural, and the unit inflected after its preposition', () => {
    useL10nBundle(german);
    assert.deepStrictEqual(
      [at + 3 * day, at - 2 * day, at + day + 5 * minute, at - 3 * hour, at + 20 * minute, at + 30_000, at - 400 * day].map((x) => localRelative(x, at)),
      ['in 3 Tagen', 'vor 2 Tagen', 'in 24 h 5 min', 'vor 3 h', 'in 20 min', 'jetzt', 'vor 400 Tagen'],
    );
    assert.deepStrictEqual(
      [at + 3 * day, at + 2 * day + hour, at + 2 * hour, at + 10, at + hour + minute].map((x) => localDistance(x, at)),
      ['3 Tage', '2 Tage', '2 h', 'weniger als eine Minute', '1 h 1 min'],
    );
    assert.deepStrictEqual([localIn(at + 9 * day, at), localIn(at + 10, at)], ['in 9 Tagen', 'in weniger als einer Minute']);
    // The CLI's default stays English whatever the extension loaded.
    assert.strictEqual(formatRelative(at + 3 * day, at), 'in 3 days');
  });

  it('German rows in the Freezes view and the status-bar countdown: no English unit left', () => {
    useL10nBundle(german);
    const status = statusReport(fixtureModel(), fixtureNow, { horizonMs: 7 * 86_400_000 });
    const rows = outline(buildFreezeNodes({ freezes: status.freezes, at: fixtureNow, localZone: 'UTC' }));
    assert.deepStrictEqual(rows.filter((r) => r.startsWith('  ') && !r.startsWith('    ')), ['  Blockiert: Holiday freeze — noch 4 Tage', '  Warnung: Audit window — in 45 h']);
    const model = compileModel(manifest({
      systems: [system({ id: 'checkout', paths: ['services/checkout/'] })],
      freezes: [freeze({ id: 'holiday', title: 'Holiday freeze', systems: ['checkout'], start: ms('2026-12-18T16:00:00Z'), end: ms('2027-01-04T08:00:00Z') })],
    }));
    const now = ms('2026-12-18T13:50:00Z');
    const s = summarizeStatus([{ name: 'shop', impact: analyzeChange(model, ['services/checkout/pay.ts'], now), invalid: false }], { at: now, horizonMs: day, localZone: 'UTC' });
    assert.strictEqual(s.text, '❄ in 2 h 10 min: Holiday freeze');
    assert.match(s.accessibility, /beginnt in 2 h 10 min, am /);
    assert.strictEqual(countdownText(45 * minute), '45 min');
  });

  it('writes and speaks dates in the display language\'s locale; English, unknown or malformed languages stay en-US', () => {
    assert.strictEqual(displayLocale(), 'en-US');
    const english = spokenDate(Date.parse('2027-01-04T00:00:00Z'), at, 'UTC');
    assert.strictEqual(english, 'January 4, 2027');
    useDisplayLanguage('de');
    assert.strictEqual(displayLocale(), 'de');
    assert.strictEqual(spokenDate(Date.parse('2027-01-04T00:00:00Z'), at, 'UTC'), '4. Januar 2027');
    assert.strictEqual(spokenDate(Date.parse('2026-12-06T17:00:00Z'), at, 'UTC'), '6. Dezember um 17:00');
    assert.strictEqual(localInZones(at, 'UTC'), 'Sa., 5. Dez. 2026, 12:00 UTC');
    for (const language of ['en', 'EN-us', 'qps-ploc', 'not a tag', undefined]) {
      useDisplayLanguage(language);
      assert.strictEqual(displayLocale(), 'en-US', String(language));
      assert.strictEqual(spokenDate(Date.parse('2027-01-04T00:00:00Z'), at, 'UTC'), english);
    }
    useDisplayLanguage('pt-br');
    assert.strictEqual(displayLocale(), 'pt-BR');
  });

  it('speaks a freeze row\'s dates in German: "bis" and a German month name', () => {
    useL10nBundle(german);
    useDisplayLanguage('de');
    const status = statusReport(fixtureModel(), fixtureNow, { horizonMs: 7 * 86_400_000 });
    const [active, upcoming] = buildFreezeNodes({ freezes: status.freezes, at: fixtureNow, localZone: 'UTC' }).map((g) => g.children[0]);
    assert.match(accessibilityLabel(active), /, bis \d+\. (Januar|Dezember)/);
    assert.match(accessibilityLabel(upcoming), /, ab \d+\. Dezember/);
  });

  it('the extension writes times only through views/viewModel/timePhrases.ts, and no en-US locale is fixed in src/vscode', () => {
    const formatters = /\b(formatRelative|formatDistance|formatIn|formatInZones)\b/;
    const offenders = sourceFiles(path.join(root, 'src', 'vscode'))
      .filter((file) => !file.endsWith(path.join('viewModel', 'timePhrases.ts')))
      .flatMap((file) => fs.readFileSync(file, 'utf8').split('\n').map((line, i) => ({ where: `${path.relative(root, file)}:${i + 1}`, line })))
      .filter(({ line }) => formatters.test(line) || line.includes("'en-US'"))
      .map(({ where, line }) => `${where}: ${line.trim()}`);
    assert.deepStrictEqual(offenders, []);
  });
});
