import * as assert from 'node:assert';
import { formatInZones, formatRelative, nextRelativeChange } from '../../../src/report/timeText';
import { maxRenderDelayMs, minRenderDelayMs, nextRenderAt } from '../../../src/vscode/model/renderSchedule';

const at = Date.parse('2026-12-05T12:00:00Z');
const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

describe('timeText', () => {
  it('says "now" within a minute either way', () => {
    assert.deepStrictEqual([formatRelative(at + 59_000, at), formatRelative(at - 59_000, at)], ['now', 'now']);
  });

  it('counts minutes under an hour, hours under two days, then days', () => {
    assert.deepStrictEqual(
      [formatRelative(at + 5 * minute, at), formatRelative(at - 3 * hour, at), formatRelative(at + 47 * hour, at), formatRelative(at + 3 * day + hour, at), formatRelative(at - day * 2, at)],
      ['in 5 min', '3 h ago', 'in 47 h', 'in 3 days', '2 days ago'],
    );
  });

  it('finds the next instant a future relative text changes', () => {
    const t = at + 3 * hour + 10 * minute; // "in 3 h" until it drops below 3 h
    const change = nextRelativeChange(t, at);
    assert.strictEqual(change, at + 10 * minute + 1);
    assert.notStrictEqual(formatRelative(t, change), formatRelative(t, change - 1));
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
