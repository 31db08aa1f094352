// What the harness tells the suite running inside the extension host. Written as JSON next to the
// bundled entry (out/test/integration/runConfig.json): env vars do not reliably reach the host.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface RunConfig {
  /** The project root (for node_modules/mocha). */
  readonly repoRoot: string;
  /** Only tests whose full title matches (mocha --grep). */
  readonly grep?: string;
  /**
   * The bundled folder whose `*.test.js` run: `suite` (the default: one folder opened) or
   * `multiRoot` (a .code-workspace with two folders) or `locale` (one folder, host started with
   * `--locale de`). Each run opens the workspace its suites expect.
   */
  readonly suiteDir?: 'suite' | 'multiRoot' | 'locale';
  /** Extra bundled test files to run (the harness self-test adds a failing one). */
  readonly extraFiles?: readonly string[];
  readonly timeoutMs?: number;
}

export const runConfigFileName = 'runConfig.json';

export function readRunConfig(bundleDir: string): RunConfig {
  const file = path.join(bundleDir, runConfigFileName);
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as RunConfig;
  // Without a config (e.g. a hand-started host), assume the bundle sits in <root>/out/test/integration.
  return { repoRoot: path.resolve(bundleDir, '..', '..', '..') };
}
