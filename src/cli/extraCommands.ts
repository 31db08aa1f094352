import { escapeText } from '../report/escape';
import { GitCommandError } from '../node/gitChanges';
import type { CliIo } from './cliIo';
import type { CliCall } from './parseArgs';
import { runChanges } from './changesCommand';
import { CallError } from './commandSupport';
import { runCoverage } from './coverageCommand';
import { runEdit } from './editCommands';
import { runInit } from './initCommand';

export { writeCalendar } from './calendarCommand';

/**
 * What `dist/cli-extra.js` holds: the commands a commit never runs (write actions, init, coverage,
 * changes (the history, git log), and the calendar writer with its iCalendar library). runCli loads this bundle only when one of
 * them is called, so the hooks read less on every commit. Errors of this bundle's own classes are
 * answered here: runCli's `instanceof` checks know only the entry bundle's classes.
 */

export type ExtraCall = Extract<CliCall, { command: 'edit' | 'init' | 'coverage' | 'changes' }>;

export async function runExtraCommand(call: ExtraCall, io: CliIo): Promise<number> {
  try {
    switch (call.command) {
      case 'edit': return await runEdit(call, io);
      case 'init': return await runInit(call, io);
      case 'coverage': return await runCoverage(call, io);
      case 'changes': return await runChanges(call, io);
    }
  } catch (error) {
    if (error instanceof GitCommandError || error instanceof CallError) {
      io.stderr.write(`change-radar: ${escapeText(error.message)}\n`);
      return 2;
    }
    throw error;
  }
}
