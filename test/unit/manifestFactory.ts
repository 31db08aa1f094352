// Builds `Manifest` objects for engine tests without going through the YAML parser: every field
// has a harmless default and each test spells out only what its rule is about.
import type {
  Freeze, Incident, Manifest, Milestone, Override, Project, SystemDef,
} from '../../src/core/model';
import type { SourceLocation } from '../../src/core/problem';
import { emptyRange } from '../../src/core/problem';

export const testSource: SourceLocation = { file: 'ops.yaml', range: emptyRange };

type Partial2<T, K extends keyof T> = Partial<T> & Pick<T, K>;

export function system(init: Partial2<SystemDef, 'id'>): SystemDef {
  return {
    title: init.id, paths: [], exclude: [], owners: [], dependsOn: [], source: testSource, ...init,
  };
}

export function freeze(init: Partial2<Freeze, 'id'>): Freeze {
  return {
    title: init.id, systems: [], tiers: [], timezone: 'UTC', exempt: [], enforcement: 'block',
    source: testSource, ...init,
  };
}

export function override(init: Partial2<Override, 'freeze'>): Override {
  return { paths: [], reason: 'approved exception', approvedBy: 'cab', source: testSource, ...init };
}

export function incident(init: Partial2<Incident, 'id'>): Incident {
  return {
    title: init.id, severity: 'sev2', status: 'investigating', systems: [], source: testSource, ...init,
  };
}

export function milestone(init: Partial2<Milestone, 'id'>): Milestone {
  return { title: init.id, status: 'in-progress', systems: [], source: testSource, ...init };
}

export function project(init: Partial2<Project, 'id'>): Project {
  return { title: init.id, systems: [], milestones: [], source: testSource, ...init };
}

export function manifest(init: Partial<Manifest> = {}): Manifest {
  return {
    version: 1, timezone: 'UTC', systems: [], freezes: [], overrides: [], incidents: [], projects: [],
    hooks: { strict: false }, files: ['ops.yaml'], ...init,
  };
}

/** Epoch ms of an ISO-8601 instant, so tests read as dates. */
export function ms(iso: string): number {
  const value = Date.parse(iso);
  if (Number.isNaN(value)) {
    throw new Error(`bad test instant ${iso}`);
  }
  return value;
}

export const hour = 3_600_000;
export const day = 24 * hour;
