import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileModel } from '../../../src/core/evaluate/engine';
import { WarningSlice } from '../../../src/core/evaluate/fileWarnings';
import type { Manifest } from '../../../src/core/model';
import { emptyRange } from '../../../src/core/problem';
import { useL10nBundle } from '../../../src/vscode/base/l10n';
import { localWarningPhrases } from '../../../src/vscode/warnings/warningPhrases';
import { freeze, incident, manifest, ms, override, system } from '../manifestFactory';

/** The save warning's sentences: the extension's (through t) read as the CLI's English without a bundle, and German with the German bundle. */

const now = ms('2026-12-22T12:00:00Z');
const checkout = system({ id: 'checkout', paths: ['services/checkout/**'], owners: ['@acme/checkout'], tier: '1', oncall: 'Ana Silva' });
const web = system({ id: 'web', paths: ['apps/web/**'], owners: ['@acme/web'], tier: '2', dependsOn: ['checkout'] });
const holiday = freeze({ id: 'holiday', title: 'Holiday freeze', reason: 'peak traffic', systems: ['checkout'], enforcement: 'block', start: ms('2026-12-20T00:00:00Z'), end: ms('2027-01-03T00:00:00Z') });
const soft = freeze({ id: 'soft', title: 'Soft freeze', systems: ['checkout'], enforcement: 'warn', start: ms('2026-12-20T00:00:00Z'), end: ms('2027-01-03T00:00:00Z') });
const hotfix = override({ freeze: 'soft', reason: 'hotfix', approvedBy: '@lead', expires: ms('2026-12-23T00:00:00Z'), expiresText: '2026-12-23' });
const inc = incident({ id: 'INC-7', title: 'Checkout down', severity: 'sev1', status: 'investigating', systems: ['checkout'], freeze: 'block', commander: '@cmd' });
const sev3 = incident({ id: 'INC-8', title: 'Slow pages', severity: 'sev3', status: 'monitoring', systems: ['checkout'], commander: '@cmd' });
const bad = freeze({ id: 'broken', title: 'Broken', systems: ['checkout'], enforcement: 'block', invalid: { severity: 'error', code: 'freeze-window', message: 'end before start', file: 'ops.yaml', range: emptyRange } });

const cases: Array<[string, Partial<Manifest>, string]> = [
  ['block freeze', { freezes: [holiday] }, 'services/checkout/a.ts'],
  ['overridden warn freeze', { freezes: [soft], overrides: [hotfix] }, 'services/checkout/a.ts'],
  ['impacted through dependsOn', { freezes: [{ ...holiday, id: 'web-freeze', systems: ['web'] }] }, 'services/checkout/a.ts'],
  ['incident that freezes', { incidents: [inc] }, 'services/checkout/a.ts'],
  ['open incident', { incidents: [sev3] }, 'services/checkout/a.ts'],
  ['invalid freeze', { freezes: [bad] }, 'services/checkout/a.ts'],
];

function messages(init: Partial<Manifest>, file: string, local: boolean): string[] {
  const model = compileModel(manifest({ systems: [checkout, web], ...init }));
  const slice = local ? WarningSlice.build(model, now, localWarningPhrases) : WarningSlice.build(model, now);
  return slice.warningsFor(file).map((warning) => warning.message);
}

describe('l10n: save warning phrases', () => {
  afterEach(() => useL10nBundle(undefined));

  for (const [name, init, file] of cases) {
    it(`reads exactly as the CLI's English without a bundle: ${name}`, () => {
      useL10nBundle(undefined);
      const english = messages(init, file, false);
      assert.ok(english.length > 0, 'no warning');
      assert.deepStrictEqual(messages(init, file, true), english);
    });
  }

  it('reads German with the German bundle, ids, titles and the Freeze-Override trailer left as they are; the core default stays English', () => {
    const german = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'l10n', 'bundle.l10n.de.json'), 'utf8')) as Record<string, string>;
    useL10nBundle(german);
    const [block] = messages({ freezes: [holiday] }, 'services/checkout/a.ts', true);
    assert.match(block, /^Sperre holiday „Holiday freeze“ sperrt System checkout \(blockierend, .*\): Diese Datei gehört über Muster "services\/checkout\/\*\*" dazu\./);
    assert.match(block, /Grund: peak traffic\./);
    assert.match(block, /"Freeze-Override: <Grund>"/);
    assert.match(block, /Informieren: @acme\/checkout\./);
    assert.match(block, /Rufbereitschaft jetzt: checkout: Ana Silva\./);
    const [english] = messages({ freezes: [holiday] }, 'services/checkout/a.ts', false);
    assert.match(english, /^Freeze holiday "Holiday freeze" freezes system checkout \(block, /);
  });
});
