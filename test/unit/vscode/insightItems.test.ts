import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { statusReport } from '../../../src/core/evaluate/engine';
import { useL10nBundle } from '../../../src/vscode/base/l10n';
import { statusItems } from '../../../src/vscode/views/viewModel/insightItems';
import { fixtureModel, fixtureNow } from '../viewModelFixture';

describe('insightItems: the status quick pick', () => {
  afterEach(() => useL10nBundle(undefined));

  const freezeRows = (): string[] => {
    const status = statusReport(fixtureModel(), fixtureNow);
    assert.ok(status.freezes.length > 0, 'the fixture has freezes');
    return statusItems(status, fixtureNow).filter((item) => item.label.startsWith('$(lock)')).map((item) => item.description ?? '');
  };

  it('words a freeze\'s enforcement in the display language, as the views and warnings do (not the manifest\'s raw value)', () => {
    const english = freezeRows();
    assert.ok(english.some((row) => /^(block|warn) · /.test(row)), english.join(' | '));
    const german = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'l10n', 'bundle.l10n.de.json'), 'utf8')) as Record<string, string>;
    useL10nBundle(german);
    const rows = freezeRows();
    assert.ok(rows.every((row) => /^(blockierend|warnend) · /.test(row)), rows.join(' | '));
  });
});
