import type { SourceRowInput } from '../../model/liveSources';
import { escapeMarkdown, fieldLines } from './markdownText';
import { formatInZones, formatRelative } from '../../../report/timeText';
import { node } from './viewNode';
import { t } from '../../base/l10n';
import type { ViewNode } from './viewNode';

/** What the Incidents view shows about one live source (see src/vscode/model/liveSources.ts). */

/**
 * One row per live source, above the incidents: its data age, or its error with the age of the
 * data still shown (a failing source never blanks the view). Text from the network is escaped for
 * the markdown tooltip; labels and descriptions are plain text in VS Code.
 */
export function buildSourceNodes(sources: readonly SourceRowInput[], at: number, localZone: string, trusted: boolean): ViewNode[] {
  return sources.map((source) => {
    const age = source.fetchedAt !== undefined ? formatRelative(source.fetchedAt, at) : undefined;
    let description: string;
    if (!trusted) {
      description = t('not read: the workspace is not trusted');
    } else if (source.error !== undefined) {
      description = age ? t('failed: {0} · showing data from {1}', source.error, age) : t('failed: {0} · no data yet', source.error);
    } else {
      description = age ? t('{0} active · data from {1}', source.incidents, age) : t('not read yet');
    }
    const tooltip = [
      `**${t('Live source {0}', escapeMarkdown(source.id))}** (${escapeMarkdown(source.type)})`,
      '',
      ...fieldLines([
        [t('Data'), source.fetchedAt !== undefined ? `${formatInZones(source.fetchedAt, localZone)} (${formatRelative(source.fetchedAt, at)})` : t('none yet')],
        [t('Error'), source.error !== undefined ? escapeMarkdown(source.error) : undefined],
        [t('Failed'), source.errorAt !== undefined ? formatRelative(source.errorAt, at) : undefined],
      ]),
    ].join('\n');
    return node({
      id: `source/${source.id}`,
      label: t('Source {0}', source.id),
      description,
      tooltip,
      icon: source.error !== undefined || !trusted ? { id: 'cloud', color: 'charts.orange' } : { id: 'cloud' },
      contextValue: source.error !== undefined ? 'liveSource.error' : 'liveSource',
    });
  });
}
