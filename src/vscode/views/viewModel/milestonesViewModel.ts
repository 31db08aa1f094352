import type { Milestone, MilestoneStatus, Project } from '../../../core/model';
import type { MilestoneReport, MilestoneRisk, RiskKind } from '../../../core/evaluate/report';
import { escapeMarkdown, fieldLines } from './markdownText';
import { formatDistance, formatInZones, formatRelative } from '../../../report/timeText';
import { node } from './viewNode';
import { fittedName, stateLabel } from './rowText';
import type { NodeIcon, ViewNode } from './viewNode';

export interface MilestonesInput {
  readonly projects: readonly Project[];
  /** Milestones with risks, from the status report. */
  readonly atRisk: readonly MilestoneReport[];
  readonly showDone: boolean;
  readonly at: number;
  readonly localZone: string;
}

const statusIcon: Record<MilestoneStatus, string> = {
  planned: 'circle-large-outline',
  'in-progress': 'play-circle',
  done: 'pass',
  blocked: 'error',
};

const riskIcon: Record<RiskKind, string> = {
  overdue: 'clock',
  freeze: 'lock',
  incident: 'flame',
  'owner-conflict': 'person',
  'not-started': 'debug-pause',
};

/** Projects in manifest order; under each, milestones by due date (undated last), risks as child rows. */
export function buildMilestoneNodes(input: MilestonesInput): ViewNode[] {
  const risks = new Map(input.atRisk.map((m) => [`${m.project}/${m.id}`, m.risks]));
  return input.projects.map((project) => {
    const milestones = byDue(project.milestones).filter((m) => input.showDone || m.status !== 'done');
    const rows = milestones.map((m) => milestoneNode(project, m, risks.get(`${project.id}/${m.id}`) ?? [], input));
    const riskyCount = milestones.filter((m) => (risks.get(`${project.id}/${m.id}`) ?? []).length > 0).length;
    const count = project.milestones.length;
    const description = riskyCount > 0 ? `${riskyCount} of ${count} at risk` : `${count} milestone${count === 1 ? '' : 's'}`;
    return node({
      id: `project/${project.id}`,
      label: fittedName(project.title, description, 0),
      description,
      tooltip: [
        `**${escapeMarkdown(project.title)}**`,
        '',
        ...fieldLines([
          ['Goal', project.goal && escapeMarkdown(project.goal)],
          ['Owner', project.owner && escapeMarkdown(project.owner)],
          ['Systems', project.systems.map(escapeMarkdown).join(', ')],
        ]),
      ].join('\n'),
      icon: { id: 'project', color: riskyCount > 0 ? 'charts.yellow' : undefined },
      contextValue: 'project',
      expanded: true,
      source: project.source,
      children: rows,
    });
  });
}

function byDue(milestones: readonly Milestone[]): Milestone[] {
  return [...milestones].sort((a, b) => (a.due ?? Infinity) - (b.due ?? Infinity));
}

/** The word a milestone row starts with: done, overdue, blocked, at risk, else its status. */
function milestoneState(m: Milestone, overdue: boolean, atRisk: boolean): string {
  if (m.status === 'done') return 'Done';
  if (overdue) return 'Overdue';
  if (m.status === 'blocked') return 'Blocked';
  if (atRisk) return 'At risk';
  return m.status === 'in-progress' ? 'In progress' : 'Planned';
}

/** A risk as a short row (the state first); the engine's full sentence is its tooltip. */
function riskLabel(r: MilestoneRisk): string {
  switch (r.kind) {
    case 'overdue': return 'Overdue';
    case 'freeze': return `Due in freeze ${r.ref}`;
    case 'incident': return `Incident ${r.ref} on its systems`;
    case 'owner-conflict': return `Owner commands ${r.ref}`;
    case 'not-started': return 'Not started';
  }
}

function milestoneNode(project: Project, m: Milestone, risks: readonly MilestoneRisk[], input: MilestonesInput): ViewNode {
  const overdue = m.status !== 'done' && m.due !== undefined && m.due < input.at;
  // "Overdue" once: the state word says it, the description says when it was due.
  const description = m.status === 'done' ? undefined : m.due === undefined ? 'no due date' : overdue ? `${formatDistance(m.due, input.at)} late` : formatRelative(m.due, input.at);
  return node({
    id: `milestone/${project.id}/${m.id}`,
    label: stateLabel(milestoneState(m, overdue, risks.length > 0), m.title, description, 1),
    description,
    tooltip: [
      `**${escapeMarkdown(m.title)}** (${escapeMarkdown(project.title)})`,
      '',
      ...fieldLines([
        ['Status', m.status],
        ['Due', m.due !== undefined ? `${formatInZones(m.due, input.localZone)} (${formatRelative(m.due, input.at)})` : undefined],
        ['Owner', (m.owner ?? project.owner) && escapeMarkdown(m.owner ?? project.owner ?? '')],
        ['Systems', (m.systems.length > 0 ? m.systems : project.systems).map(escapeMarkdown).join(', ')],
        ['Goal', project.goal && escapeMarkdown(project.goal)],
      ]),
      ...(risks.length > 0 ? ['', '**At risk:**', ...risks.map((r) => `- ${escapeMarkdown(r.message)}`)] : []),
    ].join('\n'),
    icon: milestoneIcon(m, overdue, risks.length > 0),
    contextValue: `${risks.length > 0 ? 'milestone.atRisk' : 'milestone'}${project.origin !== undefined ? '.org' : ''}`, // `.org`: no write actions
    expanded: risks.length > 0,
    source: m.source,
    children: risks.map((r, index) =>
      node({
        id: `risk/${project.id}/${m.id}/${index}`,
        label: fittedName(riskLabel(r), undefined, 2),
        tooltip: escapeMarkdown(r.message),
        icon: { id: riskIcon[r.kind], color: 'charts.yellow' },
        contextValue: `risk.${r.kind}`,
      }),
    ),
  });
}

function milestoneIcon(m: Milestone, overdue: boolean, atRisk: boolean): NodeIcon {
  if (overdue) {
    return { id: statusIcon[m.status], color: 'charts.red' };
  }
  if (m.status === 'done') {
    return { id: statusIcon.done, color: 'charts.green' };
  }
  return { id: statusIcon[m.status], color: atRisk || m.status === 'blocked' ? 'charts.yellow' : undefined };
}
