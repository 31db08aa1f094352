import type { RiskPhrases } from '../../core/evaluate/riskPhrases';
import { t } from '../base/l10n';

/**
 * Milestone risks in the display language (core/evaluate/riskPhrases.ts has the English the CLI
 * prints): the Milestones, Impact and timeline views and the explain picker show them.
 */
export const localRiskPhrases: RiskPhrases = {
  overdue: (due) => t('overdue: was due {0}', due),
  freezeInvalid: (id, problem) => t('freeze {0} is invalid ({1}): treated as in force until fixed, so at its due date too', id, problem),
  dueInsideFreeze: (id, start, end) => t('due inside freeze {id} ({start} – {end})', { id, start, end }),
  incident: (severity, id, invalidFreeze) => {
    if (invalidFreeze === undefined) return t('{severity} incident {id}', { severity, id });
    return invalidFreeze === 'block'
      ? t('{severity} incident {id} (invalid: acts as a block freeze until fixed)', { severity, id })
      : t('{severity} incident {id} (invalid: acts as a warn freeze until fixed)', { severity, id });
  },
  activeIncident: (incident, title) => t('active {incident} on its systems: {title}', { incident, title }),
  ownerCommanding: (owner, incident, title) => (title !== undefined
    ? t('owner {owner} is commanding {incident} on its systems: {title}', { owner, incident, title })
    : t('owner {owner} is commanding {incident}', { owner, incident })),
  notStarted: (due) => t('due {0} and not started (still planned)', due),
};
