// A small manifest parsed and compiled by the real core, for the view-model tests.
import { compileModel } from '../../src/core/evaluate/engine';
import type { ChangeModel } from '../../src/core/evaluate/engine';
import { parseManifest } from '../../src/core/manifest/manifestParser';
import { acmeSystems, manifestYaml } from '../fixtures/acmeManifest';

export const fixtureYaml = manifestYaml({
  systems: acmeSystems(['checkout', 'ledger', 'web'], { tiers: { checkout: 1 } }),
  freezes: `  - id: holiday
    title: Holiday freeze
    reason: Peak traffic
    systems: [checkout]
    start: 2026-12-01 00:00
    end: 2026-12-10 00:00
    enforcement: block
  - id: audit
    title: Audit window
    systems: [web]
    start: 2026-12-07 09:00
    end: 2026-12-08 09:00
    enforcement: warn
`,
  incidents: `  - id: INC-1
    title: Ledger writes are slow
    severity: sev1
    status: investigating
    systems: [ledger]
    started: 2026-12-05 10:00
    commander: "@dana"
    url: https://status.example.com/INC-1
  - id: INC-2
    title: "Web *banner* broken"
    severity: sev3
    status: identified
    systems: [web]
    started: 2026-12-05 11:00
    url: "javascript:alert(1)"
  - id: INC-3
    title: Old outage
    severity: sev2
    status: resolved
    systems: [web]
    started: 2026-11-01 10:00
    resolved: 2026-11-01 12:00
`,
  projects: `  - id: checkout-v2
    title: Checkout v2
    goal: Faster checkout
    owner: "@dana"
    systems: [checkout]
    milestones:
      - id: ga
        title: General availability
        due: 2026-12-20
      - id: beta
        title: Public beta
        due: 2026-12-08
      - id: design
        title: Design
        due: 2026-11-01
        status: done
      - id: late
        title: Late spec
        due: 2026-12-01
        status: planned
`,
});

/** 2026-12-05 12:00 Berlin: holiday active, audit upcoming, INC-1 two hours old, INC-2 one hour old. */
export const fixtureNow = Date.parse('2026-12-05T11:00:00Z');

export function fixtureModel(yaml = fixtureYaml): ChangeModel {
  const { manifest, problems } = parseManifest('ops.yaml', (file) => (file === 'ops.yaml' ? yaml : undefined));
  if (!manifest) {
    throw new Error(`fixture manifest invalid: ${problems.map((p) => p.message).join('; ')}`);
  }
  return compileModel(manifest);
}
