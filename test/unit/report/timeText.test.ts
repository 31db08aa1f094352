import * as assert from 'node:assert';
import { formatDistance, formatInZones, formatRelative, nextRelativeChange } from '../../../src/report/timeText';
import { countdownText } from '../../../src/vscode/views/viewModel/statusSummary';
import { maxRenderDelayMs, minRenderDelayMs, nextRenderAt } from '../../../src/vscode/model/renderSchedule';

const at = Date.parse('2026-12-05T12:00:00Z');
const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

describe('timeText', () => {
  it('says "now" within a minute either way', () => {
    assert.deepStrictEqual([formatRelative(at + 59_000, at), formatRelative(at - 59_000, at)], ['now', 'now']);
  });

  it('counts hours and minutes under two days, then days', () => {
    assert.deepStrictEqual(
      [formatRelative(at + 5 * minute, at), formatRelative(at - 3 * hour, at), formatRelative(at + 47 * hour + 5 * minute, at), formatRelative(at + 3 * day + hour, at), formatRelative(at - day * 2, at)],
      ['in 5 min', '3 h ago', 'in 47 h 5 min', 'in 3 days', '2 days ago'],
    );
  });

  it('a two-hour freeze made a minute ago ends in 1 h 59 min, not "1 h" (the status-bar countdown writes the same)', () => {
    const end = at + 2 * hour;
    assert.deepStrictEqual([formatDistance(end, at + minute), formatDistance(end, at + 90 * minute + 30_000), formatDistance(end, at)], ['1 h 59 min', '29 min', '2 h']);
    assert.strictEqual(countdownText(end - (at + minute)), formatDistance(end, at + minute));
  });

  it('finds the next instant a future relative text changes', () => {
    const t = at + 3 * hour + 10 * minute + 20_000; // "in 3 h 10 min" until it drops below 3 h 10 min
    const change = nextRelativeChange(t, at);
    assert.strictEqual(change, at + 20_000 + 1);
    assert.deepStrictEqual([formatRelative(t, change - 1), formatRelative(t, change)], ['in 3 h 10 min', 'in 3 h 9 min']);
  });

  it('counts days from two days on, and changes the text when a day passes', () => {
    const t = at + 3 * day + 5 * hour;
    const change = nextRelativeChange(t, at);
    assert.strictEqual(change, at + 5 * hour + 1);
    assert.deepStrictEqual([formatRelative(t, change - 1), formatRelative(t, change)], ['in 3 days', 'in 2 days']);
  });

  it('finds the next instant a past relative text changes', () => {
    const t = at - 20 * minute - 30_000;
    const change = nextRelativeChange(t, at);
    assert.strictEqual(change, at + 30_000);
    assert.deepStrictEqual([formatRelative(t, change - 1), formatRelative(t, change)], ['20 min ago', '21 min ago']);
  });

  it('shows the other zone beside the local one only when they differ', () => {
    const same = formatInZones(at, 'UTC', 'UTC');
    const both = formatInZones(at, 'UTC', 'Asia/Tokyo');
    assert.ok(!same.includes('('), same);
    assert.ok(both.includes('12:00') && both.includes('21:00') && both.includes('Asia/Tokyo'), both);
  });
});

describe('nextRenderAt', () => {
  it('re-renders at the earliest future boundary', () => {
    assert.strictEqual(nextRenderAt(at, [at - hour, at + 20 * minute, at + 10 * minute], []), at + 10 * minute);
  });

  it('re-renders when a shown relative time would change before any boundary', () => {
    assert.strictEqual(nextRenderAt(at, [at + 50 * minute], [at - 90_000]), at + 30_000);
  });

  it('waits at most an hour and at least a second', () => {
    assert.deepStrictEqual(
      [nextRenderAt(at, [], []), nextRenderAt(at, [at + 10], [])],
      [at + maxRenderDelayMs, at + minRenderDelayMs],
    );
  });
});
