import type { FileMemo, KeptFile } from '../core/manifest/manifestParser';
import type { SpanColumns } from '../core/manifest/yamlSpans';
import { sha256 } from './manifestCache';
import type { ValueCache } from './manifestCache';

/**
 * The parse cache's store of included manifest files as read (see core/manifest/fileMemo.ts): one
 * entry per included file (`file-…` beside the manifest's entry under `.git/change-radar/`), replaced
 * when the file changes, removed once unused for 30 days. An entry is given back only for the same path, the same text (its hash is
 * in the key) and the same limits, by the build that wrote it; a body that does not fit together is
 * a miss, and the file is read again. The first run that reads a file with a given text only marks
 * it; the next run that reads the same text keeps it (at 150,000 systems keeping the six included
 * files costs about a second, which a one-off run such as a fresh clone in CI should not pay). Span
 * columns are stored as base64 of their bytes; the sections are plain data (no Map or Set).
 */
export function cachedFileMemo(cache: ValueCache): FileMemo {
  // A miss is followed by the set of the same text: its hash is worked out once (5 MB at 25,000 systems).
  const hashes = new Map<string, { readonly text: string; readonly hash: string }>();
  const keyOf = (file: string, text: string, variant: string): string => {
    let known = hashes.get(file);
    if (known?.text !== text) {
      known = { text, hash: sha256(text) };
      hashes.set(file, known);
    }
    return `${file}\u0000${variant}\u0000${known.hash}`;
  };
  /** The files whose text this run found marked as read by an earlier run. */
  const seen = new Set<string>();
  return {
    get: (file, text, variant) => {
      const value = cache.get('file', keyOf(file, text, variant), file);
      const marked = isMark(value);
      if (marked) seen.add(file);
      const kept = keptFrom(value);
      // In use: sweepKeptFiles keeps it.
      if (kept !== undefined || marked) cache.touch('file', file);
      return kept;
    },
    // A file read for the first time with this text is only marked (a fresh clone in CI, whose runs
    // are all first, pays for no kept files); read again with the same text, it is kept.
    set: (file, text, variant, kept) => {
      cache.set('file', keyOf(file, text, variant), seen.has(file) ? stored(kept) : mark, file, true);
    },
  };
}

/**
 * Kept files not read for this long are removed after a parse (`sweepKeptFiles`): a file no longer
 * included, or one kept by an earlier build, is not kept for ever (at 25,000 systems one takes up to
 * 16 MB). Each parse touches the entries it recalls, so a file still included is never swept.
 */
const keptFilesUnusedMs = 30 * 24 * 60 * 60 * 1000;

/** Removes kept files that no parse has read or written for 30 days. */
export function sweepKeptFiles(cache: ValueCache, now = Date.now()): void {
  cache.sweep('file', keptFilesUnusedMs, now);
}

/** What marks a file as read once with a given text, before it is kept. */
const mark = { read: true } as const;

function isMark(value: unknown): boolean {
  return value !== null && typeof value === 'object' && (value as { read?: unknown }).read === true && !('sections' in value);
}

/** What is stored: the kept file with its span columns as base64. */
interface StoredFile {
  readonly sections: KeptFile['sections'];
  readonly problems: KeptFile['problems'];
  readonly spans: { readonly size: number; readonly ints: readonly string[]; readonly kinds: string; readonly keyTexts: readonly string[] };
}

function stored(kept: KeptFile): StoredFile {
  const base64 = (column: Int32Array | Uint8Array): string => Buffer.from(column.buffer, column.byteOffset, column.byteLength).toString('base64');
  const { size, ints, kinds, keyTexts } = kept.spans;
  return { sections: kept.sections, problems: kept.problems, spans: { size, ints: ints.map(base64), kinds: base64(kinds), keyTexts } };
}

/** The kept file a stored body holds; undefined when it is not one. */
function keptFrom(value: unknown): KeptFile | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const { sections, problems, spans } = value as Partial<StoredFile>;
  if (sections === null || typeof sections !== 'object' || !Array.isArray(problems) || spans === null || typeof spans !== 'object') return undefined;
  const { size, ints, kinds, keyTexts } = spans;
  if (typeof size !== 'number' || !Array.isArray(ints) || typeof kinds !== 'string' || !Array.isArray(keyTexts)) return undefined;
  if (!ints.every((column) => typeof column === 'string') || !keyTexts.every((text) => typeof text === 'string')) return undefined;
  const columns: SpanColumns = { size, ints: ints.map((column) => int32s(column)), kinds: bytes(kinds), keyTexts };
  return { sections, problems, spans: columns };
}

/** The bytes of base64 text, in a buffer of their own. */
function bytes(text: string): Uint8Array<ArrayBuffer> {
  const decoded = Buffer.from(text, 'base64');
  const copy = new Uint8Array(decoded.byteLength);
  copy.set(decoded);
  return copy;
}

/** Int32 values from base64 of their bytes (this machine's byte order, as written); a ragged length gives an empty column. */
function int32s(text: string): Int32Array<ArrayBuffer> {
  const raw = bytes(text);
  return raw.byteLength % 4 === 0 ? new Int32Array(raw.buffer) : new Int32Array(0);
}
