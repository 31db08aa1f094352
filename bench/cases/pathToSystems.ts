import { PathIndex } from '../../src/core/paths/pathIndex';
import type { CaseResult, Context } from '../context';
import { Disagreement } from '../context';
import type { SystemSpec } from '../generate';
import { evenSample, measure } from '../measure';
import { NaiveMatcher } from '../naiveMatcher';

/** Case 1: every path → its systems, with the prefix index and with every-path × every-picomatch. */

export function buildIndex(systems: readonly SystemSpec[]): PathIndex {
  return PathIndex.build(systems.map((s) => ({ id: s.id, patterns: s.patterns, exclude: s.exclude })));
}

/** Sorted system ids of every path: the answer both implementations must give. */
function indexAnswers(index: PathIndex, paths: readonly string[]): string[][] {
  return paths.map((path) => [...new Set(index.match(path).map((m) => m.system))].sort());
}

function naiveAnswers(naive: NaiveMatcher, paths: readonly string[]): string[][] {
  return paths.map((path) => naive.systemsOf(path).sort());
}

/** Fails loudly with the first few paths where the two disagree. */
export function assertSameSystems(paths: readonly string[], fast: string[][], slow: string[][]): void {
  const diffs: string[] = [];
  paths.forEach((path, i) => {
    if (fast[i].join(',') !== slow[i].join(',')) diffs.push(`${path}: index [${fast[i].join(', ')}] vs picomatch [${slow[i].join(', ')}]`);
  });
  if (diffs.length > 0) {
    throw new Disagreement(`case 1: ${diffs.length} paths differ, e.g.\n  ${diffs.slice(0, 10).join('\n  ')}`);
  }
}

/** Times all paths through the index; used by case 1 and the growth case. */
export function timeIndex(ctx: Context, systems: readonly SystemSpec[], paths: readonly string[]) {
  const index = buildIndex(systems);
  let answers: string[][] = [];
  const sample = measure(() => { answers = indexAnswers(index, paths); }, ctx.options);
  return { index, answers, sample };
}

export function pathToSystems(ctx: Context): CaseResult {
  const { paths, systems } = ctx.defaultInputs;
  const fast = timeIndex(ctx, systems, paths);
  // The naive matcher costs milliseconds per path: it is timed (and checked) on an even sample.
  const sample = evenSample(paths, ctx.options.naiveSample);
  const sampleAnswers = evenSample(fast.answers, ctx.options.naiveSample);
  const naive = new NaiveMatcher(systems);
  let slowAnswers: string[][] = [];
  naiveAnswers(naive, evenSample(paths, sample.length / 10)); // warm-up on other paths, a tenth as many
  const slow = measure(() => { slowAnswers = naiveAnswers(naive, sample); }, { warmup: 0, runs: Math.min(3, ctx.options.runs) });
  assertSameSystems(sample, sampleAnswers, slowAnswers);

  const matched = fast.answers.filter((a) => a.length > 0).length;
  const fastNs = (fast.sample.median * 1e6) / paths.length;
  const slowNs = (slow.median * 1e6) / sample.length;
  const speedup = slowNs / fastNs;
  return {
    title: `1. Path → systems (${paths.length.toLocaleString('en')} paths, ${systems.length.toLocaleString('en')} systems)`,
    rows: [
      { label: 'PathIndex.match, all paths', sample: fast.sample, note: `${fastNs.toFixed(0)} ns/path` },
      { label: `picomatch, every path × every system (${sample.length.toLocaleString('en')}-path sample)`, sample: slow,
        note: `${slowNs.toFixed(0)} ns/path` },
    ],
    goals: [{ goal: '≥ 25× faster than picomatch (per path), identical results', measured: `${speedup.toFixed(0)}×, ${fastNs.toFixed(0)} ns/path`, met: speedup >= 25 }],
    notes: [`${matched.toLocaleString('en')} of ${paths.length.toLocaleString('en')} paths belong to at least one system. ` +
      `The naive matcher is timed on 1 path in ${Math.floor(paths.length / sample.length)} (${sample.length.toLocaleString('en')} paths) ` +
      'and the ratio compares time per path; on that sample both give identical systems for every path.'],
  };
}
