import * as assert from 'node:assert';
import type { ChangedCommit } from '../../../src/core/history/incidentChanges';
import { statusReport } from '../../../src/core/evaluate/engine';
import { buildCommitNodes, changesLabel, pullRequestUrl } from '../../../src/vscode/views/viewModel/incidentChangesViewModel';
import { buildIncidentNodes } from '../../../src/vscode/views/viewModel/incidentsViewModel';
import { outline } from '../../../src/vscode/views/viewModel/viewNode';
import { fixtureModel, fixtureNow } from '../viewModelFixture';
import { renderMarkdown } from '../../support/renderedMarkdown';

const HOUR = 3_600_000;
const started = Date.parse('2026-12-05T09:00:00Z');
const at = started + 2 * HOUR;

function commit(fields: Partial<ChangedCommit> & Pick<ChangedCommit, 'sha' | 'subject'>): ChangedCommit {
  return {
    committedAt: new Date(started - 5 * HOUR).toISOString(), author: 'Ana', pr: null, files: { payments: ['services/payments/a.ts'] },
    relation: 'direct', via: ['payments'], override: null, beforeStart: 5 * HOUR, ...fields,
  };
}

describe('incidentChangesViewModel', () => {
  it('labels the changes row with the look-back and, once known, the count', () => {
    const window = { from: started - 72 * HOUR, to: at };
    assert.strictEqual(changesLabel(window, started, undefined), 'Changes in the 72 h before');
    assert.strictEqual(changesLabel(window, started, 3), 'Changes in the 72 h before (3)');
  });

  it('gives each commit its subject as label and author · age · relation as description, newest first as given', () => {
    const rows = buildCommitNodes({
      parentId: 'incident/INC-1/changes', at, localZone: 'UTC',
      commits: [
        commit({ sha: 'b'.repeat(40), subject: 'Tune ledger pool', author: 'Bo', via: ['payments', 'ledger'], relation: 'dependency', committedAt: new Date(started - HOUR).toISOString(), beforeStart: HOUR }),
        commit({ sha: 'a'.repeat(40), subject: 'Retry payments', override: 'CHG-7 hotfix' }),
      ],
    });
    assert.deepStrictEqual(outline(rows), [
      'Tune ledger pool — Bo · 3 h ago · touches ledger (payments depends on ledger)',
      'Retry payments — Ana · 7 h ago · touches payments · override',
    ]);
    assert.deepStrictEqual(rows.map((r) => [r.id, r.contextValue, r.icon?.id]), [
      [`incident/INC-1/changes/${'b'.repeat(40)}`, 'changeCommit', 'git-commit'],
      [`incident/INC-1/changes/${'a'.repeat(40)}`, 'changeCommit', 'unlock'],
    ]);
    const tooltip = rows[1].tooltip ?? '';
    for (const part of [`\`${'a'.repeat(40)}\``, '**⚠ Freeze-Override:** `CHG-7 hotfix`', '- payments: `services/payments/a.ts`', '5 h before it started', 'Sat, Dec 5, 2026, 04:00 UTC']) {
      assert.ok(tooltip.includes(part), `${part} not in\n${tooltip}`);
    }
  });

  it('escapes git text: markdown in the tooltip, control and bidi characters in the label', () => {
    const [row] = buildCommitNodes({ parentId: 'p', at, localZone: 'UTC', commits: [commit({ sha: 'c'.repeat(40), subject: 'Fix *all* [x](javascript:alert(1)) \u202e', author: '<img src=x>' })] });
    assert.ok(!row.label.includes('\u202e'), row.label);
    const tooltip = row.tooltip ?? '';
    assert.ok(tooltip.includes('Fix \\*all\\* \\[x\\]'), tooltip);
    // `<` is escaped (`\<img`), so CommonMark renders the author as text, not as an HTML tag.
    assert.ok(tooltip.includes('\\<img src=x>'), tooltip);
    assert.deepStrictEqual(renderMarkdown(tooltip).html, []);
  });

  it('says so when no commit touches the systems', () => {
    assert.deepStrictEqual(outline(buildCommitNodes({ parentId: 'p', at, localZone: 'UTC', commits: [] })), ['No commits touch these systems in the window']);
  });

  it('links the pull request only on GitHub or GitLab remotes', () => {
    const rows = buildCommitNodes({ parentId: 'p', at, localZone: 'UTC', remote: 'git@github.com:acme/shop.git', commits: [commit({ sha: 'd'.repeat(40), subject: 'Merge pull request #42 from x', pr: 42 })] });
    assert.deepStrictEqual([rows[0].contextValue, rows[0].url], ['changeCommit.pr', 'https://github.com/acme/shop/pull/42']);
    assert.ok((rows[0].tooltip ?? '').includes('[#42](https://github.com/acme/shop/pull/42)'));
    assert.deepStrictEqual(
      ['https://github.com/acme/shop', 'ssh://git@gitlab.com/group/sub/shop.git', 'https://gitlab.example.org/g/r.git', 'https://bitbucket.org/a/b.git', '/srv/repo.git', 'git@github.com:onlyone', 'https://github.com/a/b c'].map((r) => pullRequestUrl(r, 7)),
      ['https://github.com/acme/shop/pull/7', 'https://gitlab.com/group/sub/shop/-/merge_requests/7', 'https://gitlab.example.org/g/r/-/merge_requests/7', undefined, undefined, undefined, undefined],
    );
  });

  it('gives an incident row a lazy changes row only when the view offers one', () => {
    const model = fixtureModel();
    const input = { active: statusReport(model, fixtureNow).incidents, all: model.manifest.incidents, showResolved: false, at: fixtureNow, localZone: 'UTC' };
    const plain = buildIncidentNodes(input);
    assert.deepStrictEqual(plain[0].children[0].children, []);
    const [sev1] = buildIncidentNodes({ ...input, changesLabel: (i) => (i.id === 'INC-1' ? 'Changes in the 72 h before' : undefined) });
    const changes = sev1.children[0].children;
    assert.deepStrictEqual(changes.map((c) => [c.id, c.label, c.lazy, c.contextValue]), [['incident/INC-1/changes', 'Changes in the 72 h before', true, 'changesGroup']]);
  });
});
