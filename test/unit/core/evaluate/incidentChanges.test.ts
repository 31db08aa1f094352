import * as assert from 'node:assert';
import { changeWindow, parseLookBack, pathspecsOf, pullRequestOf, relationText, scopeSystems, sortCommits } from '../../../../src/core/history/incidentChanges';
import type { RawCommit, ScopedSystem } from '../../../../src/core/history/incidentChanges';
import { PathIndex } from '../../../../src/core/paths/pathIndex';
import { changesReport, formatChangesText } from '../../../../src/report/formatChanges';
import { createStyle } from '../../../../src/report/style';

const HOUR = 3_600_000;
const t = (iso: string): number => Date.parse(iso);

describe('incidentChanges: the window', () => {
  const incident = { id: 'INC-1', started: t('2026-11-20T12:00:00Z') };
  const now = t('2026-11-20T15:00:00Z');

  it('defaults to 72 h before the start up to now, or to the resolution', () => {
    assert.deepStrictEqual(changeWindow({ incident, now }), { from: t('2026-11-17T12:00:00Z'), to: now });
    assert.deepStrictEqual(changeWindow({ incident: { ...incident, resolved: t('2026-11-20T13:00:00Z') }, now }), { from: t('2026-11-17T12:00:00Z'), to: t('2026-11-20T13:00:00Z') });
  });

  it('--since as a duration counts back from the start, as an instant sets the edge; --until sets the end', () => {
    assert.deepStrictEqual(changeWindow({ incident, now, since: { kind: 'duration', ms: 24 * HOUR } }), { from: t('2026-11-19T12:00:00Z'), to: now });
    assert.deepStrictEqual(changeWindow({ incident, now, since: { kind: 'instant', at: 5 }, until: 9 }), { from: 5, to: 9 });
  });

  it('without an incident: back from now; refuses an empty window and an incident without a start', () => {
    assert.deepStrictEqual(changeWindow({ now }), { from: now - 72 * HOUR, to: now });
    assert.match(changeWindow({ now, since: { kind: 'instant', at: now + 1 } }) as string, /the window is empty/);
    assert.match(changeWindow({ incident: { id: 'X' }, now }) as string, /incident 'X' has no 'started' time/);
    assert.deepStrictEqual(changeWindow({ incident: { id: 'X' }, now, since: { kind: 'instant', at: 1 } }), { from: 1, to: now });
  });

  it('reads look-back durations', () => {
    assert.strictEqual(parseLookBack('24h'), 24 * HOUR);
    assert.strictEqual(parseLookBack('1d12h'), 36 * HOUR);
    assert.strictEqual(parseLookBack('90m'), 1.5 * HOUR);
    assert.strictEqual(parseLookBack('2w'), 336 * HOUR);
    for (const bad of ['', '0h', '2026-11-20', 'h', '400d', '-1h']) assert.strictEqual(parseLookBack(bad), undefined, bad);
  });
});

describe('incidentChanges: systems in scope', () => {
  const systems = [
    { id: 'web', dependsOn: ['payments'] },
    { id: 'payments', dependsOn: ['ledger', 'auth'] },
    { id: 'ledger', dependsOn: ['db'] },
    { id: 'auth', dependsOn: ['db'] },
    { id: 'db', dependsOn: ['payments'] },
  ];

  it('the roots, then what they depend on by chain length, each with its shortest chain; a cycle ends the walk', () => {
    assert.deepStrictEqual(scopeSystems(systems, ['payments'], 2), [
      { id: 'payments', relation: 'direct', via: ['payments'] },
      { id: 'ledger', relation: 'dependency', via: ['payments', 'ledger'] },
      { id: 'auth', relation: 'dependency', via: ['payments', 'auth'] },
      { id: 'db', relation: 'dependency', via: ['payments', 'ledger', 'db'] },
    ]);
  });

  it('stops at the depth; never lists a dependent (web uses payments, payments does not use web); ignores unknown roots', () => {
    assert.deepStrictEqual(scopeSystems(systems, ['payments'], 1).map((s) => s.id), ['payments', 'ledger', 'auth']);
    assert.deepStrictEqual(scopeSystems(systems, ['payments', 'nope'], 0), [{ id: 'payments', relation: 'direct', via: ['payments'] }]);
    assert.deepStrictEqual(scopeSystems(systems, ['ledger', 'db'], 5).map((s) => [s.id, s.relation]), [
      ['ledger', 'direct'], ['db', 'direct'], ['payments', 'dependency'], ['auth', 'dependency'],
    ]);
  });

  it('says why', () => {
    assert.strictEqual(relationText({ via: ['payments'] }), 'touches payments');
    assert.strictEqual(relationText({ via: ['payments', 'ledger'] }), 'touches ledger (payments depends on ledger)');
    assert.strictEqual(relationText({ via: ['a', 'b', 'c'] }), 'touches c (a depends on b, b depends on c)');
  });
});

describe('incidentChanges: pull requests', () => {
  it('from a merge subject or a squash suffix, else null', () => {
    assert.strictEqual(pullRequestOf('Merge pull request #42 from acme/hotfix'), 42);
    assert.strictEqual(pullRequestOf('ledger: rounding (#41)'), 41);
    assert.strictEqual(pullRequestOf('ledger: rounding (#41)  '), 41);
    assert.strictEqual(pullRequestOf('fix #12 in the middle'), null);
    assert.strictEqual(pullRequestOf('Merge branch main'), null);
    assert.strictEqual(pullRequestOf('(#7) at the start'), null);
    assert.strictEqual(pullRequestOf('huge (#12345678901)'), null);
  });
});

describe('incidentChanges: pathspecs', () => {
  it('the literal folders (or file) anchored globs start with; NFC and NFD forms', () => {
    assert.deepStrictEqual(pathspecsOf([{ paths: ['services/checkout/', '/ops.yaml', 'db/**/*.sql', 'packages/{a,b}/src/', 'proto/x/*.proto', 'lib/a?/b'] }, { paths: ['caf\u00e9/menu/'] }]), [
      ':(top,literal)services/checkout', ':(top,literal)ops.yaml', ':(top,literal)db', ':(top,literal)packages', ':(top,literal)proto/x', ':(top,literal)lib',
      ':(top,literal)caf\u00e9/menu', ':(top,literal)cafe\u0301/menu',
    ]);
    assert.deepStrictEqual(pathspecsOf([{ paths: [] }]), []);
  });

  it("'all' as soon as one glob has no literal folder to start with (git could not skip a tree for it)", () => {
    for (const glob of ['*.md', 'migrations/', '**/test/**', '/*.md', '{a,b}/x', 'x']) {
      assert.strictEqual(pathspecsOf([{ paths: ['services/checkout/'] }, { paths: [glob] }]), 'all', glob);
    }
  });
});

describe('incidentChanges: sorting commits into systems', () => {
  const index = PathIndex.build([
    { id: 'payments', patterns: ['payments/'], exclude: ['payments/docs/'] },
    { id: 'ledger', patterns: ['ledger/'], exclude: [] },
    { id: 'web', patterns: ['web/'], exclude: [] },
  ]);
  const scope: ScopedSystem[] = [
    { id: 'payments', relation: 'direct', via: ['payments'] },
    { id: 'ledger', relation: 'dependency', via: ['payments', 'ledger'] },
  ];
  const commit = (sha: string, at: string, files: string[], extra: Partial<RawCommit> = {}): RawCommit => ({ sha, committedAt: t(at), author: 'A', subject: `s ${sha}`, files, ...extra });

  it('keeps the window (edges included) and the files of systems in scope; newest first; the closest relation wins', () => {
    const raw = [
      commit('e', '2026-11-20T10:00:00Z', ['ledger/a', 'payments/b', 'web/c']),
      commit('d', '2026-11-20T11:00:00Z', ['ledger/z'], { override: 'CAB-1' }),
      commit('c', '2026-11-20T09:00:00Z', ['payments/docs/x', 'web/y']),
      commit('b', '2026-11-19T00:00:00Z', ['payments/q']),
      commit('a', '2026-11-18T23:59:59Z', ['payments/r']),
    ];
    const window = { from: t('2026-11-19T00:00:00Z'), to: t('2026-11-20T11:00:00Z') };
    const sorted = sortCommits(raw, scope, (p) => index.match(p), window, t('2026-11-20T12:00:00Z'));
    assert.deepStrictEqual(sorted.map((c) => [c.sha, c.relation, c.via, c.override, c.beforeStart]), [
      ['d', 'dependency', ['payments', 'ledger'], 'CAB-1', HOUR],
      ['e', 'direct', ['payments'], null, 2 * HOUR],
      ['b', 'direct', ['payments'], null, 36 * HOUR],
    ]);
    assert.deepStrictEqual(sorted[1]?.files, { payments: ['payments/b'], ledger: ['ledger/a'] });
  });

  it('text escapes what git reports (a subject with a terminal escape stays one visible line)', () => {
    const raw = [commit('0123456789abcdef', '2026-11-20T10:00:00Z', ['payments/x'], { subject: 'evil \u001b[2J\nsecond line', override: 'ok\u0007' })];
    const window = { from: 0, to: t('2026-11-21T00:00:00Z') };
    const report = changesReport(null, window, scope, sortCommits(raw, scope, (p) => index.match(p), window, undefined));
    const text = formatChangesText(report, createStyle(false));
    assert.ok(!text.includes('\u001b') && !text.includes('\u0007'), text);
    assert.ok(text.includes('0123456789ab  evil \\x1b[2J\\nsecond line\n'), text);
    assert.ok(text.includes('  override: ok\\x07\n'), text);
  });
});
