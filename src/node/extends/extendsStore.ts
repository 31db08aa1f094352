import { execFile, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ExtendedRead, ExtendsSpec, ReadExtended } from '../../core/manifest/extendsSpec';
import { extendedFileName, extendsIdentity } from '../../core/manifest/extendsSpec';
import { gitDirOf } from '../manifestCache';
import type { FileProbe } from '../manifestCache';

/**
 * The cache of extended (organisation) manifests: `<git dir>/change-radar/extends/`, one folder per
 * pin holding the file's bytes (`content`) and what it must verify against (`meta.json`); for `git:`
 * also one bare repository per remote (`git/<hash>.git`) that fetches go through.
 *
 * Verified on every read: a `git:` entry's bytes must hash to the blob id that the pinned commit's
 * tree gives for the file (git's `blob <size>\0…` SHA-1, recorded when fetched), a `url:` entry's to
 * its `sha256:`. Bytes that do not verify are never used: fetched again when fetching is allowed,
 * else `extends-tampered`. A pin not in the cache is fetched when allowed, else `extends-unavailable`.
 * Fetching uses the `git` command line (`git:`) or a short-lived Node child process (`url:`), so the
 * one loader stays synchronous; each fetch gives up after `fetchTimeoutMs`. The editor never fetches
 * on its load path: it loads with fetching off and calls `fetchInBackground`, which runs the same
 * steps (`fetchSteps`) through asynchronous child processes, with the same verification and timeouts.
 */

/** How long one fetch may take (hooks included: a commit waits for it only when the cache misses). */
const fetchTimeoutMs = 20_000;

/** Largest extended file accepted, as for the manifest itself. */
const maxBytes = 5 * 1024 * 1024;

export interface ExtendsStoreOptions {
  /** False: never fetch (`CHANGE_RADAR_OFFLINE=1`, `--offline`, an untrusted workspace). */
  readonly fetch: boolean;
  /** The environment `url:` tokens (`env:NAME`) are read from. Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Told of each pin that fetching being off left unread (not cached, or not verifying): the editor fetches those in the background. */
  readonly onUnfetched?: (spec: ExtendsSpec) => void;
}

/** Prefix of the pseudo-paths under which the parse cache records an extended file's bytes. */
const recordPrefix = '\u0000extends ';

export class ExtendsStore {
  /** Identity → the sha256 of the verified bytes read in this process (null: none). */
  private readonly readsMade = new Map<string, string | null>();

  constructor(
    /** `<git dir>/change-radar/extends`, or undefined outside a git repository (nothing cached, nothing fetched). */
    readonly dir: string | undefined,
    private readonly repoRoot: string,
    private readonly options: ExtendsStoreOptions,
  ) {}

  static forRepo(repoRoot: string, options: ExtendsStoreOptions): ExtendsStore {
    const gitDir = gitDirOf(repoRoot);
    return new ExtendsStore(gitDir === undefined ? undefined : path.join(gitDir, 'change-radar', 'extends'), repoRoot, options);
  }

  /** The reader the parser asks (see core/manifest/extendsLoader.ts). */
  readonly read: ReadExtended = (spec) => {
    const result = this.readVerified(spec);
    this.readsMade.set(extendsIdentity(spec), 'text' in result ? sha256(result.text) : null);
    return result;
  };

  /** What the parse cache records for the extended files this store served: `[pseudo-path, sha256 of the bytes, reason]`. */
  records(): [string, string | null, string | null][] {
    return [...this.readsMade].map(([identity, hash]) => [`${recordPrefix}${identity}`, hash, hash === null ? 'unavailable' : null]);
  }

  /** A parse-cache probe that answers the pseudo-paths of `records()` from the cache folder; undefined for other paths. */
  probe(file: string): FileProbe | undefined {
    if (!file.startsWith(recordPrefix)) return undefined;
    const bytes = this.dir === undefined ? undefined : readIfFile(path.join(this.dir, entryFolder(file.slice(recordPrefix.length)), 'content'));
    return bytes === undefined ? { hash: null, reason: 'unavailable' } : { hash: sha256(bytes), reason: null };
  }

  private readVerified(spec: ExtendsSpec): ExtendedRead {
    if (this.dir === undefined) return { code: 'extends-unavailable', reason: 'cannot be cached outside a git repository' };
    const folder = path.join(this.dir, entryFolder(extendsIdentity(spec)));
    const cached = readIfFile(path.join(folder, 'content'));
    if (cached !== undefined) {
      if (verifies(spec, cached, readMeta(folder))) return decode(cached);
      if (!this.options.fetch) {
        this.options.onUnfetched?.(spec);
        return { code: 'extends-tampered', reason: 'is in the cache but its bytes do not match the pin; fetching is off (offline), so it was not fetched again' };
      }
    } else if (!this.options.fetch) {
      this.options.onUnfetched?.(spec);
      return { code: 'extends-unavailable', reason: 'is not in the cache and fetching is off (CHANGE_RADAR_OFFLINE=1, --offline, or an untrusted workspace)' };
    }
    return this.store(spec, folder, runStepsSync(this.fetchSteps(spec)));
  }

  /**
   * Fetches a pin without blocking (asynchronous child processes: the editor's background fetch),
   * with the same steps, verification and timeouts as the synchronous path, and stores it in the
   * cache when it verifies. A pin already in the cache and verifying is not fetched again.
   * What the loader will read afterwards: the text, or why not (`extends-unavailable`, `extends-tampered`).
   */
  async fetchInBackground(spec: ExtendsSpec): Promise<ExtendedRead> {
    if (this.dir === undefined) return { code: 'extends-unavailable', reason: 'cannot be cached outside a git repository' };
    const folder = path.join(this.dir, entryFolder(extendsIdentity(spec)));
    const cached = readIfFile(path.join(folder, 'content'));
    if (cached !== undefined && verifies(spec, cached, readMeta(folder))) return decode(cached);
    return this.store(spec, folder, await runStepsAsync(this.fetchSteps(spec)));
  }

  /** Records verified fetched bytes in the cache; a failure as the read's problem. */
  private store(spec: ExtendsSpec, folder: string, fetched: Fetched): ExtendedRead {
    if ('reason' in fetched) return { code: fetched.code ?? 'extends-unavailable', reason: fetched.reason };
    writeEntry(folder, fetched.bytes, { ...fetched.meta, label: extendedFileName(spec), ...(spec.kind === 'url' ? { sha256: spec.pin } : {}) });
    return decode(fetched.bytes);
  }

  /** The fetch of one pin as steps: each yields a child process to run and receives its result (run by runStepsSync or runStepsAsync). */
  private fetchSteps(spec: ExtendsSpec): FetchSteps {
    return spec.kind === 'git' ? this.fetchGit(spec) : this.fetchUrl(spec);
  }

  private *fetchGit(spec: ExtendsSpec): FetchSteps {
    const remote = gitRemote(spec.location, this.repoRoot);
    const bare = path.join(this.dir!, 'git', `${sha256(remote).slice(0, 24)}.git`);
    if (!fs.existsSync(bare)) {
      const init = yield* gitStep(['init', '--bare', '--quiet', bare]);
      if (init.error !== undefined) return { reason: `could not be fetched: ${init.error}` };
    }
    const has = function* (): Generator<RunRequest, boolean, RunResult> {
      return (yield* gitStep(['--git-dir', bare, 'rev-parse', '--verify', '--quiet', `${spec.pin}^{commit}`])).stdout.trim() === spec.pin;
    };
    if (!(yield* has())) {
      const byId = yield* gitStep(['--git-dir', bare, 'fetch', '--quiet', '--no-tags', '--no-write-fetch-head', remote, spec.pin]);
      if (byId.error !== undefined || !(yield* has())) {
        // A server that does not serve commits by id: fetch its branches and tags.
        const all = yield* gitStep(['--git-dir', bare, 'fetch', '--quiet', '--no-write-fetch-head', remote, '+refs/heads/*:refs/heads/*', '+refs/tags/*:refs/tags/*']);
        if (all.error !== undefined) return { reason: `could not be fetched from ${spec.location}: ${all.error}` };
        if (!(yield* has())) return { reason: `names commit ${spec.pin}, which ${spec.location} does not have` };
      }
    }
    const blob = (yield* gitStep(['--git-dir', bare, 'rev-parse', '--verify', '--quiet', `${spec.pin}:${spec.path}`])).stdout.trim();
    if (!/^[0-9a-f]{40,64}$/.test(blob)) return { reason: `has no file ${spec.path} at commit ${spec.pin.slice(0, 12)}` };
    const content = yield* gitStep(['--git-dir', bare, 'cat-file', 'blob', blob], 'buffer');
    if (content.error !== undefined || !Buffer.isBuffer(content.bytes)) return { reason: `could not be read from the fetched commit: ${content.error ?? 'no output'}` };
    if (gitBlobId(content.bytes, blob.length) !== blob) return { code: 'extends-tampered', reason: 'was fetched, but the bytes do not hash to the blob id of the pinned commit' };
    if (content.bytes.length > maxBytes) return { reason: `is larger than ${maxBytes} bytes` };
    return { bytes: content.bytes, meta: { blob } };
  }

  private *fetchUrl(spec: ExtendsSpec): FetchSteps {
    const token = spec.tokenEnv === undefined ? undefined : (this.options.env ?? process.env)[spec.tokenEnv];
    if (spec.tokenEnv !== undefined && (token === undefined || token === '')) {
      return { reason: `needs the token in the environment variable ${spec.tokenEnv}, which is not set` };
    }
    const result: RunResult = yield {
      command: process.execPath, args: ['-e', urlFetchScript, spec.location, String(maxBytes)],
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', CHANGE_RADAR_FETCH_TOKEN: token ?? '' },
    };
    if (result.error !== undefined) return { reason: `could not be fetched: ${result.error}` };
    if (result.status !== 0) return { reason: `could not be fetched: ${result.stderr.toString('utf8').trim().slice(0, 300) || `exit ${String(result.status)}`}` };
    const bytes = result.stdout;
    const actual = sha256(bytes);
    if (actual !== spec.pin) return { code: 'extends-tampered', reason: `is served with sha256 ${actual}, not the pinned one` };
    return { bytes, meta: {} };
  }
}

/** One child process a fetch step runs: the program, its arguments and environment (timeout and output limit are the same for all). */
interface RunRequest {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
}

/** How it ended: its exit status and output, or why it did not run to the end (not found, timed out, too much output). */
interface RunResult {
  readonly status: number | null;
  readonly stdout: Buffer;
  readonly stderr: Buffer;
  readonly error?: string;
}

type FetchSteps = Generator<RunRequest, Fetched, RunResult>;

/** Runs the steps with blocking child processes (the CLI and the hooks, which must answer before exiting). */
function runStepsSync<T>(steps: Generator<RunRequest, T, RunResult>): T {
  let next = steps.next();
  while (next.done !== true) {
    const request = next.value;
    const result = spawnSync(request.command, request.args, { env: request.env, timeout: fetchTimeoutMs, maxBuffer: maxBytes + 1024, windowsHide: true });
    next = steps.next({
      status: result.status, stdout: result.stdout ?? Buffer.alloc(0), stderr: result.stderr ?? Buffer.alloc(0),
      ...(result.error !== undefined ? { error: result.error.message } : {}),
    });
  }
  return next.value;
}

/** Runs the same steps with asynchronous child processes (the editor: its extension host never waits on a fetch). */
async function runStepsAsync<T>(steps: Generator<RunRequest, T, RunResult>): Promise<T> {
  let next = steps.next();
  while (next.done !== true) {
    next = steps.next(await runAsync(next.value));
  }
  return next.value;
}

function runAsync(request: RunRequest): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(request.command, request.args, { env: request.env, timeout: fetchTimeoutMs, maxBuffer: maxBytes + 1024, windowsHide: true, encoding: 'buffer' }, (error, stdout, stderr) => {
      const code = (error as { code?: unknown } | null)?.code;
      if (error === null) resolve({ status: 0, stdout, stderr });
      // A non-zero exit is a status, as with spawnSync; anything else (not found, killed at the timeout, too much output) is an error.
      else if (typeof code === 'number') resolve({ status: code, stdout, stderr });
      else resolve({ status: null, stdout, stderr, error: typeof code === 'string' ? error.message : error.killed ? `timed out after ${fetchTimeoutMs} ms` : `ended by ${String(error.signal)}` });
    });
  });
}

type Fetched =
  | { readonly bytes: Buffer; readonly meta: Meta }
  | { readonly reason: string; readonly code?: 'extends-tampered' };

interface Meta {
  /** `git:`: the blob id the pinned commit's tree gives for the file. */
  readonly blob?: string;
  /** `url:`: the pinned sha256. */
  readonly sha256?: string;
  /** The name its entries are located under (`acme-policy@3f2c1ab:ops.yaml`, see extendedFileName). */
  readonly label?: string;
}

/**
 * The verified text of the cached extended file whose entries are located under `label`
 * (`acme-policy@3f2c1ab:ops.yaml`), for showing it read-only; undefined when none is cached or it
 * does not verify. Never fetches.
 */
export function cachedExtendedText(repoRoot: string, label: string): string | undefined {
  const dir = ExtendsStore.forRepo(repoRoot, { fetch: false }).dir;
  let names: string[];
  try {
    names = dir === undefined ? [] : fs.readdirSync(dir);
  } catch {
    return undefined;
  }
  for (const name of names) {
    const folder = path.join(dir!, name);
    const meta = readMeta(folder);
    if (meta?.label !== label) continue;
    const bytes = readIfFile(path.join(folder, 'content'));
    const verified = bytes !== undefined && (meta.blob !== undefined ? gitBlobId(bytes, meta.blob.length) === meta.blob : meta.sha256 !== undefined && sha256(bytes) === meta.sha256);
    const read = verified ? decode(bytes) : undefined;
    if (read !== undefined && 'text' in read) return read.text;
  }
  return undefined;
}

/** Node fetches the URL (no redirects, a size limit) and writes the bytes to stdout; a bearer token comes through the environment. */
const urlFetchScript = `
const [url, limit] = process.argv.slice(1);
const token = process.env.CHANGE_RADAR_FETCH_TOKEN;
fetch(url, { redirect: 'error', headers: token ? { authorization: 'Bearer ' + token } : {} }).then(async (response) => {
  if (!response.ok) { process.stderr.write('HTTP ' + response.status); process.exit(3); }
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > Number(limit)) { process.stderr.write('larger than ' + limit + ' bytes'); process.exit(3); }
  process.stdout.write(bytes);
}, (error) => { process.stderr.write(String(error && error.cause ? error.cause.message || error.cause : error)); process.exit(3); });
`;

function verifies(spec: ExtendsSpec, bytes: Buffer, meta: Meta | undefined): boolean {
  if (spec.kind === 'url') return sha256(bytes) === spec.pin;
  return meta?.blob !== undefined && gitBlobId(bytes, meta.blob.length) === meta.blob;
}

function decode(bytes: Buffer): ExtendedRead {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { code: 'extends-unavailable', reason: 'is not UTF-8 text' };
  }
}

/** git's object id of a blob: SHA-1 (40 hex digits) or SHA-256 (64) of `blob <size>\0<bytes>`. */
function gitBlobId(bytes: Uint8Array, length = 40): string {
  return createHash(length === 64 ? 'sha256' : 'sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function entryFolder(identity: string): string {
  return sha256(identity).slice(0, 32);
}

function readIfFile(file: string): Buffer | undefined {
  try {
    const stat = fs.lstatSync(file);
    return stat.isFile() && stat.size <= maxBytes ? fs.readFileSync(file) : undefined;
  } catch {
    return undefined;
  }
}

function readMeta(folder: string): Meta | undefined {
  const bytes = readIfFile(path.join(folder, 'meta.json'));
  try {
    const value: unknown = bytes === undefined ? undefined : JSON.parse(bytes.toString('utf8'));
    return value !== null && typeof value === 'object' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Writes both files through temporary names and renames, meta first, so a reader never sees half an entry verify. */
function writeEntry(folder: string, bytes: Buffer, meta: Meta): void {
  try {
    fs.mkdirSync(folder, { recursive: true });
    const suffix = `.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    fs.writeFileSync(path.join(folder, `meta.json${suffix}`), JSON.stringify(meta));
    fs.renameSync(path.join(folder, `meta.json${suffix}`), path.join(folder, 'meta.json'));
    fs.writeFileSync(path.join(folder, `content${suffix}`), bytes);
    fs.renameSync(path.join(folder, `content${suffix}`), path.join(folder, 'content'));
  } catch {
    // The cache is an optimisation: the verified bytes are used this time anyway.
  }
}

/** A remote git understands: URLs and `user@host:path` as written, a local path made absolute (relative to the repository). */
export function gitRemote(location: string, repoRoot: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location) || /^[^-/\\][^/\\]*@[^/\\]+:/.test(location)) return location;
  return path.resolve(repoRoot, location);
}

interface GitResult {
  readonly stdout: string;
  readonly bytes?: Buffer;
  readonly error?: string;
}

/** Runs git without the hook's repository variables (GIT_DIR, GIT_INDEX_FILE…), never prompting. */
export function git(args: readonly string[], encoding: 'utf8' | 'buffer' = 'utf8'): GitResult {
  return runStepsSync(gitStep(args, encoding));
}

/** One git command as a fetch step (see git()). */
function* gitStep(args: readonly string[], encoding: 'utf8' | 'buffer' = 'utf8'): Generator<RunRequest, GitResult, RunResult> {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('GIT_') || key === 'GIT_SSH' || key === 'GIT_SSH_COMMAND' || key === 'GIT_CONFIG_NOSYSTEM') env[key] = value;
  }
  // Only plain transports: never `ext::` or `fd::`, whatever the user's git configuration says.
  const result: RunResult = yield { command: 'git', args, env: { ...env, GIT_TERMINAL_PROMPT: '0', GIT_ALLOW_PROTOCOL: 'file:git:http:https:ssh' } };
  if (result.error !== undefined) return { stdout: '', error: result.error };
  const stdout = encoding === 'utf8' ? result.stdout.toString('utf8') : '';
  if (result.status !== 0) {
    const message = result.stderr.toString('utf8').trim().split('\n').slice(-2).join(' ');
    return { stdout, ...(message !== '' || encoding === 'buffer' ? { error: message || `git exited with ${String(result.status)}` } : {}) };
  }
  return { stdout, ...(encoding === 'buffer' ? { bytes: result.stdout } : {}) };
}
