import * as assert from 'node:assert';
import { annotation, escapeData, escapeProperty, formatProblemsGithub } from '../../../src/report/formatGithub';
import { code, escapeCell } from '../../../src/report/formatMarkdown';
import { formatProblem } from '../../../src/report/formatProblems';
import { displayEffect, shortInstant, unoverriddenFiles } from '../../../src/report/reportFacts';
import { createStyle, shouldColor } from '../../../src/report/style';
import type { Problem } from '../../../src/core/problem';
import type { FreezeReport } from '../../../src/core/evaluate/report';

const problem: Problem = {
  severity: 'error', code: 'unknown-system', message: 'dependsOn names no system: nowhere',
  file: 'ops.yaml', range: { start: { line: 5, column: 16 }, end: { line: 5, column: 23 } },
};

function freeze(init: Partial<FreezeReport>): FreezeReport {
  return {
    id: 'f', title: 'F', kind: 'freeze', enforcement: 'block', active: true, timezone: 'UTC', systems: ['s'], files: [],
    overridden: false, overrides: [], effect: 'none', source: { file: 'ops.yaml', range: problem.range }, ...init,
  };
}

describe('CLI formatting', () => {
  it('prints problems one-based as file:line:col: severity code: message', () => {
    assert.strictEqual(formatProblem(problem), 'ops.yaml:6:17: error unknown-system: dependsOn names no system: nowhere');
  });

  it('escapes GitHub workflow-command data and properties', () => {
    assert.strictEqual(escapeData('50%\r\nnext'), '50%25%0D%0Anext');
    assert.strictEqual(escapeProperty('a:b,c'), 'a%3Ab%2Cc');
    assert.strictEqual(annotation('error', 'line1\nline2', { file: 'dir/a,b.ts', title: 'Freeze x' }), '::error file=dir/a%2Cb.ts,title=Freeze x::line1%0Aline2');
    assert.strictEqual(annotation('notice', 'plain'), '::notice::plain');
  });

  it('turns problems into located annotations', () => {
    assert.strictEqual(formatProblemsGithub([problem]), '::error file=ops.yaml,line=6,col=17,endLine=6,endColumn=24,title=unknown-system::dependsOn names no system: nowhere\n');
  });

  it('keeps markdown table cells on one row, a newline shown as \\n', () => {
    assert.strictEqual(escapeCell('a|b\nc <x>'), 'a\\|b\\\\nc \\<x>');
    assert.strictEqual(code('a|b'), '`a\\|b`');
    assert.strictEqual(code('with `tick`'), '`` with `tick` ``');
  });

  it('shortens UTC instants without losing seconds that matter', () => {
    assert.strictEqual(shortInstant('2026-12-20T00:00:00.000Z'), '2026-12-20 00:00Z');
    assert.strictEqual(shortInstant('2026-12-27T23:59:59.999Z'), '2026-12-27 23:59:59.999Z');
    assert.strictEqual(shortInstant(undefined), '?');
  });

  it('reads a fully overridden block freeze as overridden, a partial one by its remaining files', () => {
    const use = { reason: 'r', approvedBy: 'a', files: ['x'], origin: 'trailer' as const };
    assert.strictEqual(displayEffect(freeze({ effect: 'warn', files: ['x'], overridden: true, overrides: [use] })), 'overridden');
    assert.strictEqual(displayEffect(freeze({ effect: 'block', files: ['x', 'y'], overridden: true, overrides: [use] })), 'block');
    assert.deepStrictEqual(unoverriddenFiles(freeze({ files: ['x', 'y'], overrides: [use] })), ['y']);
    assert.strictEqual(displayEffect(freeze({ effect: 'warn', enforcement: 'warn', files: ['x'] })), 'warn');
  });

  it('colours only a TTY, never with NO_COLOR, always with FORCE_COLOR', () => {
    assert.strictEqual(shouldColor({ isTTY: true }, {}), true);
    assert.strictEqual(shouldColor({ isTTY: false }, {}), false);
    assert.strictEqual(shouldColor({ isTTY: true }, { NO_COLOR: '1' }), false);
    assert.strictEqual(shouldColor({ isTTY: true }, { NO_COLOR: '' }), true);
    assert.strictEqual(shouldColor({ isTTY: false }, { FORCE_COLOR: '1' }), true);
    assert.strictEqual(shouldColor({ isTTY: true }, { FORCE_COLOR: '0' }), false);
    assert.strictEqual(shouldColor({ isTTY: true }, { TERM: 'dumb' }), false);
    assert.strictEqual(createStyle(true).red('x'), '\u001b[31mx\u001b[39m');
    assert.strictEqual(createStyle(false).red('x'), 'x');
  });
});
