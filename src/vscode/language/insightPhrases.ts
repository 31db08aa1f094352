import type { InsightPhrases } from '../../core/language/insightPhrases';
import type { Enforcement } from '../../core/model';
import { t, tn } from '../base/l10n';
import { enforcementWord } from '../model/vocabularyText';

/**
 * The manifest's hover and CodeLens in the display language (core/language/insightPhrases.ts has
 * the English). Hover and lens both take these, so they agree in every language.
 */

const enforcementText = (enforcement: Enforcement): string => enforcementWord[enforcement]();

export const localInsightPhrases: InsightPhrases = {
  files: (n) => tn(n, { one: '{0} file', other: '{0} files' }, n),
  freezesActive: (n) => tn(n, { one: '{0} freeze active', other: '{0} freezes active' }, n),
  incidentsOpen: (n) => tn(n, { one: '{0} incident open', other: '{0} incidents open' }, n),
  dependents: (n) => tn(n, { one: '{0} dependent', other: '{0} dependents' }, n),
  owners: (list) => t('Owners: {0}', list),
  trackedFiles: (n) => (n !== undefined ? t('Tracked files: {0}', n) : t('Tracked files: unknown (no git in this workspace)')),
  freezeInForce: (title, kind, enforcement) => (kind === 'incident'
    ? t('{title} (incident, {enforcement})', { title, enforcement: enforcementText(enforcement) })
    : t('{title} ({enforcement})', { title, enforcement: enforcementText(enforcement) })),
  freezesInForce: (list) => (list !== undefined ? t('Freezes in force: {0}', list) : t('No freeze in force')),
  openIncidents: (list) => t('Open incidents: {0}', list),
  dependentsList: (list) => (list !== undefined ? t('Dependents: {0}', list) : t('No system depends on it')),
  freezeInvalid: () => t('invalid: in force until fixed'),
  freezeActive: (until, enforcement) => (until !== undefined
    ? t('in force until {until} · {enforcement}', { until, enforcement: enforcementText(enforcement) })
    : t('in force · {0}', enforcementText(enforcement))),
  freezeNext: (start, end, enforcement) => t('next: {start} – {end} · {enforcement}', { start, end, enforcement: enforcementText(enforcement) }),
  freezeNone: () => t('not in force (ended, or nothing within a year)'),
};
