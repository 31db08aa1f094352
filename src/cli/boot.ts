import * as path from 'node:path';
import { installCodeCache } from '../node/codeCache';
import { switchedOn } from '../node/envSwitch';

// Entry point of dist/cli.js (`change-radar`, the hooks): keeps V8's compiled code of the CLI's
// bundles beside them (node/codeCache.ts), then runs the CLI, dist/cli-main.js (cli/main.ts). A
// commit's hook compiles next to nothing of what the one before it compiled.

const bundles = ['cli-main.js', 'cli-parser.js', 'cli-extra.js'];
if (!switchedOn(process.env.CHANGE_RADAR_NO_CODE_CACHE)) {
  const cache = installCodeCache(__dirname, bundles);
  process.once('exit', () => cache.flush());
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
require(path.join(__dirname, bundles[0]));
