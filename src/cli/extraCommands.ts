import type { CliIo } from './cliIo';
import type { CliCall } from './parseArgs';
import { runCoverage } from './coverageCommand';
import { runEdit } from './editCommands';
import { runInit } from './initCommand';

export { writeCalendar } from './calendarCommand';

/**
 * What `dist/cli-extra.js` holds: the commands a commit never runs (write actions, init, coverage,
 * and the calendar writer with its iCalendar library). runCli loads this bundle only when one of
 * them is called, so the hooks read less on every commit. Errors thrown here reach runCli, which
 * recognises them by brand and code (core/radarError.ts), not by this bundle's copy of a class.
 */

export type ExtraCall = Extract<CliCall, { command: 'edit' | 'init' | 'coverage' }>;

export async function runExtraCommand(call: ExtraCall, io: CliIo): Promise<number> {
  switch (call.command) {
    case 'edit': return runEdit(call, io);
    case 'init': return runInit(call, io);
    case 'coverage': return runCoverage(call, io);
  }
}
