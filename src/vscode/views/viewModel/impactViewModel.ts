import type { FileReport, FreezeReport, ImpactReport, IncidentReport, MilestoneReport, SystemReport } from '../../../core/evaluate/report';
import type { FileState } from '../../model/gitChangesModel';
import { codeSpan, escapeMarkdown, fieldLines } from './markdownText';
import { freezeName, freezeRowTiming, freezeState, freezeTiming } from './freezesViewModel';
import { fittedName, stateLabel } from './rowText';
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
        label: 'Impacted through dependencies',
        description: `${impacted.length}`,
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
        label: 'In no system',
        description: `${unmatched.length} file${unmatched.length === 1 ? '' : 's'}`,
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
    return `Commit blocked: ${blocking.map((f) => f.title).join(', ')} (block freeze on a changed system).`;
  }
  const warning = report.freezes.filter((f) => f.effect === 'warn');
  if (warning.length > 0) {
    return `Freeze warning: ${warning.map((f) => f.title).join(', ')}.`;
  }
  return undefined;
}

/** The word a system row starts with: what matters most about it for this change. */
function systemState(s: SystemReport, freezes: readonly FreezeReport[], incidents: readonly IncidentReport[], milestones: readonly MilestoneReport[]): string {
  // A freeze's effect is on the change's files: only a touched system is blocked or warned by it.
  if (s.touched && freezes.some((f) => f.effect === 'block')) return 'Blocked';
  if (s.touched && freezes.some((f) => f.effect === 'warn')) return 'Warned';
  if (freezes.some((f) => f.active && !f.overridden)) return 'Frozen';
  if (incidents.length > 0) return 'Incident';
  if (freezes.length > 0) return 'Freeze soon';
  if (milestones.length > 0) return 'At risk';
  return s.touched ? 'Changed' : 'Impacted';
}

function systemNode(s: SystemReport, input: ImpactInput, files: readonly FileReport[]): ViewNode {
  const { report } = input;
  const freezes = report.freezes.filter((f) => f.systems.includes(s.id));
  const incidents = report.incidents.filter((i) => i.systems.includes(s.id));
  const milestones = report.milestones.filter((m) => m.systems.includes(s.id));
  const flags = [
    ...freezes.map((f) => `${f.active ? 'frozen' : 'freeze soon'}: ${f.id}${f.active ? ` (${f.effect === 'none' ? f.enforcement : f.effect})` : ''}`),
    ...incidents.map((i) => `${i.severity}: ${i.id}`),
    ...(milestones.length > 0 ? [`${milestones.length} milestone${milestones.length === 1 ? '' : 's'} at risk`] : []),
  ];
  // State, then the system's title; the description is the count of files or the first hop; the
  // flags are the child rows and the tooltip.
  const description = s.touched ? `${files.length} file${files.length === 1 ? '' : 's'}` : `via ${s.via.slice(0, -1).join(' → ') || s.via.join(' → ')}`;
  const prefix = s.touched ? 'touched' : 'impacted';
  return node({
    id: `${prefix}/${s.id}`,
    label: stateLabel(systemState(s, freezes, incidents, milestones), s.title, description, s.touched ? 0 : 1),
    description,
    tooltip: [
      `**${escapeMarkdown(s.title)}** ${codeSpan(s.id)}`,
      '',
      ...fieldLines([
        ['Touched', s.touched ? 'yes, a changed file is in it' : undefined],
        ['Flags', flags.length > 0 ? flags.map(escapeMarkdown).join(', ') : undefined],
        ['Impacted via', s.touched ? undefined : s.via.map(escapeMarkdown).join(' → ')],
        ['Tier', s.tier],
        ['Owners to tell', s.owners.map(escapeMarkdown).join(', ')],
        ['On call now', s.oncall !== undefined ? escapeMarkdown(s.oncall) : undefined],
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
        ? [node({ id: `${prefix}/${s.id}/owners`, label: s.owners.length > 1 ? `Tell ${s.owners[0]} +${s.owners.length - 1}` : `Tell ${s.owners.join(', ')}`, tooltip: `Tell ${s.owners.map(escapeMarkdown).join(', ')}`, icon: { id: 'person' }, contextValue: 'owners' })]
        : []),
      ...(s.oncall !== undefined
        ? [node({ id: `${prefix}/${s.id}/oncall`, label: fittedName(`On call now: ${s.oncall}`, undefined, s.touched ? 1 : 2), tooltip: `On call now: ${escapeMarkdown(s.oncall)}`, icon: { id: 'call-outgoing' }, contextValue: 'oncall' })]
        : []),
      ...files.map((f) => fileNode(`${prefix}/${s.id}`, f, input)),
    ],
  });
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
  const state = effect === 'block' ? 'Blocks' : effect === 'warn' ? 'Warns' : f.overridden && f.invalid === undefined ? 'Overridden' : freezeState(f);
  const description = freezeRowTiming(f, at);
  return node({
    id: `${prefix}/${s.id}/freeze/${f.id}`,
    label: stateLabel(state, freezeName(f), description, s.touched ? 1 : 2),
    description,
    tooltip: [
      `**${escapeMarkdown(f.title)}** (${f.kind === 'incident' ? 'incident freeze' : 'freeze'} ${codeSpan(f.id)}): ${f.effect === 'block' ? 'blocks this change' : f.effect === 'warn' ? 'warns' : f.overridden ? 'overridden' : f.enforcement}, ${escapeMarkdown(freezeTiming(f, at))}`,
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
    tooltip: [`**${escapeMarkdown(i.id)}: ${escapeMarkdown(i.title)}**`, '', ...fieldLines([['Status', i.status], ['Commander', i.commander && escapeMarkdown(i.commander)]])].join('\n'),
    icon: { id: 'flame', color: i.severity === 'sev1' || i.severity === 'sev2' ? 'charts.red' : 'charts.yellow' },
    contextValue: 'incidentFlag',
    source: i.source,
  });
}

const riskWord: Record<MilestoneReport['risks'][number]['kind'], string> = {
  overdue: 'overdue', freeze: 'freeze', incident: 'incident', 'owner-conflict': 'owner busy', 'not-started': 'not started',
};

function milestoneFlag(prefix: string, system: string, m: MilestoneReport, depth: number): ViewNode {
  const overdue = m.risks.some((r) => r.kind === 'overdue');
  // The state word says "Overdue" when it is; the description names the other risks (their count past two).
  const kinds = [...new Set(m.risks.filter((r) => r.kind !== 'overdue').map((r) => riskWord[r.kind]))];
  const description = kinds.length <= 2 ? kinds.join(', ') : `${kinds.length} risks`;
  return node({
    id: `${prefix}/${system}/milestone/${m.project}/${m.id}`,
    label: stateLabel(overdue ? 'Overdue' : 'At risk', m.title, description, depth),
    description,
    tooltip: [`**${escapeMarkdown(m.title)}**`, '', ...m.risks.map((r) => `- ${escapeMarkdown(r.message)}`)].join('\n'),
    icon: { id: 'milestone', color: 'charts.yellow' },
    contextValue: 'milestoneFlag',
    source: m.source,
  });
}

function fileNode(prefix: string, f: FileReport, input: ImpactInput): ViewNode {
  const slash = f.path.lastIndexOf('/');
  const dir = slash >= 0 ? f.path.slice(0, slash) : '';
  const state = input.fileStates.get(f.path);
  return node({
    id: `${prefix}/file/${f.path}`,
    label: slash >= 0 ? f.path.slice(slash + 1) : f.path,
    description: [dir, state].filter((p) => p).join(' · '),
    tooltip: [
      codeSpan(f.path),
      '',
      ...fieldLines([
        ['Matched', f.matches.map((m) => `${escapeMarkdown(m.system)} by ${codeSpan(m.pattern)}`).join(', ')],
        ['Owners', f.owners.map(escapeMarkdown).join(', ')],
        ['CODEOWNERS', f.codeowners.length > 0 ? `${f.codeowners.map(escapeMarkdown).join(', ')}${f.codeownersLine ? ` (line ${f.codeownersLine})` : ''}` : undefined],
      ]),
    ].join('\n'),
    contextValue: 'file',
    file: f.path,
  });
}
