import * as vscode from 'vscode';
import { acquireLock, readTextOf, resolveWriteTarget } from '../../node/atomicWrite';
import { hasRadarCode } from '../../core/radarError';
import type { FileLock } from '../../node/atomicWrite';
import { checkRepoFile } from '../../node/manifestDiscovery';
import { lazyFeatures } from '../base/lazyFeatures';
import type { EditResult, ManifestAction } from '../../core/edit/manifestActions';
import { manifestBaseDir } from '../../core/manifest/manifestLocations';
import { Settings } from '../constants';
import type { RadarServices } from '../services';
import type { RepositoryModel } from '../model/repositoryModel';
import { t } from '../base/l10n';
import { editRefusalMessage } from './editPhrases';
import { escapeLabel } from '../../report/escape';

/**
 * How a write action's edit reaches the files (writeActions.ts asks the questions): the core
 * computes it, it is applied as one WorkspaceEdit (one undo), saved per `changeRadar.saveAfterEdit`,
 * each file under the CLI's lock and only while it still holds the text the edit was prepared from.
 */

/** What applying an edit needs from the write actions. */
export interface EditContext {
  readonly services: RadarServices;
  now(): number;
  /** Shows a message (kept for the tests). */
  say(kind: 'error' | 'warning' | 'info', text: string, ...items: string[]): Thenable<string | undefined>;
  /** The integration tests' hook: runs once the edit is prepared, before the files are checked and changed. */
  readonly beforeWrite: (() => void | Promise<void>) | undefined;
}

/** The file to write, held under its lock: its real path, checked inside the folder. */
interface LockedFile {
  readonly real: string;
  readonly lock: FileLock;
}


/**
 * Computes the edit with the core, applies it as one WorkspaceEdit, saves per the setting, and
 * reloads. On a local folder each file is written under its lock (the one the CLI takes), only
 * when it is a file inside the folder (symbolic links followed), and only when the file on disk
 * still holds the text the edit was prepared from: a write from outside meanwhile (the CLI, a
 * bot) is never overwritten; the action says so and changes nothing.
 */
export async function applyManifestEdit(context: EditContext, model: RepositoryModel, action: ManifestAction): Promise<EditResult | undefined> {
  const manifestUri = model.snapshot.manifestUri;
  const rootFile = manifestUri ? model.relativePath(manifestUri) : undefined;
  const manifest = model.snapshot.manifest;
  if (rootFile === undefined || manifest === undefined) {
    void context.say('error', t('Change Radar: the manifest cannot be read; fix it first.'));
    return undefined;
  }
  const documents = new Map<string, vscode.TextDocument>();
  const files = new Map<string, string>();
  for (const file of manifest.files) {
    try {
      const document = await vscode.workspace.openTextDocument(model.uriOf(file));
      documents.set(file, document);
      files.set(file, document.getText());
    } catch {
      // A missing include is reported by the parser; the action works on what exists.
    }
  }
  const folder = localFolder(model);
  // An include that exists but cannot be read: the core refuses to append elsewhere while it may hold the section.
  const unreadable = (file: string): string | undefined => {
    if (folder === undefined) return undefined;
    const check = checkRepoFile(folder, file);
    return check.kind === 'unreadable' ? check.reason : undefined;
  };
  const outcome = lazyFeatures().runManifestAction({ rootFile, baseDir: manifestBaseDir(rootFile), files, unreadable }, action, context.now());
  if (!outcome.ok) {
    // The refusal's code and facts, worded for the editor (the CLI's English is `outcome.error`).
    void context.say('error', t('Change Radar: {0}', editRefusalMessage(outcome.refusal)));
    return undefined;
  }
  const result = outcome.result;
  await context.beforeWrite?.();
  const locked: LockedFile[] = [];
  try {
    const refusal = await lockAndCheck(model, folder, result, documents, locked);
    if (refusal !== undefined) {
      void context.say('error', t('Change Radar: {0}', refusal));
      return undefined;
    }
    const edit = new vscode.WorkspaceEdit();
    for (const fileEdit of result.edits) {
      const document = documents.get(fileEdit.file);
      if (!document) return undefined;
      for (const splice of fileEdit.splices) {
        edit.replace(document.uri, new vscode.Range(document.positionAt(splice.start), document.positionAt(splice.end)), splice.insert);
      }
    }
    if (!(await vscode.workspace.applyEdit(edit))) {
      void context.say('error', t('Change Radar: the edit could not be applied.'));
      return undefined;
    }
    const save = vscode.workspace.getConfiguration().get<boolean>(Settings.saveAfterEdit, true);
    for (const fileEdit of result.edits) {
      const document = documents.get(fileEdit.file);
      if (document && save && !(await document.save())) {
        void context.say('error', t('Change Radar: the edit is in the editor, but {0} could not be saved (did it change on disk?). Compare, then save or undo.', fileEdit.file));
      }
    }
  } catch (error) {
    if (hasRadarCode(error, 'unsafe-target', 'lock-busy')) {
      void context.say('error', t('Change Radar: {0}', error.message));
      return undefined;
    }
    throw error;
  } finally {
    for (const file of locked) file.lock.release();
  }
  await model.reload();
  context.services.status.recompute();
  context.services.impact.recompute();
  // A note is the CLI's English; the one note there is (a recurring freeze ended by an override) is worded here from its facts.
  const note = result.lifted !== undefined
    ? t('recurring freeze {0} keeps its schedule: an override lifts the current window until {1}', escapeLabel(result.lifted.id), result.lifted.until)
    : result.note;
  const summary = note !== undefined ? t('{0} ({1}).', describe(result), note) : t('{0}.', describe(result));
  const show = t('Show');
  void context.say('info', t('Change Radar: {0}', summary), show).then((choice) => {
    if (choice === show) void vscode.window.showTextDocument(model.uriOf(result.file), { preview: true });
  });
  return result;
}

/**
 * Takes the lock of every file the edit changes (pushed to `locked`, released by the caller) and
 * checks each: the editor still holds the text the edit was prepared from, and on a local folder
 * the file is inside it and, unless the editor has unsaved changes, holds that text on disk too.
 * The reason to refuse, or undefined.
 */
async function lockAndCheck(
  model: RepositoryModel,
  folder: string | undefined,
  result: EditResult,
  documents: ReadonlyMap<string, vscode.TextDocument>,
  locked: LockedFile[],
): Promise<string | undefined> {
  for (const fileEdit of result.edits) {
    const document = documents.get(fileEdit.file);
    if (!document || document.getText() !== fileEdit.before) {
      return t('{0} changed while the edit was prepared; nothing was changed. Try again.', fileEdit.file);
    }
    if (folder === undefined) continue;
    const real = resolveWriteTarget(model.uriOf(fileEdit.file).fsPath, folder);
    locked.push({ real, lock: await acquireLock(real, { waitMs: 5_000 }) });
    // Not dirty: the editor shows the file as it was read; the disk must still hold that text.
    // (With unsaved changes the editor's text is the user's; saving it is VS Code's own conflict check.)
    if (!document.isDirty && readTextOf(real).text !== fileEdit.before) {
      return t('{0} changed on disk while the edit was prepared (another change-radar command or program wrote it); nothing was changed. Try again on the new text.', fileEdit.file);
    }
  }
  return undefined;
}


/** The folder's path on this machine, when it is a local folder (where files, links and locks can be checked). */
function localFolder(model: RepositoryModel): string | undefined {
  return model.folder.uri.scheme === 'file' ? model.folder.uri.fsPath : undefined;
}

/** A field as written (a list joined), or undefined. */
function field(result: EditResult, key: string): string | undefined {
  const value = result.fields[key];
  return value === undefined ? undefined : typeof value === 'string' ? value : value.join(', ');
}

/** What the action did, in one sentence without its period: `Freeze "Ledger repair" added to ops.yaml (until 2026-12-05 16:00)`. */
function describe(result: EditResult): string {
  const { id, file } = result;
  const until = field(result, 'end');
  switch (result.action) {
    case 'incident-declare': return t('Incident {0} "{1}" declared in {2}', id, field(result, 'title') ?? id, file);
    case 'incident-update': return t('Incident {0} updated in {1} ({2})', id, file, Object.keys(result.fields).map((key) => `${key}: ${field(result, key) ?? ''}`).join(', '));
    case 'incident-resolve': return t('Incident {0} resolved in {1}', id, file);
    case 'freeze-now': return until !== undefined
      ? t('Freeze "{0}" added to {1} (until {2})', field(result, 'title') ?? id, file, until)
      : t('Freeze "{0}" added to {1}', field(result, 'title') ?? id, file);
    case 'freeze-end': return until !== undefined ? t('Freeze {0} ended in {1} (at {2})', id, file, until) : t('Freeze {0} ended in {1}', id, file);
    case 'freeze-extend': return t('Freeze {0} extended in {1} (until {2})', id, file, until ?? '');
    case 'override-add': {
      const expires = field(result, 'expires');
      return expires !== undefined ? t('Override of freeze {0} approved in {1} (until {2})', id, file, expires) : t('Override of freeze {0} approved in {1}', id, file);
    }
    case 'milestone-set': return t('Milestone {0} set to {1} in {2}', id, field(result, 'status') ?? '', file);
  }
}
