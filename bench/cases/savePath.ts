import { WarningSlice } from '../../src/core/evaluate/fileWarnings';
import type { CaseResult, Context } from '../context';
import { Disagreement } from '../context';
import { percentile, summarize } from '../measure';
import { Random } from '../random';
import { loadModel, manifestYaml } from './manifestLoad';

/**
 * Case 5: what the extension does for one file on save — `WarningSlice.warningsFor(path)`, which is
 * `model.systemsOf(path)` plus map reads (the slice is built once per manifest load and time
 * boundary) — timed one lookup at a time for 10,000 random files.
 */

const lookups = 10_000;
/** An instant inside many generated absolute freezes and recurring weekend ones. */
const at = Date.parse('2026-06-13T20:00:00Z');

export function savePath(ctx: Context): CaseResult {
  const { paths, systems } = ctx.defaultInputs;
  const model = loadModel(manifestYaml(systems, 1, ctx.options.seed));
  const slice = WarningSlice.build(model, at);
  const rng = new Random(ctx.options.seed + 5);
  const files = Array.from({ length: lookups }, () => rng.pick(paths));

  for (const file of files.slice(0, 1000)) slice.warningsFor(file);
  const times: number[] = [];
  let warned = 0;
  for (const file of files) {
    const start = process.hrtime.bigint();
    const warnings = slice.warningsFor(file);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (warnings.length > 0) warned++;
  }
  if (slice.isQuiet) throw new Disagreement('case 5: nothing is active at the chosen instant, so the lookup does no work');
  const p95 = percentile(times, 95);
  return {
    title: `5. Save path (${lookups.toLocaleString('en')} random files, one lookup each)`,
    rows: [{ label: 'WarningSlice.warningsFor(path) per file', sample: summarize(times),
      note: `p50 ${(percentile(times, 50) * 1000).toFixed(1)} µs, p95 ${(p95 * 1000).toFixed(1)} µs, p99 ${(percentile(times, 99) * 1000).toFixed(1)} µs` }],
    goals: [{ goal: 'save-path lookup p95 < 1 ms', measured: `p95 ${(p95 * 1000).toFixed(1)} µs`, met: p95 < 1 }],
    notes: [`${warned.toLocaleString('en')} of ${lookups.toLocaleString('en')} lookups produced warnings (freezes and incidents active at ${new Date(at).toISOString()}).`],
  };
}
