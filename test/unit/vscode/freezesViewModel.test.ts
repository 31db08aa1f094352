import * as assert from 'node:assert';
import { statusReport } from '../../../src/core/evaluate/engine';
import { buildFreezeNodes } from '../../../src/vscode/views/viewModel/freezesViewModel';
import { outline } from '../../../src/vscode/views/viewModel/viewNode';
import { fixtureModel, fixtureNow } from '../viewModelFixture';

const model = fixtureModel();

describe('freezesViewModel', () => {
  it('shows active freezes with the state first and the time remaining, then upcoming ones with when they start, and covered systems', () => {
    const status = statusReport(model, fixtureNow, { horizonMs: 7 * 86_400_000 });
    assert.deepStrictEqual(outline(buildFreezeNodes({ freezes: status.freezes, at: fixtureNow, localZone: 'UTC' })), [
      'Active now — 1',
      '  Block: Holiday freeze — 4 days left',
      '    checkout',
      'Upcoming — 1',
      '  Warn: Audit window — in 45 h',
      '    web',
    ]);
  });

  it('gives the window in local time and in the freeze zone', () => {
    const status = statusReport(model, fixtureNow);
    const holiday = buildFreezeNodes({ freezes: status.freezes, at: fixtureNow, localZone: 'America/New_York' })[0].children[0];
    assert.ok((holiday.tooltip ?? '').includes('Europe/Berlin') && (holiday.tooltip ?? '').includes('EST'), holiday.tooltip);
  });

  it('leaves out freezes beyond the horizon', () => {
    const status = statusReport(model, fixtureNow, { horizonMs: 3_600_000 });
    assert.deepStrictEqual(buildFreezeNodes({ freezes: status.freezes, at: fixtureNow, localZone: 'UTC' }).map((g) => g.label), ['Active now']);
  });
});
