import type { SourceRowInput } from '../../model/liveSources';
import { escapeMarkdown, fieldLines } from './markdownText';
import { formatInZones, formatRelative } from '../../../report/timeText';
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
    const age = source.fetchedAt !== undefined ? `data from ${formatRelative(source.fetchedAt, at)}` : undefined;
    let description: string;
    if (!trusted) {
      description = 'not read: the workspace is not trusted';
    } else if (source.error !== undefined) {
      description = `failed: ${source.error}${age ? ` · showing ${age}` : ' · no data yet'}`;
    } else {
      description = age ? `${source.incidents} active · ${age}` : 'not read yet';
    }
    // A failed on-call lookup (PagerDuty) is a failure of the source too; the systems' static `oncall:` is shown meanwhile.
    const onCallFailed = trusted && source.onCallError !== undefined;
    if (onCallFailed) description = t('{0} · on call failed: {1}', description, source.onCallError ?? '');
    const tooltip = [
      `**Live source ${escapeMarkdown(source.id)}** (${escapeMarkdown(source.type)})`,
      '',
      ...fieldLines([
        ['Data', source.fetchedAt !== undefined ? `${formatInZones(source.fetchedAt, localZone)} (${formatRelative(source.fetchedAt, at)})` : 'none yet'],
        ['Error', source.error !== undefined ? escapeMarkdown(source.error) : undefined],
        ['Failed', source.errorAt !== undefined ? formatRelative(source.errorAt, at) : undefined],
        [t('On call'), source.onCallError !== undefined ? escapeMarkdown(t("failed: {0}; the systems' oncall: text is shown instead", source.onCallError)) : undefined],
      ]),
    ].join('\n');
    return node({
      id: `source/${source.id}`,
      label: `Source ${source.id}`,
      description,
      // The orange icon marks a failing or unread source: the description says which, read out with the id.
      accessibility: t('Live source {0}: {1}', source.id, description.split(' · ').join(', ')),
      tooltip,
      icon: source.error !== undefined || onCallFailed || !trusted ? { id: 'cloud', color: 'charts.orange' } : { id: 'cloud' },
      contextValue: source.error !== undefined || onCallFailed ? 'liveSource.error' : 'liveSource',
    });
  });
}
