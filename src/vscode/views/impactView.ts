import * as vscode from 'vscode';
import { Views } from '../constants';
import { Disposable } from '../base/disposable';
import { RadarTreeView } from './radarTreeView';
import type { ViewContent } from './radarTreeView';
import type { RadarServices } from '../services';
import { folderResolver, invalidManifestBanner, joinMessages } from './viewSupport';
import { buildImpactNodes, impactHeadline } from './viewModel/impactViewModel';
import { groupByFolder } from './viewModel/viewNode';
import { t } from '../base/l10n';

/** Change Impact view: the working tree's and index's changes, by touched then impacted system. */
export class ImpactView extends Disposable {
  readonly tree: RadarTreeView;

  constructor(private readonly services: RadarServices) {
    super();
    this.tree = this._register(
      new RadarTreeView(
        Views.impact,
        () => this.compute(),
        [services.impact.onDidChange, services.settings.onDidChange, vscode.workspace.onDidGrantWorkspaceTrust],
        folderResolver(services.models),
      ),
    );
    // Opening the view is reason enough to connect to git (a no-op when untrusted or started).
    this._register(
      this.tree.view.onDidChangeVisibility((e) => {
        if (e.visible) {
          void services.git.start();
        }
      }),
    );
  }

  private compute(): ViewContent {
    const { impact, models, settings } = this.services;
    if (!vscode.workspace.isTrusted) {
      // Empty on purpose: the viewsWelcome content explains why and offers to manage trust.
      return { nodes: [], message: invalidManifestBanner(models) };
    }
    const folders = impact.all.map((i) => ({
      folder: i.model.key,
      name: i.model.folder.name,
      nodes: buildImpactNodes({
        report: i.report,
        fileStates: i.files,
        showImpacted: settings.showImpactedSystems(),
        showUnmatched: settings.showUnmatchedFiles(),
        at: i.at,
      }),
    }));
    const shown = folders.filter((f) => f.nodes.length > 0);
    const nodes = shown.length > 0 ? groupByFolder(Views.impact, shown) : [];
    const headlines = impact.all.map((i) => impactHeadline(i.report));
    return { nodes, message: joinMessages(invalidManifestBanner(models), ...headlines, this.emptyReason(nodes.length)) };
  }

  private emptyReason(rows: number): string | undefined {
    const { git, models } = this.services;
    if (rows > 0 || models.withManifest.length === 0) {
      return undefined;
    }
    switch (git.status) {
      case 'starting':
        return t('Waiting for the git extension…');
      case 'unavailable':
        return t('The built-in git extension is disabled or unavailable.');
      case 'failed': {
        const seconds = Math.max(1, Math.round(((git.failure?.retryAt ?? Date.now()) - Date.now()) / 1000));
        return t('Could not connect to the git extension ({0}); retrying in {1} s. Refresh retries now.', git.failure?.message ?? t('unknown error'), seconds);
      }
      default:
        return git.repositories.length === 0 ? t('No git repository in this workspace.') : t('No changes in the working tree or index.');
    }
  }
}
