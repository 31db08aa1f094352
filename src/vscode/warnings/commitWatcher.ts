import * as vscode from 'vscode';
import type { ChangeModel } from '../../core/evaluate/engine';
import type { FileWarning } from '../../core/evaluate/fileWarnings';
import type { FreezeReport, ImpactReport } from '../../core/evaluate/report';
import { declaresBlockFreeze, overrideTrailerOf } from '../../core/evaluate/freezeEvaluator';
import type { OverrideTrailer } from '../../core/evaluate/freezeEvaluator';
import { copyOverrideTrailer } from './codeActions';
import { Commands, Views } from '../constants';
import { Disposable } from '../base/disposable';
import type { WarningSlices } from './warningSlices';
import { t, tn } from '../base/l10n';

/**
 * The part of the built-in git extension's `Repository` this module uses (a structural subset of
 * its API, so the real object fits).
 */
export interface WatchedRepository {
  readonly rootUri: vscode.Uri;
  readonly state: {
    readonly HEAD?: { readonly commit?: string };
    readonly indexChanges: readonly { readonly uri: vscode.Uri }[];
    readonly onDidChange: vscode.Event<void>;
  };
  readonly inputBox: { readonly value: string };
  readonly onDidCommit?: vscode.Event<void>;
  revert(paths: string[]): Promise<void>;
  diffBetween(ref1: string, ref2: string): Promise<{ readonly uri: vscode.Uri }[]>;
  log(options?: { readonly maxEntries?: number }): Promise<{ readonly hash: string; readonly message: string; readonly parents: readonly string[] }[]>;
}

export interface WatchedRepositories {
  repositories(): readonly WatchedRepository[];
  readonly onDidChange: vscode.Event<unknown>;
}

/** Hook status and the models behind each repository; given by the wiring, so this module runs no git itself. */
export interface CommitWatcherServices {
  isHookInstalled(root: vscode.Uri): Promise<boolean>;
  /**
   * The hook's verdict on the commit being made (see model/stagedJudge.ts): the staged changes judged
   * by the manifest in the index, with HEAD's protections when the commit edits it; undefined when
   * there is nothing to judge.
   */
  judgeStaged(root: vscode.Uri, trailer: OverrideTrailer | undefined): Promise<ImpactReport | undefined>;
  /** The model of the workspace folder that holds `root`, when there is one. */
  modelFor(root: vscode.Uri): ChangeModel | undefined;
  readonly workspaceState: vscode.Memento;
}

/** A staged situation a warning was shown for (exported for tests through the extension's API). */
export interface StagedWarning {
  readonly root: vscode.Uri;
  readonly freezes: readonly string[];
  readonly systems: readonly string[];
  readonly files: readonly string[];
  readonly message: string;
  readonly actions: readonly string[];
}

export interface CommitNotice {
  readonly root: vscode.Uri;
  readonly commit: string;
  readonly freezes: readonly string[];
  readonly message: string;
}

/** The buttons' labels, in the display language (read when shown and when compared with the choice). */
const StagedActions = {
  get showImpact() { return t('Show Impact'); },
  get unstage() { return t('Unstage Frozen Files'); },
  get installHook() { return t('Install Commit Hook'); },
  get copyTrailer() { return t('Copy Override Trailer'); },
};

// Bursts of git state changes (a stage of many files) settle before the index is checked.
const settleMs = 250;

interface FileWarnings {
  readonly path: string;
  readonly uri: vscode.Uri;
  readonly warnings: readonly FileWarning[];
}

/**
 * Watches each repository's index through the git extension: warns once per distinct situation
 * when staged files fall under a `block` freeze, tells after a commit that touched a frozen system,
 * and offers the commit hook once per repository when its manifest has a `block` freeze.
 */
export class CommitWatcher extends Disposable {
  private readonly watches = new Map<WatchedRepository, vscode.Disposable>();
  /** Per repository root: the key of the last situation warned about, so it is not repeated. */
  private readonly lastSituation = new Map<string, string>();
  /** Per repository root: how many staged checks were started (only the latest one's answer counts). */
  private readonly runs = new Map<string, number>();
  private readonly stagedEmitter = this._register(new vscode.EventEmitter<StagedWarning>());
  private readonly commitEmitter = this._register(new vscode.EventEmitter<CommitNotice>());
  readonly onDidWarnStaged = this.stagedEmitter.event;
  readonly onDidNoticeCommit = this.commitEmitter.event;

  constructor(
    private readonly slices: WarningSlices,
    private readonly git: WatchedRepositories,
    private readonly services: CommitWatcherServices,
  ) {
    super();
    this._register(git.onDidChange(() => this.syncRepositories()));
    this._register(slices.onDidChange(() => {
      for (const repository of this.watches.keys()) void this.checkStaged(repository);
      this.offerHooks();
    }));
    this._register({ dispose: () => { for (const watch of this.watches.values()) watch.dispose(); } });
    this.syncRepositories();
  }

  /**
   * Warns when the commit being made would be refused by the hook, unless this situation was
   * already shown. The verdict is the hook's own (the same pipeline and evaluator, the manifest in
   * the index, the trailer already typed into the commit message), so the two never disagree.
   */
  checkStaged(repository: WatchedRepository): Promise<void> {
    const root = repository.rootUri.toString();
    const run = (this.runs.get(root) ?? 0) + 1;
    this.runs.set(root, run);
    const trailer = overrideTrailerOf(repository.inputBox.value);
    return this.services.judgeStaged(repository.rootUri, trailer).then((report) => {
      // A newer check of this repository started meanwhile: its answer is the one to show.
      if (this.runs.get(root) !== run) return;
      const blocking = (report?.freezes ?? []).filter((freeze) => freeze.effect === 'block');
      if (blocking.length === 0) {
        this.lastSituation.delete(root);
        return;
      }
      const freezes = unique(blocking.map((freeze) => freeze.id)).sort();
      const files = unique(blocking.flatMap(blockedFiles)).sort();
      const key = JSON.stringify([freezes, files]);
      if (this.lastSituation.get(root) === key) return;
      this.lastSituation.set(root, key);
      void this.showStagedWarning(repository, blocking, freezes, files);
    }, () => undefined);
  }

  private async showStagedWarning(repository: WatchedRepository, blocking: readonly FreezeReport[], freezes: string[], files: string[]): Promise<void> {
    const systems = unique(blocking.flatMap((freeze) => freeze.systems)).sort();
    const titles = unique(blocking.map((freeze) => `${freeze.id} "${freeze.title}"`));
    const message = tn(files.length, {
      one: 'Staged {3} file under a block freeze: {0} on {1} — {2}. The commit hook will reject this commit unless the message has a "Freeze-Override: <reason>" trailer.',
      other: 'Staged {3} files under a block freeze: {0} on {1} — {2}. The commit hook will reject this commit unless the message has a "Freeze-Override: <reason>" trailer.',
    }, titles.join(', '), systems.join(', '), abbreviate(files), files.length);
    const installed = await this.services.isHookInstalled(repository.rootUri).catch(() => true);
    const actions: string[] = [StagedActions.showImpact, StagedActions.unstage];
    if (!installed) actions.push(StagedActions.installHook);
    actions.push(StagedActions.copyTrailer);
    this.stagedEmitter.fire({ root: repository.rootUri, freezes, systems, files, message, actions });

    const choice = await vscode.window.showWarningMessage(message, ...actions);
    if (choice === StagedActions.showImpact) await showImpact();
    else if (choice === StagedActions.unstage) await repository.revert(files.map((file) => vscode.Uri.joinPath(repository.rootUri, ...file.split('/')).fsPath));
    else if (choice === StagedActions.installHook) await vscode.commands.executeCommand(Commands.installHooks, repository.rootUri);
    else if (choice === StagedActions.copyTrailer) await copyOverrideTrailer(freezes.join(', '));
  }

  /** After a commit: tell when it touched a system under an active freeze (hook off or overridden). */
  async checkCommit(repository: WatchedRepository): Promise<CommitNotice | undefined> {
    const [head] = await repository.log({ maxEntries: 1 });
    if (!head) return undefined;
    const changed = head.parents[0]
      ? await repository.diffBetween(head.parents[0], head.hash)
      : repository.state.indexChanges;
    const frozen = this.warningsOf(changed.map((change) => change.uri))
      .flatMap((file) => file.warnings.filter((warning) => warning.code.startsWith('freeze-') && warning.code !== 'freeze-impacted'));
    if (frozen.length === 0) return undefined;
    const freezes = unique(frozen.map((warning) => warning.cause.id)).sort();
    const systems = unique(frozen.flatMap((warning) => warning.systems)).sort();
    const subject = head.message.split('\n')[0] ?? '';
    const message = tn(systems.length, { one: 'Commit {0} "{1}" touched frozen system {2} ({3}).', other: 'Commit {0} "{1}" touched frozen systems {2} ({3}).' },
      head.hash.slice(0, 7), subject, systems.join(', '), freezes.join(', '));
    const notice = { root: repository.rootUri, commit: head.hash, freezes, message };
    this.commitEmitter.fire(notice);
    void vscode.window.showInformationMessage(message, StagedActions.showImpact).then((choice) => {
      if (choice === StagedActions.showImpact) void showImpact();
    });
    return notice;
  }

  private warningsOf(uris: readonly vscode.Uri[], trailer?: OverrideTrailer): FileWarnings[] {
    const result: FileWarnings[] = [];
    for (const uri of uris) {
      const found = this.slices.lookup(uri);
      if (found) result.push({ path: found.path, uri, warnings: found.slice.warningsFor(found.path, trailer) });
    }
    return result;
  }

  private syncRepositories(): void {
    const current = new Set(this.git.repositories());
    for (const [repository, watch] of this.watches) {
      if (!current.has(repository)) {
        watch.dispose();
        this.watches.delete(repository);
      }
    }
    for (const repository of current) {
      if (this.watches.has(repository)) continue;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const subscriptions = [
        repository.state.onDidChange(() => {
          clearTimeout(timer);
          timer = setTimeout(() => void this.checkStaged(repository), settleMs);
        }),
        ...(repository.onDidCommit ? [repository.onDidCommit(() => void this.checkCommit(repository).catch(() => undefined))] : []),
      ];
      this.watches.set(repository, { dispose: () => { clearTimeout(timer); for (const subscription of subscriptions) subscription.dispose(); } });
      void this.checkStaged(repository);
    }
    this.offerHooks();
  }

  /** Once per repository (remembered in workspace state): offer the hook when its manifest has a block freeze. */
  private offerHooks(): void {
    if (!vscode.workspace.isTrusted) return;
    for (const repository of this.watches.keys()) {
      const key = `changeRadar.hookOffered:${repository.rootUri.toString()}`;
      const model = this.services.modelFor(repository.rootUri);
      if (!model || !declaresBlockFreeze(model.manifest) || this.services.workspaceState.get<boolean>(key)) continue;
      void this.services.workspaceState.update(key, true);
      void this.offerHook(repository.rootUri);
    }
  }

  private async offerHook(root: vscode.Uri): Promise<void> {
    if (await this.services.isHookInstalled(root).catch(() => true)) return;
    const choice = await vscode.window.showInformationMessage(
      t('{0}: ops.yaml declares a block freeze. Install Change Radar\'s commit hook so commits that touch frozen systems are stopped (also from VS Code\'s Commit button)?', vscode.workspace.asRelativePath(root)),
      StagedActions.installHook);
    if (choice === StagedActions.installHook) await vscode.commands.executeCommand(Commands.installHooks, root);
  }
}

async function showImpact(): Promise<void> {
  await vscode.commands.executeCommand(`${Views.impact}.focus`);
}

/** The files a block freeze holds: those it applies to that no override lets through. */
function blockedFiles(freeze: FreezeReport): string[] {
  const through = new Set(freeze.overrides.flatMap((override) => override.files));
  return freeze.files.filter((file) => !through.has(file));
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

function abbreviate(files: readonly string[], shown = 3): string {
  return files.length <= shown ? files.join(', ') : t('{0} and {1} more', files.slice(0, shown).join(', '), files.length - shown);
}
