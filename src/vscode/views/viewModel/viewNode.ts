import { escapeText } from '../../../report/escape';
import type { SourceLocation } from '../../../core/problem';
import { fitRows } from './rowText';

/**
 * One row of a Change Radar tree, as plain data. View models build these from engine reports in
 * plain Node (unit-tested); `NodeTreeProvider` turns each into a fresh `vscode.TreeItem`.
 * The integration tests read the same data through the extension's test API.
 */
export interface ViewNode {
  /** Unique within its view and stable across refreshes (keeps expansion state). */
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  /** Markdown shown as an untrusted `MarkdownString` (no command links). */
  readonly tooltip?: string;
  readonly icon?: NodeIcon;
  /** `viewItem` for menus, e.g. `incident`, `incident.url`. */
  readonly contextValue?: string;
  readonly children: readonly ViewNode[];
  /** Shown expanded the first time; only meaningful with children. */
  readonly expanded?: boolean;
  /** Key of the workspace folder the row belongs to (its URI string); targets are relative to it. */
  readonly folder?: string;
  /** Entry in the manifest this row stands for (`Reveal in ops.yaml`, and the click target when no file). */
  readonly source?: SourceLocation;
  /** Folder-relative path of a file the row opens on click. */
  readonly file?: string;
  /** Link the row can open (already checked to be http or https). */
  readonly url?: string;
  /** Children computed when the row is expanded (the view's `lazyChildren`), not with the view. */
  readonly lazy?: boolean;
  /** Command run when the row is clicked, with the row as its argument. */
  readonly command?: string;
  /**
   * What a screen reader says for the row: its state in words, never only an icon or its colour
   * (`Blocked: Holiday freeze on checkout, until January 4`). Plain text; `accessibilityLabel`
   * gives the default when absent.
   */
  readonly accessibility?: string;
}

export interface NodeIcon {
  /** Codicon id, e.g. `flame`. */
  readonly id: string;
  /** Theme colour id, e.g. `charts.red`. */
  readonly color?: string;
}

/** A row; its label and description are plain text with control and bidi characters shown escaped. */
export function node(fields: Omit<ViewNode, 'children'> & { children?: readonly ViewNode[] }): ViewNode {
  return {
    ...fields,
    label: escapeText(fields.label),
    ...(fields.description !== undefined ? { description: escapeText(fields.description) } : {}),
    ...(fields.accessibility !== undefined ? { accessibility: escapeText(fields.accessibility) } : {}),
    children: fields.children ?? [],
  };
}

/**
 * The row's screen-reader label: its own `accessibility` text, else its label and description read
 * as one phrase (the description's `·` separators read as commas).
 */
export function accessibilityLabel(n: Pick<ViewNode, 'label' | 'description' | 'accessibility'>): string {
  if (n.accessibility !== undefined && n.accessibility !== '') return n.accessibility;
  const description = n.description?.split(' · ').filter((part) => part !== '').join(', ');
  return description ? `${n.label}, ${description}` : n.label;
}

/** Stamps a folder key on every row that does not have one. */
function withFolder(nodes: readonly ViewNode[], folder: string): ViewNode[] {
  return nodes.map((n) => ({ ...n, folder: n.folder ?? folder, children: withFolder(n.children, folder) }));
}

export interface FolderNodes {
  readonly folder: string;
  readonly name: string;
  readonly nodes: readonly ViewNode[];
}

/**
 * One folder: its rows as they are. Several: a folder row each (ids prefixed to stay unique), so a
 * multi-root workspace reads per repository; the folder row pushes every row one level deeper, where
 * a row that no longer fits the sidebar's width is shortened (rowText.ts, `fitRows`).
 */
export function groupByFolder(viewId: string, folders: readonly FolderNodes[]): ViewNode[] {
  return uniqueIds(grouped(viewId, folders), new Set());
}

/**
 * Tree ids must be unique or VS Code refuses the whole tree. A manifest with errors can hold two
 * entries with one id (a duplicated freeze stays, in force): later ones get `~2`, `~3`, ….
 */
function uniqueIds(nodes: readonly ViewNode[], seen: Set<string>): ViewNode[] {
  return nodes.map((n) => {
    let id = n.id;
    for (let copy = 2; seen.has(id); copy++) id = `${n.id}~${copy}`;
    seen.add(id);
    return { ...n, id, children: uniqueIds(n.children, seen) };
  });
}

function grouped(viewId: string, folders: readonly FolderNodes[]): ViewNode[] {
  if (folders.length === 1) {
    return withFolder(folders[0].nodes, folders[0].folder);
  }
  return folders.map((f) =>
    node({
      id: `${viewId}/folder/${f.folder}`,
      label: f.name,
      icon: { id: 'root-folder' },
      contextValue: 'folder',
      folder: f.folder,
      expanded: true,
      children: prefixIds(withFolder(fitRows(f.nodes, 1), f.folder), f.folder),
    }),
  );
}

function prefixIds(nodes: readonly ViewNode[], prefix: string): ViewNode[] {
  return nodes.map((n) => ({ ...n, id: `${prefix}#${n.id}`, children: prefixIds(n.children, prefix) }));
}

/** Flattens a tree to `label — description` lines with indentation; handy in tests and logs. */
export function outline(nodes: readonly ViewNode[], depth = 0): string[] {
  return nodes.flatMap((n) => [
    `${'  '.repeat(depth)}${n.label}${n.description ? ` — ${n.description}` : ''}`,
    ...outline(n.children, depth + 1),
  ]);
}
