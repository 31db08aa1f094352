import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { buildTimeline, timelineRange } from '../../core/evaluate/timeline';
import { Commands, timelineViewType } from '../constants';
import { Disposable, toDisposable } from '../base/disposable';
import type { RadarServices } from '../services';
import { displayLocale, t } from '../base/l10n';
import { sourceOfKey, timelineViewData } from './viewModel/timelineViewModel';
import type { FolderTimeline, TimelineViewData } from './viewModel/timelineViewModel';
import { localRiskPhrases } from '../model/riskPhrases';
import { enforcementWord } from '../model/vocabularyText';

/** Default view and the widest range the webview may ask for: the timeline's, as `change-radar calendar` has them. */
const { backMs: defaultBackMs, aheadMs: defaultAheadMs, maxMs: maxRangeMs } = timelineRange;

/** What the webview keeps across reloads (`vscode.setState`), handed back to the serializer. */
interface TimelineState {
  readonly from?: number;
  readonly to?: number;
  readonly groupBy?: string;
  readonly onlyChange?: boolean;
  readonly showTable?: boolean;
}

type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'range'; readonly from: number; readonly to: number }
  | { readonly type: 'reveal'; readonly key: string };

/**
 * `Change Radar: Open Timeline`: a webview with the change calendar of every folder — freeze
 * occurrences, incidents and milestones per system lane, a moving now line. The host computes the
 * timeline model (src/core/evaluate/timeline.ts, through the evaluator) for the range the webview shows and
 * posts it as JSON; media/timeline.js draws it as SVG with a table alternative. Updates when a
 * manifest, the git changes or the time (status boundaries) change; restored after a reload by the
 * serializer. The webview runs no remote content, under a CSP with a nonce.
 */
export class TimelinePanel extends Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private panelDisposables: vscode.Disposable[] = [];
  private range: { from: number; to: number } | undefined;
  private folders: FolderTimeline[] = [];
  /** The last data posted (for tests). */
  lastData: TimelineViewData | undefined;
  private readonly onDidPostEmitter = this._register(new vscode.EventEmitter<TimelineViewData>());
  /** Fires after data was posted to the webview. */
  readonly onDidPost = this.onDidPostEmitter.event;
  private readonly onDidRevealEmitter = this._register(new vscode.EventEmitter<string>());
  /** Fires after a click revealed an entry (its key). */
  readonly onDidReveal = this.onDidRevealEmitter.event;

  constructor(private readonly services: RadarServices) {
    super();
    this._register(vscode.window.registerWebviewPanelSerializer(timelineViewType, {
      deserializeWebviewPanel: (panel, state: unknown) => {
        this.adopt(panel, isState(state) ? state : {});
        return Promise.resolve();
      },
    }));
    // A manifest reload fires the models, then the status and the impact: post once for all three.
    let soon: ReturnType<typeof setTimeout> | undefined;
    const update = (): void => {
      clearTimeout(soon);
      soon = setTimeout(() => this.post(), 30);
    };
    this._register(toDisposable(() => clearTimeout(soon)));
    this._register(services.models.onDidChange(update));
    this._register(services.status.onDidChange(update));
    this._register(services.impact.onDidChange(update));
    // Ongoing incidents end "now" and the now line moves: redraw the data once a minute while open.
    const timer = setInterval(() => {
      if (this.panel?.visible) this.post();
    }, 60_000);
    this._register(toDisposable(() => clearInterval(timer)));
    this._register(toDisposable(() => this.disposePanel()));
  }

  get webviewPanel(): vscode.WebviewPanel | undefined {
    return this.panel;
  }

  open(): vscode.WebviewPanel {
    if (this.panel) {
      this.panel.reveal();
      return this.panel;
    }
    const panel = vscode.window.createWebviewPanel(timelineViewType, 'Change Radar: Timeline', vscode.ViewColumn.Active, this.webviewOptions());
    this.adopt(panel, {});
    return panel;
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(this.services.context.extensionUri, 'media')],
    };
  }

  private adopt(panel: vscode.WebviewPanel, state: TimelineState): void {
    this.disposePanel();
    this.panel = panel;
    panel.webview.options = this.webviewOptions();
    panel.iconPath = new vscode.ThemeIcon('calendar');
    const now = this.services.clock.now();
    this.range = state.from !== undefined && state.to !== undefined ? { from: state.from, to: state.to } : { from: now - defaultBackMs, to: now + defaultAheadMs };
    panel.webview.html = this.html(panel.webview, state);
    this.panelDisposables = [
      panel.webview.onDidReceiveMessage((message: WebviewMessage) => this.onMessage(message)),
      panel.onDidChangeViewState(() => {
        if (panel.visible) this.post();
      }),
      panel.onDidDispose(() => {
        if (this.panel === panel) {
          this.panel = undefined;
          for (const d of this.panelDisposables) d.dispose();
          this.panelDisposables = [];
        }
      }),
    ];
  }

  private disposePanel(): void {
    const panel = this.panel;
    this.panel = undefined;
    for (const d of this.panelDisposables) d.dispose();
    this.panelDisposables = [];
    panel?.dispose();
  }

  private onMessage(message: WebviewMessage): void {
    switch (message?.type) {
      case 'ready':
        this.post();
        break;
      case 'range': {
        const { from, to } = message;
        if (Number.isFinite(from) && Number.isFinite(to) && to > from) {
          const span = Math.min(to - from, maxRangeMs);
          this.range = { from, to: from + span };
          this.post();
        }
        break;
      }
      case 'reveal':
        if (typeof message.key === 'string') void this.reveal(message.key);
        break;
    }
  }

  /** Opens the entry of an item key in its manifest file (root or include), selecting it. */
  async reveal(key: string): Promise<void> {
    const found = sourceOfKey(this.folders, key);
    if (!found) return;
    await vscode.commands.executeCommand(Commands.revealInManifest, found);
    this.onDidRevealEmitter.fire(key);
  }

  /** Recomputes every folder's timeline for the current range and posts it. */
  post(): void {
    const panel = this.panel;
    if (!panel || !this.range) return;
    const now = this.services.clock.now();
    const { from, to } = this.range;
    const single = this.services.models.withManifest.length === 1;
    this.folders = this.services.models.withManifest.flatMap((model): FolderTimeline[] => {
      const compiled = model.snapshot.model;
      if (!compiled) return [];
      const impact = this.services.impact.impactOf(model);
      const changeSystems = impact ? impact.report.systems.map((s) => s.id) : undefined;
      return [{
        key: model.key, name: single ? '' : model.folder.name, invalid: model.snapshot.invalid,
        timeline: buildTimeline(compiled, { from, to, now, riskPhrases: localRiskPhrases }),
        ...(changeSystems !== undefined ? { changeSystems } : {}),
      }];
    });
    const data = timelineViewData(this.folders, { from, to, now });
    this.lastData = data;
    void panel.webview.postMessage({ type: 'data', data }).then(() => this.onDidPostEmitter.fire(data));
  }

  private html(webview: vscode.Webview, state: TimelineState): string {
    const nonce = randomBytes(16).toString('base64');
    const media = (file: string): string => webview.asWebviewUri(vscode.Uri.joinPath(this.services.context.extensionUri, 'media', file)).toString();
    const csp = [
      "default-src 'none'",
      `style-src ${webview.cspSource}`,
      `img-src ${webview.cspSource}`,
      `font-src ${webview.cspSource}`,
      `script-src 'nonce-${nonce}'`,
    ].join('; ');
    // The initial state goes in as JSON in a data attribute (attribute-escaped), never as script text.
    const initial = escapeAttribute(JSON.stringify({ ...state, range: this.range, strings: webviewStrings() }));
    const a = (text: string): string => escapeAttribute(text);
    return `<!DOCTYPE html>
<html lang="${a(displayLocale())}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${media('timeline.css')}">
<title>${a(t('Change Radar: Timeline'))}</title>
</head>
<body data-initial="${initial}">
<header class="toolbar" role="toolbar" aria-label="${a(t('Timeline controls'))}">
  <button type="button" id="zoom-in" title="${a(t('Zoom in (+)'))}" aria-label="${a(t('Zoom in'))}">+</button>
  <button type="button" id="zoom-out" title="${a(t('Zoom out (-)'))}" aria-label="${a(t('Zoom out'))}">−</button>
  <button type="button" id="pan-back" title="${a(t('Earlier (Left arrow)'))}" aria-label="${a(t('Earlier'))}">◀</button>
  <button type="button" id="today" title="${a(t('Today (T)'))}">${a(t('Today'))}</button>
  <button type="button" id="pan-ahead" title="${a(t('Later (Right arrow)'))}" aria-label="${a(t('Later'))}">▶</button>
  <label>${a(t('Lanes'))} <select id="group-by"><option value="system">${a(t('per system'))}</option><option value="tier">${a(t('by tier'))}</option><option value="project">${a(t('by project'))}</option></select></label>
  <label><input type="checkbox" id="only-change"> ${a(t('Only systems of the current change'))}</label>
  <label><input type="checkbox" id="show-table"> ${a(t('Table'))}</label>
  <span id="range-label" aria-live="polite"></span>
</header>
<main>
  <div id="chart" tabindex="0" role="group" aria-roledescription="${a(t('timeline'))}" aria-label="${a(t('Change calendar: freezes, incidents and milestones per system. Plus and minus zoom, arrow keys pan, T goes to today; Tab moves through the entries, Enter opens one in ops.yaml.'))}"></div>
  <div id="tooltip" role="tooltip" hidden></div>
  <section id="table-section" class="visually-hidden" aria-label="${a(t('Timeline as a table'))}"></section>
  <p id="empty" hidden></p>
</main>
<script nonce="${nonce}" src="${media('timeline.js')}"></script>
</body>
</html>`;
  }
}

/** Strings the webview script shows, in the display language (it has no `t` of its own). */
function webviewStrings(): Record<string, string> {
  return {
    noTier: t('No tier'),
    tier: t('Tier {0}'),
    noProject: t('No project'),
    reading: t('Reading the manifest…'),
    noManifest: t('No Change Radar manifest (ops.yaml) in this workspace.'),
    nowTitle: t('Now: {0}'),
    now: t('now'),
    caption: t('Freezes, incidents and milestones from {0} to {1}'),
    kind: t('Kind'),
    entry: t('Entry'),
    start: t('Start'),
    end: t('End'),
    systems: t('Systems'),
    details: t('Details'),
    'kind.freeze': t('freeze'),
    'kind.incident': t('incident'),
    'kind.milestone': t('milestone'),
    'enforcement.block': enforcementWord.block(),
    'enforcement.warn': enforcementWord.warn(),
    open: t('Open'),
    openLabel: t('Open {0} in the manifest'),
    nothing: t('Nothing in this range.'),
  };
}

function isState(value: unknown): value is TimelineState {
  return typeof value === 'object' && value !== null;
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
