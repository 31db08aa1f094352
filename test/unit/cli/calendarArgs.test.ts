import * as assert from 'node:assert';
import { parseCliArgs } from '../../../src/cli/parseArgs';

function parse(...argv: string[]) {
  return parseCliArgs(argv);
}

describe('parseCliArgs: calendar', () => {
  it('defaults to the ics format and takes --from, --to, --at and --systems', () => {
    assert.deepStrictEqual(parse('calendar', '--from', '2027-03-01', '--to', '2027-04-01T00:00:00Z', '--at', '2027-03-12T12:00', '--systems', 'web, payments,'), {
      ok: true,
      call: { command: 'calendar', from: '2027-03-01', to: '2027-04-01T00:00:00Z', systems: ['web', 'payments'], options: { at: '2027-03-12T12:00', format: 'ics' } },
    });
    assert.deepStrictEqual(parse('-C', 'repo', 'calendar', '-f', 'text'), { ok: true, call: { command: 'calendar', options: { cwd: 'repo', format: 'text' } } });
  });

  it('refuses bad times, empty --systems, other formats, --horizon and arguments, naming the option', () => {
    const message = (...argv: string[]) => {
      const result = parse(...argv);
      assert.ok(!result.ok);
      return result.error;
    };
    assert.match(message('calendar', '--to', 'tomorrow'), /--to expects an ISO-8601 time/);
    assert.match(message('calendar', '--systems', ' , '), /--systems expects system ids/);
    assert.match(message('calendar', '--format', 'github'), /--format must be one of ics, json, text for calendar/);
    assert.match(message('calendar', '--horizon', '3'), /Unknown option '--horizon'/);
    assert.match(message('calendar', 'extra'), /calendar takes no arguments/);
  });

  it('answers --help with the calendar topic', () => {
    assert.deepStrictEqual(parse('calendar', '--help'), { ok: true, call: { command: 'help', topic: 'calendar' } });
  });
});
