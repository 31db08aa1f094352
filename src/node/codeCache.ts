import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

/**
 * V8's compiled code for the CLI's own bundles, kept beside them, so a run does not compile again
 * what the run before compiled (Node 22's `module.enableCompileCache`, which Node 20 lacks, does
 * the same). `dist/cli.js` installs it (cli/boot.ts) before it loads `cli-main.js`; the lazily
 * loaded `cli-parser.js` and `cli-extra.js` go through it too.
 *
 * - **What is kept.** After a run, `script.createCachedData()` for each bundle that had no usable
 *   cache: the bytecode of every function the run compiled, so the functions a commit needs are
 *   ready for the next commit.
 * - **Where.** `<bundle>.<key>.v8cache` next to the bundle (`dist/`, or the hooks' copy in
 *   `.git/change-radar/`): whoever may write there may replace the bundle itself, so a shared
 *   temporary folder, where another user could plant compiled code, is never used. A folder that
 *   cannot be written is no error: the run compiles as without the cache.
 * - **Never stale.** The key is a hash of the bundle's text and of the Node, V8 and architecture
 *   that compiled it; V8 checks its own version and flags again and refuses a mismatch
 *   (`cachedDataRejected`), and the file carries a SHA-256 of its bytes, so a damaged file is not
 *   handed to V8 at all. A refused or damaged file is written again after the run; files of other
 *   texts of the bundle (an older build) are removed when a new one is written.
 * - **Off** with `CHANGE_RADAR_NO_CODE_CACHE=1`. `CHANGE_RADAR_NO_CACHE=1` turns off the cache of
 *   parse results in the repository, not this one: it holds compiled code, no answer.
 */

const magic = Buffer.from('change-radar v8 code 1\n');
const digestBytes = 32;
const suffix = '.v8cache';

/** A bundle compiled in this run whose cache is to be written when the run ends. */
interface Pending {
  readonly script: vm.Script;
  readonly file: string;
  readonly bundle: string;
}

export interface CodeCache {
  /** Writes the caches this run made (call once, as the process exits). */
  flush(): void;
  /** Per bundle loaded: whether its compiled code came from the cache. */
  readonly used: ReadonlyMap<string, boolean>;
}

function sha256(...parts: readonly (string | Buffer)[]): Buffer {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

/**
 * The cache file of a bundle's text for this Node, V8 and architecture:
 * `<bundle>.<hash of the text>.<hash of the runtime>.v8cache`. The two parts are apart so that a
 * new build removes the caches of the old one, while two runtimes that take turns on the same build
 * (the hooks under VS Code's Electron, a terminal's node) each keep theirs.
 */
export function codeCacheFile(bundleFile: string, text: string): string {
  const textKey = sha256(text).toString('hex').slice(0, 16);
  const runtimeKey = sha256(`${process.version}\0${process.versions.v8}\0${process.arch}`).toString('hex').slice(0, 8);
  return `${bundleFile}.${textKey}.${runtimeKey}${suffix}`;
}

/** The compiled code in `file`, or undefined when it is missing, not a regular file, or fails its checksum. */
export function readCodeCache(file: string): Buffer | undefined {
  try {
    const stat = fs.lstatSync(file);
    if (!stat.isFile() || stat.size > 64 * 1024 * 1024) return undefined;
    const bytes = fs.readFileSync(file);
    const start = magic.length + digestBytes;
    if (bytes.length <= start || !bytes.subarray(0, magic.length).equals(magic)) return undefined;
    const data = bytes.subarray(start);
    return sha256(data).equals(bytes.subarray(magic.length, start)) ? data : undefined;
  } catch {
    return undefined;
  }
}

/** Writes `data` as the cache file `file` (a temporary file, then a rename) and removes the bundle's caches of other texts. */
function writeCodeCache(file: string, bundleFile: string, data: Buffer): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temporary, Buffer.concat([magic, sha256(data), data]), { mode: 0o644 });
    fs.renameSync(temporary, file);
  } catch {
    fs.rmSync(temporary, { force: true });
    return;
  }
  const dir = path.dirname(bundleFile);
  const prefix = `${path.basename(bundleFile)}.`;
  const sameText = path.basename(file).slice(0, prefix.length + 17);
  try {
    for (const name of fs.readdirSync(dir)) {
      if (name.startsWith(prefix) && name.endsWith(suffix) && !name.startsWith(sameText)) fs.rmSync(path.join(dir, name), { force: true });
    }
  } catch {
    // Another run may be removing the same files; what is left is removed by the next write.
  }
}

type Compile = (this: Module, content: string, filename: string) => unknown;

/**
 * Compiles the bundles `names` in `dir`, when Node loads them, through the cache; every other
 * module as Node does. Returns the handle whose `flush` writes what this run compiled.
 */
export function installCodeCache(dir: string, names: readonly string[]): CodeCache {
  const bundles = new Set(names);
  const pending: Pending[] = [];
  const used = new Map<string, boolean>();
  const prototype = Module.prototype as unknown as { _compile: Compile };
  const original = prototype._compile;
  prototype._compile = function compile(this: Module, content: string, filename: string): unknown {
    if (path.dirname(filename) !== dir || !bundles.has(path.basename(filename))) return original.call(this, content, filename);
    // A bundle's `#!` line is a comment inside the function Node wraps a module in.
    const source = Module.wrap(content.startsWith('#!') ? `//${content}` : content);
    const file = codeCacheFile(filename, content);
    const cachedData = readCodeCache(file);
    const script = new vm.Script(source, cachedData !== undefined ? { filename, cachedData } : { filename });
    const accepted = cachedData !== undefined && !script.cachedDataRejected;
    used.set(path.basename(filename), accepted);
    if (!accepted) pending.push({ script, file, bundle: filename });
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, Module.createRequire(filename), this, filename, path.dirname(filename));
  };
  return {
    used,
    flush(): void {
      for (const { script, file, bundle } of pending.splice(0)) {
        try {
          writeCodeCache(file, bundle, script.createCachedData());
        } catch {
          // No cache this time; the next run compiles and tries again.
        }
      }
    },
  };
}
