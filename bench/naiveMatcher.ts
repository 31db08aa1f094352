import picomatch from 'picomatch';
import type { SystemSpec } from './generate';

/**
 * The obvious implementation a user would write: every system compiled once with picomatch, every
 * path tested against every system. The gitignore rules (docs/manifest.md) become picomatch globs:
 * no slash except a trailing one → any depth (`**∕` prefix); a leading or middle slash → anchored;
 * a pattern that matches a directory matches everything below it (`/**∕*`); a trailing `/` matches
 * directories only.
 */
export function gitignoreToGlobs(pattern: string): string[] {
  const dirOnly = pattern.endsWith('/');
  let body = dirOnly ? pattern.slice(0, -1) : pattern;
  const anchored = body.includes('/');
  if (body.startsWith('/')) body = body.slice(1);
  const base = anchored ? body : `**/${body}`;
  // picomatch lets `x/**` match `x` itself; gitignore's trailing `/**` means "everything inside".
  if (base.endsWith('/**')) return [`${base}/*`];
  const below = `${base}/**/*`;
  return dirOnly ? [below] : [base, below];
}

interface CompiledSystem {
  readonly id: string;
  readonly included: (path: string) => boolean;
  readonly excluded: (path: string) => boolean;
}

const options = { dot: true };

export class NaiveMatcher {
  private readonly systems: CompiledSystem[];

  constructor(systems: readonly SystemSpec[]) {
    this.systems = systems.map((s) => ({
      id: s.id,
      included: picomatch(s.patterns.flatMap(gitignoreToGlobs), options),
      excluded: s.exclude.length > 0 ? picomatch(s.exclude.flatMap(gitignoreToGlobs), options) : () => false,
    }));
  }

  /** Ids of the systems the path belongs to, in manifest order. */
  systemsOf(path: string): string[] {
    const out: string[] = [];
    for (const s of this.systems) {
      if (s.included(path) && !s.excluded(path)) out.push(s.id);
    }
    return out;
  }
}
