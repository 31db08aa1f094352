import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { compileModel } from '../../src/core/evaluate/engine';
import type { ChangeModel } from '../../src/core/evaluate/engine';
import { parseManifest } from '../../src/core/manifest/manifestParser';
import { manifestSections } from '../benchRepo';
import { root } from '../build';
import type { CaseResult, Context } from '../context';
import { Disagreement } from '../context';
import type { SystemSpec } from '../generate';
import { makeManifestYaml } from '../generate';
import { measure } from '../measure';
import type { Sample } from '../measure';

/** Case 3: ops.yaml text → parsed, validated, normalised manifest → compiled model (indexes). */

/** Parse + validate + index, as the extension and the CLI do on every load. */
export function loadModel(yaml: string): ChangeModel {
  // The 10× growth manifest is bigger than the 5 MB default limit: lift it here, say so in the docs.
  const { manifest, problems } = parseManifest('ops.yaml', (file) => (file === 'ops.yaml' ? yaml : undefined), { maxBytes: 1 << 30 });
  if (!manifest) {
    const first = problems.find((p) => p.severity === 'error');
    throw new Disagreement(`the generated manifest does not load: ${first?.code} ${first?.message} at line ${(first?.range.start.line ?? 0) + 1}`);
  }
  return compileModel(manifest);
}

export function manifestYaml(systems: readonly SystemSpec[], scale: number, seed: number): string {
  const n = (count: number): number => Math.max(1, Math.round(count * scale));
  return makeManifestYaml({
    systems,
    freezes: n(manifestSections.freezes),
    incidents: n(manifestSections.incidents),
    projects: n(manifestSections.projects),
    milestones: manifestSections.milestones,
  }, seed);
}

/** Loads the manifest in a fresh process, so peak RSS and heap belong to the load alone. */
function memoryOfLoad(yaml: string): { rssMiB: number; heapRetainedMiB: number } {
  const file = path.join(root, '.bench-tmp', 'manifest-memory.yaml');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, yaml);
  const out = execFileSync(process.execPath, ['--expose-gc', '-r', 'tsx/cjs', path.join(__dirname, '..', 'manifestMemory.ts'), file],
    { cwd: root, encoding: 'utf8' });
  return JSON.parse(out) as { rssMiB: number; heapRetainedMiB: number };
}

export function timeLoad(ctx: Context, yaml: string): { sample: Sample; model: ChangeModel } {
  let model: ChangeModel | undefined;
  const sample = measure(() => { model = loadModel(yaml); }, ctx.options);
  return { sample, model: model! };
}

export function manifestLoad(ctx: Context): CaseResult {
  const { systems } = ctx.defaultInputs;
  const yaml = manifestYaml(systems, 1, ctx.options.seed);
  const { sample, model } = timeLoad(ctx, yaml);
  const m = model.manifest;
  const milestones = m.projects.reduce((sum, p) => sum + p.milestones.length, 0);
  const expected = [systems.length, manifestSections.freezes, manifestSections.incidents, manifestSections.projects * manifestSections.milestones];
  const got = [m.systems.length, m.freezes.length, m.incidents.length, milestones];
  if (expected.join() !== got.join()) throw new Disagreement(`case 3: loaded ${got.join('/')} entries, generated ${expected.join('/')}`);
  const memory = memoryOfLoad(yaml);
  return {
    title: `3. Manifest load (${(yaml.length / 1024).toFixed(0)} KiB: ${got[0]} systems, ${got[1]} freezes, ${got[2]} incidents, ${m.projects.length} projects × ${manifestSections.milestones} milestones)`,
    rows: [{ label: 'parseManifest + compileModel', sample }],
    goals: [{ goal: 'manifest load < 150 ms median', measured: formatLoad(sample), met: sample.median < 150 }],
    notes: [`Memory of one load in a fresh process: peak RSS +${memory.rssMiB.toFixed(1)} MiB, ` +
      `heap retained by the model +${memory.heapRetainedMiB.toFixed(1)} MiB (after a full GC).`],
  };
}

function formatLoad(sample: Sample): string {
  return `${sample.median.toFixed(0)} ms`;
}
