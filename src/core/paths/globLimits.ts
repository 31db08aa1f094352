/** Limits on one glob; past them the glob is refused with its own problem code (docs/manifest.md). */
export const globLimits = { maxLength: 1024, maxWildcards: 64, maxAlternatives: 256 } as const;
