/** A zero-based position in a text file (as in VS Code and LSP). CLI output adds 1 to both. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** Where something came from: a repository-relative manifest file and the range inside it. */
export interface SourceLocation {
  readonly file: string;
  readonly range: Range;
}

export type ProblemSeverity = 'error' | 'warning' | 'info';

/**
 * One thing wrong (or worth saying) about a manifest. `code` is stable: tools and docs rely on it.
 * `message` says what was found and what was expected.
 */
export interface Problem {
  readonly severity: ProblemSeverity;
  readonly code: string;
  readonly message: string;
  readonly file: string;
  readonly range: Range;
}

export const emptyRange: Range = { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } };
