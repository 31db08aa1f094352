import { version } from '../../package.json';
import { escapeText } from '../report/escape';
import { isRadarError } from '../core/radarError';
import { commandOf, parseCliArgs } from './parseArgs';
import { usage } from './usage';
import type { CliIo } from './cliIo';
import { exitCodes, saveClock } from './commandSupport';

export type { CliIo, OutputStream } from './cliIo';

/**
 * Parses argv and runs the command it names through the command's description
 * (commands/registry.ts): its handler, from the bundle the description says. A Change Radar
 * error (core/radarError.ts) ends the run with its one line and its exit status.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCliArgs(argv);
  if (!parsed.ok) {
    io.stderr.write(`change-radar: ${escapeText(parsed.error)}\nRun 'change-radar help${parsed.topic !== undefined ? ` ${parsed.topic}` : ''}' for usage.\n`);
    return exitCodes.invalid;
  }
  const call = parsed.call;
  try {
    switch (call.command) {
      case 'help':
        io.stdout.write(usage(call.topic));
        return exitCodes.ok;
      case 'version':
        io.stdout.write(`${version}\n`);
        return exitCodes.ok;
      default: {
        const command = commandOf(call);
        if (command === undefined) throw new Error(`no registered command runs '${call.command}'`);
        return await command.handler.run(call, io);
      }
    }
  } catch (error) {
    // By brand and code, not instanceof: an error from cli-extra.js is made by that bundle's copy of the class.
    if (isRadarError(error)) {
      io.stderr.write(`change-radar: ${escapeText(error.message)}\n`);
      return error.exitStatus;
    }
    throw error;
  } finally {
    saveClock(io);
  }
}
