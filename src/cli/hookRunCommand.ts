/** `change-radar hook install|uninstall|status` and what the installed hooks run (`hook run pre-commit|commit-msg`). */
import { version } from '../../package.json';
import { escapeJson } from '../report/escape';
import { analyzeChange, compileModel } from '../core/evaluate/engine';
import { findRepoRoot, freezeOverrideReason, readMessageTrailers } from '../node/gitChanges';
import { hookStatus, installHooks, uninstallHooks } from '../node/hookInstaller';
import { isWarmHook } from '../node/hookScript';
import type { HookCommand, ManagedHook } from '../node/hookScript';
import { cacheDisabled, gitDirOf } from '../node/manifestCache';
import { coalescedRun } from '../node/warmLock';
import * as os from 'node:os';
import * as path from 'node:path';
import { manifestFileNames } from '../core/manifest/manifestLocations';
import type { ImpactReport } from '../core/evaluate/report';
import { hasErrors, manifestNotFoundCode } from '../node/manifestLoader';
import { commitJudgement } from '../node/changeManifest';
import { formatProblems, sortProblems } from '../report/formatProblems';
import { formatBlockedCommitText, formatPreCommitText, formatTrailerOverrideText, formatWarningSummaryText } from '../report/formatText';
import { formatHookInstallText, formatHookStatusText, formatHookUninstallText } from './formatHooks';
import { hookLiveManifest } from './liveSources';
import type { CommonOptions } from './commands/argValues';
import { verdict } from '../report/reportFacts';
import type { CliIo } from './cliIo';
import { exitCodes, fail, horizonMs, instant, loadOptions, pathIndexFor, styleFor, workingDirectory } from './commandSupport';

export type HookAction = 'install' | 'uninstall' | 'status';
export type HookName = ManagedHook;

/** `change-radar hook install|uninstall|status [--strict]`. */
export interface HookCall { readonly command: 'hook'; readonly action: HookAction; readonly strict: boolean; readonly options: CommonOptions }
/** `change-radar hook run pre-commit|commit-msg [FILE]` (or a warm hook): what the installed hooks run. */
export interface HookRunCall { readonly command: 'hook-run'; readonly hook: HookName; readonly messageFile?: string; readonly strict: boolean; readonly options: CommonOptions }

function hookCommand(io: CliIo, strict: boolean): HookCommand {
  return { nodePath: io.nodePath, cliPath: io.cliPath, version, ...(strict ? { strict } : {}) };
}

export async function hook(call: HookCall, io: CliIo): Promise<number> {
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
export async function hookRun(call: HookRunCall, io: CliIo): Promise<number> {
  if (isWarmHook(call.hook)) return warmForNextCommit(call, io);
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

/**
 * What the warm hooks (post-merge, post-checkout, post-rewrite) run in the background after git
 * changed HEAD: the first steps of the commit hooks — the manifest the next commit is judged by
 * (the index, through the cache), its path index and freeze clock — so that commit finds them kept
 * instead of parsing a manifest a pull just changed. Nothing is printed and nothing fails: at
 * worst the next commit parses, as it would have. One run at a time per repository (warmLock.ts).
 */
async function warmForNextCommit(call: HookRunCall, io: CliIo): Promise<number> {
  if (io.env.CHANGE_RADAR_SKIP === '1' || cacheDisabled(io.env)) return exitCodes.ok;
  // In the background: below the person's own work, and never holding a lock git could want
  // (`git status` may refresh the index under index.lock; the next git command would then fail).
  process.env.GIT_OPTIONAL_LOCKS = '0';
  try {
    os.setPriority(os.constants.priority.PRIORITY_LOW);
  } catch {
    // Not allowed here: run at the priority given.
  }
  try {
    const cwd = workingDirectory(call.options, io);
    const root = await findRepoRoot(cwd);
    const gitDir = root !== undefined ? gitDirOf(root) : undefined;
    if (root === undefined || gitDir === undefined) return exitCodes.ok;
    await coalescedRun(path.join(gitDir, 'change-radar'), async () => {
      const options = loadOptions(cwd, root, call.options, io, false);
      const { loaded, judged } = await commitJudgement(root, options);
      if (judged.manifest === undefined) return;
      const model = compileModel(judged.manifest, { pathIndex: pathIndexFor(judged.manifest, root, io) });
      analyzeChange(model, [], instant(call.options, loaded, io));
    });
  } catch {
    // A warm-up that fails costs the next commit a parse, nothing else.
  }
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
