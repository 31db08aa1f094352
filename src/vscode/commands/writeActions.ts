import * as vscode from 'vscode';
import { lazyFeatures } from '../base/lazyFeatures';
import { applyManifestEdit } from './applyManifestEdit';
import type { EditResult, ManifestAction } from '../../core/edit/manifestActions';
import { freezeDeclaration, freezeWindowInForce } from '../../core/evaluate/freezeEvaluator';
import {
  enforcements, incidentStatuses, milestoneStatuses, severities, tiersInUse,
} from '../../core/manifest/manifestVocabulary';
import { enforcementText, incidentStatusText, milestoneStatusText, severityText } from '../model/vocabularyText';
import type { EntryOrigin, Freeze, Incident, Manifest } from '../../core/model';
import { originLabel } from '../../core/manifest/extendsSpec';
import { escapeLabel } from '../../report/escape';
import type { SourceLocation } from '../../core/problem';
import { Commands, diagnosticSource } from '../constants';
import { Disposable } from '../base/disposable';
import { pickModel } from './pickFolder';
import type { RadarServices } from '../services';
import type { RepositoryModel } from '../model/repositoryModel';
import { WritePrompts } from './writePrompts';
import { t, tn } from '../base/l10n';
import { diagnosticCodeValue } from '../warnings/codeDocs';

/**
 * The write actions in the editor: Declare Incident, Freeze Now, Approve Override (palette, view
 * titles, explorer context menu, a quick fix on a freeze diagnostic) and the row actions of the
 * views (update or resolve an incident, end or extend a freeze, set a milestone's status). The core
 * computes the edit; it is applied as one WorkspaceEdit (one undo) and saved when
 * `changeRadar.saveAfterEdit` is on.
 */

/** A view row passed to a row action: its manifest entry and its folder. */
interface RowTarget {
  readonly source?: SourceLocation;
  readonly folder?: string;
}

const HOUR = 3_600_000;

/** INTERNAL: what the integration tests use to answer the prompts and see what happened. */
export interface WriteActionsTestApi {
  readonly prompts: WritePrompts;
  /** The messages the write actions showed (errors, warnings, information), oldest first. */
  readonly messages: readonly string[];
  /**
   * Called once an edit is prepared, before the file is checked and changed: a test writes the
   * file from outside here (as a CLI run at that moment would).
   */
  beforeWrite: (() => void | Promise<void>) | undefined;
}

export class WriteActions extends Disposable implements vscode.CodeActionProvider {
  readonly prompts = new WritePrompts();
  private readonly shown: string[] = [];
  private beforeWrite: (() => void | Promise<void>) | undefined;

  constructor(private readonly services: RadarServices) {
    super();
    this._register(vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, this, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }));
  }

  get testApi(): WriteActionsTestApi {
    const hook = { get: () => this.beforeWrite, set: (value: typeof this.beforeWrite) => (this.beforeWrite = value) };
    return {
      prompts: this.prompts,
      messages: this.shown,
      get beforeWrite() {
        return hook.get();
      },
      set beforeWrite(value) {
        hook.set(value);
      },
    };
  }

  /** Shows a message (and keeps it for the tests). */
  private say(kind: 'error' | 'warning' | 'info', text: string, ...items: string[]): Thenable<string | undefined> {
    this.shown.push(text);
    if (this.shown.length > 50) this.shown.shift();
    switch (kind) {
      case 'error': return vscode.window.showErrorMessage(text, ...items);
      case 'warning': return vscode.window.showWarningMessage(text, ...items);
      case 'info': return vscode.window.showInformationMessage(text, ...items);
    }
  }

  // ---- where -----------------------------------------------------------------------------------

  private async modelFor(arg: unknown, purpose: string): Promise<RepositoryModel | undefined> {
    const models = this.services.models.withManifest;
    if (models.length === 0) {
      void this.say('warning', t('No Change Radar manifest (ops.yaml) in this workspace.'));
      return undefined;
    }
    if (arg instanceof vscode.Uri) {
      const inside = models.filter((m) => m.relativePath(arg) !== undefined || m.folder.uri.toString() === arg.toString());
      if (inside.length > 0) return inside[0];
    }
    return pickModel(models, purpose);
  }

  private rowModel(row: RowTarget | undefined): RepositoryModel | undefined {
    const models = this.services.models.withManifest;
    return row?.folder !== undefined ? models.find((m) => m.key === row.folder) : models.length === 1 ? models[0] : undefined;
  }

  private manifestOf(model: RepositoryModel): Manifest | undefined {
    return model.snapshot.manifest;
  }

  private sameSource(a: SourceLocation, b: SourceLocation | undefined): boolean {
    return b !== undefined && a.file === b.file && a.range.start.line === b.range.start.line && a.range.start.column === b.range.start.column;
  }

  private incidentOf(row: RowTarget | undefined): { model: RepositoryModel; incident: Incident } | 'refused' | undefined {
    const model = this.rowModel(row);
    const incident = model && this.manifestOf(model)?.incidents.find((i) => this.sameSource(i.source, row?.source));
    if (incident !== undefined && this.refuseOrganisation('incident', incident.id, incident.origin)) return 'refused';
    return model && incident ? { model, incident } : undefined;
  }

  private freezeOf(row: RowTarget | undefined): { model: RepositoryModel; freeze: Freeze } | 'refused' | undefined {
    const model = this.rowModel(row);
    const freeze = model && this.manifestOf(model)?.freezes.find((f) => this.sameSource(f.source, row?.source));
    if (freeze !== undefined && this.refuseOrganisation('freeze', freeze.id, freeze.origin)) return 'refused';
    return model && freeze ? { model, freeze } : undefined;
  }

  /**
   * An entry of an extended (organisation) manifest is not in this repository's files: its menus hide
   * the write actions (`.org` context values); called anyway, refuse and say where it comes from.
   */
  private refuseOrganisation(what: string, id: string, origin: EntryOrigin | undefined): boolean {
    if (origin === undefined) return false;
    void this.say('error', escapeLabel(what === 'freeze'
      ? t('Change Radar: freeze {0} comes from the organisation policy {1} (extends:), so it cannot be changed in this repository. Ask the organisation policy\'s owners, or approve an override here.', id, originLabel(origin))
      : t('Change Radar: {0} {1} comes from the organisation policy {2} (extends:), so it cannot be changed in this repository. Ask the organisation policy\'s owners, or approve an override here.', what, id, originLabel(origin))));
    return true;
  }

  private zone(model: RepositoryModel): string {
    return this.manifestOf(model)?.timezone ?? 'UTC';
  }

  private now(): number {
    return this.services.clock.now();
  }

  // ---- the edit --------------------------------------------------------------------------------

  /** Applies an action's edit (applyManifestEdit.ts); undefined when refused or cancelled. */
  private apply(model: RepositoryModel, action: ManifestAction): Promise<EditResult | undefined> {
    return applyManifestEdit({
      services: this.services,
      now: () => this.now(),
      say: (kind, text, ...items) => this.say(kind, text, ...items),
      beforeWrite: this.beforeWrite,
    }, model, action);
  }

  // ---- palette actions -------------------------------------------------------------------------

  async declareIncident(arg?: unknown): Promise<EditResult | undefined> {
    const model = await this.modelFor(arg, t('Declare an incident in which folder?'));
    const manifest = model && this.manifestOf(model);
    if (!model || !manifest) return undefined;
    const p = this.prompts;
    const severity = await p.pick(t('Declare Incident: severity'), severities.map((s) => ({ label: s, description: severityText[s](), value: s })));
    if (severity === undefined) return undefined;
    const systems = await p.pickMany(t('Declare Incident: affected systems'), manifest.systems.map((s) => ({ label: s.id, description: s.title !== s.id ? s.title : '', value: s.id })));
    if (systems === undefined || systems.length === 0) return undefined;
    const title = await p.input(t('Declare Incident: title'), { prompt: t('What is happening?') });
    if (title === undefined) return undefined;
    const freeze = await p.pick<string>(t('Declare Incident: freeze the affected systems while it is active?'), [
      { label: t('No freeze'), value: '' },
      ...enforcementChoices(),
    ]);
    if (freeze === undefined) return undefined;
    const commander = await p.input(t('Declare Incident: commander (optional)'), { placeholder: '@dana', optional: true });
    if (commander === undefined) return undefined;
    return this.apply(model, {
      kind: 'incident-declare', severity, systems, title,
      ...(freeze !== '' ? { freeze } : {}), ...(commander !== '' ? { commander } : {}),
    });
  }

  async freezeNow(arg?: unknown): Promise<EditResult | undefined> {
    const model = await this.modelFor(arg, t('Freeze systems in which folder?'));
    const manifest = model && this.manifestOf(model);
    if (!model || !manifest) return undefined;
    const p = this.prompts;
    type Scope = { kind: 'all' } | { kind: 'system'; id: string } | { kind: 'tier'; tier: string };
    const tiers = tiersInUse(manifest.systems);
    const scope = await p.pickMany<Scope>(t('Freeze Now: what to freeze'), [
      { label: t('All systems'), value: { kind: 'all' } },
      ...tiers.map((tier) => ({ label: t('tier {0}', tier), value: { kind: 'tier' as const, tier } })),
      ...manifest.systems.map((s) => ({ label: s.id, description: s.title !== s.id ? s.title : '', value: { kind: 'system' as const, id: s.id } })),
    ]);
    if (scope === undefined || scope.length === 0) return undefined;
    // A title names the freeze in every view and warning; without one they would show its raw id.
    const named = scope.map((s) => (s.kind === 'all' ? t('all systems') : s.kind === 'tier' ? t('tier {0}', s.tier) : s.id)).join(', ');
    const title = await p.input(t('Freeze Now: title'), { prompt: t('A name for the freeze, shown in the views and warnings'), value: t('Freeze of {0}', named) });
    if (title === undefined) return undefined;
    const duration = await p.pick<string>(t('Freeze Now: for how long'), [
      ...['1h', '2h', '4h', '8h', '24h'].map((d) => ({ label: d, value: d })),
      { label: t('Until…'), description: t('a time in the manifest zone'), value: '' },
    ]);
    if (duration === undefined) return undefined;
    let until: string | undefined;
    if (duration === '') {
      until = await p.input(t('Freeze Now: until'), { prompt: t('YYYY-MM-DD HH:mm in {0}', this.zone(model)), value: lazyFeatures().localTimeText(this.now() + 4 * HOUR, this.zone(model)) });
      if (until === undefined) return undefined;
    }
    const enforcement = await p.pick(t('Freeze Now: enforcement'), enforcementChoices());
    if (enforcement === undefined) return undefined;
    const reason = await p.input(t('Freeze Now: reason'), { prompt: t('Why? Shown with every warning.') });
    if (reason === undefined) return undefined;
    const all = scope.some((s) => s.kind === 'all');
    return this.apply(model, {
      kind: 'freeze-now', reason, title,
      ...(all ? { all: true } : {
        systems: scope.flatMap((s) => (s.kind === 'system' ? [s.id] : [])),
        tiers: scope.flatMap((s) => (s.kind === 'tier' ? [s.tier] : [])),
      }),
      ...(until !== undefined ? { until } : { for: duration }),
      ...(enforcement === 'warn' ? { warn: true } : {}),
    });
  }

  /** From the palette, the explorer (the selected files), or a quick fix (`{ freezeId, uri }`). */
  async approveOverride(arg?: unknown, all?: unknown): Promise<EditResult | undefined> {
    const fromFix = isFixArgument(arg) ? arg : undefined;
    const uris = Array.isArray(all) && all.every((u) => u instanceof vscode.Uri) ? (all) : arg instanceof vscode.Uri ? [arg] : fromFix ? [fromFix.uri] : [];
    const model = await this.modelFor(uris[0], t('Approve an override in which folder?'));
    const manifest = model && this.manifestOf(model);
    if (!model || !manifest) return undefined;
    const p = this.prompts;
    const now = this.now();
    const valid = manifest.freezes.filter((f) => f.invalid === undefined);
    if (valid.length === 0) {
      void this.say('warning', t('Change Radar: the manifest has no freeze to override.'));
      return undefined;
    }
    const active = (f: Freeze): boolean => freezeWindowInForce(f, now) !== undefined;
    const ordered = [...valid.filter(active), ...valid.filter((f) => !active(f))];
    const preset = fromFix?.freezeId !== undefined && valid.some((f) => f.id === fromFix.freezeId) ? fromFix.freezeId : undefined;
    const freeze = preset ?? await p.pick(t('Approve Override: of which freeze'), ordered.map((f) => ({
      label: f.id, description: `${active(f) ? t('active') : t('not active now')}${f.title !== f.id ? ` · ${f.title}` : ''}`, value: f.id,
    })));
    if (freeze === undefined) return undefined;
    const selected = uris.flatMap((uri) => {
      const rel = model.relativePath(uri);
      return rel !== undefined && rel !== '' ? [rel] : [];
    });
    const paths = await p.input(t('Approve Override: paths (comma-separated globs; empty: every file the freeze covers)'), { value: selected.join(', '), optional: true });
    if (paths === undefined) return undefined;
    const approvedBy = await p.input(t('Approve Override: approved by'), { placeholder: '@lead or name@example.com' });
    if (approvedBy === undefined) return undefined;
    const reason = await p.input(t('Approve Override: reason'), { prompt: t('Why the exception was granted') });
    if (reason === undefined) return undefined;
    const expiry = await p.pick<number>(t('Approve Override: expires'), [
      { label: t('in 4 hours'), value: 4 * HOUR },
      { label: t('in 24 hours'), value: 24 * HOUR },
      { label: t('in 7 days'), value: 7 * 24 * HOUR },
      { label: t('never'), value: 0 },
    ]);
    if (expiry === undefined) return undefined;
    return this.apply(model, {
      kind: 'override-add', freeze, approvedBy, reason,
      // Empty: every file the freeze covers, as the prompt says. Only commas: the core refuses (no path named).
      ...(paths.trim() !== '' ? { paths: paths.split(',') } : {}),
      ...(expiry > 0 ? { expires: lazyFeatures().localTimeText(now + expiry, this.zone(model)) } : {}),
    });
  }

  // ---- row actions -----------------------------------------------------------------------------

  async updateIncident(row?: RowTarget): Promise<EditResult | undefined> {
    const found = this.incidentOf(row);
    if (!found || found === 'refused') return undefined;
    const status = await this.prompts.pick(t('Update {0}: status', found.incident.id), incidentStatuses
      .filter((s) => s !== found.incident.status && s !== 'resolved').map((s) => ({ label: s, description: incidentStatusText[s](), value: s })));
    if (status === undefined) return undefined;
    return this.apply(found.model, { kind: 'incident-update', id: found.incident.id, status });
  }

  async resolveIncident(row?: RowTarget): Promise<EditResult | undefined> {
    const found = this.incidentOf(row);
    if (!found || found === 'refused') return undefined;
    return this.apply(found.model, { kind: 'incident-resolve', id: found.incident.id });
  }

  async endFreeze(row?: RowTarget): Promise<EditResult | undefined> {
    const found = this.freezeOf(row);
    if (found === 'refused') return undefined;
    if (!found) {
      void this.say('info', t('Change Radar: an incident freeze ends when the incident is resolved.'));
      return undefined;
    }
    if (freezeDeclaration(found.freeze).kind === 'recurring') {
      const approvedBy = await this.prompts.input(t('End {0} now: a recurring freeze keeps its schedule; this window is lifted by an override. Approved by', found.freeze.id));
      if (approvedBy === undefined) return undefined;
      return this.apply(found.model, { kind: 'freeze-end', id: found.freeze.id, approvedBy });
    }
    return this.apply(found.model, { kind: 'freeze-end', id: found.freeze.id });
  }

  async extendFreeze(row?: RowTarget): Promise<EditResult | undefined> {
    const found = this.freezeOf(row);
    if (!found || found === 'refused') return undefined;
    const { freeze, model } = found;
    const declared = freezeDeclaration(freeze);
    const end = declared.kind === 'window' && declared.end !== undefined ? declared.end : this.now();
    const choice = await this.prompts.pick<number>(t('Extend {0}', freeze.id), [
      ...[1, 4, 24].map((h) => ({ label: tn(h, { one: 'by {0} hour', other: 'by {0} hours' }, h), description: t('until {0}', lazyFeatures().localTimeText(end + h * HOUR, freeze.timezone)), value: h * HOUR })),
      { label: t('Until…'), value: 0 },
    ]);
    if (choice === undefined) return undefined;
    const until = choice > 0 ? lazyFeatures().localTimeText(end + choice, freeze.timezone)
      : await this.prompts.input(t('Extend {0} until', freeze.id), { prompt: t('YYYY-MM-DD HH:mm in {0}', freeze.timezone), value: lazyFeatures().localTimeText(end + 24 * HOUR, freeze.timezone) });
    if (until === undefined) return undefined;
    return this.apply(model, { kind: 'freeze-extend', id: freeze.id, until });
  }

  async setMilestoneStatus(row?: RowTarget): Promise<EditResult | undefined> {
    const model = this.rowModel(row);
    const manifest = model && this.manifestOf(model);
    const project = manifest?.projects.find((p) => p.milestones.some((m) => this.sameSource(m.source, row?.source)));
    const milestone = project?.milestones.find((m) => this.sameSource(m.source, row?.source));
    if (!model || !project || !milestone || this.refuseOrganisation('milestone', `${project.id}/${milestone.id}`, project.origin)) return undefined;
    const status = await this.prompts.pick(t('Set status of {0}', `${project.id}/${milestone.id}`), milestoneStatuses
      .filter((s) => s !== milestone.status).map((s) => ({ label: s, description: milestoneStatusText[s](), value: s })));
    if (status === undefined) return undefined;
    return this.apply(model, { kind: 'milestone-set', project: project.id, milestone: milestone.id, status });
  }

  // ---- quick fix on a freeze diagnostic ---------------------------------------------------------

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    return context.diagnostics
      .filter((d) => d.source === diagnosticSource && (diagnosticCodeValue(d.code) === 'freeze-block' || diagnosticCodeValue(d.code) === 'freeze-warn'))
      .slice(0, 1)
      .map((diagnostic) => {
        const freezeId = /`([^`]+)`/.exec(diagnostic.message)?.[1];
        const action = new vscode.CodeAction(freezeId !== undefined ? t('Approve an override for this file (freeze {0})…', freezeId) : t('Approve an override for this file…'), vscode.CodeActionKind.QuickFix);
        action.command = { command: Commands.approveOverride, title: action.title, arguments: [{ freezeId, uri: document.uri }] };
        action.diagnostics = [diagnostic];
        return action;
      });
  }
}

/** The enforcement choices of a prompt, as the vocabulary lists and explains them. */
function enforcementChoices(): { label: string; description: string; value: string }[] {
  return enforcements.map((e) => ({ label: e, description: enforcementText[e](), value: e }));
}

function isFixArgument(value: unknown): value is { freezeId?: string; uri: vscode.Uri } {
  return typeof value === 'object' && value !== null && (value as { uri?: unknown }).uri instanceof vscode.Uri;
}
