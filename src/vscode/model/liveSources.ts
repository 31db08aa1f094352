import * as vscode from 'vscode';
import { isIncidentActive } from '../../core/evaluate/freezeCoverage';
import type { LiveSource } from '../../core/model';
import type { SourceSnapshot } from '../../core/sources/liveData';
import type { OnCallSnapshot } from '../../core/sources/pagerdutyOnCall';
import { fetchOnCalls, fetchSource } from '../../node/sources/sourceFetcher';
import type { FetchSourcesOptions, OnCallResult, SourceResult } from '../../node/sources/sourceFetcher';
import { ContextKeys } from '../constants';
import { ContextKey } from '../base/contextKey';
import { Disposable } from '../base/disposable';
import type { RepositoryModel } from './repositoryModel';
import type { RadarSettings } from '../settings';

/** What the Incidents view shows about one live source. */
export interface SourceRowInput {
  readonly id: string;
  readonly type: string;
  /** When its last good data was fetched. */
  readonly fetchedAt?: number;
  /** How many active incidents that data holds. */
  readonly incidents: number;
  readonly error?: string;
  readonly errorAt?: number;
  /** Why the last on-call lookup (PagerDuty) failed; the systems' static `oncall:` text is shown meanwhile. */
  readonly onCallError?: string;
}
import type { WorkspaceModel } from './workspaceModel';
import { t } from '../base/l10n';

/**
 * Live sources in the editor (docs/sources.md): each folder's `sources:` are fetched on an
 * interval (the `changeRadar.liveSources.refreshInterval` setting, paused while the window is not
 * focused) and on demand; what they report goes into the folder's model (`setLiveData`), so the
 * views, save warnings and commit warnings judge it through the one evaluator. A source that fails
 * keeps its last good data, shown with its age and the error; nothing here throws into the editor.
 * Untrusted workspaces never fetch. Tokens live in SecretStorage, keyed by folder, source id and
 * URL: a manifest edit that points a source elsewhere does not take the token along.
 */

/** Network budget per source in the editor (ms). */
const editorLiveTimeoutMs = 10_000;

/** What the Incidents view shows about one source. */
export interface LiveSourceState {
  readonly id: string;
  readonly type: LiveSource['type'];
  /** The last good snapshot (kept when later fetches fail). */
  readonly snapshot?: SourceSnapshot;
  /** The last fetch's error, when it failed. */
  readonly error?: string;
  readonly errorAt?: number;
  /** PagerDuty: who is on call, from the last lookup when it succeeded (a failed one drops it). */
  readonly onCall?: OnCallSnapshot;
  /** PagerDuty: the last on-call lookup's error, when it failed. */
  readonly onCallError?: string;
}

interface FolderState {
  /** `type id url token-env` of each source, to notice when the manifest's sources change. */
  signature: string;
  readonly sources: Map<string, LiveSourceState>;
}

export class LiveSources extends Disposable {
  private readonly folders = new Map<string, FolderState>();
  private readonly onDidChangeEmitter = this._register(new vscode.EventEmitter<void>());
  /** Fires when a source's state changed (data or error). */
  readonly onDidChange = this.onDidChangeEmitter.event;
  private readonly hasSourcesKey = new ContextKey<boolean>(ContextKeys.hasLiveSources);
  private timer: ReturnType<typeof setInterval> | undefined;
  private running: Promise<void> | undefined;
  private readonly abort = new AbortController();

  constructor(
    private readonly models: WorkspaceModel,
    private readonly settings: RadarSettings,
    private readonly secrets: vscode.SecretStorage,
    private readonly now: () => number,
  ) {
    super();
    this._register({ dispose: () => this.abort.abort() });
    this._register({ dispose: () => this.stopTimer() });
    this._register(models.onDidChange((model) => this.onModel(model)));
    this._register(vscode.window.onDidChangeWindowState((state) => {
      if (state.focused) {
        this.startTimer();
      } else {
        this.stopTimer();
      }
    }));
    this._register(settings.onDidChange(() => this.startTimer()));
    this._register(vscode.workspace.onDidGrantWorkspaceTrust(() => void this.refresh()));
    this.startTimer();
  }

  /** The sources of a folder, in manifest order, with their last data and error. */
  statesOf(model: RepositoryModel): readonly LiveSourceState[] {
    const sources = model.baseManifest?.sources ?? [];
    const states = this.folders.get(model.key)?.sources;
    return sources.map((source) => states?.get(source.id) ?? { id: source.id, type: source.type });
  }

  /** The Incidents view's rows for a folder's sources. */
  rowsOf(model: RepositoryModel, at: number): SourceRowInput[] {
    return this.statesOf(model).map((state) => ({
      id: state.id,
      type: state.type,
      ...(state.snapshot ? { fetchedAt: state.snapshot.fetchedAt } : {}),
      // Active as the evaluator says (a live incident: unresolved when fetched, whatever its remote start).
      incidents: state.snapshot?.incidents.filter((incident) => isIncidentActive(incident, at)).length ?? 0,
      ...(state.error !== undefined ? { error: state.error } : {}),
      ...(state.errorAt !== undefined ? { errorAt: Math.min(state.errorAt, at) } : {}),
      ...(state.onCallError !== undefined ? { onCallError: state.onCallError } : {}),
    }));
  }

  /** Fetches every folder's sources now; resolves when the models have the result. Never rejects. */
  refresh(): Promise<void> {
    if (!vscode.workspace.isTrusted) {
      return Promise.resolve();
    }
    this.running ??= this.fetchAll().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async fetchAll(): Promise<void> {
    try {
      await Promise.all(this.models.withManifest.map((model) => this.fetchFolder(model)));
    } catch (error) {
      // Never into the editor: the per-source errors are already kept; this is a bug guard.
      console.error('change-radar: live sources refresh failed', error);
    }
  }

  private async fetchFolder(model: RepositoryModel): Promise<void> {
    const manifest = model.baseManifest;
    const sources = manifest?.sources ?? [];
    if (!manifest || sources.length === 0) {
      return;
    }
    const folder = this.folderState(model);
    const options: FetchSourcesOptions = {
      timeoutMs: editorLiveTimeoutMs,
      now: this.now,
      timezone: manifest.timezone,
      signal: this.abort.signal,
      tokenOf: async (s) => (await this.secrets.get(secretKey(model, s))) ?? undefined,
    };
    // Incidents and who is on call in parallel, each applied when it arrives: a slow on-call lookup
    // never holds back the incidents (views show the static `oncall:` until it answers).
    const typeOf = (id: string): LiveSource['type'] => sources.find((source) => source.id === id)?.type ?? 'statuspage';
    await Promise.all([
      Promise.all(sources.map((source) => fetchSource(source, options)))
        .then((results) => this.applyResults(model, folder, results.map((result) => ({ kind: 'incidents', result })), typeOf)),
      fetchOnCalls(sources, options)
        .then((results) => this.applyResults(model, folder, results.map((result) => ({ kind: 'oncall', result })), typeOf)),
    ]);
  }

  /** Keeps each source's last good data (incidents or on-call) beside its latest error, then recomputes the folder's model. */
  private applyResults(model: RepositoryModel, folder: FolderState, answers: readonly SourceAnswer[], typeOf: (id: string) => LiveSource['type']): void {
    if (this.isDisposed || !model.isActive) {
      return;
    }
    for (const answer of answers) {
      const id = answer.result.source;
      folder.sources.set(id, mergeResult(folder.sources.get(id) ?? { id, type: typeOf(id) }, answer));
    }
    this.apply(model, folder);
  }

  private apply(model: RepositoryModel, folder: FolderState): void {
    const states = [...folder.sources.values()];
    model.setLiveData(states.flatMap((state) => (state.snapshot ? [state.snapshot] : [])), states.flatMap((state) => (state.onCall ? [state.onCall] : [])));
    this.onDidChangeEmitter.fire();
  }

  private folderState(model: RepositoryModel): FolderState {
    let folder = this.folders.get(model.key);
    if (!folder) {
      folder = { signature: signatureOf(model), sources: new Map() };
      this.folders.set(model.key, folder);
    }
    return folder;
  }

  /** A manifest (re)load: when its sources changed, drop data of sources it no longer declares and fetch. */
  private onModel(model: RepositoryModel): void {
    this.hasSourcesKey.set(this.models.withManifest.some((m) => (m.baseManifest?.sources ?? []).length > 0));
    const signature = signatureOf(model);
    const folder = this.folders.get(model.key);
    if (folder && folder.signature === signature) {
      return;
    }
    const state = this.folderState(model);
    state.signature = signature;
    const declared = new Set((model.baseManifest?.sources ?? []).map((source) => `${source.id}`));
    for (const id of [...state.sources.keys()]) {
      if (!declared.has(id)) state.sources.delete(id);
    }
    if (declared.size > 0) {
      void this.refresh();
    } else if (folder) {
      this.apply(model, state);
    }
  }

  private startTimer(): void {
    this.stopTimer();
    const interval = this.settings.liveRefreshIntervalMs();
    if (interval > 0 && vscode.window.state.focused) {
      this.timer = setInterval(() => void this.refresh(), interval);
    }
  }

  private stopTimer(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  async setToken(): Promise<void> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(t('Change Radar: live sources are not read in an untrusted workspace.'));
      return;
    }
    const choices = this.models.withManifest.flatMap((model) => (model.baseManifest?.sources ?? []).map((source) => ({
      label: source.id,
      description: `${source.type} · ${source.url}`,
      detail: this.models.withManifest.length > 1 ? model.folder.name : undefined,
      model,
      source,
    })));
    if (choices.length === 0) {
      void vscode.window.showInformationMessage(t('Change Radar: no manifest declares live `sources:`.'));
      return;
    }
    const picked = choices.length === 1 ? choices[0] : await vscode.window.showQuickPick(choices, { placeHolder: t('Source to set the token for') });
    if (!picked) return;
    const token = await vscode.window.showInputBox({
      prompt: t('API token for {0} ({1}); kept in VS Code\'s secret storage. Empty removes it.', picked.source.id, picked.source.url),
      password: true,
      ignoreFocusOut: true,
    });
    if (token === undefined) return;
    await this.storeToken(picked.model, picked.source, token);
  }

  /** Stores (or, when empty, removes) a source's token for a folder, then fetches again. */
  async storeToken(model: RepositoryModel, source: LiveSource, token: string): Promise<void> {
    const key = secretKey(model, source);
    if (token.trim() === '') {
      await this.secrets.delete(key);
    } else {
      await this.secrets.store(key, token.trim());
    }
    await this.refresh();
  }
}

/**
 * A source's state after one answer: an incidents result replaces the snapshot or sets the error
 * (the last good snapshot kept); an on-call result replaces who is on call, or drops it and sets
 * the error (the systems' static `oncall:` is shown then, as in the CLI).
 */
function mergeResult(previous: LiveSourceState, answer: SourceAnswer): LiveSourceState {
  const { snapshot, error, errorAt, onCall, onCallError, ...rest } = previous;
  if (answer.kind === 'oncall') {
    const { result } = answer;
    const incidents = { ...(snapshot ? { snapshot } : {}), ...(error !== undefined ? { error } : {}), ...(errorAt !== undefined ? { errorAt } : {}) };
    if (result.ok) return { ...rest, ...incidents, onCall: result.snapshot };
    // Unlike incidents, an old answer is not kept: shifts end, and naming someone no longer on call is
    // worse than the static text. A missing token is said once, by the incidents' error.
    return { ...rest, ...incidents, ...(result.error !== 'no token' ? { onCallError: result.error } : {}) };
  }
  const { result } = answer;
  const calls = { ...(onCall ? { onCall } : {}), ...(onCallError !== undefined ? { onCallError } : {}) };
  if (result.ok) return { ...rest, ...calls, snapshot: result.snapshot };
  return { ...rest, ...calls, ...(snapshot ? { snapshot } : {}), error: result.error, errorAt: result.at };
}

/** One answer of a source: its incidents (and freezes), or who is on call. */
type SourceAnswer =
  | { readonly kind: 'incidents'; readonly result: SourceResult }
  | { readonly kind: 'oncall'; readonly result: OnCallResult };

function secretKey(model: RepositoryModel, source: LiveSource): string {
  return `changeRadar.sourceToken:${model.key}:${source.id}:${source.url}`;
}

function signatureOf(model: RepositoryModel): string {
  return (model.baseManifest?.sources ?? []).map((source) => `${source.type} ${source.id} ${source.url} ${source.tokenEnv ?? ''} ${JSON.stringify(source.mapping)} ${JSON.stringify(source.freeze)} ${source.maintenanceAsFreeze ?? ''}`).join('\n');
}
