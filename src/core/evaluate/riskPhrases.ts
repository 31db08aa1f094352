import type { Enforcement } from '../model';

/**
 * The sentences of a milestone's risks (milestoneRisk.ts), as functions of their facts. Core stays
 * pure and English: `englishRiskPhrases` is the default and what the CLI prints; the extension
 * passes phrases that read its display language (src/vscode/model/riskPhrases.ts). Ids, titles,
 * owners, severities, problems and zone texts are passed in as they are in the manifest.
 */
export interface RiskPhrases {
  /** `overdue: was due 2026-12-01 00:00 UTC` */
  overdue(due: string): string;
  /** An invalid freeze is in force at every instant until fixed, the due date too. */
  freezeInvalid(id: string, problem: string): string;
  /** `due inside freeze holiday (start – end)` */
  dueInsideFreeze(id: string, start: string, end: string): string;
  /** `sev1 incident INC-7`, with `(invalid: acts as a block freeze until fixed)` when `invalidFreeze` is given. */
  incident(severity: string, id: string, invalidFreeze: Enforcement | undefined): string;
  /** `active <incident> on its systems: <title>`; `incident` is what {@link incident} said. */
  activeIncident(incident: string, title: string): string;
  /** `owner @ana is commanding <incident>`, with `on its systems: <title>` when `title` is given. */
  ownerCommanding(owner: string, incident: string, title: string | undefined): string;
  /** `due <date> and not started (still planned)` */
  notStarted(due: string): string;
}

/** What the CLI prints and the tests read. */
export const englishRiskPhrases: RiskPhrases = {
  overdue: (due) => `overdue: was due ${due}`,
  freezeInvalid: (id, problem) => `freeze ${id} is invalid (${problem}): treated as in force until fixed, so at its due date too`,
  dueInsideFreeze: (id, start, end) => `due inside freeze ${id} (${start} – ${end})`,
  incident: (severity, id, invalidFreeze) =>
    `${severity} incident ${id}${invalidFreeze !== undefined ? ` (invalid: acts as a ${invalidFreeze} freeze until fixed)` : ''}`,
  activeIncident: (incident, title) => `active ${incident} on its systems: ${title}`,
  ownerCommanding: (owner, incident, title) =>
    (title !== undefined ? `owner ${owner} is commanding ${incident} on its systems: ${title}` : `owner ${owner} is commanding ${incident}`),
  notStarted: (due) => `due ${due} and not started (still planned)`,
};
