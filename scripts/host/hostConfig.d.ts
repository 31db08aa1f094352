// Types for hostConfig.js (the fields the TypeScript tests read).
export const hostConfig: {
  readonly repoRoot: string;
  readonly cacheDir: string;
  readonly versions: { readonly node: string; readonly codeServer: string };
  readonly nodeBin: string;
  readonly nodePackageDir: string;
  readonly codeServerEntry: string;
  readonly aptPackages: readonly string[];
};
