import { codeownersLocations, manifestFileNames } from '../core/manifest/manifestLocations';
import { diffManifests, withBaseProtection } from '../core/manifest/manifestChange';
import type { ManifestChangeReport } from '../core/evaluate/report';
import type { Manifest } from '../core/model';
import { baseRevision, commitChanges, stagedChanges } from './gitChanges';
import type { ChangeSet } from './gitChanges';
import { loadManifest, manifestNotFoundCode } from './manifestLoader';
import type { LoadedManifest, LoadOptions } from './manifestLoader';
import { headAsIndexSource, headTree, indexSource, revisionSource, worktreeSource } from './repoSource';

/**
 * The one path from "which change" to "the manifest that judges it", for the CLI, the hooks and the
 * editor. They differ only in what they pass in:
 *
 * | change | manifest read from | protections kept from |
 * |---|---|---|
 * | staged (`check --staged`, the hooks, the editor's commit warning) | the index | `HEAD` |
 * | a range (`check --base B [--head H]`) | commit `H` (default `HEAD`) | the merge base of `B` and `H` |
 * | uncommitted (`check`), paths (`check PATHS`), the editor's views | the working tree (the editor: its buffers) | `HEAD`, for uncommitted changes |
 *
 * A manifest that is not in the index at all (never staged) is read from the working tree instead:
 * that can only add protection. When the change edits the manifest, its includes or CODEOWNERS, the
 * base's protections stay in force for it (a change cannot lift a freeze for itself).
 */
export type ChangeView =
  /** `staged`: `git diff --cached`, when the caller runs it anyway (else it is run here). */
  | { readonly kind: 'staged'; readonly staged?: Promise<ChangeSet> }
  | { readonly kind: 'range'; readonly base: string; readonly head?: string }
  | { readonly kind: 'worktree' }
  | { readonly kind: 'paths' };

/** Reads the manifest as the change sees it (see ChangeView). Never throws for manifest problems. */
export async function loadForChange(repoRoot: string, view: ChangeView, options: LoadOptions = {}): Promise<LoadedManifest> {
  switch (view.kind) {
    case 'staged': {
      const staged = (view.staged ?? stagedChanges(repoRoot)).then((changes) => changes.paths);
      // While git lists the staged files: the manifest as HEAD has it, from the parse cache only. It
      // is the index's when the commit stages none of the files it read (the usual commit).
      // HEAD's tree is listed once, for the guess and for the index source when the guess fails.
      void staged.catch(() => undefined);
      const head = headTree(repoRoot);
      const guess = await headAsIndexSource(repoRoot, head);
      const guessed = guess === undefined ? undefined : loadManifest(repoRoot, { ...options, source: guess.source, cachedOnly: true });
      const stagedPaths = new Set(await staged);
      const fromIndex = guessed !== undefined && guessed.missed !== true && guess?.holds(stagedPaths) === true
        ? guessed
        : loadManifest(repoRoot, { ...options, source: await indexSource(repoRoot, Promise.resolve([...stagedPaths]), head) });
      if (!fromIndex.problems.some((problem) => problem.code === manifestNotFoundCode)) return fromIndex;
      // Not in the index: the working tree's (a manifest never staged), which can only add protection.
      return loadManifest(repoRoot, { ...options, source: worktreeSource(repoRoot) });
    }
    case 'range':
      return loadManifest(repoRoot, { ...options, source: revisionSource(repoRoot, view.head ?? 'HEAD') });
    case 'worktree':
    case 'paths':
      return loadManifest(repoRoot, { ...options, source: worktreeSource(repoRoot) });
  }
}

/** The commit whose protections a change keeps (see ChangeView); undefined for paths, or when there is none. */
export function baseOfChange(repoRoot: string, view: ChangeView): Promise<string | undefined> {
  switch (view.kind) {
    case 'paths': return Promise.resolve(undefined);
    case 'range': return baseRevision(repoRoot, view.base, view.head);
    default: return baseRevision(repoRoot);
  }
}

export interface JudgedManifest {
  /** The manifest the change is judged by: the change's own, with the base's protections when it edits the manifest. */
  readonly manifest?: Manifest;
  /** What the change does to the manifest, when it edits it. */
  readonly manifestChange?: ManifestChangeReport;
}

/**
 * The manifest a change is judged by. When the change edits the manifest (its includes or
 * CODEOWNERS) and there is a commit before it, the protections of that commit's manifest stay in
 * force for the change (a change cannot lift a freeze for itself), and the edit is summarised.
 * `baseOf` is asked only when a changed file could be one of those.
 */
export async function judgedManifest(
  repoRoot: string,
  loaded: LoadedManifest,
  changed: readonly string[],
  baseOf: () => Promise<string | undefined>,
  options: Pick<LoadOptions, 'manifestPath' | 'cwd' | 'cache' | 'cacheScope' | 'offline'> = {},
): Promise<JudgedManifest> {
  const head = loaded.manifest;
  // Without a manifest, only a deleted one can have protections to keep; with one, any YAML file may be an include.
  const maybeManifest = loaded.rootFile === undefined
    ? changed.some((file) => manifestFileNames.some((name) => file === name || file.endsWith(`/${name}`)))
    : changed.some((file) => /\.ya?ml$/i.test(file) || codeownersLocations.includes(file) || file === loaded.rootFile);
  const base = maybeManifest ? await baseOf() : undefined;
  if (base === undefined) return head !== undefined ? { manifest: head } : {};
  const before = manifestAt(repoRoot, base, loaded.rootFile, options);
  const manifestFiles = new Set([...(head?.files ?? []), ...(before?.files ?? []), ...codeownersLocations]);
  const files = changed.filter((file) => manifestFiles.has(file));
  if (files.length === 0) return head !== undefined ? { manifest: head } : {};
  const manifestChange = { files, edits: diffManifests(before, head) };
  if (before === undefined) return head !== undefined ? { manifest: head, manifestChange } : { manifestChange };
  return { manifest: withBaseProtection(head, before), manifestChange };
}

/**
 * The manifest at `commit`: the file the change's manifest is (`rootFile`), else (unless one was
 * given explicitly) the one discovery finds there; undefined when it has none that can be read.
 */
function manifestAt(repoRoot: string, commit: string, rootFile: string | undefined, options: Pick<LoadOptions, 'manifestPath' | 'cwd' | 'cache' | 'cacheScope' | 'offline'>): Manifest | undefined {
  const source = revisionSource(repoRoot, commit);
  const common = {
    codeowners: false, source, ...(options.cache !== undefined ? { cache: options.cache } : {}), ...(options.cacheScope !== undefined ? { cacheScope: options.cacheScope } : {}),
    ...(options.offline !== undefined ? { offline: options.offline } : {}),
  };
  const asBefore = rootFile !== undefined ? loadManifest(repoRoot, { ...common, cwd: repoRoot, manifestPath: rootFile }) : undefined;
  if (asBefore?.manifest !== undefined || options.manifestPath !== undefined) return asBefore?.manifest;
  return loadManifest(repoRoot, { ...common, ...(options.cwd !== undefined ? { cwd: options.cwd } : {}) }).manifest;
}

/**
 * What the commit being made changes and the manifest that judges it, as the hooks read them: the
 * editor's commit warning asks this, so that it says what the hook will do.
 */
export async function commitJudgement(repoRoot: string, options: LoadOptions = {}): Promise<{ changes: ChangeSet; loaded: LoadedManifest; judged: JudgedManifest }> {
  const staged = stagedChanges(repoRoot);
  const [changes, loaded] = await Promise.all([commitChanges(repoRoot, staged), loadForChange(repoRoot, { kind: 'staged', staged }, options)]);
  const judged = await judgedManifest(repoRoot, loaded, changes.paths, () => baseRevision(repoRoot), options);
  return { changes, loaded, judged };
}
