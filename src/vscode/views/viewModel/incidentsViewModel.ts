import type { Incident, Severity } from '../../../core/model';
import { severities } from '../../../core/manifest/manifestVocabulary';
import type { IncidentReport } from '../../../core/evaluate/report';
import { escapeMarkdown, fieldLines, markdownLink, safeHttpUrl } from './markdownText';
import { parseIso } from '../../../report/timeText';
import { localInZones, localRelative } from './timePhrases';
import { originText, originTooltip } from './freezesViewModel';
import { changesRowId } from './incidentChangesViewModel';
import { spokenIncident, spokenList } from './spokenText';
import { t, tn } from '../../base/l10n';
import { node } from './viewNode';
import { fittedName } from './rowText';
import type { ViewNode } from './viewNode';

export interface IncidentsInput {
  /** Active incidents, as the engine's status report lists them. */
  readonly active: readonly IncidentReport[];
  /** Every incident of the manifest; the resolved ones are shown when `showResolved`. */
  readonly all: readonly Incident[];
  readonly showResolved: boolean;
  readonly at: number;
  readonly localZone: string;
  /**
   * System id → who is on call: the manifest's `oncall:`, or a PagerDuty source's answer in the CLI's
   * words (`Ana Silva (level 1, until 18:00 CET)`, onCallText in src/core/sources/pagerdutyOnCall.ts).
   * Shown in an incident's tooltip and as a row per system under the incident.
   */
  readonly oncall?: ReadonlyMap<string, string>;
  /**
   * The label of an incident's `Changes in the 72 h before (N)` row (incidentChangesViewModel.ts),
   * or undefined for none (no start to count back from); the row's commits are computed when it is expanded.
   */
  readonly changesLabel?: (incident: IncidentReport) => string | undefined;
}


const severityIcon: Record<Severity, { id: string; color: string }> = {
  sev1: { id: 'flame', color: 'charts.red' },
  sev2: { id: 'flame', color: 'charts.orange' },
  sev3: { id: 'warning', color: 'charts.yellow' },
  sev4: { id: 'info', color: 'charts.blue' },
};

/** Severity groups, worst first; in each, the most recently started incident first. */
export function buildIncidentNodes(input: IncidentsInput): ViewNode[] {
  const groups = severities
    .map((severity) => ({ severity, incidents: input.active.filter((i) => i.severity === severity) }))
    .filter((g) => g.incidents.length > 0)
    .map((g) =>
      node({
        id: `severity/${g.severity}`,
        label: g.severity.toUpperCase(),
        // One form in English; languages that inflect `active` by the count (Polish: aktywny, aktywne, aktywnych) get theirs.
        description: tn(g.incidents.length, { one: '{0} active', other: '{0} active' }, g.incidents.length),
        accessibility: tn(g.incidents.length, { one: '{severity}: {count} active incident', other: '{severity}: {count} active incidents' }, { severity: g.severity, count: g.incidents.length }),
        icon: severityIcon[g.severity],
        contextValue: 'severity',
        expanded: true,
        children: sortByStart(g.incidents).map((i) => incidentNode(i, input)),
      }),
    );
  if (input.showResolved) {
    const activeIds = new Set(input.active.map((i) => i.id));
    const resolved = input.all.filter((i) => !activeIds.has(i.id) && i.status === 'resolved');
    if (resolved.length > 0) {
      groups.push(
        node({
          id: 'resolved',
          label: t('Resolved'),
          description: `${resolved.length}`,
          accessibility: t('Resolved incidents: {0}', resolved.length),
          icon: { id: 'pass', color: 'charts.green' },
          contextValue: 'resolvedGroup',
          expanded: false,
          children: resolved.map((i) => incidentNode(toReport(i), input, i.resolved)),
        }),
      );
    }
  }
  return groups;
}

/** Count of active sev1/sev2 incidents, for the view container's badge. */
export function urgentIncidentCount(active: readonly IncidentReport[]): number {
  return active.filter((i) => i.severity === 'sev1' || i.severity === 'sev2').length;
}

function sortByStart(incidents: readonly IncidentReport[]): IncidentReport[] {
  return [...incidents].sort((a, b) => (parseIso(b.started) ?? 0) - (parseIso(a.started) ?? 0));
}

function incidentNode(i: IncidentReport, input: IncidentsInput, resolvedAt?: number): ViewNode {
  const started = parseIso(i.started);
  const url = safeHttpUrl(i.url);
  const fetched = parseIso(i.live?.fetchedAt);
  const live = i.live ? `${i.live.source}${fetched !== undefined ? `, ${t('data from {0}', localRelative(fetched, input.at))}` : ''}` : undefined;
  // Systems and an organisation policy's name are in the tooltip: the row keeps the age and the live source.
  const description = [started !== undefined ? localRelative(started, input.at) : undefined, i.live?.source]
    .filter((part) => part)
    .join(' · ');
  const tooltip = [
    `**${escapeMarkdown(i.id)}: ${escapeMarkdown(i.title)}**`,
    '',
    ...fieldLines([
      [t('Severity'), i.severity.toUpperCase()],
      [t('Status'), i.status],
      [t('Commander'), i.commander && escapeMarkdown(i.commander)],
      [t('Started'), started !== undefined ? `${localInZones(started, input.localZone)} (${localRelative(started, input.at)})` : undefined],
      [t('Resolved'), resolvedAt !== undefined ? localInZones(resolvedAt, input.localZone) : undefined],
      [t('Systems'), i.systems.map(escapeMarkdown).join(', ')],
      [t('On call now'), onCallField(i.systems, input.oncall)],
      [t('Source'), live && escapeMarkdown(live)],
      [t('Organisation policy'), originTooltip(i)],
      ['URL', url && markdownLink(url, url)],
    ]),
  ].join('\n');
  const id = `incident/${i.id}`;
  const changes = input.changesLabel?.(i);
  const children = [
    ...onCallRows(id, i.systems, input.oncall),
    ...(changes !== undefined ? [node({ id: changesRowId(id), label: changes, icon: { id: 'history' }, contextValue: 'changesGroup', lazy: true })] : []),
  ];
  return node({
    id,
    // The id first (the severity is the group above), the title shortened to leave the description seen.
    label: fittedName(`${i.id} ${i.title}`, description, 1),
    description,
    // Severity is the icon's colour: said in words, with the status and the systems.
    accessibility: spokenList([
      spokenIncident(i),
      started !== undefined ? t('started {0}', localRelative(started, input.at)) : undefined,
      live,
      originText(i),
    ]),
    tooltip,
    icon: i.status === 'resolved' ? { id: 'pass' } : severityIcon[i.severity],
    // `.org` (an organisation entry), `.live` (reported by a live source): no write actions, the manifest does not hold them.
    contextValue: `${url ? 'incident.url' : 'incident'}${i.origin !== undefined ? '.org' : ''}${i.live !== undefined ? '.live' : ''}`,
    source: i.source,
    url,
    ...(children.length > 0 ? { children } : {}),
  });
}

/** `On call now: Ana Silva (level 1, until 18:00 CET)` per system of the incident that says (labels are plain text). */
function onCallRows(parentId: string, systems: readonly string[], oncall: ReadonlyMap<string, string> | undefined): ViewNode[] {
  return systems.flatMap((system) => {
    const text = oncall?.get(system);
    return text === undefined ? [] : [node({
      id: `${parentId}/oncall/${system}`,
      label: t('On call now: {0}', text),
      description: system,
      tooltip: t('On call now for {0}: {1}', escapeMarkdown(system), escapeMarkdown(text)),
      icon: { id: 'call-outgoing' },
      contextValue: 'oncall',
    })];
  });
}

/** `payments: Ana Silva; ledger: #ledger-oncall` for the incident's systems that say; undefined when none does. */
function onCallField(systems: readonly string[], oncall: ReadonlyMap<string, string> | undefined): string | undefined {
  const calls = systems.flatMap((id) => {
    const text = oncall?.get(id);
    return text === undefined ? [] : [`${escapeMarkdown(id)}: ${escapeMarkdown(text)}`];
  });
  return calls.length > 0 ? calls.join('; ') : undefined;
}

function toReport(i: Incident): IncidentReport {
  return {
    id: i.id,
    title: i.title,
    severity: i.severity,
    status: i.status,
    systems: i.systems,
    started: i.started !== undefined ? new Date(i.started).toISOString() : undefined,
    commander: i.commander,
    url: i.url,
    source: i.source,
    ...(i.origin !== undefined ? { origin: i.origin } : {}),
    ...(i.live !== undefined ? { live: { source: i.live.source, fetchedAt: new Date(i.live.fetchedAt).toISOString() } } : {}),
  };
}
