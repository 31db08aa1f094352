import { didYouMean } from '../core/manifest/didYouMean';
import type { Incident, Manifest } from '../core/model';
import { changeWindow, parseLookBack, pathspecsOf, scopeSystems, sortCommits } from '../core/history/incidentChanges';
import type { SinceOption } from '../core/history/incidentChanges';
import { parseInstant } from '../core/time/timeZone';
import { commitsTouching } from '../node/history/gitHistory';
import { escapeJson } from '../report/escape';
import { changesReport, formatChangesMarkdown, formatChangesText } from '../report/formatChanges';
import { PathIndex } from '../core/paths/pathIndex';
import { hasErrors, loadManifest } from '../node/manifestLoader';
import { exitCodes, fail, instant, loadOptions, printProblems, rootFor, styleFor, workingDirectory } from './commandSupport';
import type { CliIo } from './cliIo';
import type { ChangesCall } from './commands/changesCommand';

/**
 * `change-radar changes`: the commits on the first-parent history that touch an incident's systems
 * (or the systems named) and what they depend on, in the window before it. History work, off the
 * commit path: this module lives in the lazily loaded `cli-extra.js`. Git selects the commits by
 * pathspec (src/node/history/gitHistory.ts); core/history sorts them into systems and says why.
 * Exit 0; 2 for a wrong call, an unknown incident or system, or manifest errors (the answer is
 * still printed from what could be read).
 */
export async function runChanges(call: ChangesCall, io: CliIo): Promise<number> {
  const cwd = workingDirectory(call.options, io);
  const root = await rootFor(cwd, true);
  // The manifest only: the files git lists are sorted against the systems in scope alone, not the whole path index.
  const loaded = printProblems(loadManifest(root, loadOptions(cwd, root, call.options, io, false)), call.options, io);
  const manifest = loaded.manifest;
  if (manifest === undefined) return exitCodes.invalid;
  const now = instant(call.options, loaded, io);
  const incident = call.incident !== undefined ? incidentNamed(manifest, call.incident) : undefined;
  const roots = incident !== undefined ? rootsOf(manifest, incident) : knownSystems(manifest, call.systems ?? []);
  const since = sinceOf(call.since, manifest.timezone);
  const until = call.until !== undefined ? parseInstant(call.until, manifest.timezone) ?? fail(`--until: not a time: ${call.until}`) : undefined;
  const window = changeWindow({
    ...(incident !== undefined ? { incident } : {}), now,
    ...(since !== undefined ? { since } : {}), ...(until !== undefined ? { until } : {}),
  });
  if (typeof window === 'string') fail(window);
  const scope = scopeSystems(manifest.systems, roots, call.depth);
  const inScope = new Set(scope.map((s) => s.id));
  const scoped = manifest.systems.filter((s) => inScope.has(s.id));
  const raw = await commitsTouching(root, { from: window.from, to: window.to, allRefs: call.allRefs, pathspecs: pathspecsOf(scoped) });
  const index = PathIndex.build(scoped.map((s) => ({ id: s.id, patterns: s.paths, exclude: s.exclude })));
  const commits = sortCommits(raw, scope, (path) => index.match(path), window, incident?.started);
  const report = changesReport(incident !== undefined ? {
    id: incident.id, title: incident.title,
    started: incident.started !== undefined ? new Date(incident.started).toISOString() : null,
    resolved: incident.resolved !== undefined ? new Date(incident.resolved).toISOString() : null,
  } : null, window, scope, commits);
  switch (call.options.format) {
    case 'json': io.stdout.write(escapeJson(report) + '\n'); break;
    case 'markdown': io.stdout.write(formatChangesMarkdown(report)); break;
    default: io.stdout.write(formatChangesText(report, styleFor(io.stdout, io)));
  }
  return hasErrors(loaded.problems) ? exitCodes.invalid : exitCodes.ok;
}

function incidentNamed(manifest: Manifest, id: string): Incident {
  const found = manifest.incidents.find((i) => i.id === id);
  if (found !== undefined) return found;
  const hint = didYouMean(id, manifest.incidents.map((i) => i.id));
  return fail(`--incident: no incident '${id}' in the manifest${hint !== undefined ? ` (did you mean '${hint}'?)` : ''}`);
}

/** An incident's systems; `*` (an invalid incident whose systems could not be read) is every system. */
function rootsOf(manifest: Manifest, incident: Incident): string[] {
  if (incident.systems.includes('*')) return manifest.systems.map((s) => s.id);
  if (incident.systems.length === 0) fail(`incident '${incident.id}' names no systems; use --systems a,b`);
  return [...incident.systems];
}

function knownSystems(manifest: Manifest, ids: readonly string[]): string[] {
  const known = manifest.systems.map((s) => s.id);
  for (const id of ids) {
    if (!known.includes(id)) {
      const hint = didYouMean(id, known);
      fail(`--systems: no system '${id}' in the manifest${hint !== undefined ? ` (did you mean '${hint}'?)` : ''}`);
    }
  }
  return [...ids];
}

function sinceOf(text: string | undefined, zone: string): SinceOption | undefined {
  if (text === undefined) return undefined;
  const ms = parseLookBack(text);
  if (ms !== undefined) return { kind: 'duration', ms };
  const at = parseInstant(text, zone);
  return at !== undefined ? { kind: 'instant', at } : fail(`--since expects a duration (24h, 3d) or a time, not '${text}'`);
}
