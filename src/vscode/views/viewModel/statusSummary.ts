import { escapeIcons } from '../../../report/escape';
import type { ImpactReport, StatusReport } from '../../../core/evaluate/report';

export interface FolderState {
  readonly name: string;
  readonly status?: StatusReport;
  readonly impact?: ImpactReport;
  /** The manifest currently has errors (views show what can be read; invalid freezes are in force). */
  readonly invalid: boolean;
  /** Messages of extended (organisation) manifests that could not be read or verified (`extends-unavailable`, `extends-tampered`). */
  readonly extendsFailures?: readonly string[];
}

export type SummaryLevel = 'error' | 'warning' | 'info' | 'ok';
/** Where a click on the status-bar item leads. */
export type SummaryTarget = 'impact' | 'incidents' | 'freezes' | 'milestones' | 'problems';

export interface StatusSummary {
  readonly level: SummaryLevel;
  /** Status-bar text with codicons, e.g. `$(lock) Blocked: Holiday freeze`. */
  readonly text: string;
  readonly tooltip: string;
  readonly target: SummaryTarget;
}

interface Candidate extends StatusSummary {
  readonly rank: number;
}

/**
 * The worst current state across folders, in this order: a block freeze on a changed system, an
 * active sev1, a warn freeze on a changed system, an active sev2, an invalid manifest, any active
 * freeze, milestones at risk; else all clear. An invalid manifest is also mentioned when
 * something worse wins, because the views are then showing stale data.
 */
export function summarizeStatus(folders: readonly FolderState[]): StatusSummary {
  const candidates = folders.flatMap(candidatesFor);
  const best = candidates.sort((a, b) => a.rank - b.rank)[0];
  const invalid = folders.filter((f) => f.invalid);
  if (!best) {
    return { level: 'ok', text: '$(radio-tower)', tooltip: 'Change Radar: no freeze, incident or milestone risk affects this workspace.', target: 'impact' };
  }
  if (invalid.length > 0 && best.target !== 'problems') {
    return {
      level: best.level,
      text: `${best.text} $(warning)`,
      tooltip: `${best.tooltip}\nThe manifest in ${invalid.map((f) => f.name).join(', ')} has errors; invalid freezes are treated as in force until fixed.`,
      target: best.target,
    };
  }
  return { level: best.level, text: best.text, tooltip: best.tooltip, target: best.target };
}

function candidatesFor(f: FolderState): Candidate[] {
  const out: Candidate[] = [];
  const impactFreezes = f.impact?.freezes ?? [];
  const blocking = impactFreezes.filter((x) => x.effect === 'block');
  if (blocking.length > 0) {
    out.push({ rank: 0, level: 'error', target: 'impact', text: `$(lock) Blocked: ${escapeIcons(blocking[0].title)}`, tooltip: `A block freeze covers files you changed in ${f.name}: ${blocking.map((x) => x.title).join(', ')}.` });
  }
  const incidents = f.status?.incidents ?? [];
  const sev1 = incidents.filter((i) => i.severity === 'sev1');
  if (sev1.length > 0) {
    out.push({ rank: 1, level: 'error', target: 'incidents', text: `$(flame) SEV1: ${escapeIcons(sev1[0].id)}${sev1.length > 1 ? ` +${sev1.length - 1}` : ''}`, tooltip: `Active sev1 in ${f.name}: ${sev1.map((i) => `${i.id} ${i.title}`).join('; ')}.` });
  }
  const warning = impactFreezes.filter((x) => x.effect === 'warn');
  if (warning.length > 0) {
    out.push({ rank: 2, level: 'warning', target: 'impact', text: `$(lock) Freeze: ${escapeIcons(warning[0].title)}`, tooltip: `A warn freeze covers files you changed in ${f.name}: ${warning.map((x) => x.title).join(', ')}.` });
  }
  const sev2 = incidents.filter((i) => i.severity === 'sev2');
  if (sev2.length > 0) {
    out.push({ rank: 3, level: 'warning', target: 'incidents', text: `$(flame) SEV2: ${escapeIcons(sev2[0].id)}${sev2.length > 1 ? ` +${sev2.length - 1}` : ''}`, tooltip: `Active sev2 in ${f.name}: ${sev2.map((i) => `${i.id} ${i.title}`).join('; ')}.` });
  }
  const failures = f.extendsFailures ?? [];
  if (failures.length > 0) {
    out.push({ rank: 4, level: 'error', target: 'problems', text: '$(cloud-offline) Organisation policy unavailable', tooltip: `In ${f.name}: ${failures.join('\n')}` });
  }
  if (f.invalid && failures.length === 0) {
    out.push({ rank: 4, level: 'warning', target: 'problems', text: '$(warning) ops.yaml has errors', tooltip: `The manifest in ${f.name} has errors; invalid freezes are treated as in force until fixed.` });
  }
  const activeFreezes = (f.status?.freezes ?? []).filter((x) => x.active);
  if (activeFreezes.length > 0) {
    out.push({ rank: 5, level: 'info', target: 'freezes', text: `$(lock) ${activeFreezes.length} freeze${activeFreezes.length === 1 ? '' : 's'} active`, tooltip: `Active in ${f.name}: ${activeFreezes.map((x) => x.title).join(', ')}.` });
  }
  const atRisk = f.status?.milestonesAtRisk ?? [];
  if (atRisk.length > 0) {
    out.push({ rank: 6, level: 'info', target: 'milestones', text: `$(milestone) ${atRisk.length} at risk`, tooltip: `Milestones at risk in ${f.name}: ${atRisk.map((m) => m.title).join(', ')}.` });
  }
  return out;
}
