// Types for provisionHost.js, used by the TypeScript UI tests.
export function provisionHost(): Promise<{ readonly repoRoot: string; readonly cacheDir: string }>;
export function hostIsInstalled(): boolean;
