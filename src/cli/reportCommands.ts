import * as fs from 'node:fs';
import { escapeJson, escapeText } from '../report/escape';
import { analyzeChange, compileModel, explainPath, statusReport } from '../core/evaluate/engine';
import type { Problem } from '../core/problem';
import {
  freezeOverrideReason, rangeChanges, readMessageTrailers, stagedChanges, workingTreeChanges,
} from '../node/gitChanges';
import type { ChangeSet } from '../node/gitChanges';
import { invalidText } from '../core/evaluate/freezeEvaluator';
import type { ImpactReport } from '../core/evaluate/report';
import { hasErrors, loadManifest } from '../node/manifestLoader';
import { baseOfChange, judgedManifest, loadForChange } from '../node/changeManifest';
import type { ChangeView } from '../node/changeManifest';
import { annotation, formatImpactGithub, formatProblemsGithub } from '../report/formatGithub';
import { formatExplainMarkdown, formatImpactMarkdown, formatStatusMarkdown } from '../report/formatMarkdown';
import { formatProblems, sortProblems } from '../report/formatProblems';
import { formatExplainText, formatImpactText, formatStatusText } from '../report/formatText';
import { defaultLiveTimeoutMs, withLiveModel, withLiveSources } from './liveSources';
import type { CliIo } from './cliIo';
import { extraBundle } from './commands/commandSpec';
import type { CommonOptions } from './commands/argValues';
import type { CalendarCall } from './calendarCommand';
import { expandPath, repoPath } from './pathArguments';
import type { PlannedWindow } from './gateArgs';
import { exitCodes, fail, horizonMs, instant, loadOptions, loadUsable, outcome, pathIndexFor, printProblems, rootFor, styleFor, workingDirectory } from './commandSupport';

/** `change-radar check|explain|status|validate` (and calendar's reading of the manifest): the report commands of the entry bundle. */

export interface CheckCall {
  readonly command: 'check';
  readonly paths: readonly string[];
  readonly staged: boolean;
  readonly base?: string;
  readonly head?: string;
  readonly messageFile?: string;
  /** `--window START/END`: a change planned for that window (gateArgs.ts). */
  readonly window?: PlannedWindow;
  readonly options: CommonOptions;
}
export interface ExplainCall { readonly command: 'explain'; readonly path: string; readonly options: CommonOptions }
export interface StatusCall { readonly command: 'status'; readonly options: CommonOptions }
export interface ValidateCall { readonly command: 'validate'; readonly options: CommonOptions }

/** Which change `check` judges, and so where its manifest is read (see node/changeManifest.ts). */
function viewOf(call: CheckCall, root: string): ChangeView {
  if (call.paths.length > 0) return { kind: 'paths' };
  // The staged diff is both the change and what tells the manifest's load which files the index changes.
  if (call.staged) return { kind: 'staged', staged: stagedChanges(root) };
  if (call.base !== undefined) return { kind: 'range', base: call.base, ...(call.head !== undefined ? { head: call.head } : {}) };
  return { kind: 'worktree' };
}

async function changeSetFor(call: CheckCall, view: ChangeView, root: string, cwd: string): Promise<ChangeSet> {
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

export async function check(call: CheckCall, io: CliIo): Promise<number> {
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
  const at = call.window !== undefined ? extraBundle().windowStart(call.window, judgedLive.timezone) : instant(call.options, loaded, io);
  if (Number.isNaN(at)) fail(`--window: not a time: ${call.window?.start ?? ''}`);
  const reason = call.messageFile !== undefined ? freezeOverrideReason(await readMessageTrailers(cwd, call.messageFile)) : undefined;
  const analyzed = analyzeChange(model, changes.paths, at, {
    ...(horizonMs(call.options) !== undefined ? { horizonMs: horizonMs(call.options) } : {}),
    ...(reason !== undefined ? { trailerOverride: { reason } } : {}),
  });
  const report: ImpactReport = judged.manifestChange ? { ...analyzed, manifestChange: judged.manifestChange } : analyzed;
  const valid = { errors: hasErrors(loaded.problems) };
  // --window: the change planned for a window, judged at every moment of it (gateCommand.ts, in cli-extra.js).
  const planned = call.window !== undefined ? extraBundle().plannedWindowCheck(model, changes.paths, call.window) : undefined;
  if (planned?.error !== undefined) fail(planned.error);
  switch (call.options.format) {
    case 'json': io.stdout.write(escapeJson(planned !== undefined ? { ...report, plannedWindow: planned.json } : report) + '\n'); break;
    case 'markdown': io.stdout.write(formatImpactMarkdown(report) + (planned !== undefined ? `\n${planned.markdown}` : '')); break;
    case 'github':
      io.stdout.write(formatImpactGithub(report) + (planned?.text ?? ''));
      appendStepSummary(io, formatImpactMarkdown(report) + (planned !== undefined ? `\n${planned.markdown}` : ''));
      break;
    default: io.stdout.write(formatImpactText(report, styleFor(io.stdout, io)) + (planned?.text ?? ''));
  }
  return outcome(report.blocked || planned?.frozen === true, valid.errors);
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

export async function explain(call: ExplainCall, io: CliIo): Promise<number> {
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

export async function status(call: StatusCall, io: CliIo): Promise<number> {
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

export async function validate(call: ValidateCall, io: CliIo): Promise<number> {
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

export async function calendar(call: CalendarCall, io: CliIo): Promise<number> {
  const cwd = workingDirectory(call.options, io);
  const valid = loadUsable(cwd, await rootFor(cwd, false), call.options, io, false);
  if (valid === undefined) return exitCodes.invalid;
  const error = extraBundle().writeCalendar(call, valid.model, instant(call.options, valid.loaded, io), io.stdout, io.stderr);
  if (error !== undefined) fail(error);
  return valid.errors ? exitCodes.invalid : exitCodes.ok;
}
