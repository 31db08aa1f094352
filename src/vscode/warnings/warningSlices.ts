import * as vscode from 'vscode';
import type { ChangeModel } from '../../core/evaluate/engine';
import { WarningSlice } from '../../core/evaluate/fileWarnings';
import { Disposable } from '../base/disposable';
import { relativeInside } from '../../node/insidePath';
import { localWarningPhrases } from './warningPhrases';

/** One workspace folder with a manifest, as the warnings see it. */
export interface WarningFolder {
  readonly uri: vscode.Uri;
  /** The last valid model; `undefined` while the folder has none. */
  readonly model: ChangeModel | undefined;
}

/** What the warnings need from the repository models: the folders, and a signal when any changes. */
export interface WarningModelSource {
  folders(): readonly WarningFolder[];
  readonly onDidChange: vscode.Event<unknown>;
}

export interface SliceLookup {
  readonly folder: vscode.Uri;
  readonly slice: WarningSlice;
  /** Repository-relative, `/`-separated. */
  readonly path: string;
}

// setTimeout overflows past 2^31-1 ms; a daily re-check is cheap and also survives clock changes.
const maxTimerMs = 24 * 60 * 60 * 1000;
// Fire a little after the boundary so that `end` (exclusive) has really passed.
const boundaryMarginMs = 20;

/**
 * Keeps, per folder, the `WarningSlice` for "now": rebuilt when a model changes and when the clock
 * crosses the next boundary (a freeze starts or ends, an override expires). One timer for all
 * folders, set to the earliest boundary — no polling.
 */
export class WarningSlices extends Disposable {
  private readonly slices = new Map<string, { folder: WarningFolder; slice: WarningSlice | undefined }>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private nextBoundary: number | undefined;
  private readonly changeEmitter = this._register(new vscode.EventEmitter<void>());
  /** Fires after any slice was rebuilt with different answers possible (model change or time boundary). */
  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly source: WarningModelSource, private readonly now: () => number = Date.now) {
    super();
    this._register(source.onDidChange(() => this.rebuild()));
    // A suspended machine delays timers; catch up when the window comes back.
    this._register(vscode.window.onDidChangeWindowState((state) => {
      if (state.focused && this.nextBoundary !== undefined && this.now() >= this.nextBoundary) this.rebuild();
    }));
    this._register({ dispose: () => clearTimeout(this.timer) });
    this.rebuild();
  }

  /** The slice and relative path for a file, when it lies in a folder with a valid model. */
  lookup(uri: vscode.Uri): SliceLookup | undefined {
    if (uri.scheme !== 'file') return undefined;
    let best: SliceLookup | undefined;
    for (const { folder, slice } of this.slices.values()) {
      if (!slice) continue;
      const relative = relativeInside(folder.uri.fsPath, uri.fsPath);
      if (relative === undefined || relative === '') continue;
      // Nested folders: the innermost one wins.
      if (!best || folder.uri.fsPath.length > best.folder.fsPath.length) {
        best = { folder: folder.uri, slice, path: relative };
      }
    }
    return best;
  }

  /** Rebuilds every slice for the current instant and re-arms the boundary timer. */
  rebuild(): void {
    const at = this.now();
    this.slices.clear();
    for (const folder of this.source.folders()) {
      this.slices.set(folder.uri.toString(), { folder, slice: folder.model ? WarningSlice.build(folder.model, at, localWarningPhrases) : undefined });
    }
    this.arm(at);
    this.changeEmitter.fire();
  }

  private arm(at: number): void {
    clearTimeout(this.timer);
    const boundaries = [...this.slices.values()].map((entry) => entry.slice?.validUntil).filter((value) => value !== undefined);
    this.nextBoundary = boundaries.length > 0 ? Math.min(...boundaries) : undefined;
    // Without a boundary in the look-ahead, still re-check daily: a freeze further out comes closer.
    const delay = this.nextBoundary === undefined ? maxTimerMs
      : Math.min(Math.max(this.nextBoundary - at + boundaryMarginMs, 0), maxTimerMs);
    this.timer = setTimeout(() => this.rebuild(), delay);
  }
}
