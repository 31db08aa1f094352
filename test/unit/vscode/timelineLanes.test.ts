import * as assert from 'node:assert';
import fc from 'fast-check';
import { compileFreezeRules } from '../../../src/core/evaluate/freezeEvaluator';
import { buildTimeline } from '../../../src/core/evaluate/timeline';
import { stackIntervals, timelineLanes } from '../../../src/vscode/views/viewModel/timelineLanes';
import type { StackInterval } from '../../../src/vscode/views/viewModel/timelineLanes';
import { timelineViewData } from '../../../src/vscode/views/viewModel/timelineViewModel';
import { freeze, incident, manifest, ms, project, system } from '../manifestFactory';

/** An empty interval is an instant, drawn as a thin bar: it takes 1 ms. */
const endOf = (i: StackInterval): number => Math.max(i.end, i.start + 1);
const overlap = (a: StackInterval, b: StackInterval): boolean => a.start < endOf(b) && b.start < endOf(a);

/** The most intervals that overlap at one instant (a sweep over the starts): the fewest sub-rows possible. */
function depth(intervals: readonly StackInterval[]): number {
  let most = 0;
  for (const at of intervals) {
    most = Math.max(most, intervals.filter((i) => i.start <= at.start && at.start < endOf(i)).length);
  }
  return most;
}

function assertNoOverlapInRows(intervals: readonly StackInterval[], rows: readonly number[]): void {
  intervals.forEach((a, i) => intervals.forEach((b, j) => {
    if (i < j && rows[i] === rows[j]) assert.ok(!overlap(a, b), `#${i} [${a.start}, ${a.end}) and #${j} [${b.start}, ${b.end}) share row ${rows[i]}`);
  }));
}

describe('timelineLanes: stacking overlapping bars in sub-rows', () => {
  const d = (n: number): number => n * 86_400_000;

  it('puts the weekend freeze inside the holiday freeze and the month-end close beside both on three sub-rows', () => {
    // holiday Dec 18 – Jan 4; weekends Dec 18–21, Dec 25–28, Jan 1–4; month-end Dec 28 – Jan 2.
    const intervals: StackInterval[] = [
      { start: d(18), end: d(35), group: 'holiday' },
      { start: d(18.5), end: d(21), group: 'weekend' },
      { start: d(25.5), end: d(28), group: 'weekend' },
      { start: d(28), end: d(33), group: 'month-end' },
      { start: d(32.5), end: d(35), group: 'weekend' },
    ];
    const { rows, count } = stackIntervals(intervals);
    assert.deepStrictEqual(rows, [0, 1, 1, 1, 2]);
    assert.strictEqual(count, 3);
    assertNoOverlapInRows(intervals, rows);
  });

  it('keeps one freeze on its sub-row when that row is free, and uses the lowest free row otherwise', () => {
    const intervals: StackInterval[] = [
      { start: 0, end: 10, group: 'a' },
      { start: 1, end: 3, group: 'b' },
      { start: 4, end: 6, group: 'c' },
      { start: 11, end: 12, group: 'b' },
      { start: 11, end: 12, group: 'c' },
    ];
    // b's second occurrence goes back to row 1 (its own), not to row 0 which is free too; c then takes row 0.
    assert.deepStrictEqual(stackIntervals(intervals).rows, [0, 1, 1, 1, 0]);
  });

  it('treats intervals as half-open: one ending where the next starts shares its row; an instant inside a bar does not', () => {
    assert.deepStrictEqual(stackIntervals([{ start: 0, end: 5 }, { start: 5, end: 9 }, { start: 9, end: 9 }]), { rows: [0, 0, 0], count: 1 });
    assert.deepStrictEqual(stackIntervals([{ start: 0, end: 5 }, { start: 2, end: 2 }, { start: 5, end: 5 }]), { rows: [0, 1, 0], count: 2 });
    assert.deepStrictEqual(stackIntervals([]), { rows: [], count: 0 });
  });

  it('orders by start, ties in the order given, whatever order the input comes in', () => {
    const { rows } = stackIntervals([{ start: 5, end: 8 }, { start: 0, end: 8 }, { start: 0, end: 8 }]);
    assert.deepStrictEqual(rows, [2, 0, 1]);
  });

  it('never puts overlapping intervals in one sub-row, uses the fewest sub-rows, and is deterministic (property)', () => {
    const interval = fc.record({
      start: fc.integer({ min: 0, max: 200 }),
      length: fc.integer({ min: 0, max: 60 }),
      group: fc.option(fc.constantFrom('holiday', 'weekend', 'month-end', 'dc'), { nil: undefined }),
    }).map(({ start, length, group }) => ({ start, end: start + length, ...(group !== undefined ? { group } : {}) }));
    fc.assert(fc.property(fc.array(interval, { maxLength: 40 }), (intervals) => {
      const { rows, count } = stackIntervals(intervals);
      assertNoOverlapInRows(intervals, rows);
      assert.strictEqual(count, depth(intervals));
      assert.ok(rows.every((row) => row >= 0 && row < Math.max(count, 1)));
      assert.deepStrictEqual(stackIntervals(intervals), { rows, count });
    }), { numRuns: 300 });
  });
});

describe('timelineLanes: lanes of the view model', () => {
  const now = ms('2026-12-07T12:00:00Z');
  const from = ms('2026-11-23T00:00:00Z');
  const to = ms('2027-02-01T00:00:00Z');
  const m = manifest({
    timezone: 'America/New_York',
    systems: [
      system({ id: 'payments', title: 'Payments gateway', tier: '1' }),
      system({ id: 'ledger', title: 'Double-entry ledger', tier: '1' }),
      system({ id: 'search', title: 'Search', tier: '3' }),
      system({ id: 'infra', title: 'Infra' }),
    ],
    freezes: [
      freeze({ id: 'holiday-2026', systems: ['payments', 'ledger'], start: ms('2026-12-18T23:00:00Z'), end: ms('2027-01-04T14:00:00Z') }),
      freeze({ id: 'payments-weekend', systems: ['payments', 'ledger'], enforcement: 'warn', schedule: { start: '0 17 * * 5', end: '0 8 * * 1' }, timezone: 'Europe/Berlin' }),
      freeze({ id: 'month-end-close', systems: ['ledger'], schedule: { start: '0 0 28 * *', end: '0 12 2 * *' }, timezone: 'America/New_York' }),
    ],
    incidents: [incident({ id: 'INC-2041', systems: ['ledger'], severity: 'sev1', started: ms('2026-11-25T02:40:00Z'), freeze: 'block' })],
    projects: [project({ id: 'ledger-replatform', systems: ['ledger', 'payments'] })],
  });
  const rules = compileFreezeRules(m, new Map(m.systems.map((s) => [s.id, s])));
  const data = timelineViewData([{ key: 'file:///repo', name: '', invalid: false, changeSystems: ['ledger'], timeline: buildTimeline(rules, { from, to, now }) }], { from, to, now });
  const folder = data.folders[0];
  const ledger = folder.lanes.system.find((lane) => lane.key === 'system:ledger');

  it('stacks the ledger lane: no two freeze bars (or incident bars) in one sub-row overlap, and as few sub-rows as needed', () => {
    assert.ok(ledger);
    for (const kind of ['freeze', 'incident'] as const) {
      const placed: { interval: StackInterval; row: number }[] = ledger.items.flatMap((index, position) => {
        const item = folder.items[index];
        return item.kind === kind ? [{ interval: { start: item.start ?? from, end: item.ongoing ? Infinity : item.end }, row: ledger.rows[position] }] : [];
      });
      assertNoOverlapInRows(placed.map((p) => p.interval), placed.map((p) => p.row));
      assert.strictEqual(kind === 'freeze' ? ledger.freezeRows : ledger.incidentRows, Math.max(kind === 'freeze' ? 1 : 0, depth(placed.map((p) => p.interval))));
    }
    // The ongoing incident-freeze since Nov 25, the holiday, the weekends inside it and the month-end close beside them.
    assert.strictEqual(ledger.freezeRows, 4);
    const rowsOf = (id: string): number[] => [...new Set(ledger.items.flatMap((index, position) => (folder.items[index].id === id && folder.items[index].kind === 'freeze' ? [ledger.rows[position]] : [])))];
    // The first weekend (Nov 20) is over before the incident starts and shares its sub-row; every
    // later one stays on one sub-row.
    assert.deepStrictEqual(rowsOf('payments-weekend'), [0, 1]);
    assert.deepStrictEqual(rowsOf('holiday-2026'), [2]);
    assert.deepStrictEqual(rowsOf('INC-2041'), [0]);
    // The payments lane has no month-end close and no incident: the holiday and the weekends, two sub-rows.
    assert.strictEqual(folder.lanes.system.find((lane) => lane.key === 'system:payments')?.freezeRows, 2);
    assert.strictEqual(folder.lanes.system.find((lane) => lane.key === 'system:search')?.freezeRows, 1);
  });

  it('lists an item on every lane of its systems, in item order, and groups lanes as the webview did', () => {
    assert.ok(ledger);
    assert.deepStrictEqual(ledger.items, [...ledger.items].sort((a, b) => a - b));
    assert.ok(ledger.items.every((index) => folder.items[index].systems.includes('ledger')));
    assert.strictEqual(ledger.items.length, folder.items.filter((item) => item.systems.includes('ledger')).length);
    assert.deepStrictEqual(folder.lanes.system.map((lane) => lane.name), ['Payments gateway', 'Double-entry ledger', 'Search', 'Infra']);
    // '' is the lane of the systems without a tier (or project): last.
    assert.deepStrictEqual(folder.lanes.tier.map((lane) => [lane.key, lane.name, lane.title]), [['tier:1', '1', 'payments, ledger'], ['tier:3', '3', 'search'], ['tier:', '', 'infra']]);
    assert.deepStrictEqual(folder.lanes.project.map((lane) => lane.name), ['ledger-replatform', '']);
    // Only the current change: the ledger alone, in every grouping.
    assert.deepStrictEqual(folder.changeLanes?.system.map((lane) => lane.key), ['system:ledger']);
    assert.deepStrictEqual(folder.changeLanes?.tier.map((lane) => lane.title), ['ledger']);
    // The tier-1 lane holds both systems' bars: the payments weekends overlap the ledger's, stacked apart.
    const tier1 = folder.lanes.tier[0];
    assert.ok(tier1.freezeRows >= ledger.freezeRows);
  });

  it('sorts tiers numerically and keeps an empty lane at the base height', () => {
    const lanes = timelineLanes([10, 2, 1].map((n) => ({ id: `s${n}`, title: `S${n}`, tier: String(n), projects: [] })), [], from);
    assert.deepStrictEqual(lanes.tier.map((lane) => lane.name), ['1', '2', '10']);
    assert.deepStrictEqual([lanes.system[0].freezeRows, lanes.system[0].incidentRows, lanes.system[0].items], [1, 0, []]);
  });
});
