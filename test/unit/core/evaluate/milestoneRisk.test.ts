import * as assert from 'node:assert';
import { milestoneRisks } from '../../../../src/core/evaluate/milestoneRisk';
import type { Manifest, Milestone, Project } from '../../../../src/core/model';
import {
  day, freeze, incident, manifest, milestone, ms, project, system,
} from '../../manifestFactory';

const at = ms('2026-12-10T12:00:00Z');

function withMilestone(m: Partial<Milestone> & { id: string }, init: Partial<Manifest> = {}, p: Partial<Project> = {}) {
  return manifest({
    systems: [system({ id: 'checkout', tier: '1' }), system({ id: 'ledger', tier: '2' })],
    projects: [project({ id: 'v2', owner: '@pat', systems: ['checkout'], milestones: [milestone(m)], ...p })],
    ...init,
  });
}

function kinds(m: Manifest, when = at): string[][] {
  return milestoneRisks(m, when).map((report) => report.risks.map((risk) => risk.kind));
}

describe('milestoneRisks', () => {
  describe('overdue', () => {
    it('flags a milestone past its due instant', () => {
      const m = withMilestone({ id: 'beta', due: at - 1 });
      assert.deepStrictEqual(kinds(m), [['overdue']]);
    });

    it('does not flag a milestone due exactly now', () => {
      assert.deepStrictEqual(kinds(withMilestone({ id: 'beta', due: at })), []);
    });

    it('never flags a done milestone, whatever applies', () => {
      const m = withMilestone({ id: 'beta', due: at - day, status: 'done' }, {
        incidents: [incident({ id: 'inc', systems: ['checkout'], commander: '@pat' })],
      });
      assert.deepStrictEqual(kinds(m), []);
    });

    it('reports the milestone with its fields and a readable message', () => {
      const m = withMilestone({ id: 'beta', title: 'Beta', due: ms('2026-12-01T23:59:59.999Z') });
      const [report] = milestoneRisks(m, at);
      assert.deepStrictEqual({ ...report, source: undefined }, {
        project: 'v2', id: 'beta', title: 'Beta', due: '2026-12-01T23:59:59.999Z', status: 'in-progress',
        owner: '@pat', systems: ['checkout'], source: undefined,
        risks: [{ kind: 'overdue', message: 'overdue: was due 2026-12-01 23:59 UTC' }],
      });
    });
  });

  describe('freeze', () => {
    const holiday = freeze({ id: 'holiday', systems: ['checkout'], start: ms('2026-12-15T00:00:00Z'), end: ms('2027-01-03T00:00:00Z') });

    it('flags a due date inside an upcoming freeze', () => {
      const m = withMilestone({ id: 'beta', due: ms('2026-12-24T00:00:00Z') }, { freezes: [holiday] });
      const [report] = milestoneRisks(m, at);
      assert.deepStrictEqual(report.risks, [{
        kind: 'freeze', ref: 'holiday',
        message: 'due inside freeze holiday (2026-12-15 00:00 UTC – 2027-01-03 00:00 UTC)',
      }]);
    });

    it('flags a due date inside an active freeze', () => {
      const m = withMilestone({ id: 'beta', due: ms('2026-12-24T00:00:00Z') }, { freezes: [holiday] });
      assert.deepStrictEqual(kinds(m, ms('2026-12-20T00:00:00Z')), [['freeze']]);
    });

    it('flags a freeze weeks ahead, while the plan can still move', () => {
      const m = withMilestone({ id: 'beta', due: ms('2026-12-24T00:00:00Z') }, { freezes: [holiday] });
      assert.deepStrictEqual(kinds(m, ms('2026-11-01T00:00:00Z')), [['freeze']]);
    });

    it('ignores a window that is over (an overdue milestone due inside a past freeze)', () => {
      const m = withMilestone({ id: 'beta', due: ms('2026-12-24T00:00:00Z') }, { freezes: [holiday] });
      assert.deepStrictEqual(kinds(m, ms('2027-01-05T00:00:00Z')), [['overdue']]);
    });

    it('flags the recurring window the due date falls in, months ahead', () => {
      const weekend = freeze({ id: 'weekend', systems: ['checkout'], schedule: { start: '0 17 * * 5', end: '0 8 * * 1' } });
      const m = withMilestone({ id: 'beta', due: ms('2027-03-06T12:00:00Z') }, { freezes: [weekend] });
      assert.deepStrictEqual(milestoneRisks(m, at)[0].risks, [{
        kind: 'freeze', ref: 'weekend',
        message: 'due inside freeze weekend (2027-03-05 17:00 UTC – 2027-03-08 08:00 UTC)',
      }]);
    });

    it('ignores a due date outside the window (end exclusive)', () => {
      const m = withMilestone({ id: 'beta', due: ms('2027-01-03T00:00:00Z') }, { freezes: [holiday] });
      assert.deepStrictEqual(kinds(m), []);
    });

    it('ignores a freeze on other systems', () => {
      const other = { ...holiday, systems: ['ledger'] };
      const m = withMilestone({ id: 'beta', due: ms('2026-12-24T00:00:00Z') }, { freezes: [other] });
      assert.deepStrictEqual(kinds(m), []);
    });

    it('counts a "*" freeze and a tier freeze', () => {
      const star = { ...holiday, id: 'all', systems: ['*'] };
      const tier = { ...holiday, id: 'tier1', systems: [], tiers: ['1'] };
      const m = withMilestone({ id: 'beta', due: ms('2026-12-24T00:00:00Z') }, { freezes: [star, tier] });
      assert.deepStrictEqual(milestoneRisks(m, at)[0].risks.map((r) => r.ref), ['all', 'tier1']);
    });

    it("uses the milestone's own systems over the project's", () => {
      const m = withMilestone({ id: 'beta', systems: ['ledger'], due: ms('2026-12-24T00:00:00Z') }, { freezes: [holiday] });
      assert.deepStrictEqual(kinds(m), []);
    });

    it('checks the next recurring window as well as the current one', () => {
      const weekend = freeze({ id: 'weekend', systems: ['checkout'], schedule: { start: '0 17 * * 5', end: '0 8 * * 1' } });
      // At Saturday 2026-12-12 the current window ends Monday; the due date is in next weekend's window.
      const m = withMilestone({ id: 'beta', due: ms('2026-12-19T12:00:00Z') }, { freezes: [weekend] });
      assert.deepStrictEqual(kinds(m, ms('2026-12-12T12:00:00Z')), [['freeze']]);
    });
  });

  describe('incident', () => {
    it('flags an active incident on the milestone systems', () => {
      const m = withMilestone({ id: 'beta' }, { incidents: [incident({ id: 'inc-7', severity: 'sev1', title: 'Ledger down', systems: ['checkout'] })] });
      assert.deepStrictEqual(milestoneRisks(m, at)[0].risks, [
        { kind: 'incident', ref: 'inc-7', message: 'active sev1 incident inc-7 on its systems: Ledger down' },
      ]);
    });

    it('ignores a resolved incident', () => {
      const m = withMilestone({ id: 'beta' }, { incidents: [incident({ id: 'inc', status: 'resolved', systems: ['checkout'] })] });
      assert.deepStrictEqual(kinds(m), []);
    });

    it('ignores an incident on other systems', () => {
      const m = withMilestone({ id: 'beta' }, { incidents: [incident({ id: 'inc', systems: ['ledger'] })] });
      assert.deepStrictEqual(kinds(m), []);
    });

    it('lists several incidents worst severity first', () => {
      const m = withMilestone({ id: 'beta' }, {
        incidents: [
          incident({ id: 'minor', severity: 'sev3', systems: ['checkout'] }),
          incident({ id: 'major', severity: 'sev1', systems: ['checkout'] }),
        ],
      });
      assert.deepStrictEqual(milestoneRisks(m, at)[0].risks.map((r) => r.ref), ['major', 'minor']);
    });
  });

  describe('owner-conflict', () => {
    it("flags the milestone owner commanding an active incident anywhere", () => {
      const m = withMilestone({ id: 'beta', owner: '@sam' }, { incidents: [incident({ id: 'inc', systems: ['ledger'], commander: '@sam' })] });
      assert.deepStrictEqual(milestoneRisks(m, at)[0].risks, [
        { kind: 'owner-conflict', ref: 'inc', message: 'owner @sam is commanding sev2 incident inc' },
      ]);
    });

    it("falls back to the project owner, matching without '@' and case", () => {
      const m = withMilestone({ id: 'beta' }, { incidents: [incident({ id: 'inc', systems: ['ledger'], commander: 'Pat' })] });
      assert.deepStrictEqual(kinds(m), [['owner-conflict']]);
    });

    it('ignores a resolved incident commanded by the owner', () => {
      const m = withMilestone({ id: 'beta' }, { incidents: [incident({ id: 'inc', status: 'resolved', systems: ['ledger'], commander: '@pat' })] });
      assert.deepStrictEqual(kinds(m), []);
    });

    it('ignores a milestone with no owner at all', () => {
      const m = withMilestone({ id: 'beta' }, { incidents: [incident({ id: 'inc', systems: ['ledger'], commander: '@pat' })] }, { owner: undefined });
      assert.deepStrictEqual(kinds(m), []);
    });
  });

  describe('not-started', () => {
    it('flags a planned milestone due within 7 days', () => {
      const m = withMilestone({ id: 'beta', status: 'planned', due: at + 7 * day });
      assert.deepStrictEqual(milestoneRisks(m, at)[0].risks, [
        { kind: 'not-started', message: 'due 2026-12-17 12:00 UTC and not started (still planned)' },
      ]);
    });

    it('ignores a planned milestone due later than 7 days', () => {
      assert.deepStrictEqual(kinds(withMilestone({ id: 'beta', status: 'planned', due: at + 7 * day + 1 })), []);
    });

    it('ignores a started milestone due soon', () => {
      assert.deepStrictEqual(kinds(withMilestone({ id: 'beta', status: 'in-progress', due: at + day })), []);
    });

    it('reports only overdue for a planned milestone past due', () => {
      assert.deepStrictEqual(kinds(withMilestone({ id: 'beta', status: 'planned', due: at - day })), [['overdue']]);
    });
  });

  describe('combination and order', () => {
    it('lists every reason that applies, in the fixed order', () => {
      const m = withMilestone({ id: 'beta', status: 'planned', due: ms('2026-12-16T00:00:00Z') }, {
        freezes: [freeze({ id: 'holiday', systems: ['*'], start: ms('2026-12-15T00:00:00Z'), end: ms('2027-01-03T00:00:00Z') })],
        incidents: [incident({ id: 'inc', systems: ['checkout'], commander: '@pat' })],
      });
      assert.deepStrictEqual(kinds(m), [['freeze', 'owner-conflict', 'not-started']]);
    });

    it('says an incident on its systems that its owner commands once, as the owner conflict', () => {
      const m = withMilestone({ id: 'beta', status: 'in-progress', due: ms('2026-12-16T00:00:00Z') }, {
        incidents: [incident({ id: 'INC-9', title: 'Ledger down', severity: 'sev1', systems: ['checkout'], commander: '@pat', freeze: 'block' })],
      });
      const risks = milestoneRisks(m, at)[0]?.risks ?? [];
      assert.deepStrictEqual(risks.map((r) => [r.kind, r.ref]), [['owner-conflict', 'INC-9']]);
      assert.match(risks[0]?.message ?? '', /is commanding sev1 incident INC-9 on its systems: Ledger down$/);
    });

    it('orders milestones by due date, undated last, then manifest order', () => {
      const inc = incident({ id: 'inc', systems: ['checkout'] });
      const m = manifest({
        systems: [system({ id: 'checkout' })],
        incidents: [inc],
        projects: [
          project({ id: 'p1', systems: ['checkout'], milestones: [milestone({ id: 'undated' }), milestone({ id: 'late', due: at + 20 * day })] }),
          project({ id: 'p2', systems: ['checkout'], milestones: [milestone({ id: 'early', due: at + 2 * day }), milestone({ id: 'undated2' })] }),
        ],
      });
      assert.deepStrictEqual(milestoneRisks(m, at).map((r) => r.id), ['early', 'late', 'undated', 'undated2']);
    });
  });
});
