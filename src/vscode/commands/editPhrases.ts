import type { EditEntryKind, EditField, EditRefusal, EditRefusalPhrases, ProblemFacts } from '../../core/edit/editRefusal';
import { escapeLabel } from '../../report/escape';
import { t } from '../base/l10n';

/**
 * Why a write action was refused, in the display language and in the editor's words: the field or
 * prompt the user filled (the CLI's English names its flags: core/edit/editRefusal.ts). Typed by
 * the refusal codes, so a new code does not compile until it has a phrase here too. Text from the
 * manifest or typed by the user (ids, values, problem messages) goes in as arguments only, made
 * plain with escapeLabel (no control characters, no `$(icon)` syntax).
 */

const plain = (text: string): string => escapeLabel(text);
const list = (values: readonly string[]): string => (values.length > 0 ? values.map(plain).join(', ') : t('none'));

/** The value a refusal is about, as the write actions' prompts name it. */
function fieldName(field: EditField): string {
  switch (field) {
    case 'severity': return t('Severity');
    case 'freeze': return t('Freeze while active');
    case 'status': return t('Status');
    case 'title': return t('Title');
    case 'id': return t('Id');
    case 'commander': return t('Commander');
    case 'url': return t('URL');
    case 'reason': return t('Reason');
    case 'approved-by': return t('Approved by');
    case 'at': return t('Time');
    case 'until': return t('Until');
    case 'expires': return t('Expires');
  }
}

/** ` Did you mean X?` when there is a likely match, else nothing. */
const didYouMean = (hint: string | undefined): string => (hint !== undefined ? ` ${t('Did you mean {0}?', plain(hint))}` : '');

function problemArgs(problem: ProblemFacts): Record<string, string | number> {
  return { file: plain(problem.file), line: problem.line, column: problem.column, message: plain(problem.message) };
}

function notFound(kind: EditEntryKind, id: string, file: string): string {
  switch (kind) {
    case 'incident': return t('Incident {0} was not found in {1}.', plain(id), plain(file));
    case 'freeze': return t('Freeze {0} was not found in {1}.', plain(id), plain(file));
    case 'project': return t('Project {0} was not found in {1}.', plain(id), plain(file));
  }
}

function hasError(kind: EditEntryKind, id: string, problem: ProblemFacts): string {
  const args = { id: plain(id), ...problemArgs(problem) };
  switch (kind) {
    case 'incident': return t('Incident {id} has an error ({file}:{line}:{column}: {message}); fix it first.', args);
    case 'freeze': return t('Freeze {id} has an error ({file}:{line}:{column}: {message}); fix it first.', args);
    case 'project': return t('Project {id} has an error ({file}:{line}:{column}: {message}); fix it first.', args);
  }
}

function unknownEntry(kind: EditEntryKind, id: string): string {
  switch (kind) {
    case 'incident': return t('The manifest has no incident {0}.', plain(id));
    case 'freeze': return t('The manifest has no freeze {0}.', plain(id));
    case 'project': return t('The manifest has no project {0}.', plain(id));
  }
}

const editorPhrases: EditRefusalPhrases = {
  'internal': (f) => t('The edit could not be prepared (internal error: {0}); nothing was changed.', plain(f.detail)),
  'not-a-mapping': (f) => t('{0} is not a YAML mapping, so nothing can be added to it; fix the file first.', plain(f.file)),
  'yaml-alias': (f) => t('{0}, line {1}: "{2}" is a YAML alias; edit it by hand.', plain(f.file), f.line, plain(f.key)),
  'not-a-single-value': (f) => t('{0}, line {1}: "{2}" is not a single value; edit it by hand.', plain(f.file), f.line, plain(f.key)),
  'empty-block-mapping': (f) => t('{0}: the entry is an empty block mapping and cannot be extended; edit it by hand.', plain(f.file)),
  'empty-block-sequence': (f) => t('{0}: an empty block list cannot be extended; edit it by hand.', plain(f.file)),
  'flow-mapping-root': (f) => t('{0} is written as one flow mapping; add the section "{1}" by hand.', plain(f.file), plain(f.section)),
  'section-alias': (f) => t('{0}: the section "{1}" is a YAML alias; edit it by hand.', plain(f.file), plain(f.section)),
  'section-not-extendable': (f) => t('{0}: the section "{1}" cannot be extended where it is written; edit it by hand.', plain(f.file), plain(f.section)),
  'section-not-a-list': (f) => t('{0}, line {1}: the section "{2}" is not a list; fix it first.', plain(f.file), f.line, plain(f.section)),
  'not-a-time': (f) => t('"{0}" is not a time: "{1}". Enter it as 2026-12-02 14:00, or with an offset as 2026-12-02T14:00:00Z.', fieldName(f.field), plain(f.text)),
  'bad-duration': (f) => t('"{0}" is not a duration; choose one such as 30m, 4h, 1d12h or 2w.', plain(f.text)),
  'duration-out-of-range': (f) => t('The duration "{0}" must be more than 0 and at most a year.', plain(f.text)),
  'manifest-unreadable': (f) => (f.problem
    ? t('The manifest cannot be read ({file}:{line}:{column}: {message}); fix it first.', problemArgs(f.problem))
    : t('The manifest cannot be read; fix it first.')),
  'file-not-loaded': (f) => t('{0} could not be opened; nothing was changed.', plain(f.file)),
  'yaml-syntax': (f) => t('{0} has YAML syntax errors; fix them first (see the Problems panel).', plain(f.file)),
  'include-unreadable': (f) => t('The included file {0} cannot be read ({1}). It may hold the section "{2}", so the entry is not written anywhere else; fix it first. Nothing was changed.', plain(f.file), plain(f.reason), plain(f.section)),
  'entry-not-found': (f) => notFound(f.kind, f.id, f.file),
  'entry-has-error': (f) => hasError(f.kind, f.id, f.problem),
  'unknown-system': (f) => `${t('The manifest has no system {0}.', plain(f.id))}${didYouMean(f.hint)} ${t('Its systems: {0}.', list(f.known))}`,
  'edit-makes-problem': (f) => (f.problem
    ? t('The edit would add a problem to the manifest ({file}:{line}:{column}: {message}); nothing was changed.', problemArgs(f.problem))
    : t('The edit would make the manifest unreadable; nothing was changed.')),
  'not-one-of': (f) => t('"{0}" must be one of {1}, not "{2}".', fieldName(f.field), list(f.allowed), plain(f.value)),
  'empty': (f) => t('Fill in "{0}"; it must not be empty.', fieldName(f.field)),
  'control-characters': (f) => t('"{0}" must not contain control characters.', fieldName(f.field)),
  'no-systems': () => t('Choose at least one affected system.'),
  'id-taken': (f) => (f.kind === 'incident'
    ? t('Incident {0} already exists; choose another id.', plain(f.id))
    : t('Freeze {0} already exists; choose another id.', plain(f.id))),
  'unknown-entry': (f) => `${unknownEntry(f.kind, f.id)}${didYouMean(f.hint)}`,
  'resolve-via-status': (f) => t('Use Resolve Incident to resolve {0}; it also writes when it was resolved.', plain(f.id)),
  'nothing-to-update': () => t('Nothing to update: choose a new status, severity, title, commander or URL.'),
  'already-resolved': (f) => t('Incident {0} is already resolved.', plain(f.id)),
  'resolved-before-start': (f) => t('The incident cannot be resolved at {0}: it started later, at {1}.', plain(f.at), plain(f.started)),
  'no-freeze-scope': () => t('Choose at least one system or tier to freeze, or all systems.'),
  'all-with-scope': () => t('"All systems" already covers every system; choose it alone, without systems or tiers.'),
  'duration-or-until': () => t('Choose either how long the freeze lasts or until when, not both.'),
  'freeze-ends-before-start': (f) => t('The freeze would end ({0}) before it starts ({1}); choose a later end.', plain(f.end), plain(f.start)),
  'unknown-tier': (f) => t('No system has tier {0} (tiers in use: {1}).', plain(f.tier), list(f.known)),
  'end-before-freeze-start': (f) => t('Freeze {0} cannot end at {1}: it only starts at {2}.', plain(f.id), plain(f.at), plain(f.start)),
  'freeze-already-ended': (f) => t('Freeze {0} already ended ({1}).', plain(f.id), plain(f.end)),
  'recurring-not-in-window': (f) => t('Recurring freeze {0} is not in one of its windows at {1}; there is nothing to end.', plain(f.id), plain(f.at)),
  'recurring-needs-approver': (f) => t('Freeze {0} is recurring: ending its current window writes an approved override, so say who approved it.', plain(f.id)),
  'recurring-not-extendable': (f) => t('Freeze {0} is recurring: its windows come from its schedule. Use Freeze Now… for a one-off freeze, or edit the schedule.', plain(f.id)),
  'extend-not-later': (f) => t('{0} does not extend freeze {1}: it already ends {2}. Use End Freeze Now to end it earlier.', plain(f.until), plain(f.id), plain(f.end)),
  'override-no-paths': () => t('The paths name no file: enter the globs the override covers, or leave the field empty for every file the freeze covers.'),
  'path-outside-folder': (f) => t('The path {0} is outside the manifest\'s folder {1}/.', plain(f.path), plain(f.base)),
  'expires-past': (f) => t('The expiry {0} is already past; choose a later one.', plain(f.expires)),
  'unknown-milestone': (f) => `${t('Project {0} has no milestone {1}.', plain(f.project), plain(f.id))}${didYouMean(f.hint)}`,
  'milestone-not-found': (f) => t('Milestone {0} was not found in {1}.', plain(f.id), plain(f.file)),
};

/** Why the write action was refused, in the display language (without the `Change Radar: ` prefix). */
export function editRefusalMessage(refusal: EditRefusal): string {
  return (editorPhrases[refusal.code] as (facts: EditRefusal) => string)(refusal);
}
