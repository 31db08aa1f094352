import { escapeIcons, escapeText } from '../../../report/escape';
import type { SourceLocation } from '../../../core/problem';
import type { FreezeReport, IncidentReport, MilestoneReport, PathExplanation, StatusReport } from '../../../core/evaluate/report';
import { freezeTiming } from './freezesViewModel';
import { formatRelative, parseIso } from '../../../report/timeText';

/** A row of the Explain / Show Status quick picks, as plain data. */
export interface InsightItem {
  readonly label: string;
  readonly description?: string;
  readonly detail?: string;
  readonly kind?: 'separator';
  /** Manifest entry revealed when the row is picked. */
  readonly source?: SourceLocation;
  /** Folder key the source is relative to. */
  readonly folder?: string;
}

const separator = (label: string): InsightItem => ({ label, kind: 'separator' });

/** `change-radar explain` as quick-pick rows: systems and patterns, dependents, freezes, incidents, milestones, owners. */
export function explanationItems(e: PathExplanation, at: number): InsightItem[] {
  return explanationRows(e, at).map(plainText);
}

/** Quick-pick text is plain text: manifest text in it shows control and bidi characters escaped. */
function plainText(item: InsightItem): InsightItem {
  return {
    ...item,
    label: escapeText(item.label),
    ...(item.description !== undefined ? { description: escapeText(item.description) } : {}),
    ...(item.detail !== undefined ? { detail: escapeText(item.detail) } : {}),
  };
}

function explanationRows(e: PathExplanation, at: number): InsightItem[] {
  const items: InsightItem[] = [separator('Systems')];
  if (e.matches.length === 0) {
    items.push({ label: '$(question) In no system', description: 'no `paths` pattern matches this file' });
  }
  items.push(...e.matches.map((m) => ({ label: `$(symbol-namespace) ${escapeIcons(m.system)}`, description: `matched by ${m.pattern}` })));
  if (e.dependents.length > 0) {
    items.push(separator('Impacted through dependencies'));
    items.push(...e.dependents.map((d) => ({ label: `$(references) ${escapeIcons(d.id)}`, description: `via ${d.via.join(' → ')}` })));
  }
  items.push(...freezeSection(e.freezes, at), ...incidentSection(e.incidents, at), ...milestoneSection(e.milestones));
  const owners = [...new Set([...e.systemOwners, ...e.codeowners])];
  if (owners.length > 0) {
    items.push(separator('Who to tell'));
    items.push({
      label: `$(person) ${escapeIcons(owners.join(', '))}`,
      description: e.codeowners.length > 0 && e.codeownersLine ? `CODEOWNERS line ${e.codeownersLine}` : undefined,
    });
  }
  return items;
}

/** `change-radar status` as quick-pick rows. */
export function statusItems(s: StatusReport, at: number): InsightItem[] {
  const items = [...incidentSection(s.incidents, at), ...freezeSection(s.freezes, at), ...milestoneSection(s.milestonesAtRisk)];
  return items.length > 0 ? items.map(plainText) : [{ label: '$(pass) All clear', description: 'no active incident, freeze in the horizon or milestone at risk' }];
}

function freezeSection(freezes: readonly FreezeReport[], at: number): InsightItem[] {
  if (freezes.length === 0) {
    return [];
  }
  return [
    separator('Freezes'),
    ...freezes.map((f) => ({
      label: `$(lock) ${escapeIcons(f.title)}`,
      description: `${f.effect !== 'none' ? f.effect : f.enforcement} · ${freezeTiming(f, at)}`,
      detail: [f.reason, f.systems.length > 0 ? `systems: ${f.systems.join(', ')}` : undefined].filter((p) => p).join(' — ') || undefined,
      source: f.source,
    })),
  ];
}

function incidentSection(incidents: readonly IncidentReport[], at: number): InsightItem[] {
  if (incidents.length === 0) {
    return [];
  }
  return [
    separator('Incidents'),
    ...incidents.map((i) => {
      const started = parseIso(i.started);
      return {
        label: `$(flame) ${escapeIcons(`${i.id} ${i.title}`)}`,
        description: [i.severity, i.status, started !== undefined ? `started ${formatRelative(started, at)}` : undefined].filter((p) => p).join(' · '),
        detail: [i.systems.length > 0 ? `systems: ${i.systems.join(', ')}` : undefined, i.commander ? `commander: ${i.commander}` : undefined]
          .filter((p) => p)
          .join(' — ') || undefined,
        source: i.source,
      };
    }),
  ];
}

function milestoneSection(milestones: readonly MilestoneReport[]): InsightItem[] {
  if (milestones.length === 0) {
    return [];
  }
  return [
    separator('Milestones at risk'),
    ...milestones.map((m) => ({
      label: `$(milestone) ${escapeIcons(m.title)}`,
      description: `${m.project}/${m.id} · ${m.status}`,
      detail: m.risks.map((r) => r.message).join('; ') || undefined,
      source: m.source,
    })),
  ];
}
