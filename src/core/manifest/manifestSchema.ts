import * as z from 'zod/mini';
import { enforcements, incidentStatuses, milestoneStatuses, severities } from './manifestVocabulary';

/**
 * The shape of a manifest file as written (`ops.yaml` and the files it includes). The parser
 * checks what a schema cannot (references, times, zones, cron, globs) and normalises the result
 * into `Manifest` (model.ts). Every field is described: the descriptions become the JSON Schema
 * that YAML editors use for hover and completion.
 *
 * Written with `zod/mini`, the functional form of zod whose unused parts the bundler leaves out:
 * the classic form carries every method on every schema and was a quarter of each bundle.
 */

/** `schema` with a description, which the JSON Schema carries. */
function doc<T extends z.ZodMiniType>(schema: T, description: string): T {
  return schema.check(z.describe(description));
}

/** An optional field with a description. */
function optional<T extends z.ZodMiniType>(schema: T, description: string) {
  return doc(z.optional(schema), description);
}

/** A field with a default and a description. */
function withDefault<T extends z.ZodMiniType>(schema: T, fallback: z.util.NoUndefined<z.output<T>>, description: string) {
  return doc(z._default(schema, fallback), description);
}

const text = z.string();
const nonEmpty = z.string().check(z.minLength(1));

const timeText = doc(
  z.string(),
  'A time: ISO-8601 with an offset (`2026-12-20T18:00:00+01:00`, `…Z`) or a local `YYYY-MM-DD`, `YYYY-MM-DD HH:mm[:ss]` or `YYYY-MM-DDTHH:mm[:ss]` read in the time zone that applies.',
);

const globList = (what: string) => doc(z.array(nonEmpty), `${what} Gitignore-style globs relative to the repository root.`);

const idText = nonEmpty;

const tierValue = z.union([z.string(), z.number()]);

export const systemSchema = doc(
  z.strictObject({
    title: optional(text, 'Human-readable name. Default: the system id.'),
    paths: globList('Files that belong to the system.'),
    exclude: z._default(globList('Files taken out of the system again.'), []),
    owners: withDefault(z.array(text), [], 'People or teams to tell about a change, e.g. `@acme/payments` or `alice@example.com`.'),
    tier: optional(tierValue, 'Criticality tier, e.g. `1` or `"gold"`. `1` and `"1"` are the same tier. Freezes can select systems by tier.'),
    dependsOn: withDefault(z.array(idText), [], 'Ids of systems this one depends on. A change to one of them impacts this system too.'),
    deploy: optional(z.strictObject({
      argocd: optional(z.array(nonEmpty), 'Argo CD application names or globs that deploy this system (`change-radar export argocd`). Default: the system id.'),
    }), 'Where the system ships, for the exports of its freezes.'),
    tags: optional(z.array(idText), 'Labels such as `pci`: freezes and incidents (of an organisation manifest especially) can select systems by tag.'),
    oncall: optional(text, 'Who is on call for the system, as free text or a URL (a rota page, a channel): shown beside the owners to tell.'),
  }),
  'A part of the repository that people care about as a unit.',
);

const cronScheduleSchema = doc(
  z.strictObject({
    start: doc(z.string(), 'Five-field cron expression (minute hour day-of-month month day-of-week) at which the freeze starts.'),
    end: doc(z.string(), 'Five-field cron expression at which the freeze ends: the first firing after the start.'),
  }),
  'A recurring freeze: active from each firing of `start` until the next firing of `end`, in the freeze time zone.',
);

const enforcementSchema = z.enum(enforcements);

export const freezeSchema = doc(
  z.strictObject({
    id: doc(idText, 'Unique id of the freeze.'),
    title: optional(text, 'Human-readable name. Default: the id.'),
    reason: optional(text, 'Why the freeze exists; shown with every warning.'),
    systems: withDefault(
      z.union([z.literal('*'), z.array(idText)]),
      [],
      'System ids the freeze covers, or `"*"` (alone or in the list; quoted: a bare `*` is a YAML alias) for every system.',
    ),
    tiers: withDefault(z.array(tierValue), [], 'Tiers the freeze covers, in addition to `systems`.'),
    tags: optional(z.array(idText), 'System tags the freeze covers, in addition to `systems` and `tiers`.'),
    start: optional(timeText, 'Absolute window start (inclusive). Use with `end`, not with `schedule`.'),
    end: optional(timeText, 'Absolute window end (exclusive). Must not be before `start`; equal to `start` is an empty window.'),
    schedule: z.optional(cronScheduleSchema),
    timezone: optional(text, 'IANA time zone for this freeze. Default: the manifest `timezone`.'),
    exempt: z._default(globList('Files the freeze does not apply to.'), []),
    enforcement: withDefault(enforcementSchema, 'block', '`block` stops commits touching covered systems; `warn` only warns. Default `block`.'),
    overrideApprovers: optional(
      z.array(nonEmpty),
      'In an extended (organisation) manifest: who may approve a repository\'s override of this freeze, beside the file\'s top-level `overrideApprovers`.',
    ),
  }),
  'A change freeze: an absolute window (`start`/`end`) or a recurring one (`schedule`).',
);

export const overrideSchema = doc(
  z.strictObject({
    freeze: doc(idText, 'Id of the freeze this override is an exception to.'),
    paths: z._default(globList('Files let through. Default: every file the freeze covers.'), []),
    reason: doc(nonEmpty, 'Why the exception was granted.'),
    approvedBy: doc(nonEmpty, 'Who approved the exception.'),
    expires: optional(timeText, 'When the exception ends. Default: never.'),
  }),
  'An approved exception to a freeze (an emergency change).',
);

const severitySchema = z.enum(severities);
const incidentStatusSchema = z.enum(incidentStatuses);

export const incidentSchema = doc(
  z.strictObject({
    id: doc(idText, 'Unique id of the incident, e.g. `INC-2041`.'),
    title: optional(text, 'What is happening. Default: the id.'),
    severity: doc(severitySchema, '`sev1` (worst) to `sev4`. Case does not matter: `SEV1` is `sev1`.'),
    status: doc(incidentStatusSchema, 'The incident is active until `resolved`. Case does not matter.'),
    systems: withDefault(z.array(idText), [], 'Ids of the affected systems.'),
    tags: optional(z.array(idText), 'System tags the incident is on, in addition to `systems`.'),
    started: optional(timeText, 'When the incident started.'),
    resolved: optional(timeText, 'When the incident was resolved; not before `started`.'),
    commander: optional(text, 'Incident commander, e.g. `@dana`.'),
    url: optional(text, 'Link to the incident page or channel.'),
    freeze: optional(
      z.union([enforcementSchema, z.boolean()]),
      'While active, the incident freezes its systems: `block` (or `true`) or `warn`. `false` or absent: no freeze.',
    ),
  }),
  'An incident on one or more systems.',
);

const milestoneStatusSchema = z.enum(milestoneStatuses);

export const milestoneSchema = doc(
  z.strictObject({
    id: doc(idText, 'Id of the milestone, unique within its project.'),
    title: optional(text, 'Human-readable name. Default: the id.'),
    due: optional(timeText, 'Due time. A date alone means the end of that day in the manifest time zone.'),
    status: withDefault(milestoneStatusSchema, 'planned', 'Default `planned`.'),
    owner: optional(text, "Who delivers it. Default: the project's owner."),
    systems: withDefault(z.array(idText), [], "Systems the milestone changes. Default: the project's systems."),
  }),
  'A dated step of a project.',
);

const projectFields = {
  id: doc(idText, 'Unique id of the project.'),
  title: optional(text, 'Human-readable name. Default: the id.'),
  goal: optional(text, 'The business goal the project serves.'),
  owner: optional(text, 'Who is accountable for the project.'),
  systems: withDefault(z.array(idText), [], 'Systems the project changes.'),
};

export const projectSchema = doc(
  z.strictObject({
    ...projectFields,
    milestones: withDefault(z.array(milestoneSchema), [], 'Dated steps of the project.'),
  }),
  'Strategic work: a project with milestones.',
);

/** A project with its milestones left unchecked: the parser reads those one by one. */
export const projectHeadSchema = z.strictObject({ ...projectFields, milestones: z.unknown() });

const systemRefs = doc(z.union([idText, z.array(idText)]), 'A system id, or a list of them.');

const liveEnforcement = z.union([enforcementSchema, z.literal(false)]);

export const liveSourceSchema = doc(
  z.strictObject({
    id: doc(idText, 'Unique id of the source; shown beside every incident it reports (`source: <id>` in JSON).'),
    type: doc(z.enum(['statuspage', 'pagerduty']), '`statuspage` (public Statuspage API v2) or `pagerduty` (PagerDuty REST API v2).'),
    url: optional(
      text,
      'Base URL, e.g. `https://status.acme.example`. Only `https:`, or `http://localhost`/`http://127.0.0.1`. Default for `pagerduty`: `https://api.pagerduty.com`.',
    ),
    token: optional(
      z.string().check(z.regex(/^env:[A-Za-z_][A-Za-z0-9_]*$/)),
      '`env:NAME`: the environment variable holding the API token (CLI); the editor keeps it in SecretStorage. Never a literal token.',
    ),
    components: optional(z.record(z.string(), systemRefs), 'Statuspage component name → system id(s).'),
    services: optional(z.record(z.string(), systemRefs), 'PagerDuty service id (e.g. `PXXXXXX`) → system id(s).'),
    maintenanceAsFreeze: optional(
      liveEnforcement,
      'Statuspage: an in-progress maintenance on a mapped component acts as a freeze (`block`, `warn`, or `false`). Default false.',
    ),
    freeze: optional(
      z.partialRecord(severitySchema, liveEnforcement),
      'Source incidents of these severities act as freezes, e.g. `{ sev1: block, sev2: warn }`.',
    ),
    severity: optional(
      z.record(z.string(), severitySchema),
      'Remote impact / priority / urgency → severity, over the documented defaults, e.g. `{ P1: sev1, high: sev2 }`.',
    ),
  }),
  'A live incident source read beside the manifest (see docs/sources.md).',
);

const sections = {
  include: withDefault(
    z.array(nonEmpty),
    [],
    'Further manifest files (repository-relative paths) whose sections are merged into this one.',
  ),
  systems: withDefault(z.record(idText, systemSchema), {}, 'Systems by id.'),
  freezes: withDefault(z.array(freezeSchema), [], 'Change freezes.'),
  overrides: withDefault(z.array(overrideSchema), [], 'Approved exceptions to freezes.'),
  incidents: withDefault(z.array(incidentSchema), [], 'Incidents.'),
  projects: withDefault(z.array(projectSchema), [], 'Projects and their milestones.'),
};

const fullCommit = z.string().check(z.regex(/^[0-9a-f]{40}$/));
const sha256Hex = z.string().check(z.regex(/^[0-9a-f]{64}$/));

const envName = z.string().check(z.regex(/^[A-Za-z_][A-Za-z0-9_]*$/));

/** The fields of an `extends:` entry, in every file. */
const extendsEntryFields = {
  id: doc(idText, 'Name of the extended manifest; shown as the origin of every entry it brings (`from <id>@<ref>`).'),
  git: optional(nonEmpty, 'A git repository: `https://…`, `ssh://…`, `git@host:org/repo.git`, `file://…` or a local path.'),
  path: optional(nonEmpty, 'The file in that repository. Default `ops.yaml`.'),
  ref: optional(fullCommit, 'With `git:`: the full 40-character commit id the manifest is pinned to (required).'),
  url: optional(nonEmpty, 'An `https:` URL of the file (`http:` only for localhost/127.0.0.1).'),
  sha256: optional(sha256Hex, 'With `url:`: the SHA-256 (hex) of the file\'s bytes, the pin (required).'),
  token: optional(
    z.string().check(z.regex(/^env:[A-Za-z_][A-Za-z0-9_]*$/)),
    'With `url:`: `env:NAME`, the environment variable holding a bearer token. Never a literal token.',
  ),
};

const extendsEntryText = 'An organisation manifest this one extends: its freezes, incidents, projects, overrides and sources apply here and cannot be weakened (docs/manifest.md, Organisation policy).';

/** One token the repository lets the live sources of an extended manifest use, and the one origin it may be sent to. */
const tokenGrantSchema = doc(
  z.strictObject({
    env: doc(envName, 'The environment variable (without `env:`) an extended source names in its `token: env:NAME`.'),
    origin: doc(nonEmpty, 'The only origin the token may be sent to, e.g. `https://api.pagerduty.com` (scheme, host and port; no path).'),
  }),
  'A token an extended (organisation) source may use, and where to.',
);

/** An `extends:` entry of the repository's own manifest: the only place that can let an extended source use a token. */
export const extendsEntrySchema = doc(
  z.strictObject({
    ...extendsEntryFields,
    allowTokens: optional(
      z.array(tokenGrantSchema),
      'The tokens the live `sources:` of this extended manifest (and of those it extends) may use, each with the one origin it may be sent to. '
      + 'An extended source naming any other token, or this one for another origin, gets no token (warning `extends-token-not-allowed`). Repository manifest only.',
    ),
  }),
  extendsEntryText,
);

/** An `extends:` entry of an extended manifest: no `allowTokens` (an organisation file cannot let itself use a repository's tokens). */
export const extendedExtendsEntrySchema = doc(z.strictObject(extendsEntryFields), extendsEntryText);

const extendsList = withDefault(z.array(extendsEntrySchema), [], 'Organisation manifests this one extends, each pinned (`git:` + `ref:`, or `url:` + `sha256:`).');
const extendedExtendsList = withDefault(z.array(extendedExtendsEntrySchema), [], 'Organisation manifests this one extends, each pinned (`git:` + `ref:`, or `url:` + `sha256:`).');

/** The root manifest file (`ops.yaml`). */
export const manifestFileSchema = doc(
  z.strictObject({
    version: doc(z.literal(1), 'Manifest format version. Always `1`.'),
    timezone: withDefault(z.string(), 'UTC', 'IANA time zone (e.g. `Europe/Berlin`) that times without an offset are read in. Default `UTC`.'),
    hooks: withDefault(
      z.strictObject({
        strict: withDefault(z.boolean(), false, 'When true, a manifest with errors blocks commits. Default false. A value that cannot be read counts as true.'),
        live: optional(z.boolean(), 'When true, hooks read live `sources:` too, giving up after a short network budget (1.5 s). Default false.'),
      }),
      { strict: false },
      'Git hook behaviour.',
    ),
    sources: withDefault(z.array(liveSourceSchema), [], 'Live incident sources (Statuspage, PagerDuty) mapped to systems. Root file (and extended manifests) only.'),
    extends: extendsList,
    ...sections,
  }),
  'Change Radar manifest: systems, freezes, overrides, incidents and projects.',
);

/** A file pulled in by `include:`: the same sections, without the root-only settings. */
export const includedFileSchema = z.strictObject({
  version: z.optional(z.literal(1)),
  ...sections,
});

/** A manifest another one `extends:` (an organisation policy): no systems of its own, no includes, no hooks; `sources:` without tokens the repository has not allowed. */
export const extendedFileSchema = z.strictObject({
  version: doc(z.literal(1), 'Manifest format version. Always `1`.'),
  timezone: withDefault(z.string(), 'UTC', 'IANA time zone that this file\'s times without an offset are read in. Default `UTC`.'),
  overrideApprovers: withDefault(z.array(nonEmpty), [], 'Who may approve a repository\'s override of this file\'s freezes.'),
  extends: extendedExtendsList,
  sources: doc(z.optional(z.array(liveSourceSchema)), 'Live incident sources; a token only as the repository\'s `allowTokens` lets it (docs/sources.md).'),
  freezes: sections.freezes,
  overrides: sections.overrides,
  incidents: sections.incidents,
  projects: sections.projects,
});

export type SystemEntry = z.output<typeof systemSchema>;
export type FreezeEntry = z.output<typeof freezeSchema>;
export type OverrideEntry = z.output<typeof overrideSchema>;
export type IncidentEntry = z.output<typeof incidentSchema>;
export type ProjectEntry = z.output<typeof projectSchema>;
export type MilestoneEntry = z.output<typeof milestoneSchema>;
export type LiveSourceEntry = z.output<typeof liveSourceSchema>;

const manifestSchemaId = 'urn:change-radar:schema:ops:v1';

/** JSON Schema (draft-07) of the root manifest file as written, for YAML editors. */
export function manifestJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(manifestFileSchema, { target: 'draft-07', io: 'input' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return { $schema, $id: manifestSchemaId, title: 'Change Radar manifest (ops.yaml)', ...rest };
}

/** The committed `schemas/ops.schema.json` text: two-space indentation and a final newline. */
export function manifestJsonSchemaText(): string {
  return `${JSON.stringify(manifestJsonSchema(), null, 2)}\n`;
}
