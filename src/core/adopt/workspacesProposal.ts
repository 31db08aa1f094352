import { parse as parseYaml } from 'yaml';
import type { ProposalNote, ProposedSystem, RepoSnapshot, SourceProposal } from './proposal';
import { folderGlob, folderOf, IdAllocator, toSystemId } from './proposal';

/**
 * Systems from workspace package lists: npm and yarn (`workspaces` in the root package.json),
 * pnpm (`pnpm-workspace.yaml`), Lerna (`lerna.json` packages), Nx (`project.json` files), Cargo
 * (`[workspace] members`) and `go.work` (`use`). One system per package; the workspace root is not
 * one. Id: the package name without its npm scope (the scope kept on a clash). `dependsOn`: the
 * internal packages among `dependencies`, `devDependencies` and `peerDependencies` (package.json),
 * `[dependencies]` (Cargo.toml).
 */

interface Package {
  readonly folder: string;
  readonly name: string;
  readonly manifest: string;
  readonly kind: string;
  readonly deps: readonly string[];
}

export function proposeFromWorkspaces(repo: RepoSnapshot): SourceProposal {
  const tracked = new Set(repo.files);
  const notes: ProposalNote[] = [];
  const inputs: string[] = [];
  const packages = new Map<string, Package>();
  const add = (pkg: Package | undefined): void => {
    if (pkg !== undefined && pkg.folder !== '' && !packages.has(pkg.folder)) packages.set(pkg.folder, pkg);
  };
  const foldersWith = (name: string): string[] => repo.files.filter((f) => f === name || f.endsWith(`/${name}`)).map(folderOf);
  const json = (file: string): Record<string, unknown> | undefined => {
    const text = tracked.has(file) ? repo.read(file) : undefined;
    if (text === undefined) return undefined;
    try {
      const value: unknown = JSON.parse(text);
      return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
    } catch (error) {
      notes.push({ file, message: `not JSON: ${error instanceof Error ? error.message : String(error)}` });
      return undefined;
    }
  };
  const npmPackages = (globs: readonly string[], from: string): void => {
    inputs.push(from);
    for (const folder of expand(globs, foldersWith('package.json'))) add(npmPackage(folder, json(folder === '' ? 'package.json' : `${folder}/package.json`)));
  };

  const rootPackage = json('package.json');
  const workspaces = rootPackage?.workspaces;
  const npmGlobs = strings(Array.isArray(workspaces) ? workspaces : (workspaces as Record<string, unknown> | undefined)?.packages);
  if (npmGlobs.length > 0) npmPackages(npmGlobs, 'package.json');
  for (const file of ['pnpm-workspace.yaml', 'pnpm-workspace.yml']) {
    const text = tracked.has(file) ? repo.read(file) : undefined;
    if (text === undefined) continue;
    try {
      const value = parseYaml(text, { maxAliasCount: 50 }) as Record<string, unknown> | null;
      npmPackages(strings(value?.packages), file);
    } catch (error) {
      notes.push({ file, message: `not YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` });
    }
  }
  const lerna = json('lerna.json');
  if (lerna !== undefined) npmPackages(strings(lerna.packages).length > 0 ? strings(lerna.packages) : ['packages/*'], 'lerna.json');
  const nxProjects = repo.files.filter((f) => f.endsWith('project.json') && (f === 'project.json' || f.endsWith('/project.json')));
  if (nxProjects.length > 0 && tracked.has('nx.json')) {
    inputs.push('nx.json');
    for (const file of nxProjects) {
      const folder = folderOf(file);
      const value = json(file);
      add({ folder, name: stringValue(value?.name) ?? folder.split('/').pop() ?? folder, manifest: file, kind: 'Nx project', deps: strings(value?.implicitDependencies) });
    }
  }
  const cargo = tracked.has('Cargo.toml') ? repo.read('Cargo.toml') : undefined;
  if (cargo !== undefined && /^\s*\[workspace\]/m.test(cargo)) {
    inputs.push('Cargo.toml');
    const members = tomlArray(tomlSection(cargo, 'workspace'), 'members');
    const excluded = tomlArray(tomlSection(cargo, 'workspace'), 'exclude');
    for (const folder of expand([...members, ...excluded.map((e) => `!${e}`)], foldersWith('Cargo.toml'))) {
      const file = `${folder}/Cargo.toml`;
      const text = repo.read(file) ?? '';
      const name = /^\s*name\s*=\s*"([^"]+)"/m.exec(tomlSection(text, 'package'))?.[1] ?? folder.split('/').pop() ?? folder;
      const deps = ['dependencies', 'dev-dependencies', 'build-dependencies'].flatMap((section) => tomlKeys(tomlSection(text, section)));
      add({ folder, name, manifest: file, kind: 'Cargo crate', deps });
    }
  }
  const goWork = tracked.has('go.work') ? repo.read('go.work') : undefined;
  if (goWork !== undefined) {
    inputs.push('go.work');
    const modules = goWorkUses(goWork);
    for (const folder of modules) {
      const file = folder === '' ? 'go.mod' : `${folder}/go.mod`;
      const module = /^\s*module\s+(\S+)/m.exec(repo.read(file) ?? '')?.[1];
      if (!tracked.has(file)) notes.push({ file: 'go.work', message: `use '${folder}': no tracked ${file}` });
      else add({ folder, name: module?.split('/').pop() ?? folder, manifest: file, kind: 'Go module', deps: [] });
    }
  }

  const list = [...packages.values()].sort((a, b) => a.folder.localeCompare(b.folder));
  const ids = idsFor(list);
  const byName = new Map(list.map((pkg) => [pkg.name, ids.get(pkg.folder) ?? pkg.name]));
  const systems: ProposedSystem[] = list.map((pkg) => {
    const id = ids.get(pkg.folder) ?? toSystemId(pkg.name);
    const nested = list.filter((other) => other.folder.startsWith(`${pkg.folder}/`)).map((other) => folderGlob(other.folder));
    const dependsOn = [...new Set(pkg.deps.flatMap((dep) => (byName.has(dep) ? [byName.get(dep) as string] : [])))].filter((dep) => dep !== id);
    return {
      id, title: pkg.name, paths: [folderGlob(pkg.folder)], exclude: nested, owners: [], dependsOn,
      comments: [`${pkg.manifest}: ${pkg.kind} ${pkg.name}`],
    };
  });
  return { source: 'workspaces', inputs: [...new Set(inputs)], systems, notes };
}

/** Ids: the name without its npm scope; on a clash the scope is kept. */
function idsFor(packages: readonly Package[]): Map<string, string> {
  const bare = (name: string): string => toSystemId(name.replace(/^@[^/]+\//, ''));
  const counts = new Map<string, number>();
  for (const pkg of packages) counts.set(bare(pkg.name), (counts.get(bare(pkg.name)) ?? 0) + 1);
  const allocator = new IdAllocator();
  return new Map(packages.map((pkg) => [pkg.folder, allocator.take((counts.get(bare(pkg.name)) ?? 0) > 1 ? toSystemId(pkg.name) : bare(pkg.name))]));
}

function npmPackage(folder: string, value: Record<string, unknown> | undefined): Package | undefined {
  if (value === undefined) return undefined;
  const name = stringValue(value.name) ?? folder.split('/').pop() ?? folder;
  const deps = ['dependencies', 'devDependencies', 'peerDependencies'].flatMap((key) => {
    const section = value[key];
    return typeof section === 'object' && section !== null ? Object.keys(section) : [];
  });
  return { folder, name, manifest: `${folder}/package.json`, kind: 'package', deps };
}

function stringValue(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item.trim() !== '') : [];
}

/** Workspace globs (`packages/*`, `apps/**`, `!packages/private`) over the folders that hold a package file. */
function expand(globs: readonly string[], folders: readonly string[]): string[] {
  const tests = globs.map((glob) => {
    const negated = glob.startsWith('!');
    return { negated, test: folderPattern(negated ? glob.slice(1) : glob) };
  });
  return folders.filter((folder) => {
    let included = false;
    for (const { negated, test } of tests) if (test.test(folder)) included = !negated;
    return included;
  });
}

/** A workspace glob as a regular expression over whole folder paths: `*` within a segment, `**` across. */
function folderPattern(glob: string): RegExp {
  const clean = glob.trim().replace(/^\.\//, '').replace(/\/+$/, '');
  let source = '';
  for (let i = 0; i < clean.length; i++) {
    const char = clean[i];
    if (char === '*' && clean[i + 1] === '*') {
      source += '.*';
      i++;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** The lines of a TOML `[name]` table (up to the next table header). */
function tomlSection(text: string, name: string): string {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((line) => line.trim() === `[${name}]`);
  if (start < 0) return '';
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => /^\s*\[/.test(line));
  return (end < 0 ? rest : rest.slice(0, end)).join('\n');
}

/** `key = ["a", "b"]` (over several lines too) in a TOML table. */
function tomlArray(section: string, key: string): string[] {
  const match = new RegExp(`^\\s*${key}\\s*=\\s*\\[([^\\]]*)\\]`, 'm').exec(section);
  if (match === null) return [];
  return [...match[1].matchAll(/"([^"]*)"|'([^']*)'/g)].map((m) => m[1] ?? m[2]);
}

function tomlKeys(section: string): string[] {
  return [...section.matchAll(/^\s*([A-Za-z0-9_-]+)\s*(?:=|\.)/gm)].map((m) => m[1]);
}

/** The module folders of `use ./a` and `use ( ./a ./b )` in go.work. */
function goWorkUses(text: string): string[] {
  const folders: string[] = [];
  const clean = text.replace(/\/\/.*$/gm, '');
  for (const match of clean.matchAll(/^\s*use\s*(?:\(([^)]*)\)|(\S+))/gm)) {
    const items = match[1] !== undefined ? match[1].split(/\s+/) : [match[2]];
    for (const item of items) {
      if (item === undefined || item === '') continue;
      folders.push(item.replace(/^"|"$/g, '').replace(/^\.\/?/, '').replace(/\/+$/, ''));
    }
  }
  return folders;
}
