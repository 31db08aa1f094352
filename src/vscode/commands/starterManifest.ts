/**
 * The commented starter `ops.yaml` that "Create Manifest" writes. A unit test parses it with the
 * core parser: it must stay valid and free of warnings.
 */
export const starterManifest = `# Change Radar manifest: what your repository's parts are, and what is happening to them.
# Reference: docs/manifest.md. Times without an offset are read in \`timezone\`.
version: 1
timezone: UTC

# Systems: parts of the repository that people care about as a unit.
systems:
  web:
    title: Web app
    paths: [src/]            # gitignore-style globs, relative to the repository root
    owners: ["@your-team"]   # who to tell about a change
    tier: 1
    # dependsOn: [api]       # a change to api impacts web too

# Change freezes: absolute windows or recurring cron schedules.
freezes: []
#  - id: year-end
#    title: Year-end freeze
#    reason: Peak traffic
#    systems: [web]          # or "*" for every system
#    start: 2026-12-20 00:00
#    end: 2027-01-04 00:00
#    enforcement: block      # block stops commits; warn only warns

# Approved exceptions to a freeze.
overrides: []
#  - freeze: year-end
#    paths: [src/hotfix/]
#    reason: Payment outage fix
#    approvedBy: "@cab"
#    expires: 2026-12-24 18:00

# Incidents in progress (a bot may keep these in an included file).
incidents: []
#  - id: INC-1
#    title: Checkout errors
#    severity: sev2          # sev1 (worst) .. sev4
#    status: investigating   # investigating, identified, monitoring, resolved
#    systems: [web]
#    started: 2026-11-25 09:30
#    commander: "@dana"
#    url: https://status.example.com/incidents/1

# Projects and their milestones.
projects: []
#  - id: redesign
#    title: Web redesign
#    goal: Raise conversion by 5%
#    owner: "@lee"
#    systems: [web]
#    milestones:
#      - id: beta
#        title: Public beta
#        due: 2027-02-01
#        status: in-progress
`;
