import * as fs from 'node:fs';
import * as path from 'node:path';
import { runManifestAction } from '../core/edit/manifestActions';
import type { EditResult, FileEdit } from '../core/edit/manifestActions';
import { findRepoRoot } from '../node/gitChanges';
import { createRepoFileReader, loadManifest } from '../node/manifestLoader';
import { ConcurrentChangeError, writeFileAtomic } from '../node/atomicWrite';
import { formatProblems, sortProblems } from '../report/formatProblems';
import type { EditCall } from './editArgs';
import { unifiedDiff } from './unifiedDiff';

/**
 * The write actions of the CLI (`incident`, `freeze`, `override`, `milestone`): read the manifest,
 * let the core compute the edit, then print it (`--dry-run`, a unified diff) or write it
 * atomically, refusing when a file changed since it was read. Exit 0 on success, 2 on a refusal
 * (with the reason on stderr; nothing is written).
 */

interface EditIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly cwd: string;
  readonly clock: { now(): number };
}

const verbs: Record<EditResult['action'], string> = {
  'incident-declare': 'declared incident',
  'incident-update': 'updated incident',
  'incident-resolve': 'resolved incident',
  'freeze-now': 'added freeze',
  'freeze-end': 'ended freeze',
  'freeze-extend': 'extended freeze',
  'override-add': 'approved an override of freeze',
  'milestone-set': 'set the status of milestone',
};

function refuse(io: EditIo, message: string): number {
  io.stderr.write(`change-radar: ${message}\n`);
  return 2;
}

export async function runEdit(call: EditCall, io: EditIo): Promise<number> {
  const requested = path.resolve(io.cwd, call.cwd ?? '.');
  let cwd: string;
  try {
    cwd = fs.realpathSync(requested);
  } catch {
    return refuse(io, `--cwd: no such directory: ${requested}`);
  }
  const root = (await findRepoRoot(cwd)) ?? cwd;
  const loaded = loadManifest(root, { cwd, codeowners: false, ...(call.manifest !== undefined ? { manifestPath: call.manifest } : {}) });
  if (loaded.manifest === undefined || loaded.rootFile === undefined) {
    io.stderr.write(formatProblems(sortProblems([...loaded.problems])));
    return refuse(io, 'the manifest cannot be read; nothing was written');
  }
  // The texts as read now: the core computes the edit from them, and the write checks nothing changed since.
  const read = createRepoFileReader(root);
  const files = new Map<string, string>();
  for (const file of loaded.manifest.files) {
    const text = read(file);
    if (text !== undefined) files.set(file, text);
  }
  const outcome = runManifestAction({ rootFile: loaded.rootFile, baseDir: loaded.baseDir ?? '', files }, call.action, io.clock.now());
  if (!outcome.ok) return refuse(io, `${outcome.error}`);
  const result = outcome.result;
  if (call.dryRun) {
    for (const edit of result.edits) io.stdout.write(unifiedDiff(edit.file, edit.before, edit.after));
    if (call.format === 'text') io.stderr.write(`change-radar: dry run: ${verbs[result.action]} ${result.id} in ${result.file} would be written; nothing was written\n`);
    return 0;
  }
  const changed = result.edits.find((edit) => read(edit.file) !== edit.before);
  if (changed) return refuse(io, `${changed.file} changed while the edit was prepared; nothing was written. Run the command again.`);
  try {
    for (const edit of result.edits) writeEdit(root, edit);
  } catch (error) {
    if (error instanceof ConcurrentChangeError) return refuse(io, `${error.message}. Run the command again.`);
    throw error;
  }
  if (call.format === 'json') {
    io.stdout.write(JSON.stringify({ action: result.action, id: result.id, file: result.file, fields: result.fields, ...(result.note !== undefined ? { note: result.note } : {}) }, null, 2) + '\n');
  } else {
    io.stdout.write(`${verbs[result.action]} ${result.id} in ${result.file}\n`);
    for (const [key, value] of Object.entries(result.fields)) io.stdout.write(`  ${key}: ${Array.isArray(value) ? value.join(', ') : String(value)}\n`);
    if (result.note !== undefined) io.stdout.write(`${result.note}\n`);
  }
  return 0;
}

function writeEdit(root: string, edit: FileEdit): void {
  writeFileAtomic(path.join(root, ...edit.file.split('/')), edit.after, edit.before);
}
