import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { parseCodeowners } from '../../core/paths/codeowners';
import type { Codeowners } from '../../core/paths/codeowners';
import { lazyFeatures } from '../base/lazyFeatures';
import type { CodeownersLookup } from '../../core/evaluate/engine';
import type { Manifest } from '../../core/model';
import type { Problem } from '../../core/problem';
import { recordingReader, sha256 } from '../../node/manifestCache';
import type { FileProbe } from '../../node/manifestCache';
import type { FolderCaches } from './parseCache';

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
 * Files on the extension host's own disk (`file:`, also in a remote window) are read directly and
 * synchronously: manifests are small, and at start-up an await on `workspace.fs` was measured
 * waiting about half a second behind the host's other work (in a 100,000-file repository).
 */
export async function readWorkspaceText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) {
    return open.getText();
  }
  try {
    const bytes = uri.scheme === 'file' ? fs.readFileSync(uri.fsPath) : await vscode.workspace.fs.readFile(uri);
    return new TextDecoder('utf-8').decode(bytes);
  } catch {
    return undefined;
  }
}

/** Whether `uri` is a file (following symbolic links); `file:` URIs are checked directly, as in readWorkspaceText. */
export async function isFile(uri: vscode.Uri): Promise<boolean> {
  try {
    return uri.scheme === 'file' ? fs.statSync(uri.fsPath).isFile() : (await vscode.workspace.fs.stat(uri)).type & vscode.FileType.File ? true : false;
  } catch {
    return false;
  }
}

/**
 * Parses the manifest with the core parser, whose `readFile` is synchronous: files are read ahead
 * asynchronously, and the parse is repeated while it asks for files (includes) not yet read.
 * With `cache` (see parseCache.ts), an entry whose files all read the same now is used instead of
 * parsing, and a parse is stored for the next time.
 */
export async function parseManifestFromWorkspace(folder: FolderFiles, rootFile: string, baseDir = '', cache?: FolderCaches): Promise<ParsedManifest> {
  const texts = new Map<string, string | undefined>();
  texts.set(rootFile, await readWorkspaceText(folder.uriOf(rootFile)));
  const key = cache ? `${cache.key}\0${rootFile}\0${baseDir}` : '';
  // What a file reads as for the cache: the hash of its text (the editor's when open). The extension's
  // entries are its own (key and build), so they are written and checked with this same probe.
  const probeOf = (file: string): FileProbe => {
    const text = texts.get(file);
    return text === undefined ? { hash: null, reason: 'absent' } : { hash: sha256(text), reason: null };
  };
  // The entry's files are read as the check asks for them (an entry that differs stops at its first changed file).
  for (let round = 0; cache && round < 16; round++) {
    const missing = new Set<string>();
    const asked = new Set<string>();
    const hit = cache.manifests.get(key, (file) => {
      if (!texts.has(file)) {
        missing.add(file);
        return { hash: null, reason: 'not read yet' };
      }
      asked.add(file);
      return probeOf(file);
    });
    if (hit && missing.size === 0) {
      return { manifest: hit.manifest, problems: hit.problems, filesRead: [...asked] };
    }
    if (missing.size === 0) {
      break;
    }
    for (const file of missing) {
      texts.set(file, await readWorkspaceText(folder.uriOf(file)));
    }
  }
  for (let round = 0; ; round++) {
    const missing = new Set<string>();
    const reader = recordingReader((file: string) => {
      if (!texts.has(file)) {
        missing.add(file);
        return undefined;
      }
      return texts.get(file);
    }, probeOf);
    const result = lazyFeatures().parseManifest(rootFile, reader.read, { baseDir });
    // Includes nest rarely and shallowly; the bound only guards against a parser that keeps asking.
    if (missing.size === 0 || round >= 16) {
      if (cache && missing.size === 0) {
        cache.manifests.set(key, reader.reads(), { manifest: result.manifest, problems: result.problems });
      }
      // What the parse asked for (the texts may also hold files a stale cache entry asked for).
      return { manifest: result.manifest, problems: result.problems, filesRead: [...new Set([rootFile, ...reader.reads().map(([file]) => file)])] };
    }
    for (const file of missing) {
      texts.set(file, await readWorkspaceText(folder.uriOf(file)));
    }
  }
}

/**
 * The first CODEOWNERS file found among `candidates`. Its rules are parsed on the first question
 * (the engine asks only when it judges a change, never to show the views), so a window's first
 * views do not wait for a large CODEOWNERS file.
 */
export async function loadCodeowners(
  folder: FolderFiles,
  candidates: readonly string[],
): Promise<{ file: string; value: CodeownersLookup } | undefined> {
  for (const file of candidates) {
    const text = await readWorkspaceText(folder.uriOf(file));
    if (text !== undefined) {
      let parsed: Codeowners | undefined;
      return { file, value: { ownersOf: (path) => (parsed ??= parseCodeowners(text, file).codeowners).ownersOf(path) } };
    }
  }
  return undefined;
}
