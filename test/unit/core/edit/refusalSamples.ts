import type { EditRefusal, EditRefusalCode } from '../../../../src/core/edit/editRefusal';
import type { ManifestAction } from '../../../../src/core/edit/manifestActions';

/**
 * Refusals of the write actions for the phrase tests (core's CLI English here, the editor's words
 * in test/unit/vscode/editPhrases.test.ts): one sample of every code (typed: a new code does not
 * compile until it has one), and real actions on a real manifest text that the core refuses.
 */

type Samples = { readonly [C in EditRefusalCode]: Extract<EditRefusal, { code: C }> };

const problem = { file: 'ops.yaml', line: 12, column: 5, message: 'end is before start' };

export const refusalSamples: Samples = {
  'internal': { code: 'internal', detail: 'overlapping edits' },
  'not-a-mapping': { code: 'not-a-mapping', file: 'ops.yaml' },
  'yaml-alias': { code: 'yaml-alias', file: 'ops.yaml', line: 9, key: 'status' },
  'not-a-single-value': { code: 'not-a-single-value', file: 'ops.yaml', line: 9, key: 'status' },
  'empty-block-mapping': { code: 'empty-block-mapping', file: 'ops.yaml' },
  'empty-block-sequence': { code: 'empty-block-sequence', file: 'ops.yaml' },
  'flow-mapping-root': { code: 'flow-mapping-root', file: 'ops.yaml', section: 'incidents' },
  'section-alias': { code: 'section-alias', file: 'ops.yaml', section: 'incidents' },
  'section-not-extendable': { code: 'section-not-extendable', file: 'ops.yaml', section: 'incidents' },
  'section-not-a-list': { code: 'section-not-a-list', file: 'ops.yaml', line: 4, section: 'freezes' },
  'not-a-time': { code: 'not-a-time', field: 'until', text: 'tomorrow' },
  'bad-duration': { code: 'bad-duration', text: 'soon' },
  'duration-out-of-range': { code: 'duration-out-of-range', text: '400d' },
  'manifest-unreadable': { code: 'manifest-unreadable', problem },
  'file-not-loaded': { code: 'file-not-loaded', file: 'ops/incidents.yaml' },
  'yaml-syntax': { code: 'yaml-syntax', file: 'ops.yaml' },
  'include-unreadable': { code: 'include-unreadable', file: 'ops/incidents.yaml', reason: 'is not UTF-8', section: 'incidents' },
  'entry-not-found': { code: 'entry-not-found', kind: 'incident', id: 'INC-7', file: 'ops.yaml' },
  'entry-has-error': { code: 'entry-has-error', kind: 'freeze', id: 'holiday', problem },
  'unknown-system': { code: 'unknown-system', id: 'chekout', hint: 'checkout', known: ['checkout', 'ledger'] },
  'edit-makes-problem': { code: 'edit-makes-problem', problem: { ...problem, severity: 'error', problemCode: 'freeze-window' } },
  'not-one-of': { code: 'not-one-of', field: 'severity', value: 'sev9', allowed: ['sev1', 'sev2', 'sev3', 'sev4'] },
  'empty': { code: 'empty', field: 'title' },
  'control-characters': { code: 'control-characters', field: 'reason' },
  'no-systems': { code: 'no-systems' },
  'id-taken': { code: 'id-taken', kind: 'freeze', id: 'holiday' },
  'unknown-entry': { code: 'unknown-entry', kind: 'freeze', id: 'holidy', hint: 'holiday' },
  'resolve-via-status': { code: 'resolve-via-status', id: 'INC-7' },
  'nothing-to-update': { code: 'nothing-to-update' },
  'already-resolved': { code: 'already-resolved', id: 'INC-7' },
  'resolved-before-start': { code: 'resolved-before-start', at: '2026-12-05 08:00', started: '2026-12-05 09:00' },
  'no-freeze-scope': { code: 'no-freeze-scope' },
  'all-with-scope': { code: 'all-with-scope' },
  'duration-or-until': { code: 'duration-or-until' },
  'freeze-ends-before-start': { code: 'freeze-ends-before-start', start: '2026-12-05 11:00', end: '2026-12-05 10:00' },
  'unknown-tier': { code: 'unknown-tier', tier: '7', known: ['1', '2'] },
  'end-before-freeze-start': { code: 'end-before-freeze-start', id: 'holiday', at: '2026-11-30 00:00', start: '2026-12-01 00:00' },
  'freeze-already-ended': { code: 'freeze-already-ended', id: 'past', end: '2026-11-02 00:00' },
  'recurring-not-in-window': { code: 'recurring-not-in-window', id: 'weekly', at: '2026-12-02 11:00' },
  'recurring-needs-approver': { code: 'recurring-needs-approver', id: 'weekly' },
  'recurring-not-extendable': { code: 'recurring-not-extendable', id: 'weekly' },
  'extend-not-later': { code: 'extend-not-later', id: 'holiday', until: '2026-12-08 00:00', end: '2026-12-10 00:00' },
  'override-no-paths': { code: 'override-no-paths' },
  'path-outside-folder': { code: 'path-outside-folder', path: 'web/app.ts', base: 'services' },
  'expires-past': { code: 'expires-past', expires: '2026-12-05 10:00' },
  'unknown-milestone': { code: 'unknown-milestone', project: 'v2', id: 'bta', hint: 'beta' },
  'milestone-not-found': { code: 'milestone-not-found', id: 'beta', file: 'ops.yaml' },
};

/** Saturday 2026-12-05 11:00 UTC: inside the weekly freeze's window (Friday 16:00 to Monday 08:00). */
export const refusalNow = Date.parse('2026-12-05T11:00:00Z');

export const refusalManifest = [
  'version: 1',
  'timezone: UTC',
  'systems:',
  '  checkout: { paths: [services/checkout/], tier: 1 }',
  '  ledger: { paths: [libs/ledger/], tier: 2 }',
  'freezes:',
  '  - id: holiday',
  '    systems: [checkout]',
  '    start: 2026-12-01 00:00',
  '    end: 2026-12-10 00:00',
  '  - id: past',
  '    systems: [ledger]',
  '    start: 2026-11-01 00:00',
  '    end: 2026-11-02 00:00',
  '  - { id: weekly, systems: [ledger], schedule: { start: "0 16 * * 5", end: "0 8 * * 1" } }',
  'incidents:',
  '  - id: INC-1',
  '    title: Old outage',
  '    severity: sev2',
  '    status: resolved',
  '    systems: [ledger]',
  '    started: 2026-11-20 10:00',
  '    resolved: 2026-11-20 12:00',
  '  - id: INC-2',
  '    title: Slow checkout',
  '    severity: sev3',
  '    status: investigating',
  '    systems: [checkout]',
  '    started: 2026-12-05 09:00',
  'projects:',
  '  - id: v2',
  '    systems: [checkout]',
  '    milestones:',
  '      - { id: beta, due: 2027-01-20 }',
  '',
].join('\n');

export interface RealRefusal {
  readonly action: ManifestAction;
  readonly code: EditRefusalCode;
  /** What the CLI printed for it before refusals had codes (after `change-radar: `). */
  readonly cli: string;
  readonly facts?: Readonly<Record<string, unknown>>;
}

export const realRefusals: readonly RealRefusal[] = [
  { action: { kind: 'incident-resolve', id: 'INC-1' }, code: 'already-resolved', cli: 'incident `INC-1` is already resolved', facts: { id: 'INC-1' } },
  { action: { kind: 'incident-resolve', id: 'INC-2', at: '2026-12-05 08:00' }, code: 'resolved-before-start', cli: '--at 2026-12-05 08:00 is before the incident started (2026-12-05 09:00)' },
  { action: { kind: 'incident-resolve', id: 'nope' }, code: 'unknown-entry', cli: 'unknown incident `nope`', facts: { kind: 'incident', id: 'nope', hint: undefined } },
  { action: { kind: 'incident-update', id: 'INC-2' }, code: 'nothing-to-update', cli: 'nothing to update: give --status, --severity, --title, --commander or --url' },
  { action: { kind: 'incident-declare', severity: 'sev2', systems: [], title: 'Down' }, code: 'no-systems', cli: '--systems must name at least one system' },
  {
    action: { kind: 'incident-declare', severity: 'sev2', systems: ['chekout'], title: 'Down' }, code: 'unknown-system',
    cli: 'unknown system `chekout`; did you mean `checkout`? (known: checkout, ledger)', facts: { id: 'chekout', hint: 'checkout', known: ['checkout', 'ledger'] },
  },
  { action: { kind: 'incident-declare', severity: 'sev2', systems: ['checkout'], title: '  ' }, code: 'empty', cli: '--title must not be empty', facts: { field: 'title' } },
  { action: { kind: 'incident-declare', severity: 'sev9', systems: ['checkout'], title: 'Down' }, code: 'not-one-of', cli: "--severity must be one of sev1, sev2, sev3, sev4, not 'sev9'" },
  { action: { kind: 'freeze-now', reason: 'release', for: '1h' }, code: 'no-freeze-scope', cli: 'say what to freeze: --systems a,b, --tiers 1 or --all' },
  { action: { kind: 'freeze-now', all: true, systems: ['ledger'], for: '1h', reason: 'release' }, code: 'all-with-scope', cli: '--all already covers every system; drop --systems and --tiers' },
  { action: { kind: 'freeze-now', systems: ['ledger'], reason: 'release' }, code: 'duration-or-until', cli: 'give exactly one of --for DURATION and --until TIME' },
  {
    action: { kind: 'freeze-now', systems: ['ledger'], until: '2026-12-05 10:00', reason: 'late' }, code: 'freeze-ends-before-start',
    cli: 'the freeze would end (2026-12-05 10:00) before it starts (2026-12-05 11:00)', facts: { start: '2026-12-05 11:00', end: '2026-12-05 10:00' },
  },
  {
    action: { kind: 'freeze-now', systems: ['ledger'], until: 'tomorrow', reason: 'late' }, code: 'not-a-time',
    cli: "--until: not a time: 'tomorrow' (expected e.g. 2026-12-02 14:00 or 2026-12-02T14:00:00Z)", facts: { field: 'until', text: 'tomorrow' },
  },
  { action: { kind: 'freeze-now', systems: ['ledger'], for: 'soon', reason: 'late' }, code: 'bad-duration', cli: "--for expects a duration such as 30m, 4h, 1d12h or 2w, not 'soon'" },
  { action: { kind: 'freeze-now', tiers: ['7'], for: '1h', reason: 'late' }, code: 'unknown-tier', cli: 'no system has tier `7` (tiers: 1, 2)' },
  {
    action: { kind: 'freeze-extend', id: 'holiday', until: '2026-12-08 00:00' }, code: 'extend-not-later',
    cli: '--until 2026-12-08 00:00 does not extend freeze `holiday` (it ends 2026-12-10 00:00); use `freeze end` to end it earlier',
  },
  {
    action: { kind: 'freeze-extend', id: 'weekly', until: '2026-12-20 00:00' }, code: 'recurring-not-extendable',
    cli: 'freeze `weekly` is recurring: its windows come from its schedule. Extend one window with `freeze now` (a one-off freeze), or edit the schedule',
  },
  { action: { kind: 'freeze-end', id: 'past' }, code: 'freeze-already-ended', cli: 'freeze `past` already ended (2026-11-02 00:00)' },
  {
    action: { kind: 'freeze-end', id: 'weekly' }, code: 'recurring-needs-approver',
    cli: 'freeze `weekly` is recurring: ending its current window writes an approved override, so give --approved-by (and --reason)',
  },
  {
    action: { kind: 'override-add', freeze: 'holiday', paths: [' '], approvedBy: '@cto', reason: 'hotfix' }, code: 'override-no-paths',
    cli: '--paths names no path; give the globs the override covers (leave --paths out to cover every file the freeze covers)',
  },
  { action: { kind: 'override-add', freeze: 'holiday', approvedBy: '@cto', reason: 'hotfix', expires: '2026-12-05 10:00' }, code: 'expires-past', cli: '--expires 2026-12-05 10:00 is already past' },
  { action: { kind: 'milestone-set', project: 'v2', milestone: 'bta', status: 'done' }, code: 'unknown-milestone', cli: 'project `v2` has no milestone `bta`; did you mean `beta`?' },
];
