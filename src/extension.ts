// First, so that its clock read is the first code of the bundle to run.
import { epochNow, startupMarks } from './vscode/base/startupMarks';
import * as vscode from 'vscode';
import { useDisplayLanguage, useL10nBundle } from './vscode/base/l10n';
import { ChangeRadar } from './vscode/changeRadar';
import type { ChangeRadarTestApi } from './vscode/changeRadar';

/**
 * Wires Change Radar and returns. Nothing here runs git or waits for files: the models load in the
 * background and git is started only once a manifest or the Change Impact view needs it.
 * The returned object is an internal test API (see src/vscode/changeRadar.ts), not a public one: it
 * exists only when the extension runs in `ExtensionMode.Test`; in production activate returns nothing.
 */
export function activate(context: vscode.ExtensionContext): ChangeRadarTestApi | undefined {
  const started = performance.now();
  startupMarks.activateStarted = epochNow();
  useL10nBundle(vscode.l10n.bundle);
  useDisplayLanguage(vscode.env.language);
  const radar = new ChangeRadar(context);
  context.subscriptions.push(radar);
  radar.activationMs = performance.now() - started;
  startupMarks.activateReturned = epochNow();
  return context.extensionMode === vscode.ExtensionMode.Test ? radar.testApi : undefined;
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
