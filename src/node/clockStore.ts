import { freezeClockRecords, seedFreezeClock } from '../core/time/freezeClock';
import type { SegmentRecord } from '../core/time/freezeClock';
import { seedZoneTexts, zoneTextRecords } from '../core/time/timeZone';
import { ValueCache } from './manifestCache';

/**
 * What the freeze clock worked out, kept between runs beside the parse cache under
 * `.git/change-radar/`: where each recurring freeze stands (inside a window until T, or idle until
 * its next one) and the wall-clock texts of instants in their zones. A warm hook then neither
 * compiles a cron, walks a zone's calendar, nor wakes `Intl`'s zone data (tens of milliseconds on
 * first use). The core computes and checks both (`core/time/freezeClock.ts`, `timeZone.ts`); this
 * module only stores them.
 *
 * The entry is keyed by the build and the time-zone data (`process.versions.tz`, ICU), since both
 * depend on them; it is checksummed like every cache file, and a record that is not well formed is
 * dropped by the core — a damaged store costs time, never an answer. Segments that ended and texts
 * of instants more than a week old are not written back.
 */

const slot = 'clock';
/** More distinct schedules than a manifest has in practice; the soonest to end go first. */
const maxSegments = 1_000;
const maxTexts = 4_000;
const textsKeptMs = 7 * 24 * 60 * 60 * 1000;

function keyOf(): string {
  return JSON.stringify({ tz: process.versions.tz ?? '', icu: process.versions.icu ?? '' });
}

export class ClockStore {
  private constructor(private readonly cache: ValueCache) {}

  /** The store of the repository at `root`, seeded into the clock; undefined outside a repository. */
  static open(root: string, build: string): ClockStore | undefined {
    const cache = ValueCache.forRepo(root, build);
    if (cache === undefined) return undefined;
    const stored = cache.get(slot, keyOf(), slot) as { segments?: unknown; texts?: unknown } | null | undefined;
    if (stored !== null && typeof stored === 'object') {
      if (stored.segments !== null && typeof stored.segments === 'object' && !Array.isArray(stored.segments)) {
        seedFreezeClock(Object.entries(stored.segments as Record<string, unknown>));
      }
      seedZoneTexts(stored.texts);
    }
    return new ClockStore(cache);
  }

  /** Writes back what this run worked out, when it worked out anything; never throws. */
  save(now: number): void {
    const clock = freezeClockRecords();
    const zones = zoneTextRecords();
    if (!clock.changed && !zones.changed) return;
    const kept = [...clock.records].filter(([, record]) => record.until === null || record.until > now);
    kept.sort(([, a], [, b]) => (b.until ?? Infinity) - (a.until ?? Infinity));
    const segments: Record<string, SegmentRecord> = {};
    for (const [signature, record] of kept.slice(0, maxSegments)) segments[signature] = record;
    const texts = zones.records.filter(([, at]) => at > now - textsKeptMs).sort(([, a], [, b]) => b - a).slice(0, maxTexts);
    this.cache.set(slot, keyOf(), { segments, texts }, slot);
  }
}
