import * as vscode from 'vscode';
import { parseCodeowners } from '../../core/paths/codeowners';
import type { Codeowners } from '../../core/paths/codeowners';
import { parseManifest } from '../../core/manifest/manifestParser';
import type { Manifest } from '../../core/model';
import type { Problem } from '../../core/problem';

interface FolderFiles {
  uriOf(relativePath: string): vscode.Uri;
}

export interface ParsedManifest {
  readonly manifest?: Manifest;
  readonly problems: readonly Problem[];
  /** Folder-relative paths the parser asked for (root and includes, found or not). */
  readonly filesRead: readonly string[];
}

/**
 * Reads a file's current text: the editor's buffer when the file is open (so a save or an edit is
 * seen exactly as the user has it), else the file system through VS Code (works remotely too).
 */
export async function readWorkspaceText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) {
    return open.getText();
  }
  try {
    return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/**
 * Parses the manifest with the core parser, whose `readFile` is synchronous: files are read ahead
 * asynchronously, and the parse is repeated while it asks for files (includes) not yet read.
 */
export async function parseManifestFromWorkspace(folder: FolderFiles, rootFile: string, baseDir = ''): Promise<ParsedManifest> {
  const texts = new Map<string, string | undefined>();
  texts.set(rootFile, await readWorkspaceText(folder.uriOf(rootFile)));
  for (let round = 0; ; round++) {
    const missing = new Set<string>();
    const result = parseManifest(rootFile, (file: string) => {
      if (!texts.has(file)) {
        missing.add(file);
        return undefined;
      }
      return texts.get(file);
    }, { baseDir });
    // Includes nest rarely and shallowly; the bound only guards against a parser that keeps asking.
    if (missing.size === 0 || round >= 16) {
      return { manifest: result.manifest, problems: result.problems, filesRead: [...texts.keys()] };
    }
    for (const file of missing) {
      texts.set(file, await readWorkspaceText(folder.uriOf(file)));
    }
  }
}

/** The first CODEOWNERS file found among `candidates`, parsed. */
export async function loadCodeowners(
  folder: FolderFiles,
  candidates: readonly string[],
): Promise<{ file: string; value: Codeowners; problems: readonly Problem[] } | undefined> {
  for (const file of candidates) {
    const text = await readWorkspaceText(folder.uriOf(file));
    if (text !== undefined) {
      const { codeowners, problems } = parseCodeowners(text, file);
      return { file, value: codeowners, problems };
    }
  }
  return undefined;
}
