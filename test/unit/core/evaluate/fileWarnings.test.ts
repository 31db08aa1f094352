import * as assert from 'node:assert';
import { compileModel } from '../../../../src/core/evaluate/engine';
import { WarningSlice } from '../../../../src/core/evaluate/fileWarnings';
import type { FileWarning } from '../../../../src/core/evaluate/fileWarnings';
import type { Manifest } from '../../../../src/core/model';
import type { SourceLocation } from '../../../../src/core/problem';
import { day, freeze, hour, incident, manifest, ms, override, system } from '../../manifestFactory';

const now = ms('2026-12-22T12:00:00Z');
const freezeSource: SourceLocation = { file: 'ops.yaml', range: { start: { line: 20, column: 4 }, end: { line: 27, column: 0 } } };
const incidentSource: SourceLocation = { file: 'incidents.yaml', range: { start: { line: 3, column: 2 }, end: { line: 9, column: 0 } } };

const checkout = system({ id: 'checkout', paths: ['services/checkout/**'], owners: ['@acme/checkout'], tier: '1' });
const ledger = system({ id: 'ledger', paths: ['libs/ledger/**'], owners: ['@acme/payments'], tier: '1' });
const web = system({ id: 'web', paths: ['apps/web/**'], owners: ['@acme/web'], tier: '2', dependsOn: ['checkout'] });
const holiday = freeze({
  id: 'holiday', title: 'Holiday freeze', reason: 'peak traffic', systems: ['checkout'], enforcement: 'block',
  start: ms('2026-12-20T00:00:00Z'), end: ms('2027-01-03T00:00:00Z'), source: freezeSource,
});

function warningsFor(init: Partial<Manifest>, path: string, at = now): FileWarning[] {
  return WarningSlice.build(compileModel(manifest({ systems: [checkout, ledger, web], ...init })), at).warningsFor(path);
}

function codes(warnings: readonly FileWarning[]): string[] {
  return warnings.map((warning) => `${warning.severity}:${warning.code}:${warning.cause.id}`);
}

describe('fileWarnings', () => {
  describe('freezes on the file\'s own systems', () => {
    it('makes an active block freeze an error that names the freeze, window, system, pattern and owners', () => {
      const [warning, ...rest] = warningsFor({ freezes: [holiday] }, 'services/checkout/cart.ts');
      assert.deepStrictEqual(rest, []);
      assert.ok(warning);
      assert.strictEqual(warning.severity, 'error');
      assert.strictEqual(warning.code, 'freeze-block');
      assert.deepStrictEqual(warning.ruleRef, freezeSource);
      assert.deepStrictEqual(warning.range, { line: 0 });
      assert.deepStrictEqual(warning.matches, [{ system: 'checkout', pattern: 'services/checkout/**' }]);
      assert.deepStrictEqual(warning.owners, ['@acme/checkout']);
      for (const part of ['holiday', 'Holiday freeze', 'block', '2026-12-20 00:00', '2027-01-03 00:00', 'system checkout',
        '"services/checkout/**"', 'peak traffic', 'Freeze-Override', 'Tell: @acme/checkout']) {
        assert.ok(warning.message.includes(part), `message lacks ${part}: ${warning.message}`);
      }
    });

    it('makes an active warn freeze a warning', () => {
      assert.deepStrictEqual(codes(warningsFor({ freezes: [{ ...holiday, enforcement: 'warn' }] }, 'services/checkout/cart.ts')),
        ['warning:freeze-warn:holiday']);
    });

    it('says nothing for a file in no system', () => {
      assert.deepStrictEqual(warningsFor({ freezes: [holiday] }, 'README.md'), []);
    });

    it('says nothing for a file in an unfrozen system', () => {
      assert.deepStrictEqual(warningsFor({ freezes: [holiday] }, 'libs/ledger/book.ts'), []);
    });

    it('says nothing before the freeze starts or once it has ended', () => {
      assert.deepStrictEqual(warningsFor({ freezes: [holiday] }, 'services/checkout/cart.ts', ms('2026-12-19T23:59:59Z')), []);
      assert.deepStrictEqual(warningsFor({ freezes: [holiday] }, 'services/checkout/cart.ts', ms('2027-01-03T00:00:00Z')), []);
    });

    it('covers every system with "*" and systems of a listed tier', () => {
      assert.deepStrictEqual(codes(warningsFor({ freezes: [{ ...holiday, systems: ['*'] }] }, 'apps/web/page.ts')), ['error:freeze-block:holiday']);
      assert.deepStrictEqual(codes(warningsFor({ freezes: [{ ...holiday, systems: [], tiers: ['1'] }] }, 'libs/ledger/book.ts')),
        ['error:freeze-block:holiday']);
    });

    it('gives one warning per freeze when the file is in two covered systems', () => {
      const shared = system({ id: 'shared', paths: ['services/**'] });
      const warnings = warningsFor({ systems: [checkout, shared], freezes: [{ ...holiday, systems: ['checkout', 'shared'] }] }, 'services/checkout/a.ts');
      assert.deepStrictEqual(codes(warnings), ['error:freeze-block:holiday']);
      assert.deepStrictEqual(warnings[0]?.systems, ['checkout', 'shared']);
    });

    it('skips paths the freeze exempts', () => {
      assert.deepStrictEqual(warningsFor({ freezes: [{ ...holiday, exempt: ['**/*.md'] }] }, 'services/checkout/README.md'), []);
    });
  });

  describe('overrides', () => {
    it('turns a block into an overridden warning for the paths an unexpired override covers', () => {
      const overrides = [override({ freeze: 'holiday', paths: ['services/checkout/hotfix/**'], reason: 'pci fix', approvedBy: 'cab' })];
      assert.deepStrictEqual(codes(warningsFor({ freezes: [holiday], overrides }, 'services/checkout/hotfix/a.ts')), ['warning:freeze-overridden:holiday']);
      assert.deepStrictEqual(codes(warningsFor({ freezes: [holiday], overrides }, 'services/checkout/cart.ts')), ['error:freeze-block:holiday']);
    });

    it('ignores an expired override', () => {
      const overrides = [override({ freeze: 'holiday', expires: now - hour })];
      assert.deepStrictEqual(codes(warningsFor({ freezes: [holiday], overrides }, 'services/checkout/cart.ts')), ['error:freeze-block:holiday']);
    });
  });

  describe('freezes on systems the file only impacts', () => {
    it('warns with the dependency chain when a dependent system is frozen', () => {
      const warnings = warningsFor({ freezes: [{ ...holiday, systems: ['web'] }] }, 'services/checkout/cart.ts');
      assert.deepStrictEqual(codes(warnings), ['warning:freeze-impacted:holiday']);
      assert.deepStrictEqual(warnings[0]?.via, ['checkout', 'web']);
      assert.ok(warnings[0]?.message.includes('checkout → web'), warnings[0]?.message);
    });

    it('names the nearest frozen dependent along a long dependsOn chain', () => {
      const chain = Array.from({ length: 2_000 }, (_, i) => system({ id: `s${i}`, paths: [`gen/s${i}/**`], dependsOn: i > 0 ? [`s${i - 1}`] : [] }));
      const warnings = warningsFor({ systems: chain, freezes: [{ ...holiday, systems: ['s1500', 's1999'] }] }, 'gen/s0/a.ts');
      assert.deepStrictEqual(codes(warnings), ['warning:freeze-impacted:holiday']);
      assert.deepStrictEqual(warnings[0]?.via, chain.slice(0, 1501).map((s) => s.id));
    });

    it('does not repeat a freeze that already covers the file directly', () => {
      assert.deepStrictEqual(codes(warningsFor({ freezes: [{ ...holiday, systems: ['checkout', 'web'] }] }, 'services/checkout/cart.ts')),
        ['error:freeze-block:holiday']);
    });
  });

  describe('incidents', () => {
    const inc = incident({ id: 'INC-7', title: 'Ledger slow', severity: 'sev1', systems: ['ledger'], commander: '@erin', source: incidentSource });

    it('makes an active incident on the file\'s system information naming severity and commander', () => {
      const [warning, ...rest] = warningsFor({ incidents: [inc] }, 'libs/ledger/book.ts');
      assert.deepStrictEqual(rest, []);
      assert.strictEqual(warning?.severity, 'info');
      assert.strictEqual(warning.code, 'incident-active');
      assert.deepStrictEqual(warning.ruleRef, incidentSource);
      for (const part of ['INC-7', 'Ledger slow', 'sev1', 'system ledger', '"libs/ledger/**"', '@erin', '@acme/payments']) {
        assert.ok(warning.message.includes(part), `message lacks ${part}: ${warning.message}`);
      }
    });

    it('says nothing for a resolved incident', () => {
      assert.deepStrictEqual(warningsFor({ incidents: [{ ...inc, status: 'resolved' }] }, 'libs/ledger/book.ts'), []);
    });

    it('treats an incident with freeze: block as a block freeze, plus the incident itself', () => {
      assert.deepStrictEqual(codes(warningsFor({ incidents: [{ ...inc, freeze: 'block' }] }, 'libs/ledger/book.ts')),
        ['error:freeze-block:INC-7', 'info:incident-active:INC-7']);
    });
  });

  it('orders errors before warnings before information', () => {
    const all = warningsFor({
      freezes: [holiday, { ...holiday, id: 'soft', enforcement: 'warn' }],
      incidents: [incident({ id: 'INC-1', systems: ['checkout'] })],
    }, 'services/checkout/cart.ts');
    assert.deepStrictEqual(all.map((warning) => warning.severity), ['error', 'warning', 'info']);
  });

  describe('the first sentence reads as one sentence (issue 28)', () => {
    const inc = incident({ id: 'INC-2041', title: 'Ledger postings delayed', severity: 'sev1', systems: ['ledger'], freeze: 'block', source: incidentSource });

    it('for an incident-freeze: "Incident … freezes system ledger (block, until the incident is resolved): this file is in it by …"', () => {
      const block = warningsFor({ incidents: [inc] }, 'libs/ledger/book.ts').find((w) => w.code === 'freeze-block');
      assert.match(block?.message ?? '', /^Incident INC-2041 "Ledger postings delayed" freezes system ledger \(block, until the incident is resolved\): this file is in it by pattern "libs\/ledger\/\*\*"\. /);
    });

    it('for a freeze, and for one on a system that depends on the file\'s system', () => {
      const [direct] = warningsFor({ freezes: [holiday] }, 'services/checkout/cart.ts');
      assert.match(direct?.message ?? '', /^Freeze holiday "Holiday freeze" freezes system checkout \(block, 2026-12-20 00:00 UTC – 2027-01-03 00:00 UTC\): this file is in it by pattern "services\/checkout\/\*\*"\. /);
      const [impacted] = warningsFor({ freezes: [{ ...holiday, systems: ['web'] }] }, 'services/checkout/cart.ts');
      assert.match(impacted?.message ?? '', /^Freeze holiday "Holiday freeze" freezes system web \(block, [^)]+\); web depends on this file's system \(checkout → web\), and the file is in checkout by pattern "services\/checkout\/\*\*"\. /);
    });
  });

  describe('time boundaries', () => {
    it('is valid until the active freeze ends', () => {
      const slice = WarningSlice.build(compileModel(manifest({ systems: [checkout], freezes: [holiday] })), now);
      assert.strictEqual(slice.validUntil, holiday.end);
    });

    it('is valid until the next freeze starts', () => {
      const later = { ...holiday, start: now + 2 * day, end: now + 3 * day };
      const slice = WarningSlice.build(compileModel(manifest({ systems: [checkout], freezes: [later] })), now);
      assert.strictEqual(slice.validUntil, now + 2 * day);
    });

    it('is valid until an override expires when that comes first', () => {
      const overrides = [override({ freeze: 'holiday', expires: now + hour })];
      const slice = WarningSlice.build(compileModel(manifest({ systems: [checkout], freezes: [holiday], overrides })), now);
      assert.strictEqual(slice.validUntil, now + hour);
    });

    it('has no boundary when nothing is scheduled', () => {
      const slice = WarningSlice.build(compileModel(manifest({ systems: [checkout] })), now);
      assert.strictEqual(slice.validUntil, undefined);
    });
  });

  describe('freezeOn (decorations)', () => {
    it('reports the strongest enforcement and every freeze on the file', () => {
      const slice = WarningSlice.build(compileModel(manifest({
        systems: [checkout], freezes: [{ ...holiday, id: 'soft', enforcement: 'warn' }, holiday],
      })), now);
      const found = slice.freezeOn('services/checkout/cart.ts');
      assert.deepStrictEqual({ enforcement: found?.enforcement, causes: found?.causes.map((cause) => cause.id), systems: found?.systems },
        { enforcement: 'block', causes: ['soft', 'holiday'], systems: ['checkout'] });
      assert.strictEqual(slice.freezeOn('libs/ledger/book.ts'), undefined);
    });
  });
});
