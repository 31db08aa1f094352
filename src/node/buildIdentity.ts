import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/*
 * Which build of Change Radar wrote a cache entry (manifestCache.ts): a build that differs in any of
 * the bundles that parse or judge never reads another's entries.
 */

let buildIdentity: string | undefined;

/**
 * A hash of the bundle `entry` and of the bundles `siblings` beside it that are there (the ones it
 * runs, and the one it loads to parse and so wrote the cached results): a build that differs in any
 * never reads the other's entries. A bundle that cannot be read gives a hash no other run shares.
 */
export function bundleHash(entry: string, ...siblings: readonly string[]): string {
  try {
    const hash = createHash('sha256').update(fs.readFileSync(entry));
    for (const sibling of siblings) {
      const file = path.join(path.dirname(entry), sibling);
      if (fs.existsSync(file)) hash.update(`\0${sibling}\0`).update(fs.readFileSync(file));
    }
    return hash.digest('hex');
  } catch {
    return `unknown-${process.pid}-${Date.now()}`;
  }
}

/** The running CLI build: package version and the hash of `cli.js`, the `cli-main.js` it runs and `cli-parser.js`. */
export function currentBuildIdentity(version: string): string {
  buildIdentity ??= `${version}:${bundleHash(require.main?.filename ?? __filename, 'cli-main.js', 'cli-parser.js')}`;
  return buildIdentity;
}
