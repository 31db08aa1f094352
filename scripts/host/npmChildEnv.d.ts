// Types for npmChildEnv.js, used by the TypeScript tests.
export function npmChildEnv(
  parentEnv: Readonly<Record<string, string | undefined>>,
  options: { readonly nodeBinDir: string; readonly set?: Readonly<Record<string, string>> },
): Record<string, string>;
export function isInheritedNpmVariable(name: string): boolean;
