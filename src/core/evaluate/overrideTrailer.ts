/**
 * The `Freeze-Override:` commit trailer: what it is, how it is read from a commit message being
 * written, and which freezes it releases. The freeze evaluator (freezeEvaluator.ts) asks it in
 * `decide` and re-exports it; nothing else decides what a trailer lets through.
 */

/** A `Freeze-Override:` commit trailer. */
export interface OverrideTrailer {
  readonly reason: string;
  /** Default `commit trailer` (e.g. pass the commit author). */
  readonly approvedBy?: string;
}

/**
 * Whether a `Freeze-Override:` trailer lets a block through. A freeze: any trailer with a reason.
 * An incident-freeze: only a trailer that names the incident id, so that overriding a freeze never
 * silences an incident by accident.
 */
export function trailerReleases(target: { readonly kind: 'freeze' | 'incident'; readonly id: string }, trailer: OverrideTrailer): boolean {
  if (target.kind === 'freeze') return trailer.reason.trim() !== '';
  // Ids are case-sensitive: `inc-1` in a trailer does not name `INC-1`.
  const id = target.id;
  const text = trailer.reason;
  for (let at = text.indexOf(id); at !== -1; at = text.indexOf(id, at + 1)) {
    const before = at === 0 ? '' : text[at - 1];
    const after = text[at + id.length] ?? '';
    if (!/[\p{L}\p{N}_-]/u.test(before) && !/[\p{L}\p{N}_]/u.test(after)) return true;
  }
  return false;
}

/**
 * The `Freeze-Override:` trailer of a commit message being written (the editor's commit box), read
 * as git reads trailers closely enough for a warning: a `Freeze-Override: <reason>` line in the
 * last paragraph, key case-insensitive, comment lines ignored. The hook asks git itself.
 */
export function overrideTrailerOf(message: string): OverrideTrailer | undefined {
  const paragraphs = message.split('\n').filter((line) => !line.startsWith('#')).join('\n').trim().split(/\n\s*\n/);
  const last = paragraphs[paragraphs.length - 1] ?? '';
  for (const line of last.split('\n')) {
    const match = /^freeze-override\s*:\s*(\S.*)$/i.exec(line.trim());
    if (match) return { reason: match[1].trim() };
  }
  return undefined;
}
