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
      process.exitCode = code;
    }),
  ).catch(fail);
}
