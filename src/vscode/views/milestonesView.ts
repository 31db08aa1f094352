import { Views } from '../constants';
import { Disposable } from '../base/disposable';
import { RadarTreeView } from './radarTreeView';
import type { ViewContent } from './radarTreeView';
import { localTimeZone } from '../services';
import type { RadarServices } from '../services';
import { folderResolver, invalidManifestBanner, joinMessages } from './viewSupport';
import { buildMilestoneNodes } from './viewModel/milestonesViewModel';
import { groupByFolder } from './viewModel/viewNode';
import { t } from '../base/l10n';

/** Milestones view: projects, then milestones by due date, with their risks. */
export class MilestonesView extends Disposable {
  readonly tree: RadarTreeView;

  constructor(private readonly services: RadarServices) {
    super();
    this.tree = this._register(
      new RadarTreeView(Views.milestones, () => this.compute(), [services.status.onDidChange], folderResolver(services.models)),
    );
  }

  private compute(): ViewContent {
    const { status, models, settings } = this.services;
    const folders = status.all.map((s) => ({
      folder: s.model.key,
      name: s.model.folder.name,
      nodes: buildMilestoneNodes({
        projects: s.model.snapshot.manifest?.projects ?? [],
        atRisk: s.report.milestonesAtRisk,
        showDone: settings.showDoneMilestones(),
        at: s.at,
        localZone: localTimeZone(),
      }),
    }));
    const shown = folders.filter((f) => f.nodes.length > 0);
    const nodes = shown.length > 0 ? groupByFolder(Views.milestones, shown) : [];
    const empty = status.all.length > 0 && nodes.length === 0 ? t('No projects in the manifest.') : undefined;
    return { nodes, message: joinMessages(invalidManifestBanner(models), empty) };
  }
}
