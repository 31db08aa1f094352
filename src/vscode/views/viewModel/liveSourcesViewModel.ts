import type { SourceRowInput } from '../../model/liveSources';
import { escapeMarkdown, fieldLines } from './markdownText';
import { localInZones, localRelative } from './timePhrases';
import { t } from '../../base/l10n';
import { node } from './viewNode';
import type { ViewNode } from './viewNode';

/** What the Incidents view shows about one live source (see src/vscode/model/liveSources.ts). */

/**
 * One row per live source, above the incidents: its data age, or its error with the age of the
 * data still shown (a failing source never blanks the view). Text from the network is escaped for
 * the markdown tooltip; labels and descriptions are plain text in VS Code.
 */
export function buildSourceNodes(sources: readonly SourceRowInput[], at: number, localZone: string, trusted: boolean): ViewNode[] {
  return sources.map((source) => {
    const age = source.fetchedAt !== undefined ? localRelative(source.fetchedAt, at) : undefined;
    let description: string;
    if (!trusted) {
      description = t('not read: the workspace is not trusted');
    } else if (source.error !== undefined) {
      description = age ? t('failed: {0} · showing data from {1}', source.error, age) : t('failed: {0} · no data yet', source.error);
    } else {
      description = age ? t('{0} active · data from {1}', source.incidents, age) : t('not read yet');
    }
    // A failed on-call lookup (PagerDuty) is a failure of the source too; the systems' static `oncall:` is shown meanwhile.
    const onCallFailed = trusted && source.onCallError !== undefined;
    if (onCallFailed) description = t('{0} · on call failed: {1}', description, source.onCallError ?? '');
    const tooltip = [
      `**${t('Live source {0}', escapeMarkdown(source.id))}** (${escapeMarkdown(source.type)})`,
      '',
      ...fieldLines([
        [t('Data'), source.fetchedAt !== undefined ? `${localInZones(source.fetchedAt, localZone)} (${localRelative(source.fetchedAt, at)})` : t('none yet')],
        [t('Error'), source.error !== undefined ? escapeMarkdown(source.error) : undefined],
        [t('Failed'), source.errorAt !== undefined ? localRelative(source.errorAt, at) : undefined],
        [t('On call'), source.onCallError !== undefined ? escapeMarkdown(t("failed: {0}; the systems' oncall: text is shown instead", source.onCallError)) : undefined],
      ]),
    ].join('\n');
    return node({
      id: `source/${source.id}`,
      label: t('Source {0}', source.id),
      description,
      // The orange icon marks a failing or unread source: the description says which, read out with the id.
      accessibility: t('Live source {0}: {1}', source.id, description.split(' · ').join(', ')),
      tooltip,
      icon: source.error !== undefined || onCallFailed || !trusted ? { id: 'cloud', color: 'charts.orange' } : { id: 'cloud' },
      contextValue: source.error !== undefined || onCallFailed ? 'liveSource.error' : 'liveSource',
    });
  });
}
