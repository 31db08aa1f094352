import * as fs from 'node:fs';
import * as path from 'node:path';
import { commonGitDirectory, findRepoRoot, gitConfigValue, hooksDirectory, GitCommandError } from './gitChanges';
import { isInside } from './insidePath';
import { RadarError } from '../core/radarError';
import { manifestFileNames } from '../core/manifest/manifestLocations';
import { chainedSuffix, cliBundleFiles, cliCopyFolder, installedPath, managedHooks, parseHookHeader, renderHookScript } from './hookScript';
import { hookManagerSnippet, snippetFolder } from './hookSnippets';
import type { HookManagerName } from './hookSnippets';
import type { HookCommand, ManagedHook } from './hookScript';
import { hookChangeText } from './hookPhrases';
import type { InstallAction, UninstallAction } from './hookPhrases';

/**
 * Installs, removes and reports the Change Radar git hooks. Shared by the CLI (`change-radar hook`)
 * and the VS Code extension, so both leave a repository in exactly the same state.
 *
 * Rules: never clobber. A foreign hook is moved aside (`<hook>.change-radar-chained`, bytes and
 * mode untouched) and run first by ours; `uninstall` moves it back. Where a hook manager owns the
 * hooks (husky, lefthook, the pre-commit framework, a versioned `core.hooksPath` folder) nothing
 * is written: the caller gets the exact snippet to add instead.
 */

export type { HookManagerName } from './hookSnippets';

export interface HookManager {
  readonly name: HookManagerName;
  /** What gave it away, e.g. `.husky/ exists` or `core.hooksPath = .githooks`. */
  readonly evidence: string;
}

export interface HookTarget {
  readonly repoRoot: string;
  /** Absolute hooks folder git runs hooks from (`git rev-parse --git-path hooks`). */
  readonly hooksDir: string;
  readonly hooksPathConfig?: string;
  readonly manager?: HookManager;
}

const lefthookConfigs = ['lefthook.yml', 'lefthook.yaml', '.lefthook.yml', '.lefthook.yaml', 'lefthook.json', 'lefthook.toml', '.lefthook.json', '.lefthook.toml'];

function exists(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

/** Finds who owns the hooks folder: a manager's config in the repository wins over writing files. */
function detectHookManager(repoRoot: string, hooksDir: string, gitDir: string, hooksPathConfig?: string): HookManager | undefined {
  if (exists(path.join(repoRoot, '.husky')) || (hooksPathConfig ?? '').includes('.husky')) {
    return { name: 'husky', evidence: hooksPathConfig !== undefined ? `core.hooksPath = ${hooksPathConfig}` : '.husky/ exists' };
  }
  const lefthook = lefthookConfigs.find((file) => exists(path.join(repoRoot, file)));
  if (lefthook !== undefined) return { name: 'lefthook', evidence: `${lefthook} exists` };
  if (exists(path.join(repoRoot, '.pre-commit-config.yaml'))) {
    return { name: 'pre-commit', evidence: '.pre-commit-config.yaml exists' };
  }
  // A hooks folder inside the work tree (and not inside .git) is versioned: the team owns its files.
  if (hooksPathConfig !== undefined && isInside(repoRoot, hooksDir) && !isInside(gitDir, hooksDir)) {
    return { name: 'core.hooksPath', evidence: `core.hooksPath = ${hooksPathConfig}` };
  }
  return undefined;
}

/** Where hooks go for the repository containing `cwd`; throws GitCommandError outside a repository. */
async function locateHooks(cwd: string): Promise<HookTarget> {
  const repoRoot = await findRepoRoot(cwd);
  if (repoRoot === undefined) throw new GitCommandError(`not a git work tree: ${cwd}`);
  const [hooksDir, gitDir, hooksPathConfig] = await Promise.all([
    hooksDirectory(repoRoot), commonGitDirectory(repoRoot), gitConfigValue(repoRoot, 'core.hooksPath'),
  ]);
  const manager = detectHookManager(repoRoot, hooksDir, gitDir, hooksPathConfig);
  return {
    repoRoot, hooksDir,
    ...(hooksPathConfig !== undefined ? { hooksPathConfig } : {}),
    ...(manager !== undefined ? { manager } : {}),
  };
}

export type HookFileState = 'absent' | 'installed' | 'outdated' | 'foreign';

export interface HookFileStatus {
  readonly hook: ManagedHook;
  readonly path: string;
  readonly state: HookFileState;
  /** Version recorded in our header, when the file is ours. */
  readonly version?: string;
  /** Path of the hook that ran here before ours and is now chained, when there is one. */
  readonly chainedPath?: string;
  /** Why an installed hook is `outdated`. */
  readonly detail?: string;
}

export interface HookStatus extends HookTarget {
  readonly hooks: readonly HookFileStatus[];
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function fileStatus(hooksDir: string, hook: ManagedHook, expected?: HookCommand): HookFileStatus {
  const file = path.join(hooksDir, hook);
  const chained = path.join(hooksDir, hook + chainedSuffix);
  const base = { hook, path: file, ...(exists(chained) ? { chainedPath: chained } : {}) };
  if (!exists(file)) return { ...base, state: 'absent' };
  const text = readText(file) ?? '';
  const header = parseHookHeader(text);
  if (header === undefined) return { ...base, state: 'foreign' };
  const withVersion = { ...base, version: header.version };
  const cli = installedPath(text, 'cli');
  if (cli === undefined || !exists(cli)) return { ...withVersion, state: 'outdated', detail: `the CLI it runs is missing: ${cli ?? '?'}` };
  const node = installedPath(text, 'node');
  if (node === undefined || !exists(node)) return { ...withVersion, state: 'outdated', detail: `the node it runs is missing: ${node ?? '?'}` };
  if (expected !== undefined && text !== renderHookScript(hook, expected)) {
    return { ...withVersion, state: 'outdated', detail: 'differs from what `hook install` would write now' };
  }
  return { ...withVersion, state: 'installed' };
}

/** Reports each managed hook; with `expected`, an installed hook that differs from it is `outdated`. */
export async function hookStatus(options: { cwd: string; expected?: HookCommand }): Promise<HookStatus> {
  const target = await locateHooks(options.cwd);
  return { ...target, hooks: managedHooks.map((hook) => fileStatus(target.hooksDir, hook, options.expected)) };
}

export interface HookChange<A extends string> {
  readonly hook: ManagedHook;
  readonly path: string;
  readonly action: A;
  readonly chainedPath?: string;
  /** In English (the CLI prints it); `hookChangeText` words the facts in other phrases. */
  readonly message: string;
}

/** A change with its English line. */
function said<A extends InstallAction | UninstallAction>(change: Omit<HookChange<A>, 'message'>): HookChange<A> {
  return { ...change, message: hookChangeText(change) };
}

export interface HookInstallResult {
  readonly target: HookTarget;
  /** `manual` when a hook manager owns the hooks: nothing was written; add `snippet` yourself. */
  readonly mode: 'written' | 'manual';
  readonly changes: readonly HookChange<InstallAction>[];
  readonly snippet?: string;
  /** What makes the hooks check less than the user expects, e.g. a manifest named `ops.yml`. */
  readonly warnings: readonly string[];
}

/**
 * Manifests the hooks will not find: where no `ops.yaml` or `.github/ops.yaml` is at the top of the
 * repository, a file there named like one but not quite (`ops.yml`, `.github/ops.yml`, `Ops.yaml`),
 * each with the name the hooks look for.
 */
function misnamedManifestWarnings(repoRoot: string): string[] {
  if (manifestFileNames.some((file) => exists(path.join(repoRoot, file)))) return [];
  const warnings: string[] = [];
  for (const expected of manifestFileNames) {
    const dir = path.posix.dirname(expected);
    let names: string[];
    try {
      names = fs.readdirSync(path.join(repoRoot, dir));
    } catch {
      continue;
    }
    for (const name of names.filter((n) => /^ops\.ya?ml$/i.test(n)).sort()) {
      const found = dir === '.' ? name : `${dir}/${name}`;
      warnings.push(`the hooks look for ${expected} and found ${found}: rename it to ${expected}, or the hooks check nothing`);
    }
  }
  return warnings;
}

/** A file-system step of install/uninstall that failed: one line naming the path and the reason. */
class HookFileError extends RadarError {
  constructor(message: string) {
    super('hook-file', message);
  }
}

function reasonOf(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error).code) : undefined;
  const reasons: Record<string, string> = {
    EACCES: 'permission denied', EPERM: 'operation not permitted', EROFS: 'read-only file system', ENOTDIR: 'a file is in the way of a folder',
    EEXIST: 'something else is already there', EISDIR: 'it is a folder', ENOSPC: 'no space left', ENOENT: 'it does not exist', ENAMETOOLONG: 'name too long',
  };
  return code !== undefined ? `${reasons[code] ?? 'failed'} (${code})` : String(error).split('\n')[0];
}

/** Runs one file-system step; a failure becomes a HookFileError saying what, where and why. */
function step<T>(what: string, file: string, action: () => T): T {
  try {
    return action();
  } catch (error) {
    throw new HookFileError(`could not ${what} ${file}: ${reasonOf(error)}`);
  }
}

function writeExecutable(file: string, text: string): void {
  const temp = `${file}.change-radar-tmp-${process.pid}`;
  step('write', temp, () => fs.writeFileSync(temp, text, { mode: 0o755 }));
  step('make executable', temp, () => fs.chmodSync(temp, 0o755));
  step('replace', file, () => fs.renameSync(temp, file));
}

function installOne(hooksDir: string, hook: ManagedHook, command: HookCommand): HookChange<InstallAction> {
  const file = path.join(hooksDir, hook);
  const chained = path.join(hooksDir, hook + chainedSuffix);
  const script = renderHookScript(hook, command);
  const current = exists(file) ? readText(file) : undefined;
  const base = { hook, path: file, ...(exists(chained) ? { chainedPath: chained } : {}) };
  if (current !== undefined && parseHookHeader(current) !== undefined) {
    if (current === script) return said({ ...base, action: 'unchanged' });
    writeExecutable(file, script);
    return said({ ...base, action: 'updated' });
  }
  if (exists(file)) {
    if (exists(chained)) {
      return said({ ...base, chainedPath: chained, action: 'conflict' });
    }
    step('move the existing hook aside to', chained, () => fs.renameSync(file, chained));
    writeExecutable(file, script);
    return said({ ...base, chainedPath: chained, action: 'chained' });
  }
  writeExecutable(file, script);
  return said({ ...base, action: 'installed' });
}

/** Installs the hooks (or, where a manager owns them, returns the snippet). Idempotent. */
export async function installHooks(options: { cwd: string } & HookCommand): Promise<HookInstallResult> {
  const target = await locateHooks(options.cwd);
  const warnings = misnamedManifestWarnings(target.repoRoot);
  if (target.manager !== undefined) {
    return { target, mode: 'manual', changes: [], snippet: hookManagerSnippet(target.manager.name, snippetFolder(target.repoRoot, target.hooksDir), options), warnings };
  }
  step('create the hooks folder', target.hooksDir, () => fs.mkdirSync(target.hooksDir, { recursive: true }));
  const changes = managedHooks.map((hook) => installOne(target.hooksDir, hook, options));
  return { target, mode: 'written', changes, warnings };
}

/**
 * Copies the (self-contained, bundled) CLI into `<git dir>/change-radar/` (`cli.js` and the bundles
 * it loads on demand), with its version in `version` next to it, and returns the path of the copied
 * `cli.js`. Hooks installed from VS Code run this copy, so they keep working when an extension
 * update removes the versioned extension folder.
 */
export async function copyCliIntoGitDir(repoRoot: string, sourceCli: string, version: string): Promise<string> {
  const folder = path.join(await commonGitDirectory(repoRoot), cliCopyFolder);
  return writeCliCopy(folder, sourceCli, version);
}

function writeCliCopy(folder: string, sourceCli: string, version: string): string {
  step('create', folder, () => fs.mkdirSync(folder, { recursive: true }));
  // The entry last: until it is replaced, the old cli.js runs with bundles of a newer version only
  // for a moment, and a half-finished copy never leaves a new entry beside missing bundles.
  for (const file of [...cliBundleFiles.slice(1), cliBundleFiles[0]]) {
    const target = path.join(folder, file);
    const temp = `${target}.change-radar-tmp-${process.pid}`;
    step('copy the CLI to', temp, () => fs.copyFileSync(path.join(path.dirname(sourceCli), file), temp));
    step('replace', target, () => fs.renameSync(temp, target));
  }
  step('write', path.join(folder, 'version'), () => fs.writeFileSync(path.join(folder, 'version'), `${version}\n`));
  return path.join(folder, cliBundleFiles[0]);
}

/**
 * Refreshes an existing CLI copy in `gitDir` when its version differs from `version` (on
 * activation of a newer extension). Returns true when it copied. No copy there: nothing to do.
 */
export function refreshCliCopy(gitDir: string, sourceCli: string, version: string): boolean {
  const folder = path.join(gitDir, cliCopyFolder);
  if (!exists(path.join(folder, cliBundleFiles[0]))) return false;
  if (readText(path.join(folder, 'version'))?.trim() === version) return false;
  writeCliCopy(folder, sourceCli, version);
  return true;
}

export interface HookUninstallResult {
  readonly target: HookTarget;
  readonly changes: readonly HookChange<UninstallAction>[];
}

function uninstallOne(hooksDir: string, hook: ManagedHook): HookChange<UninstallAction> {
  const file = path.join(hooksDir, hook);
  const chained = path.join(hooksDir, hook + chainedSuffix);
  const current = exists(file) ? readText(file) : undefined;
  const ours = current !== undefined && parseHookHeader(current) !== undefined;
  if (exists(file) && !ours) {
    // Someone replaced our hook: leave theirs, and the chained one, exactly as they are.
    return said({ hook, path: file, action: 'foreign-kept' });
  }
  if (ours) step('remove', file, () => fs.unlinkSync(file));
  if (exists(chained)) {
    step('put back the previous hook at', file, () => fs.renameSync(chained, file));
    return said({ hook, path: file, chainedPath: chained, action: 'restored' });
  }
  return ours
    ? said({ hook, path: file, action: 'removed' })
    : said({ hook, path: file, action: 'absent' });
}

/** Removes our hooks and restores what was there before, byte for byte (the file is moved, not copied). */
export async function uninstallHooks(options: { cwd: string }): Promise<HookUninstallResult> {
  const target = await locateHooks(options.cwd);
  return { target, changes: managedHooks.map((hook) => uninstallOne(target.hooksDir, hook)) };
}
