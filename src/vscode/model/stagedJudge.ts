import { analyzeChange, compileModel } from '../../core/evaluate/engine';
import type { OverrideTrailer } from '../../core/evaluate/freezeEvaluator';
import type { ImpactReport } from '../../core/evaluate/report';
import { commitJudgement } from '../../node/changeManifest';
import type { FolderCaches } from './parseCache';

/**
 * The verdict on the commit being made in the repository at `repoRoot`, exactly as the commit hooks
 * reach it: the staged changes (a merge: what the merge itself introduces), judged by the manifest
 * in the index with `HEAD`'s protections kept when the commit edits it, and the trailer typed so far.
 * Undefined when nothing is staged or no manifest can be read.
 */
export async function judgeStaged(
  repoRoot: string,
  at: number,
  options: { readonly trailer?: OverrideTrailer; readonly horizonMs?: number; readonly caches?: FolderCaches } = {},
): Promise<ImpactReport | undefined> {
  const caches = options.caches;
  const { changes, judged } = await commitJudgement(repoRoot, { codeowners: false, ...(caches !== undefined ? { cache: caches.manifests, cacheScope: caches.key } : {}) });
  if (changes.paths.length === 0 || judged.manifest === undefined) return undefined;
  const report = analyzeChange(compileModel(judged.manifest), changes.paths, at, {
    ...(options.horizonMs !== undefined ? { horizonMs: options.horizonMs } : {}),
    ...(options.trailer !== undefined ? { trailerOverride: options.trailer } : {}),
  });
  return judged.manifestChange ? { ...report, manifestChange: judged.manifestChange } : report;
}
