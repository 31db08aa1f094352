import { hasRadarCode, RadarError } from '../radarError';

/**
 * Why a write action refuses: a stable code and its facts (ids, hints, known values, times as
 * written, file and line), never a sentence. Each face words it: the CLI in the English below
 * (`editRefusalText`, its flags: `--systems`, `--at`), the editor in the display language and in
 * the words of its pickers and input boxes (src/vscode/commands/editPhrases.ts). Both phrase
 * tables are typed by this union, so a new code does not compile until both say it.
 */

/** A value the user gave: the CLI calls it by its flag (`--title`), the editor by its prompt. */
export type EditField =
  | 'severity' | 'freeze' | 'status' | 'title' | 'id' | 'commander' | 'url' | 'reason' | 'approved-by'
  | 'at' | 'until' | 'expires';

/** An entry kind a refusal names. */
export type EditEntryKind = 'incident' | 'freeze' | 'project';

/** Where the manifest has a problem (one-based line and column, as printed) and what it says. */
export interface ProblemFacts {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export type EditRefusal =
  // ---- the YAML text: what a splice cannot do -------------------------------------------------
  | { readonly code: 'internal'; readonly detail: string }
  | { readonly code: 'not-a-mapping'; readonly file: string }
  | { readonly code: 'yaml-alias'; readonly file: string; readonly line: number; readonly key: string }
  | { readonly code: 'not-a-single-value'; readonly file: string; readonly line: number; readonly key: string }
  | { readonly code: 'empty-block-mapping'; readonly file: string }
  | { readonly code: 'empty-block-sequence'; readonly file: string }
  | { readonly code: 'flow-mapping-root'; readonly file: string; readonly section: string }
  | { readonly code: 'section-alias'; readonly file: string; readonly section: string }
  | { readonly code: 'section-not-extendable'; readonly file: string; readonly section: string }
  | { readonly code: 'section-not-a-list'; readonly file: string; readonly line: number; readonly section: string }
  // ---- times and durations the user gave -----------------------------------------------------
  | { readonly code: 'not-a-time'; readonly field: EditField; readonly text: string }
  | { readonly code: 'bad-duration'; readonly text: string }
  | { readonly code: 'duration-out-of-range'; readonly text: string }
  // ---- the manifest being edited ------------------------------------------------------------------
  | { readonly code: 'manifest-unreadable'; readonly problem: ProblemFacts | undefined }
  | { readonly code: 'file-not-loaded'; readonly file: string }
  | { readonly code: 'yaml-syntax'; readonly file: string }
  | { readonly code: 'include-unreadable'; readonly file: string; readonly reason: string; readonly section: string }
  | { readonly code: 'entry-not-found'; readonly kind: EditEntryKind; readonly id: string; readonly file: string }
  | { readonly code: 'entry-has-error'; readonly kind: EditEntryKind; readonly id: string; readonly problem: ProblemFacts }
  | { readonly code: 'unknown-system'; readonly id: string; readonly hint: string | undefined; readonly known: readonly string[] }
  | { readonly code: 'edit-makes-problem'; readonly problem: (ProblemFacts & { readonly severity: string; readonly problemCode: string }) | undefined }
  // ---- values ---------------------------------------------------------------------------------
  | { readonly code: 'not-one-of'; readonly field: EditField; readonly value: string; readonly allowed: readonly string[] }
  | { readonly code: 'empty'; readonly field: EditField }
  | { readonly code: 'control-characters'; readonly field: EditField }
  // ---- incidents ------------------------------------------------------------------------------
  | { readonly code: 'no-systems' }
  | { readonly code: 'id-taken'; readonly kind: 'incident' | 'freeze'; readonly id: string }
  | { readonly code: 'unknown-entry'; readonly kind: EditEntryKind; readonly id: string; readonly hint: string | undefined }
  | { readonly code: 'resolve-via-status'; readonly id: string }
  | { readonly code: 'nothing-to-update' }
  | { readonly code: 'already-resolved'; readonly id: string }
  | { readonly code: 'resolved-before-start'; readonly at: string; readonly started: string }
  // ---- freezes and overrides --------------------------------------------------------------------
  | { readonly code: 'no-freeze-scope' }
  | { readonly code: 'all-with-scope' }
  | { readonly code: 'duration-or-until' }
  | { readonly code: 'freeze-ends-before-start'; readonly start: string; readonly end: string }
  | { readonly code: 'unknown-tier'; readonly tier: string; readonly known: readonly string[] }
  | { readonly code: 'end-before-freeze-start'; readonly id: string; readonly at: string; readonly start: string }
  | { readonly code: 'freeze-already-ended'; readonly id: string; readonly end: string }
  | { readonly code: 'recurring-not-in-window'; readonly id: string; readonly at: string }
  | { readonly code: 'recurring-needs-approver'; readonly id: string }
  | { readonly code: 'recurring-not-extendable'; readonly id: string }
  | { readonly code: 'extend-not-later'; readonly id: string; readonly until: string; readonly end: string }
  | { readonly code: 'override-no-paths' }
  | { readonly code: 'path-outside-folder'; readonly path: string; readonly base: string }
  | { readonly code: 'expires-past'; readonly expires: string }
  // ---- milestones -----------------------------------------------------------------------------
  | { readonly code: 'unknown-milestone'; readonly project: string; readonly id: string; readonly hint: string | undefined }
  | { readonly code: 'milestone-not-found'; readonly id: string; readonly file: string };

export type EditRefusalCode = EditRefusal['code'];

/** One phrase per code, each given that code's facts: the type a face's phrase table has. */
export type EditRefusalPhrases = { readonly [C in EditRefusalCode]: (facts: Extract<EditRefusal, { code: C }>) => string };

const flag = (field: EditField): string => `--${field}`;
const hinted = (hint: string | undefined): string => (hint !== undefined ? `; did you mean \`${hint}\`?` : '');
const at = (p: ProblemFacts): string => `${p.file}:${p.line}:${p.column}: ${p.message}`;

/** The CLI's English, one phrase per code (test/cli checks these texts byte for byte). */
const cliPhrases: EditRefusalPhrases = {
  'internal': (f) => `internal: ${f.detail}`,
  'not-a-mapping': (f) => `${f.file} is not a YAML mapping`,
  'yaml-alias': (f) => `${f.file}:${f.line}: \`${f.key}\` is a YAML alias; edit it by hand`,
  'not-a-single-value': (f) => `${f.file}:${f.line}: \`${f.key}\` is not a single value; edit it by hand`,
  'empty-block-mapping': (f) => `${f.file}: an empty block mapping cannot be extended`,
  'empty-block-sequence': (f) => `${f.file}: an empty block sequence cannot be extended`,
  'flow-mapping-root': (f) => `${f.file} is a flow mapping; add \`${f.section}\` by hand`,
  'section-alias': (f) => `${f.file}: \`${f.section}\` is a YAML alias; edit it by hand`,
  'section-not-extendable': (f) => `${f.file}: \`${f.section}\` cannot be extended here; edit it by hand`,
  'section-not-a-list': (f) => `${f.file}:${f.line}: \`${f.section}\` is not a list; fix it first`,
  'not-a-time': (f) => `${flag(f.field)}: not a time: '${f.text}' (expected e.g. 2026-12-02 14:00 or 2026-12-02T14:00:00Z)`,
  'bad-duration': (f) => `--for expects a duration such as 30m, 4h, 1d12h or 2w, not '${f.text}'`,
  'duration-out-of-range': (f) => `--for must be more than 0 and at most a year, not '${f.text}'`,
  'manifest-unreadable': (f) => `the manifest cannot be read${f.problem ? ` (${at(f.problem)})` : ''}; fix it first`,
  'file-not-loaded': (f) => `${f.file} is not loaded`,
  'yaml-syntax': (f) => `${f.file} has YAML syntax errors; fix them first (change-radar validate)`,
  'include-unreadable': (f) => `the included file ${f.file} ${f.reason}; it may hold \`${f.section}:\`, so the entry is not written anywhere else. Fix it first (change-radar validate); nothing was written`,
  'entry-not-found': (f) => `${f.kind} \`${f.id}\` was not found in ${f.file}`,
  'entry-has-error': (f) => `${f.kind} \`${f.id}\` has an error (${at(f.problem)}); fix it first`,
  'unknown-system': (f) => `unknown system \`${f.id}\`${hinted(f.hint)} (known: ${f.known.join(', ') || 'none'})`,
  'edit-makes-problem': (f) => `the edit would make the manifest ${f.problem ? `report ${f.problem.severity} ${f.problem.problemCode} (${at(f.problem)})` : 'unreadable'}; nothing was written`,
  'not-one-of': (f) => `${flag(f.field)} must be one of ${f.allowed.join(', ')}, not '${f.value}'`,
  'empty': (f) => `${flag(f.field)} must not be empty`,
  'control-characters': (f) => `${flag(f.field)} must not contain control characters`,
  'no-systems': () => '--systems must name at least one system',
  'id-taken': (f) => `${f.kind} \`${f.id}\` already exists; choose another --id`,
  'unknown-entry': (f) => `unknown ${f.kind} \`${f.id}\`${hinted(f.hint)}`,
  'resolve-via-status': (f) => `use \`incident resolve ${f.id}\` to resolve an incident (it also writes when)`,
  'nothing-to-update': () => 'nothing to update: give --status, --severity, --title, --commander or --url',
  'already-resolved': (f) => `incident \`${f.id}\` is already resolved`,
  'resolved-before-start': (f) => `--at ${f.at} is before the incident started (${f.started})`,
  'no-freeze-scope': () => 'say what to freeze: --systems a,b, --tiers 1 or --all',
  'all-with-scope': () => '--all already covers every system; drop --systems and --tiers',
  'duration-or-until': () => 'give exactly one of --for DURATION and --until TIME',
  'freeze-ends-before-start': (f) => `the freeze would end (${f.end}) before it starts (${f.start})`,
  'unknown-tier': (f) => `no system has tier \`${f.tier}\` (tiers: ${f.known.join(', ') || 'none'})`,
  'end-before-freeze-start': (f) => `--at ${f.at} is before freeze \`${f.id}\` starts (${f.start}); an end before the start is not allowed`,
  'freeze-already-ended': (f) => `freeze \`${f.id}\` already ended (${f.end})`,
  'recurring-not-in-window': (f) => `recurring freeze \`${f.id}\` is not in a window at ${f.at}; there is nothing to end`,
  'recurring-needs-approver': (f) => `freeze \`${f.id}\` is recurring: ending its current window writes an approved override, so give --approved-by (and --reason)`,
  'recurring-not-extendable': (f) => `freeze \`${f.id}\` is recurring: its windows come from its schedule. Extend one window with \`freeze now\` (a one-off freeze), or edit the schedule`,
  'extend-not-later': (f) => `--until ${f.until} does not extend freeze \`${f.id}\` (it ends ${f.end}); use \`freeze end\` to end it earlier`,
  'override-no-paths': () => '--paths names no path; give the globs the override covers (leave --paths out to cover every file the freeze covers)',
  'path-outside-folder': (f) => `path \`${f.path}\` is outside the manifest's folder ${f.base}/`,
  'expires-past': (f) => `--expires ${f.expires} is already past`,
  'unknown-milestone': (f) => `project \`${f.project}\` has no milestone \`${f.id}\`${hinted(f.hint)}`,
  'milestone-not-found': (f) => `milestone \`${f.id}\` was not found in ${f.file}`,
};

/** Words a refusal with a table of phrases (the CLI's English unless another table is given). */
export function editRefusalText(refusal: EditRefusal, phrases: EditRefusalPhrases = cliPhrases): string {
  return (phrases[refusal.code] as (facts: EditRefusal) => string)(refusal);
}

/** Every code, for tests and phrase tables that want to check they say each one. */
export const editRefusalCodes = Object.keys(cliPhrases) as readonly EditRefusalCode[];

/** A refused write action: a RadarError (`edit`) whose message is the CLI's English, carrying the refusal's code and facts. */
class EditError extends RadarError {
  constructor(readonly refusal: EditRefusal) {
    super('edit', editRefusalText(refusal));
  }
}

/** Refuses the write action (the file is left untouched). */
export function editFail(refusal: EditRefusal): never {
  throw new EditError(refusal);
}

/**
 * The refusal an error carries, when it is a refused write action from any bundle's copy of this
 * module: recognised by its shape (a RadarError with code `edit` and a `refusal` with a known code),
 * never by `instanceof`.
 */
export function editRefusalOf(error: unknown): EditRefusal | undefined {
  if (!hasRadarCode(error, 'edit')) return undefined;
  const refusal = (error as { refusal?: unknown }).refusal;
  if (typeof refusal !== 'object' || refusal === null) return undefined;
  const code = (refusal as { code?: unknown }).code;
  return typeof code === 'string' && Object.hasOwn(cliPhrases, code) ? (refusal as EditRefusal) : undefined;
}
