import * as vscode from 'vscode';
import type { ExtendsSpec } from '../../core/manifest/extendsSpec';
import { extendedFileName, extendsIdentity } from '../../core/manifest/extendsSpec';
import { ExtendsStore } from '../../node/extends/extendsStore';
import { escapeLabel } from '../../report/escape';
import { Disposable } from '../base/disposable';
import { t } from '../base/l10n';

/**
 * The editor's fetches of extended (organisation) manifests. The editor loads with fetching off, so
 * a pin that is not cached (or does not verify) is `extends-unavailable` and fails closed; the load
 * hands those pins here, they are fetched in the background (asynchronous child processes, the same
 * steps and verification as the CLI's fetch: ExtendsStore.fetchInBackground), and the folder is
 * reloaded when a fetch lands. Progress shows in the status bar; a failure offers a retry. A pin
 * whose fetch failed is fetched again only on retry. Nothing is fetched in an untrusted workspace
 * or with `CHANGE_RADAR_OFFLINE=1`.
 */
export class ExtendsFetcher extends Disposable {
  /** Identities being fetched now. */
  private readonly inFlight = new Set<string>();
  /** Identities whose last fetch failed: not fetched again until a retry. */
  private readonly failed = new Set<string>();

  constructor(
    private readonly folderName: string,
    /** Loads the folder's manifest again (once the cache has a fetched pin). */
    private readonly reload: () => Promise<void>,
  ) {
    super();
  }

  /** Starts fetching, in the background, the pins a load left unread; returns at once. */
  request(repoRoot: string, specs: readonly ExtendsSpec[]): void {
    if (this.isDisposed || !vscode.workspace.isTrusted || process.env.CHANGE_RADAR_OFFLINE === '1') return;
    const todo = new Map<string, ExtendsSpec>();
    for (const spec of specs) {
      const identity = extendsIdentity(spec);
      if (!this.inFlight.has(identity) && !this.failed.has(identity)) todo.set(identity, spec);
    }
    if (todo.size === 0) return;
    for (const identity of todo.keys()) this.inFlight.add(identity);
    void this.fetch(repoRoot, [...todo.values()]);
  }

  private async fetch(repoRoot: string, specs: readonly ExtendsSpec[]): Promise<void> {
    const store = ExtendsStore.forRepo(repoRoot, { fetch: true });
    const names = specs.map((spec) => escapeLabel(extendedFileName(spec))).join(', ');
    const results = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: t('Change Radar: fetching organisation policy {0}', names) },
      () => Promise.all(specs.map(async (spec) => ({ spec, read: await store.fetchInBackground(spec).catch((error: unknown) => ({ code: 'extends-unavailable' as const, reason: `could not be fetched: ${String(error)}` })) }))),
    );
    const failures: { spec: ExtendsSpec; reason: string }[] = [];
    for (const { spec, read } of results) {
      this.inFlight.delete(extendsIdentity(spec));
      if ('reason' in read) {
        this.failed.add(extendsIdentity(spec));
        failures.push({ spec, reason: read.reason });
      }
    }
    if (this.isDisposed) return;
    if (failures.length < results.length) await this.reload();
    if (failures.length === 0) return;
    const message = failures.map(({ spec, reason }) => `${extendedFileName(spec)} ${reason}`).join('; ');
    const retry = t('Retry');
    const choice = await vscode.window.showWarningMessage(
      escapeLabel(t('Change Radar ({0}): the organisation policy could not be fetched, so its freezes are treated as unavailable (fail closed): {1}', this.folderName, message)),
      retry,
    );
    if (choice !== retry || this.isDisposed) return;
    for (const { spec } of failures) this.failed.delete(extendsIdentity(spec));
    this.request(repoRoot, failures.map(({ spec }) => spec));
  }
}
