import { nextRelativeChange } from '../../report/timeText';

/** Upper bound between re-renders: picks up freezes entering the horizon without tracking each one. */
export const maxRenderDelayMs = 60 * 60_000;
/** Lower bound, so a burst of boundaries never becomes a busy loop. */
export const minRenderDelayMs = 1_000;

/**
 * When the views next need re-rendering: at the first boundary (a freeze starting or ending, a
 * milestone falling due, an override expiring) or the first moment a shown relative time reads
 * differently, whichever comes first; never sooner than a second, never later than an hour.
 * `boundaries` are instants where state flips; `shownTimes` are instants displayed relatively.
 */
export function nextRenderAt(at: number, boundaries: readonly number[], shownTimes: readonly number[]): number {
  let next = at + maxRenderDelayMs;
  for (const t of boundaries) {
    if (t > at && t < next) {
      next = t;
    }
  }
  for (const t of shownTimes) {
    next = Math.min(next, nextRelativeChange(t, at));
  }
  return Math.max(next, at + minRenderDelayMs);
}
