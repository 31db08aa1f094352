// Types for runStep.js, used by the TypeScript tests.
export interface StepOptions {
  readonly label: string;
  readonly what: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly typicalSeconds?: number;
  readonly timeoutMs: number;
  readonly logFile: string;
  readonly tailFile: string;
  readonly aptLine: string;
  readonly cacheDir: string;
  readonly out?: { write(text: string): unknown; readonly isTTY?: boolean; readonly columns?: number };
  readonly tickMs?: number;
  readonly now?: () => number;
}
export function runStep(step: StepOptions): Promise<number>;
export class StepError extends Error {
  readonly step: string;
  readonly tailFile: string;
}
export function diagnose(output: string, context: { readonly aptLine: string; readonly cacheDir: string }): string;
export function formatSeconds(seconds: number): string;
export function timeLeftText(elapsed: number, typical: number | undefined): string;
