import { cliCommands } from './commands/registry';

/**
 * Help texts: the overview, built from the registered commands (commands/registry.ts), and each
 * command's own (its description's `help`). docs/cli.md is the long form.
 */

const header = `change-radar — change freezes, incidents and milestones, at commit time and in CI

Usage: change-radar [-C DIR] <command> [options]

`;

const writeActionsHeading = `
Write actions (edit the manifest in place, keeping everything else byte for byte;
--dry-run prints the diff instead, --format json prints the entry written):
`;

const footer = `
Common options (-C, -m, --at, --horizon, --live, --live-timeout and -f also before the command):
  -C, --cwd DIR            run as if started in DIR (before or after the command, as in git)
  -m, --manifest FILE      the manifest (default: the nearest ops.yaml or .github/ops.yaml
                           from the working directory up to the repository root)
      --at TIME            evaluate at this ISO-8601 instant (default: now)
      --horizon DAYS       report freezes starting within DAYS (default: 7)
      --live               check, explain, status: include the manifest's live sources
      --live-timeout SECS  network budget per live source (default: 5)
  -f, --format FORMAT      text | json | markdown | github | ics (per command)
  -h, --help               help for a command

Exit codes: 0 nothing blocks, 1 a block freeze applies (even when the manifest has errors),
2 manifest errors (nothing blocks) or wrong call.
Run 'change-radar help <command>' for a command's options. Docs: docs/cli.md
`;

/** `  synopsis   summary`, the summary at column 27 (on the next line when the synopsis is longer). */
function overviewLine(synopsis: string, summary: string): string {
  return synopsis.length <= 23 ? `  ${synopsis.padEnd(23)}  ${summary}\n` : `  ${synopsis}\n${' '.repeat(27)}${summary}\n`;
}

function overview(): string {
  const lines = (group: 'command' | 'write'): string =>
    cliCommands.filter((command) => command.group === group).map((command) => overviewLine(command.synopsis, command.summary)).join('');
  return `${header}Commands:\n${lines('command')}${writeActionsHeading}${lines('write')}${footer}`;
}

export function usage(topic?: string): string {
  return cliCommands.find((command) => command.name === topic)?.help ?? overview();
}
