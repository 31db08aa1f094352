import { Commands } from '../constants';
import type { CommandId } from '../constants';

/**
 * Every editor command in one table: its id, its title (package.json `contributes.commands`),
 * whether it needs a trusted workspace (package.json `enablement: isWorkspaceTrusted`; the handler
 * refuses too, for a call from code) or a workspace folder, whether it is item-only (hidden from the
 * palette), and its handler on the features that do the work. registerEditorCommands.ts registers
 * exactly this table; test/unit/vscode/packageContributions.test.ts checks it against package.json.
 * No runtime import of `vscode` here (types only), so the table is tested in plain Node.
 */

/** What the handlers call: the features the composition root (changeRadar.ts) built. */
export interface CommandTargets {
  refresh(): Promise<void>;
  readonly live: { refresh(): Promise<void>; setToken(): Promise<void> } | undefined;
  readonly manifest: {
    openManifest(arg?: unknown): Promise<unknown>;
    createManifest(arg?: unknown): Promise<unknown>;
    reveal(target?: never): Promise<unknown>;
    openUrl(target?: never): Promise<unknown>;
  };
  readonly insight: { explainFile(arg?: unknown): unknown; showStatus(): unknown; copyImpactReport(): Promise<unknown> };
  readonly hooks: { install(arg?: unknown): Promise<unknown>; uninstall(arg?: unknown): Promise<unknown> };
  readonly incidents: { setShowResolved(value: boolean): Promise<void> };
  readonly writes: {
    declareIncident(arg?: unknown): Promise<unknown>;
    freezeNow(arg?: unknown): Promise<unknown>;
    approveOverride(arg?: unknown, all?: unknown): Promise<unknown>;
    updateIncident(row?: never): Promise<unknown>;
    resolveIncident(row?: never): Promise<unknown>;
    endFreeze(row?: never): Promise<unknown>;
    extendFreeze(row?: never): Promise<unknown>;
    setMilestoneStatus(row?: never): Promise<unknown>;
  };
  copyOverrideTrailer(freezeId?: string): Promise<unknown>;
  readonly timeline: { open(): unknown };
  readonly proposals: { accept(uri?: never): Promise<unknown> };
  readonly changes: {
    whatChanged(): Promise<unknown>;
    openChanges(row?: unknown): Promise<unknown>;
    copySha(row?: unknown): Promise<unknown>;
    copyRevertCommand(row?: unknown): Promise<unknown>;
    openPullRequest(row?: unknown): Promise<unknown>;
  };
  /** Opens the Get Started walkthrough (package.json `walkthroughs`). */
  openWalkthrough(): Promise<unknown>;
}

export interface EditorCommand {
  readonly id: CommandId;
  /** The title package.json gives it (category "Change Radar"). */
  readonly title: string;
  /** Runs git, writes files or reads the network: only in a trusted workspace. */
  readonly needsTrust: boolean;
  /** Works on a workspace folder (with a manifest, or to create one): asks which when there are several. */
  readonly needsFolder: boolean;
  /** Run from a view item or a link with its argument; hidden from the palette. */
  readonly itemOnly: boolean;
  /** The handler; `args` are what VS Code passes (a view row, a URI, a freeze id). */
  readonly run: (targets: CommandTargets, ...args: unknown[]) => unknown;
}

type Flags = Partial<Pick<EditorCommand, 'needsTrust' | 'needsFolder' | 'itemOnly'>>;

function command(id: CommandId, title: string, flags: Flags, run: EditorCommand['run']): EditorCommand {
  return { id, title, needsTrust: flags.needsTrust === true, needsFolder: flags.needsFolder === true, itemOnly: flags.itemOnly === true, run };
}

const trusted = { needsTrust: true, needsFolder: true } as const;
const onRow = { needsTrust: true, needsFolder: true, itemOnly: true } as const;

/** An argument VS Code passes, typed as what the handler checks at run time. */
const as = <T>(value: unknown): T => value as T;

export const editorCommands: readonly EditorCommand[] = [
  command(Commands.refresh, 'Refresh', {}, (t) => t.refresh()),
  command(Commands.refreshLiveSources, 'Refresh Live Sources', { needsTrust: true }, (t) => t.live?.refresh()),
  command(Commands.setSourceToken, 'Set Token for Source…', { needsTrust: true }, (t) => t.live?.setToken()),
  command(Commands.openManifest, 'Open Manifest', { needsFolder: true }, (t, arg) => t.manifest.openManifest(arg)),
  command(Commands.createManifest, 'Create Manifest…', { needsFolder: true }, (t, arg) => t.manifest.createManifest(arg)),
  command(Commands.explainFile, 'Explain Current File', {}, (t, uri) => t.insight.explainFile(uri)),
  command(Commands.showStatus, 'Show Status', {}, (t) => t.insight.showStatus()),
  command(Commands.copyImpactReport, 'Copy Impact Report', { needsTrust: true }, (t) => t.insight.copyImpactReport()),
  command(Commands.installHooks, 'Install Git Hooks', trusted, (t, arg) => t.hooks.install(arg)),
  command(Commands.uninstallHooks, 'Uninstall Git Hooks', trusted, (t, arg) => t.hooks.uninstall(arg)),
  command(Commands.showResolvedIncidents, 'Show Resolved Incidents', {}, (t) => t.incidents.setShowResolved(true)),
  command(Commands.hideResolvedIncidents, 'Hide Resolved Incidents', {}, (t) => t.incidents.setShowResolved(false)),
  command(Commands.copyOverrideTrailer, 'Copy Freeze-Override Trailer', {}, (t, freezeId) => t.copyOverrideTrailer(typeof freezeId === 'string' ? freezeId : undefined)),
  command(Commands.openIncidentUrl, 'Open Incident Page', { itemOnly: true }, (t, target) => t.manifest.openUrl(as<never>(target))),
  command(Commands.revealInManifest, 'Reveal in ops.yaml', { itemOnly: true }, (t, target) => t.manifest.reveal(as<never>(target))),
  command(Commands.declareIncident, 'Declare Incident…', trusted, (t, arg) => t.writes.declareIncident(arg)),
  command(Commands.freezeNow, 'Freeze Now…', trusted, (t, arg) => t.writes.freezeNow(arg)),
  command(Commands.approveOverride, 'Approve Override…', trusted, (t, arg, all) => t.writes.approveOverride(arg, all)),
  command(Commands.updateIncident, 'Update Incident Status…', onRow, (t, row) => t.writes.updateIncident(as<never>(row))),
  command(Commands.resolveIncident, 'Resolve Incident', onRow, (t, row) => t.writes.resolveIncident(as<never>(row))),
  command(Commands.endFreeze, 'End Freeze Now', onRow, (t, row) => t.writes.endFreeze(as<never>(row))),
  command(Commands.extendFreeze, 'Extend Freeze…', onRow, (t, row) => t.writes.extendFreeze(as<never>(row))),
  command(Commands.setMilestoneStatus, 'Set Milestone Status…', onRow, (t, row) => t.writes.setMilestoneStatus(as<never>(row))),
  command(Commands.openTimeline, 'Open Timeline', {}, (t) => t.timeline.open()),
  command(Commands.acceptManifestProposal, 'Accept Proposed Manifest', { needsFolder: true }, (t, uri) => t.proposals.accept(as<never>(uri))),
  command(Commands.whatChangedBeforeIncident, 'What Changed Before Incident…', { needsTrust: true }, (t) => t.changes.whatChanged()),
  command(Commands.openCommitChanges, 'Open Commit Changes', { needsTrust: true, itemOnly: true }, (t, row) => t.changes.openChanges(row)),
  command(Commands.copyCommitSha, 'Copy SHA', { itemOnly: true }, (t, row) => t.changes.copySha(row)),
  command(Commands.copyRevertCommand, 'Copy Revert Command', { itemOnly: true }, (t, row) => t.changes.copyRevertCommand(row)),
  command(Commands.openPullRequest, 'Open Pull Request', { itemOnly: true }, (t, row) => t.changes.openPullRequest(row)),
  command(Commands.openWalkthrough, 'Get Started', {}, (t) => t.openWalkthrough()),
];
