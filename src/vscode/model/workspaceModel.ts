import * as vscode from 'vscode';
import { ContextKeys, Settings } from '../constants';
import { ContextKey } from '../base/contextKey';
import { Disposable } from '../base/disposable';
import { debounceEvent, filterEvent } from '../base/events';
import { RepositoryModel } from './repositoryModel';
import type { RadarSettings } from '../settings';

/**
 * Every workspace folder's `RepositoryModel`, kept in step with the folders, the settings and the
 * manifest files on disk and in editors. This is the extension point for features built on the
 * manifest (views, diagnostics on save, decorations): subscribe to `onDidChange`.
 */
export class WorkspaceModel extends Disposable {
  private readonly models = new Map<string, RepositoryModel>();
  private readonly onDidChangeEmitter = this._register(new vscode.EventEmitter<RepositoryModel>());
  /** Fires when a folder's manifest was (re)loaded, or a folder came or went. */
  readonly onDidChange = this.onDidChangeEmitter.event;

  private readonly loadedKey = new ContextKey<boolean>(ContextKeys.loaded);
  private readonly hasManifestKey = new ContextKey<boolean>(ContextKeys.hasManifest);
  private readonly invalidKey = new ContextKey<boolean>(ContextKeys.manifestInvalid);
  private readonly pending = new Set<RepositoryModel>();
  private readonly reloadSoon = new vscode.EventEmitter<void>();

  constructor(private readonly settings: RadarSettings) {
    super();
    this._register(this.reloadSoon);
    this._register(debounceEvent(this.reloadSoon.event, () => settings.reloadDelayMs())(() => this.flushPending()));
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.syncFolders()));
    this._register(
      filterEvent(settings.onDidChange, (e) => e.affectsConfiguration(Settings.manifestPath))(() => void this.reloadAll()),
    );
    const watcher = this._register(vscode.workspace.createFileSystemWatcher('**/{*.yaml,*.yml,CODEOWNERS}'));
    this._register(watcher.onDidChange((uri) => this.onFileEvent(uri)));
    this._register(watcher.onDidCreate((uri) => this.onFileEvent(uri)));
    this._register(watcher.onDidDelete((uri) => this.onFileEvent(uri)));
    this._register(vscode.workspace.onDidSaveTextDocument((doc) => this.onFileEvent(doc.uri)));
    this._register(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) {
          this.onFileEvent(e.document.uri);
        }
      }),
    );
    this.syncFolders();
  }

  /** All folders' models, in workspace-folder order. */
  get all(): readonly RepositoryModel[] {
    return [...this.models.values()];
  }

  /** Folders whose manifest was found. */
  get withManifest(): readonly RepositoryModel[] {
    return this.all.filter((m) => m.hasManifest);
  }

  /** The model of the folder containing `uri`. */
  modelFor(uri: vscode.Uri): RepositoryModel | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder ? this.models.get(folder.uri.toString()) : undefined;
  }

  /** Resolves once every folder has been loaded (and any queued reload has run). */
  async reloadAll(): Promise<void> {
    await Promise.all(this.all.map((m) => m.reload()));
  }

  private onFileEvent(uri: vscode.Uri): void {
    const model = this.modelFor(uri);
    if (model?.isManifestInput(uri)) {
      this.pending.add(model);
      this.reloadSoon.fire();
    }
  }

  private flushPending(): void {
    const models = [...this.pending];
    this.pending.clear();
    models.forEach((m) => void m.reload());
  }

  private syncFolders(): void {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const keys = new Set(folders.map((f) => f.uri.toString()));
    for (const [key, model] of this.models) {
      if (!keys.has(key)) {
        this.models.delete(key);
        model.dispose();
        this.onDidChangeEmitter.fire(model);
      }
    }
    for (const folder of folders) {
      const key = folder.uri.toString();
      if (!this.models.has(key)) {
        const model = new RepositoryModel(folder, this.settings);
        model.onDidChange(() => this.onModelChanged(model));
        this.models.set(key, model);
        // Loading reads files only (no git): cheap enough to start right away, off the activation path.
        void model.reload();
      }
    }
    this.updateContextKeys();
  }

  private onModelChanged(model: RepositoryModel): void {
    this.updateContextKeys();
    this.onDidChangeEmitter.fire(model);
  }

  private updateContextKeys(): void {
    this.loadedKey.set(this.all.every((m) => m.isLoaded));
    this.hasManifestKey.set(this.withManifest.length > 0);
    this.invalidKey.set(this.all.some((m) => m.snapshot.invalid));
  }

  override dispose(): void {
    this.models.forEach((m) => m.dispose());
    this.models.clear();
    super.dispose();
  }
}
