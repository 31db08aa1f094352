import type { Problem, ProblemSeverity, Range } from '../problem';

/** Collects problems, at most `limit` of them (hostile input must not produce millions). */
export class ProblemSink {
  private readonly items: Problem[] = [];
  private readonly seen = new Set<string>();
  private dropped = 0;
  private errors = 0;
  /** Open `capture` scopes: each collects the errors added while it runs. */
  private readonly captures: Problem[][] = [];

  constructor(private readonly limit = 500) {}

  add(severity: ProblemSeverity, code: string, message: string, file: string, range: Range): void {
    if (severity === 'error') {
      this.errors++;
      const problem: Problem = { severity, code, message, file, range };
      for (const capture of this.captures) {
        capture.push(problem);
      }
    }
    const key = `${code}|${file}|${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}|${message}`;
    if (this.seen.has(key)) {
      return;
    }
    if (this.items.length >= this.limit) {
      this.dropped++;
      return;
    }
    this.seen.add(key);
    this.items.push({ severity, code, message, file, range });
  }

  /**
   * Runs `work` and returns its result with the errors added meanwhile (even those the limit or
   * deduplication kept out of the list): how one manifest entry learns that it is invalid.
   */
  capture<T>(work: () => T): { value: T; errors: Problem[] } {
    const errors: Problem[] = [];
    this.captures.push(errors);
    try {
      return { value: work(), errors };
    } finally {
      this.captures.splice(this.captures.indexOf(errors), 1);
    }
  }

  get hasErrors(): boolean {
    return this.errors > 0;
  }

  /** The problems in the order found, plus one `too-many-problems` note when some were dropped. */
  list(fallbackFile: string): Problem[] {
    if (this.dropped === 0) {
      return [...this.items];
    }
    const note: Problem = {
      severity: 'info',
      code: 'too-many-problems',
      message: `${this.dropped} more problem(s) not shown; fix the ones above first`,
      file: fallbackFile,
      range: { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } },
    };
    return [...this.items, note];
  }
}
