import * as fs from 'node:fs';
import * as path from 'node:path';
import { runManifestAction } from '../core/edit/manifestActions';
import type { EditResult } from '../core/edit/manifestActions';
import { findRepoRoot } from '../node/gitChanges';
import { createRepoFileReader, loadManifest } from '../node/manifestLoader';
import type { UnreadableFiles } from '../node/manifestLoader';
import { writeFileAtomic } from '../node/atomicWrite';
import { hasRadarCode } from '../core/radarError';
import { formatProblems, sortProblems } from '../report/formatProblems';
import type { EditCall } from './editArgs';
import { unifiedDiff } from './unifiedDiff';

/**
 * The write actions of the CLI (`incident`, `freeze`, `override`, `milestone`): read the manifest,
 * let the core compute the edit, then print it (`--dry-run`, a unified diff) or write it
 * atomically under the file's lock. When another writer changed the file since it was read, the
 * action is prepared again on the new text (a few times), so parallel runs all land or say why not.
 * Exit 0 on success, 2 on a refusal (with the reason on stderr; nothing is written).
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

/** How often an action is prepared again on the fresh text when another writer changed the file first. */
const maxAttempts = 5;

export async function runEdit(call: EditCall, io: EditIo): Promise<number> {
  const requested = path.resolve(io.cwd, call.cwd ?? '.');
  let cwd: string;
  try {
    cwd = fs.realpathSync(requested);
  } catch {
    return refuse(io, `--cwd: no such directory: ${requested}`);
  }
  const root = (await findRepoRoot(cwd)) ?? cwd;
  const now = io.clock.now();
  for (let attempt = 1; ; attempt++) {
    const prepared = prepare(call, root, cwd, now);
    if (!prepared.ok) {
      if (prepared.problems !== undefined) io.stderr.write(prepared.problems);
      return refuse(io, prepared.error);
    }
    const result = prepared.result;
    if (call.dryRun) {
      for (const edit of result.edits) io.stdout.write(unifiedDiff(edit.file, edit.before, edit.after));
      if (call.format === 'text') io.stderr.write(`change-radar: dry run: ${verbs[result.action]} ${result.id} in ${result.file} would be written; nothing was written\n`);
      return 0;
    }
    let written = 0;
    try {
      // One file at a time, each under its lock and only if it still holds the text the edit was prepared from.
      for (const edit of result.edits) {
        await writeFileAtomic(path.join(root, ...edit.file.split('/')), edit.after, { expected: edit.before, root });
        written++;
      }
    } catch (error) {
      if (hasRadarCode(error, 'concurrent-change')) {
        // Another writer won the race: prepare the action again on the text it left (unless part
        // of this edit is already written: then a second run would apply it twice).
        if (attempt < maxAttempts && written === 0) continue;
        if (written > 0) {
          return refuse(io, `${result.edits[written].file} changed while the edit was prepared and was not written; ${result.edits.slice(0, written).map((e) => e.file).join(', ')} was. Check the files before running the command again.`);
        }
        return refuse(io, `${result.file} changed while the edit was prepared (${maxAttempts} times in a row); nothing was written. Run the command again.`);
      }
      if (hasRadarCode(error, 'unsafe-target', 'lock-busy')) return refuse(io, error.message);
      throw error;
    }
    report(call, result, io);
    return 0;
  }
}

type Prepared = { readonly ok: true; readonly result: EditResult } | { readonly ok: false; readonly error: string; readonly problems?: string };

/** Reads the manifest now and lets the core compute the edit from those texts. */
function prepare(call: EditCall, root: string, cwd: string, now: number): Prepared {
  const loaded = loadManifest(root, { cwd, codeowners: false, ...(call.manifest !== undefined ? { manifestPath: call.manifest } : {}) });
  if (loaded.manifest === undefined || loaded.rootFile === undefined) {
    return { ok: false, error: 'the manifest cannot be read; nothing was written', problems: formatProblems(sortProblems([...loaded.problems])) };
  }
  // The texts as read now: the core computes the edit from them, and the write checks nothing changed since.
  const unreadable: UnreadableFiles = new Map();
  const read = createRepoFileReader(root, unreadable);
  const files = new Map<string, string>();
  for (const file of loaded.manifest.files) {
    const text = read(file);
    if (text !== undefined) files.set(file, text);
  }
  // An include the parser asked for but did not get: why it cannot be read (undefined when it does not exist).
  const whyUnreadable = (file: string): string | undefined => (read(file) === undefined ? unreadable.get(file) : undefined);
  const outcome = runManifestAction({ rootFile: loaded.rootFile, baseDir: loaded.baseDir ?? '', files, unreadable: whyUnreadable }, call.action, now);
  return outcome.ok ? { ok: true, result: outcome.result } : { ok: false, error: outcome.error };
}

function report(call: EditCall, result: EditResult, io: EditIo): void {
  if (call.format === 'json') {
    io.stdout.write(JSON.stringify({ action: result.action, id: result.id, file: result.file, fields: result.fields, ...(result.note !== undefined ? { note: result.note } : {}) }, null, 2) + '\n');
  } else {
    io.stdout.write(`${verbs[result.action]} ${result.id} in ${result.file}\n`);
    for (const [key, value] of Object.entries(result.fields)) io.stdout.write(`  ${key}: ${Array.isArray(value) ? value.join(', ') : String(value)}\n`);
    if (result.note !== undefined) io.stdout.write(`${result.note}\n`);
  }
}
