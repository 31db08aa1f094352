import * as assert from 'node:assert';
import { analyzeChange, statusReport } from '../../../src/core/evaluate/engine';
import { summarizeStatus } from '../../../src/vscode/views/viewModel/statusSummary';
import { fixtureModel, fixtureNow } from '../viewModelFixture';

const model = fixtureModel();
const status = statusReport(model, fixtureNow);

describe('statusSummary', () => {
  it('puts a block freeze on a changed system above an active sev1', () => {
    const impact = analyzeChange(model, ['services/checkout/a.ts'], fixtureNow);
    const summary = summarizeStatus([{ name: 'shop', status, impact, invalid: false }]);
    assert.deepStrictEqual([summary.level, summary.text, summary.target], ['error', '$(lock) Blocked: Holiday freeze', 'impact']);
  });

  it('shows manifest text that looks like icon syntax literally, keeping its own icon', () => {
    const impact = analyzeChange(model, ['services/checkout/a.ts'], fixtureNow);
    const spoofed = { ...impact, freezes: impact.freezes.map((f) => ({ ...f, title: '$(check) all clear' })) };
    const summary = summarizeStatus([{ name: 'shop', status, impact: spoofed, invalid: false }]);
    assert.strictEqual(summary.text, '$(lock) Blocked: \\$(check) all clear');
  });

  it('shows an active sev1 when no change is blocked', () => {
    const impact = analyzeChange(model, ['README.md'], fixtureNow);
    const summary = summarizeStatus([{ name: 'shop', status, impact, invalid: false }]);
    assert.deepStrictEqual([summary.level, summary.text, summary.target], ['error', '$(flame) SEV1: INC-1', 'incidents']);
  });

  it('mentions an invalid manifest beside a worse state', () => {
    const summary = summarizeStatus([{ name: 'shop', status, invalid: true }]);
    assert.ok(summary.text.endsWith('$(warning)') && summary.tooltip.includes('invalid freezes are treated as in force'), summary.text);
  });

  it('leads to the Problems panel when the invalid manifest is the worst state', () => {
    const quiet = statusReport(fixtureModel('version: 1\n'), fixtureNow);
    assert.strictEqual(summarizeStatus([{ name: 'shop', status: quiet, invalid: true }]).target, 'problems');
  });

  it('is all clear with nothing to report', () => {
    const quiet = statusReport(fixtureModel('version: 1\n'), fixtureNow);
    assert.deepStrictEqual(summarizeStatus([{ name: 'shop', status: quiet, invalid: false }]).level, 'ok');
  });
});
