import { isMap, isSeq } from 'yaml';
import type { Node, YAMLMap } from 'yaml';
import { didYouMean } from '../manifest/didYouMean';
import { parseManifest } from '../manifest/manifestParser';
import type { Manifest } from '../model';
import type { Problem } from '../problem';
import { resolveTime } from './editTime';
import type { WrittenTime } from './editTime';
import { applySplices, YamlFile } from './yamlSplice';
import { editFail } from './editRefusal';
import type { EditEntryKind, EditField, ProblemFacts } from './editRefusal';
import type { EditValue, Splice } from './yamlSplice';

/**
 * The manifest a write action edits (manifestActions.ts holds the actions): its texts read with
 * the parser, the file that holds a section, an entry found and refused when it has an error, and
 * the result re-read and refused when it has a problem the original did not (fail closed).
 */

export interface ManifestTexts {
  /** Repository-relative path of the root manifest file. */
  readonly rootFile: string;
  /** The manifest's base folder (repository-relative, `''` for the root): includes are relative to it. */
  readonly baseDir: string;
  /** Texts of the manifest files, by repository-relative path; a file not here is read as missing. */
  readonly files: ReadonlyMap<string, string>;
  /**
   * Why a file the manifest includes, and which is not in `files`, exists but cannot be read (a
   * symbolic link out of the repository, no permission, not UTF-8); undefined when it does not exist.
   * An entry is never appended elsewhere while an include that may hold its section cannot be read.
   */
  readonly unreadable?: (file: string) => string | undefined;
}

export interface FileEdit {
  readonly file: string;
  readonly before: string;
  readonly after: string;
  readonly splices: readonly Splice[];
}

export type ActionName =
  | 'incident-declare' | 'incident-update' | 'incident-resolve'
  | 'freeze-now' | 'freeze-end' | 'freeze-extend' | 'override-add' | 'milestone-set';

export interface EditResult {
  readonly action: ActionName;
  /** The id of the entry written (for a milestone `PROJECT/MILESTONE`). */
  readonly id: string;
  /** The file edited. */
  readonly file: string;
  /** The fields written, as written. */
  readonly fields: Readonly<Record<string, EditValue>>;
  readonly edits: readonly FileEdit[];
  /** What a reader should know, e.g. that a recurring freeze was ended by an override (the CLI's English). */
  readonly note?: string;
  /** The facts of that note for a recurring freeze: its id and when the override lifting its current window expires (each face words it). */
  readonly lifted?: { readonly id: string; readonly until: string };
}

export class EditSession {
  protected readonly before: { manifest?: Manifest; problems: Problem[] };
  private readonly parsed = new Map<string, YamlFile>();
  /** Files the manifest names (includes) that were not among the texts. */
  private readonly missing = new Set<string>();

  constructor(
    protected readonly texts: ManifestTexts,
    protected readonly now: number,
  ) {
    this.before = this.parse(texts.files, this.missing);
    if (!this.before.manifest) {
      const first = this.before.problems.find((p) => p.severity === 'error');
      editFail({ code: 'manifest-unreadable', problem: first ? problemFacts(first) : undefined });
    }
  }

  protected get manifest(): Manifest {
    return this.before.manifest as Manifest;
  }

  protected parse(files: ReadonlyMap<string, string>, missing?: Set<string>): { manifest?: Manifest; problems: Problem[] } {
    const read = (file: string): string | undefined => {
      const text = files.get(file);
      if (text === undefined) missing?.add(file);
      return text;
    };
    const result = parseManifest(this.texts.rootFile, read, { baseDir: this.texts.baseDir });
    return result.manifest ? { manifest: result.manifest, problems: result.problems } : { problems: result.problems };
  }

  protected yaml(file: string): YamlFile {
    let parsed = this.parsed.get(file);
    if (!parsed) {
      const text = this.texts.files.get(file) ?? editFail({ code: 'file-not-loaded', file });
      parsed = new YamlFile(file, text);
      if (parsed.hasSyntaxErrors) editFail({ code: 'yaml-syntax', file });
      this.parsed.set(file, parsed);
    }
    return parsed;
  }

  /**
   * The file that holds a list section: the first with entries in it, else the first that has the
   * key, else the root file. Refused while an included file cannot be read: it may be the one that
   * holds the section, and a second list elsewhere is not what its author meant.
   */
  protected sectionFile(section: string): string {
    for (const file of this.missing) {
      const reason = this.texts.unreadable?.(file);
      if (reason !== undefined) {
        editFail({ code: 'include-unreadable', file, reason, section });
      }
    }
    const files = this.manifest.files;
    const holding = files.filter((file) => {
      const yaml = this.yaml(file);
      return isMap(yaml.doc.contents) && yaml.pair(yaml.doc.contents, section) !== undefined;
    });
    const withEntries = holding.find((file) => {
      const value = this.yaml(file).value(this.yaml(file).root(), section);
      return value !== undefined && isSeq(value) && value.items.length > 0;
    });
    return withEntries ?? holding[0] ?? this.texts.rootFile;
  }

  /** The entry's map node, refusing when the parser reported an error inside it. */
  protected entry(file: string, section: string, id: string, kind: EditEntryKind): { yaml: YamlFile; map: YAMLMap } {
    const yaml = this.yaml(file);
    const map = yaml.findEntry(section, id) ?? editFail({ code: 'entry-not-found', kind, id, file });
    this.refuseErrorsInside(yaml, map, kind, id);
    return { yaml, map };
  }

  protected refuseErrorsInside(yaml: YamlFile, node: Node, kind: EditEntryKind, id: string): void {
    const range = node.range ?? [0, 0];
    const first = yaml.lineOf(range[0]) - 1;
    const last = yaml.lineOf(Math.max(range[0], yaml.contentEnd(node) - 1)) - 1;
    const inside = this.before.problems.find((p) => p.severity === 'error' && p.file === yaml.file && p.range.start.line >= first && p.range.start.line <= last);
    if (inside) {
      editFail({ code: 'entry-has-error', kind, id, problem: problemFacts(inside) });
    }
  }

  /** Ids of a list section in every file, including entries the parser had to leave out. */
  protected rawIds(section: string): string[] {
    return this.manifest.files.flatMap((file) => (this.texts.files.has(file) ? new YamlFile(file, this.texts.files.get(file) ?? '').ids(section) : []));
  }

  protected knownSystems(ids: readonly string[]): string[] {
    const known = new Set(this.manifest.systems.map((s) => s.id));
    const cleaned = ids.map((id) => id.trim()).filter((id) => id !== '');
    for (const id of cleaned) {
      if (!known.has(id.normalize('NFC'))) {
        const hint = didYouMean(id, known);
        editFail({ code: 'unknown-system', id, hint, known: [...known] });
      }
    }
    return [...new Set(cleaned)];
  }

  protected time(text: string | undefined, zone: string, field: EditField): WrittenTime {
    return resolveTime(text, this.now, zone, field);
  }

  /** Applies the splices, re-reads the manifest and refuses a result with problems the original did not have. */
  protected finish(result: Omit<EditResult, 'edits'>, splices: ReadonlyMap<string, Splice[]>): EditResult {
    const files = new Map(this.texts.files);
    const edits: FileEdit[] = [];
    for (const [file, list] of splices) {
      const before = this.texts.files.get(file) ?? '';
      const after = applySplices(before, list);
      files.set(file, after);
      edits.push({ file, before, after, splices: list });
    }
    const after = this.parse(files);
    const count = (problems: readonly Problem[]): Map<string, number> => {
      const counts = new Map<string, number>();
      for (const p of problems) if (p.severity !== 'info') counts.set(`${p.code}\u0000${p.file}`, (counts.get(`${p.code}\u0000${p.file}`) ?? 0) + 1);
      return counts;
    };
    const was = count(this.before.problems);
    const is = count(after.problems);
    const added = after.problems.filter((p) => p.severity !== 'info' && (is.get(`${p.code}\u0000${p.file}`) ?? 0) > (was.get(`${p.code}\u0000${p.file}`) ?? 0));
    if (!after.manifest || added.length > 0) {
      const first = added[0] ?? after.problems[0];
      editFail({ code: 'edit-makes-problem', problem: first ? { ...problemFacts(first), severity: first.severity, problemCode: first.code } : undefined });
    }
    return { ...result, edits };
  }
}

/** Where a problem is (one-based, as printed) and what it says. */
export function problemFacts(problem: Problem): ProblemFacts {
  return { file: problem.file, line: problem.range.start.line + 1, column: problem.range.start.column + 1, message: problem.message };
}
