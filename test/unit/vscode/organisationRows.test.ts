// Rows of an extended (organisation) manifest: `.org` context values, and package.json's write
// actions hidden for them (their `viewItem` when clauses evaluated against each row's context value).
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileModel, statusReport } from '../../../src/core/evaluate/engine';
import type { EntryOrigin, Manifest } from '../../../src/core/model';
import { buildFreezeNodes } from '../../../src/vscode/views/viewModel/freezesViewModel';
import { buildIncidentNodes } from '../../../src/vscode/views/viewModel/incidentsViewModel';
import { buildMilestoneNodes } from '../../../src/vscode/views/viewModel/milestonesViewModel';
import type { ViewNode } from '../../../src/vscode/views/viewModel/viewNode';
import { fixtureModel, fixtureNow } from '../viewModelFixture';

const origin: EntryOrigin = { extends: 'acme-policy', ref: 'a'.repeat(40), file: 'ops.yaml', line: 3 };
const writeCommands = ['changeRadar.endFreeze', 'changeRadar.extendFreeze', 'changeRadar.resolveIncident', 'changeRadar.updateIncident', 'changeRadar.setMilestoneStatus'];

/** The rows of the three views with write actions, for a manifest. */
function rows(manifest: Manifest): { view: string; node: ViewNode }[] {
  const model = compileModel(manifest);
  const status = statusReport(model, fixtureNow, { horizonMs: 14 * 86_400_000 });
  const all = (view: string, nodes: readonly ViewNode[]): { view: string; node: ViewNode }[] => nodes.flatMap((node) => [{ view, node }, ...all(view, node.children)]);
  return [
    ...all('changeRadar.freezes', buildFreezeNodes({ freezes: status.freezes, at: fixtureNow, localZone: 'UTC' })),
    ...all('changeRadar.incidents', buildIncidentNodes({ active: status.incidents, all: manifest.incidents, showResolved: true, at: fixtureNow, localZone: 'UTC' })),
    ...all('changeRadar.milestones', buildMilestoneNodes({ projects: manifest.projects, atRisk: status.milestonesAtRisk, showDone: true, at: fixtureNow, localZone: 'UTC' })),
  ];
}

/** The write actions package.json's `view/item/context` menus show on a row. */
function writeActionsShown(view: string, contextValue: string | undefined): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as { contributes: { menus: Record<string, { command: string; when?: string }[]> } };
  return [...new Set((pkg.contributes.menus['view/item/context'] ?? []).filter((menu) => {
    if (!writeCommands.includes(menu.command) || contextValue === undefined) return false;
    const when = menu.when ?? '';
    const viewOk = [...when.matchAll(/view == (\S+)/g)].every((m) => m[1] === view);
    const itemOk = [...when.matchAll(/viewItem =~ \/(.+?)\/(?: |$)/g)].every((m) => new RegExp(m[1]).test(contextValue))
      && [...when.matchAll(/viewItem == (\S+)/g)].every((m) => m[1] === contextValue);
    return viewOk && itemOk;
  }).map((menu) => menu.command))];
}

describe('organisation rows (extends:)', () => {
  const local = fixtureModel().manifest;
  const organisation: Manifest = {
    ...local,
    freezes: local.freezes.map((f) => ({ ...f, origin })),
    incidents: local.incidents.map((i) => ({ ...i, origin })),
    projects: local.projects.map((p) => ({ ...p, origin })),
  };

  it('rows of the repository\'s own entries keep every write action', () => {
    const shown = rows(local).flatMap(({ view, node }) => writeActionsShown(view, node.contextValue));
    assert.deepStrictEqual([...new Set(shown)].sort(), [...writeCommands].sort());
  });

  it('rows of organisation entries have `.org` context values and no write action', () => {
    const org = rows(organisation).filter(({ node }) => /^(freeze|incident|milestone)\./.test(node.contextValue ?? '') || ['incident', 'milestone'].includes(node.contextValue ?? ''));
    assert.ok(org.length >= 5, org.map(({ node }) => node.contextValue).join(', '));
    assert.deepStrictEqual(org.filter(({ node }) => !node.contextValue?.endsWith('.org')).map(({ node }) => node.contextValue), []);
    assert.deepStrictEqual(org.flatMap(({ view, node }) => writeActionsShown(view, node.contextValue)), []);
  });

  it('rows of what a live source reports (also from an organisation source) have `.live` context values and no write action', () => {
    const live = { source: 'status', fetchedAt: fixtureNow - 60_000 };
    const reported: Manifest = {
      ...local,
      freezes: local.freezes.map((f) => ({ ...f, live })),
      incidents: local.incidents.map((i, index) => ({ ...i, live, ...(index === 0 ? { origin } : {}) })),
    };
    const liveRows = rows(reported).filter(({ view, node }) => view !== 'changeRadar.milestones' && /^(freeze|incident)\b/.test(node.contextValue ?? ''));
    assert.ok(liveRows.some(({ view, node }) => view === 'changeRadar.incidents' && node.contextValue === 'incident.url.org.live'), liveRows.map(({ node }) => node.contextValue).join(', '));
    assert.ok(liveRows.some(({ view, node }) => view === 'changeRadar.incidents' && node.contextValue === 'incident.live'));
    assert.ok(liveRows.every(({ node }) => node.contextValue?.endsWith('.live')), liveRows.map(({ node }) => node.contextValue).join(', '));
    assert.deepStrictEqual(liveRows.flatMap(({ view, node }) => writeActionsShown(view, node.contextValue)), []);
  });
});
