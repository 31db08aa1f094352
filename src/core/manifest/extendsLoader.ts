import type * as z from 'zod/mini';
import { readSections } from './manifestEntries';
import { loadManifestFile } from './manifestFile';
import { reportIssues } from './schemaProblems';
import type { FileLimits } from './fileLimits';
import type { LoadedFile } from './manifestFile';
import { extendedExtendsEntrySchema, extendedFileSchema, extendsEntrySchema } from './manifestSchema';
import { checkTokenOrigin } from './sourceConfig';
import type { ManifestSource } from './normalizerChecks';
import type { ProblemSink } from './problemSink';
import type { YamlPath } from './yamlLocator';
import { extendedFileName, extendsIdentity, originLabel } from './extendsSpec';
import type { ExtendedRead, ExtendsSpec, ReadExtended, TokenGrant } from './extendsSpec';

export type { ExtendedRead, ExtendsSpec, ReadExtended, TokenGrant } from './extendsSpec';

/**
 * `extends:`: the organisation manifests a manifest extends, read through the caller's
 * `ReadExtended` (the node layer: a verified cache under `.git/change-radar/`, fetched when allowed)
 * and turned into sources whose entries carry their origin (see ManifestNormalizer for the layering
 * rules). Pure: what is read, and whether it verifies, is the reader's answer.
 */

/** Deepest chain of `extends:` below the repository's manifest (its own entries are depth 1). */
const maxExtendsDepth = 3;

interface ExtendsContext {
  readonly read: ReadExtended | undefined;
  readonly sink: ProblemSink;
  readonly limits: FileLimits;
}

/**
 * The extended files of `loaded` (a manifest file that may hold `extends:`), depth first, each
 * followed by those it extends itself. `chain`: identities of the extended files above it.
 * `grants`: the repository's `allowTokens` of the entry the chain started from (only the
 * repository's own `extends:` entries can let an extended source use a token).
 */
export function loadExtends(
  loaded: LoadedFile, schema: z.ZodMiniType, context: ExtendsContext, chain: readonly string[] = [], grants?: readonly TokenGrant[],
): ManifestSource[] {
  const specs = extendsSpecs(loaded, schema, context.sink, chain.length === 0);
  const sources: ManifestSource[] = [];
  for (const { spec, path } of specs) {
    const where = loaded.locator.valueRange(path);
    const identity = extendsIdentity(spec);
    const label = originLabel({ extends: spec.id, ref: spec.pin });
    if (chain.includes(identity)) {
      context.sink.add('error', 'extends-cycle', `\`extends\` cycle: ${spec.id} (${spec.location}) extends itself through the files it extends`, loaded.file, where);
      continue;
    }
    if (chain.length >= maxExtendsDepth) {
      context.sink.add('error', 'extends-too-deep', `\`extends\` ${spec.id} is more than ${maxExtendsDepth} levels deep: flatten the chain of extended manifests`, loaded.file, where);
      continue;
    }
    const read: ExtendedRead = context.read === undefined
      ? { code: 'extends-unavailable', reason: 'extended manifests cannot be read here' }
      : context.read(spec);
    if (!('text' in read)) {
      const code = read.code === 'extends-tampered' ? 'extends-tampered' : 'extends-unavailable';
      context.sink.add('error', code, `${code === 'extends-tampered' ? 'extended manifest does not verify' : 'extended manifest unavailable'}: `
        + `\`${spec.id}\` (${spec.kind === 'git' ? `${spec.location} ${spec.path} at ${spec.pin.slice(0, 12)}` : `${spec.location}, sha256 ${spec.pin.slice(0, 12)}…`}) ${read.reason}; `
        + `the freezes, incidents and overrides of ${label} could not be checked`, loaded.file, where);
      continue;
    }
    const file = extendedFileName(spec);
    const extended = loadManifestFile(file, read.text, extendedFileSchema, context.sink, context.limits);
    if (!extended?.raw) {
      continue;
    }
    const sections = readSections(extended, extendedFileSchema, context.sink, true);
    const tokenGrants = grants ?? spec.tokenGrants ?? [];
    const approvers = Array.isArray(extended.raw.overrideApprovers)
      ? extended.raw.overrideApprovers.filter((who): who is string => typeof who === 'string')
      : [];
    sources.push({
      file,
      locator: extended.locator,
      sections,
      root: false,
      extended: { origin: { extends: spec.id, ref: spec.pin, file: spec.kind === 'git' ? spec.path : spec.location }, overrideApprovers: approvers, tokenGrants },
    });
    sources.push(...loadExtends(extended, extendedFileSchema, context, [...chain, identity], tokenGrants));
  }
  return sources;
}

/**
 * The `extends:` entries of a file that are usable; each one that is not is reported where it is
 * written. `own`: the repository's own manifest, the only one whose `allowTokens` is read.
 */
function extendsSpecs(loaded: LoadedFile, schema: z.ZodMiniType, sink: ProblemSink, own: boolean): { spec: ExtendsSpec; path: YamlPath }[] {
  const list = loaded.raw?.extends;
  if (list === undefined) {
    return [];
  }
  if (!Array.isArray(list)) {
    sink.add('error', 'wrong-type', 'expected a list of extended manifests (`- id: …`), got something else', loaded.file, loaded.locator.valueRange(['extends']));
    return [];
  }
  const ids = new Set<string>();
  return list.flatMap((item: unknown, index) => {
    const path: YamlPath = ['extends', index];
    const invalid = (message: string, at: YamlPath = path): [] => {
      sink.add('error', 'extends-invalid', message, loaded.file, loaded.locator.valueRange(at));
      return [];
    };
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      return invalid('expected an extended manifest: `{ id, git, ref }` or `{ id, url, sha256 }`');
    }
    const entry = item as Record<string, unknown>;
    if (typeof entry.git === 'string' && typeof entry.url === 'string') {
      return invalid('an extended manifest has `git:` or `url:`, not both');
    }
    if (typeof entry.git === 'string' && (typeof entry.ref !== 'string' || !/^[0-9a-f]{40}$/.test(entry.ref))) {
      return invalid('`git:` needs `ref:`, the full 40-character commit id it is pinned to (`change-radar extends update` writes it)', entry.ref === undefined ? path : [...path, 'ref']);
    }
    if (typeof entry.url === 'string' && (typeof entry.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(entry.sha256))) {
      return invalid('`url:` needs `sha256:`, the SHA-256 (64 hex digits) of the file it is pinned to', entry.sha256 === undefined ? path : [...path, 'sha256']);
    }
    if (typeof entry.url === 'string' && !allowedUrl(entry.url)) {
      return invalid('expected an `https:` URL (`http:` only for localhost or 127.0.0.1)', [...path, 'url']);
    }
    if (typeof entry.git === 'string' && (entry.git.startsWith('-') || /^[a-z][a-z0-9+.-]*::/i.test(entry.git))) {
      // `-…` would be read by git as an option; `ext::`/`fd::` are transports that run commands.
      return invalid('expected a repository URL (https://, ssh://, git@host:org/repo.git, file://) or a local path', [...path, 'git']);
    }
    if (typeof entry.git !== 'string' && typeof entry.url !== 'string') {
      return invalid('an extended manifest needs `git:` (with `ref:`) or `url:` (with `sha256:`)');
    }
    const parsed = (own ? extendsEntrySchema : extendedExtendsEntrySchema).safeParse(item);
    if (!parsed.success) {
      reportIssues(parsed.error.issues, path, schema, loaded.raw, loaded.locator, loaded.file, sink);
      return [];
    }
    const value = parsed.data;
    if (ids.has(value.id)) {
      sink.add('error', 'duplicate-id', `duplicate extends id \`${value.id}\``, loaded.file, loaded.locator.valueRange([...path, 'id']));
      return [];
    }
    ids.add(value.id);
    const pinned: ExtendsSpec = value.git !== undefined
      ? { id: value.id, kind: 'git', location: value.git, path: value.path ?? 'ops.yaml', pin: value.ref ?? '' }
      : { id: value.id, kind: 'url', location: value.url ?? '', path: value.url ?? '', pin: value.sha256 ?? '', ...(value.token !== undefined ? { tokenEnv: value.token.slice(4) } : {}) };
    const written = (value as { readonly allowTokens?: readonly TokenGrant[] }).allowTokens ?? [];
    // A grant whose origin is not one is left out (located): the sources it meant get no token.
    const tokenGrants = written.flatMap((grant, i): TokenGrant[] => {
      const checked = checkTokenOrigin(grant.origin);
      if ('error' in checked) {
        sink.add('error', 'extends-invalid', `\`allowTokens\` origin ${checked.error}`, loaded.file, loaded.locator.valueRange([...path, 'allowTokens', i, 'origin']));
        return [];
      }
      return [{ env: grant.env, origin: checked.origin }];
    });
    return [{ spec: tokenGrants.length > 0 ? { ...pinned, tokenGrants } : pinned, path }];
  });
}

/** `https:`, or `http:` to localhost / 127.0.0.1 only. */
function allowedUrl(text: string): boolean {
  const match = /^(https?):\/\/([^/?#]+)/i.exec(text);
  if (match === null) {
    return false;
  }
  const host = match[2].replace(/^[^@]*@/, '').replace(/:\d+$/, '').toLowerCase();
  return match[1].toLowerCase() === 'https' || host === 'localhost' || host === '127.0.0.1';
}
