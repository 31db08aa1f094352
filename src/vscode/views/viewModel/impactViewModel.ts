import type { FileReport, FreezeReport, ImpactReport, IncidentReport, MilestoneReport, SystemReport } from '../../../core/evaluate/report';
import type { FileState } from '../../model/gitChangesModel';
import { codeSpan, escapeMarkdown, fieldLines } from './markdownText';
import { freezeName, freezeRowTiming, freezeState, freezeTiming } from './freezesViewModel';
import { fittedName, stateLabel } from './rowText';
import { spokenIncident, spokenList } from './spokenText';
import { t, tn } from '../../base/l10n';
import { node } from './viewNode';
import type { ViewNode } from './viewNode';


export interface ImpactInput {
  readonly report: ImpactReport;
  /** Working-tree / index state per changed path (folder-relative). */
  readonly fileStates: ReadonlyMap<string, FileState>;
  readonly showImpacted: boolean;
  readonly showUnmatched: boolean;
  readonly at: number;
}

/**
 * Touched systems (each with its flags and changed files), then systems impacted through
 * `dependsOn` with their chains, then files in no system.
 */
export function buildImpactNodes(input: ImpactInput): ViewNode[] {
  const { report } = input;
  const touched = report.systems.filter((s) => s.touched);
  const impacted = report.systems.filter((s) => !s.touched);
  const rows = touched.map((s) => systemNode(s, input, report.files.filter((f) => f.systems.includes(s.id))));
  if (input.showImpacted && impacted.length > 0) {
    rows.push(
      node({
        id: 'impacted',
        label: t('Impacted through dependencies'),
        description: `${impacted.length}`,
        accessibility: tn(impacted.length, { one: 'Impacted through dependencies: {0} system', other: 'Impacted through dependencies: {0} systems' }, impacted.length),
        icon: { id: 'references' },
        contextValue: 'impactedGroup',
        expanded: true,
        children: impacted.map((s) => systemNode(s, input, [])),
      }),
    );
  }
  const unmatched = report.files.filter((f) => f.systems.length === 0);
  if (input.showUnmatched && unmatched.length > 0) {
    rows.push(
      node({
        id: 'unmatched',
        label: t('In no system'),
        description: tn(unmatched.length, { one: '{0} file', other: '{0} files' }, unmatched.length),
        accessibility: tn(unmatched.length, { one: 'In no system: {0} changed file', other: 'In no system: {0} changed files' }, unmatched.length),
        icon: { id: 'question' },
        contextValue: 'unmatchedGroup',
        expanded: false,
        children: unmatched.map((f) => fileNode('unmatched', f, input)),
      }),
    );
  }
  return rows;
}

/** One line for the view's message: what stops or slows this change, if anything. */
export function impactHeadline(report: ImpactReport): string | undefined {
  const blocking = report.freezes.filter((f) => f.effect === 'block');
  if (blocking.length > 0) {
    return t('Commit blocked: {0} (block freeze on a changed system).', blocking.map((f) => f.title).join(', '));
  }
  const warning = report.freezes.filter((f) => f.effect === 'warn');
  if (warning.length > 0) {
    return t('Freeze warning: {0}.', warning.map((f) => f.title).join(', '));
  }
  return undefined;
}

/** The word a system row starts with: what matters most about it for this change. */
function systemState(s: SystemReport, freezes: readonly FreezeReport[], incidents: readonly IncidentReport[], milestones: readonly MilestoneReport[]): string {
  // A freeze's effect is on the change's files: only a touched system is blocked or warned by it.
  if (s.touched && freezes.some((f) => f.effect === 'block')) return t('Blocked');
  if (s.touched && freezes.some((f) => f.effect === 'warn')) return t('Warned');
  if (freezes.some((f) => f.active && !f.overridden)) return t('Frozen');
  if (incidents.length > 0) return t('Incident');
  if (freezes.length > 0) return t('Freeze soon');
  if (milestones.length > 0) return t('At risk');
  return s.touched ? t('Changed') : t('Impacted');
}

function systemNode(s: SystemReport, input: ImpactInput, files: readonly FileReport[]): ViewNode {
  const { report } = input;
  const freezes = report.freezes.filter((f) => f.systems.includes(s.id));
  const incidents = report.incidents.filter((i) => i.systems.includes(s.id));
  const milestones = report.milestones.filter((m) => m.systems.includes(s.id));
  const flags = [
    ...freezes.map((f) => (f.active ? t('frozen: {0} ({1})', f.id, f.effect === 'none' ? f.enforcement : f.effect) : t('freeze soon: {0}', f.id))),
    ...incidents.map((i) => `${i.severity}: ${i.id}`),
    ...(milestones.length > 0 ? [tn(milestones.length, { one: '{0} milestone at risk', other: '{0} milestones at risk' }, milestones.length)] : []),
  ];
  // State, then the system's title; the description is the count of files or the first hop; the
  // flags are the child rows and the tooltip.
  const description = s.touched ? tn(files.length, { one: '{0} file', other: '{0} files' }, files.length) : t('via {0}', s.via.slice(0, -1).join(' → ') || s.via.join(' → '));
  const prefix = s.touched ? 'touched' : 'impacted';
  return node({
    id: `${prefix}/${s.id}`,
    label: stateLabel(systemState(s, freezes, incidents, milestones), s.title, description, s.touched ? 0 : 1),
    description,
    // The icon's red (a block freeze) or yellow (a freeze, incident or milestone) in words.
    accessibility: spokenSystem(s, files, freezes, incidents, milestones),
    tooltip: [
      `**${escapeMarkdown(s.title)}** ${codeSpan(s.id)}`,
      '',
      ...fieldLines([
        [t('Touched'), s.touched ? t('yes, a changed file is in it') : undefined],
        [t('Flags'), flags.length > 0 ? flags.map(escapeMarkdown).join(', ') : undefined],
        [t('Impacted via'), s.touched ? undefined : s.via.map(escapeMarkdown).join(' → ')],
        [t('Tier'), s.tier],
        [t('Owners to tell'), s.owners.map(escapeMarkdown).join(', ')],
        [t('On call now'), s.oncall !== undefined ? escapeMarkdown(s.oncall) : undefined],
      ]),
    ].join('\n'),
    icon: systemIcon(s, freezes, incidents, milestones),
    contextValue: s.touched ? 'system.touched' : 'system.impacted',
    expanded: s.touched || flags.length > 0,
    children: [
      ...freezes.map((f) => freezeFlag(prefix, s, f, input.at)),
      ...incidents.map((i) => incidentFlag(prefix, s.id, i, s.touched ? 1 : 2)),
      ...milestones.map((m) => milestoneFlag(prefix, s.id, m, s.touched ? 1 : 2)),
      ...(s.owners.length > 0
        ? [node({ id: `${prefix}/${s.id}/owners`, label: s.owners.length > 1 ? t('Tell {0} +{1}', s.owners[0], s.owners.length - 1) : t('Tell {0}', s.owners.join(', ')), tooltip: t('Tell {0}', s.owners.map(escapeMarkdown).join(', ')), icon: { id: 'person' }, contextValue: 'owners' })]
        : []),
      ...(s.oncall !== undefined
        ? [node({ id: `${prefix}/${s.id}/oncall`, label: fittedName(t('On call now: {0}', s.oncall), undefined, s.touched ? 1 : 2), tooltip: t('On call now: {0}', escapeMarkdown(s.oncall)), icon: { id: 'call-outgoing' }, contextValue: 'oncall' })]
        : []),
      ...files.map((f) => fileNode(`${prefix}/${s.id}`, f, input)),
    ],
  });
}

function spokenSystem(s: SystemReport, files: readonly FileReport[], freezes: readonly FreezeReport[], incidents: readonly IncidentReport[], milestones: readonly MilestoneReport[]): string {
  const name = s.title === s.id ? s.id : `${s.title} (${s.id})`;
  return spokenList([
    !s.touched
      ? t('System {name}, impacted via {chain}', { name, chain: s.via.join(' → ') })
      : tn(files.length, { one: 'System {name}, touched: {count} changed file', other: 'System {name}, touched: {count} changed files' }, { name, count: files.length }),
    ...freezes.map((f) => freezeEffectWords(f)),
    ...incidents.map((i) => t('incident {id}, {severity}, {status}', { id: i.id, severity: i.severity, status: i.status })),
    milestones.length > 0 ? tn(milestones.length, { one: '{0} milestone at risk', other: '{0} milestones at risk' }, milestones.length) : undefined,
  ]);
}

/** `blocked by freeze Holiday freeze`, `freeze warning: Audit window`, `freeze Audit window starts soon`. */
function freezeEffectWords(f: FreezeReport): string {
  if (!f.active) return t('freeze {0} starts soon', f.title);
  if (f.effect === 'block') return t('blocked by freeze {0}', f.title);
  if (f.effect === 'warn') return t('freeze warning: {0}', f.title);
  if (f.overridden) return t('freeze {0}, overridden', f.title);
  return f.enforcement === 'block' ? t('block freeze {0}', f.title) : t('warning freeze {0}', f.title);
}

function spokenFreezeFlag(f: FreezeReport, at: number): string {
  const effect = f.effect === 'block' ? t('Blocks this change') : f.effect === 'warn' ? t('Warns about this change') : f.overridden ? t('Overridden') : f.enforcement === 'block' ? t('Block freeze') : t('Warning freeze');
  return f.kind === 'incident'
    ? t('{effect}: incident freeze {title}, {timing}', { effect, title: f.title, timing: freezeTiming(f, at) })
    : t('{effect}: {title}, {timing}', { effect, title: f.title, timing: freezeTiming(f, at) });
}

/** `Changed file services/checkout/a.ts, modified, frozen: commits blocked by Holiday freeze` (the ❄ badge in words). */
function spokenFile(f: FileReport, state: string | undefined, freezes: readonly FreezeReport[]): string {
  const on = freezes.filter((x) => x.files.includes(f.path));
  const blocking = on.filter((x) => x.effect === 'block').map((x) => x.title);
  const warning = on.filter((x) => x.effect === 'warn').map((x) => x.title);
  return spokenList([
    t('Changed file {0}', f.path),
    state,
    f.systems.length === 0 ? t('in no system') : undefined,
    blocking.length > 0 ? t('frozen: commits blocked by {0}', blocking.join(', ')) : undefined,
    warning.length > 0 ? t('frozen: changes discouraged by {0}', warning.join(', ')) : undefined,
  ]);
}

function systemIcon(s: SystemReport, freezes: readonly FreezeReport[], incidents: readonly IncidentReport[], milestones: readonly MilestoneReport[]) {
  if (freezes.some((f) => f.effect === 'block')) {
    return { id: 'lock', color: 'charts.red' };
  }
  if (freezes.some((f) => f.active) || incidents.length > 0) {
    return { id: freezes.some((f) => f.active) ? 'lock' : 'flame', color: 'charts.yellow' };
  }
  if (milestones.length > 0 || freezes.length > 0) {
    return { id: 'symbol-namespace', color: 'charts.yellow' };
  }
  return { id: s.touched ? 'symbol-namespace' : 'arrow-small-right' };
}

function freezeFlag(prefix: string, s: SystemReport, f: FreezeReport, at: number): ViewNode {
  const effect = s.touched && f.invalid === undefined ? f.effect : 'none';
  const state = effect === 'block' ? t('Blocks') : effect === 'warn' ? t('Warns') : f.overridden && f.invalid === undefined ? t('Overridden') : freezeState(f);
  const kindText = f.kind === 'incident' ? t('incident freeze') : t('freeze');
  const effectText = f.effect === 'block' ? t('blocks this change') : f.effect === 'warn' ? t('warns') : f.overridden ? t('overridden') : f.enforcement;
  const description = freezeRowTiming(f, at);
  return node({
    id: `${prefix}/${s.id}/freeze/${f.id}`,
    label: stateLabel(state, freezeName(f), description, s.touched ? 1 : 2),
    description,
    accessibility: spokenFreezeFlag(f, at),
    tooltip: [
      `**${escapeMarkdown(f.title)}** (${kindText} ${codeSpan(f.id)}): ${effectText}, ${escapeMarkdown(freezeTiming(f, at))}`,
      ...(f.reason ? ['', escapeMarkdown(f.reason)] : []),
    ].join('\n'),
    icon: { id: 'lock', color: f.effect === 'block' ? 'charts.red' : 'charts.yellow' },
    contextValue: 'freezeFlag',
    source: f.source,
  });
}

function incidentFlag(prefix: string, system: string, i: IncidentReport, depth: number): ViewNode {
  return node({
    id: `${prefix}/${system}/incident/${i.id}`,
    label: stateLabel(i.severity.toUpperCase(), `${i.id} ${i.title}`, i.status, depth),
    description: i.status,
    tooltip: [`**${escapeMarkdown(i.id)}: ${escapeMarkdown(i.title)}**`, '', ...fieldLines([[t('Status'), i.status], [t('Commander'), i.commander && escapeMarkdown(i.commander)]])].join('\n'),
    accessibility: spokenList([spokenIncident(i), i.commander ? t('commander {0}', i.commander) : undefined]),
    icon: { id: 'flame', color: i.severity === 'sev1' || i.severity === 'sev2' ? 'charts.red' : 'charts.yellow' },
    contextValue: 'incidentFlag',
    source: i.source,
  });
}

const riskWord: Record<MilestoneReport['risks'][number]['kind'], () => string> = {
  overdue: () => t('overdue'), freeze: () => t('freeze'), incident: () => t('incident'), 'owner-conflict': () => t('owner busy'), 'not-started': () => t('not started'),
};

function milestoneFlag(prefix: string, system: string, m: MilestoneReport, depth: number): ViewNode {
  const overdue = m.risks.some((r) => r.kind === 'overdue');
  // The state word says "Overdue" when it is; the description names the other risks (their count past two).
  const kinds = [...new Set(m.risks.filter((r) => r.kind !== 'overdue').map((r) => riskWord[r.kind]()))];
  const description = kinds.length <= 2 ? kinds.join(', ') : t('{0} risks', kinds.length);
  return node({
    id: `${prefix}/${system}/milestone/${m.project}/${m.id}`,
    label: stateLabel(overdue ? t('Overdue') : t('At risk'), m.title, description, depth),
    description,
    tooltip: [`**${escapeMarkdown(m.title)}**`, '', ...m.risks.map((r) => `- ${escapeMarkdown(r.message)}`)].join('\n'),
    accessibility: t('Milestone {title} at risk: {reasons}', { title: m.title, reasons: m.risks.map((r) => r.message).join('; ') }),
    icon: { id: 'milestone', color: 'charts.yellow' },
    contextValue: 'milestoneFlag',
    source: m.source,
  });
}

/** `modified`, `staged`, `untracked` (new to git), `added` (new in the index), … in the display language. */
function fileStateText(state: FileState | undefined): string | undefined {
  switch (state) {
    case undefined: return undefined;
    case 'modified': return t('modified');
    case 'staged': return t('staged');
    case 'staged+modified': return t('staged+modified');
    case 'untracked': return t('untracked');
    case 'added': return t('added');
    case 'added+modified': return t('added+modified');
  }
}

function fileNode(prefix: string, f: FileReport, input: ImpactInput): ViewNode {
  const slash = f.path.lastIndexOf('/');
  const dir = slash >= 0 ? f.path.slice(0, slash) : '';
  const state = fileStateText(input.fileStates.get(f.path));
  return node({
    id: `${prefix}/file/${f.path}`,
    label: slash >= 0 ? f.path.slice(slash + 1) : f.path,
    description: [dir, state].filter((p) => p).join(' · '),
    accessibility: spokenFile(f, state, input.report.freezes),
    tooltip: [
      codeSpan(f.path),
      '',
      ...fieldLines([
        [t('Matched'), f.matches.map((m) => t('{0} by {1}', escapeMarkdown(m.system), codeSpan(m.pattern))).join(', ')],
        [t('Owners'), f.owners.map(escapeMarkdown).join(', ')],
        ['CODEOWNERS', f.codeowners.length > 0 ? `${f.codeowners.map(escapeMarkdown).join(', ')}${f.codeownersLine ? ` ${t('(line {0})', f.codeownersLine)}` : ''}` : undefined],
      ]),
    ].join('\n'),
    contextValue: 'file',
    file: f.path,
  });
}
