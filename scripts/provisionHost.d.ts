// Types for provisionHost.js, used by the TypeScript tests.
export function provisionHost(): Promise<{ readonly repoRoot: string; readonly cacheDir: string }>;
export function hostIsInstalled(): boolean;
/** Runs `work` holding the host's install lock (or `lock`), waiting while a live process holds it. */
export function withInstallLock<T>(work: () => Promise<T>, lock?: string, pollMs?: number): Promise<T>;
export function aptInstallLine(packages?: readonly string[]): string;
export function hostNpmSettings(): Record<string, string>;
export function npmInstall(options: {
  readonly prefix: string;
  readonly nodeBin: string;
  readonly npmCli?: string;
  readonly parentEnv?: Readonly<Record<string, string | undefined>>;
  readonly set?: Readonly<Record<string, string>>;
  readonly label: string;
  readonly what: string;
  readonly typicalSeconds?: number;
  readonly timeoutMs: number;
  readonly out?: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly logFile?: string;
  readonly tailFile?: string;
}): Promise<number>;
