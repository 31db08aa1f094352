import * as path from 'node:path';
import { systemClock } from '../node/systemClock';
import { runCli } from './runCli';

// Entry point of dist/cli.js (`change-radar`): wires the real process to runCli and sets the exit code.
runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  clock: systemClock,
  cliPath: path.resolve(process.argv[1] ?? __filename),
  nodePath: process.execPath,
}).then((code) => {
  process.exitCode = code;
}, (error: unknown) => {
  process.stderr.write(`change-radar: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exitCode = 2;
});
