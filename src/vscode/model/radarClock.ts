import type { Clock } from '../../node/systemClock';

/**
 * The extension's wall clock. Tests pin it (through the test API) to make time-dependent rows and
 * boundaries reproducible; otherwise it is `Date.now()`.
 */
export class RadarClock implements Clock {
  private pinned: number | undefined;

  now(): number {
    return this.pinned ?? Date.now();
  }

  /** Pin to an instant, or unpin with `undefined`. */
  pin(at: number | undefined): void {
    this.pinned = at;
  }
}
