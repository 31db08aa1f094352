import type { Enforcement } from '../model';

/**
 * The words of the manifest's hover and CodeLens (manifestInsight.ts), as functions of their facts.
 * Core stays pure and English: `englishInsightPhrases` is the default; the extension passes phrases
 * that read its display language (src/vscode/language/insightPhrases.ts). Both surfaces take the
 * same phrases, so the lens above an id and the hover on it still say the same thing. Ids, titles,
 * owners, severities and zone texts are passed in as they are.
 */
export interface InsightPhrases {
  /** The lens's parts: `412 files`, `2 freezes active`, `1 incident open`, `3 dependents`. */
  files(count: number): string;
  freezesActive(count: number): string;
  incidentsOpen(count: number): string;
  dependents(count: number): string;
  /** The hover's lines for a system; `list` is already escaped and joined. */
  owners(list: string): string;
  trackedFiles(count: number | undefined): string;
  /** `Holiday freeze (incident, block)`: `title` already escaped. */
  freezeInForce(title: string, kind: 'freeze' | 'incident', enforcement: Enforcement): string;
  freezesInForce(list: string | undefined): string;
  openIncidents(list: string): string;
  dependentsList(list: string | undefined): string;
  /** A freeze's lens: invalid, in force (until an instant), next window, or none. */
  freezeInvalid(): string;
  freezeActive(until: string | undefined, enforcement: Enforcement): string;
  freezeNext(start: string, end: string, enforcement: Enforcement): string;
  freezeNone(): string;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** What the tests read, and the extension without a bundle (English). */
export const englishInsightPhrases: InsightPhrases = {
  files: (n) => plural(n, 'file'),
  freezesActive: (n) => `${plural(n, 'freeze')} active`,
  incidentsOpen: (n) => `${plural(n, 'incident')} open`,
  dependents: (n) => plural(n, 'dependent'),
  owners: (list) => `Owners: ${list}`,
  trackedFiles: (n) => (n !== undefined ? `Tracked files: ${n}` : 'Tracked files: unknown (no git in this workspace)'),
  freezeInForce: (title, kind, enforcement) => `${title} (${kind === 'incident' ? 'incident, ' : ''}${enforcement})`,
  freezesInForce: (list) => (list !== undefined ? `Freezes in force: ${list}` : 'No freeze in force'),
  openIncidents: (list) => `Open incidents: ${list}`,
  dependentsList: (list) => (list !== undefined ? `Dependents: ${list}` : 'No system depends on it'),
  freezeInvalid: () => 'invalid: in force until fixed',
  freezeActive: (until, enforcement) => (until !== undefined ? `in force until ${until} · ${enforcement}` : `in force · ${enforcement}`),
  freezeNext: (start, end, enforcement) => `next: ${start} – ${end} · ${enforcement}`,
  freezeNone: () => 'not in force (ended, or nothing within a year)',
};
