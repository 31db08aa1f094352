// Bundled but run only when the harness self-test asks for it (CHANGE_RADAR_INJECT_FAILURE=1):
// proves that a failing assertion inside the extension host fails the whole run, visibly.
import * as assert from 'node:assert';

describe('harness self-test', () => {
  it('reports a failing assertion from inside the extension host', () => {
    assert.strictEqual(1 + 1, 3, 'injected failure: 1 + 1 is not 3');
  });
});
