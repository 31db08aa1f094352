import * as vscode from 'vscode';

/**
 * Where the editor shows an extended (organisation) manifest: a read-only document of its own scheme
 * (language/extendedManifests.ts serves the verified cached text), never a file of the workspace.
 */
export const extendedManifestScheme = 'change-radar-extends';

/** `acme-policy@3f2c1ab:ops.yaml`: the name an extended file's entries and problems are located under. */
const extendedFileName = /^[^/@:]+@[0-9a-f]{7}:/;

export function isExtendedFileName(file: string): boolean {
  return extendedFileName.test(file);
}

/** The read-only document of the extended file `file` (see isExtendedFileName) of the repository at `folder`. */
export function extendedManifestUri(folder: vscode.Uri, file: string): vscode.Uri {
  return vscode.Uri.from({ scheme: extendedManifestScheme, path: `/${file}`, query: folder.fsPath });
}
