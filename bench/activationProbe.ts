/**
 * Runs inside the VS Code extension host as the `extensionTestsPath` of case 6. The workspace has
 * no ops.yaml when the host starts, so Change Radar is not activated yet; the probe puts the large
 * manifest in place, activates the extension itself and times it: `activate()` including loading
 * dist/extension.js, as VS Code's own activation time counts it. Results go to probe-result.json.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

interface ProbeConfig {
  readonly extensionId: string;
  readonly manifest: string;
  readonly workspace: string;
  readonly result: string;
}

interface RadarApi {
  refresh?(): Promise<void>;
  /** Measured by the extension itself, when it exposes it. */
  readonly activationMs?: number;
}

export async function run(): Promise<void> {
  const config = JSON.parse(fs.readFileSync(path.join(__dirname, 'probe.json'), 'utf8')) as ProbeConfig;
  try {
    const extension = vscode.extensions.getExtension<RadarApi>(config.extensionId);
    if (!extension) throw new Error(`extension ${config.extensionId} is not installed in the host`);
    // The built-in git extension activates at start-up too; the host is single-threaded, so let it
    // finish first, or its work would be counted in our activation.
    await vscode.extensions.getExtension('vscode.git')?.activate();
    const wasActive = extension.isActive;
    fs.copyFileSync(config.manifest, path.join(config.workspace, 'ops.yaml'));
    const started = performance.now();
    const api = await extension.activate();
    const activateMs = performance.now() - started;
    const loadStarted = performance.now();
    await api?.refresh?.();
    const refreshMs = performance.now() - loadStarted;
    fs.writeFileSync(config.result, JSON.stringify({ wasActive, activateMs, refreshMs, exposedActivationMs: api?.activationMs }));
  } catch (error) {
    fs.writeFileSync(config.result, JSON.stringify({ error: error instanceof Error ? error.stack : String(error) }));
  }
}
