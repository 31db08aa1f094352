import * as fs from 'node:fs';
import * as path from 'node:path';
import { version } from '../../package.json';
import { escapeJson, escapeText } from '../report/escape';
import { analyzeChange, compileModel, explainPath, statusReport } from '../core/evaluate/engine';
import type { ChangeModel } from '../core/evaluate/engine';
import type { Problem } from '../core/problem';
import { parseInstant } from '../core/time/timeZone';
import {
  findRepoRoot, freezeOverrideReason, GitCommandError, rangeChanges, readMessageTrailers, stagedChanges, trackedFilesUnder,
  workingTreeChanges,
} from '../node/gitChanges';
import type { ChangeSet } from '../node/gitChanges';
import { HookFileError, hookStatus, installHooks, uninstallHooks } from '../node/hookInstaller';
import type { HookCommand } from '../node/hookInstaller';
import { manifestFileNames } from '../core/manifest/manifestLocations';
import { invalidText } from '../core/evaluate/freezeEvaluator';
import type { Manifest } from '../core/model';
import type { PathIndex } from '../core/paths/pathIndex';
import type { ImpactReport } from '../core/evaluate/report';
import { hasErrors, loadManifest, manifestNotFoundCode, toRepoPath } from '../node/manifestLoader';
import { relativeInside } from '../node/insidePath';
import { baseOfChange, commitJudgement, judgedManifest, loadForChange } from '../node/changeManifest';
import type { ChangeView } from '../node/changeManifest';
import { cacheDisabled, cachedPathIndex, currentBuildIdentity, ManifestCache, ValueCache } from '../node/manifestCache';
import type { LoadedManifest, LoadOptions } from '../node/manifestLoader';
import { annotation, formatImpactGithub, formatProblemsGithub } from '../report/formatGithub';
import { formatExplainMarkdown, formatImpactMarkdown, formatStatusMarkdown } from '../report/formatMarkdown';
import { formatProblems, sortProblems } from '../report/formatProblems';
import {
  formatBlockedCommitText, formatExplainText, formatImpactText, formatPreCommitText, formatStatusText,
  formatTrailerOverrideText, formatWarningSummaryText,
} from '../report/formatText';
import { formatHookInstallText, formatHookStatusText, formatHookUninstallText } from './formatHooks';
import { defaultLiveTimeoutMs, hookLiveManifest, withLiveModel, withLiveSources } from './liveSources';
import { parseCliArgs } from './parseArgs';
import type { CliCall, CommonOptions } from './parseArgs';
import { verdict } from '../report/reportFacts';
import { createStyle, shouldColor } from '../report/style';
import type { Style } from '../report/style';
import { usage } from './usage';
import type { CliIo, OutputStream } from './cliIo';
import type * as ExtraCommands from './extraCommands';

export type { CliIo, OutputStream } from './cliIo';

export const exitCodes = { ok: 0, blocked: 1, invalid: 2 } as const;

/** A failure that ends the run with exit code 2 and a message on stderr. */
class CallError extends Error {}

function fail(message: string): never {
  throw new CallError(message);
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCliArgs(argv);
  if (!parsed.ok) {
    io.stderr.write(`change-radar: ${escapeText(parsed.error)}\nRun 'change-radar help${parsed.topic !== undefined ? ` ${parsed.topic}` : ''}' for usage.\n`);
    return exitCodes.invalid;
  }
  try {
    return await dispatch(parsed.call, io);
  } catch (error) {
    if (error instanceof CallError || error instanceof GitCommandError || error instanceof HookFileError) {
      io.stderr.write(`change-radar: ${escapeText(error.message)}\n`);
      return exitCodes.invalid;
    }
    throw error;
  }
}

/**
 * The commands a commit never runs, loaded on first use: in the bundled CLI this require is of
 * `dist/cli-extra.js` (esbuild.js, `lazyBundles`), so the hooks neither read nor evaluate them.
 */
function extraCommands(): typeof ExtraCommands {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./extraCommands') as typeof ExtraCommands;
}

async function dispatch(call: CliCall, io: CliIo): Promise<number> {
  switch (call.command) {
    case 'help':
      io.stdout.write(usage(call.topic));
      return exitCodes.ok;
    case 'version':
      io.stdout.write(`${version}\n`);
      return exitCodes.ok;
    case 'check': return check(call, io);
    case 'explain': return explain(call, io);
    case 'status': return status(call, io);
    case 'validate': return validate(call, io);
    case 'hook': return hook(call, io);
    case 'hook-run': return hookRun(call, io);
    case 'calendar': return calendar(call, io);
    case 'edit':
    case 'init':
    case 'coverage':
      return extraCommands().runExtraCommand(call, io);
  }
}

function workingDirectory(options: CommonOptions, io: CliIo): string {
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
async function rootFor(cwd: string, needGit: boolean): Promise<string> {
  const root = await findRepoRoot(cwd);
  if (root !== undefined) return root;
  if (needGit) fail(`not a git repository: ${cwd}`);
  return cwd;
}

function styleFor(stream: OutputStream, io: CliIo): Style {
  return createStyle(shouldColor(stream, io.env));
}

function horizonMs(options: CommonOptions): number | undefined {
  return options.horizonDays === undefined ? undefined : options.horizonDays * 86_400_000;
}

/** `--at` read in the manifest's zone when it has no offset; now otherwise. */
function instant(options: CommonOptions, loaded: LoadedManifest, io: CliIo): number {
  if (options.at === undefined) return io.clock.now();
  const at = parseInstant(options.at, loaded.manifest?.timezone ?? 'UTC');
  return at ?? fail(`--at: not a time: ${options.at}`);
}

interface Usable {
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
function loadUsable(cwd: string, root: string, options: CommonOptions, io: CliIo, codeowners = true): Usable | undefined {
  const loaded = loadAndPrint(cwd, root, options, io, codeowners);
  if (loaded.manifest === undefined) return undefined;
  const model = compileModel(loaded.manifest, { ...(loaded.codeowners !== undefined ? { codeowners: loaded.codeowners } : {}), pathIndex: pathIndexFor(loaded.manifest, root, io) });
  return { loaded, model, errors: hasErrors(loaded.problems) };
}

function loadAndPrint(cwd: string, root: string, options: CommonOptions, io: CliIo, codeowners = true): LoadedManifest {
  return printProblems(loadManifest(root, loadOptions(cwd, root, options, io, codeowners)), options, io);
}

/** How a command reads the manifest: from `cwd` up (or `--manifest`), through the cache. */
function loadOptions(cwd: string, root: string, options: CommonOptions, io: CliIo, codeowners: boolean): LoadOptions {
  return { cwd, codeowners, ...cacheFor(root, io), ...(options.manifest !== undefined ? { manifestPath: options.manifest } : {}) };
}

/** Prints the manifest's problems (stderr, or annotations for `github`). */
function printProblems(loaded: LoadedManifest, options: CommonOptions, io: CliIo): LoadedManifest {
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
  const cache = ManifestCache.forRepo(root, currentBuildIdentity(version));
  return cache !== undefined ? { cache } : {};
}

/** The path index of the manifest's systems, from a cached snapshot when one fits exactly (see cachedPathIndex). */
function pathIndexFor(manifest: Manifest, root: string, io: CliIo): PathIndex {
  return cachedPathIndex(manifest.systems, cacheDisabled(io.env) ? undefined : ValueCache.forRepo(root, currentBuildIdentity(version)));
}

/** Exit code of a report: a block that applies wins over manifest errors, which win over success. */
function outcome(blocked: boolean, errors: boolean): number {
  if (blocked) return exitCodes.blocked;
  return errors ? exitCodes.invalid : exitCodes.ok;
}

/** A path argument (relative to the working directory) as a repository-relative path. */
function repoPath(root: string, cwd: string, argument: string): string {
  const absolute = path.resolve(cwd, argument);
  const relative = toRepoPath(root, absolute);
  return relative ?? fail(`path is outside the repository ${root}: ${argument}`);
}

/**
 * The repository paths an argument stands for: a file is itself; a directory is every tracked file
 * below it, plus the directory itself with a trailing `/` (so that directory globs match it too).
 */
async function expandPath(root: string, cwd: string, argument: string): Promise<string[]> {
  const absolute = path.resolve(cwd, argument);
  const isDirectory = (() => {
    try {
      return fs.statSync(absolute).isDirectory();
    } catch {
      return false;
    }
  })();
  if (!isDirectory) return [repoPath(root, cwd, argument)];
  const relative = relativeInside(root, absolute) ?? fail(`path is outside the repository ${root}: ${argument}`);
  const files = (await findRepoRoot(root)) === undefined ? [] : await trackedFilesUnder(root, relative);
  return relative === '' ? files : [`${relative}/`, ...files];
}

/** Which change `check` judges, and so where its manifest is read (see node/changeManifest.ts). */
function viewOf(call: Extract<CliCall, { command: 'check' }>): ChangeView {
  if (call.paths.length > 0) return { kind: 'paths' };
  if (call.staged) return { kind: 'staged' };
  if (call.base !== undefined) return { kind: 'range', base: call.base, ...(call.head !== undefined ? { head: call.head } : {}) };
  return { kind: 'worktree' };
}

async function changeSetFor(call: Extract<CliCall, { command: 'check' }>, view: ChangeView, root: string, cwd: string): Promise<ChangeSet> {
  switch (view.kind) {
    case 'paths': {
      const expanded = await Promise.all(call.paths.map((p) => expandPath(root, cwd, p)));
      const paths = [...new Set(expanded.flat())].sort();
      return { source: 'paths', paths, description: 'the paths given' };
    }
    case 'staged': return stagedChanges(root);
    case 'range': return rangeChanges(root, view.base, view.head);
    case 'worktree': return workingTreeChanges(root);
  }
}

async function check(call: Extract<CliCall, { command: 'check' }>, io: CliIo): Promise<number> {
  const cwd = workingDirectory(call.options, io);
  const root = await rootFor(cwd, call.paths.length === 0 || call.messageFile !== undefined);
  const view = viewOf(call);
  const options = loadOptions(cwd, root, call.options, io, true);
  // The manifest is read where the change is: the index for staged changes, the head commit for a range.
  const [changes, loaded] = await Promise.all([changeSetFor(call, view, root, cwd), loadForChange(root, view, options)]);
  printProblems(loaded, call.options, io);
  const judged = await judgedManifest(root, loaded, changes.paths, () => baseOfChange(root, view), options);
  if (judged.manifest === undefined) return exitCodes.invalid;
  const judgedLive = call.options.live ? await withLiveSources(judged.manifest, call.options.liveTimeoutMs ?? defaultLiveTimeoutMs, io) : judged.manifest;
  const model = compileModel(judgedLive, { ...(loaded.codeowners !== undefined ? { codeowners: loaded.codeowners } : {}), pathIndex: pathIndexFor(judged.manifest, root, io) });
  const at = instant(call.options, loaded, io);
  const reason = call.messageFile !== undefined ? freezeOverrideReason(await readMessageTrailers(cwd, call.messageFile)) : undefined;
  const analyzed = analyzeChange(model, changes.paths, at, {
    ...(horizonMs(call.options) !== undefined ? { horizonMs: horizonMs(call.options) } : {}),
    ...(reason !== undefined ? { trailerOverride: { reason } } : {}),
  });
  const report: ImpactReport = judged.manifestChange ? { ...analyzed, manifestChange: judged.manifestChange } : analyzed;
  const valid = { errors: hasErrors(loaded.problems) };
  switch (call.options.format) {
    case 'json': io.stdout.write(escapeJson(report) + '\n'); break;
    case 'markdown': io.stdout.write(formatImpactMarkdown(report)); break;
    case 'github':
      io.stdout.write(formatImpactGithub(report));
      appendStepSummary(io, formatImpactMarkdown(report));
      break;
    default: io.stdout.write(formatImpactText(report, styleFor(io.stdout, io)));
  }
  return outcome(report.blocked, valid.errors);
}

/** In GitHub Actions, the markdown report also goes to the job summary page. */
function appendStepSummary(io: CliIo, markdown: string): void {
  const file = io.env.GITHUB_STEP_SUMMARY;
  if (file === undefined || file === '') return;
  try {
    fs.appendFileSync(file, markdown + '\n');
  } catch (error) {
    io.stderr.write(`change-radar: could not write the job summary ${escapeText(`${file}: ${String(error)}`)}\n`);
  }
}

async function explain(call: Extract<CliCall, { command: 'explain' }>, io: CliIo): Promise<number> {
  const cwd = workingDirectory(call.options, io);
  const root = await rootFor(cwd, false);
  const valid = loadUsable(cwd, root, call.options, io);
  if (valid === undefined) return exitCodes.invalid;
  const at = instant(call.options, valid.loaded, io);
  const h = horizonMs(call.options);
  const [first, ...below] = await expandPath(root, cwd, call.path);
  const explanation = explainPath(await withLiveModel(valid.model, call.options.live, call.options.liveTimeoutMs, io), first ?? repoPath(root, cwd, call.path), at, { ...(h !== undefined ? { horizonMs: h } : {}), below });
  switch (call.options.format) {
    case 'json': io.stdout.write(escapeJson(explanation) + '\n'); break;
    case 'markdown': io.stdout.write(formatExplainMarkdown(explanation)); break;
    default: io.stdout.write(formatExplainText(explanation, styleFor(io.stdout, io)));
  }
  return valid.errors ? exitCodes.invalid : exitCodes.ok;
}

async function status(call: Extract<CliCall, { command: 'status' }>, io: CliIo): Promise<number> {
  const cwd = workingDirectory(call.options, io);
  const root = await rootFor(cwd, false);
  const valid = loadUsable(cwd, root, call.options, io, false);
  if (valid === undefined) return exitCodes.invalid;
  const at = instant(call.options, valid.loaded, io);
  const h = horizonMs(call.options);
  const report = statusReport(await withLiveModel(valid.model, call.options.live, call.options.liveTimeoutMs, io), at, h !== undefined ? { horizonMs: h } : {});
  switch (call.options.format) {
    case 'json': io.stdout.write(escapeJson(report) + '\n'); break;
    case 'markdown': io.stdout.write(formatStatusMarkdown(report)); break;
    default: io.stdout.write(formatStatusText(report, styleFor(io.stdout, io)));
  }
  return valid.errors ? exitCodes.invalid : exitCodes.ok;
}

async function validate(call: Extract<CliCall, { command: 'validate' }>, io: CliIo): Promise<number> {
  const cwd = workingDirectory(call.options, io);
  const root = await rootFor(cwd, false);
  // The same load as every other command, through the cache (an entry holds every problem of its parse).
  const loaded = loadManifest(root, loadOptions(cwd, root, call.options, io, true));
  const problems = sortProblems([...loaded.problems, ...loaded.codeownersProblems]);
  const valid = loaded.manifest !== undefined && !hasErrors(loaded.problems);
  const count = (severity: Problem['severity']): number => problems.filter((p) => p.severity === severity).length;
  // What the errors mean for protection: each invalid freeze (or incident-freeze) is in force until fixed.
  const inForce = [
    ...(loaded.manifest?.freezes ?? []).flatMap((f) => (f.invalid ? [`freeze \`${f.id}\` is invalid (${invalidText(f.invalid)}); treated as in force until fixed`] : [])),
    ...(loaded.manifest?.incidents ?? []).flatMap((i) => (i.invalid ? [`incident \`${i.id}\` is invalid (${invalidText(i.invalid)}); treated as in force until fixed`] : [])),
  ];
  switch (call.options.format) {
    case 'json':
      io.stdout.write(escapeJson({
        valid, files: loaded.manifest?.files ?? (loaded.rootFile !== undefined ? [loaded.rootFile] : []),
        codeowners: loaded.codeownersFile ?? null, problems, inForce,
      }) + '\n');
      break;
    case 'github':
      io.stdout.write(formatProblemsGithub(problems));
      for (const line of inForce) io.stdout.write(`${annotation('warning', line, { title: 'Treated as in force' })}\n`);
      break;
    default: {
      io.stdout.write(formatProblems(problems));
      for (const line of inForce) io.stdout.write(`${escapeText(line)}\n`);
      const files = escapeText(loaded.manifest?.files.join(', ') ?? loaded.rootFile ?? 'manifest');
      io.stdout.write(`${files}: ${valid ? 'valid' : 'invalid'} (${count('error')} error(s), ${count('warning')} warning(s))\n`);
    }
  }
  return valid ? exitCodes.ok : exitCodes.invalid;
}

function hookCommand(io: CliIo, strict: boolean): HookCommand {
  return { nodePath: io.nodePath, cliPath: io.cliPath, version, ...(strict ? { strict } : {}) };
}

async function hook(call: Extract<CliCall, { command: 'hook' }>, io: CliIo): Promise<number> {
  const cwd = workingDirectory(call.options, io);
  const json = call.options.format === 'json';
  const write = (value: unknown, text: string): void => {
    io.stdout.write(json ? escapeJson(value) + '\n' : text);
  };
  switch (call.action) {
    case 'install': {
      const result = await installHooks({ cwd, ...hookCommand(io, call.strict) });
      write(result, formatHookInstallText(result));
      return result.changes.some((c) => c.action === 'conflict') ? exitCodes.invalid : exitCodes.ok;
    }
    case 'uninstall': {
      const result = await uninstallHooks({ cwd });
      write(result, formatHookUninstallText(result));
      return exitCodes.ok;
    }
    case 'status': {
      const result = await hookStatus({ cwd, expected: hookCommand(io, call.strict) });
      write(result, formatHookStatusText(result));
      return exitCodes.ok;
    }
  }
}

/**
 * What the installed hooks run. pre-commit cannot see the message, so it informs, prints the
 * manifest's errors (once per commit: commit-msg does not repeat them) and, in strict mode, refuses
 * a manifest with errors; commit-msg is the gate, where a `Freeze-Override:` trailer can be
 * honoured. A freeze that applies blocks whether or not the manifest has errors elsewhere; invalid
 * freezes are in force (see "When the manifest is wrong" in docs/manifest.md). Reads only the
 * staged file list and the manifest: no CODEOWNERS.
 */
async function hookRun(call: Extract<CliCall, { command: 'hook-run' }>, io: CliIo): Promise<number> {
  const style = styleFor(io.stderr, io);
  if (io.env.CHANGE_RADAR_SKIP === '1') {
    io.stderr.write(style.yellow(`change-radar: CHANGE_RADAR_SKIP=1 is set, skipping the ${call.hook} check.\n`));
    return exitCodes.ok;
  }
  const cwd = workingDirectory(call.options, io);
  // git runs hooks at the top of the work tree: findRepoRoot sees `.git` here without a git process.
  const root = await findRepoRoot(cwd);
  if (root === undefined) return exitCodes.ok;
  const preCommit = call.hook === 'pre-commit';
  // commit-msg: the message's trailers are read by a git process beside the others.
  const trailers = preCommit ? undefined : settled(readMessageTrailers(cwd, call.messageFile ?? fail('commit-msg needs the message file')));
  // The commit is judged by the manifest it is made under: the one in the index, not the working tree's.
  const options = loadOptions(cwd, root, call.options, io, false);
  const { changes, loaded, judged } = await commitJudgement(root, options);
  const missing = loaded.problems.some((p) => p.code === manifestNotFoundCode);
  // No manifest: nothing to do, unless this very commit deletes the one HEAD has.
  if (missing && !changes.paths.some((file) => manifestFileNames.includes(file))) return exitCodes.ok;
  const errors = hasErrors(loaded.problems);
  // Strict when installed so, or when the manifest (or, for a commit that edits it, the one before) says so.
  const strict = call.strict || judged.manifest?.hooks.strict === true;
  if (errors && preCommit) {
    io.stderr.write(formatProblems(sortProblems(loaded.problems.filter((p) => p.severity === 'error'))));
  }
  if (errors && strict) {
    io.stderr.write(style.red(preCommit
      ? 'change-radar: the manifest has errors and hooks are strict: commit refused. Fix the problems above (change-radar validate).\n'
      : 'change-radar: the manifest has errors and hooks are strict: commit refused (change-radar validate lists them).\n'));
    return exitCodes.invalid;
  }
  if (changes.paths.length === 0) return exitCodes.ok;
  if (judged.manifest === undefined) {
    if (preCommit) io.stderr.write(style.yellow('change-radar: the manifest could not be read, so this commit is not checked (set hooks.strict: true, or install the hooks with --strict, to refuse commits instead).\n'));
    return exitCodes.ok;
  }
  const model = compileModel(await hookLiveManifest(judged.manifest, io), { pathIndex: pathIndexFor(judged.manifest, root, io) });
  const at = instant(call.options, loaded, io);
  const h = horizonMs(call.options);
  if (preCommit) {
    const analyzed = analyzeChange(model, changes.paths, at, h !== undefined ? { horizonMs: h } : {});
    const report: ImpactReport = judged.manifestChange ? { ...analyzed, manifestChange: judged.manifestChange } : analyzed;
    if (verdict(report) !== 'clear' || report.manifestChange) io.stderr.write(formatPreCommitText(report, style));
    if (errors) io.stderr.write(style.yellow('change-radar: the manifest has errors (above); its valid entries and its invalid freezes still apply. Fix them with change-radar validate.\n'));
    return exitCodes.ok;
  }
  const reason = freezeOverrideReason(await settledValue(trailers!));
  const report = analyzeChange(model, changes.paths, at, {
    ...(h !== undefined ? { horizonMs: h } : {}),
    ...(reason !== undefined ? { trailerOverride: { reason } } : {}),
  });
  if (report.blocked) {
    io.stderr.write(formatBlockedCommitText(report, style));
    return exitCodes.blocked;
  }
  io.stderr.write(formatTrailerOverrideText(report, style) + formatWarningSummaryText(report, style));
  return exitCodes.ok;
}

/** A promise that never rejects: its outcome is looked at only if it is needed (see `settledValue`). */
function settled<T>(promise: Promise<T>): Promise<{ value: T } | { error: unknown }> {
  return promise.then((value) => ({ value }), (error: unknown) => ({ error }));
}

async function settledValue<T>(result: Promise<{ value: T } | { error: unknown }>): Promise<T> {
  const done = await result;
  if ('error' in done) throw done.error;
  return done.value;
}

async function calendar(call: Extract<CliCall, { command: 'calendar' }>, io: CliIo): Promise<number> {
  const cwd = workingDirectory(call.options, io);
  const valid = loadUsable(cwd, await rootFor(cwd, false), call.options, io, false);
  if (valid === undefined) return exitCodes.invalid;
  const error = extraCommands().writeCalendar(call, valid.model, instant(call.options, valid.loaded, io), io.stdout, io.stderr);
  if (error !== undefined) fail(error);
  return valid.errors ? exitCodes.invalid : exitCodes.ok;
}
