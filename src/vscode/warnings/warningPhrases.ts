import type { WarningPhrases } from '../../core/evaluate/warningPhrases';
import type { Enforcement } from '../../core/model';
import { t, tn } from '../base/l10n';
import { enforcementWord } from '../model/vocabularyText';

/**
 * The file warnings' sentences in the display language (core/evaluate/warningPhrases.ts has the
 * English ones the CLI prints). Each sentence is one message with its facts as placeholders.
 */

const enforcementText = (enforcement: Enforcement): string => enforcementWord[enforcement]();
const systemsText = (systems: readonly string[]): string =>
  tn(systems.length, { one: 'system {0}', other: 'systems {0}' }, systems.join(', '));

/** `Freeze f1 "Holiday"` or `Incident INC-1`: the title only when it is not the id. */
function causeText(cause: { kind: 'freeze' | 'incident'; id: string; title: string }): string {
  if (cause.title === cause.id) {
    return cause.kind === 'freeze' ? t('Freeze {0}', cause.id) : t('Incident {0}', cause.id);
  }
  return cause.kind === 'freeze'
    ? t('Freeze {id} "{title}"', { id: cause.id, title: cause.title })
    : t('Incident {id} "{title}"', { id: cause.id, title: cause.title });
}

export const localWarningPhrases: WarningPhrases = {
  invalid: (kind, id, problem) => `${kind === 'freeze'
    ? t('Freeze {0} is invalid ({1}); treated as in force until fixed.', id, problem)
    : t('Incident {0} is invalid ({1}); treated as in force until fixed.', id, problem)} `,
  windowInvalid: () => t('in force until fixed'),
  windowIncident: () => t('until the incident is resolved'),
  windowWhileActive: () => t('while active'),
  covers: (cause, enforcement, window, systems, patterns) => {
    const facts = { cause: causeText(cause), enforcement: enforcementText(enforcement), window, systems: systemsText(systems), patterns };
    return tn(systems.length, {
      one: '{cause} freezes {systems} ({enforcement}, {window}): this file is in it by {patterns}.',
      other: '{cause} freezes {systems} ({enforcement}, {window}): this file is in them by {patterns}.',
    }, facts);
  },
  coversDependent: (cause, enforcement, window, dependent, chain, system, patterns) =>
    t('{cause} freezes system {dependent} ({enforcement}, {window}); {dependent} depends on this file\'s system ({chain}), and the file is in {system} by {patterns}.',
      { cause: causeText(cause), enforcement: enforcementText(enforcement), window, dependent, chain: chain.join(' → '), system, patterns }),
  patterns: (patterns) => tn(patterns.length, { one: 'pattern {0}', other: 'patterns {0}' }, patterns.join(', ')),
  reason: (reason) => ` ${t('Reason: {0}.', reason)}`,
  blocked: (incidentId) => ` ${incidentId !== undefined
    ? t('Commits are blocked; an emergency change needs a "Freeze-Override: <reason>" trailer naming {0}.', incidentId)
    : t('Commits are blocked; an emergency change needs a "Freeze-Override: <reason>" trailer.')}`,
  overridden: (reason, approvedBy, until) => ` ${until !== undefined
    ? t('Overridden: {0} (approved by {1}, until {2}).', reason, approvedBy, until)
    : t('Overridden: {0} (approved by {1}).', reason, approvedBy)}`,
  overriddenByTrailer: (reason) => ` ${t('Overridden by the commit\'s Freeze-Override trailer: {0}.', reason)}`,
  incidentOpen: (id, title, severity, status, systems, patterns) =>
    t('Incident {id} "{title}" ({severity}, {status}) is open on {systems}: this file is in it by {patterns}.', { id, title, severity, status, systems: systemsText(systems), patterns }),
  commander: (name) => ` ${t('Commander: {0}.', name)}`,
  tell: (owners) => (owners.length > 0 ? ` ${t('Tell: {0}.', owners.join(', '))}` : ''),
  onCall: (calls) => (calls.length > 0 ? ` ${t('On call now: {0}.', calls.join('; '))}` : ''),
};
