import * as vscode from 'vscode';
import type { SourceLocation } from '../../core/problem';
import { manifestFileNames } from '../../core/manifest/manifestLocations';
import { Commands } from '../constants';
import { Disposable } from '../base/disposable';
import { modelFromArgument } from './pickFolder';
import type { RadarServices } from '../services';
import type { RepositoryModel } from '../model/repositoryModel';
import { starterManifest } from './starterManifest';
import type { ManifestProposals } from '../language/manifestProposal';
import { safeHttpUrl } from '../views/viewModel/markdownText';
import { t } from '../base/l10n';

/** What "Reveal in ops.yaml" needs: a view row, or any object with a source and its folder key. */
interface SourceTarget {
  readonly source?: SourceLocation;
  readonly folder?: string;
}

/** Open Manifest, Create Manifest, Reveal in ops.yaml, Open Incident URL. */
export class ManifestCommands extends Disposable {
  constructor(
    private readonly services: RadarServices,
    private readonly proposals?: ManifestProposals,
  ) {
    super();
  }

  async openManifest(arg?: unknown): Promise<vscode.TextEditor | undefined> {
    const model = await modelFromArgument(this.services.models.withManifest, arg, t('Open the manifest of which folder?'));
    const uri = model?.snapshot.manifestUri;
    if (!uri) {
      const choice = await vscode.window.showInformationMessage(t('No Change Radar manifest (ops.yaml) in this workspace.'), t('Create Manifest'));
      if (choice) {
        await vscode.commands.executeCommand(Commands.createManifest);
      }
      return undefined;
    }
    return vscode.window.showTextDocument(uri);
  }

  /** Writes the starter into a folder without a manifest and opens it; never overwrites a file. */
  async createManifest(arg?: unknown): Promise<vscode.Uri | undefined> {
    const { models, settings } = this.services;
    const without = models.all.filter((m) => !m.hasManifest);
    if (models.all.length === 0) {
      void vscode.window.showWarningMessage(t('Open a folder first: the manifest lives at the root of a repository.'));
      return undefined;
    }
    if (without.length === 0) {
      await this.openManifest(arg);
      return undefined;
    }
    const model = await modelFromArgument(without, arg, t('Create ops.yaml in which folder?'));
    if (!model) {
      return undefined;
    }
    const target = model.uriOf(settings.manifestPath(model.folder) || manifestFileNames[0]);
    if (await exists(target)) {
      void vscode.window.showInformationMessage(t('{0} already exists; opening it instead.', vscode.workspace.asRelativePath(target)));
    } else if (this.proposals !== undefined) {
      // The proposal from what the repository already says, in a diff editor to accept.
      await this.proposals.show(model, target);
      return target;
    } else {
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(starterManifest));
    }
    await model.reload();
    await vscode.window.showTextDocument(target);
    return target;
  }

  async reveal(target?: SourceTarget): Promise<void> {
    const source = target?.source;
    const model = this.modelOf(target?.folder);
    if (!source || !model) {
      return;
    }
    const { start, end } = source.range;
    const range = new vscode.Range(start.line, start.column, end.line, end.column);
    await vscode.window.showTextDocument(model.uriOf(source.file), { selection: range, preview: true });
  }

  async openUrl(target?: { url?: string }): Promise<boolean> {
    const url = safeHttpUrl(target?.url);
    if (!url) {
      void vscode.window.showWarningMessage(t('Only http and https links from the manifest are opened.'));
      return false;
    }
    return vscode.env.openExternal(vscode.Uri.parse(url, true));
  }

  private modelOf(folder: string | undefined): RepositoryModel | undefined {
    const all = this.services.models.all;
    return folder ? all.find((m) => m.key === folder) : all.length === 1 ? all[0] : undefined;
  }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
