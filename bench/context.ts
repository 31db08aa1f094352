import type { Sample } from './measure';
import type { Inputs } from './generate';
import { makeInputs } from './generate';

/** Sizes and switches, from the command line (see bench/README in docs/benchmarks.md). */
export interface Options {
  readonly quick: boolean;
  readonly files: number;
  readonly systems: number;
  readonly codeownersLines: number;
  /** Paths the naive picomatch matcher of case 1 is timed on (an even sample; it is that slow). */
  readonly naiveSample: number;
  /** Paths the `codeowners` npm package of case 2 is timed on (an even sample, for the same reason). */
  readonly ownersSample: number;
  readonly seed: number;
  /** Timed runs per case (after the warm-up). */
  readonly runs: number;
  readonly warmup: number;
  readonly cases: ReadonlySet<number>;
}

/** One measured line of the results table. */
export interface Row {
  readonly label: string;
  readonly sample: Sample;
  /** Extra per-item figure, e.g. "123 ns/path". */
  readonly note?: string;
}

/** A goal from issue 7 and whether this run met it. */
export interface Goal {
  readonly goal: string;
  readonly measured: string;
  readonly met: boolean;
}

export interface CaseResult {
  readonly title: string;
  readonly rows: readonly Row[];
  readonly goals: readonly Goal[];
  /** Free text printed under the case (disagreements, how something was measured). */
  readonly notes: readonly string[];
}

/** Thrown when the fast path and the alternative disagree (or the inputs are not what we meant). */
export class Disagreement extends Error {}

/** Shared state across cases, so inputs are generated once per run. */
export class Context {
  private readonly inputs = new Map<string, Inputs>();

  constructor(readonly options: Options) {}

  inputsFor(files: number, systems: number): Inputs {
    const key = `${files}/${systems}`;
    let inputs = this.inputs.get(key);
    if (!inputs) {
      inputs = makeInputs(files, systems, this.options.seed);
      this.inputs.set(key, inputs);
    }
    return inputs;
  }

  get defaultInputs(): Inputs {
    return this.inputsFor(this.options.files, this.options.systems);
  }
}

export function ratio(slow: Sample, fast: Sample): number {
  return slow.median / fast.median;
}
