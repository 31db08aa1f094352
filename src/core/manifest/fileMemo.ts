import type { ProblemSeverity, Range } from '../problem';
import type { FileLimits } from './fileLimits';
import type { FileSections } from './manifestEntries';
import { ProblemSink } from './problemSink';
import { SpanLocator, SpanTable } from './yamlSpans';
import type { SpanColumns } from './yamlSpans';

/*
 * Included manifest files kept as read. A pull that changes a freeze in `ops.yaml` leaves the files
 * it includes alone (at 150,000 systems: six files of 25,000 systems each); reading them again is
 * most of the parse. What is kept is what reading a file gives the rest of the parse: its sections
 * (checked entry by entry), the problems reading it reported, in order, and where its nodes lie.
 */

/** One problem as reading a file reported it: `ProblemSink.add`'s arguments. */
export type KeptProblem = readonly [severity: ProblemSeverity, code: string, message: string, file: string, range: Range];

/** An included file as read: its sections, the problems its reading reported (in order), and its nodes' spans. */
export interface KeptFile {
  readonly sections: FileSections;
  readonly problems: readonly KeptProblem[];
  readonly spans: SpanColumns;
}

/**
 * Where included files read before are kept (src/node/fileMemo.ts keeps them in the parse cache).
 * `get` gives a file back only for the same path, the same text and the same `variant` (the limits
 * it was read with), as `set` was given it; the parse then does not read it again. Only files read by
 * the subset reader are kept, and never the root file (its `extends:` and `hooks` are read with it).
 */
export interface FileMemo {
  get(file: string, text: string, variant: string): KeptFile | undefined;
  set(file: string, text: string, variant: string, kept: KeptFile): void;
}

/** What a kept file was read with, besides its path and text. */
export function memoVariant(limits: FileLimits): string {
  return `${limits.maxBytes}/${limits.maxDepth}/${limits.maxAliases}/${limits.reader}`;
}

/**
 * The file as it was kept, its problems reported again to `sink` in the order reading reported
 * them; undefined when it was not kept (or what was kept does not fit together).
 */
export function recalled(memo: FileMemo, file: string, text: string, limits: FileLimits, sink: ProblemSink): { locator: SpanLocator; sections: FileSections } | undefined {
  const kept = memo.get(file, text, memoVariant(limits));
  if (kept === undefined) return undefined;
  const table = SpanTable.fromColumns(kept.spans);
  if (table === undefined) return undefined;
  for (const [severity, code, message, at, range] of kept.problems) sink.add(severity, code, message, at, range);
  return { locator: new SpanLocator(table, text), sections: kept.sections };
}

/**
 * A sink that passes every problem on to `target` and keeps its arguments, in order, for the kept
 * file. Its own list serves only its `capture` scopes (how an entry learns it is invalid).
 */
export class RecordingSink extends ProblemSink {
  readonly added: KeptProblem[] = [];

  constructor(private readonly target: ProblemSink) {
    super(Number.MAX_SAFE_INTEGER);
  }

  override add(severity: ProblemSeverity, code: string, message: string, file: string, range: Range): void {
    this.added.push([severity, code, message, file, range]);
    super.add(severity, code, message, file, range);
    this.target.add(severity, code, message, file, range);
  }
}
