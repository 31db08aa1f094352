// Times for manifests written by UI tests: the UI cannot pin the extension's clock, so manifests
// are written relative to now.
export const hour = 3_600_000;
export const day = 24 * hour;

/** `YYYY-MM-DDTHH:mm:00Z` for now + offset, whole minutes. */
export function when(offsetMs: number): string {
  return new Date(Math.floor((Date.now() + offsetMs) / 60_000) * 60_000).toISOString().replace('.000Z', 'Z');
}
