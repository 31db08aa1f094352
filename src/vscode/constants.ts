/**
 * Every id Change Radar shares with package.json: commands, views, context keys and settings.
 * test/unit/vscode/packageContributions.test.ts checks this module against package.json both ways,
 * so an id is added here and in `contributes` together, or the test fails.
 */

export const viewContainerId = 'changeRadar';

export const Views = {
  incidents: 'changeRadar.incidents',
  milestones: 'changeRadar.milestones',
  freezes: 'changeRadar.freezes',
  impact: 'changeRadar.impact',
} as const;
export type ViewId = (typeof Views)[keyof typeof Views];

export const Commands = {
  refresh: 'changeRadar.refresh',
  /** Live sources (docs/sources.md): fetch now. */
  refreshLiveSources: 'changeRadar.refreshLiveSources',
  /** Live sources: store a source's token in SecretStorage. */
  setSourceToken: 'changeRadar.setSourceToken',
  openManifest: 'changeRadar.openManifest',
  createManifest: 'changeRadar.createManifest',
  explainFile: 'changeRadar.explainFile',
  showStatus: 'changeRadar.showStatus',
  copyImpactReport: 'changeRadar.copyImpactReport',
  installHooks: 'changeRadar.installHooks',
  uninstallHooks: 'changeRadar.uninstallHooks',
  showResolvedIncidents: 'changeRadar.showResolvedIncidents',
  hideResolvedIncidents: 'changeRadar.hideResolvedIncidents',
  /** Item-only: hidden from the palette. */
  openIncidentUrl: 'changeRadar.openIncidentUrl',
  /** Item-only: hidden from the palette. */
  revealInManifest: 'changeRadar.revealInManifest',
  /** Warnings: puts a `Freeze-Override:` trailer on the clipboard. */
  copyOverrideTrailer: 'changeRadar.copyOverrideTrailer',
  /** Write actions: edit the manifest. */
  declareIncident: 'changeRadar.declareIncident',
  freezeNow: 'changeRadar.freezeNow',
  approveOverride: 'changeRadar.approveOverride',
  /** Item-only (write actions on view rows). */
  updateIncident: 'changeRadar.updateIncident',
  resolveIncident: 'changeRadar.resolveIncident',
  endFreeze: 'changeRadar.endFreeze',
  extendFreeze: 'changeRadar.extendFreeze',
  setMilestoneStatus: 'changeRadar.setMilestoneStatus',
  /** Timeline: the change calendar in a webview. */
  openTimeline: 'changeRadar.openTimeline',
  /** Writes the manifest "Create Manifest…" proposed (editor title of the proposal's diff). */
  acceptManifestProposal: 'changeRadar.acceptManifestProposal',
  /** What changed before an incident: quick picks of incidents and commits, then the commit's diff. */
  whatChangedBeforeIncident: 'changeRadar.whatChangedBeforeIncident',
  /** Item-only (commit rows under an incident): the commit's diff, its SHA, its revert command, its pull request. */
  openCommitChanges: 'changeRadar.openCommitChanges',
  copyCommitSha: 'changeRadar.copyCommitSha',
  copyRevertCommand: 'changeRadar.copyRevertCommand',
  openPullRequest: 'changeRadar.openPullRequest',
  openWalkthrough: 'changeRadar.openWalkthrough',
} as const;
export type CommandId = (typeof Commands)[keyof typeof Commands];

/** Commands a view item passes itself to; package.json hides them from the palette. */
export const itemOnlyCommands: readonly CommandId[] = [
  Commands.openIncidentUrl, Commands.revealInManifest,
  Commands.updateIncident, Commands.resolveIncident, Commands.endFreeze, Commands.extendFreeze, Commands.setMilestoneStatus,
  Commands.openCommitChanges, Commands.copyCommitSha, Commands.copyRevertCommand, Commands.openPullRequest,
];

/** The walkthrough package.json contributes (`contributes.walkthroughs`); opened as `<extension id>#<this>`. */
export const walkthroughId = 'changeRadar.gettingStarted';

/** The timeline webview's type (its serializer and the `onWebviewPanel` activation event). */
export const timelineViewType = 'changeRadar.timeline';

export const ContextKeys = {
  /** Every workspace folder's manifest has been looked for (and read) at least once. */
  loaded: 'changeRadar.loaded',
  /** At least one workspace folder has a manifest. */
  hasManifest: 'changeRadar.hasManifest',
  /** At least one manifest currently has errors (views show what can be read). */
  manifestInvalid: 'changeRadar.manifestInvalid',
  /** The Incidents view lists resolved incidents too. */
  showResolvedIncidents: 'changeRadar.showResolvedIncidents',
  /** At least one manifest declares live `sources:`. */
  hasLiveSources: 'changeRadar.hasLiveSources',
} as const;

/** Settings, as full keys. `settingsSection` + the part after the dot is what `getConfiguration` reads. */
export const settingsSection = 'changeRadar';
export const Settings = {
  manifestPath: 'changeRadar.manifestPath',
  horizonDays: 'changeRadar.horizonDays',
  reloadDelay: 'changeRadar.reloadDelay',
  showResolvedIncidents: 'changeRadar.incidents.showResolved',
  liveRefreshInterval: 'changeRadar.liveSources.refreshInterval',
  showDoneMilestones: 'changeRadar.milestones.showDone',
  showUnmatchedFiles: 'changeRadar.impact.showUnmatchedFiles',
  showImpactedSystems: 'changeRadar.impact.showImpactedSystems',
  statusBarEnabled: 'changeRadar.statusBar.enabled',
  statusBarCountdownHours: 'changeRadar.statusBar.countdownHours',
  /** Warnings: when files are flagged with diagnostics. */
  flagFiles: 'changeRadar.flagFiles',
  decorationsEnabled: 'changeRadar.decorations.enabled',
  /** Write actions: save the manifest after an edit. */
  saveAfterEdit: 'changeRadar.saveAfterEdit',
} as const;
export type SettingKey = (typeof Settings)[keyof typeof Settings];

/** Source of every diagnostic Change Radar publishes. */
export const diagnosticSource = 'change-radar';
