import * as vscode from 'vscode';
import type { RepositoryModel } from '../model/repositoryModel';

/** One model: that one. Several: ask. None: undefined. `placeHolder` says what the pick is for. */
export async function pickModel(models: readonly RepositoryModel[], placeHolder: string): Promise<RepositoryModel | undefined> {
  if (models.length <= 1) {
    return models[0];
  }
  const picked = await vscode.window.showQuickPick(
    models.map((model) => ({ label: model.folder.name, description: model.folder.uri.fsPath, model })),
    { placeHolder },
  );
  return picked?.model;
}

/** The model for a URI argument (from a menu or another command), else the user's choice. */
export async function modelFromArgument(
  candidates: readonly RepositoryModel[],
  argument: unknown,
  placeHolder: string,
): Promise<RepositoryModel | undefined> {
  if (argument instanceof vscode.Uri) {
    const inside = candidates.filter((m) => argument.toString() === m.folder.uri.toString() || m.relativePath(argument) !== undefined);
    if (inside.length > 0) {
      return inside.sort((a, b) => b.folder.uri.path.length - a.folder.uri.path.length)[0];
    }
  }
  return pickModel(candidates, placeHolder);
}
