import * as path from 'node:path';
import { measureCoverage } from '../core/adopt/coverage';
import { proposeManifest } from '../core/adopt/propose';
import { renderProposal } from '../core/adopt/renderProposal';
import { manifestFileNames } from '../core/manifest/manifestLocations';
import { parseManifest } from '../core/manifest/manifestParser';
import type { ProposalNote, ProposalSource } from '../core/adopt/proposal';
import { createFileAtomic, writeFileAtomic } from '../node/atomicWrite';
import { hasRadarCode } from '../core/radarError';
import { checkRepoFile } from '../node/manifestDiscovery';
import { formatProblems } from '../report/formatProblems';
import type { CommonOptions } from './commands/argValues';
import type { CliIo } from './cliIo';
import { AdoptError, coverageLines, repositoryOf, snapshotOf, terminalText } from './adoptSupport';

/**
 * `change-radar init`: proposes `ops.yaml` from CODEOWNERS, Backstage catalog files and workspace
 * package lists (src/core/adopt). Prints it (stdout) with a summary (stderr), or writes it with
 * `--write`, never over an existing file without `--force`, and never through a symbolic link
 * that leads out of the repository (or nowhere). The proposal is parsed before it is
 * shown or written: it always validates.
 */
/** `change-radar init [--from SOURCES] [--write [--force]]`. */
export interface InitCall {
  readonly command: 'init';
  readonly from?: readonly ProposalSource[];
  readonly write: boolean;
  readonly force: boolean;
  readonly options: CommonOptions;
}

export async function runInit(call: InitCall, io: CliIo): Promise<number> {
  try {
    return await init(call, io);
  } catch (error) {
    if (hasRadarCode(error, 'adopt')) {
      io.stderr.write(`change-radar: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

async function init(call: InitCall, io: CliIo): Promise<number> {
  const { cwd, root } = await repositoryOf(call.options.cwd, io.cwd);
  const target = targetFile(root, cwd, call.options.manifest);
  const repo = await snapshotOf(root);
  const proposal = proposeManifest(repo, call.from);
  const text = renderProposal(proposal);
  const parsed = parseManifest(target, (file) => (file === target ? text : undefined));
  const errors = parsed.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0 || parsed.manifest === undefined) {
    // A bug, not the user's: say so rather than write a manifest that does not validate.
    io.stderr.write(formatProblems(errors));
    io.stderr.write('change-radar: the proposed manifest does not validate (a bug in change-radar init; please report it). Nothing written.\n');
    return 2;
  }
  const coverage = measureCoverage(parsed.manifest.systems, repo.files, { ignore: [target] });
  const notes = proposal.sources.flatMap((source) => source.notes);
  const absolute = path.join(root, ...target.split('/'));
  // What is at the name now: a symbolic link counts, even a dangling one (never "absent").
  const check = checkRepoFile(root, target);
  const exists = check.kind !== 'absent';
  let written = false;
  if (call.write) {
    if (exists && !call.force) {
      io.stderr.write(`change-radar: ${target} exists; not overwritten (use --force to replace it, or run without --write to see the proposal)\n`);
      return 2;
    }
    if (check.kind === 'unreadable') throw new AdoptError(`${target} ${check.reason}; nothing was written`);
    await writeManifest(root, absolute, target, text, check.kind === 'file');
    written = true;
  }
  if (call.options.format === 'json') {
    io.stdout.write(JSON.stringify({
      target, written, manifest: text,
      sources: proposal.sources.map((s) => ({ source: s.source, inputs: s.inputs, systems: s.systems.map((system) => system.id), notes: s.notes })),
      coverage,
    }, null, 2) + '\n');
    return 0;
  }
  const summary = summaryLines(proposal.sources.map((s) => ({ source: s.source, systems: s.systems.length, inputs: s.inputs })), notes);
  summary.push(...coverageLines(coverage, ''));
  if (written) {
    io.stdout.write([`Wrote ${target}${exists ? ' (replaced)' : ''}.`, ...summary, `Next: review it, then run 'change-radar validate' and 'change-radar coverage'.`, ''].join('\n'));
  } else {
    io.stdout.write(text);
    io.stderr.write([...summary, `Write it to ${target} with: change-radar init --write${call.from !== undefined ? ` --from ${call.from.join(',')}` : ''}`, ''].join('\n'));
  }
  return 0;
}

/**
 * Writes the proposal: over the existing file (`--force`; a symbolic link to a file inside the
 * repository writes that file), or as a new file, created only if nothing appeared at its name
 * meanwhile. Never a file outside the repository.
 */
async function writeManifest(root: string, absolute: string, target: string, text: string, replace: boolean): Promise<void> {
  try {
    if (replace) await writeFileAtomic(absolute, text, { root });
    else createFileAtomic(absolute, text, root);
  } catch (error) {
    if (hasRadarCode(error, 'unsafe-target', 'lock-busy')) throw new AdoptError(error.message);
    if (typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'EEXIST') {
      throw new AdoptError(`${target} appeared while the proposal was made; not overwritten (run again with --force to replace it)`);
    }
    throw error;
  }
}

/** Where the manifest goes: `ops.yaml` at the repository root, or `-m` (one of the root locations). */
function targetFile(root: string, cwd: string, option: string | undefined): string {
  if (option === undefined) return manifestFileNames[0];
  const relative = path.relative(root, path.resolve(cwd, option)).split(path.sep).join('/');
  if (!manifestFileNames.includes(relative)) {
    throw new AdoptError(`-m: init writes a manifest for the whole repository: ${manifestFileNames.join(' or ')} at its root, not '${terminalText(option)}'`);
  }
  return relative;
}

function summaryLines(sources: readonly { source: string; systems: number; inputs: readonly string[] }[], notes: readonly ProposalNote[]): string[] {
  const lines: string[] = [];
  if (sources.every((s) => s.inputs.length === 0)) {
    lines.push('Found nothing to build systems from: no CODEOWNERS, no catalog-info.yaml, no workspace package list. The proposal has no systems yet.');
  }
  for (const s of sources) {
    const inputs = s.inputs.length === 0 ? 'nothing found' : `${s.inputs.slice(0, 3).map(terminalText).join(', ')}${s.inputs.length > 3 ? ` and ${s.inputs.length - 3} more` : ''}`;
    lines.push(`${s.source}: ${s.systems} system(s) from ${inputs}`);
  }
  for (const note of notes) lines.push(`${terminalText(note.file)}${note.line !== undefined ? `:${note.line}` : ''}: note: ${terminalText(note.message)}`);
  return lines;
}
