import * as vscode from 'vscode';
import { bundleHash } from '../../node/buildIdentity';
import { ManifestCache, ValueCache, cacheDisabled } from '../../node/manifestCache';

/**
 * The parsed-manifest cache of the CLI (src/node/manifestCache.ts, under `<git dir>/change-radar/`)
 * for a workspace folder, so that opening a window on an unchanged manifest does not parse it again.
 * Never stale for the same reason as in the CLI: an entry is used only when every file the parse
 * read gives the same text now (the editor's text when the file is open). The extension writes its
 * own entries (its key and build differ from the CLI's), and only where the folder is the root of a
 * git work tree on disk, in a trusted workspace (the cache is a file Change Radar writes).
 */
export interface FolderCaches {
  readonly manifests: ManifestCache;
  readonly values: ValueCache;
  /** Distinguishes this folder's entries from the CLI's and from other folders'. */
  readonly key: string;
}

let build: string | undefined;

/**
 * This extension's build: its version and a hash of the running bundle and of the bundle that
 * parses (`extension-features.js` beside it, see base/lazyFeatures.ts), so an older build never
 * reads a newer one's entries.
 */
function buildIdentity(): string {
  if (build === undefined) {
    const version = (vscode.extensions.getExtension('change-radar.change-radar')?.packageJSON as { version?: string } | undefined)?.version ?? '0';
    build = `vscode:${version}:${bundleHash(__filename, 'extension-features.js')}`;
  }
  return build;
}

export function folderCaches(folder: vscode.Uri): FolderCaches | undefined {
  if (folder.scheme !== 'file' || !vscode.workspace.isTrusted || cacheDisabled(process.env)) {
    return undefined;
  }
  const identity = buildIdentity();
  const manifests = ManifestCache.forRepo(folder.fsPath, identity);
  const values = ValueCache.forRepo(folder.fsPath, identity);
  return manifests && values ? { manifests, values, key: `vscode\0${folder.fsPath}` } : undefined;
}
