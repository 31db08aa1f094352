import * as vscode from 'vscode';
import { extendedManifestUri, isExtendedFileName } from './extendedManifestUri';
import { ExtendsFetcher } from './extendsFetcher';
import type { ExtendsSpec } from '../../core/manifest/extendsSpec';
import { compileModel } from '../../core/evaluate/engine';
import type { ChangeModel, CodeownersLookup } from '../../core/evaluate/engine';
import type { Manifest } from '../../core/model';
import type { Problem } from '../../core/problem';
import { codeownersLocations, manifestFileNames, manifestSettingPath } from '../../core/manifest/manifestLocations';
import { emptyRange } from '../../core/problem';
import { loadManifest, manifestNotFoundCode } from '../../node/manifestLoader';
import { withLiveData } from '../../core/sources/liveData';
import type { SourceSnapshot } from '../../core/sources/liveData';
import { withOnCall } from '../../core/sources/pagerdutyOnCall';
import type { OnCallSnapshot } from '../../core/sources/pagerdutyOnCall';
import { Disposable } from '../base/disposable';
import { editorSource } from './manifestReading';
import { cachedPathIndex } from '../../node/pathIndexCache';
import { folderCaches } from './parseCache';
import type { FolderCaches } from './parseCache';
import type { RadarSettings } from '../settings';
import { t } from '../base/l10n';

/** What one workspace folder's manifest currently says. */
export interface RepositorySnapshot {
  /** The root manifest file, when one was found. */
  readonly manifestUri?: vscode.Uri;
  /**
   * What the manifest says, even when some entries are wrong: valid entries, invalid freezes in
   * force, invalid overrides left out (see "When the manifest is wrong" in docs/manifest.md). The
   * previous one is kept only while the file cannot be read at all.
   */
  readonly manifest?: Manifest;
  readonly model?: ChangeModel;
  /** Problems of the latest parse (which may be newer than `manifest`). */
  readonly problems: readonly Problem[];
  /** The latest parse found errors (`manifest` is what could still be read, or the previous one when nothing could). */
  readonly invalid: boolean;
  /** Folder-relative paths of every file read for the manifest (root, includes, CODEOWNERS). */
  readonly watchedPaths: readonly string[];
  /** Increases with every load. */
  readonly version: number;
}

/**
 * The manifest of one workspace folder: finds it, parses it (through the core parser, reading
 * through VS Code so unsaved editor text and remote workspaces work), compiles it, and keeps the
 * previous version only while the file cannot be read at all. Paths in the manifest are relative to the folder.
 */
export class RepositoryModel extends Disposable {
  private readonly onDidChangeEmitter = this._register(new vscode.EventEmitter<RepositoryModel>());
  /** Fires after every load, valid or not. */
  readonly onDidChange = this.onDidChangeEmitter.event;

  private current: RepositorySnapshot = { problems: [], invalid: false, watchedPaths: [...manifestFileNames], version: 0 };
  private loading: Promise<void> | undefined;
  /** The manifest as read (without live data), its CODEOWNERS, and the sources' last good snapshots. */
  private base: Manifest | undefined;
  private codeowners: CodeownersLookup | undefined;
  private live: readonly SourceSnapshot[] = [];
  /** Who is on call, per PagerDuty source (display only: a system's `oncall:` text). */
  private onCall: readonly OnCallSnapshot[] = [];
  private queued: Promise<void> | undefined;
  private cachesOfLoad: { readonly value: FolderCaches | undefined } | undefined;
  /** Fetches in the background what a load could not read from the extends cache (loads never fetch). */
  private readonly fetcher: ExtendsFetcher;

  constructor(
    readonly folder: vscode.WorkspaceFolder,
    private readonly settings: RadarSettings,
  ) {
    super();
    this.fetcher = this._register(new ExtendsFetcher(folder.name, () => this.reload()));
  }

  get key(): string {
    return this.folder.uri.toString();
  }

  get snapshot(): RepositorySnapshot {
    return this.current;
  }

  /** False once the folder left the workspace. */
  get isActive(): boolean {
    return !this.isDisposed;
  }

  get hasManifest(): boolean {
    return this.current.manifestUri !== undefined;
  }

  /** True once the first load finished (until then, "no manifest" is not known yet). */
  get isLoaded(): boolean {
    return this.current.version > 0;
  }

  /** Folder-relative `/`-separated path of a URI inside the folder, else undefined. */
  relativePath(uri: vscode.Uri): string | undefined {
    const root = this.folder.uri;
    if (uri.scheme !== root.scheme || uri.authority !== root.authority) {
      return undefined;
    }
    const base = root.path.endsWith('/') ? root.path : `${root.path}/`;
    return uri.path.startsWith(base) ? uri.path.slice(base.length) : undefined;
  }

  uriOf(relativePath: string): vscode.Uri {
    // An entry or problem of an extended (organisation) manifest: its read-only cached copy.
    if (isExtendedFileName(relativePath)) return extendedManifestUri(this.folder.uri, relativePath);
    return vscode.Uri.joinPath(this.folder.uri, ...relativePath.split('/'));
  }

  /** Whether a change to this file can change the manifest (root, include, CODEOWNERS, candidate). */
  isManifestInput(uri: vscode.Uri): boolean {
    const rel = this.relativePath(uri);
    return rel !== undefined && (this.current.watchedPaths.includes(rel) || this.candidatePaths().includes(rel));
  }

  /**
   * Loads now; calls during a load coalesce into one more load after it, and resolve when that one
   * is done (so a caller never sees the state from before its call).
   */
  reload(): Promise<void> {
    if (this.loading) {
      const next = (): Promise<void> | undefined => {
        this.queued = undefined;
        return this.isDisposed ? undefined : this.reload();
      };
      this.queued ??= this.loading.then(next, next);
      return this.queued;
    }
    this.loading = this.load().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  get baseManifest(): Manifest | undefined {
    return this.base;
  }

  /**
   * Replaces the live data (see src/vscode/model/liveSources.ts) and who is on call, and recomputes
   * the model; fires `onDidChange`.
   */
  setLiveData(snapshots: readonly SourceSnapshot[], onCall: readonly OnCallSnapshot[] = []): void {
    this.live = snapshots;
    this.onCall = onCall;
    if (this.current.manifestUri === undefined || this.isDisposed) {
      return;
    }
    this.current = { ...this.current, ...this.withLive(), version: this.current.version + 1 };
    this.onDidChangeEmitter.fire(this);
  }

  /** The manifest as read with the live data of the sources it still declares, and its model. */
  private withLive(): { manifest?: Manifest; model?: ChangeModel } {
    if (!this.base) {
      return {};
    }
    const ids = new Set((this.base.sources ?? []).map((source) => source.id));
    const live = withLiveData(this.base, this.live.filter((snapshot) => ids.has(snapshot.source)));
    // Who is on call replaces a mapped system's static `oncall:` text (display only; the CLI's `--live` does the same).
    const manifest = withOnCall(live, this.onCall.filter((snapshot) => ids.has(snapshot.source)));
    // The path index from a stored snapshot when the systems are the same (only the globs a path reaches get compiled).
    const pathIndex = cachedPathIndex(live.systems, this.caches()?.values);
    return { manifest, model: compileModel(manifest, { codeowners: this.codeowners, pathIndex }) };
  }

  /** The parse and index caches of this folder (see parseCache.ts), looked up once per load; undefined where there is none. */
  private caches(): FolderCaches | undefined {
    this.cachesOfLoad ??= { value: folderCaches(this.folder.uri) };
    return this.cachesOfLoad.value;
  }

  private candidatePaths(): string[] {
    const configured = this.configuredPath();
    return configured !== undefined && configured.inside !== undefined ? [configured.inside] : [...manifestFileNames];
  }

  /**
   * The `changeRadar.manifestPath` setting (restricted in untrusted workspaces), as a folder-relative
   * path when it stays inside the folder; a path that leaves it (absolute, or through `..`) is refused
   * with a problem, and discovery is used instead.
   */
  private configuredPath(): { readonly inside?: string; readonly problem?: Problem } | undefined {
    const configured = this.settings.manifestPath(this.folder);
    if (!configured) {
      return undefined;
    }
    const inside = manifestSettingPath(configured);
    if (inside === undefined) {
      return {
        problem: {
          severity: 'error', code: 'manifest-path-outside-folder', file: '.vscode/settings.json', range: emptyRange,
          message: t('changeRadar.manifestPath "{0}" is not inside the workspace folder {1}: expected a path relative to the folder, such as ops/ops.yaml; looking for ops.yaml and .github/ops.yaml instead', configured, this.folder.name),
        },
      };
    }
    return { inside };
  }

  /**
   * Reads the manifest through the one loader the CLI and the hooks use (src/node/manifestLoader.ts):
   * the same discovery, refusals, includes, cache and CODEOWNERS, over the folder's files as the
   * editor has them (editorSource: open editors' text, else the disk).
   */
  private async load(): Promise<void> {
    // Trust or the git directory may have changed since the last load.
    this.cachesOfLoad = undefined;
    const previous = this.current;
    const configured = this.configuredPath();
    const settingProblems = configured?.problem !== undefined ? [configured.problem] : [];
    const caches = this.caches();
    const unfetched: ExtendsSpec[] = [];
    const loaded = this.folder.uri.scheme === 'file'
      ? loadManifest(this.folder.uri.fsPath, {
        source: editorSource(this.folder.uri),
        // Never fetch on the load path (it would block the extension host): a pin not cached is
        // unavailable (fail closed) until the background fetch lands (never in an untrusted workspace).
        offline: true,
        onExtendsUnfetched: (spec) => unfetched.push(spec),
        ...(configured?.inside !== undefined ? { manifestPath: configured.inside } : {}),
        ...(caches !== undefined ? { cache: caches.manifests, cacheScope: caches.key } : {}),
      })
      : undefined;
    const rootFile = loaded?.rootFile;
    if (loaded === undefined || rootFile === undefined) {
      this.current = { problems: settingProblems, invalid: false, watchedPaths: this.candidatePaths(), version: previous.version + 1 };
    } else {
      // "No manifest" is not a problem to show; anything else about the manifest is.
      const problems = loaded.problems.filter((problem) => problem.code !== manifestNotFoundCode);
      const valid = !problems.some((problem) => problem.severity === 'error');
      const fresh = loaded.manifest;
      this.base = fresh ?? (previous.manifestUri?.toString() === this.uriOf(rootFile).toString() ? this.base : undefined);
      this.codeowners = fresh ? loaded.codeowners : this.codeowners;
      const { manifest, model } = this.withLive();
      this.current = {
        manifestUri: this.uriOf(rootFile),
        manifest,
        model,
        problems: [...settingProblems, ...problems],
        invalid: !valid,
        watchedPaths: unique([rootFile, ...loaded.filesRead, ...(fresh?.files ?? previous.watchedPaths), ...codeownersLocations]),
        version: previous.version + 1,
      };
    }
    if (loaded !== undefined && unfetched.length > 0) this.fetcher.request(loaded.repoRoot, unfetched);
    // Fire only after reload() has recorded this load, so a listener that reloads queues behind it.
    await Promise.resolve();
    if (!this.isDisposed) {
      this.onDidChangeEmitter.fire(this);
    }
  }
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}
