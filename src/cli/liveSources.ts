import { compileModel } from '../core/evaluate/engine';
import type { ChangeModel } from '../core/evaluate/engine';
import type { Manifest } from '../core/model';
import { cleanText, withLiveData } from '../core/sources/liveData';
import { withOnCall } from '../core/sources/pagerdutyOnCall';
import { fetchOnCalls, fetchSources } from '../node/sources/sourceFetcher';
import type { FetchSourcesOptions, OnCallResult, SourceResult } from '../node/sources/sourceFetcher';

/**
 * `--live` for check, status and explain, and `hooks.live` for the hooks: the manifest's sources
 * are fetched (each within its budget) and their incidents and freezes added to the manifest, so
 * the one evaluator judges them like the manifest's own. A source that fails is a warning on
 * stderr naming it and why; it never changes the exit code. Tokens come from the environment
 * variable each source names and never appear in output.
 */

/** Default network budget per source for `--live` (ms). */
export const defaultLiveTimeoutMs = 5000;
/** The hooks' network budget (ms): a commit never waits on the network longer than this. */
const hookLiveBudgetMs = 1500;

export interface LiveIo {
  readonly stderr: { write(text: string): unknown };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly clock: { now(): number };
}

/** The manifest with what its sources report now; the manifest itself when it has none. */
export async function withLiveSources(manifest: Manifest, timeoutMs: number, io: LiveIo, hook = false): Promise<Manifest> {
  const sources = manifest.sources ?? [];
  if (sources.length === 0) {
    return manifest;
  }
  const options: FetchSourcesOptions = {
    timeoutMs,
    now: () => io.clock.now(),
    timezone: manifest.timezone,
    tokenOf: (source) => (source.tokenEnv !== undefined ? io.env[source.tokenEnv] : undefined),
  };
  // Who is on call (PagerDuty), beside the incidents and within the same budget; not in a hook.
  const [results, oncalls] = await Promise.all([fetchSources(sources, options), hook ? Promise.resolve([]) : fetchOnCalls(sources, options)]);
  for (const result of results) {
    io.stderr.write(warningsOf(result, hook, timeoutMs));
  }
  for (const result of oncalls) io.stderr.write(onCallWarningsOf(result));
  const live = withLiveData(manifest, results.flatMap((result) => (result.ok ? [result.snapshot] : [])));
  return withOnCall(live, oncalls.flatMap((result) => (result.ok ? [result.snapshot] : [])));
}

/** An on-call lookup that failed or read only part: a warning; the static `oncall:` is shown instead. No token: said once, by the incidents' warning. */
function onCallWarningsOf(result: OnCallResult): string {
  const source = cleanText(result.source, 80) ?? '?';
  if (!result.ok) {
    return result.error === 'no token' ? '' : `change-radar: warning: on-call from live source \`${source}\` failed: ${result.error}; the systems' oncall: text is shown instead\n`;
  }
  return result.snapshot.problems.map((problem) => `change-radar: warning: on-call from live source \`${source}\`: ${problem} (the rest was read)\n`).join('');
}

/** The model again with live data, keeping its CODEOWNERS; the model itself when off. */
export async function withLiveModel(model: ChangeModel, live: boolean | undefined, timeoutMs: number | undefined, io: LiveIo): Promise<ChangeModel> {
  if (!live) {
    return model;
  }
  const manifest = await withLiveSources(model.manifest, timeoutMs ?? defaultLiveTimeoutMs, io);
  return manifest === model.manifest ? model : compileModel(manifest, model.codeowners !== undefined ? { codeowners: model.codeowners } : {});
}

/** For a hook: only with `hooks.live: true`, within the hook budget. */
export function hookLiveManifest(manifest: Manifest, io: LiveIo): Promise<Manifest> {
  return manifest.hooks.live ? withLiveSources(manifest, hookLiveBudgetMs, io, true) : Promise.resolve(manifest);
}

function warningsOf(result: SourceResult, hook: boolean, timeoutMs: number): string {
  // The id is manifest text: cleaned of control characters before it reaches a terminal.
  const source = cleanText(result.source, 80) ?? '?';
  if (!result.ok) {
    const timedOut = result.error.includes('(timed out)');
    if (hook && timedOut) {
      return `change-radar: warning: gave up on live source \`${source}\` after ${timeoutMs / 1000} s (the hook budget); its incidents are not checked in this commit\n`;
    }
    return `change-radar: warning: live source \`${source}\` failed: ${result.error}; its incidents are not included\n`;
  }
  return result.snapshot.problems
    .map((problem) => `change-radar: warning: live source \`${source}\`: ${problem} (the rest was read)\n`)
    .join('');
}
