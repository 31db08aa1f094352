import { Random } from './random';

/**
 * Deterministic synthetic inputs: a monorepo layout, systems with gitignore-style patterns over it,
 * a CODEOWNERS file and an ops.yaml manifest. Same sizes + same seed = same text, byte for byte.
 */

const words = ['ledger', 'checkout', 'cart', 'search', 'billing', 'auth', 'profile', 'inventory', 'pricing',
  'shipping', 'catalog', 'reviews', 'payments', 'fraud', 'notify', 'gateway', 'reports', 'orders', 'tax',
  'wallet', 'promo', 'session', 'media', 'geo', 'audit', 'export', 'import', 'feed', 'rating', 'ads'];
const groups = ['services', 'services', 'services', 'libs', 'libs', 'apps', 'packages', 'infra', 'tools'];
const sourceExts = ['ts', 'ts', 'ts', 'ts', 'js', 'go', 'py', 'json', 'yaml'];
const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'Australia/Lord_Howe'];
const tiers = ['1', '2', '3'];
/** Recurring freezes: weekends, nights, the last days of a month. */
const schedules = [['0 18 * * 5', '0 8 * * 1'], ['0 22 * * *', '0 6 * * *'], ['0 0 28 * *', '0 0 1 * *']];

export interface Component {
  readonly name: string;
  /** Repository-relative directory, e.g. `services/ledger-0042`. */
  readonly dir: string;
}

export interface SystemSpec {
  readonly id: string;
  readonly patterns: readonly string[];
  readonly exclude: readonly string[];
}

export interface Inputs {
  readonly components: readonly Component[];
  readonly paths: readonly string[];
  readonly systems: readonly SystemSpec[];
}

function pad(n: number): string {
  return String(n).padStart(4, '0');
}

export function makeComponents(count: number, seed: number): Component[] {
  const rng = new Random(seed);
  return Array.from({ length: count }, (_, i) => {
    const name = `${rng.pick(words)}-${pad(i)}`;
    return { name, dir: `${rng.pick(groups)}/${name}` };
  });
}

/** One file path of a component, shaped like real monorepo code. */
function componentFile(rng: Random, c: Component, n: number): string {
  const word = rng.pick(words);
  const shape = rng.next();
  if (shape < 0.45) {
    const modules = Array.from({ length: rng.int(3) }, () => rng.pick(words)).join('/');
    return `${c.dir}/src/${modules ? modules + '/' : ''}${word}${n}.${rng.pick(sourceExts)}`;
  }
  if (shape < 0.6) return `${c.dir}/test/${word}${n}.test.ts`;
  if (shape < 0.66) return `${c.dir}/migrations/${pad(n)}_${word}.sql`;
  if (shape < 0.72) return `proto/${c.name}/${word}${n}.proto`;
  if (shape < 0.78) return `${c.dir}/docs/${word}${n}.${rng.chance(0.1) ? 'MD' : 'md'}`;
  if (shape < 0.8) return `${c.dir}/${c.name}.config.json`;
  if (shape < 0.83) return `${c.dir}/deploy/${word}${n}.tf`;
  return `${c.dir}/internal/${rng.pick(words)}/${word}/${word}${n}.go`;
}

/** Files outside any component: docs, CI, scripts, root files. */
function sharedFile(rng: Random, n: number): string {
  const word = rng.pick(words);
  const shape = rng.next();
  if (shape < 0.5) return `docs/${rng.pick(words)}/${word}${n}.md`;
  if (shape < 0.7) return `.github/workflows/${word}${n}.yml`;
  if (shape < 0.9) return `scripts/${word}${n}.sh`;
  return `${word}${n}.md`;
}

export function makePaths(components: readonly Component[], count: number, seed: number): string[] {
  const rng = new Random(seed);
  const seen = new Set<string>();
  for (let n = 0; seen.size < count; n++) {
    const path = rng.chance(0.03) ? sharedFile(rng, n) : componentFile(rng, rng.pick(components), n);
    seen.add(path);
  }
  return [...seen];
}

/** Patterns a handful of cross-cutting systems own (docs, infra, CI...): these match at any depth. */
const broadPatterns = [['*.md'], ['*.tf', 'infra/'], ['.github/'], ['migrations/'], ['**/test/**'], ['*.proto'],
  ['scripts/*.sh'], ['docs/**/*.md']];

function primaryPattern(rng: Random, c: Component): string {
  const r = rng.next();
  if (r < 0.3) return `/${c.dir}/`;
  if (r < 0.6) return `${c.dir}/`;
  if (r < 0.8) return `${c.dir}/**`;
  return c.dir;
}

function extraPattern(rng: Random, c: Component): string {
  const r = rng.next();
  if (r < 0.25) return `${c.name}.config.json`;
  if (r < 0.5) return `proto/${c.name}/*.proto`;
  if (r < 0.7) return `**/${c.name}/migrations/*.sql`;
  if (r < 0.85) return `${c.dir}/**/*.{ts,js}`;
  return `${c.dir.slice(0, -1)}?/docs/`;
}

export function makeSystems(components: readonly Component[], seed: number): SystemSpec[] {
  const rng = new Random(seed);
  return components.map((c, i) => {
    const patterns = [primaryPattern(rng, c), ...(broadPatterns[i] ?? [])];
    const extras = rng.int(3);
    for (let k = 0; k < extras; k++) patterns.push(extraPattern(rng, c));
    const exclude = rng.chance(0.1) ? [rng.pick(['**/*.test.ts', 'docs/', '*.MD'])] : [];
    return { id: `sys-${c.name}`, patterns: [...new Set(patterns)].slice(0, 3), exclude };
  });
}

export function makeInputs(files: number, systems: number, seed: number): Inputs {
  const components = makeComponents(systems, seed);
  return { components, paths: makePaths(components, files, seed + 1), systems: makeSystems(components, seed + 2) };
}

function owner(rng: Random): string {
  const r = rng.next();
  if (r < 0.6) return `@org/team-${rng.int(200)}`;
  if (r < 0.9) return `@user${rng.int(1000)}`;
  return `dev${rng.int(100)}@example.com`;
}

/** A CODEOWNERS of exactly `lines` lines: comments, blanks, a catch-all and per-component rules. */
export function makeCodeowners(components: readonly Component[], lines: number, seed: number): string {
  const rng = new Random(seed);
  const out = ['# Generated by bench/generate.ts', '* @org/engineering', '*.md @org/docs', 'docs/* @org/docs-writers',
    '**/migrations/ @org/dba', '/.github/ @org/platform'];
  while (out.length < lines) {
    const c = rng.pick(components);
    const r = rng.next();
    if (r < 0.04) out.push(rng.chance(0.5) ? '' : `# ${c.name}`);
    else if (r < 0.5) out.push(`/${c.dir}/ ${owner(rng)}${rng.chance(0.3) ? ' ' + owner(rng) : ''}`);
    else if (r < 0.65) out.push(`${c.dir}/**/*.sql ${owner(rng)}`);
    else if (r < 0.75) out.push(`${c.dir}/docs/* ${owner(rng)}`);
    else if (r < 0.82) out.push(`${c.dir}/internal/`); // no owners: clears ownership
    else if (r < 0.9) out.push(`${c.name}.config.json ${owner(rng)}`);
    else out.push(`/proto/${c.name}/ ${owner(rng)}`);
  }
  return out.slice(0, lines).join('\n') + '\n';
}

export interface ManifestSizes {
  readonly systems: readonly SystemSpec[];
  readonly freezes: number;
  readonly incidents: number;
  readonly projects: number;
  readonly milestones: number;
}

/** YAML scalar: JSON strings are valid YAML and quote globs such as `*.md` safely. */
const q = JSON.stringify;

function idList(ids: readonly string[]): string {
  return `[${ids.map((id) => q(id)).join(', ')}]`;
}

function isoDay(rng: Random, year: number): string {
  return `${year}-${String(rng.between(1, 12)).padStart(2, '0')}-${String(rng.between(1, 28)).padStart(2, '0')}`;
}

function systemsYaml(rng: Random, systems: readonly SystemSpec[]): string[] {
  const out = ['systems:'];
  systems.forEach((s, i) => {
    out.push(`  ${s.id}:`, `    title: ${q('System ' + s.id)}`, `    paths: ${idList(s.patterns)}`);
    if (s.exclude.length > 0) out.push(`    exclude: ${idList(s.exclude)}`);
    out.push(`    owners: [${q(owner(rng))}]`, `    tier: ${rng.pick(tiers)}`);
    // A shallow dependency graph (each system has about 0.45 direct dependents), as in a real catalog.
    const deps = i === 0 || !rng.chance(0.3) ? [] : rng.sample(systems.slice(Math.max(0, i - 10), i), rng.between(1, 2)).map((d) => d.id);
    if (deps.length > 0) out.push(`    dependsOn: ${idList(deps)}`);
  });
  return out;
}

function freezesYaml(rng: Random, count: number, ids: readonly string[]): string[] {
  const out = ['freezes:'];
  for (let i = 0; i < count; i++) {
    out.push(`  - id: freeze-${i}`, `    title: ${q('Freeze ' + i)}`, `    reason: ${q('Synthetic freeze ' + i)}`);
    if (rng.chance(0.02)) out.push(`    tiers: [${q(rng.pick(tiers))}]`);
    else out.push(`    systems: ${idList(rng.sample(ids, rng.between(1, 5)))}`);
    if (rng.chance(0.5)) {
      const day = isoDay(rng, 2026);
      out.push(`    start: ${q(day + 'T18:00:00')}`, `    end: ${q(day + 'T23:00:00')}`);
    } else {
      const [start, end] = rng.pick(schedules);
      out.push('    schedule:', `      start: ${q(start)}`, `      end: ${q(end)}`);
    }
    out.push(`    timezone: ${q(rng.pick(zones))}`, `    enforcement: ${rng.chance(0.7) ? 'block' : 'warn'}`);
    if (rng.chance(0.2)) out.push(`    exempt: [${q('*.md')}]`);
  }
  return out;
}

function incidentsYaml(rng: Random, count: number, ids: readonly string[]): string[] {
  const statuses = ['investigating', 'identified', 'monitoring', 'resolved', 'resolved', 'resolved'];
  const out = ['incidents:'];
  for (let i = 0; i < count; i++) {
    const status = rng.pick(statuses);
    out.push(`  - id: inc-${i}`, `    title: ${q('Incident ' + i)}`, `    severity: sev${rng.between(1, 4)}`,
      `    status: ${status}`, `    systems: ${idList(rng.sample(ids, rng.between(1, 3)))}`,
      `    started: ${q(isoDay(rng, 2026) + 'T09:30:00Z')}`, `    commander: ${q(owner(rng))}`);
    if (status === 'resolved') out.push(`    resolved: ${q('2026-12-31T10:00:00Z')}`);
    if (rng.chance(0.05)) out.push('    freeze: warn');
  }
  return out;
}

function projectsYaml(rng: Random, count: number, milestones: number, ids: readonly string[]): string[] {
  const statuses = ['planned', 'in-progress', 'done', 'blocked'];
  const out = ['projects:'];
  for (let i = 0; i < count; i++) {
    out.push(`  - id: proj-${i}`, `    title: ${q('Project ' + i)}`, `    goal: ${q('Goal ' + i)}`,
      `    owner: ${q(owner(rng))}`, `    systems: ${idList(rng.sample(ids, rng.between(1, 4)))}`, '    milestones:');
    for (let m = 0; m < milestones; m++) {
      out.push(`      - id: m-${i}-${m}`, `        title: ${q('Milestone ' + m)}`, `        due: ${q(isoDay(rng, 2026))}`,
        `        status: ${rng.pick(statuses)}`, `        owner: ${q(owner(rng))}`);
    }
  }
  return out;
}

/** The ops.yaml text for the given systems and section sizes. */
export function makeManifestYaml(sizes: ManifestSizes, seed: number): string {
  const rng = new Random(seed);
  const ids = sizes.systems.map((s) => s.id);
  return [
    'version: 1',
    'timezone: Europe/Berlin',
    ...systemsYaml(rng, sizes.systems),
    ...freezesYaml(rng, sizes.freezes, ids),
    ...incidentsYaml(rng, sizes.incidents, ids),
    ...projectsYaml(rng, sizes.projects, sizes.milestones, ids),
  ].join('\n') + '\n';
}

const hookZones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'Australia/Lord_Howe', 'America/Sao_Paulo', 'Asia/Kolkata'];

/**
 * The manifest of issue 14's hook measurements (see docs/benchmarks.md): the systems of
 * `makeSystems` (some with a `[…]` class pattern added), 20 freezes in 7 zones, 2 overrides, 5
 * incidents and 4 projects whose milestones are written in flow style, as in the README
 * (`- { id: beta, due: 2026-12-21 }`). About 140 bytes per system (276 KB at 2,000 systems).
 * With `includeEvery`, systems are split into included files of that many systems each, so that
 * every file stays under the parser's 5 MB limit (150,000 systems).
 */
export function makeHookManifest(systems: readonly SystemSpec[], seed: number, includeEvery = 0): { root: string; includes: Record<string, string> } {
  const rng = new Random(seed);
  const ids = systems.map((s) => s.id);
  const withClasses = systems.map((s, i) => (i % 25 === 7 ? { ...s, patterns: [...s.patterns, `${s.id.slice(4)}/[a-m]*.sql`] } : s));
  const freezes = ['freezes:'];
  for (let i = 0; i < 20; i++) {
    freezes.push(`  - id: freeze-${i}`, `    title: ${q('Freeze ' + i)}`);
    freezes.push(i % 6 === 5 ? `    systems: ["*"]` : `    systems: ${idList(rng.sample(ids, rng.between(1, 8)))}`);
    if (i % 2 === 0) {
      const day = isoDay(rng, 2026);
      freezes.push(`    start: ${q(day + 'T18:00:00')}`, `    end: ${q(day + 'T23:00:00')}`);
    } else {
      const [start, end] = rng.pick(schedules);
      freezes.push('    schedule:', `      start: ${q(start)}`, `      end: ${q(end)}`);
    }
    freezes.push(`    timezone: ${q(hookZones[i % hookZones.length])}`, `    enforcement: ${i % 3 === 0 ? 'warn' : 'block'}`);
  }
  const overrides = ['overrides:',
    '  - freeze: freeze-1', `    paths: [${q('**/*.md')}]`, '    reason: Docs may change', '    approvedBy: cab@example.com',
    '  - freeze: freeze-3', '    reason: Emergency fix (CHG-1)', '    approvedBy: cab@example.com', '    expires: 2026-12-31'];
  const incidents = ['incidents:'];
  for (let i = 0; i < 5; i++) {
    incidents.push(`  - id: INC-${i}`, `    title: ${q('Incident ' + i)}`, `    severity: sev${1 + (i % 4)}`,
      `    status: ${i < 3 ? 'investigating' : 'resolved'}`, `    systems: ${idList(rng.sample(ids, 2))}`, `    started: ${q('2026-06-0' + (i + 1) + 'T09:30:00Z')}`);
    if (i >= 3) incidents.push(`    resolved: ${q('2026-06-10T10:00:00Z')}`);
    if (i === 0) incidents.push('    freeze: warn');
  }
  const projects = ['projects:'];
  for (let i = 0; i < 4; i++) {
    projects.push(`  - id: proj-${i}`, `    title: ${q('Project ' + i)}`, `    systems: ${idList(rng.sample(ids, 3))}`, '    milestones:');
    for (let m = 0; m < 3; m++) projects.push(`      - { id: m-${i}-${m}, title: Milestone ${m}, due: ${isoDay(rng, 2026)}, status: ${m === 0 ? 'done' : 'in-progress'} }`);
  }
  const systemLines = systemsYaml(rng, withClasses);
  const includes: Record<string, string> = {};
  let rootSystems = systemLines;
  if (includeEvery > 0) {
    rootSystems = [];
    const body = systemLines.slice(1);
    // Each system starts at a line with two spaces of indent and a key.
    let chunk: string[] = [];
    let count = 0;
    const flush = (): void => {
      if (chunk.length === 0) return;
      includes[`ops/systems-${Object.keys(includes).length}.yaml`] = ['systems:', ...chunk].join('\n') + '\n';
      chunk = [];
      count = 0;
    };
    for (const line of body) {
      if (/^ {2}\S/.test(line)) {
        if (count === includeEvery) flush();
        count++;
      }
      chunk.push(line);
    }
    flush();
  }
  const root = [
    'version: 1',
    'timezone: Europe/Berlin',
    ...(includeEvery > 0 ? ['include:', ...Object.keys(includes).map((file) => `  - ${file}`)] : []),
    ...rootSystems,
    ...freezes, ...overrides, ...incidents, ...projects,
  ].join('\n') + '\n';
  return { root, includes };
}
