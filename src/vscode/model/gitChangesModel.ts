import * as vscode from 'vscode';
import { Disposable } from '../base/disposable';
import { debounceEvent } from '../base/events';
import { gitExtensionId } from './gitApi';
import type { GitApi, GitChange, GitExtension, GitRepository } from './gitApi';
import { withChange } from './fileState';
import type { FileState } from './fileState';

export type { FileState } from './fileState';

/** The changes of one git repository, as paths relative to a workspace folder. */
export interface FolderChanges {
  readonly repository: GitRepository;
  /** Folder-relative path → working tree and/or index. */
  readonly files: ReadonlyMap<string, FileState>;
}

export type GitAvailability = 'untrusted' | 'starting' | 'unavailable' | 'failed' | 'ready';

/** Waits between attempts to connect to the git extension after a failure: 1 s, 2 s, 4 s … 60 s. */
export function retryDelayMs(attempt: number): number {
  return Math.min(60_000, 1000 * 2 ** Math.max(0, attempt - 1));
}

/** How the model reaches the git extension; tests pass their own to simulate failures. */
export interface GitConnectionOptions {
  /** Returns the activated git extension's exports, undefined when it is not installed. */
  readonly connect?: () => Promise<GitExtension | undefined>;
  /** The wait before attempt `n + 1` after `n` failures (default `retryDelayMs`). */
  readonly retryDelayMs?: (failures: number) => number;
}

async function activateGitExtension(): Promise<GitExtension | undefined> {
  const extension = vscode.extensions.getExtension<GitExtension>(gitExtensionId);
  if (!extension) {
    return undefined;
  }
  return extension.isActive ? extension.exports : await extension.activate();
}

/**
 * Working-tree and index changes per repository, through the built-in git extension. Nothing
 * here runs at activation: `start()` is called once something needs changes, and never in an
 * untrusted workspace (the git extension then runs no git either).
 */
export class GitChangesModel extends Disposable {
  private readonly onDidChangeEmitter = this._register(new vscode.EventEmitter<void>());
  /** Fires (debounced) when a repository's state changed, or repositories came or went. */
  readonly onDidChange = this.onDidChangeEmitter.event;

  private api: GitApi | undefined;
  private availability: GitAvailability = vscode.workspace.isTrusted ? 'starting' : 'untrusted';
  private started: Promise<void> | undefined;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private lastError: { readonly message: string; readonly retryAt: number } | undefined;
  private readonly repositoryListeners = new Map<string, vscode.Disposable>();
  private readonly stateChanged = this._register(new vscode.EventEmitter<void>());

  constructor(private readonly connection: GitConnectionOptions = {}) {
    super();
    this._register(debounceEvent(this.stateChanged.event, 200)(() => this.onDidChangeEmitter.fire()));
    this._register(vscode.workspace.onDidGrantWorkspaceTrust(() => void this.start()));
  }

  get status(): GitAvailability {
    return this.availability;
  }

  /** Why the last connection attempt failed and when the next one runs (status `failed`). */
  get failure(): { readonly message: string; readonly retryAt: number } | undefined {
    return this.availability === 'failed' ? this.lastError : undefined;
  }

  get repositories(): readonly GitRepository[] {
    return this.api?.repositories ?? [];
  }

  /** Connects to the git extension once; safe to call repeatedly. */
  start(): Promise<void> {
    if (!vscode.workspace.isTrusted) {
      this.availability = 'untrusted';
      return Promise.resolve();
    }
    this.started ??= this.connect().catch((error: unknown) => this.connectionFailed(error));
    return this.started;
  }

  /**
   * A failed connection is not kept: the next attempt runs after a backoff (and at once when
   * something calls `start()` or Refresh after the wait), so the view recovers without a reload.
   */
  private connectionFailed(error: unknown): void {
    this.failures++;
    const delay = (this.connection.retryDelayMs ?? retryDelayMs)(this.failures);
    this.availability = 'failed';
    this.lastError = { message: error instanceof Error ? error.message : String(error), retryAt: Date.now() + delay };
    this.started = undefined;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.start();
    }, delay);
    this.onDidChangeEmitter.fire();
  }

  /** Asks git for a fresh status of every repository (the Refresh command). */
  async refresh(): Promise<void> {
    await this.start();
    await Promise.all(this.repositories.map((r) => r.status()));
  }

  /** The changes inside `folder`, from the repository that contains it. */
  changesIn(folder: vscode.Uri): FolderChanges | undefined {
    const repository = this.repositoryFor(folder);
    if (!repository) {
      return undefined;
    }
    const files = new Map<string, FileState>();
    const add = (changes: readonly GitChange[], where: 'index' | 'workingTree') => {
      for (const change of changes) {
        const rel = relativeTo(folder, change.renameUri ?? change.uri);
        if (rel === undefined) {
          continue;
        }
        files.set(rel, withChange(files.get(rel), where, change.status));
      }
    };
    add(repository.state.indexChanges, 'index');
    add(repository.state.workingTreeChanges, 'workingTree');
    add(repository.state.untrackedChanges ?? [], 'workingTree');
    add(repository.state.mergeChanges, 'workingTree');
    return { repository, files };
  }

  /** The innermost repository whose root contains `uri`. */
  repositoryFor(uri: vscode.Uri): GitRepository | undefined {
    return [...this.repositories]
      .filter((r) => relativeTo(r.rootUri, uri) !== undefined || r.rootUri.toString() === uri.toString())
      .sort((a, b) => b.rootUri.path.length - a.rootUri.path.length)[0];
  }

  private async connect(): Promise<void> {
    const exports = await (this.connection.connect ?? activateGitExtension)();
    if (!exports) {
      this.availability = 'unavailable';
      this.onDidChangeEmitter.fire();
      return;
    }
    if (!exports.enabled) {
      this.availability = 'unavailable';
      this._register(exports.onDidChangeEnablement((enabled) => enabled && this.attach(exports.getAPI(1))));
      this.onDidChangeEmitter.fire();
      return;
    }
    this.attach(exports.getAPI(1));
  }

  private attach(api: GitApi): void {
    this.api = api;
    this.availability = 'ready';
    this.failures = 0;
    this.lastError = undefined;
    this._register(api.onDidOpenRepository((r) => this.watch(r)));
    this._register(api.onDidCloseRepository((r) => this.unwatch(r)));
    this._register(api.onDidChangeState(() => this.stateChanged.fire()));
    api.repositories.forEach((r) => this.watch(r));
    this.onDidChangeEmitter.fire();
  }

  private watch(repository: GitRepository): void {
    const key = repository.rootUri.toString();
    this.repositoryListeners.get(key)?.dispose();
    this.repositoryListeners.set(key, repository.state.onDidChange(() => this.stateChanged.fire()));
    this.stateChanged.fire();
  }

  private unwatch(repository: GitRepository): void {
    const key = repository.rootUri.toString();
    this.repositoryListeners.get(key)?.dispose();
    this.repositoryListeners.delete(key);
    this.stateChanged.fire();
  }

  override dispose(): void {
    clearTimeout(this.retryTimer);
    for (const listener of this.repositoryListeners.values()) {
      listener.dispose();
    }
    this.repositoryListeners.clear();
    super.dispose();
  }
}

/** `/`-separated path of `uri` below `base`, or undefined when it is not below it. */
export function relativeTo(base: vscode.Uri, uri: vscode.Uri): string | undefined {
  if (base.scheme !== uri.scheme || base.authority !== uri.authority) {
    return undefined;
  }
  const prefix = base.path.endsWith('/') ? base.path : `${base.path}/`;
  return uri.path.startsWith(prefix) ? uri.path.slice(prefix.length) : undefined;
}
