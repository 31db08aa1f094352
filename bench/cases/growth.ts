import type { CaseResult, Context, Goal, Row } from '../context';
import { formatMs } from '../measure';
import { timeIndex } from './pathToSystems';
import { manifestYaml, timeLoad } from './manifestLoad';

/**
 * Case 7: how cases 1 and 3 grow. Path → systems with 0.1×, 1× and 10× the paths (systems fixed)
 * and the systems (over the 0.1× paths); manifest load with every section at 0.1×, 1× and 10×. The index
 * should cost about the same per path however many paths or systems there are; a load should grow
 * about linearly with the manifest.
 */

const scales = [0.1, 1, 10];

function scaled(n: number, scale: number): number {
  return Math.max(1, Math.round(n * scale));
}

export function growth(ctx: Context): CaseResult {
  const { files, systems, seed } = ctx.options;
  const timing = ctx.options.quick ? { warmup: 0, runs: 1 } : { warmup: 1, runs: 3 };
  const rows: Row[] = [];
  const perPath = (paths: number, count: number): number => {
    const inputs = ctx.inputsFor(paths, count);
    const { sample } = timeIndex({ ...ctx, options: { ...ctx.options, ...timing } } as Context, inputs.systems, inputs.paths);
    const ns = (sample.median * 1e6) / paths;
    rows.push({ label: `PathIndex: ${paths.toLocaleString('en')} paths, ${count.toLocaleString('en')} systems`, sample, note: `${ns.toFixed(0)} ns/path` });
    return ns;
  };
  const byPaths = scales.map((s) => perPath(scaled(files, s), systems));
  // Systems are scaled over the 0.1× path set (byPaths[0]), which keeps the 10× row affordable.
  const fewerPaths = scaled(files, 0.1);
  const bySystems = [perPath(fewerPaths, scaled(systems, 0.1)), byPaths[0], perPath(fewerPaths, scaled(systems, 10))];

  // The 10× manifest takes a while: the quick run stops at 1×.
  const loads = (ctx.options.quick ? [0.1, 1] : scales).map((s) => {
    const yaml = manifestYaml(ctx.inputsFor(scaled(1000, s), scaled(systems, s)).systems, s, seed);
    const { sample } = timeLoad({ ...ctx, options: { ...ctx.options, ...timing } } as Context, yaml);
    rows.push({ label: `Manifest load at ${s}× (${scaled(systems, s).toLocaleString('en')} systems, ${(yaml.length / 2 ** 20).toFixed(1)} MiB)`, sample });
    return sample.median;
  });

  const goals: Goal[] = [
    { goal: 'index cost per path flat in the number of paths (10× paths: ≤ 1.5× ns/path)', measured: `${(byPaths[2] / byPaths[1]).toFixed(2)}×`, met: byPaths[2] / byPaths[1] <= 1.5 },
    { goal: 'near-flat in the number of systems (10× systems: ≤ 2× ns/path)', measured: `${(bySystems[2] / bySystems[1]).toFixed(2)}×`, met: bySystems[2] / bySystems[1] <= 2 },
  ];
  if (loads.length === 3) {
    goals.push({ goal: 'manifest load about linear (10× manifest: ≤ 15× the time)', measured: `${(loads[2] / loads[1]).toFixed(1)}× (${formatMs(loads[2])})`, met: loads[2] / loads[1] <= 15 });
  }
  return {
    title: '7. Growth: cases 1 and 3 at 0.1×, 1× and 10×',
    rows,
    goals,
    notes: ['Manifests above the parser\'s default 5 MB limit (`maxBytes`) are loaded with the limit lifted.',
      ...(ctx.options.quick ? ['Quick run: the 10× manifest is skipped.'] : [])],
  };
}
