import * as assert from 'node:assert';
import { parseCliArgs } from '../../../src/cli/parseArgs';

function options(...argv: string[]): unknown {
  const result = parseCliArgs(argv);
  assert.ok(result.ok, result.ok ? '' : result.error);
  return 'options' in result.call ? result.call.options : undefined;
}

function error(...argv: string[]): string {
  const result = parseCliArgs(argv);
  assert.ok(!result.ok, 'expected a usage error');
  return result.error;
}

describe('parseCliArgs: --live', () => {
  it('check, explain and status take --live and --live-timeout SECONDS', () => {
    assert.deepStrictEqual(options('check', '--live'), { format: 'text', live: true });
    assert.deepStrictEqual(options('status', '--live', '--live-timeout', '1.5'), { format: 'text', live: true, liveTimeoutMs: 1500 });
    assert.deepStrictEqual(options('explain', 'a.ts', '--live', '--live-timeout', '10'), { format: 'text', live: true, liveTimeoutMs: 10_000 });
  });

  it('refuses --live-timeout without --live, out of range or not a number, and --live on validate', () => {
    assert.strictEqual(error('status', '--live-timeout', '2'), '--live-timeout needs --live');
    assert.strictEqual(error('check', '--live', '--live-timeout', '0'), "--live-timeout expects seconds between 0 and 60, not '0'");
    assert.strictEqual(error('check', '--live', '--live-timeout', '61'), "--live-timeout expects seconds between 0 and 60, not '61'");
    assert.match(error('check', '--live', '--live-timeout', 'soon'), /expects seconds/);
    assert.match(error('validate', '--live'), /Unknown option '--live'/);
  });
});
