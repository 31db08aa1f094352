// init from Backstage catalog files and from workspace package lists.
import * as assert from 'node:assert';
import { proposeFromBackstage } from '../../../src/core/adopt/backstageProposal';
import { proposeManifest } from '../../../src/core/adopt/propose';
import { renderProposal } from '../../../src/core/adopt/renderProposal';
import { proposeFromWorkspaces } from '../../../src/core/adopt/workspacesProposal';
import { parsedProposal, snapshot, systemsOf } from './support';

/** A catalog laid out as Backstage documents it: a System, Components and a Resource, several per file. */
const catalog = {
  'catalog-info.yaml': `apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: payments
spec:
  owner: group:default/payments
---
apiVersion: backstage.io/v1alpha1
kind: Location
metadata:
  name: payments-components
spec:
  targets: [./services/*/catalog-info.yaml]
`,
  'services/ledger/catalog-info.yaml': `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ledger
  title: Double-entry ledger
  annotations:
    change-radar.dev/tier: "1"
spec:
  type: service
  lifecycle: production
  owner: group:default/finance
  system: payments
  dependsOn: [resource:default/ledger-db]
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: ledger-db
spec:
  type: database
  owner: finance
  system: payments
`,
  'services/ledger/src/main.go': '',
  'services/gateway/catalog-info.yaml': `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: gateway
  labels:
    tier: "2"
  annotations:
    backstage.io/source-location: url:https://github.com/acme/shop/tree/main/apps/gateway/
spec:
  type: service
  owner: payments
  system: payments
  dependsOn: ["component:default/ledger", "component:default/not-in-this-repo"]
`,
  'apps/gateway/index.ts': '',
};

describe('init from Backstage', () => {
  it('makes a system per Component and Resource, with owners as written, the System in the title, tier and dependsOn', () => {
    const proposal = proposeFromBackstage(snapshot(catalog));
    const byId = new Map(proposal.systems.map((s) => [s.id, s]));
    assert.deepStrictEqual([...byId.keys()].sort(), ['gateway', 'ledger', 'ledger-db']);
    assert.deepStrictEqual(byId.get('ledger')?.owners, ['group:default/finance']);
    assert.strictEqual(byId.get('ledger')?.title, 'payments: Double-entry ledger');
    assert.strictEqual(byId.get('ledger')?.tier, '1');
    assert.deepStrictEqual(byId.get('ledger')?.dependsOn, ['ledger-db']);
    assert.deepStrictEqual(byId.get('ledger')?.paths, ['/services/ledger/']);
    // source-location inside this repository wins over the catalog file's folder.
    assert.deepStrictEqual(byId.get('gateway')?.paths, ['/apps/gateway/']);
    assert.strictEqual(byId.get('gateway')?.tier, '2');
    assert.deepStrictEqual(byId.get('gateway')?.dependsOn, ['ledger']);
    assert.ok(proposal.notes.some((n) => n.file === 'services/gateway/catalog-info.yaml' && n.line === 1 && n.message.includes('not-in-this-repo')));
    const manifest = parsedProposal(renderProposal(proposeManifest(snapshot(catalog), ['backstage'])));
    assert.deepStrictEqual(systemsOf(manifest)('services/ledger/src/main.go'), ['ledger', 'ledger-db']);
  });

  it('locates a document that is not YAML and reads the others', () => {
    const proposal = proposeFromBackstage(snapshot({
      'x/catalog-info.yaml': 'kind: Component\nmetadata: {name: ok}\nspec: {owner: a}\n---\nkind: [\n',
    }));
    assert.deepStrictEqual(proposal.systems.map((s) => s.id), ['ok']);
    assert.strictEqual(proposal.notes.length, 1);
    assert.strictEqual(proposal.notes[0].line, 6, "where the parser gave up: the unclosed flow sequence ends the file");
  });
});

const npmWorkspace = {
  'package.json': JSON.stringify({ name: 'shop', private: true, workspaces: ['packages/*', 'apps/*', '!apps/legacy'] }),
  'packages/ui/package.json': JSON.stringify({ name: '@acme/ui', peerDependencies: { react: '^19' } }),
  'packages/ui/src/button.tsx': '',
  'packages/utils/package.json': JSON.stringify({ name: '@acme/utils' }),
  'packages/other-utils/package.json': JSON.stringify({ name: '@other/utils' }),
  'apps/web/package.json': JSON.stringify({ name: '@acme/web', dependencies: { '@acme/ui': 'workspace:*', next: '15' }, devDependencies: { '@acme/utils': '*' } }),
  'apps/legacy/package.json': JSON.stringify({ name: 'legacy' }),
};

describe('init from workspaces', () => {
  it('reads npm workspaces: a system per package, scope dropped unless two packages clash, internal dependencies', () => {
    const proposal = proposeFromWorkspaces(snapshot(npmWorkspace));
    const byId = new Map(proposal.systems.map((s) => [s.id, s]));
    assert.deepStrictEqual([...byId.keys()].sort(), ['acme-utils', 'other-utils', 'ui', 'web']);
    assert.deepStrictEqual(byId.get('web')?.dependsOn, ['ui', 'acme-utils']);
    assert.deepStrictEqual(byId.get('ui')?.paths, ['/packages/ui/']);
    parsedProposal(renderProposal(proposeManifest(snapshot(npmWorkspace), ['workspaces'])));
  });

  it('reads pnpm-workspace.yaml, Cargo members, go.work and Nx projects', () => {
    const proposal = proposeFromWorkspaces(snapshot({
      'pnpm-workspace.yaml': 'packages:\n  - "libs/**"\n',
      'libs/a/package.json': JSON.stringify({ name: 'a', dependencies: { b: '*' } }),
      'libs/nested/b/package.json': JSON.stringify({ name: 'b' }),
      'Cargo.toml': '[workspace]\nmembers = [\n  "crates/*",\n]\n',
      'crates/core/Cargo.toml': '[package]\nname = "radar-core"\n',
      'crates/cli/Cargo.toml': '[package]\nname = "radar-cli"\n[dependencies]\nradar-core = { path = "../core" }\n',
      'go.work': 'go 1.22\nuse (\n  ./tools/gen\n)\n',
      'tools/gen/go.mod': 'module example.com/tools/gen\n',
      'nx.json': '{}',
      'apps/api/project.json': JSON.stringify({ name: 'api', implicitDependencies: ['a'] }),
    }));
    const byId = new Map(proposal.systems.map((s) => [s.id, s]));
    assert.deepStrictEqual([...byId.keys()].sort(), ['a', 'api', 'b', 'gen', 'radar-cli', 'radar-core']);
    assert.deepStrictEqual(byId.get('a')?.dependsOn, ['b']);
    assert.deepStrictEqual(byId.get('radar-cli')?.dependsOn, ['radar-core']);
    assert.deepStrictEqual(byId.get('api')?.dependsOn, ['a']);
    assert.deepStrictEqual(proposal.inputs, ['pnpm-workspace.yaml', 'nx.json', 'Cargo.toml', 'go.work']);
  });

  it('keeps sources apart: a clash of ids gets the source as prefix, owners are not merged', () => {
    const files = {
      ...npmWorkspace,
      'CODEOWNERS': '/packages/ui/ @acme/design\n',
      'packages/ui/catalog-info.yaml': 'kind: Component\nmetadata: {name: ui}\nspec: {owner: design}\n',
    };
    const proposal = proposeManifest(snapshot(files));
    const manifest = parsedProposal(renderProposal(proposal));
    const holders = systemsOf(manifest)('packages/ui/src/button.tsx');
    assert.deepStrictEqual(holders, ['packages-ui', 'ui', 'workspaces-ui']);
    const owners = new Map(manifest.systems.map((s) => [s.id, s.owners]));
    assert.deepStrictEqual(owners.get('packages-ui'), ['@acme/design']);
    assert.deepStrictEqual(owners.get('ui'), ['design']);
    assert.deepStrictEqual(owners.get('workspaces-ui'), []);
  });
});
