import * as vscode from 'vscode';
import { escapeText } from '../../report/escape';
import { Commands } from '../constants';
import { Disposable } from '../base/disposable';
import { accessibilityLabel } from './viewModel/viewNode';
import type { ViewNode } from './viewModel/viewNode';
import { t } from '../base/l10n';

/**
 * Serves plain `ViewNode` data to a tree view; `getTreeItem` builds a fresh `TreeItem` each time.
 * `nodes()` is asked for the top level whenever the view refreshes.
 */
export class NodeTreeProvider extends Disposable implements vscode.TreeDataProvider<ViewNode> {
  private readonly onDidChangeEmitter = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeTreeData = this.onDidChangeEmitter.event;
  private readonly parents = new WeakMap<ViewNode, ViewNode>();

  constructor(
    private readonly nodes: () => readonly ViewNode[],
    private readonly folderUri: (folder: string | undefined) => vscode.Uri | undefined,
    private readonly lazyChildren?: (element: ViewNode) => Promise<readonly ViewNode[]>,
  ) {
    super();
  }

  refresh(): void {
    this.onDidChangeEmitter.fire();
  }

  getChildren(element?: ViewNode): ViewNode[] | Promise<ViewNode[]> {
    if (element?.lazy === true && this.lazyChildren) {
      return this.lazyChildren(element).then((loaded) => {
        loaded.forEach((c) => this.parents.set(c, element));
        return [...loaded];
      });
    }
    const children = [...(element ? element.children : this.nodes())];
    if (element) {
      children.forEach((c) => this.parents.set(c, element));
    }
    return children;
  }

  getParent(element: ViewNode): ViewNode | undefined {
    return this.parents.get(element);
  }

  getTreeItem(n: ViewNode): vscode.TreeItem {
    const state =
      n.children.length === 0 && n.lazy !== true
        ? vscode.TreeItemCollapsibleState.None
        : n.expanded
          ? vscode.TreeItemCollapsibleState.Expanded
          : vscode.TreeItemCollapsibleState.Collapsed;
    // Labels and descriptions are plain text, but manifest text in them must not carry control or
    // bidi characters: shown escaped (report/escape.ts).
    const item = new vscode.TreeItem(escapeText(n.label), state);
    item.id = n.id;
    item.description = n.description === undefined ? undefined : escapeText(n.description);
    item.contextValue = n.contextValue;
    // Screen readers hear the state in words (an icon's colour says nothing to them).
    item.accessibilityInformation = { label: escapeText(accessibilityLabel(n)) };
    if (n.tooltip) {
      // Manifest text is not trusted: no command links, no HTML.
      const tooltip = new vscode.MarkdownString(n.tooltip, false);
      tooltip.isTrusted = false;
      tooltip.supportHtml = false;
      tooltip.supportThemeIcons = false;
      item.tooltip = tooltip;
    }
    if (n.icon) {
      item.iconPath = new vscode.ThemeIcon(n.icon.id, n.icon.color ? new vscode.ThemeColor(n.icon.color) : undefined);
    }
    const root = this.folderUri(n.folder);
    if (n.file && root) {
      const uri = vscode.Uri.joinPath(root, ...n.file.split('/'));
      item.resourceUri = uri;
      item.iconPath = vscode.ThemeIcon.File;
      item.command = { command: 'vscode.open', title: t('Open File'), arguments: [uri] };
    } else if (n.command) {
      item.command = { command: n.command, title: t('Open'), arguments: [n] };
    } else if (n.source) {
      item.command = { command: Commands.revealInManifest, title: t('Reveal in ops.yaml'), arguments: [n] };
    }
    return item;
  }
}
