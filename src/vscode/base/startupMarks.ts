/**
 * When the steps of start-up happened, as epoch milliseconds with sub-millisecond precision
 * (`performance.timeOrigin + performance.now()`), so that a benchmark can line them up with the
 * extension host's and the browser's clocks. Recording is a clock read; they are read only through
 * the test API. This module is imported first by src/extension.ts, so `bundleEvaluating` is taken
 * when the bundle's own code starts to run.
 */
export interface StartupMarks {
  /** The bundle's first module runs (after the host read and compiled the file). */
  readonly bundleEvaluating: number;
  activateStarted?: number;
  activateReturned?: number;
  /** The first manifest was read, parsed and compiled (before the views are told). */
  manifestLoaded?: number;
  /** The Incidents, Milestones and Freezes views hold the rows of that first manifest. */
  viewsPopulated?: number;
}

export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

export const startupMarks: StartupMarks = { bundleEvaluating: epochNow() };
