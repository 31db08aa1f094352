import type * as vscode from 'vscode';
import type { RepositoryModel } from '../model/repositoryModel';
import type { WorkspaceModel } from '../model/workspaceModel';
import { t } from '../base/l10n';

/** Banner for views while a manifest is invalid; nothing goes blank, but the user must know. */
export function invalidManifestBanner(models: WorkspaceModel): string | undefined {
  const invalid = models.withManifest.filter((m) => m.snapshot.invalid);
  if (invalid.length === 0) {
    return undefined;
  }
  const names = invalid.map((m) => describeManifest(m, models.withManifest.length > 1)).join(', ');
  const shown = invalid.some((m) => m.snapshot.manifest)
    ? t('{0} has errors — showing what can be read; invalid freezes are treated as in force. See the Problems panel.', names)
    : t('{0} has errors — nothing can be read yet. See the Problems panel.', names);
  return `⚠ ${shown}`;
}

function describeManifest(model: RepositoryModel, withFolder: boolean): string {
  const rel = model.snapshot.manifestUri ? model.relativePath(model.snapshot.manifestUri) : 'ops.yaml';
  return withFolder ? `${model.folder.name}/${rel}` : (rel ?? 'ops.yaml');
}

/** Joins non-empty message parts into one `TreeView.message`. */
export function joinMessages(...parts: ReadonlyArray<string | undefined>): string | undefined {
  const present = parts.filter((p): p is string => !!p);
  return present.length > 0 ? present.join(' ') : undefined;
}

/** Resolves a row's folder key to its folder URI (a single folder needs no key). */
export function folderResolver(models: WorkspaceModel): (folder: string | undefined) => vscode.Uri | undefined {
  return (folder) => {
    const all = models.all;
    const model = folder ? all.find((m) => m.key === folder) : all.length === 1 ? all[0] : undefined;
    return model?.folder.uri;
  };
}
