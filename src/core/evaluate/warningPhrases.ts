import type { Enforcement } from '../model';

/**
 * The sentences of a file warning's message (fileWarnings.ts), as functions of their facts. Core
 * stays pure and English: `englishWarningPhrases` is the default and what every caller outside the
 * editor gets; the extension passes phrases that read its display language (src/vscode/warnings/
 * warningPhrases.ts). Sentences that follow another start with a space; each is whole, so a
 * translation can order its words freely. Ids, titles, systems and patterns are passed in as they
 * are in the manifest.
 */
export interface WarningPhrases {
  /** `Freeze f1 is invalid (…); treated as in force until fixed. ` (trailing space). */
  invalid(kind: 'freeze' | 'incident', id: string, problem: string): string;
  /** The freeze's window: `Dec 24 00:00 UTC – Jan 4 00:00 UTC`, or one of the phrases below. */
  windowInvalid(): string;
  windowIncident(): string;
  windowWhileActive(): string;
  /** `Freeze f1 "Holiday" freezes system pay (block, …): this file is in it by pattern "src/**".` */
  covers(cause: { kind: 'freeze' | 'incident'; id: string; title: string }, enforcement: Enforcement, window: string, systems: readonly string[], patterns: string): string;
  /** The same for a freeze on a system that depends on the file's system, through `chain`. */
  coversDependent(cause: { kind: 'freeze' | 'incident'; id: string; title: string }, enforcement: Enforcement, window: string, dependent: string, chain: readonly string[], system: string, patterns: string): string;
  /** `pattern "src/**"` or `patterns "a" (pay), "b" (ledger)`. */
  patterns(patterns: readonly string[]): string;
  reason(reason: string): string;
  blocked(incidentId: string | undefined): string;
  overridden(reason: string, approvedBy: string, until: string | undefined): string;
  overriddenByTrailer(reason: string): string;
  incidentOpen(id: string, title: string, severity: string, status: string, systems: readonly string[], patterns: string): string;
  commander(name: string): string;
  tell(owners: readonly string[]): string;
  /** `calls`: `payments: Ana Silva` per system. */
  onCall(calls: readonly string[]): string;
}

function listSystems(systems: readonly string[]): string {
  return systems.length === 1 ? `system ${systems[0]}` : `systems ${systems.join(', ')}`;
}

/** The subject of a warning's first sentence, for a freeze and an incident alike; the title only when it is not the id. */
function describeCause(cause: { kind: 'freeze' | 'incident'; id: string; title: string }): string {
  const title = cause.title !== cause.id ? ` "${cause.title}"` : '';
  return cause.kind === 'freeze' ? `Freeze ${cause.id}${title}` : `Incident ${cause.id}${title}`;
}

/** What the CLI and the tests read. */
export const englishWarningPhrases: WarningPhrases = {
  invalid: (kind, id, problem) => `${kind === 'freeze' ? 'Freeze' : 'Incident'} ${id} is invalid (${problem}); treated as in force until fixed. `,
  windowInvalid: () => 'in force until fixed',
  windowIncident: () => 'until the incident is resolved',
  windowWhileActive: () => 'while active',
  covers: (cause, enforcement, window, systems, patterns) =>
    `${describeCause(cause)} freezes ${listSystems(systems)} (${enforcement}, ${window}): this file is in ${systems.length === 1 ? 'it' : 'them'} by ${patterns}.`,
  coversDependent: (cause, enforcement, window, dependent, chain, system, patterns) =>
    `${describeCause(cause)} freezes system ${dependent} (${enforcement}, ${window}); ${dependent} depends on this file's system (${chain.join(' → ')}), and the file is in ${system} by ${patterns}.`,
  patterns: (patterns) => `${patterns.length === 1 ? 'pattern' : 'patterns'} ${patterns.join(', ')}`,
  reason: (reason) => ` Reason: ${reason}.`,
  blocked: (incidentId) => ` Commits are blocked; an emergency change needs a "Freeze-Override: <reason>" trailer${incidentId !== undefined ? ` naming ${incidentId}` : ''}.`,
  overridden: (reason, approvedBy, until) => ` Overridden: ${reason} (approved by ${approvedBy}${until !== undefined ? `, until ${until}` : ''}).`,
  overriddenByTrailer: (reason) => ` Overridden by the commit's Freeze-Override trailer: ${reason}.`,
  incidentOpen: (id, title, severity, status, systems, patterns) =>
    `Incident ${id} "${title}" (${severity}, ${status}) is open on ${listSystems(systems)}: this file is in it by ${patterns}.`,
  commander: (name) => ` Commander: ${name}.`,
  tell: (owners) => (owners.length > 0 ? ` Tell: ${owners.join(', ')}.` : ''),
  onCall: (calls) => (calls.length > 0 ? ` On call now: ${calls.join('; ')}.` : ''),
};
