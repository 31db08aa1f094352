import type { SystemDef } from '../core/model';
import { PathIndex } from '../core/paths/pathIndex';
import type { PathIndexSnapshot, SystemsByPath } from '../core/paths/pathIndex';
import { ScanningLookup } from '../core/paths/patternScan';
import { pathEntries, systemsDigest, systemsOriginOf } from './manifestCache';
import type { ValueCache } from './manifestCache';

/* The path index of a manifest's systems, kept in the parse cache beside the manifest's entry. */

/**
 * Up to this many patterns, a path index the cache does not hold is built and stored at once (at
 * most some tens of milliseconds), so the next run restores it. Beyond, a run that looks up few
 * paths scans the patterns instead (ScanningLookup: 10 paths against 450,000 patterns take ~0.3 s,
 * where filing them takes ~1.8 s), and builds and stores the index only once it has many to look up.
 */
export const buildAtOncePatterns = 10_000;

/**
 * The path index of `systems`: restored from a snapshot stored for exactly these systems (ids,
 * paths, excludes) by this build; else built and stored (see buildAtOncePatterns), or scanned until
 * a run has many paths to look up. Without a cache it scans, then builds. The snapshot is found by
 * the digest of those entries, which a manifest cache entry records (no hashing on a warm run); a
 * manifest edit that leaves the systems' paths alone finds the index the previous manifest stored.
 */
export function cachedPathIndex(systems: readonly SystemDef[], cache: ValueCache | undefined): SystemsByPath {
  const entries = pathEntries(systems);
  if (cache === undefined) return new ScanningLookup(entries);
  const origin = systemsOriginOf(systems);
  const key = `systems:${origin?.digest ?? systemsDigest(entries)}`;
  // Beside the manifest entry, one index per manifest (replaced when its systems' paths change).
  const slot = origin !== undefined ? `manifest:${origin.key}` : key;
  const snapshot = cache.get('index', key, slot);
  const restored = snapshot !== undefined && snapshot !== null && typeof snapshot === 'object' ? PathIndex.restore(entries, snapshot as PathIndexSnapshot) : undefined;
  if (restored !== undefined) return restored;
  const buildAndStore = (): PathIndex => {
    const built = PathIndex.build(entries);
    cache.set('index', key, built.toSnapshot(), slot);
    return built;
  };
  const patterns = entries.reduce((sum, entry) => sum + entry.patterns.length, 0);
  return patterns <= buildAtOncePatterns ? buildAndStore() : new ScanningLookup(entries, buildAndStore);
}
