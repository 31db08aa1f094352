import * as assert from 'node:assert';
import { t, useL10nBundle } from '../../../src/vscode/base/l10n';
import type * as L10nModule from '../../../src/vscode/base/l10n';

describe('l10n: t', () => {
  afterEach(() => useL10nBundle(undefined));

  it('returns the English message with its arguments when no bundle is loaded', () => {
    useL10nBundle(undefined);
    assert.strictEqual(t('{0} freezes on {1}', 2, 'checkout'), '2 freezes on checkout');
    assert.strictEqual(t('until {end}', { end: 'Jan 4' }), 'until Jan 4');
  });

  it('returns the translation from the bundle VS Code loaded, and follows a new bundle', () => {
    useL10nBundle({ '{0} freezes on {1}': '{0} Sperren auf {1}' });
    assert.strictEqual(t('{0} freezes on {1}', 2, 'checkout'), '2 Sperren auf checkout');
    assert.strictEqual(t('not translated'), 'not translated');
    useL10nBundle({ '{0} freezes on {1}': '{1}: {0}' });
    assert.strictEqual(t('{0} freezes on {1}', 2, 'checkout'), 'checkout: 2');
  });

  it('shares the bundle with a second copy of the module (the extension is two bundles)', () => {
    const modulePath = require.resolve('../../../src/vscode/base/l10n');
    const first = require.cache[modulePath];
    delete require.cache[modulePath];
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a second, fresh copy of the module
      const second = require(modulePath) as typeof L10nModule;
      assert.notStrictEqual(second.t, t);
      useL10nBundle({ Retry: 'Erneut versuchen' });
      assert.strictEqual(second.t('Retry'), 'Erneut versuchen');
    } finally {
      if (first) require.cache[modulePath] = first;
    }
  });
});
