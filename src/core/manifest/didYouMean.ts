/** Longest word compared; longer text is never a typo worth suggesting a fix for. */
const maxLength = 64;
/** Beyond this many candidates a suggestion costs more than it helps. */
const maxCandidates = 2000;

/**
 * The candidate closest to `word` by edit distance (insert, delete, substitute, swap of
 * neighbours; case differences are free), when it is close enough to be a likely typo:
 * at most a third of the word's length, and at least one edit. Undefined otherwise.
 */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  if (word.length === 0 || word.length > maxLength) {
    return undefined;
  }
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  let seen = 0;
  for (const candidate of candidates) {
    if (++seen > maxCandidates) {
      break;
    }
    if (candidate === word || Math.abs(candidate.length - word.length) >= bestDistance) {
      continue;
    }
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Optimal string alignment distance (Damerau–Levenshtein without repeated edits of a substring). */
export function editDistance(a: string, b: string): number {
  if (a.length > maxLength || b.length > maxLength) {
    return Math.max(a.length, b.length);
  }
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, beforePrevious[j - 2] + 1);
      }
      current.push(value);
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length];
}
