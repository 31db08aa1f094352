import * as fs from 'node:fs';
import * as path from 'node:path';
import { version } from '../../package.json';
import { escapeJson, escapeText } from '../report/escape';
import { analyzeChange, compileModel, explainPath, statusReport } from '../core/evaluate/engine';
import type { Problem } from '../core/problem';
import {
  findRepoRoot, freezeOverrideReason, GitCommandError, rangeChanges, readMessageTrailers, stagedChanges, trackedFilesUnder,
  workingTreeChanges,
} from '../node/gitChanges';
import type { ChangeSet } from '../node/gitChanges';
import { HookFileError } from '../node/hookInstaller';
import { invalidText } from '../core/evaluate/freezeEvaluator';
import type { ImpactReport } from '../core/evaluate/report';
import { hasErrors, loadManifest, toRepoPath } from '../node/manifestLoader';
import { relativeInside } from '../node/insidePath';
import { baseOfChange, judgedManifest, loadForChange } from '../node/changeManifest';
import type { ChangeView } from '../node/changeManifest';
import { annotation, formatImpactGithub, formatProblemsGithub } from '../report/formatGithub';
import { formatExplainMarkdown, formatImpactMarkdown, formatStatusMarkdown } from '../report/formatMarkdown';
import { formatProblems, sortProblems } from '../report/formatProblems';
import { formatExplainText, formatImpactText, formatStatusText } from '../report/formatText';
import { defaultLiveTimeoutMs, withLiveModel, withLiveSources } from './liveSources';
import { parseCliArgs } from './parseArgs';
import type { CliCall } from './parseArgs';
import { usage } from './usage';
import type { CliIo } from './cliIo';
import type * as ExtraCommands from './extraCommands';
import { CallError, exitCodes, fail, horizonMs, instant, loadOptions, loadUsable, outcome, pathIndexFor, printProblems, rootFor, styleFor, workingDirectory } from './commandSupport';
import { hook, hookRun } from './hookRunCommand';

export type { CliIo, OutputStream } from './cliIo';

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
    case 'changes':
      return extraCommands().runExtraCommand(call, io);
  }
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
function viewOf(call: Extract<CliCall, { command: 'check' }>, root: string): ChangeView {
  if (call.paths.length > 0) return { kind: 'paths' };
  // The staged diff is both the change and what tells the manifest's load which files the index changes.
  if (call.staged) return { kind: 'staged', staged: stagedChanges(root) };
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
    case 'staged': return view.staged ?? stagedChanges(root);
    case 'range': return rangeChanges(root, view.base, view.head);
    case 'worktree': return workingTreeChanges(root);
  }
}

async function check(call: Extract<CliCall, { command: 'check' }>, io: CliIo): Promise<number> {
  const cwd = workingDirectory(call.options, io);
  const root = await rootFor(cwd, call.paths.length === 0 || call.messageFile !== undefined);
  const view = viewOf(call, root);
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

async function calendar(call: Extract<CliCall, { command: 'calendar' }>, io: CliIo): Promise<number> {
  const cwd = workingDirectory(call.options, io);
  const valid = loadUsable(cwd, await rootFor(cwd, false), call.options, io, false);
  if (valid === undefined) return exitCodes.invalid;
  const error = extraCommands().writeCalendar(call, valid.model, instant(call.options, valid.loaded, io), io.stdout, io.stderr);
  if (error !== undefined) fail(error);
  return valid.errors ? exitCodes.invalid : exitCodes.ok;
}
