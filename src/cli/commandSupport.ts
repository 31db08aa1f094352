/**
 * What the CLI's commands share: exit codes and call errors, the working directory and
 * repository, how the manifest is loaded (through the cache) and its problems printed, time options, styles.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ClockStore } from '../node/clockStore';
import { version } from '../../package.json';
import { compileModel } from '../core/evaluate/engine';
import type { ChangeModel } from '../core/evaluate/engine';
import { RadarError } from '../core/radarError';
import { parseInstant } from '../core/time/timeZone';
import { findRepoRoot } from '../node/gitChanges';
import type { Manifest } from '../core/model';
import type { SystemsByPath } from '../core/paths/pathIndex';
import { hasErrors, loadManifest } from '../node/manifestLoader';
import { currentBuildIdentity } from '../node/buildIdentity';
import { cacheDisabled, ManifestCache, ValueCache } from '../node/manifestCache';
import { cachedPathIndex } from '../node/pathIndexCache';
import type { LoadedManifest, LoadOptions } from '../node/manifestLoader';
import { formatProblemsGithub } from '../report/formatGithub';
import { formatProblems, sortProblems } from '../report/formatProblems';
import type { CommonOptions } from './commands/argValues';
import { createStyle, shouldColor } from '../report/style';
import type { Style } from '../report/style';
import type { CliIo, OutputStream } from './cliIo';

export const exitCodes = { ok: 0, blocked: 1, invalid: 2 } as const;

/** A failure that ends the run with exit code 2 and a message on stderr (a RadarError with code `call`). */
export function fail(message: string): never {
  throw new RadarError('call', message, exitCodes.invalid);
}

export function workingDirectory(options: CommonOptions, io: CliIo): string {
  const dir = path.resolve(io.cwd, options.cwd ?? '.');
  try {
    // Real path: git reports the top level resolved, and paths must be compared on equal terms.
    const real = fs.realpathSync(dir);
    if (fs.statSync(real).isDirectory()) return real;
  } catch {
    return fail(`--cwd: no such directory: ${dir}`);
  }
  return fail(`-C: not a directory: ${dir}`);
}

/** The repository root, or (for commands that need no git) the working directory itself. */
export async function rootFor(cwd: string, needGit: boolean): Promise<string> {
  const root = await findRepoRoot(cwd);
  if (root !== undefined) return root;
  if (needGit) fail(`not a git repository: ${cwd}`);
  return cwd;
}

export function styleFor(stream: OutputStream, io: CliIo): Style {
  return createStyle(shouldColor(stream, io.env));
}

export function horizonMs(options: CommonOptions): number | undefined {
  return options.horizonDays === undefined ? undefined : options.horizonDays * 86_400_000;
}

/** `--at` read in the manifest's zone when it has no offset; now otherwise. */
export function instant(options: CommonOptions, loaded: LoadedManifest, io: CliIo): number {
  if (options.at === undefined) return io.clock.now();
  const at = parseInstant(options.at, loaded.manifest?.timezone ?? 'UTC');
  return at ?? fail(`--at: not a time: ${options.at}`);
}

export interface Usable {
  readonly loaded: LoadedManifest;
  readonly model: ChangeModel;
  /** True when the manifest has errors: its valid entries (and its invalid freezes, in force) still count. */
  readonly errors: boolean;
}

/**
 * Loads the manifest and prints its problems (stderr, or annotations for `github`). Returns what
 * can be used even when some entries are wrong (see "When the manifest is wrong" in
 * docs/manifest.md); undefined only when nothing could be read.
 */
export function loadUsable(cwd: string, root: string, options: CommonOptions, io: CliIo, codeowners = true): Usable | undefined {
  const loaded = loadAndPrint(cwd, root, options, io, codeowners);
  if (loaded.manifest === undefined) return undefined;
  const model = compileModel(loaded.manifest, { ...(loaded.codeowners !== undefined ? { codeowners: loaded.codeowners } : {}), pathIndex: pathIndexFor(loaded.manifest, root, io) });
  return { loaded, model, errors: hasErrors(loaded.problems) };
}

function loadAndPrint(cwd: string, root: string, options: CommonOptions, io: CliIo, codeowners = true): LoadedManifest {
  return printProblems(loadManifest(root, loadOptions(cwd, root, options, io, codeowners)), options, io);
}

/** How a command reads the manifest: from `cwd` up (or `--manifest`), through the cache. */
export function loadOptions(cwd: string, root: string, options: CommonOptions, io: CliIo, codeowners: boolean): LoadOptions {
  return {
    cwd, codeowners, ...cacheFor(root, io), ...(options.manifest !== undefined ? { manifestPath: options.manifest } : {}),
    // Extended manifests (`extends:`) are fetched when missing, unless told not to.
    offline: options.offline === true || io.env.CHANGE_RADAR_OFFLINE === '1',
  };
}

/** Prints the manifest's problems (stderr, or annotations for `github`). */
export function printProblems(loaded: LoadedManifest, options: CommonOptions, io: CliIo): LoadedManifest {
  const problems = sortProblems([...loaded.problems, ...loaded.codeownersProblems]);
  if (options.format === 'github') {
    io.stdout.write(formatProblemsGithub(problems));
  } else {
    io.stderr.write(formatProblems(problems));
  }
  return loaded;
}

/** The parsed-manifest cache under the repository's git directory (see node/manifestCache.ts), unless CHANGE_RADAR_NO_CACHE=1. Not for `validate`. */
function cacheFor(root: string, io: CliIo): { cache?: ManifestCache } {
  if (cacheDisabled(io.env)) return {};
  const build = currentBuildIdentity(version);
  if (!clockStores.has(root)) clockStores.set(root, ClockStore.open(root, build));
  const cache = ManifestCache.forRepo(root, build);
  return cache !== undefined ? { cache } : {};
}

/** The freeze clock's stores opened by this call (see node/clockStore.ts), written back by `saveClock`. */
const clockStores = new Map<string, ClockStore | undefined>();

/** Writes back the freeze windows this call worked out, for the next run; never throws. */
export function saveClock(io: CliIo): void {
  for (const store of clockStores.values()) store?.save(io.clock.now());
  clockStores.clear();
}

/** The path index of the manifest's systems: scanned for a few paths, then from a cached snapshot when one fits exactly (see cachedPathIndex). */
export function pathIndexFor(manifest: Manifest, root: string, io: CliIo): SystemsByPath {
  return cachedPathIndex(manifest.systems, cacheDisabled(io.env) ? undefined : ValueCache.forRepo(root, currentBuildIdentity(version)));
}

/** Exit code of a report: a block that applies wins over manifest errors, which win over success. */
export function outcome(blocked: boolean, errors: boolean): number {
  if (blocked) return exitCodes.blocked;
  return errors ? exitCodes.invalid : exitCodes.ok;
}
