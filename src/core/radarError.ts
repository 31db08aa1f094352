/**
 * The one error type of Change Radar: a failure that is reported as one line (its `message`) and
 * ends a CLI run with `exitStatus`. `code` says which failure it is (stable; callers branch on it).
 *
 * Recognise it with `isRadarError` (or `hasRadarCode`), never with `instanceof`: the CLI and the
 * extension are several bundles (docs/architecture.md, "Bundles"), each with its own copy of this
 * class, so an error thrown in `cli-extra.js` is not an `instanceof` the entry bundle's class.
 * The check is by a brand property and the shape, which survive any copy.
 */

const brandValue = 'change-radar/error';

/** The codes in use, one per failure kind (a subclass or factory per code where it helps). */
export type RadarErrorCode =
  | 'call' // a wrong call or an unusable argument (CLI)
  | 'usage' // a command line that does not parse
  | 'git' // a git command failed
  | 'message-file' // a commit message file that cannot be used
  | 'hook-file' // installing/uninstalling a hook failed at a file
  | 'adopt' // init/coverage: no repository, a target that cannot be written
  | 'edit' // a write action that cannot be applied to the manifest text
  | 'concurrent-change' // the file changed between reading and writing
  | 'unsafe-target' // a file Change Radar may not write
  | 'lock-busy' // another writer holds the lock
  | 'live-source'; // a live source failed

/** What every Change Radar error has, whichever bundle's copy of the class made it. */
export interface RadarErrorShape {
  readonly brand: typeof brandValue;
  readonly code: string;
  readonly exitStatus: number;
  readonly message: string;
}

export class RadarError extends Error implements RadarErrorShape {
  readonly brand = brandValue;

  constructor(
    readonly code: RadarErrorCode,
    message: string,
    readonly exitStatus = 2,
  ) {
    super(message);
    this.name = 'RadarError';
  }
}

/** True for a Change Radar error from any copy of this module: checks the brand and the shape. */
export function isRadarError(error: unknown): error is RadarErrorShape {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as Partial<Record<keyof RadarErrorShape, unknown>>;
  return candidate.brand === brandValue && typeof candidate.code === 'string' && typeof candidate.exitStatus === 'number' && typeof candidate.message === 'string';
}

/** True for a Change Radar error with one of `codes`. */
export function hasRadarCode(error: unknown, ...codes: readonly RadarErrorCode[]): error is RadarErrorShape {
  return isRadarError(error) && (codes as readonly string[]).includes(error.code);
}
