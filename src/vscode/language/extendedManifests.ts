import * as vscode from 'vscode';
import { cachedExtendedText } from '../../node/extends/extendsStore';
import { Disposable } from '../base/disposable';
import { extendedManifestScheme } from '../model/extendedManifestUri';

/**
 * Serves extended (organisation) manifests read-only, from the verified cache under
 * `.git/change-radar/extends/`: where a view row, a problem or a reveal of an organisation entry
 * leads. Never fetches; a file not cached (or not verifying) reads as a one-line note.
 */
export class ExtendedManifests extends Disposable {
  constructor() {
    super();
    this._register(vscode.workspace.registerTextDocumentContentProvider(extendedManifestScheme, {
      provideTextDocumentContent: (uri) => cachedExtendedText(uri.query, uri.path.slice(1))
        ?? `# ${uri.path.slice(1)} is not in the cache (.git/change-radar/extends): run change-radar extends fetch\n`,
    }));
  }
}
