// A mocha reporter that works the same in plain Node and inside the VS Code extension host
// (where only console output reaches the terminal): one line per test, the failures with
// their assertion and stack, and a last line `N passed, N failed` that scripts/test.js reads.
import type { Runner, Suite, Test } from 'mocha';

interface Failure {
  readonly title: string;
  readonly error: unknown;
}

export class SummaryReporter {
  private passed = 0;
  private failed = 0;
  private pending = 0;
  private readonly failures: Failure[] = [];

  constructor(runner: Runner) {
    runner.on('suite', (suite: Suite) => {
      if (suite.title) console.log(`${indent(suite)}${suite.title}`);
    });
    runner.on('pass', (test: Test) => {
      this.passed++;
      console.log(`${indent(test.parent)}  ✔ ${test.title} (${test.duration ?? 0} ms)`);
    });
    runner.on('pending', (test: Test) => {
      this.pending++;
      console.log(`${indent(test.parent)}  - ${test.title} (skipped)`);
    });
    runner.on('fail', (test: Test, error: unknown) => {
      this.failed++;
      this.failures.push({ title: test.fullTitle(), error });
      console.log(`${indent(test.parent)}  ✘ ${test.title}`);
    });
    runner.once('end', () => this.printSummary());
  }

  private printSummary(): void {
    this.failures.forEach((failure, index) => {
      console.log(`\n${index + 1}) ${failure.title}\n${describeError(failure.error)}`);
    });
    if (this.pending > 0) console.log(`${this.pending} skipped`);
    console.log(`${this.passed} passed, ${this.failed} failed`);
  }
}

function indent(suite: Suite | undefined): string {
  let depth = 0;
  for (let current = suite; current?.parent; current = current.parent) depth++;
  return '  '.repeat(Math.max(0, depth - 1));
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const details = error as Error & { expected?: unknown; actual?: unknown; showDiff?: boolean };
    const lines = [`   ${error.stack ?? `${error.name}: ${error.message}`}`];
    if (details.showDiff !== false && ('expected' in details || 'actual' in details)) {
      lines.push(`   expected: ${JSON.stringify(details.expected)}`, `   actual:   ${JSON.stringify(details.actual)}`);
    }
    return lines.join('\n');
  }
  return `   ${String(error)}`;
}
