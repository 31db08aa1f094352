/**
 * What an `extends:` entry pins and how it is named: the small, schema-free part of extends, so that
 * the node layer's verified store (node/extends/extendsStore.ts) can be in the entry bundle without
 * the parser (extendsLoader.ts, manifestSchema.ts and zod stay in cli-parser.js, loaded on a miss).
 */

/** One pinned `extends:` entry, checked. */
export interface ExtendsSpec {
  readonly id: string;
  readonly kind: 'git' | 'url';
  /** The repository (`git:`) or the URL (`url:`) as written. */
  readonly location: string;
  /** The file in the repository (`git:`, default `ops.yaml`); the URL for `url:`. */
  readonly path: string;
  /** The full commit id (`git:`) or the sha256 (`url:`). */
  readonly pin: string;
  /** `url:` only: the environment variable with a bearer token. */
  readonly tokenEnv?: string;
  /**
   * `allowTokens:` (the repository's own manifest only): the tokens the live sources of this
   * extended file, and of those it extends, may use, each with the one origin it may go to.
   */
  readonly tokenGrants?: readonly TokenGrant[];
}

/** A token (`env:` name) an extended source may use, and the origin (`https://host[:port]`) it may be sent to. */
export interface TokenGrant {
  readonly env: string;
  readonly origin: string;
}

/** What a reader answers: the verified text, or why there is none (`extends-unavailable`, `extends-tampered`). */
export type ExtendedRead =
  | { readonly text: string }
  | { readonly code: 'extends-unavailable' | 'extends-tampered'; readonly reason: string };

export type ReadExtended = (spec: ExtendsSpec) => ExtendedRead;

/** `acme-policy@3f2c1ab`: how text and markdown name an origin. */
export function originLabel(origin: { readonly extends: string; readonly ref: string }): string {
  return `${origin.extends}@${origin.ref.slice(0, 7)}`;
}

/**
 * The name an extended file's entries and problems are located under: `acme-policy@3f2c1ab:ops.yaml`
 * (the URL after the colon for `url:`). Not a path of the repository.
 */
export function extendedFileName(spec: ExtendsSpec): string {
  return `${originLabel({ extends: spec.id, ref: spec.pin })}:${spec.kind === 'git' ? spec.path : spec.location}`;
}

/** A stable identity of what an entry pins, for cycles and for the cache. */
export function extendsIdentity(spec: ExtendsSpec): string {
  return spec.kind === 'git' ? `git ${spec.location} ${spec.path} ${spec.pin}` : `url ${spec.location} ${spec.pin}`;
}

