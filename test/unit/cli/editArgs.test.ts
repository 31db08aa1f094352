import * as assert from 'node:assert';
import { parseCliArgs } from '../../../src/cli/parseArgs';

describe('parseCliArgs: write actions', () => {
  it('parses incident declare with lists, and -C before the command', () => {
    const parsed = parseCliArgs(['-C', 'repo', 'incident', 'declare', '--severity', 'sev2', '--systems', 'a, b', '--title', 'Down', '--freeze', 'warn', '--dry-run', '-f', 'json']);
    assert.deepStrictEqual(parsed, {
      ok: true,
      call: {
        command: 'edit', topic: 'incident', dryRun: true, format: 'json', cwd: 'repo',
        action: { kind: 'incident-declare', severity: 'sev2', systems: ['a', 'b'], title: 'Down', freeze: 'warn' },
      },
    });
  });

  it('parses freeze now/end/extend, override add and milestone set', () => {
    const action = (argv: string[]) => {
      const parsed = parseCliArgs(argv);
      assert.ok(parsed.ok && parsed.call.command === 'edit', JSON.stringify(parsed));
      return parsed.ok && parsed.call.command === 'edit' ? parsed.call.action : undefined;
    };
    assert.deepStrictEqual(action(['freeze', 'now', '--all', '--for', '4h', '--warn', '--reason', 'r']), { kind: 'freeze-now', all: true, for: '4h', warn: true, reason: 'r' });
    assert.deepStrictEqual(action(['freeze', 'end', 'F1', '--at', '2026-12-02 10:00']), { kind: 'freeze-end', id: 'F1', at: '2026-12-02 10:00' });
    assert.deepStrictEqual(action(['freeze', 'extend', 'F1', '--until', '2026-12-03']), { kind: 'freeze-extend', id: 'F1', until: '2026-12-03' });
    assert.deepStrictEqual(action(['override', 'add', '--freeze', 'F1', '--approved-by', 'x', '--reason', 'y']), { kind: 'override-add', freeze: 'F1', approvedBy: 'x', reason: 'y' });
    assert.deepStrictEqual(action(['milestone', 'set', 'proj/a/beta', '--status', 'done']), { kind: 'milestone-set', project: 'proj/a', milestone: 'beta', status: 'done' });
    // `--paths ""` is given but names nothing: kept as an empty list (the core refuses it), never read as "no --paths" (the whole freeze).
    for (const paths of ['', ',']) {
      assert.deepStrictEqual(action(['override', 'add', '--freeze', 'F1', '--paths', paths, '--approved-by', 'x', '--reason', 'y']), { kind: 'override-add', freeze: 'F1', paths: [], approvedBy: 'x', reason: 'y' });
    }
  });

  it('refuses a wrong call with a message and the topic for help', () => {
    assert.deepStrictEqual(parseCliArgs(['freeze', 'stop', 'F1']), { ok: false, error: "freeze expects now, end or extend, not 'stop'", topic: 'freeze' });
    assert.deepStrictEqual(parseCliArgs(['incident', 'resolve']), { ok: false, error: 'incident resolve needs one incident ID', topic: 'incident' });
    assert.deepStrictEqual(parseCliArgs(['milestone', 'set', 'beta', '--status', 'done']), { ok: false, error: "milestone set expects PROJECT/MILESTONE, not 'beta'", topic: 'milestone' });
    assert.deepStrictEqual(parseCliArgs(['override', 'add', '--freeze', 'F', '--approved-by', 'x', '--reason', 'y', '-f', 'markdown']),
      { ok: false, error: "--format must be one of text, json for override, not 'markdown'", topic: 'override' });
    assert.deepStrictEqual(parseCliArgs(['freeze']), { ok: true, call: { command: 'help', topic: 'freeze' } });
  });
});
