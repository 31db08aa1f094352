import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { worktreeSource } from '../../node/repoSource';
import type { RepoSource } from '../../node/repoSource';

/**
 * Reads a file's current text: the editor's buffer when the file is open (so a save or an edit is
 * seen exactly as the user has it), else the file system through VS Code (works remotely too).
 * Files on the extension host's own disk (`file:`, also in a remote window) are read directly and
 * synchronously: manifests are small, and at start-up an await on `workspace.fs` was measured
 * waiting about half a second behind the host's other work (in a 100,000-file repository).
 */
export async function readWorkspaceText(uri: vscode.Uri): Promise<string | undefined> {
  const open = openText(uri);
  if (open !== undefined) {
    return open;
  }
  try {
    const bytes = uri.scheme === 'file' ? fs.readFileSync(uri.fsPath) : await vscode.workspace.fs.readFile(uri);
    return new TextDecoder('utf-8').decode(bytes);
  } catch {
    return undefined;
  }
}

/** The text of an open editor for `uri` (unsaved edits included), if one is open. */
function openText(uri: vscode.Uri): string | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((document) => document.uri.toString() === key)?.getText();
}

/**
 * The files of a workspace folder on disk as the editor has them: the text of an open editor where
 * there is one (a save or an edit is seen exactly as the user has it), else the file. The same
 * refusals as every other source (src/node/repoSource.ts): a symbolic link leading out of the
 * folder is not read, even from an editor.
 */
export function editorSource(folder: vscode.Uri): RepoSource {
  const disk = worktreeSource(folder.fsPath);
  const buffers = new Map<string, string>();
  return {
    ...disk,
    check: (file) => {
      const checked = disk.check(file);
      if (checked.kind === 'unreadable') return checked;
      const text = openText(vscode.Uri.joinPath(folder, ...file.split('/')));
      if (text === undefined) return checked;
      const realPath = checked.kind === 'file' ? checked.realPath : path.join(folder.fsPath, ...file.split('/'));
      buffers.set(realPath, text);
      return { kind: 'file', realPath };
    },
    read: (realPath) => {
      const text = buffers.get(realPath);
      return text !== undefined ? Buffer.from(text, 'utf8') : disk.read(realPath);
    },
  };
}
