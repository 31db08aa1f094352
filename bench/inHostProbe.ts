/**
 * Runs inside the VS Code extension host as the `extensionTestsPath` of case 9. The workspace is a
 * git repository that has the 2,000-system ops.yaml from the start, so the host activates Change
 * Radar by itself (workspaceContains:ops.yaml), as it would for a user opening the folder. The probe
 * collects the start-up marks (the host's and the extension's, all epoch ms), then times saves of
 * files that get a warning. Results go to the `result` file of probe.json.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

interface ProbeConfig {
  readonly extensionId: string;
  readonly workspace: string;
  readonly result: string;
  /** Folder-relative paths of committed files, to pick the saved files from (those with a warning). */
  readonly candidates: readonly string[];
  readonly saves: number;
  readonly warmupSaves: number;
  /** Pause after each save, so that VS Code's 50 ms batching of diagnostics events starts afresh. */
  readonly pauseMs: number;
}

interface StartupMarks {
  readonly bundleEvaluating: number;
  readonly activateStarted?: number;
  readonly activateReturned?: number;
  readonly manifestLoaded?: number;
  readonly viewsPopulated?: number;
}

interface RadarApi {
  readonly activationMs?: number;
  readonly startupMarks?: StartupMarks;
  getTreeData?(viewId: string): { readonly nodes: readonly unknown[]; readonly message?: string };
  readonly warnings?: {
    readonly diagnostics: { update(uri: vscode.Uri, document?: vscode.TextDocument): void };
    readonly slices: { lookup(uri: vscode.Uri): { readonly path: string; readonly slice: { warningsFor(path: string): ReadonlyArray<{ readonly code: string }> } } | undefined };
  };
}

/** One save: every figure is ms after `document.save()` was called. */
export interface SaveTiming {
  readonly file: string;
  /** VS Code's onDidSaveTextDocument reached this listener (registered after the extension's). */
  readonly saveEvent: number;
  /** Change Radar's diagnostic could be read (`languages.getDiagnostics`); within the save event when equal to it. */
  readonly diagnosticsSet: number;
  /** `languages.onDidChangeDiagnostics` delivered the diagnostic (VS Code batches this event for 50 ms). */
  readonly diagnosticsEvent: number;
  /** `document.save()` resolved. */
  readonly saveResolved: number;
  /** `document.save()` calls it took (VS Code may refuse one on a loaded machine). */
  readonly attempts: number;
  readonly codes: readonly string[];
}

export interface InHostProbeResult {
  readonly error?: string;
  /** The extension host process's start (its `performance.timeOrigin`). */
  readonly hostProcessStart?: number;
  /** The host's own marks (`code/extHost/...`), epoch ms. */
  readonly hostMarks?: Record<string, number>;
  readonly probeStarted?: number;
  readonly startupMarks?: StartupMarks;
  readonly activationMs?: number;
  readonly viewRows?: Record<string, number>;
  readonly saves?: readonly SaveTiming[];
  /** Change Radar's own work for one saved file (what its save listener calls), ms, timed again after the saves. */
  readonly listenerMs?: readonly number[];
}

const views = ['changeRadar.incidents', 'changeRadar.milestones', 'changeRadar.freezes', 'changeRadar.impact'];

const epochNow = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, probe: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

function hostMarks(): Record<string, number> {
  const marks = (globalThis as { MonacoPerformanceMarks?: { getMarks(): Array<{ name: string; startTime: number }> } }).MonacoPerformanceMarks;
  const out: Record<string, number> = {};
  for (const mark of marks?.getMarks() ?? []) out[mark.name] = mark.startTime;
  return out;
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'change-radar');
}

async function timeSave(relative: string, workspace: string): Promise<SaveTiming> {
  const uri = vscode.Uri.file(path.join(workspace, relative));
  const document = await vscode.workspace.openTextDocument(uri);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, new vscode.Position(0, 0), '// edited by the benchmark\n');
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`could not edit ${relative}`);
  if (ours(uri).length > 0) throw new Error(`${relative} has a Change Radar diagnostic before it was saved`);
  let saveEvent = NaN;
  let diagnosticsSet = NaN;
  let resolveEvent: (at: number) => void = () => undefined;
  const delivered = new Promise<number>((resolve) => { resolveEvent = resolve; });
  const key = uri.toString();
  const listeners = [
    vscode.workspace.onDidSaveTextDocument((saved) => {
      if (saved.uri.toString() !== key) return;
      saveEvent = epochNow();
      if (ours(uri).length > 0) diagnosticsSet = saveEvent;
    }),
    vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((u) => u.toString() === key) && ours(uri).length > 0) resolveEvent(epochNow());
    }),
  ];
  const started = epochNow();
  try {
    const saving = document.save();
    // Between the save event and the diagnostics event: when the diagnostic shows up, if not within the save event.
    const polling = (async () => {
      while (Number.isNaN(diagnosticsSet)) {
        if (ours(uri).length > 0) diagnosticsSet = epochNow();
        else await sleep(1);
        if (epochNow() - started > 20_000) return;
      }
    })();
    let saved = await saving;
    // VS Code can refuse a save on a loaded machine (as the integration tests' saveDocument
    // retries); the timing then runs from the first attempt, as the user would see it.
    let attempts = 1;
    for (; !saved && document.isDirty && attempts < 4; attempts++) saved = await document.save();
    const saveResolved = epochNow();
    if (!saved && document.isDirty) throw new Error(`saving ${relative} failed ${attempts} times`);
    const diagnosticsEvent = await Promise.race([delivered, sleep(20_000).then(() => NaN)]);
    await polling;
    if (Number.isNaN(diagnosticsEvent)) throw new Error(`no diagnostics event for ${relative} within 20 s`);
    return {
      file: relative, saveEvent: saveEvent - started, diagnosticsSet: diagnosticsSet - started, diagnosticsEvent: diagnosticsEvent - started,
      saveResolved: saveResolved - started, attempts, codes: ours(uri).map((d) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code))),
    };
  } finally {
    for (const listener of listeners) listener.dispose();
  }
}

export async function run(): Promise<void> {
  const probeStarted = epochNow();
  const config = JSON.parse(fs.readFileSync(path.join(__dirname, 'probe.json'), 'utf8')) as ProbeConfig;
  let result: InHostProbeResult;
  try {
    const extension = vscode.extensions.getExtension<RadarApi>(config.extensionId);
    if (!extension) throw new Error(`extension ${config.extensionId} is not installed in the host`);
    // Activated by the host through workspaceContains:ops.yaml; this only waits for it.
    const api = await extension.activate();
    const marks = await until('the views to be populated', () => (api?.startupMarks?.viewsPopulated !== undefined ? api.startupMarks : undefined), 180_000);
    const viewRows = Object.fromEntries(views.map((id) => [id, api?.getTreeData?.(id).nodes.length ?? -1]));
    const slices = api?.warnings?.slices;
    if (!slices) throw new Error('the extension exposes no warnings test API');
    const warned = config.candidates.filter((relative) => {
      const found = slices.lookup(vscode.Uri.file(path.join(config.workspace, relative)));
      return found !== undefined && found.slice.warningsFor(found.path).length > 0;
    });
    const wanted = config.saves + config.warmupSaves;
    if (warned.length < wanted) throw new Error(`only ${warned.length} of ${config.candidates.length} candidate files have a warning; ${wanted} needed`);
    const saves: SaveTiming[] = [];
    for (let i = 0; i < wanted; i++) {
      const timing = await timeSave(warned[i], config.workspace);
      if (i >= config.warmupSaves) saves.push(timing);
      await sleep(config.pauseMs);
    }
    // What the extension's save listener does, timed on its own for the same files (publishing the same diagnostics again).
    const diagnostics = api?.warnings?.diagnostics;
    const listenerMs: number[] = [];
    for (const timing of saves) {
      const uri = vscode.Uri.file(path.join(config.workspace, timing.file));
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      const started = performance.now();
      diagnostics?.update(uri, document);
      listenerMs.push(performance.now() - started);
    }
    result = { listenerMs, hostProcessStart: performance.timeOrigin, hostMarks: hostMarks(), probeStarted, startupMarks: marks, activationMs: api?.activationMs, viewRows, saves };
  } catch (error) {
    result = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  fs.writeFileSync(config.result, JSON.stringify(result));
}
