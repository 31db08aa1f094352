import * as path from 'node:path';
import { version } from '../../package.json';
import { parseCliArgs } from './parseArgs';
import { usage } from './usage';

// Entry point of dist/cli.js (`change-radar`): wires the real process to runCli and sets the exit code.
// `--help` and `--version` are answered here; everything else (the engine, YAML, zod, git) is loaded
// only when a command needs it (esbuild keeps the dynamically imported modules unevaluated until then).

function fail(error: unknown): void {
  process.stderr.write(`change-radar: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exitCode = 2;
}

/**
 * Output that cannot be written (`check > /dev/full`, a closed pipe) is never a stack trace: a
 * reader that went away (EPIPE, as with `| head`) ends nothing and says nothing, as Unix tools do,
 * and the exit code stays the command's; any other failure (no space, an I/O error) is one line on
 * stderr and exit code 2. A failing stderr is ignored (there is nowhere left to say it).
 */
let outputFailed = false;
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (outputFailed || error.code === 'EPIPE') return;
  outputFailed = true;
  process.exitCode = 2;
  const reasons: Record<string, string> = { ENOSPC: 'no space left on the device', EIO: 'an I/O error', EDQUOT: 'the disk quota is exceeded', EFBIG: 'the file is too large' };
  process.stderr.write(`change-radar: cannot write the output: ${reasons[error.code ?? ''] ?? 'failed'} (${error.code ?? 'error'})\n`);
});
process.stderr.on('error', () => undefined);

const argv = process.argv.slice(2);
const parsed = parseCliArgs(argv);
if (parsed.ok && parsed.call.command === 'help') {
  process.stdout.write(usage(parsed.call.topic));
} else if (parsed.ok && parsed.call.command === 'version') {
  process.stdout.write(`${version}\n`);
} else {
  void Promise.all([import('./runCli'), import('../node/systemClock')]).then(([{ runCli }, { systemClock }]) =>
    runCli(argv, {
      stdout: process.stdout,
      stderr: process.stderr,
      env: process.env,
      cwd: process.cwd(),
      clock: systemClock,
      cliPath: path.resolve(process.argv[1] ?? __filename),
      nodePath: process.execPath,
    }).then((code) => {
      process.exitCode = outputFailed ? 2 : code;
    }),
  ).catch(fail);
}
