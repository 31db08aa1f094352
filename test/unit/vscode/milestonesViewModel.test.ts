import * as assert from 'node:assert';
import { statusReport } from '../../../src/core/evaluate/engine';
import { buildMilestoneNodes } from '../../../src/vscode/views/viewModel/milestonesViewModel';
import { outline } from '../../../src/vscode/views/viewModel/viewNode';
import { fixtureModel, fixtureNow } from '../viewModelFixture';

const model = fixtureModel();
const status = statusReport(model, fixtureNow, { horizonMs: 14 * 86_400_000 });
const input = { projects: model.manifest.projects, atRisk: status.milestonesAtRisk, showDone: true, at: fixtureNow, localZone: 'UTC' };

describe('milestonesViewModel', () => {
  it('lists milestones by due date under their project', () => {
    const [project] = buildMilestoneNodes(input);
    assert.deepStrictEqual(project.children.map((m) => m.label), ['Done: Design', 'Overdue: Late spec', 'At risk: Public beta', 'At risk: General…']);
  });

  it('marks an overdue milestone in red with its reason as a child row', () => {
    const late = buildMilestoneNodes(input)[0].children[1];
    assert.deepStrictEqual([late.icon?.color, late.label.startsWith('Overdue: ') && !(late.description ?? '').includes('overdue'), late.children.map((c) => c.contextValue).includes('risk.overdue')], ['charts.red', true, true]);
  });

  it('shows each risk reason of an at-risk milestone as a child row', () => {
    const beta = buildMilestoneNodes(input)[0].children[2];
    const kinds = beta.children.map((c) => c.contextValue);
    assert.ok(kinds.includes('risk.freeze'), outline([beta]).join('\n'));
    assert.strictEqual(beta.contextValue, 'milestone.atRisk');
  });

  it('puts the business goal in the project tooltip', () => {
    assert.ok((buildMilestoneNodes(input)[0].tooltip ?? '').includes('**Goal:** Faster checkout'));
  });

  it('hides done milestones when told to', () => {
    const [project] = buildMilestoneNodes({ ...input, showDone: false });
    assert.ok(!project.children.some((m) => m.label === 'Design'));
  });
});
