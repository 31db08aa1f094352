import * as vscode from 'vscode';
import { explainPath } from '../../core/evaluate/engine';
import type { SourceLocation } from '../../core/problem';
import { formatImpactMarkdown } from '../../report/formatMarkdown';
import { Commands } from '../constants';
import { Disposable } from '../base/disposable';
import type { RadarServices } from '../services';
import { explanationItems, statusItems } from '../views/viewModel/insightItems';
import type { InsightItem } from '../views/viewModel/insightItems';
import { t } from '../base/l10n';
import { localRiskPhrases } from '../model/riskPhrases';

/** Explain Current File, Show Status and Copy Impact Report. */
export class InsightCommands extends Disposable {
  constructor(private readonly services: RadarServices) {
    super();
  }

  /** What the CLI's `explain` says about a file, as a quick pick; picking a row reveals its entry. */
  explainFile(arg?: unknown): InsightItem[] | undefined {
    const uri = this.uriOf(arg) ?? vscode.window.activeTextEditor?.document.uri;
    if (!uri) {
      void vscode.window.showInformationMessage(t('Open a file to explain it.'));
      return undefined;
    }
    const model = this.services.models.modelFor(uri);
    const compiled = model?.snapshot.model;
    const path = model?.relativePath(uri);
    if (!model || !compiled || path === undefined) {
      void vscode.window.showInformationMessage(t('{0} is not in a folder with a valid Change Radar manifest.', vscode.workspace.asRelativePath(uri)));
      return undefined;
    }
    const at = this.services.clock.now();
    const explanation = explainPath(compiled, path, at, { horizonMs: this.services.settings.horizonMs(model.folder), riskPhrases: localRiskPhrases });
    const items = explanationItems(explanation, at);
    void this.pick(items, `Change Radar: ${path}`, model.key);
    return items;
  }

  showStatus(): InsightItem[] {
    const { status } = this.services;
    const multi = status.all.length > 1;
    const items = status.all.flatMap((s) => {
      const rows = statusItems(s.report, s.at).map((item) => ({ ...item, folder: s.model.key }));
      return multi ? [{ label: s.model.folder.name, kind: 'separator' as const }, ...rows] : rows;
    });
    if (status.all.length === 0) {
      void vscode.window.showInformationMessage(t('No Change Radar manifest in this workspace.'));
      return [];
    }
    void this.pick(items, t('Change Radar status'), undefined);
    return items;
  }

  /** Puts the impact report of the current changes (markdown, as `change-radar check --format markdown`) on the clipboard. */
  async copyImpactReport(): Promise<string | undefined> {
    const { impact, git } = this.services;
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(t('Change impact needs git, which Change Radar does not run in an untrusted workspace.'));
      return undefined;
    }
    await git.start();
    impact.recompute();
    if (impact.all.length === 0) {
      void vscode.window.showInformationMessage(t('No changes to report: no repository with a manifest and git changes.'));
      return undefined;
    }
    const multi = impact.all.length > 1;
    const text = impact.all
      // The Markdown is the CLI's (`check --format markdown`), English whatever the display language.
      .map((i) => (multi ? `## ${i.model.folder.name}\n\n${formatImpactMarkdown(impact.englishReport(i))}` : formatImpactMarkdown(impact.englishReport(i))))
      .join('\n\n');
    await vscode.env.clipboard.writeText(text);
    void vscode.window.showInformationMessage(t('Change Radar: impact report copied as Markdown.'));
    return text;
  }

  /** A URI (explorer, editor title, code action) or a file row of the Change Impact view. */
  private uriOf(arg: unknown): vscode.Uri | undefined {
    if (arg instanceof vscode.Uri) {
      return arg;
    }
    const row = arg as { file?: unknown; folder?: unknown } | undefined;
    if (typeof row?.file === 'string') {
      const all = this.services.models.all;
      const model = typeof row.folder === 'string' ? all.find((m) => m.key === row.folder) : all[0];
      return model?.uriOf(row.file);
    }
    return undefined;
  }

  private async pick(items: readonly InsightItem[], title: string, folder: string | undefined): Promise<void> {
    const quickPickItems = items.map((item) => ({
      label: item.label,
      description: item.description,
      detail: item.detail,
      kind: item.kind === 'separator' ? vscode.QuickPickItemKind.Separator : vscode.QuickPickItemKind.Default,
      item,
    }));
    const picked = await vscode.window.showQuickPick(quickPickItems, { title, matchOnDescription: true, matchOnDetail: true });
    const source: SourceLocation | undefined = picked?.item.source;
    if (source) {
      await vscode.commands.executeCommand(Commands.revealInManifest, { source, folder: picked?.item.folder ?? folder });
    }
  }
}
