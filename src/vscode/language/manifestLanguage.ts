import * as vscode from 'vscode';
import { findUnmatchedGlobs } from '../../core/adopt/coverage';
import { completionContextAt } from '../../core/language/completionContext';
import { tiersInUse } from '../../core/manifest/manifestVocabulary';
import { filesPerSystem, freezeHoverLines, freezeLensText, systemFacts, systemHoverLines, systemLensText } from '../../core/language/manifestInsight';
import { lazyFeatures } from '../base/lazyFeatures';
import type { EntryKind, IdKind, IdOccurrence, ManifestEntry, ManifestSymbols } from '../../core/language/manifestSymbols';
import type { Manifest } from '../../core/model';
import type { Range as CoreRange } from '../../core/problem';
import { FreezeEvaluation } from '../../core/evaluate/freezeEvaluator';
import { diagnosticSource } from '../constants';
import { Disposable } from '../base/disposable';
import { debounceEvent } from '../base/events';
import { readWorkspaceText } from '../model/manifestReading';
import type { RadarServices } from '../services';
import type { RepositoryModel } from '../model/repositoryModel';
import { escapeText } from '../../report/escape';
import { escapeMarkdown } from '../views/viewModel/markdownText';
import { TrackedFiles } from './trackedFiles';
import { localInsightPhrases } from './insightPhrases';
import { t } from '../base/l10n';

/**
 * Language features for `ops.yaml` and the files it includes, without the Red Hat YAML extension
 * (which, when installed, keeps providing schema validation): completion of ids, tiers and enum
 * values; definition, references and rename of system and freeze ids across the manifest and its
 * includes (one WorkspaceEdit, so one undo); hover and CodeLens with what the ids mean now;
 * document symbols; and warnings for globs that match no tracked file, on the glob itself.
 */
const unmatchedGlobCode = 'glob-matches-nothing';

interface ManifestFile {
  readonly model: RepositoryModel;
  /** Folder-relative path of this file. */
  readonly path: string;
}

interface IndexedFile {
  readonly uri: vscode.Uri;
  readonly path: string;
  readonly symbols: ManifestSymbols;
}

const selector: vscode.DocumentSelector = [{ language: 'yaml' }, { pattern: '**/*.{yaml,yml}' }];

export class ManifestLanguage extends Disposable {
  readonly tracked: TrackedFiles;
  private readonly diagnostics = this._register(vscode.languages.createDiagnosticCollection('change-radar-globs'));
  private readonly onDidChangeLensesEmitter = this._register(new vscode.EventEmitter<void>());
  /** Per folder, the files that got glob warnings last time. */
  private readonly published = new Map<string, vscode.Uri[]>();
  /**
   * Per folder, the globs that matched no tracked file last time and what that was measured on:
   * git reports a change after most saves, and matching every tracked file of a large repository
   * against every glob takes seconds, so it is redone only when the globs or the file list differ.
   */
  private readonly unmatchedOf = new Map<string, { readonly globs: string; readonly files: readonly string[]; readonly unmatched: ReadonlySet<string> }>();
  /** Per manifest file (URI), its last text and symbols: the text is read again each time, and parsed again only when it differs. */
  private readonly indexed = new Map<string, { readonly text: string; readonly symbols: ManifestSymbols }>();
  /** Resolves when the glob warnings reflect the latest manifest and file list (for tests). */
  settled: Promise<void> = Promise.resolve();

  constructor(private readonly services: RadarServices) {
    super();
    this.tracked = this._register(new TrackedFiles(services));
    const refresh = (): void => {
      this.onDidChangeLensesEmitter.fire();
      this.settled = this.publishGlobWarnings();
    };
    this._register(services.models.onDidChange(refresh));
    this._register(this.tracked.onDidChange(refresh));
    this._register(debounceEvent(services.status.onDidChange, 500)(() => this.onDidChangeLensesEmitter.fire()));
    refresh();

    this._register(vscode.languages.registerCompletionItemProvider(selector, { provideCompletionItems: (doc, pos) => this.complete(doc, pos) }, '[', ',', ' ', '-'));
    this._register(vscode.languages.registerDefinitionProvider(selector, { provideDefinition: (doc, pos) => this.definition(doc, pos) }));
    this._register(vscode.languages.registerReferenceProvider(selector, { provideReferences: (doc, pos, ctx) => this.references(doc, pos, ctx.includeDeclaration) }));
    this._register(vscode.languages.registerRenameProvider(selector, {
      prepareRename: (doc, pos) => this.prepareRename(doc, pos),
      provideRenameEdits: (doc, pos, name) => this.rename(doc, pos, name),
    }));
    this._register(vscode.languages.registerHoverProvider(selector, { provideHover: (doc, pos) => this.hover(doc, pos) }));
    this._register(vscode.languages.registerCodeLensProvider(selector, {
      onDidChangeCodeLenses: this.onDidChangeLensesEmitter.event,
      provideCodeLenses: (doc) => this.lenses(doc),
    }));
    this._register(vscode.languages.registerDocumentSymbolProvider(selector, { provideDocumentSymbols: (doc) => this.symbols(doc) }, { label: t('Change Radar') }));
  }

  /** The folder and path of a manifest file (the root or an include), else undefined. */
  private manifestFileOf(document: vscode.TextDocument): ManifestFile | undefined {
    const model = this.services.models.modelFor(document.uri);
    if (model === undefined) return undefined;
    const path = model.relativePath(document.uri);
    if (path === undefined) return undefined;
    return manifestPaths(model).includes(path) ? { model, path } : undefined;
  }

  /** Every manifest file of the folder, indexed from the editor's text when open. */
  private async indexAll(model: RepositoryModel): Promise<IndexedFile[]> {
    const files = await Promise.all(manifestPaths(model).map(async (path) => {
      const uri = model.uriOf(path);
      const text = await readWorkspaceText(uri);
      if (text === undefined) return undefined;
      const known = this.indexed.get(uri.toString());
      const symbols = known !== undefined && known.text === text ? known.symbols : lazyFeatures().indexManifestText(text);
      this.indexed.set(uri.toString(), { text, symbols });
      return { uri, path, symbols };
    }));
    return files.filter((file): file is IndexedFile => file !== undefined);
  }

  private occurrenceAt(document: vscode.TextDocument, position: vscode.Position): IdOccurrence | undefined {
    if (this.manifestFileOf(document) === undefined) return undefined;
    return lazyFeatures().idAt(lazyFeatures().indexManifestText(document.getText()), position.line, position.character);
  }

  private async occurrencesOf(model: RepositoryModel, kind: IdKind, id: string): Promise<{ uri: vscode.Uri; occurrence: IdOccurrence }[]> {
    const files = await this.indexAll(model);
    return files.flatMap((file) => file.symbols.ids.filter((o) => o.kind === kind && o.id === id).map((occurrence) => ({ uri: file.uri, occurrence })));
  }

  private complete(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] | undefined {
    const file = this.manifestFileOf(document);
    if (file === undefined) return undefined;
    const context = completionContextAt(document.getText(), position.line, position.character);
    if (context === undefined) return undefined;
    const manifest = file.model.snapshot.manifest;
    const range = new vscode.Range(position.line, context.start, position.line, context.end);
    const item = (label: string, kind: vscode.CompletionItemKind, detail?: string, insert = label): vscode.CompletionItem => {
      const completion = new vscode.CompletionItem(label, kind);
      completion.range = range;
      completion.insertText = insert;
      if (detail !== undefined) completion.detail = detail;
      return completion;
    };
    const wanted = context.wanted;
    // What the list already holds is not offered again.
    const taken = new Set(context.taken);
    const free = (value: string): boolean => !taken.has(value);
    switch (wanted.kind) {
      case 'system':
        return [
          ...(manifest?.systems ?? []).filter((s) => free(s.id)).map((s) => item(s.id, vscode.CompletionItemKind.Module, s.title !== s.id ? s.title : undefined)),
          ...(wanted.allowStar && free('*') ? [item('"*"', vscode.CompletionItemKind.Constant, t('every system'))] : []),
        ];
      case 'freeze':
        return (manifest?.freezes ?? []).filter((f) => free(f.id)).map((f) => item(f.id, vscode.CompletionItemKind.Event, f.title !== f.id ? f.title : undefined));
      case 'tier': {
        // Numeric tiers ascending, then named ones (tiersInUse); sortText keeps that order in the list.
        return tiersInUse(manifest?.systems ?? []).filter(free).map((tier, index) => {
          const completion = item(tier, vscode.CompletionItemKind.EnumMember, t('a tier in use'), /^[0-9]+$/.test(tier) ? tier : JSON.stringify(tier));
          completion.sortText = String(index).padStart(4, '0');
          return completion;
        });
      }
      case 'values':
        return wanted.values.filter(free).map((value) => item(value, vscode.CompletionItemKind.EnumMember));
    }
  }

  private async definition(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Location[] | undefined> {
    const file = this.manifestFileOf(document);
    const occurrence = this.occurrenceAt(document, position);
    if (file === undefined || occurrence === undefined) return undefined;
    const found = await this.occurrencesOf(file.model, occurrence.kind, occurrence.id);
    // A freeze of an extended (organisation) manifest: its read-only cached copy (RepositoryModel.uriOf).
    const extended = occurrence.kind === 'freeze'
      ? (file.model.snapshot.manifest?.freezes ?? []).filter((f) => f.id === occurrence.id && f.origin !== undefined)
        .map((f) => new vscode.Location(file.model.uriOf(f.source.file), toRange(f.source.range)))
      : [];
    return [...found.filter((f) => f.occurrence.definition).map((f) => new vscode.Location(f.uri, toRange(f.occurrence.range))), ...extended];
  }

  private async references(document: vscode.TextDocument, position: vscode.Position, includeDeclaration: boolean): Promise<vscode.Location[] | undefined> {
    const file = this.manifestFileOf(document);
    const occurrence = this.occurrenceAt(document, position);
    if (file === undefined || occurrence === undefined) return undefined;
    const found = await this.occurrencesOf(file.model, occurrence.kind, occurrence.id);
    return found.filter((f) => includeDeclaration || !f.occurrence.definition).map((f) => new vscode.Location(f.uri, toRange(f.occurrence.range)));
  }

  private prepareRename(document: vscode.TextDocument, position: vscode.Position): vscode.Range {
    const occurrence = this.occurrenceAt(document, position);
    if (occurrence === undefined) throw new Error(t('Only system and freeze ids of the Change Radar manifest can be renamed here.'));
    return toRange(occurrence.range);
  }

  private async rename(document: vscode.TextDocument, position: vscode.Position, newName: string): Promise<vscode.WorkspaceEdit> {
    const file = this.manifestFileOf(document);
    const occurrence = this.occurrenceAt(document, position);
    if (file === undefined || occurrence === undefined) throw new Error(t('Only system and freeze ids of the Change Radar manifest can be renamed here.'));
    const name = newName.trim();
    if (!lazyFeatures().isPlainId(name)) throw new Error(t('\'{0}\' is not a plain id: use letters, digits, \'.\', \'_\' and \'-\', starting with a letter or digit.', name));
    if (name === occurrence.id) return new vscode.WorkspaceEdit();
    const taken = await this.occurrencesOf(file.model, occurrence.kind, name);
    if (taken.some((t) => t.occurrence.definition)) throw new Error(occurrence.kind === 'system' ? t('A system \'{0}\' already exists.', name) : t('A freeze \'{0}\' already exists.', name));
    const edit = new vscode.WorkspaceEdit();
    for (const found of await this.occurrencesOf(file.model, occurrence.kind, occurrence.id)) {
      edit.replace(found.uri, toRange(found.occurrence.range), name);
    }
    return edit;
  }

  private async hover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const file = this.manifestFileOf(document);
    const occurrence = this.occurrenceAt(document, position);
    const model = file?.model.snapshot.model;
    if (file === undefined || occurrence === undefined || model === undefined) return undefined;
    const at = this.services.clock.now();
    // The same facts as the lens above the id (manifestInsight.ts): one evaluation, one file count.
    let lines: string[];
    if (occurrence.kind === 'system') {
      const counts = await this.counts(file.model);
      const facts = systemFacts(model, occurrence.id, at, counts);
      if (facts === undefined) return undefined;
      lines = systemHoverLines(facts, escapeMarkdown, localInsightPhrases);
    } else {
      const freeze = model.manifest.freezes.find((f) => f.id === occurrence.id);
      if (freeze === undefined) return undefined;
      lines = freezeHoverLines(freeze, at, escapeMarkdown, localInsightPhrases);
    }
    const markdown = new vscode.MarkdownString(lines.join('\n\n'));
    markdown.isTrusted = false;
    markdown.supportHtml = false;
    return new vscode.Hover(markdown, toRange(occurrence.range));
  }

  /** Tracked files per system, counted once per (file list, manifest version). */
  private readonly countCache = new WeakMap<readonly string[], { version: number; counts: Map<string, number> }>();

  private async counts(model: RepositoryModel): Promise<Map<string, number> | undefined> {
    const files = await this.tracked.filesOf(model);
    const compiled = model.snapshot.model;
    if (compiled === undefined || files === undefined) return undefined;
    const cached = this.countCache.get(files);
    if (cached?.version === model.snapshot.version) return cached.counts;
    const counts = filesPerSystem(compiled, files, manifestPaths(model));
    this.countCache.set(files, { version: model.snapshot.version, counts });
    return counts;
  }

  private async lenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const file = this.manifestFileOf(document);
    const model = file?.model.snapshot.model;
    if (file === undefined || model === undefined) return [];
    const at = this.services.clock.now();
    const counts = await this.counts(file.model);
    const all = await this.indexAll(file.model);
    /** Clicking a lens lists the id's references (dependents, freezes naming it, overrides). */
    const references = new Map<string, vscode.Location[]>();
    for (const indexed of all) {
      for (const o of indexed.symbols.ids) {
        if (o.definition) continue;
        const key = `${o.kind}\u0000${o.id}`;
        const list = references.get(key) ?? [];
        list.push(new vscode.Location(indexed.uri, toRange(o.range)));
        references.set(key, list);
      }
    }
    const referencesOf = (kind: IdKind, id: string): vscode.Location[] => references.get(`${kind}\u0000${id}`) ?? [];
    const evaluation = FreezeEvaluation.at(model, at, 0);
    const lenses: vscode.CodeLens[] = [];
    for (const entry of lazyFeatures().indexManifestText(document.getText()).entries) {
      let title: string | undefined;
      let kind: IdKind | undefined;
      if (entry.kind === 'system') {
        const facts = systemFacts(model, entry.id, at, counts, evaluation);
        title = facts !== undefined ? systemLensText(facts, localInsightPhrases) : undefined;
        kind = 'system';
      } else if (entry.kind === 'freeze') {
        const freeze = model.manifest.freezes.find((f) => f.id === entry.id);
        title = freeze !== undefined ? freezeLensText(freeze, at, localInsightPhrases) : undefined;
        kind = 'freeze';
      }
      if (title === undefined || kind === undefined) continue;
      const range = toRange(entry.selection);
      lenses.push(new vscode.CodeLens(range, { title, command: 'editor.action.showReferences', arguments: [document.uri, range.start, referencesOf(kind, entry.id)] }));
    }
    return lenses;
  }

  private symbols(document: vscode.TextDocument): vscode.DocumentSymbol[] | undefined {
    if (this.manifestFileOf(document) === undefined) return undefined;
    const toSymbol = (entry: ManifestEntry): vscode.DocumentSymbol => {
      const symbol = new vscode.DocumentSymbol(entry.id, entry.kind, symbolKinds[entry.kind], toRange(entry.range), toRange(entry.selection));
      symbol.children = entry.children.map(toSymbol);
      return symbol;
    };
    return lazyFeatures().indexManifestText(document.getText()).entries.map(toSymbol);
  }

  /** Warnings for globs (paths, exclude) that match no tracked file, on the glob token, per folder. */
  private async publishGlobWarnings(): Promise<void> {
    for (const model of this.services.models.all) {
      const previous = this.published.get(model.key) ?? [];
      const manifest = model.snapshot.manifest;
      const files = manifest !== undefined ? await this.tracked.filesOf(model) : undefined;
      const byFile = new Map<string, vscode.Diagnostic[]>();
      if (manifest !== undefined && files !== undefined && model.snapshot.manifestUri !== undefined) {
        const unmatched = this.unmatchedGlobs(model.key, manifest.systems, files, manifest.files);
        // Nothing to warn about: the manifest text need not be read and indexed for glob positions.
        for (const indexed of unmatched.size > 0 ? await this.indexAll(model) : []) {
          for (const glob of indexed.symbols.globs) {
            if ((glob.field !== 'paths' && glob.field !== 'exclude') || !unmatched.has(`${glob.owner}\u0000${glob.field}\u0000${glob.glob}`)) continue;
            const diagnostic = new vscode.Diagnostic(toRange(glob.range), escapeText(t('\'{0}\' matches no tracked file ({1} of system {2})', glob.glob, glob.field, glob.owner)), vscode.DiagnosticSeverity.Warning);
            diagnostic.source = diagnosticSource;
            diagnostic.code = unmatchedGlobCode;
            const list = byFile.get(indexed.uri.toString()) ?? [];
            list.push(diagnostic);
            byFile.set(indexed.uri.toString(), list);
          }
        }
      }
      for (const uri of previous) if (!byFile.has(uri.toString())) this.diagnostics.delete(uri);
      const uris: vscode.Uri[] = [];
      for (const [key, list] of byFile) {
        const uri = vscode.Uri.parse(key);
        this.diagnostics.set(uri, list);
        uris.push(uri);
      }
      this.published.set(model.key, uris);
    }
  }

  /** `system\0field\0glob` of each glob (paths, exclude) that matches none of `files`, reused while the globs and files are the same. */
  private unmatchedGlobs(key: string, systems: Manifest['systems'], files: readonly string[], ignore: readonly string[]): ReadonlySet<string> {
    const globs = JSON.stringify([systems.map((s) => [s.id, s.paths, s.exclude]), ignore]);
    const last = this.unmatchedOf.get(key);
    if (last !== undefined && last.globs === globs && sameList(last.files, files)) return last.unmatched;
    const unmatched = new Set(findUnmatchedGlobs(systems, files, { ignore }).map((g) => `${g.system}\u0000${g.field}\u0000${g.glob}`));
    this.unmatchedOf.set(key, { globs, files, unmatched });
    return unmatched;
  }
}

const symbolKinds: Record<EntryKind, vscode.SymbolKind> = {
  system: vscode.SymbolKind.Module,
  freeze: vscode.SymbolKind.Event,
  override: vscode.SymbolKind.Key,
  incident: vscode.SymbolKind.Event,
  project: vscode.SymbolKind.Package,
  milestone: vscode.SymbolKind.Field,
};

function manifestPaths(model: RepositoryModel): string[] {
  const snapshot = model.snapshot;
  const root = snapshot.manifestUri !== undefined ? model.relativePath(snapshot.manifestUri) : undefined;
  return [...new Set([...(root !== undefined ? [root] : []), ...(snapshot.manifest?.files ?? [])])];
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function toRange(range: CoreRange): vscode.Range {
  return new vscode.Range(range.start.line, range.start.column, range.end.line, range.end.column);
}
