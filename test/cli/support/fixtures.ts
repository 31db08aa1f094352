// Manifests for the CLI tests. `calendarManifest` is read with `--at` at fixed instants;
// `alwaysManifest` has windows around any "now", for the git hooks (which read the clock).

/** At 2026-12-24T10:00Z: holiday (block, checkout) and docs-quiet (warn, docs) are active,
 *  web-freeze (block, web) starts 2026-12-28 (upcoming within 7 days), INC-7 is open on web. */
export const calendarManifest = `version: 1
timezone: UTC
systems:
  checkout:
    title: Checkout
    paths: [services/checkout/]
    owners: ["@pay"]
  web:
    title: Web
    paths: [web/]
    owners: ["@web"]
    dependsOn: [checkout]
  docs:
    title: Docs
    paths: [docs/, "*.md"]
  ledger:
    title: Ledger
    paths: [ledger/]
freezes:
  - id: holiday
    title: Holiday freeze
    reason: peak traffic
    systems: [checkout]
    start: 2026-12-20T00:00:00Z
    end: 2027-01-03T00:00:00Z
    enforcement: block
  - id: docs-quiet
    title: Docs quiet period
    systems: [docs]
    start: 2026-12-01T00:00:00Z
    end: 2027-01-31T00:00:00Z
    enforcement: warn
  - id: web-freeze
    title: Web release freeze
    systems: [web]
    start: 2026-12-28T00:00:00Z
    end: 2027-01-05T00:00:00Z
incidents:
  - id: INC-7
    title: Slow pages
    severity: sev2
    status: identified
    systems: [web]
    commander: "@carol"
    url: https://status.example.com/INC-7
projects:
  - id: v2
    title: Checkout v2
    owner: "@alice"
    systems: [checkout]
    milestones:
      - id: beta
        title: Beta launch
        due: 2026-12-27
        status: in-progress
`;

/** Instants for `calendarManifest`. */
export const during = '2026-12-24T10:00:00Z';
export const before = '2026-11-01T10:00:00Z';

export const alwaysManifest = `version: 1
systems:
  checkout:
    title: Checkout
    paths: [services/checkout/]
    owners: ["@pay"]
  docs:
    title: Docs
    paths: [docs/]
  free:
    title: Free
    paths: [free/]
freezes:
  - id: forever
    title: Forever freeze
    reason: tests need a freeze that is always on
    systems: [checkout]
    start: 2000-01-01T00:00:00Z
    end: 2100-01-01T00:00:00Z
    enforcement: block
  - id: quiet
    title: Quiet docs
    systems: [docs]
    start: 2000-01-01T00:00:00Z
    end: 2100-01-01T00:00:00Z
    enforcement: warn
`;

export const baseFiles: Record<string, string> = {
  'services/checkout/pay.ts': 'export {};\n',
  'web/index.ts': 'export {};\n',
  'docs/guide.md': '# Guide\n',
  'ledger/book.ts': 'export {};\n',
  'free/a.txt': 'a\n',
  '.github/CODEOWNERS': 'services/checkout/ @org/payments\n*.md @org/writers\n',
};
