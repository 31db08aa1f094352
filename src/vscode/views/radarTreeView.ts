import * as vscode from 'vscode';
import type { ViewId } from '../constants';
import { Disposable } from '../base/disposable';
import { NodeTreeProvider } from './nodeTreeProvider';
import type { ViewNode } from './viewModel/viewNode';

/** What a view shows, independent of how VS Code renders it. */
export interface ViewContent {
  readonly nodes: readonly ViewNode[];
  /** Shown above the rows (banner for an invalid manifest, or why the view is empty). */
  readonly message?: string;
  readonly badge?: vscode.ViewBadge;
}

/**
 * One Change Radar tree view: recomputes its content on the given events and hands the rows to a
 * `NodeTreeProvider`. Content is computed lazily, once per change, and kept for the test API.
 */
export class RadarTreeView extends Disposable {
  private content: ViewContent | undefined;
  private readonly provider: NodeTreeProvider;
  readonly view: vscode.TreeView<ViewNode>;

  constructor(
    readonly id: ViewId,
    private readonly compute: () => ViewContent,
    changes: readonly vscode.Event<unknown>[],
    folderUri: (folder: string | undefined) => vscode.Uri | undefined,
    lazyChildren?: (element: ViewNode) => Promise<readonly ViewNode[]>,
  ) {
    super();
    this.provider = this._register(new NodeTreeProvider(() => this.current.nodes, folderUri, lazyChildren));
    this.view = this._register(vscode.window.createTreeView(id, { treeDataProvider: this.provider, showCollapseAll: true }));
    for (const event of changes) {
      this._register(event(() => this.update()));
    }
    this.update();
  }

  get current(): ViewContent {
    this.content ??= this.compute();
    return this.content;
  }

  /** A row's children as the tree gets them (a lazy row's are computed): for the test API. */
  async childrenOf(element: ViewNode): Promise<ViewNode[]> {
    return this.provider.getChildren(element);
  }

  /** The `TreeItem` VS Code gets for a row (for the test API). */
  treeItem(element: ViewNode): vscode.TreeItem {
    return this.provider.getTreeItem(element);
  }

  update(): void {
    this.content = this.compute();
    this.view.message = this.content.message;
    this.view.badge = this.content.badge;
    this.provider.refresh();
  }
}
