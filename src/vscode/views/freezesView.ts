import { Views } from '../constants';
import { Disposable } from '../base/disposable';
import { RadarTreeView } from './radarTreeView';
import type { ViewContent } from './radarTreeView';
import { localTimeZone } from '../services';
import type { RadarServices } from '../services';
import { folderResolver, invalidManifestBanner, joinMessages } from './viewSupport';
import { buildFreezeNodes } from './viewModel/freezesViewModel';
import { groupByFolder } from './viewModel/viewNode';
import { tn } from '../base/l10n';

/** Freezes view: active freezes with time remaining, then upcoming ones within the horizon. */
export class FreezesView extends Disposable {
  readonly tree: RadarTreeView;

  constructor(private readonly services: RadarServices) {
    super();
    this.tree = this._register(
      new RadarTreeView(Views.freezes, () => this.compute(), [services.status.onDidChange], folderResolver(services.models)),
    );
  }

  private compute(): ViewContent {
    const { status, models, settings } = this.services;
    const folders = status.all.map((s) => ({
      folder: s.model.key,
      name: s.model.folder.name,
      nodes: buildFreezeNodes({ freezes: s.report.freezes, at: s.at, localZone: localTimeZone() }),
    }));
    const shown = folders.filter((f) => f.nodes.length > 0);
    const nodes = shown.length > 0 ? groupByFolder(Views.freezes, shown) : [];
    const days = Math.round(settings.horizonMs() / 86_400_000);
    const empty = status.all.length > 0 && nodes.length === 0 ? tn(days, { one: 'No freeze active or starting within {0} day.', other: 'No freeze active or starting within {0} days.' }, days) : undefined;
    return { nodes, message: joinMessages(invalidManifestBanner(models), empty) };
  }
}
