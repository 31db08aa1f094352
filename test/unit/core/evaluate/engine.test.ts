import * as assert from 'node:assert';
import { parseCodeowners } from '../../../../src/core/paths/codeowners';
import { analyzeChange, compileModel, explainPath, statusReport } from '../../../../src/core/evaluate/engine';
import { FreezeEvaluation } from '../../../../src/core/evaluate/freezeEvaluator';
import type { AnalyzeOptions } from '../../../../src/core/evaluate/engine';
import type { Freeze, Manifest } from '../../../../src/core/model';
import type { FreezeReport } from '../../../../src/core/evaluate/report';
import {
  day, freeze, hour, incident, manifest, milestone, ms, override, project, system,
} from '../../manifestFactory';

const at = ms('2026-12-21T12:00:00Z');

const systems = [
  system({ id: 'checkout', paths: ['services/checkout/'], owners: ['@team-checkout'], tier: '1' }),
  system({ id: 'cart', paths: ['services/cart/'], owners: ['@team-cart'], tier: '2', dependsOn: ['checkout'] }),
  system({ id: 'web', paths: ['web/'], owners: ['@team-web'], tier: '3', dependsOn: ['cart'] }),
  system({ id: 'ledger', paths: ['services/ledger/'], owners: ['@team-ledger'], tier: '1' }),
  system({ id: 'shared', paths: ['services/*/lib/'], owners: ['@team-platform', '@team-checkout'] }),
];

/** An absolute freeze active at `at`. */
function activeFreeze(init: Partial<Freeze> & { id: string }): Freeze {
  return freeze({ start: ms('2026-12-20T00:00:00Z'), end: ms('2027-01-03T00:00:00Z'), ...init });
}

function analyze(init: Partial<Manifest>, paths: string[], options: AnalyzeOptions = {}, when = at) {
  return analyzeChange(compileModel(manifest({ systems, ...init })), paths, when, options);
}

/** The fields of a freeze report a rule is about. */
function effectOf(report: FreezeReport | undefined) {
  return report && { id: report.id, active: report.active, effect: report.effect, files: report.files, overridden: report.overridden };
}

describe('engine', () => {
  describe('compileModel', () => {
    it('systemsOf returns each system with the pattern that matched, in manifest order', () => {
      const model = compileModel(manifest({ systems }));
      assert.deepStrictEqual(model.systemsOf('services/checkout/lib/a.ts'), [
        { system: 'checkout', pattern: 'services/checkout/' },
        { system: 'shared', pattern: 'services/*/lib/' },
      ]);
      assert.deepStrictEqual(model.systemsOf('README.md'), []);
    });
  });

  describe('freeze windows for a change', () => {
    it('an evaluation scoped to some systems lists exactly the targets covering them, in the same order and timing', () => {
      const model = compileModel(manifest({
        systems,
        freezes: [
          activeFreeze({ id: 'all', systems: ['*'] }),
          activeFreeze({ id: 'checkout-now', systems: ['checkout'] }),
          freeze({ id: 'later', systems: ['ledger'], start: at + 2 * day, end: at + 3 * day }),
          freeze({ id: 'tier-1-soon', tiers: ['1'], start: at + day, end: at + 2 * day }),
          freeze({ id: 'weekly', systems: ['web'], schedule: { start: '0 18 * * 5', end: '0 6 * * 1' }, timezone: 'Europe/Berlin' }),
          freeze({ id: 'broken', systems: ['cart'], invalid: { severity: 'error', code: 'x', message: 'x', file: 'ops.yaml', range: { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } } } }),
        ],
        incidents: [incident({ id: 'inc', systems: ['cart'], status: 'investigating', freeze: 'warn' })],
      }));
      const full = FreezeEvaluation.at(model, at, 7 * day);
      for (const scope of [[], ['checkout'], ['cart', 'web'], ['ledger'], ['nothing'], systems.map((s) => s.id)]) {
        const scoped = FreezeEvaluation.at(model, at, 7 * day, scope);
        const expected = full.targets.filter((timed) => scope.some((id) => timed.target.covers(id)));
        assert.deepStrictEqual(scoped.targets.map((t) => [t.target.id, t.timing]), expected.map((t) => [t.target.id, t.timing]), scope.join());
      }
    });
  });

  describe('analyzeChange: files, systems, owners', () => {
    it('reports each file with its systems, matches and owners; unique and sorted', () => {
      const report = analyze({}, ['web/b.ts', 'README.md', 'web/b.ts', 'services/checkout/lib/a.ts']);
      assert.deepStrictEqual(report.files.map((f) => [f.path, f.systems, f.owners]), [
        ['README.md', [], []],
        ['services/checkout/lib/a.ts', ['checkout', 'shared'], ['@team-checkout', '@team-platform']],
        ['web/b.ts', ['web'], ['@team-web']],
      ]);
    });

    it('lists touched systems first, then impacted ones with their chains', () => {
      const report = analyze({}, ['services/checkout/a.ts']);
      assert.deepStrictEqual(report.systems.map((s) => [s.id, s.touched, s.via]), [
        ['checkout', true, []],
        ['cart', false, ['checkout', 'cart']],
        ['web', false, ['checkout', 'cart', 'web']],
      ]);
    });

    it('orders touched systems by manifest order, not file order', () => {
      const report = analyze({}, ['services/ledger/x', 'services/checkout/x']);
      assert.deepStrictEqual(report.systems.filter((s) => s.touched).map((s) => s.id), ['checkout', 'ledger']);
    });

    it('does not report a system touched by another file as impacted', () => {
      const report = analyze({}, ['services/checkout/a', 'services/cart/a']);
      assert.deepStrictEqual(report.systems.map((s) => [s.id, s.touched]), [['checkout', true], ['cart', true], ['web', false]]);
    });

    it('owners: touched system owners, then CODEOWNERS owners, deduplicated', () => {
      const { codeowners } = parseCodeowners('* @fallback\nservices/checkout/ @alice @team-checkout\n', 'CODEOWNERS');
      const model = compileModel(manifest({ systems }), { codeowners });
      const report = analyzeChange(model, ['services/checkout/a.ts', 'web/x.ts'], at);
      assert.deepStrictEqual(report.owners, ['@team-checkout', '@team-web', '@alice', '@fallback']);
      assert.deepStrictEqual(report.files.map((f) => [f.owners, f.codeowners, f.codeownersLine]), [
        [['@team-checkout', '@alice'], ['@alice', '@team-checkout'], 2],
        [['@team-web', '@fallback'], ['@fallback'], 1],
      ]);
    });

    it('an empty change set blocks nothing and reports nothing', () => {
      const report = analyze({ freezes: [activeFreeze({ id: 'f', systems: ['*'] })] }, []);
      assert.deepStrictEqual(report, {
        at: '2026-12-21T12:00:00.000Z', blocked: false, files: [], systems: [], freezes: [], incidents: [], milestones: [], owners: [],
      });
    });
  });

  describe('analyzeChange: freeze enforcement', () => {
    it('a block freeze on a touched system blocks the change', () => {
      const report = analyze({ freezes: [activeFreeze({ id: 'f', systems: ['checkout'] })] }, ['services/checkout/a.ts', 'README.md']);
      assert.strictEqual(report.blocked, true);
      assert.deepStrictEqual(effectOf(report.freezes[0]), { id: 'f', active: true, effect: 'block', files: ['services/checkout/a.ts'], overridden: false });
      assert.deepStrictEqual(report.freezes[0].systems, ['checkout']);
    });

    it('reports the freeze window, zone, kind and source', () => {
      const f = activeFreeze({ id: 'f', title: 'Holidays', reason: 'peak', systems: ['checkout'], timezone: 'Europe/Berlin' });
      const [report] = analyze({ freezes: [f] }, ['services/checkout/a.ts']).freezes;
      assert.deepStrictEqual({ ...report, overrides: undefined }, {
        id: 'f', title: 'Holidays', reason: 'peak', kind: 'freeze', enforcement: 'block', active: true,
        start: '2026-12-20T00:00:00.000Z', end: '2027-01-03T00:00:00.000Z', timezone: 'Europe/Berlin',
        systems: ['checkout'], files: ['services/checkout/a.ts'], overridden: false, overrides: undefined,
        effect: 'block', source: f.source,
      });
    });

    it('a warn freeze on a touched system warns without blocking', () => {
      const report = analyze({ freezes: [activeFreeze({ id: 'f', systems: ['checkout'], enforcement: 'warn' })] }, ['services/checkout/a.ts']);
      assert.strictEqual(report.blocked, false);
      assert.strictEqual(report.freezes[0].effect, 'warn');
    });

    it('a block freeze on an impacted-only system only warns', () => {
      const report = analyze({ freezes: [activeFreeze({ id: 'f', systems: ['web'] })] }, ['services/checkout/a.ts']);
      assert.strictEqual(report.blocked, false);
      assert.deepStrictEqual(effectOf(report.freezes[0]), { id: 'f', active: true, effect: 'warn', files: [], overridden: false });
      assert.deepStrictEqual(report.freezes[0].systems, ['web']);
    });

    it('a freeze on systems outside the change is not reported', () => {
      const report = analyze({ freezes: [activeFreeze({ id: 'f', systems: ['ledger'] })] }, ['services/checkout/a.ts']);
      assert.deepStrictEqual(report.freezes, []);
    });

    it("'*' covers every system of the change", () => {
      const report = analyze({ freezes: [activeFreeze({ id: 'f', systems: ['*'] })] }, ['services/cart/a.ts']);
      assert.deepStrictEqual(report.freezes[0].systems, ['cart', 'web']);
      assert.strictEqual(report.freezes[0].effect, 'block');
    });

    it('tiers cover systems of that tier', () => {
      const report = analyze({ freezes: [activeFreeze({ id: 'f', tiers: ['1'] })] }, ['services/ledger/a.ts', 'web/a.ts']);
      assert.deepStrictEqual(report.freezes[0].systems, ['ledger']);
      assert.deepStrictEqual(report.freezes[0].files, ['services/ledger/a.ts']);
    });

    it('an inactive freeze beyond the horizon is not reported', () => {
      const later = freeze({ id: 'f', systems: ['*'], start: at + 8 * day, end: at + 9 * day });
      assert.deepStrictEqual(analyze({ freezes: [later] }, ['services/checkout/a.ts']).freezes, []);
    });

    it('an upcoming freeze within the horizon is reported inactive with effect none', () => {
      const soon = freeze({ id: 'f', systems: ['*'], start: at + 2 * day, end: at + 3 * day });
      const report = analyze({ freezes: [soon] }, ['services/checkout/a.ts']);
      assert.strictEqual(report.blocked, false);
      assert.deepStrictEqual(effectOf(report.freezes[0]), { id: 'f', active: false, effect: 'none', files: ['services/checkout/a.ts'], overridden: false });
      assert.deepStrictEqual([report.freezes[0].start, report.freezes[0].end], ['2026-12-23T12:00:00.000Z', '2026-12-24T12:00:00.000Z']);
    });

    it('honours a custom horizon', () => {
      const soon = freeze({ id: 'f', systems: ['*'], start: at + 2 * day, end: at + 3 * day });
      assert.deepStrictEqual(analyze({ freezes: [soon] }, ['services/checkout/a.ts'], { horizonMs: day }).freezes, []);
    });

    it('reports a recurring freeze active now with its current window', () => {
      const nightly = freeze({ id: 'nightly', systems: ['checkout'], schedule: { start: '0 22 * * *', end: '0 6 * * *' } });
      const report = analyze({ freezes: [nightly] }, ['services/checkout/a.ts'], {}, ms('2026-12-21T23:00:00Z'));
      assert.deepStrictEqual([report.freezes[0].start, report.freezes[0].end, report.freezes[0].effect],
        ['2026-12-21T22:00:00.000Z', '2026-12-22T06:00:00.000Z', 'block']);
    });

    it('reports a holiday freeze across the year boundary as upcoming in mid-December', () => {
      const holidays = freeze({ id: 'h', systems: ['*'], schedule: { start: '0 0 20 12 *', end: '0 0 3 1 *' }, timezone: 'Europe/Berlin' });
      const [report] = analyze({ freezes: [holidays] }, ['services/checkout/a.ts'], {}, ms('2026-12-15T00:00:00Z')).freezes;
      assert.deepStrictEqual([report.active, report.start, report.end, report.effect],
        [false, '2026-12-19T23:00:00.000Z', '2027-01-02T23:00:00.000Z', 'none']);
    });

    it('lists active freezes first, then upcoming ones by start', () => {
      const report = analyze({
        freezes: [
          freeze({ id: 'later', systems: ['*'], start: at + 3 * day, end: at + 4 * day }),
          freeze({ id: 'sooner', systems: ['*'], start: at + day, end: at + 4 * day }),
          activeFreeze({ id: 'now', systems: ['*'] }),
        ],
      }, ['services/checkout/a.ts']);
      assert.deepStrictEqual(report.freezes.map((f) => f.id), ['now', 'sooner', 'later']);
    });
  });

  describe('analyzeChange: exempt', () => {
    const f = activeFreeze({ id: 'f', systems: ['checkout', 'web'], exempt: ['*.md'] });

    it('takes exempt files out of the freeze', () => {
      const report = analyze({ freezes: [f] }, ['services/checkout/README.md']);
      assert.deepStrictEqual(effectOf(report.freezes[0]), { id: 'f', active: true, effect: 'none', files: [], overridden: false });
      assert.strictEqual(report.blocked, false);
    });

    it('still blocks the files that are not exempt', () => {
      const report = analyze({ freezes: [f] }, ['services/checkout/README.md', 'services/checkout/a.ts']);
      assert.deepStrictEqual(report.freezes[0].files, ['services/checkout/a.ts']);
      assert.strictEqual(report.blocked, true);
    });

    it('exempt files do not make dependents impacted for that freeze', () => {
      const webOnly = activeFreeze({ id: 'f', systems: ['web'], exempt: ['*.md'] });
      const report = analyze({ freezes: [webOnly] }, ['services/checkout/README.md']);
      assert.strictEqual(report.freezes[0].effect, 'none');
    });
  });

  describe('analyzeChange: overrides', () => {
    const f = activeFreeze({ id: 'f', systems: ['checkout'] });
    const paths = ['services/checkout/a.ts', 'services/checkout/b.ts'];

    it('an unexpired override lets the files through and is reported', () => {
      const o = override({ freeze: 'f', reason: 'hotfix', approvedBy: '@cab', expires: at + 1, expiresText: 'x' });
      const report = analyze({ freezes: [f], overrides: [o] }, paths);
      assert.strictEqual(report.blocked, false);
      assert.deepStrictEqual(effectOf(report.freezes[0]), { id: 'f', active: true, effect: 'none', files: paths, overridden: true });
      assert.deepStrictEqual(report.freezes[0].overrides, [
        { reason: 'hotfix', approvedBy: '@cab', expires: '2026-12-21T12:00:00.001Z', files: paths, origin: 'manifest' },
      ]);
    });

    it('an override expiring exactly now has expired', () => {
      const o = override({ freeze: 'f', expires: at });
      const report = analyze({ freezes: [f], overrides: [o] }, paths);
      assert.strictEqual(report.blocked, true);
      assert.deepStrictEqual(report.freezes[0].overrides, []);
    });

    it('an override without expiry never expires', () => {
      const report = analyze({ freezes: [f], overrides: [override({ freeze: 'f' })] }, paths);
      assert.strictEqual(report.blocked, false);
    });

    it('an override with paths lets only those files through', () => {
      const o = override({ freeze: 'f', paths: ['**/a.ts'] });
      const report = analyze({ freezes: [f], overrides: [o] }, paths);
      assert.strictEqual(report.blocked, true);
      assert.deepStrictEqual(report.freezes[0].overrides.map((u) => u.files), [['services/checkout/a.ts']]);
      assert.strictEqual(report.freezes[0].overridden, true);
    });

    it('an override of another freeze does not apply', () => {
      const report = analyze({ freezes: [f], overrides: [override({ freeze: 'other' })] }, paths);
      assert.strictEqual(report.blocked, true);
      assert.strictEqual(report.freezes[0].overridden, false);
    });

    it('an override does not silence the warning for an impacted system', () => {
      const both = activeFreeze({ id: 'f', systems: ['checkout', 'web'] });
      const report = analyze({ freezes: [both], overrides: [override({ freeze: 'f' })] }, paths);
      assert.strictEqual(report.freezes[0].effect, 'warn');
    });
  });

  describe('analyzeChange: Freeze-Override trailer', () => {
    const f = activeFreeze({ id: 'f', systems: ['checkout'] });

    it('overrides a block, reported with origin trailer, leaving a warning', () => {
      const report = analyze({ freezes: [f] }, ['services/checkout/a.ts'], { trailerOverride: { reason: 'SEV1 fix' } });
      assert.strictEqual(report.blocked, false);
      assert.deepStrictEqual(effectOf(report.freezes[0]), { id: 'f', active: true, effect: 'warn', files: ['services/checkout/a.ts'], overridden: true });
      assert.deepStrictEqual(report.freezes[0].overrides, [
        { reason: 'SEV1 fix', approvedBy: 'commit trailer', files: ['services/checkout/a.ts'], origin: 'trailer' },
      ]);
    });

    it('covers only the files no manifest override let through', () => {
      const o = override({ freeze: 'f', paths: ['**/a.ts'] });
      const report = analyze({ freezes: [f], overrides: [o] }, ['services/checkout/a.ts', 'services/checkout/b.ts'],
        { trailerOverride: { reason: 'fix', approvedBy: '@dev' } });
      assert.deepStrictEqual(report.freezes[0].overrides.map((u) => [u.origin, u.files, u.approvedBy]), [
        ['manifest', ['services/checkout/a.ts'], 'cab'],
        ['trailer', ['services/checkout/b.ts'], '@dev'],
      ]);
    });

    it('is not used by a warn freeze', () => {
      const warn = activeFreeze({ id: 'f', systems: ['checkout'], enforcement: 'warn' });
      const report = analyze({ freezes: [warn] }, ['services/checkout/a.ts'], { trailerOverride: { reason: 'fix' } });
      assert.deepStrictEqual(report.freezes[0].overrides, []);
      assert.strictEqual(report.freezes[0].effect, 'warn');
    });
  });

  describe('analyzeChange: incidents', () => {
    it('an active incident with freeze: block acts as a block freeze on its systems', () => {
      const inc = incident({ id: 'inc-1', title: 'Payments down', severity: 'sev1', systems: ['checkout'], freeze: 'block', started: ms('2026-12-21T10:00:00Z') });
      const report = analyze({ incidents: [inc] }, ['services/checkout/a.ts']);
      assert.strictEqual(report.blocked, true);
      assert.deepStrictEqual(
        [report.freezes[0].kind, report.freezes[0].id, report.freezes[0].effect, report.freezes[0].start, report.freezes[0].end],
        ['incident', 'inc-1', 'block', '2026-12-21T10:00:00.000Z', undefined],
      );
    });

    it('an override never lets files through an incident freeze, even one naming a freeze with the same id', () => {
      const inc = incident({ id: 'x', systems: ['checkout'], freeze: 'block' });
      const sameId = activeFreeze({ id: 'x', systems: ['checkout'] });
      const report = analyze({ freezes: [sameId], incidents: [inc], overrides: [override({ freeze: 'x' })] }, ['services/checkout/a.ts']);
      assert.deepStrictEqual(report.freezes.map((f) => [f.kind, f.overridden, f.effect]), [['freeze', true, 'none'], ['incident', false, 'block']]);
      assert.strictEqual(report.blocked, true);
    });

    it('a trailer lets files through an incident freeze only when it names the incident', () => {
      const inc = incident({ id: 'INC-7', systems: ['checkout'], freeze: 'block' });
      const plain = analyze({ incidents: [inc] }, ['services/checkout/a.ts'], { trailerOverride: { reason: 'hotfix, approved by @oncall' } });
      assert.deepStrictEqual([plain.blocked, plain.freezes[0].effect], [true, 'block']);
      const prefix = analyze({ incidents: [inc] }, ['services/checkout/a.ts'], { trailerOverride: { reason: 'hotfix for INC-70' } });
      assert.strictEqual(prefix.blocked, true);
      // Ids are case-sensitive: `inc-7` does not name `INC-7`.
      const otherCase = analyze({ incidents: [inc] }, ['services/checkout/a.ts'], { trailerOverride: { reason: 'hotfix for inc-7, approved by @oncall' } });
      assert.deepStrictEqual([otherCase.blocked, otherCase.freezes[0].effect], [true, 'block']);
      const named = analyze({ incidents: [inc] }, ['services/checkout/a.ts'], { trailerOverride: { reason: 'hotfix for INC-7, approved by @oncall' } });
      assert.deepStrictEqual([named.blocked, named.freezes[0].effect, named.freezes[0].overrides.map((o) => o.origin)], [false, 'warn', ['trailer']]);
    });

    it('a resolved incident does not freeze and is not reported', () => {
      const inc = incident({ id: 'inc-1', status: 'resolved', systems: ['checkout'], freeze: 'block' });
      const report = analyze({ incidents: [inc] }, ['services/checkout/a.ts']);
      assert.deepStrictEqual([report.blocked, report.freezes, report.incidents], [false, [], []]);
    });

    it('an incident freeze on an impacted system only warns', () => {
      const inc = incident({ id: 'inc-1', systems: ['web'], freeze: 'block' });
      const report = analyze({ incidents: [inc] }, ['services/checkout/a.ts']);
      assert.deepStrictEqual([report.blocked, report.freezes[0].effect], [false, 'warn']);
    });

    it('lists active incidents on touched or impacted systems, worst first, with those systems', () => {
      const report = analyze({
        incidents: [
          incident({ id: 'minor', severity: 'sev3', systems: ['web', 'ledger'] }),
          incident({ id: 'elsewhere', severity: 'sev1', systems: ['ledger'] }),
          incident({ id: 'major', severity: 'sev1', systems: ['checkout'] }),
        ],
      }, ['services/checkout/a.ts']);
      assert.deepStrictEqual(report.incidents.map((i) => [i.id, i.systems]), [['major', ['checkout']], ['minor', ['web']]]);
      assert.deepStrictEqual(report.freezes, []);
    });
  });

  describe('analyzeChange: milestones', () => {
    it('reports at-risk milestones related to touched or impacted systems only', () => {
      const report = analyze({
        projects: [
          project({ id: 'p', systems: ['web'], milestones: [milestone({ id: 'web-beta', due: at - day })] }),
          project({ id: 'q', systems: ['ledger'], milestones: [milestone({ id: 'ledger-ga', due: at - day })] }),
          project({ id: 'r', systems: ['checkout'], milestones: [milestone({ id: 'fine', due: at + 30 * day })] }),
        ],
      }, ['services/checkout/a.ts']);
      assert.deepStrictEqual(report.milestones.map((m) => [m.project, m.id, m.risks.map((r) => r.kind)]), [['p', 'web-beta', ['overdue']]]);
    });
  });

  describe('explainPath', () => {
    it('explains matches, dependents, freezes and owners of one path', () => {
      const { codeowners } = parseCodeowners('services/ @alice\n', 'CODEOWNERS');
      const model = compileModel(manifest({ systems, freezes: [activeFreeze({ id: 'f', systems: ['web'] })] }), { codeowners });
      const explanation = explainPath(model, 'services/checkout/a.ts', at);
      assert.deepStrictEqual(explanation.matches, [{ system: 'checkout', pattern: 'services/checkout/' }]);
      assert.deepStrictEqual(explanation.dependents.map((d) => [d.id, d.via]), [['cart', ['checkout', 'cart']], ['web', ['checkout', 'cart', 'web']]]);
      assert.deepStrictEqual(explanation.freezes.map((f) => [f.id, f.effect]), [['f', 'warn']]);
      assert.deepStrictEqual([explanation.systemOwners, explanation.codeowners, explanation.codeownersLine], [['@team-checkout'], ['@alice'], 1]);
    });

    it('explains a path in no system', () => {
      const explanation = explainPath(compileModel(manifest({ systems })), 'LICENSE', at);
      assert.deepStrictEqual([explanation.matches, explanation.dependents, explanation.systemOwners], [[], [], []]);
    });
  });

  describe('statusReport', () => {
    const model = compileModel(manifest({
      systems,
      freezes: [
        freeze({ id: 'next-week', tiers: ['1'], start: at + 5 * day, end: at + 6 * day }),
        freeze({ id: 'far', systems: ['*'], start: at + 30 * day, end: at + 31 * day }),
        activeFreeze({ id: 'holidays', systems: ['*'] }),
      ],
      overrides: [override({ freeze: 'holidays', expires: at + hour }), override({ freeze: 'holidays', expires: at })],
      incidents: [
        incident({ id: 'old', status: 'resolved', systems: ['web'] }),
        incident({ id: 'b', severity: 'sev2', systems: ['ledger'], freeze: 'warn' }),
        incident({ id: 'a', severity: 'sev1', systems: ['checkout'] }),
      ],
      projects: [project({ id: 'p', systems: ['checkout'], milestones: [milestone({ id: 'm', due: at - day }), milestone({ id: 'ok' })] })],
    }));
    const status = statusReport(model, at);

    it('lists active incidents worst first with all their systems', () => {
      assert.deepStrictEqual(status.incidents.map((i) => [i.id, i.systems]), [['a', ['checkout']], ['b', ['ledger']]]);
    });

    it('lists active freezes (then incident freezes), then upcoming ones within the horizon', () => {
      assert.deepStrictEqual(status.freezes.map((f) => [f.id, f.kind, f.active, f.effect]), [
        ['holidays', 'freeze', true, 'none'], ['b', 'incident', true, 'none'], ['next-week', 'freeze', false, 'none'],
      ]);
    });

    it('resolves covered systems and lists unexpired overrides', () => {
      const [holidays, , nextWeek] = status.freezes;
      assert.deepStrictEqual(holidays.systems, ['checkout', 'cart', 'web', 'ledger', 'shared']);
      assert.deepStrictEqual(nextWeek.systems, ['checkout', 'ledger']);
      assert.deepStrictEqual([holidays.overridden, holidays.overrides.length], [true, 1]);
    });

    it('lists milestones at risk', () => {
      assert.deepStrictEqual(status.milestonesAtRisk.map((m) => [m.id, m.risks.map((r) => r.kind)]), [
        ['m', ['overdue', 'freeze', 'incident']], ['ok', ['incident']],
      ]);
    });
  });
});
