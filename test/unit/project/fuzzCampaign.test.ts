import fc from 'fast-check';
import { checkGenerated, checkMutated, manifestObjectArbitrary, mutatedExamplesArbitrary, newStats, pathArbitrary } from '../../fuzz/campaign';

/** The fuzzing campaign (test/fuzz/campaign.ts), short and with fixed seeds; `npm run fuzz` runs it long. */
describe('fuzz campaign (fixed seeds, short)', () => {
  it('generated manifests: no exception, problems located, an invalid freeze never removes one in force', () => {
    const stats = newStats();
    fc.assert(fc.property(manifestObjectArbitrary, fc.array(pathArbitrary, { minLength: 1, maxLength: 5 }), (manifest, paths) => {
      checkGenerated(stats, manifest, paths);
    }), { seed: 1301, numRuns: 150 });
  });

  it('mutations of the example manifests: no exception, problems located', () => {
    const stats = newStats();
    fc.assert(fc.property(mutatedExamplesArbitrary, fc.array(pathArbitrary, { minLength: 1, maxLength: 5 }), ({ files, mutations }, paths) => {
      checkMutated(stats, files, paths, () => JSON.stringify(mutations));
    }), { seed: 1302, numRuns: 150 });
  });
});
