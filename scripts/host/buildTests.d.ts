// Types for buildTests.js, used by the TypeScript UI tests.
export function buildExtension(): void;
export function buildIntegrationTests(outDir?: string): Promise<{ readonly outDir: string; readonly entry: string; readonly selfTestDir: string }>;
