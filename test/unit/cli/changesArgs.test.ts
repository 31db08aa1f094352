import * as assert from 'node:assert';
import { parseCliArgs } from '../../../src/cli/parseArgs';
import { usage } from '../../../src/cli/usage';

function call(...argv: string[]): unknown {
  const result = parseCliArgs(argv);
  assert.ok(result.ok, result.ok ? '' : result.error);
  return result.call;
}

function error(...argv: string[]): string {
  const result = parseCliArgs(argv);
  assert.ok(!result.ok, 'expected a usage error');
  return result.error;
}

describe('parseCliArgs: changes', () => {
  it('--incident with every option; defaults: depth 2, HEAD only, text', () => {
    assert.deepStrictEqual(call('changes', '--incident', 'INC-1'), { command: 'changes', incident: 'INC-1', depth: 2, allRefs: false, options: { format: 'text' } });
    assert.deepStrictEqual(call('-C', 'sub', 'changes', '--incident', 'INC-1', '--since', '24h', '--until', '2026-11-20T15:00', '--depth', '0', '--all-refs', '--at', '2026-11-20T16:00:00Z', '-f', 'json', '-m', 'o.yaml'), {
      command: 'changes', incident: 'INC-1', since: '24h', until: '2026-11-20T15:00', depth: 0, allRefs: true,
      options: { cwd: 'sub', manifest: 'o.yaml', at: '2026-11-20T16:00:00Z', format: 'json' },
    });
  });

  it('--systems: a list, duplicates once; --since as a time', () => {
    assert.deepStrictEqual(call('changes', '--systems', 'a, b,a', '--since', '2026-11-01T00:00:00Z', '-f', 'markdown'), {
      command: 'changes', systems: ['a', 'b'], since: '2026-11-01T00:00:00Z', depth: 2, allRefs: false, options: { format: 'markdown' },
    });
  });

  it('refuses what it cannot use, with the reason', () => {
    assert.strictEqual(error('changes'), 'changes needs one of --incident ID or --systems a,b');
    assert.strictEqual(error('changes', '--incident', 'X', '--systems', 'a'), 'changes needs one of --incident ID or --systems a,b');
    assert.strictEqual(error('changes', '--systems', ' , '), "--systems expects system ids separated by commas, not ' , '");
    assert.match(error('changes', '--incident', 'X', '--since', 'last week'), /--since expects an ISO-8601 time/);
    assert.match(error('changes', '--incident', 'X', '--until', '24h'), /--until expects an ISO-8601 time/);
    assert.strictEqual(error('changes', '--incident', 'X', '--depth', '1.5'), "--depth expects a whole number from 0 to 99, not '1.5'");
    assert.strictEqual(error('changes', '--incident', 'X', '-f', 'github'), "--format must be one of text, json, markdown for changes, not 'github'");
    assert.strictEqual(error('changes', '--incident', 'X', 'extra'), "changes takes no arguments, got 'extra'");
  });

  it('has help of its own, listed in the overview', () => {
    assert.deepStrictEqual(call('changes', '--help'), { command: 'help', topic: 'changes' });
    assert.match(usage('changes'), /^Usage: change-radar changes \(--incident ID \| --systems a,b\)/);
    assert.match(usage(), /\n {2}changes --incident ID {4}what changed before an incident/);
  });
});
