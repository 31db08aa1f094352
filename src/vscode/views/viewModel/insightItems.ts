import { escapeIcons, escapeText } from '../../../report/escape';
import type { SourceLocation } from '../../../core/problem';
import type { FreezeReport, IncidentReport, MilestoneReport, PathExplanation, StatusReport } from '../../../core/evaluate/report';
import { freezeTiming } from './freezesViewModel';
import { parseIso } from '../../../report/timeText';
import { localRelative } from './timePhrases';
import { t } from '../../base/l10n';
import { enforcementWord } from '../../model/vocabularyText';

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
  const items: InsightItem[] = [separator(t('Systems'))];
  if (e.matches.length === 0) {
    items.push({ label: `$(question) ${t('In no system')}`, description: t('no `paths` pattern matches this file') });
  }
  items.push(...e.matches.map((m) => ({ label: `$(symbol-namespace) ${escapeIcons(m.system)}`, description: t('matched by {0}', m.pattern) })));
  if (e.dependents.length > 0) {
    items.push(separator(t('Impacted through dependencies')));
    items.push(...e.dependents.map((d) => ({ label: `$(references) ${escapeIcons(d.id)}`, description: t('via {0}', d.via.join(' → ')) })));
  }
  items.push(...freezeSection(e.freezes, at), ...incidentSection(e.incidents, at), ...milestoneSection(e.milestones));
  const owners = [...new Set([...e.systemOwners, ...e.codeowners])];
  if (owners.length > 0) {
    items.push(separator(t('Who to tell')));
    items.push({
      label: `$(person) ${escapeIcons(owners.join(', '))}`,
      description: e.codeowners.length > 0 && e.codeownersLine ? t('CODEOWNERS line {0}', e.codeownersLine) : undefined,
    });
  }
  return items;
}

/** `change-radar status` as quick-pick rows. */
export function statusItems(s: StatusReport, at: number): InsightItem[] {
  const items = [...incidentSection(s.incidents, at), ...freezeSection(s.freezes, at), ...milestoneSection(s.milestonesAtRisk)];
  return items.length > 0 ? items.map(plainText) : [{ label: `$(pass) ${t('All clear')}`, description: t('no active incident, freeze in the horizon or milestone at risk') }];
}

function freezeSection(freezes: readonly FreezeReport[], at: number): InsightItem[] {
  if (freezes.length === 0) {
    return [];
  }
  return [
    separator(t('Freezes')),
    ...freezes.map((f) => ({
      label: `$(lock) ${escapeIcons(f.title)}`,
      description: `${enforcementWord[f.effect !== 'none' ? f.effect : f.enforcement]()} · ${freezeTiming(f, at)}`,
      detail: [f.reason, f.systems.length > 0 ? t('systems: {0}', f.systems.join(', ')) : undefined].filter((p) => p).join(' — ') || undefined,
      source: f.source,
    })),
  ];
}

function incidentSection(incidents: readonly IncidentReport[], at: number): InsightItem[] {
  if (incidents.length === 0) {
    return [];
  }
  return [
    separator(t('Incidents')),
    ...incidents.map((i) => {
      const started = parseIso(i.started);
      return {
        label: `$(flame) ${escapeIcons(`${i.id} ${i.title}`)}`,
        description: [i.severity, i.status, started !== undefined ? t('started {0}', localRelative(started, at)) : undefined].filter((p) => p).join(' · '),
        detail: [i.systems.length > 0 ? t('systems: {0}', i.systems.join(', ')) : undefined, i.commander ? t('commander: {0}', i.commander) : undefined]
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
    separator(t('Milestones at risk')),
    ...milestones.map((m) => ({
      label: `$(milestone) ${escapeIcons(m.title)}`,
      description: `${m.project}/${m.id} · ${m.status}`,
      detail: m.risks.map((r) => r.message).join('; ') || undefined,
      source: m.source,
    })),
  ];
}
