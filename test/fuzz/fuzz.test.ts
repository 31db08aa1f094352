import fc from 'fast-check';
import { checkGenerated, checkMutated, manifestObjectArbitrary, mutatedExamplesArbitrary, newStats, pathArbitrary, summary } from './campaign';

/**
 * `npm run fuzz`: the long campaign. FUZZ_RUNS (default 10000) cases of each kind, FUZZ_SEED
 * (default 20261202) for the first and seed + 1 for the second. Prints the figures docs/testing.md records.
 */
const runs = Number(process.env.FUZZ_RUNS ?? 10_000);
const seed = Number(process.env.FUZZ_SEED ?? 20_261_202);

describe('fuzz campaign (npm run fuzz)', function () {
  this.timeout(0);

  it(`${runs} generated manifests: no exception, problems located, each case bounded, fail closed`, () => {
    const stats = newStats();
    const started = Date.now();
    fc.assert(fc.property(manifestObjectArbitrary, fc.array(pathArbitrary, { minLength: 1, maxLength: 6 }), (manifest, paths) => {
      checkGenerated(stats, manifest, paths);
    }), { seed, numRuns: runs });
    console.log(`      ${summary('generated manifests', stats, seed, Date.now() - started)}; slowest: ${stats.slowest?.slice(0, 120) ?? '-'}`);
  });

  it(`${runs} mutations of the example manifests: no exception, problems located, each case bounded`, () => {
    const stats = newStats();
    const started = Date.now();
    fc.assert(fc.property(mutatedExamplesArbitrary, fc.array(pathArbitrary, { minLength: 1, maxLength: 6 }), ({ files, mutations }, paths) => {
      checkMutated(stats, files, paths, () => JSON.stringify(mutations));
    }), { seed: seed + 1, numRuns: runs });
    console.log(`      ${summary('mutated examples', stats, seed + 1, Date.now() - started)}; slowest: ${stats.slowest?.slice(0, 120) ?? '-'}`);
  });
});
