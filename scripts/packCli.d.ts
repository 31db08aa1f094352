/** Packs the CLI as out/change-radar-<version>.tgz (see packCli.js); resolves to the tarball's path. */
export function packCli(): Promise<string>;
