import * as assert from 'node:assert';
import { compileFreezeRules } from '../../../src/core/evaluate/freezeEvaluator';
import type { Manifest } from '../../../src/core/model';
import { buildTimeline } from '../../../src/core/evaluate/timeline';
import { sourceOfKey, timelineViewData } from '../../../src/vscode/views/viewModel/timelineViewModel';
import type { FolderTimeline } from '../../../src/vscode/views/viewModel/timelineViewModel';
import { freeze, incident, manifest, milestone, ms, override, project, system } from '../manifestFactory';

const source = (line: number) => ({ file: 'ops.yaml', range: { start: { line, column: 4 }, end: { line: line + 3, column: 0 } } });

function folder(m: Manifest, now: number, from: number, to: number): FolderTimeline {
  const rules = compileFreezeRules(m, new Map(m.systems.map((s) => [s.id, s])));
  return { key: 'file:///repo', name: '', invalid: false, timeline: buildTimeline(rules, { from, to, now }) };
}

describe('timelineViewModel', () => {
  const now = ms('2026-12-10T12:00:00Z');
  const m = manifest({
    timezone: 'Europe/Berlin',
    systems: [system({ id: 'checkout', tier: '1', owners: ['@pay'] }), system({ id: 'web', title: 'Web <b>' })],
    freezes: [
      freeze({ id: 'holiday', title: 'Holiday', systems: ['checkout'], start: ms('2026-12-18T17:00:00Z'), end: ms('2027-01-04T08:00:00Z'), timezone: 'Europe/Berlin', source: source(20) }),
      freeze({ id: 'weekend', systems: ['web'], enforcement: 'warn', schedule: { start: '0 18 * * 5', end: '0 8 * * 1' }, timezone: 'Europe/Berlin', source: source(30) }),
    ],
    overrides: [override({ freeze: 'holiday', reason: 'hotfix', paths: ['checkout/fraud/'] })],
    incidents: [incident({ id: 'INC-1', systems: ['web'], severity: 'sev1', started: ms('2026-12-09T08:00:00Z'), source: source(40) })],
    projects: [project({ id: 'v2', systems: ['checkout'], milestones: [milestone({ id: 'beta', due: ms('2026-12-21T22:59:59.999Z'), dueText: '2026-12-21', source: source(50) })] })],
  });
  const folders = [folder(m, now, ms('2026-12-01T00:00:00Z'), ms('2027-01-01T00:00:00Z'))];
  const data = timelineViewData(folders, { from: ms('2026-12-01T00:00:00Z'), to: ms('2027-01-01T00:00:00Z'), now });
  const items = data.folders[0]?.items ?? [];

  it('turns freeze occurrences, incidents and milestones into items with unique keys', () => {
    assert.deepStrictEqual(items.filter((i) => i.id === 'weekend').map((i) => new Date(i.start ?? 0).toISOString().slice(0, 10)), ['2026-12-04', '2026-12-11', '2026-12-18', '2026-12-25']);
    assert.strictEqual(new Set(items.map((i) => i.key)).size, items.length);
    const holiday = items.find((i) => i.id === 'holiday');
    assert.deepStrictEqual([holiday?.key, holiday?.enforcement, holiday?.overridden], ['0:freeze:holiday@2026-12-18T17:00:00.000Z', 'block', [{ start: ms('2026-12-18T17:00:00Z'), end: ms('2027-01-04T08:00:00Z'), partial: true, systems: ['checkout'] }]]);
    assert.strictEqual(holiday?.label, 'Freeze holiday (block, partly overridden): Holiday, 2026-12-18 18:00 GMT+1 – 2027-01-04 09:00 GMT+1, on checkout');
    const beta = items.find((i) => i.id === 'beta');
    assert.deepStrictEqual([beta?.kind, beta?.atRisk, beta?.label], ['milestone', true, 'Milestone v2/beta (at risk): beta, due 2026-12-21, in-progress']);
    assert.ok(beta?.details.includes('• due inside freeze holiday (2026-12-18 18:00 GMT+1 – 2027-01-04 09:00 GMT+1)'), beta?.details.join('\n'));
    const inc = items.find((i) => i.id === 'INC-1');
    assert.deepStrictEqual([inc?.severity, inc?.ongoing, inc?.end], ['sev1', true, now]);
    assert.deepStrictEqual(data.folders[0]?.systems.map((s) => s.title), ['checkout', 'Web <b>']);
  });

  it('gives the table start and end in one zone that each names, and details without the window', () => {
    const row = (id: string, kind = 'freeze') => items.find((i) => i.id === id && i.kind === kind)?.table;
    assert.deepStrictEqual(row('holiday'), {
      start: '2026-12-18 18:00 GMT+1', end: '2027-01-04 09:00 GMT+1',
      details: ['Systems: checkout', 'Owners: @pay', 'Partly overridden on checkout: hotfix (cab; only checkout/fraud/)'],
    });
    assert.deepStrictEqual([row('INC-1', 'incident')?.start, row('INC-1', 'incident')?.end], ['2026-12-09 09:00 GMT+1', 'ongoing']);
    assert.deepStrictEqual([row('beta', 'milestone')?.start, row('beta', 'milestone')?.end], ['2026-12-21', '']);
    // No row names a second zone: every time in its cells is in the zone its start names.
    for (const item of items) {
      const zones = new Set([item.table.start, item.table.end, ...item.table.details].flatMap((text) => [...text.matchAll(/\d\d:\d\d(?::\d\d(?:\.\d+)?)? ?([A-Z][A-Za-z0-9+:-]*)/g)].map((match) => match[1])));
      assert.ok(zones.size <= 1, `${item.key}: ${[...zones].join(', ')}`);
    }
  });

  it('finds the source of an item key on the host, and nothing for a forged or stale key', () => {
    const weekend = items.find((i) => i.id === 'weekend');
    assert.deepStrictEqual(sourceOfKey(folders, weekend?.key ?? ''), { folder: 'file:///repo', source: source(30) });
    assert.deepStrictEqual(sourceOfKey(folders, items.find((i) => i.id === 'beta')?.key ?? '')?.source, source(50));
    assert.deepStrictEqual(sourceOfKey(folders, items.find((i) => i.id === 'INC-1')?.key ?? '')?.source, source(40));
    assert.strictEqual(sourceOfKey(folders, '0:freeze:holiday@2020-01-01T00:00:00.000Z'), undefined);
    assert.strictEqual(sourceOfKey(folders, '3:freeze:holiday@2026-12-18T17:00:00.000Z'), undefined);
    assert.strictEqual(sourceOfKey(folders, '../../etc/passwd'), undefined);
  });
});
