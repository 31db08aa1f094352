/**
 * The one place outside the core that reads the wall clock. The core takes instants as
 * parameters; adapters ask a `Clock` so that tests (and `--at`) can pin time.
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export const systemClock: Clock = {
  now: () => Date.now(),
};

