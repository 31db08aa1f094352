/** Timing and statistics helpers. All durations are milliseconds. */

export interface Sample {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: readonly number[];
}

export interface MeasureOptions {
  readonly warmup: number;
  readonly runs: number;
}

export function summarize(runs: readonly number[]): Sample {
  const sorted = [...runs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], runs };
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function timeOnce(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Runs `fn` `warmup` times untimed (JIT, caches), then `runs` times timed. */
export function measure(fn: () => void, { warmup, runs }: MeasureOptions): Sample {
  for (let i = 0; i < warmup; i++) fn();
  return summarize(Array.from({ length: runs }, () => timeOnce(fn)));
}

export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${ms.toFixed(0)} ms`;
  if (ms >= 0.1) return `${ms.toFixed(2)} ms`;
  return `${(ms * 1000).toFixed(1)} µs`;
}

export function formatSample(s: Sample): string {
  return `${formatMs(s.median)} (${formatMs(s.min)}–${formatMs(s.max)})`;
}

/** Every n-th item, so a sample spreads over the whole input. */
export function evenSample<T>(items: readonly T[], count: number): T[] {
  const step = Math.max(1, Math.floor(items.length / count));
  return items.filter((_, i) => i % step === 0).slice(0, count);
}
