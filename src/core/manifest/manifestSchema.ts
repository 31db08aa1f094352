import * as z from 'zod';

/**
 * The shape of a manifest file as written (`ops.yaml` and the files it includes). The parser
 * checks what a schema cannot (references, times, zones, cron, globs) and normalises the result
 * into `Manifest` (model.ts). Every field is described: the descriptions become the JSON Schema
 * that YAML editors use for hover and completion.
 */

const timeText = z
  .string()
  .describe(
    'A time: ISO-8601 with an offset (`2026-12-20T18:00:00+01:00`, `…Z`) or a local `YYYY-MM-DD`, `YYYY-MM-DD HH:mm[:ss]` or `YYYY-MM-DDTHH:mm[:ss]` read in the time zone that applies.',
  );

const globList = (what: string) =>
  z.array(z.string().min(1)).describe(`${what} Gitignore-style globs relative to the repository root.`);

const idText = z.string().min(1);

export const systemSchema = z
  .strictObject({
    title: z.string().optional().describe('Human-readable name. Default: the system id.'),
    paths: globList('Files that belong to the system.'),
    exclude: globList('Files taken out of the system again.').default([]),
    owners: z
      .array(z.string())
      .default([])
      .describe('People or teams to tell about a change, e.g. `@acme/payments` or `alice@example.com`.'),
    tier: z
      .union([z.string(), z.number()])
      .optional()
      .describe('Criticality tier, e.g. `1` or `"gold"`. `1` and `"1"` are the same tier. Freezes can select systems by tier.'),
    dependsOn: z
      .array(idText)
      .default([])
      .describe('Ids of systems this one depends on. A change to one of them impacts this system too.'),
  })
  .describe('A part of the repository that people care about as a unit.');

export const cronScheduleSchema = z
  .strictObject({
    start: z.string().describe('Five-field cron expression (minute hour day-of-month month day-of-week) at which the freeze starts.'),
    end: z.string().describe('Five-field cron expression at which the freeze ends: the first firing after the start.'),
  })
  .describe('A recurring freeze: active from each firing of `start` until the next firing of `end`, in the freeze time zone.');

export const enforcementSchema = z.enum(['block', 'warn']);

export const freezeSchema = z
  .strictObject({
    id: idText.describe('Unique id of the freeze.'),
    title: z.string().optional().describe('Human-readable name. Default: the id.'),
    reason: z.string().optional().describe('Why the freeze exists; shown with every warning.'),
    systems: z
      .union([z.literal('*'), z.array(idText)])
      .default([])
      .describe('System ids the freeze covers, or `"*"` (alone or in the list; quoted: a bare `*` is a YAML alias) for every system.'),
    tiers: z
      .array(z.union([z.string(), z.number()]))
      .default([])
      .describe('Tiers the freeze covers, in addition to `systems`.'),
    start: timeText.optional().describe('Absolute window start (inclusive). Use with `end`, not with `schedule`.'),
    end: timeText.optional().describe('Absolute window end (exclusive). Must not be before `start`; equal to `start` is an empty window.'),
    schedule: cronScheduleSchema.optional(),
    timezone: z.string().optional().describe('IANA time zone for this freeze. Default: the manifest `timezone`.'),
    exempt: globList('Files the freeze does not apply to.').default([]),
    enforcement: enforcementSchema
      .default('block')
      .describe('`block` stops commits touching covered systems; `warn` only warns. Default `block`.'),
  })
  .describe('A change freeze: an absolute window (`start`/`end`) or a recurring one (`schedule`).');

export const overrideSchema = z
  .strictObject({
    freeze: idText.describe('Id of the freeze this override is an exception to.'),
    paths: globList('Files let through. Default: every file the freeze covers.').default([]),
    reason: z.string().min(1).describe('Why the exception was granted.'),
    approvedBy: z.string().min(1).describe('Who approved the exception.'),
    expires: timeText.optional().describe('When the exception ends. Default: never.'),
  })
  .describe('An approved exception to a freeze (an emergency change).');

export const severitySchema = z.enum(['sev1', 'sev2', 'sev3', 'sev4']);
export const incidentStatusSchema = z.enum(['investigating', 'identified', 'monitoring', 'resolved']);

export const incidentSchema = z
  .strictObject({
    id: idText.describe('Unique id of the incident, e.g. `INC-2041`.'),
    title: z.string().optional().describe('What is happening. Default: the id.'),
    severity: severitySchema.describe('`sev1` (worst) to `sev4`. Case does not matter: `SEV1` is `sev1`.'),
    status: incidentStatusSchema.describe('The incident is active until `resolved`. Case does not matter.'),
    systems: z.array(idText).default([]).describe('Ids of the affected systems.'),
    started: timeText.optional().describe('When the incident started.'),
    resolved: timeText.optional().describe('When the incident was resolved; not before `started`.'),
    commander: z.string().optional().describe('Incident commander, e.g. `@dana`.'),
    url: z.string().optional().describe('Link to the incident page or channel.'),
    freeze: z
      .union([enforcementSchema, z.boolean()])
      .optional()
      .describe('While active, the incident freezes its systems: `block` (or `true`) or `warn`. `false` or absent: no freeze.'),
  })
  .describe('An incident on one or more systems.');

export const milestoneStatusSchema = z.enum(['planned', 'in-progress', 'done', 'blocked']);

export const milestoneSchema = z
  .strictObject({
    id: idText.describe('Id of the milestone, unique within its project.'),
    title: z.string().optional().describe('Human-readable name. Default: the id.'),
    due: timeText.optional().describe('Due time. A date alone means the end of that day in the manifest time zone.'),
    status: milestoneStatusSchema.default('planned').describe('Default `planned`.'),
    owner: z.string().optional().describe("Who delivers it. Default: the project's owner."),
    systems: z.array(idText).default([]).describe("Systems the milestone changes. Default: the project's systems."),
  })
  .describe('A dated step of a project.');

export const projectSchema = z
  .strictObject({
    id: idText.describe('Unique id of the project.'),
    title: z.string().optional().describe('Human-readable name. Default: the id.'),
    goal: z.string().optional().describe('The business goal the project serves.'),
    owner: z.string().optional().describe('Who is accountable for the project.'),
    systems: z.array(idText).default([]).describe('Systems the project changes.'),
    milestones: z.array(milestoneSchema).default([]).describe('Dated steps of the project.'),
  })
  .describe('Strategic work: a project with milestones.');

const systemRefs = z
  .union([idText, z.array(idText)])
  .describe('A system id, or a list of them.');

const liveEnforcement = z.union([enforcementSchema, z.literal(false)]);

export const liveSourceSchema = z
  .strictObject({
    id: idText.describe('Unique id of the source; shown beside every incident it reports (`source: <id>` in JSON).'),
    type: z.enum(['statuspage', 'pagerduty']).describe('`statuspage` (public Statuspage API v2) or `pagerduty` (PagerDuty REST API v2).'),
    url: z
      .string()
      .optional()
      .describe('Base URL, e.g. `https://status.acme.example`. Only `https:`, or `http://localhost`/`http://127.0.0.1`. Default for `pagerduty`: `https://api.pagerduty.com`.'),
    token: z
      .string()
      .regex(/^env:[A-Za-z_][A-Za-z0-9_]*$/)
      .optional()
      .describe('`env:NAME`: the environment variable holding the API token (CLI); the editor keeps it in SecretStorage. Never a literal token.'),
    components: z
      .record(z.string(), systemRefs)
      .optional()
      .describe('Statuspage component name → system id(s).'),
    services: z
      .record(z.string(), systemRefs)
      .optional()
      .describe('PagerDuty service id (e.g. `PXXXXXX`) → system id(s).'),
    maintenanceAsFreeze: liveEnforcement
      .optional()
      .describe('Statuspage: an in-progress maintenance on a mapped component acts as a freeze (`block`, `warn`, or `false`). Default false.'),
    freeze: z
      .partialRecord(severitySchema, liveEnforcement)
      .optional()
      .describe('Source incidents of these severities act as freezes, e.g. `{ sev1: block, sev2: warn }`.'),
    severity: z
      .record(z.string(), severitySchema)
      .optional()
      .describe('Remote impact / priority / urgency → severity, over the documented defaults, e.g. `{ P1: sev1, high: sev2 }`.'),
  })
  .describe('A live incident source read beside the manifest (see docs/sources.md).');

const sections = {
  include: z
    .array(z.string().min(1))
    .default([])
    .describe('Further manifest files (repository-relative paths) whose sections are merged into this one.'),
  systems: z.record(idText, systemSchema).default({}).describe('Systems by id.'),
  freezes: z.array(freezeSchema).default([]).describe('Change freezes.'),
  overrides: z.array(overrideSchema).default([]).describe('Approved exceptions to freezes.'),
  incidents: z.array(incidentSchema).default([]).describe('Incidents.'),
  projects: z.array(projectSchema).default([]).describe('Projects and their milestones.'),
};

/** The root manifest file (`ops.yaml`). */
export const manifestFileSchema = z
  .strictObject({
    version: z.literal(1).describe('Manifest format version. Always `1`.'),
    timezone: z
      .string()
      .default('UTC')
      .describe('IANA time zone (e.g. `Europe/Berlin`) that times without an offset are read in. Default `UTC`.'),
    hooks: z
      .strictObject({
        strict: z.boolean().default(false).describe('When true, a manifest with errors blocks commits. Default false. A value that cannot be read counts as true.'),
        live: z.boolean().optional().describe('When true, hooks read live `sources:` too, giving up after a short network budget (1.5 s). Default false.'),
      })
      .default({ strict: false })
      .describe('Git hook behaviour.'),
    sources: z.array(liveSourceSchema).default([]).describe('Live incident sources (Statuspage, PagerDuty) mapped to systems. Root file only.'),
    ...sections,
  })
  .describe('Change Radar manifest: systems, freezes, overrides, incidents and projects.');

/** A file pulled in by `include:`: the same sections, without the root-only settings. */
export const includedFileSchema = z.strictObject({
  version: z.literal(1).optional(),
  ...sections,
});

export type ManifestFile = z.output<typeof manifestFileSchema>;
export type IncludedFile = z.output<typeof includedFileSchema>;
export type SystemEntry = z.output<typeof systemSchema>;
export type FreezeEntry = z.output<typeof freezeSchema>;
export type OverrideEntry = z.output<typeof overrideSchema>;
export type IncidentEntry = z.output<typeof incidentSchema>;
export type ProjectEntry = z.output<typeof projectSchema>;
export type MilestoneEntry = z.output<typeof milestoneSchema>;
export type LiveSourceEntry = z.output<typeof liveSourceSchema>;

export const manifestSchemaId = 'urn:change-radar:schema:ops:v1';

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
