import * as vscode from 'vscode';
import { Settings, settingsSection } from './constants';
import type { SettingKey } from './constants';
import { defaultHorizonDays, horizonMsOfDays } from '../core/evaluate/freezeEvaluator';

/** Typed reads of Change Radar's settings; `scope` is a workspace folder for resource settings. */
export class RadarSettings {
  manifestPath(scope?: vscode.ConfigurationScope): string {
    return this.read(Settings.manifestPath, '', scope).trim();
  }

  /** `changeRadar.horizonDays` in ms; the default is the evaluator's one horizon. */
  horizonMs(scope?: vscode.ConfigurationScope): number {
    return horizonMsOfDays(this.read<number | undefined>(Settings.horizonDays, defaultHorizonDays, scope));
  }

  reloadDelayMs(): number {
    return Math.max(0, this.read(Settings.reloadDelay, 300));
  }

  showResolvedIncidents(): boolean {
    return this.read(Settings.showResolvedIncidents, false);
  }

  /** Live sources: ms between refreshes; 0 means on demand only. */
  liveRefreshIntervalMs(): number {
    const seconds = this.read(Settings.liveRefreshInterval, 60);
    return Number.isFinite(seconds) && seconds > 0 ? Math.max(5, seconds) * 1000 : 0;
  }

  showDoneMilestones(): boolean {
    return this.read(Settings.showDoneMilestones, true);
  }

  showUnmatchedFiles(): boolean {
    return this.read(Settings.showUnmatchedFiles, true);
  }

  showImpactedSystems(): boolean {
    return this.read(Settings.showImpactedSystems, true);
  }

  statusBarEnabled(): boolean {
    return this.read(Settings.statusBarEnabled, true);
  }

  /** How far ahead the status bar counts down to a block freeze on the change; 0: never. */
  countdownMs(): number {
    const hours = this.read(Settings.statusBarCountdownHours, 24);
    return Math.max(0, Number.isFinite(hours) ? hours : 24) * 3_600_000;
  }

  /** Fires when any Change Radar setting changes. */
  readonly onDidChange: vscode.Event<vscode.ConfigurationChangeEvent> = (listener, thisArgs?, disposables?) =>
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(settingsSection)) {
        listener.call(thisArgs, e);
      }
    }, null, disposables);

  private read<T>(key: SettingKey, fallback: T, scope?: vscode.ConfigurationScope): T {
    const section = key.slice(settingsSection.length + 1);
    return vscode.workspace.getConfiguration(settingsSection, scope).get<T>(section, fallback);
  }
}
