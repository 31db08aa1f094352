import type { enforcementMeaning, incidentStatusMeaning, milestoneStatusMeaning, severityMeaning } from '../../core/manifest/manifestVocabulary';
import { t } from '../base/l10n';

/**
 * What the closed values of the manifest mean, as the write actions' pickers explain them, in the
 * display language, and the enforcement values as words (`enforcementWord`). The vocabulary (core/manifest/manifestVocabulary.ts) stays the one table of the
 * values and their English meaning; these are keyed on its values (a value it gains does not compile
 * here until it is worded), and read exactly as the table without a bundle (a unit test checks it).
 */
type Worded<Table> = { readonly [Value in keyof Table]: () => string };

export const severityText: Worded<typeof severityMeaning> = {
  sev1: () => t('the worst'),
  sev2: () => t('severe'),
  sev3: () => t('moderate'),
  sev4: () => t('the least severe'),
};

export const incidentStatusText: Worded<typeof incidentStatusMeaning> = {
  investigating: () => t('active: the cause is being looked for'),
  identified: () => t('active: the cause is known'),
  monitoring: () => t('active: a fix is being watched'),
  resolved: () => t('no longer active'),
};

export const milestoneStatusText: Worded<typeof milestoneStatusMeaning> = {
  planned: () => t('not started'),
  'in-progress': () => t('under way'),
  done: () => t('delivered'),
  blocked: () => t('held up'),
};

export const enforcementText: Worded<typeof enforcementMeaning> = {
  block: () => t('commits touching them are stopped'),
  warn: () => t('commits are warned'),
};

/** The enforcement values themselves as words (`block`, `warn`), for the save warning, the hover and the timeline's table. */
export const enforcementWord: Worded<typeof enforcementMeaning> = {
  block: () => t('block'),
  warn: () => t('warn'),
};
