import { parseAllDocuments } from 'yaml';
import type { ProposalNote, ProposedSystem, RepoSnapshot, SourceProposal } from './proposal';
import { folderGlob, folderOf, IdAllocator, toSystemId } from './proposal';

/**
 * Systems from Backstage catalog files (`catalog-info.yaml`, several entities per file allowed):
 * one per `Component` and `Resource`, named by `metadata.name`. Paths: the folder holding the file,
 * or the in-repository folder `backstage.io/source-location` points at. Owners: `spec.owner` as
 * written. The `System` an entity belongs to prefixes its title. Tier: the annotation
 * `change-radar.dev/tier`, else the label `tier`. `spec.dependsOn` (`component:default/ledger`)
 * becomes `dependsOn` where it names an entity that became a system.
 */
const tierAnnotation = 'change-radar.dev/tier';

const catalogFile = /(^|\/)catalog-info\.ya?ml$/;
const systemKinds = new Set(['component', 'resource']);

interface Entity {
  readonly file: string;
  readonly line: number;
  readonly kind: string;
  readonly name: string;
  readonly title?: string;
  readonly owner?: string;
  readonly system?: string;
  readonly tier?: string;
  readonly dependsOn: readonly string[];
  readonly sourceLocation?: string;
}

export function proposeFromBackstage(repo: RepoSnapshot): SourceProposal {
  const inputs = repo.files.filter((file) => catalogFile.test(file));
  const notes: ProposalNote[] = [];
  const entities: Entity[] = [];
  for (const file of inputs) {
    const text = repo.read(file);
    if (text === undefined) {
      notes.push({ file, message: 'could not be read' });
      continue;
    }
    entities.push(...readEntities(file, text, notes));
  }
  const folders = trackedFolders(repo.files);
  const ids = new IdAllocator();
  const idOf = new Map<string, string>();
  const chosen = entities.filter((entity) => systemKinds.has(entity.kind.toLowerCase()));
  for (const entity of chosen) idOf.set(refKey(entity.kind, entity.name), ids.take(toSystemId(entity.name)));
  const systems: ProposedSystem[] = chosen.map((entity) => {
    const id = idOf.get(refKey(entity.kind, entity.name)) ?? entity.name;
    const folder = targetFolder(entity, folders, notes);
    const dependsOn: string[] = [];
    for (const ref of entity.dependsOn) {
      const target = resolveRef(ref, idOf);
      if (target === undefined) notes.push({ file: entity.file, line: entity.line, message: `${entity.name}: dependsOn '${ref}' names no Component or Resource in the catalog; left out` });
      else if (!dependsOn.includes(target) && target !== id) dependsOn.push(target);
    }
    const titleText = entity.title ?? entity.name;
    return {
      id,
      title: entity.system !== undefined ? `${entity.system}: ${titleText}` : titleText,
      paths: [folderGlob(folder)],
      exclude: [],
      owners: entity.owner !== undefined ? [entity.owner] : [],
      ...(entity.tier !== undefined ? { tier: entity.tier } : {}),
      dependsOn,
      comments: [`${entity.file} line ${entity.line}: ${entity.kind} ${entity.name}${entity.system !== undefined ? ` (system ${entity.system})` : ''}`],
    };
  });
  return { source: 'backstage', inputs, systems, notes };
}

function refKey(kind: string, name: string): string {
  return `${kind.toLowerCase()}:${name.toLowerCase()}`;
}

/** `component:default/ledger`, `resource:db`, `ledger` (a component) → the system id, if any. */
function resolveRef(ref: string, idOf: ReadonlyMap<string, string>): string | undefined {
  const match = /^(?:([A-Za-z]+):)?(?:[^/:]+\/)?([^/:]+)$/.exec(ref.trim());
  if (match === null) return undefined;
  const [, kind, name] = match;
  if (kind !== undefined) return idOf.get(refKey(kind, name));
  return idOf.get(refKey('component', name)) ?? idOf.get(refKey('resource', name));
}

function readEntities(file: string, text: string, notes: ProposalNote[]): Entity[] {
  const entities: Entity[] = [];
  let docs;
  try {
    docs = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false });
  } catch (error) {
    notes.push({ file, message: `not YAML: ${String(error)}` });
    return entities;
  }
  const list = Array.isArray(docs) ? docs : [docs];
  for (const doc of list) {
    const line = lineOf(text, doc.range?.[0] ?? 0);
    if (doc.errors.length > 0) {
      const error = doc.errors[0];
      notes.push({ file, line: lineOf(text, error.pos[0]), message: `not read: ${error.message.split('\n')[0]}` });
      continue;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 50 });
    } catch (error) {
      // An unresolved or runaway alias: this document is not read, the others are.
      notes.push({ file, line, message: `not read: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` });
      continue;
    }
    if (value === null || value === undefined) continue;
    const entity = toEntity(file, line, value);
    if (typeof entity === 'string') notes.push({ file, line, message: entity });
    else entities.push(entity);
  }
  return entities;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** An entity, or why the document is not one. */
function toEntity(file: string, line: number, value: unknown): Entity | string {
  const root = record(value);
  if (root === undefined) return 'expected a Backstage entity (a mapping with kind and metadata)';
  const kind = text(root.kind);
  const metadata = record(root.metadata);
  const name = text(metadata?.name);
  if (kind === undefined || name === undefined) return 'expected kind and metadata.name';
  const spec = record(root.spec) ?? {};
  const annotations = record(metadata?.annotations) ?? {};
  const labels = record(metadata?.labels) ?? {};
  const dependsOn = Array.isArray(spec.dependsOn) ? spec.dependsOn.flatMap((ref) => (text(ref) !== undefined ? [text(ref) as string] : [])) : [];
  const title = text(metadata?.title);
  const owner = text(spec.owner);
  const system = text(spec.system);
  const tier = text(annotations[tierAnnotation]) ?? text(labels.tier);
  const sourceLocation = text(annotations['backstage.io/source-location']);
  return {
    file, line, kind: kind.toLowerCase() === 'component' ? 'Component' : kind.toLowerCase() === 'resource' ? 'Resource' : kind,
    name, dependsOn,
    ...(title !== undefined ? { title } : {}),
    ...(owner !== undefined ? { owner } : {}),
    ...(system !== undefined ? { system } : {}),
    ...(tier !== undefined ? { tier } : {}),
    ...(sourceLocation !== undefined ? { sourceLocation } : {}),
  };
}

function trackedFolders(files: readonly string[]): Set<string> {
  const folders = new Set<string>(['']);
  for (const file of files) {
    for (let folder = folderOf(file); folder !== '' && !folders.has(folder); folder = folderOf(folder)) folders.add(folder);
  }
  return folders;
}

/**
 * The folder an entity covers: where `backstage.io/source-location` points inside this repository
 * (`url:./api`, `dir:../api`, or a `…/tree/<ref>/<path>` URL whose path is a tracked folder), else
 * the folder of its catalog file.
 */
function targetFolder(entity: Entity, folders: ReadonlySet<string>, notes: ProposalNote[]): string {
  const own = folderOf(entity.file);
  const location = entity.sourceLocation;
  if (location === undefined) return own;
  const target = /^(?:url|dir):(.*)$/.exec(location)?.[1]?.trim() ?? location;
  let candidate: string | undefined;
  if (/^\.\.?(\/|$)/.test(target)) candidate = joinRelative(own, target);
  else {
    const inTree = /\/(?:tree|blob|src\/branch)\/[^/]+\/(.*?)\/?(?:[?#].*)?$/.exec(target);
    if (inTree !== null) candidate = inTree[1].replace(/\/+$/, '');
  }
  if (candidate !== undefined && folders.has(candidate)) return candidate;
  notes.push({ file: entity.file, line: entity.line, message: `${entity.name}: source-location '${location}' is not a folder of this repository; using the catalog file's folder` });
  return own;
}

function joinRelative(base: string, relative: string): string | undefined {
  const parts = base === '' ? [] : base.split('/');
  for (const part of relative.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}
