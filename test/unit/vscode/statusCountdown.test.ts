import * as assert from 'node:assert';
import { analyzeChange, compileModel } from '../../../src/core/evaluate/engine';
import { countdownText, summarizeStatus } from '../../../src/vscode/views/viewModel/statusSummary';
import { freeze, manifest, ms, system } from '../manifestFactory';

// The status bar's countdown to a block freeze on the change, from a real impact report.

const model = compileModel(manifest({
  systems: [system({ id: 'checkout', paths: ['services/checkout/'] }), system({ id: 'docs', paths: ['docs/'] })],
  freezes: [
    freeze({ id: 'holiday', title: 'Holiday freeze', systems: ['checkout'], start: ms('2026-12-18T16:00:00Z'), end: ms('2027-01-04T08:00:00Z') }),
    freeze({ id: 'soft', title: 'Docs quiet', systems: ['docs'], enforcement: 'warn', start: ms('2026-12-18T15:00:00Z'), end: ms('2027-01-04T08:00:00Z') }),
  ],
}));
const day = 86_400_000;

function summary(paths: string[], at: string, horizonMs = day) {
  const now = ms(at);
  const impact = analyzeChange(model, paths, now);
  return summarizeStatus([{ name: 'shop', impact, invalid: false }], { at: now, horizonMs });
}

describe('status bar countdown', () => {
  it('counts down to a block freeze on a changed file that starts within the horizon', () => {
    const s = summary(['services/checkout/pay.ts'], '2026-12-18T13:50:00Z');
    assert.deepStrictEqual([s.level, s.text, s.target, s.countdownTo], ['warning', '❄ in 2 h 10 min: Holiday freeze', 'impact', ms('2026-12-18T16:00:00Z')]);
  });

  it('says nothing beyond the horizon, for a warn freeze, or once the freeze is in force', () => {
    assert.strictEqual(summary(['services/checkout/pay.ts'], '2026-12-17T15:59:00Z').text, '$(radio-tower)');
    assert.match(summary(['services/checkout/pay.ts'], '2026-12-17T15:59:00Z', 2 * day).text, /^❄ in 24 h 1 min: Holiday freeze$/);
    assert.strictEqual(summary(['docs/a.md'], '2026-12-18T14:00:00Z').text, '$(radio-tower)');
    assert.strictEqual(summary(['services/checkout/pay.ts'], '2026-12-18T16:00:00Z').text, '$(lock) Blocked: Holiday freeze');
    assert.strictEqual(summary(['services/checkout/pay.ts'], '2026-12-18T13:50:00Z', 0).text, '$(radio-tower)');
  });

  it('writes the time left in whole minutes', () => {
    assert.deepStrictEqual([countdownText(59_999), countdownText(45 * 60_000 + 59_000), countdownText(2 * 3_600_000), countdownText(130 * 60_000)], ['less than a minute', '45 min', '2 h', '2 h 10 min']);
  });
});
