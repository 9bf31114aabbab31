import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { loadDataset } from '../../src/data/datasets.js';
import { genBatches, IncrementalPCA } from '../../src/decomposition/incremental-pca.js';
import { PCA } from '../../src/decomposition/pca.js';
import { RandomGenerator } from '../../src/tensor/random.js';
import { assertClose, loadSklearnFixture } from '../helpers/fixtures.js';

const fx = loadSklearnFixture('decomposition_incrementalpca_digits');
const digits = (loadDataset('digits').data.toArray() as number[][]).slice(0, 500);
const iris = loadDataset('iris').data.toArray() as number[][];

function randomMatrix(n: number, d: number, seed: number): number[][] {
  const rng = new RandomGenerator(seed);
  return Array.from({ length: n }, () => Array.from({ length: d }, () => rng.normal()));
}

describe('IncrementalPCA', () => {
  for (const batchSize of [null, 150]) {
    for (const whiten of [false, true]) {
      test(`matches sklearn on digits[:500] (batchSize ${batchSize}, whiten ${whiten}), signs included`, async () => {
        const e = fx.expected[`bs${batchSize === null ? 'None' : batchSize}_w${whiten ? 1 : 0}`];
        const m = await new IncrementalPCA({ nComponents: 10, batchSize, whiten }).fit(digits);
        assertClose(m.components.toArray() as number[][], e.components_, {
          rtol: 1e-6,
          atol: 1e-9,
          label: 'components',
        });
        assertClose(m.explainedVariance, e.explained_variance_, { rtol: 1e-8, atol: 0, label: 'ev' });
        assertClose(m.explainedVarianceRatio, e.explained_variance_ratio_, { rtol: 1e-8, atol: 0, label: 'ratio' });
        assertClose(m.singularValues, e.singular_values_, { rtol: 1e-8, atol: 0, label: 'sv' });
        assertClose(m.mean, e.mean_, { rtol: 1e-12, atol: 1e-12, label: 'mean' });
        assertClose(m.var, e.var_, { rtol: 1e-10, atol: 1e-12, label: 'var' });
        assertClose(m.noiseVariance, e.noise_variance_, { rtol: 1e-8, atol: 0, label: 'noise' });
        assert.equal(m.nSamplesSeen, e.n_samples_seen_);
        assert.equal(m.batchSizeUsed, e.batch_size_);
        assertClose(m.transform(digits.slice(0, 10)).toArray() as number[][], e.transform_first10, {
          rtol: 1e-6,
          atol: 1e-8,
          label: 'transform',
        });
      });
    }
  }

  test('partialFit over three iris chunks matches sklearn', async () => {
    const e = fx.expected.iris_partial;
    const m = new IncrementalPCA({ nComponents: 3 });
    for (let s = 0; s < 150; s += 50) await m.partialFit(iris.slice(s, s + 50));
    assertClose(m.components.toArray() as number[][], e.components_, { rtol: 1e-7, atol: 1e-10, label: 'components' });
    assertClose(m.explainedVariance, e.explained_variance_, { rtol: 1e-9, label: 'ev' });
    assertClose(m.explainedVarianceRatio, e.explained_variance_ratio_, { rtol: 1e-9, label: 'ratio' });
    assertClose(m.singularValues, e.singular_values_, { rtol: 1e-9, label: 'sv' });
    assertClose(m.mean, e.mean_, { rtol: 1e-12, label: 'mean' });
    assertClose(m.var, e.var_, { rtol: 1e-10, label: 'var' });
    assertClose(m.noiseVariance, e.noise_variance_, { rtol: 1e-8, label: 'noise' });
    assert.equal(m.nSamplesSeen, 150);
  });

  test('with one batch it is PCA; with many, the same subspace and exact mean/variance', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 2, max: 6 }), async (seed, d) => {
        const X = randomMatrix(8 * d, d, seed).map((r) => r.map((v, j) => v * (j + 1)));
        const one = await new IncrementalPCA({ batchSize: 8 * d }).fit(X);
        const pca = await new PCA({ svdSolver: 'full' }).fit(X);
        assertClose(one.explainedVariance, pca.explainedVariance, { rtol: 1e-9, label: 'ev' });
        const C1 = one.components.toArray() as number[][];
        const C2 = pca.components.toArray() as number[][];
        // Same directions up to sign (sign rules differ: v-based vs u-based).
        for (let c = 0; c < d; c++) {
          const dot = C1[c].reduce((s, v, f) => s + v * C2[c][f], 0);
          assert.ok(Math.abs(Math.abs(dot) - 1) < 1e-7, `component ${c}: |dot| = ${Math.abs(dot)}`);
        }
        // Full rank with several batches: the total variance and the reconstruction are exact.
        const many = await new IncrementalPCA({ batchSize: 2 * d + 1 }).fit(X);
        assertClose(many.mean, pca.mean, { rtol: 1e-10, atol: 1e-12, label: 'mean' });
        const back = many.inverseTransform(many.transform(X)).toArray() as number[][];
        assertClose(back, X, { rtol: 1e-8, atol: 1e-9, label: 'reconstruction' });
        const total = many.explainedVariance.reduce((a, b) => a + b, 0);
        const expected = pca.explainedVariance.reduce((a, b) => a + b, 0);
        assertClose(total, expected, { rtol: 1e-9, label: 'total variance' });
      }),
      { numRuns: 15 },
    );
  });

  test('genBatches follows sklearn (short tails merge into no batch smaller than minBatchSize)', () => {
    assert.deepEqual(genBatches(10, 4), [
      [0, 4],
      [4, 8],
      [8, 10],
    ]);
    assert.deepEqual(genBatches(10, 4, 3), [
      [0, 4],
      [4, 10],
    ]);
    assert.deepEqual(genBatches(3, 5), [[0, 3]]);
  });

  test('bad input: too many components, NaN, changing feature count', async () => {
    await assert.rejects(
      new IncrementalPCA({ nComponents: 5 }).fit(iris),
      (e: Error) => e instanceof ValidationError && /nComponents=5 invalid for nFeatures=4/.test(e.message),
    );
    await assert.rejects(
      new IncrementalPCA({ nComponents: 3, batchSize: 2 }).fit(iris.slice(0, 2)),
      (e: Error) => e instanceof ValidationError && /batch number of samples 2/.test(e.message),
    );
    await assert.rejects(
      new IncrementalPCA().fit([
        [1, Number.NaN],
        [2, 3],
        [4, 5],
      ]),
      ValidationError,
    );
    const m = await new IncrementalPCA({ nComponents: 2 }).partialFit(iris.slice(0, 20));
    await assert.rejects(m.partialFit(iris.slice(20, 40).map((r) => r.slice(0, 3))), ValidationError);
  });

  test('save/load keeps partialFit state', async () => {
    const m = await new IncrementalPCA({ nComponents: 2 }).partialFit(iris.slice(0, 75));
    const copy = IncrementalPCA.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    await m.partialFit(iris.slice(75));
    await copy.partialFit(iris.slice(75));
    assert.deepEqual(copy.components.toArray(), m.components.toArray());
    assert.equal(copy.nSamplesSeen, 150);
  });

  test('checkEstimator', async () => {
    assert.equal((await checkEstimator(() => new IncrementalPCA({ nComponents: 2 }))).failed, 0);
    assert.equal((await checkEstimator(() => new IncrementalPCA({ whiten: true, batchSize: 10 }))).failed, 0);
  });
});
