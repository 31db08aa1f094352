import type { Clock } from '../node/systemClock';

/** The outside world of one CLI run, passed in so that tests can drive `runCli` in-process too. */
export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly clock: Clock;
  /** Absolute paths the git hooks will run: this CLI script and the node executable. */
  readonly cliPath: string;
  readonly nodePath: string;
}

export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}
