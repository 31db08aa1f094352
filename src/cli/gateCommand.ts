import { didYouMean } from '../core/manifest/didYouMean';
import { compileModel } from '../core/evaluate/engine';
import type { ChangeModel } from '../core/evaluate/engine';
import { gateAnswer } from '../core/evaluate/gate';
import type { GateAnswer, GateHit, GateSubject } from '../core/evaluate/gate';
import { formatInZone, parseInstant } from '../core/time/timeZone';
import { baseOfChange, judgedManifest, loadForChange } from '../node/changeManifest';
import type { ChangeView } from '../node/changeManifest';
import { hasErrors } from '../node/manifestLoader';
import { escapeJson, escapeMarkdown, escapeText } from '../report/escape';
import type { CliIo } from './cliIo';
import { exitCodes, fail, instant, loadOptions, outcome, pathIndexFor, printProblems, rootFor, workingDirectory } from './commandSupport';
import type { GateCall, PlannedWindow } from './gateArgs';
import { parseGateDuration } from './gateArgs';
import { defaultLiveTimeoutMs, withLiveSources } from './liveSources';
import { expandPath } from './pathArguments';

/**
 * `change-radar gate`: may a deploy of these systems (or paths) run at T, or at any moment of a
 * window? Exit 1 when a block freeze (or an incident acting as one) applies, 0 when none does, 2 on
 * bad input (or manifest errors with nothing blocking, as `check`). The manifest is read as `check
 * PATHS` reads it (the working tree, through loadForChange/judgedManifest), and the core's
 * gateAnswer judges each stretch as `check --at` would. Loaded with the commands a commit never runs.
 */
export async function runGate(call: GateCall, io: CliIo): Promise<number> {
  const cwd = workingDirectory(call.options, io);
  const root = await rootFor(cwd, false);
  const view: ChangeView = { kind: 'paths' };
  const options = loadOptions(cwd, root, call.options, io, false);
  const [paths, loaded] = await Promise.all([
    Promise.all(call.paths.map((p) => expandPath(root, cwd, p))).then((all) => [...new Set(all.flat())].sort()),
    loadForChange(root, view, options),
  ]);
  printProblems(loaded, call.options, io);
  const judged = await judgedManifest(root, loaded, paths, () => baseOfChange(root, view), options);
  if (judged.manifest === undefined) return exitCodes.invalid;
  const manifest = call.options.live ? await withLiveSources(judged.manifest, call.options.liveTimeoutMs ?? defaultLiveTimeoutMs, io) : judged.manifest;
  const model = compileModel(manifest, { pathIndex: pathIndexFor(judged.manifest, root, io) });
  const subjects = call.systems !== undefined ? systemSubjects(model, call.systems) : pathSubjects(model, paths);
  const range = call.window !== undefined ? windowRange(call.window, manifest.timezone) : point(instant(call.options, loaded, io));
  const answer = gateAnswer(model, { ...range, subjects, minOpenMs: call.minOpenMs });
  switch (call.output) {
    case 'json': io.stdout.write(escapeJson(gateJson(answer, subjects, call.window !== undefined)) + '\n'); break;
    case 'env': io.stdout.write(gateEnv(answer)); break;
    default: io.stdout.write(gateText(answer, subjects, manifest.timezone, call.window !== undefined));
  }
  return outcome(answer.frozen, hasErrors(loaded.problems));
}

const point = (at: number): { from: number; to: number } => ({ from: at, to: at });

/** A planned window read in the manifest's zone: `[start, end)`, end later than start. */
function windowRange(window: PlannedWindow, zone: string): { from: number; to: number } {
  const from = parseInstant(window.start, zone) ?? fail(`--window: not a time: ${window.start}`);
  const to = /^(\d+[smhdw])+$/.test(window.end) ? from + parseGateDuration(window.end, '--window duration') : parseInstant(window.end, zone) ?? fail(`--window: not a time: ${window.end}`);
  if (to <= from) fail(`--window: the end must be later than the start (${new Date(from).toISOString()} / ${new Date(to).toISOString()})`);
  return { from, to };
}

function systemSubjects(model: ChangeModel, ids: readonly string[]): GateSubject[] {
  const known = model.manifest.systems.map((s) => s.id);
  for (const id of ids) {
    if (!known.includes(id)) {
      const hint = didYouMean(id, known);
      fail(`--systems: no system '${id}' in the manifest${hint !== undefined ? ` (did you mean '${hint}'?)` : ''}`);
    }
  }
  return ids.map((id) => ({ systems: [id] }));
}

/** Each path with the systems it belongs to (touched systems, as `check` holds them). */
function pathSubjects(model: ChangeModel, paths: readonly string[]): GateSubject[] {
  return paths.map((path) => ({ path, systems: [...new Set(model.systemsOf(path).map((m) => m.system))] }));
}

const isoOf = (at: number | undefined): string | null => (at === undefined ? null : new Date(at).toISOString());

function gateJson(answer: GateAnswer, subjects: readonly GateSubject[], windowed: boolean): unknown {
  return {
    frozen: answer.frozen,
    frozenBy: answer.frozenBy,
    at: windowed ? null : isoOf(answer.from),
    window: windowed ? { start: isoOf(answer.from), end: isoOf(answer.to) } : null,
    systems: [...new Set(subjects.flatMap((s) => s.systems))],
    ...(subjects.some((s) => s.path !== undefined) ? { paths: subjects.map((s) => s.path) } : {}),
    until: isoOf(answer.until),
    continuedBy: answer.continuedBy,
    indefinite: answer.indefinite,
    untilManifestChanges: answer.endless,
    nextOpen: isoOf(answer.nextOpen),
    minOpenMinutes: answer.minOpenMs / 60_000,
    freezes: answer.hits.map(hitJson),
    searchedTo: isoOf(answer.searchedTo),
  };
}

/** A hit as the JSON of `gate` and `check --window` carries it. */
function hitJson(hit: GateHit): unknown {
  return {
    id: hit.id, kind: hit.kind, title: hit.title, ...(hit.reason !== undefined ? { reason: hit.reason } : {}),
    enforcement: hit.enforcement, effect: hit.effect, timezone: hit.timezone,
    occurrence: { start: isoOf(hit.start), end: isoOf(hit.end) },
    overlap: { start: isoOf(hit.overlap.start), end: isoOf(hit.overlap.end) },
    systems: hit.systems,
    ...(hit.invalid !== undefined ? { invalid: hit.invalid } : {}),
  };
}

/**
 * Shell lines (`eval "$(change-radar gate … -f env)"`, or appended to `$GITHUB_ENV`). Values are
 * ids and ISO instants; anything else in an id is made visible and single-quoted, so no manifest
 * text can run as shell or start a new line.
 */
function gateEnv(answer: GateAnswer): string {
  const lines = [
    ['CHANGE_RADAR_FROZEN', answer.frozen ? 'true' : 'false'],
    ['CHANGE_RADAR_FROZEN_BY', answer.frozenBy.join(',')],
    ['CHANGE_RADAR_UNTIL', isoOf(answer.until) ?? ''],
    ['CHANGE_RADAR_NEXT_OPEN', isoOf(answer.nextOpen) ?? ''],
  ];
  return lines.map(([name, value]) => `${name}=${shellValue(value ?? '')}\n`).join('');
}

function shellValue(value: string): string {
  const visible = escapeText(value);
  return /^[A-Za-z0-9._,:+@%/-]*$/.test(visible) ? visible : `'${visible.replace(/'/g, `'\\''`)}'`;
}

function span(hit: GateHit): string {
  const start = hit.start !== undefined ? formatInZone(hit.start, hit.timezone) : undefined;
  const end = hit.end !== undefined ? formatInZone(hit.end, hit.timezone) : undefined;
  if (hit.invalid !== undefined) return `invalid (${hit.invalid}): in force until fixed`;
  if (hit.kind === 'incident') return `${start !== undefined ? `since ${start}, ` : ''}until resolved`;
  return `${start ?? '…'} – ${end ?? '…'} (${hit.timezone})`;
}

function gateText(answer: GateAnswer, subjects: readonly GateSubject[], zone: string, windowed: boolean): string {
  const when = windowed
    ? `in ${formatInZone(answer.from, zone)} – ${formatInZone(answer.to, zone)}`
    : `at ${formatInZone(answer.from, zone)}`;
  const systems = [...new Set(subjects.flatMap((s) => s.systems))];
  const lines: string[] = [];
  const what = systems.length > 0 ? systems.map(escapeText).join(', ') : 'no system (the paths belong to none)';
  lines.push(`${answer.frozen ? 'FROZEN' : 'open'}: ${what} ${when}`);
  const mark = { block: 'BLOCK', warn: 'warn', released: 'released' } as const;
  lines.push(...answer.hits.map((hit) => `  ${mark[hit.effect]}  ${escapeText(hit.id)}: ${escapeText(hit.title)}, ${escapeText(span(hit))}`));
  if (answer.continuedBy.length > 0) lines.push(`  then   ${answer.continuedBy.map(escapeText).join(', ')} keep(s) it blocked`);
  if (answer.frozen) {
    lines.push(answer.until !== undefined
      ? `Blocked until ${formatInZone(answer.until, zone)} (${isoOf(answer.until) ?? ''})`
      : answer.endless
        ? 'Blocked until the manifest changes (an invalid entry is fixed, an incident resolved)'
        : `Blocked past ${formatInZone(answer.searchedTo, zone)}, as far as the search looked`);
  }
  const minOpen = `${answer.minOpenMs / 60_000} min`;
  lines.push(answer.nextOpen !== undefined
    ? `Next open window (at least ${minOpen}): ${formatInZone(answer.nextOpen, zone)} (${isoOf(answer.nextOpen) ?? ''})`
    : answer.endless
      ? `No open window of at least ${minOpen} until the manifest changes`
      : `No open window of at least ${minOpen} before ${formatInZone(answer.searchedTo, zone)}`);
  return lines.join('\n') + '\n';
}

/** What `check --window` adds to a report: plain data, as it crosses from this bundle to the entry's. */
export interface PlannedWindowResult {
  readonly error?: string;
  readonly frozen: boolean;
  readonly json: unknown;
  readonly text: string;
  readonly markdown: string;
}

/**
 * `check … --window START/END`: a change planned for that window (conflict detection, as
 * ServiceNow does for a planned change): every freeze occurrence that overlaps any part of it on
 * the change's files, with the overlap; `frozen` when a block freeze does.
 */
export function plannedWindowCheck(model: ChangeModel, paths: readonly string[], window: PlannedWindow, minOpenMs = 30 * 60_000): PlannedWindowResult {
  let range: { from: number; to: number };
  try {
    range = windowRange(window, model.manifest.timezone);
  } catch (error) {
    if (error instanceof Error) return { error: error.message, frozen: false, json: null, text: '', markdown: '' };
    throw error;
  }
  const zone = model.manifest.timezone;
  const answer = gateAnswer(model, { ...range, subjects: pathSubjects(model, paths), minOpenMs });
  const json = {
    start: isoOf(answer.from), end: isoOf(answer.to), blocked: answer.frozen, blockedBy: answer.frozenBy,
    until: isoOf(answer.until), nextOpen: isoOf(answer.nextOpen), freezes: answer.hits.map(hitJson),
  };
  const head = `Planned window ${formatInZone(answer.from, zone)} – ${formatInZone(answer.to, zone)}: ${answer.frozen ? `blocked by ${answer.frozenBy.map(escapeText).join(', ')}` : answer.hits.length > 0 ? 'no block freeze overlaps' : 'no freeze overlaps'}`;
  const overlaps = answer.hits.map((hit) => `${hit.effect === 'block' ? 'BLOCK' : hit.effect}  ${escapeText(hit.id)}: overlaps ${formatInZone(hit.overlap.start, zone)} – ${formatInZone(hit.overlap.end, zone)} (${escapeText(span(hit))})`);
  const text = [head, ...overlaps.map((line) => `  ${line}`)].join('\n') + '\n';
  const markdown = [`**${escapeMarkdown(head)}**`, '', ...overlaps.map((line) => `- ${escapeMarkdown(line)}`)].join('\n') + '\n';
  return { frozen: answer.frozen, json, text, markdown };
}

/** The start of a planned window (`check --window` judges the change as of then, plus every moment of it); NaN when unreadable. */
export function windowStart(window: PlannedWindow, zone: string): number {
  return parseInstant(window.start, zone) ?? Number.NaN;
}
