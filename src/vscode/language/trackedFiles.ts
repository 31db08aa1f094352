import { execFile } from 'node:child_process';
import * as vscode from 'vscode';
import { Disposable } from '../base/disposable';
import type { RadarServices } from '../services';
import type { RepositoryModel } from '../model/repositoryModel';

/**
 * The tracked files of each workspace folder (`git ls-files`, folder-relative), for the counts in
 * hover and CodeLens and the warnings for globs that match nothing. Never in an untrusted
 * workspace (no git there): then the file list is unknown and nothing is claimed about it.
 * Re-read after git reports a change (debounced by the git model) and on demand.
 */
export class TrackedFiles extends Disposable {
  private readonly lists = new Map<string, Promise<readonly string[] | undefined>>();
  private readonly onDidChangeEmitter = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.onDidChangeEmitter.event;

  constructor(services: RadarServices) {
    super();
    this._register(services.git.onDidChange(() => this.invalidate()));
  }

  invalidate(): void {
    this.lists.clear();
    this.onDidChangeEmitter.fire();
  }

  filesOf(model: RepositoryModel): Promise<readonly string[] | undefined> {
    let list = this.lists.get(model.key);
    if (list === undefined) {
      list = listFiles(model.folder.uri);
      this.lists.set(model.key, list);
    }
    return list;
  }
}

export function listFiles(folder: vscode.Uri): Promise<readonly string[] | undefined> {
  if (!vscode.workspace.isTrusted || folder.scheme !== 'file') return Promise.resolve(undefined);
  return new Promise((resolve) => {
    execFile('git', ['ls-files', '-z'], { cwd: folder.fsPath, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' }, (error, stdout) => {
      resolve(error ? undefined : stdout.split('\0').filter((file) => file !== ''));
    });
  });
}
