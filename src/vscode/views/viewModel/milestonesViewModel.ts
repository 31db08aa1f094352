import type { Milestone, MilestoneStatus, Project } from '../../../core/model';
import type { MilestoneReport, MilestoneRisk, RiskKind } from '../../../core/evaluate/report';
import { escapeMarkdown, fieldLines } from './markdownText';
import { localDistance, localInZones, localRelative } from './timePhrases';
import { spokenList } from './spokenText';
import { t, tn } from '../../base/l10n';
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
    const description = riskyCount > 0 ? t('{0} of {1} at risk', riskyCount, count) : tn(count, { one: '{0} milestone', other: '{0} milestones' }, count);
    return node({
      id: `project/${project.id}`,
      label: fittedName(project.title, description, 0),
      description,
      // The icon turns yellow when a milestone is at risk: the words say how many.
      accessibility: spokenList([
        tn(project.milestones.length, { one: 'Project {title}: {count} milestone', other: 'Project {title}: {count} milestones' }, { title: project.title, count: project.milestones.length }),
        riskyCount > 0 ? t('{0} at risk', riskyCount) : undefined,
      ]),
      tooltip: [
        `**${escapeMarkdown(project.title)}**`,
        '',
        ...fieldLines([
          [t('Goal'), project.goal && escapeMarkdown(project.goal)],
          [t('Owner'), project.owner && escapeMarkdown(project.owner)],
          [t('Systems'), project.systems.map(escapeMarkdown).join(', ')],
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
  if (m.status === 'done') return t('Done');
  if (overdue) return t('Overdue');
  if (m.status === 'blocked') return t('Blocked');
  if (atRisk) return t('At risk');
  return m.status === 'in-progress' ? t('In progress') : t('Planned');
}

/** A risk as a short row (the state first); the engine's full sentence is its tooltip. */
function riskLabel(r: MilestoneRisk): string {
  switch (r.kind) {
    case 'overdue': return t('Overdue');
    case 'freeze': return t('Due in freeze {0}', r.ref ?? '');
    case 'incident': return t('Incident {0} on its systems', r.ref ?? '');
    case 'owner-conflict': return t('Owner commands {0}', r.ref ?? '');
    case 'not-started': return t('Not started');
  }
}

function milestoneNode(project: Project, m: Milestone, risks: readonly MilestoneRisk[], input: MilestonesInput): ViewNode {
  const overdue = m.status !== 'done' && m.due !== undefined && m.due < input.at;
  // "Overdue" once: the state word says it, the description says when it was due.
  const description = m.status === 'done' ? undefined : m.due === undefined ? t('no due date') : overdue ? t('{0} late', localDistance(m.due, input.at)) : localRelative(m.due, input.at);
  return node({
    id: `milestone/${project.id}/${m.id}`,
    label: stateLabel(milestoneState(m, overdue, risks.length > 0), m.title, description, 1),
    description,
    accessibility: spokenMilestone(m, overdue, risks, input.at),
    tooltip: [
      `**${escapeMarkdown(m.title)}** (${escapeMarkdown(project.title)})`,
      '',
      ...fieldLines([
        [t('Status'), m.status],
        [t('Due'), m.due !== undefined ? `${localInZones(m.due, input.localZone)} (${localRelative(m.due, input.at)})` : undefined],
        [t('Owner'), (m.owner ?? project.owner) && escapeMarkdown(m.owner ?? project.owner ?? '')],
        [t('Systems'), (m.systems.length > 0 ? m.systems : project.systems).map(escapeMarkdown).join(', ')],
        [t('Goal'), project.goal && escapeMarkdown(project.goal)],
      ]),
      ...(risks.length > 0 ? ['', `**${t('At risk:')}**`, ...risks.map((r) => `- ${escapeMarkdown(r.message)}`)] : []),
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
        accessibility: t('Risk: {0}', r.message),
        icon: { id: riskIcon[r.kind], color: 'charts.yellow' },
        contextValue: `risk.${r.kind}`,
      }),
    ),
  });
}

/** `Milestone Public beta: in progress, due in 3 days, at risk, 2 reasons`; red (overdue), green (done) and yellow (at risk, blocked) in words. */
function spokenMilestone(m: Milestone, overdue: boolean, risks: readonly MilestoneRisk[], at: number): string {
  const state = m.status === 'done'
    ? t('done')
    : spokenList([
      statusWords(m.status),
      m.due === undefined ? t('no due date') : overdue ? t('overdue, was due {0}', localRelative(m.due, at)) : t('due {0}', localRelative(m.due, at)),
      risks.length > 0 ? tn(risks.length, { one: 'at risk, {0} reason', other: 'at risk, {0} reasons' }, risks.length) : undefined,
    ]);
  return t('Milestone {title}: {state}', { title: m.title, state });
}

function statusWords(status: MilestoneStatus): string {
  switch (status) {
    case 'planned': return t('planned');
    case 'in-progress': return t('in progress');
    case 'blocked': return t('blocked');
    case 'done': return t('done');
  }
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
