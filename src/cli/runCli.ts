import * as fs from 'node:fs';
import * as path from 'node:path';
import { version } from '../../package.json';
import { analyzeChange, compileModel, explainPath, statusReport } from '../core/engine';
import type { ChangeModel } from '../core/engine';
import type { Problem } from '../core/problem';
import { parseInstant } from '../core/timeZone';
import {
  commitChanges, findRepoRoot, freezeOverrideReason, GitCommandError, rangeChanges, readMessageTrailers, stagedChanges, workingTreeChanges,
} from '../node/gitChanges';
import type { ChangeSet } from '../node/gitChanges';
import { hookStatus, installHooks, uninstallHooks } from '../node/hookInstaller';
import type { HookCommand } from '../node/hookInstaller';
import { hasErrors, loadManifest, manifestNotFoundCode, readStrictFlag, toRepoPath } from '../node/manifestLoader';
import type { LoadedManifest } from '../node/manifestLoader';
import type { Clock } from '../node/systemClock';
import { formatImpactGithub, formatProblemsGithub } from './formatGithub';
import { formatExplainMarkdown, formatImpactMarkdown, formatStatusMarkdown } from './formatMarkdown';
import { formatProblems, sortProblems } from './formatProblems';
import {
  formatBlockedCommitText, formatExplainText, formatImpactText, formatPreCommitText, formatStatusText,
  formatTrailerOverrideText, formatWarningSummaryText,
} from './formatText';
import { formatHookInstallText, formatHookStatusText, formatHookUninstallText } from './formatHooks';
import { parseCliArgs } from './parseArgs';
import type { CliCall, CommonOptions } from './parseArgs';
import { verdict } from './reportFacts';
import { createStyle, shouldColor } from './style';
import type { Style } from './style';
import { usage } from './usage';

/** The outside world of one CLI run, passed in so that tests can drive `runCli` in-process too. */
export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly clock: Clock;
  /** Absolute paths the git hooks will run: this CLI script and the node executable. */
  readonly cliPath: string;
  readonly nodePath: string;
}

export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export const exitCodes = { ok: 0, blocked: 1, invalid: 2 } as const;

/** A failure that ends the run with exit code 2 and a message on stderr. */
class CallError extends Error {}

function fail(message: string): never {
  throw new CallError(message);
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCliArgs(argv);
  if (!parsed.ok) {
    io.stderr.write(`change-radar: ${parsed.error}\nRun 'change-radar help${parsed.topic !== undefined ? ` ${parsed.topic}` : ''}' for usage.\n`);
    return exitCodes.invalid;
  }
  try {
    return await dispatch(parsed.call, io);
  } catch (error) {
    if (error instanceof CallError || error instanceof GitCommandError) {
      io.stderr.write(`change-radar: ${error.message}\n`);
      return exitCodes.invalid;
    }
    throw error;
  }
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
  }
}

function workingDirectory(options: CommonOptions, io: CliIo): string {
  const dir = path.resolve(io.cwd, options.cwd ?? '.');
  try {
    // Real path: git reports the top level resolved, and paths must be compared on equal terms.
    return fs.realpathSync(dir);
  } catch {
    return fail(`--cwd: no such directory: ${dir}`);
  }
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

/** Loads the manifest; on errors prints them (stderr, or annotations for `github`) and returns undefined. */
function loadValid(cwd: string, root: string, options: CommonOptions, io: CliIo, codeowners = true): { loaded: LoadedManifest; model: ChangeModel } | undefined {
  const loaded = loadManifest(root, { cwd, codeowners, ...(options.manifest !== undefined ? { manifestPath: options.manifest } : {}) });
  const problems = sortProblems([...loaded.problems, ...loaded.codeownersProblems]);
  if (options.format === 'github') {
    io.stdout.write(formatProblemsGithub(problems));
  } else {
    io.stderr.write(formatProblems(problems));
  }
  if (loaded.manifest === undefined || hasErrors(loaded.problems)) return undefined;
  const model = compileModel(loaded.manifest, loaded.codeowners !== undefined ? { codeowners: loaded.codeowners } : {});
  return { loaded, model };
}

/** A path argument (relative to the working directory) as a repository-relative path. */
function repoPath(root: string, cwd: string, argument: string): string {
  const absolute = path.resolve(cwd, argument);
  const relative = toRepoPath(root, absolute);
  return relative ?? fail(`path is outside the repository ${root}: ${argument}`);
}

async function changeSetFor(call: Extract<CliCall, { command: 'check' }>, root: string, cwd: string): Promise<ChangeSet> {
  if (call.paths.length > 0) {
    const paths = [...new Set(call.paths.map((p) => repoPath(root, cwd, p)))].sort();
    return { source: 'paths', paths, description: 'the paths given' };
  }
  if (call.staged) return stagedChanges(root);
  if (call.base !== undefined) return rangeChanges(root, call.base, call.head);
  return workingTreeChanges(root);
}

async function check(call: Extract<CliCall, { command: 'check' }>, io: CliIo): Promise<number> {
  const cwd = workingDirectory(call.options, io);
  const root = await rootFor(cwd, call.paths.length === 0 || call.messageFile !== undefined);
  const valid = loadValid(cwd, root, call.options, io);
  if (valid === undefined) return exitCodes.invalid;
  const at = instant(call.options, valid.loaded, io);
  const changes = await changeSetFor(call, root, cwd);
  const reason = call.messageFile !== undefined ? freezeOverrideReason(await readMessageTrailers(cwd, call.messageFile)) : undefined;
  const report = analyzeChange(valid.model, changes.paths, at, {
    ...(horizonMs(call.options) !== undefined ? { horizonMs: horizonMs(call.options) } : {}),
    ...(reason !== undefined ? { trailerOverride: { reason } } : {}),
  });
  switch (call.options.format) {
    case 'json': io.stdout.write(JSON.stringify(report, null, 2) + '\n'); break;
    case 'markdown': io.stdout.write(formatImpactMarkdown(report)); break;
    case 'github':
      io.stdout.write(formatImpactGithub(report));
      appendStepSummary(io, formatImpactMarkdown(report));
      break;
    default: io.stdout.write(formatImpactText(report, styleFor(io.stdout, io)));
  }
  return report.blocked ? exitCodes.blocked : exitCodes.ok;
}

/** In GitHub Actions, the markdown report also goes to the job summary page. */
function appendStepSummary(io: CliIo, markdown: string): void {
  const file = io.env.GITHUB_STEP_SUMMARY;
  if (file === undefined || file === '') return;
  try {
    fs.appendFileSync(file, markdown + '\n');
  } catch (error) {
    io.stderr.write(`change-radar: could not write the job summary ${file}: ${String(error)}\n`);
  }
}

async function explain(call: Extract<CliCall, { command: 'explain' }>, io: CliIo): Promise<number> {
  const cwd = workingDirectory(call.options, io);
  const root = await rootFor(cwd, false);
  const valid = loadValid(cwd, root, call.options, io);
  if (valid === undefined) return exitCodes.invalid;
  const at = instant(call.options, valid.loaded, io);
  const h = horizonMs(call.options);
  const explanation = explainPath(valid.model, repoPath(root, cwd, call.path), at, h !== undefined ? { horizonMs: h } : {});
  switch (call.options.format) {
    case 'json': io.stdout.write(JSON.stringify(explanation, null, 2) + '\n'); break;
    case 'markdown': io.stdout.write(formatExplainMarkdown(explanation)); break;
    default: io.stdout.write(formatExplainText(explanation, styleFor(io.stdout, io)));
  }
  return exitCodes.ok;
}

async function status(call: Extract<CliCall, { command: 'status' }>, io: CliIo): Promise<number> {
  const cwd = workingDirectory(call.options, io);
  const root = await rootFor(cwd, false);
  const valid = loadValid(cwd, root, call.options, io, false);
  if (valid === undefined) return exitCodes.invalid;
  const at = instant(call.options, valid.loaded, io);
  const h = horizonMs(call.options);
  const report = statusReport(valid.model, at, h !== undefined ? { horizonMs: h } : {});
  switch (call.options.format) {
    case 'json': io.stdout.write(JSON.stringify(report, null, 2) + '\n'); break;
    case 'markdown': io.stdout.write(formatStatusMarkdown(report)); break;
    default: io.stdout.write(formatStatusText(report, styleFor(io.stdout, io)));
  }
  return exitCodes.ok;
}

async function validate(call: Extract<CliCall, { command: 'validate' }>, io: CliIo): Promise<number> {
  const cwd = workingDirectory(call.options, io);
  const root = await rootFor(cwd, false);
  const loaded = loadManifest(root, { cwd, ...(call.options.manifest !== undefined ? { manifestPath: call.options.manifest } : {}) });
  const problems = sortProblems([...loaded.problems, ...loaded.codeownersProblems]);
  const valid = loaded.manifest !== undefined && !hasErrors(loaded.problems);
  const count = (severity: Problem['severity']): number => problems.filter((p) => p.severity === severity).length;
  switch (call.options.format) {
    case 'json':
      io.stdout.write(JSON.stringify({
        valid, files: loaded.manifest?.files ?? (loaded.rootFile !== undefined ? [loaded.rootFile] : []),
        codeowners: loaded.codeownersFile ?? null, problems,
      }, null, 2) + '\n');
      break;
    case 'github': io.stdout.write(formatProblemsGithub(problems)); break;
    default: {
      io.stdout.write(formatProblems(problems));
      const files = loaded.manifest?.files.join(', ') ?? loaded.rootFile ?? 'manifest';
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
    io.stdout.write(json ? JSON.stringify(value, null, 2) + '\n' : text);
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
 * What the installed hooks run. pre-commit cannot see the message, so it only informs (and, in
 * strict mode, refuses an invalid manifest); commit-msg is the gate, where a `Freeze-Override:`
 * trailer can be honoured. Reads only the staged file list and the manifest: no CODEOWNERS.
 */
async function hookRun(call: Extract<CliCall, { command: 'hook-run' }>, io: CliIo): Promise<number> {
  const style = styleFor(io.stderr, io);
  if (io.env.CHANGE_RADAR_SKIP === '1') {
    io.stderr.write(style.yellow(`change-radar: CHANGE_RADAR_SKIP=1 is set, skipping the ${call.hook} check.\n`));
    return exitCodes.ok;
  }
  const cwd = workingDirectory(call.options, io);
  // git runs hooks at the top of the work tree: when `.git` is right here, skip a git process.
  const root = fs.existsSync(path.join(cwd, '.git')) ? cwd : await findRepoRoot(cwd);
  if (root === undefined) return exitCodes.ok;
  const loaded = loadManifest(root, { cwd, codeowners: false, ...(call.options.manifest !== undefined ? { manifestPath: call.options.manifest } : {}) });
  if (loaded.problems.some((p) => p.code === manifestNotFoundCode)) return exitCodes.ok;
  if (loaded.manifest === undefined || hasErrors(loaded.problems)) {
    const strict = call.strict || (loaded.manifest?.hooks.strict ?? readStrictFlag(root, loaded.rootFile));
    io.stderr.write(formatProblems(sortProblems(loaded.problems.filter((p) => p.severity === 'error'))));
    if (strict) {
      io.stderr.write(style.red(`change-radar: the manifest is invalid and hooks are strict: commit refused. Fix the problems above (change-radar validate).\n`));
      return exitCodes.invalid;
    }
    io.stderr.write(style.yellow(`change-radar: the manifest is invalid, so this commit is not checked (set hooks.strict: true to refuse commits instead).\n`));
    return exitCodes.ok;
  }
  const changes = await commitChanges(root);
  if (changes.paths.length === 0) return exitCodes.ok;
  const model = compileModel(loaded.manifest);
  const at = instant(call.options, loaded, io);
  const h = horizonMs(call.options);
  if (call.hook === 'pre-commit') {
    const report = analyzeChange(model, changes.paths, at, h !== undefined ? { horizonMs: h } : {});
    if (verdict(report) !== 'clear') io.stderr.write(formatPreCommitText(report, style));
    return exitCodes.ok;
  }
  const reason = freezeOverrideReason(await readMessageTrailers(cwd, call.messageFile ?? fail('commit-msg needs the message file')));
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
