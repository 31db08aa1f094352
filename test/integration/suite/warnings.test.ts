// In the real host: diagnostics on save, their clearing (manifest edit and clock), quick
// fixes, the staged-changes warning, and the commit hook through the git extension's own commit.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { WarningsTestApi } from '../../../src/vscode/warnings/registerWarnings';
import { installHooks, uninstallHooks } from '../../../src/node/hookInstaller';
import { acmeSystems, manifestYaml } from '../../fixtures/acmeManifest';
import { setManifest, saveDocument, writeManifest } from '../warningsManifest';
import type { RadarExports } from '../warningsManifest';
import { activateExtension, gitInWorkspace, waitFor, workspaceRoot, workspaceUri, writeWorkspaceFiles } from '../fixtures';
import { diagnosticCodeValue } from '../../../src/vscode/warnings/codeDocs';

const source = 'change-radar';

/** A manifest for these tests; `extra` is appended under `freezes:`. */
function manifest(freezes: string): string {
  return manifestYaml({
    timezone: 'UTC',
    systems: acmeSystems(['checkout', 'ledger', 'search', 'web'], { dependencies: false }),
    freezes,
    incidents: `  - id: INC-9
    title: Ledger writes are slow
    severity: sev2
    status: investigating
    commander: "@erin"
    systems: [ledger]
`,
  });
}

const blockCheckout = `  - id: checkout-freeze
    title: Checkout launch freeze
    systems: [checkout]
    start: 2000-01-01T00:00:00Z
    end: 2999-01-01T00:00:00Z
    enforcement: block
`;
const warnSearch = `  - id: search-soft
    title: Search re-index
    systems: [search]
    start: 2000-01-01T00:00:00Z
    end: 2999-01-01T00:00:00Z
    enforcement: warn
`;

let api: WarningsTestApi;
let radar: RadarExports;
let originalManifest: string;

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === source);
}

function hasWarning(relative: string, code: string): boolean {
  const found = api.slices.lookup(workspaceUri(relative));
  return found?.slice.warningsFor(found.path).some((warning) => warning.code === code) ?? false;
}

/** Edits and saves a file, resolving with our diagnostics once they are published for it. */
async function saveAndWait(relative: string, predicate: (diagnostics: vscode.Diagnostic[]) => boolean): Promise<{ diagnostics: vscode.Diagnostic[]; ms: number; editLine: number }> {
  const uri = workspaceUri(relative);
  if (!fs.existsSync(uri.fsPath)) writeWorkspaceFiles({ [relative]: 'export const value = 1;\n' });
  const document = await vscode.workspace.openTextDocument(uri);
  const edit = new vscode.WorkspaceEdit();
  const stamp = `// edit ${Date.now()}`;
  edit.insert(uri, new vscode.Position(document.lineCount, 0), `${stamp}\n`);
  await vscode.workspace.applyEdit(edit);
  const started = performance.now();
  const published = waitFor(`diagnostics on ${relative}`, () => {
    const diagnostics = ours(uri);
    return predicate(diagnostics) ? diagnostics : undefined;
  }, [vscode.languages.onDidChangeDiagnostics]);
  await saveDocument(document);
  const diagnostics = await published;
  return { diagnostics, ms: performance.now() - started, editLine: document.getText().split(/\r?\n/).findIndex((line) => line === stamp) };
}

describe('warnings', function () {
  this.timeout(60_000);

  before(async () => {
    const extension = await activateExtension();
    radar = extension.exports as RadarExports;
    assert.ok(radar.warnings, 'the extension exports no warnings test API');
    api = radar.warnings;
    originalManifest = fs.readFileSync(path.join(workspaceRoot(), 'ops.yaml'), 'utf8');
    await setManifest(radar, manifest(blockCheckout + warnSearch), () => hasWarning('services/checkout/a.ts', 'freeze-block') && hasWarning('apps/search/a.ts', 'freeze-warn'));
  });

  after(async () => {
    await setManifest(radar, originalManifest, () => !hasWarning('apps/search/a.ts', 'freeze-warn'));
  });

  it('puts an Error with code freeze-block on a saved file in a block-frozen system', async () => {
    // Published by the save (on the changed line), not the diagnostics the file may have had since it was opened.
    const { diagnostics, ms, editLine } = await saveAndWait('services/checkout/pay-fresh.ts', (found) => found.length > 0 && found.every((d) => d.range.start.line > 0));
    console.log(`      save → diagnostics: ${ms.toFixed(1)} ms (4-system manifest)`);
    assert.deepStrictEqual(diagnostics.map((d) => [d.severity, diagnosticCodeValue(d.code)]), [[vscode.DiagnosticSeverity.Error, 'freeze-block']]);
    const [diagnostic] = diagnostics;
    for (const part of ['checkout-freeze', 'Checkout launch freeze', 'block', 'system checkout', '"services/checkout/"', '@acme/checkout', 'Freeze-Override']) {
      assert.ok(diagnostic?.message.includes(part), `message lacks ${part}: ${diagnostic?.message}`);
    }
    // On the line the save changed (not line 1).
    assert.ok(editLine > 0, `edit on line ${editLine}`);
    assert.strictEqual(diagnostic?.range.start.line, editLine);
    const related = diagnostic?.relatedInformation?.[0];
    assert.ok(related, 'no relatedInformation');
    assert.ok(related.location.uri.fsPath.endsWith('ops.yaml'), 'relatedInformation does not point at ops.yaml');
    const manifestLines = fs.readFileSync(path.join(workspaceRoot(), 'ops.yaml'), 'utf8').split('\n');
    assert.ok(manifestLines[related.location.range.start.line]?.includes('checkout-freeze'),
      `relatedInformation points at line ${related.location.range.start.line}: ${manifestLines[related.location.range.start.line]}`);
  });

  it('offers Explain, Open freeze in ops.yaml and Copy override trailer as quick fixes', async () => {
    const uri = workspaceUri('services/checkout/pay-fresh.ts');
    const [diagnostic] = ours(uri);
    assert.ok(diagnostic);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range);
    const titles = actions.map((action) => action.title).filter((title) => /Explain|Open freeze|override trailer/.test(title));
    assert.deepStrictEqual(titles, ['Change Radar: Explain this file', 'Open freeze checkout-freeze in ops.yaml', 'Copy override trailer for checkout-freeze']);
    await vscode.commands.executeCommand('changeRadar.copyOverrideTrailer', 'checkout-freeze');
    assert.match(await vscode.env.clipboard.readText(), /^Freeze-Override: /);
  });

  it('puts a Warning with code freeze-warn on a file in a warn-frozen system', async () => {
    const { diagnostics } = await saveAndWait('apps/search/index.ts', (found) => found.length > 0);
    assert.deepStrictEqual(diagnostics.map((d) => [d.severity, diagnosticCodeValue(d.code)]), [[vscode.DiagnosticSeverity.Warning, 'freeze-warn']]);
    assert.ok(diagnostics[0]?.message.includes('search-soft'));
  });

  it('puts Information with code incident-active on a file in a system with an active incident', async () => {
    const { diagnostics } = await saveAndWait('libs/ledger/book.ts', (found) => found.length > 0);
    assert.deepStrictEqual(diagnostics.map((d) => [d.severity, diagnosticCodeValue(d.code)]), [[vscode.DiagnosticSeverity.Information, 'incident-active']]);
    for (const part of ['INC-9', 'sev2', '@erin', 'system ledger']) assert.ok(diagnostics[0]?.message.includes(part), diagnostics[0]?.message);
  });

  it('gives only an Information freeze-overridden for a warn freeze whose override covers the file', async () => {
    const overridden = `${manifest(blockCheckout + warnSearch)}overrides:\n  - { freeze: search-soft, reason: re-index approved, approvedBy: cab }\n`;
    await setManifest(radar, overridden, () => hasWarning('apps/search/a.ts', 'freeze-overridden'));
    const { diagnostics } = await saveAndWait('apps/search/index.ts', (found) => found.some((d) => diagnosticCodeValue(d.code) === 'freeze-overridden'));
    assert.deepStrictEqual(diagnostics.map((d) => [d.severity, diagnosticCodeValue(d.code)]), [[vscode.DiagnosticSeverity.Information, 'freeze-overridden']]);
    await setManifest(radar, manifest(blockCheckout + warnSearch), () => hasWarning('apps/search/a.ts', 'freeze-warn'));
  });

  it('an incident-freeze: the first sentence reads, the diagnostic sits on the changed line, "Open incident" is offered once', async () => {
    const incidentFreeze = manifest(blockCheckout + warnSearch).replace('    systems: [ledger]\n', '    systems: [ledger]\n    freeze: block\n');
    assert.notStrictEqual(incidentFreeze, manifest(blockCheckout + warnSearch));
    await setManifest(radar, incidentFreeze, () => hasWarning('libs/ledger/a.ts', 'freeze-block'));
    try {
      const uri = workspaceUri('libs/ledger/book-fresh.ts');
      const { diagnostics, editLine } = await saveAndWait('libs/ledger/book-fresh.ts', (found) => found.some((d) => diagnosticCodeValue(d.code) === 'freeze-block' && d.range.start.line > 0));
      const block = diagnostics.find((d) => diagnosticCodeValue(d.code) === 'freeze-block');
      assert.match(block?.message ?? '', /^Incident INC-9 "Ledger writes are slow" freezes system ledger \(block, until the incident is resolved\): this file is in it by pattern "libs\/ledger\/"\. /);
      assert.ok(editLine > 0, `edit on line ${editLine}`);
      assert.deepStrictEqual(diagnostics.map((d) => d.range.start.line), diagnostics.map(() => editLine));
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, block?.range ?? new vscode.Range(0, 0, 0, 1));
      const titles = actions.map((action) => action.title).filter((title) => /Change Radar|^Open |override trailer/.test(title));
      assert.deepStrictEqual(titles, ['Change Radar: Explain this file', 'Open incident INC-9 in ops.yaml', 'Copy override trailer for INC-9']);
    } finally {
      await setManifest(radar, manifest(blockCheckout + warnSearch), () => !hasWarning('libs/ledger/a.ts', 'freeze-block') && hasWarning('services/checkout/a.ts', 'freeze-block'));
    }
  });

  it('keeps the block when another entry is wrong, and treats an invalid freeze as in force, saying so', async () => {
    const invalidWeb = `  - id: web-typo
    systems: [web]
    start: 2026-12-20T00:00:00Z
    end: 2026-12-10T00:00:00Z
`;
    const broken = manifest(blockCheckout + warnSearch + invalidWeb).replace('severity: sev2', 'severity: critical');
    await setManifest(radar, broken, () => hasWarning('apps/web/a.ts', 'freeze-block'));
    const checkout = await saveAndWait('services/checkout/pay.ts', (found) => found.length > 0);
    assert.deepStrictEqual(checkout.diagnostics.map((d) => diagnosticCodeValue(d.code)), ['freeze-block']);
    const web = await saveAndWait('apps/web/index.ts', (found) => found.length > 0);
    assert.deepStrictEqual(web.diagnostics.map((d) => [d.severity, diagnosticCodeValue(d.code)]), [[vscode.DiagnosticSeverity.Error, 'freeze-block']]);
    assert.match(web.diagnostics[0]?.message ?? '', /^Freeze web-typo is invalid \(ops\.yaml:\d+:\d+: `end` must be after `start`\); treated as in force until fixed\./);
    await setManifest(radar, manifest(blockCheckout + warnSearch), () => !hasWarning('apps/web/a.ts', 'freeze-block'));
  });

  it('clears the diagnostic when the manifest is edited to end the freeze', async () => {
    const uri = workspaceUri('services/checkout/pay.ts');
    assert.strictEqual(ours(uri).length, 1);
    const ended = blockCheckout.replace('end: 2999-01-01T00:00:00Z', 'end: 2001-01-01T00:00:00Z');
    await writeManifest(manifest(ended + warnSearch));
    await waitFor('the checkout diagnostic to clear', () => (ours(uri).length === 0 ? true : undefined), [vscode.languages.onDidChangeDiagnostics]);
  });

  it('clears the diagnostic by itself when the freeze window ends, with no user action', async () => {
    const end = new Date(Date.now() + 4_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const short = blockCheckout.replace('end: 2999-01-01T00:00:00Z', `end: ${end}`);
    await setManifest(radar, manifest(short + warnSearch), () => hasWarning('services/checkout/a.ts', 'freeze-block'));
    const uri = workspaceUri('services/checkout/pay.ts');
    await saveAndWait('services/checkout/pay.ts', (found) => found.some((d) => diagnosticCodeValue(d.code) === 'freeze-block'));
    await waitFor('the diagnostic to clear when the window ends', () => (ours(uri).length === 0 ? true : undefined),
      [vscode.languages.onDidChangeDiagnostics], 20_000);
    assert.ok(Date.now() >= Date.parse(end), 'cleared before the window ended');
  });

  it('warns once when a file under a block freeze is staged, naming freeze, system and file', async () => {
    await setManifest(radar, manifest(blockCheckout + warnSearch), () => hasWarning('services/checkout/a.ts', 'freeze-block'));
    writeWorkspaceFiles({ 'services/checkout/staged.ts': 'export const staged = true;\n' });
    const shown = new Promise<Parameters<Parameters<WarningsTestApi['onDidWarnStaged']>[0]>[0]>((resolve) => {
      const subscription = api.onDidWarnStaged((warning) => {
        if (warning.files.includes('services/checkout/staged.ts')) {
          subscription.dispose();
          resolve(warning);
        }
      });
    });
    // The warning says what the hook will do, and the hook reads the staged manifest: stage it too.
    gitInWorkspace(['add', '--', 'ops.yaml', 'services/checkout/staged.ts']);
    const repository = await gitRepository();
    await repository.status();
    const warning = await withTimeout(shown, 15_000, 'the staged-changes warning');
    // The staged manifest adds checkout-freeze; HEAD's freezes on checkout stay in force for a commit that edits the manifest.
    assert.ok(warning.freezes.includes('checkout-freeze'), warning.freezes.join(', '));
    assert.deepStrictEqual(warning.systems, ['checkout']);
    assert.ok(warning.actions.includes('Show Impact') && warning.actions.includes('Unstage Frozen Files') && warning.actions.includes('Copy Override Trailer'));
    assert.ok(warning.message.includes('checkout-freeze'));
  });

  describe('the commit hook, through the git extension\'s commit', () => {
    before(async () => {
      const root = workspaceRoot();
      // The git extension commits with the repository's identity; the fixture sets it through env only.
      gitInWorkspace(['config', 'user.name', 'Change Radar Tests']);
      gitInWorkspace(['config', 'user.email', 'tests@change-radar.invalid']);
      gitInWorkspace(['config', 'commit.gpgsign', 'false']);
      const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
      const cliPath = path.join(repoRoot, 'dist', 'cli.js');
      assert.ok(fs.existsSync(cliPath), `the CLI bundle is missing: ${cliPath}`);
      // Commit ops.yaml so that HEAD (and so the index) holds this freeze.
      gitInWorkspace(['add', '--', 'ops.yaml']);
      gitInWorkspace(['commit', '-q', '--no-verify', '-m', 'Test manifest with a block freeze', '--', 'ops.yaml']);
      await installHooks({ cwd: root, nodePath: process.execPath, cliPath, version: 'test' });
    });

    after(async () => {
      await uninstallHooks({ cwd: workspaceRoot() });
    });

    it('rejects a commit of a frozen file from VS Code\'s commit', async () => {
      const repository = await gitRepository();
      await stageAndSee(repository, 'services/checkout/staged.ts');
      await assert.rejects(repository.commit('Change checkout during the freeze'), (error: { stderr?: string; message?: string }) => {
        const output = `${error.stderr ?? ''}${error.message ?? ''}`;
        assert.match(output, /checkout-freeze/);
        return true;
      });
    });

    it('accepts it with a Freeze-Override trailer, and tells that the commit touched a frozen system', async () => {
      const repository = await gitRepository();
      await stageAndSee(repository, 'services/checkout/staged.ts');
      const noticed = new Promise<string>((resolve) => {
        const subscription = api.onDidNoticeCommit((notice) => {
          subscription.dispose();
          resolve(notice.message);
        });
      });
      await repository.commit('Hotfix checkout\n\nFreeze-Override: payment outage fix approved by CAB');
      assert.match(gitInWorkspace(['log', '-1', '--format=%B']), /Freeze-Override: payment outage fix/);
      assert.match(await withTimeout(noticed, 15_000, 'the after-commit notice'), /checkout-freeze/);
    });

    it('the commit warning gives the hook\'s verdict on a staged ops.yaml that drops the freeze: still blocked (HEAD\'s freeze stays in force)', async () => {
      const repository = await gitRepository();
      const committed = fs.readFileSync(workspaceUri('ops.yaml').fsPath, 'utf8');
      try {
        fs.writeFileSync(workspaceUri('ops.yaml').fsPath, manifest(warnSearch));
        writeWorkspaceFiles({ 'services/checkout/lifted.ts': 'export const lifted = true;\n' });
        const shown = new Promise<Parameters<Parameters<WarningsTestApi['onDidWarnStaged']>[0]>[0]>((resolve) => {
          const subscription = api.onDidWarnStaged((warning) => {
            if (warning.files.includes('services/checkout/lifted.ts')) {
              subscription.dispose();
              resolve(warning);
            }
          });
        });
        gitInWorkspace(['add', '--', 'ops.yaml']);
        await stageAndSee(repository, 'services/checkout/lifted.ts');
        const warning = await withTimeout(shown, 15_000, 'the staged-changes warning');
        // The hook, on the same index: the same freeze refuses the commit.
        let hookOutput = '';
        await assert.rejects(repository.commit('Lift the freeze and change checkout'), (error: { stderr?: string; message?: string }) => {
          hookOutput = `${error.stderr ?? ''}${error.message ?? ''}`;
          return true;
        });
        assert.deepStrictEqual(warning.freezes, ['checkout-freeze']);
        assert.match(hookOutput, /checkout-freeze/);
        assert.match(hookOutput, /services\/checkout\/lifted\.ts/);
      } finally {
        gitInWorkspace(['reset', '-q', '--', 'ops.yaml', 'services/checkout/lifted.ts']);
        fs.writeFileSync(workspaceUri('ops.yaml').fsPath, committed);
        fs.rmSync(workspaceUri('services/checkout/lifted.ts').fsPath, { force: true });
      }
    });
  });
});

interface CommitRepository {
  readonly rootUri: vscode.Uri;
  readonly state: { readonly indexChanges: readonly { readonly uri: vscode.Uri }[] };
  status(): Promise<void>;
  commit(message: string): Promise<void>;
}

async function gitRepository(): Promise<CommitRepository> {
  const extension = vscode.extensions.getExtension<{ getAPI(version: 1): { repositories: readonly CommitRepository[] } }>('vscode.git');
  assert.ok(extension);
  const gitApi = (await extension.activate()).getAPI(1);
  const root = fs.realpathSync(workspaceRoot());
  return waitFor('the git extension to open the fixture repository',
    () => gitApi.repositories.find((repository) => fs.realpathSync(repository.rootUri.fsPath) === root));
}

async function stageAndSee(repository: CommitRepository, relative: string): Promise<void> {
  gitInWorkspace(['add', '--', relative]);
  await repository.status();
  const uri = workspaceUri(relative).toString();
  await waitFor(`git to list ${relative} as staged`, () => (repository.state.indexChanges.some((change) => change.uri.toString() === uri) ? true : undefined));
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms); }),
  ]);
}
