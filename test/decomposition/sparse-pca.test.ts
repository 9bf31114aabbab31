import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { captureWarnings } from '../../src/base/warnings.js';
import { loadDataset } from '../../src/data/datasets.js';
import { MiniBatchSparsePCA, SparsePCA } from '../../src/decomposition/sparse-pca.js';
import { assertClose, loadSklearnFixture } from '../helpers/fixtures.js';

const fx = loadSklearnFixture('decomposition_sparsepca_iris');
const mb = loadSklearnFixture('decomposition_minibatchdictionarylearning_iris');
const iris = loadDataset('iris').data.toArray() as number[][];
const wine = loadDataset('wine').data.toArray() as number[][];
function standardize(X: number[][]): number[][] {
  const d = X[0].length;
  const mu = Array.from({ length: d }, (_, f) => X.reduce((s, r) => s + r[f], 0) / X.length);
  const sd = mu.map((m, f) => Math.sqrt(X.reduce((s, r) => s + (r[f] - m) ** 2, 0) / X.length));
  return X.map((r) => r.map((v, f) => (v - mu[f]) / sd[f]));
}
const wineStd = standardize(wine);

describe('SparsePCA', () => {
  const runs: [string, number[][], ConstructorParameters<typeof SparsePCA>[0]][] = [
    ['iris_2', iris, { nComponents: 2 }],
    ['iris_3_a01', iris, { nComponents: 3, alpha: 0.1, ridgeAlpha: 0.1 }],
    ['wine_std_3', wineStd, { nComponents: 3, alpha: 2, maxIter: 100 }],
  ];
  for (const [name, X, params] of runs) {
    test(`matches sklearn (method cd, SVD start): ${name}`, async () => {
      const e = fx.expected[name];
      const m = await captureWarnings(() => new SparsePCA({ ...params, randomState: 0 }).fit(X));
      const spca = m.result;
      assert.equal(spca.nIter, e.n_iter_);
      assertClose(spca.components.toArray() as number[][], e.components_, {
        rtol: 1e-6,
        atol: 1e-8,
        label: 'components',
      });
      assertClose(spca.error, e.error_, { rtol: 1e-7, atol: 1e-9, label: 'error' });
      assertClose(spca.mean.toArray() as number[], e.mean_, { rtol: 1e-12, atol: 1e-12 });
      assertClose(spca.transform(X.slice(0, 10)).toArray() as number[][], e.transform_first10, {
        rtol: 1e-6,
        atol: 1e-8,
        label: 'transform',
      });
    });
  }

  test('matches sklearn from UInit / VInit', async () => {
    const e = fx.expected.iris_init;
    const spca = await new SparsePCA({ nComponents: 2, UInit: fx.inputs.U0, VInit: fx.inputs.V0 }).fit(iris);
    assert.equal(spca.nIter, e.n_iter_);
    assertClose(spca.components.toArray() as number[][], e.components_, { rtol: 1e-6, atol: 1e-8 });
    assertClose(spca.transform(iris.slice(0, 10)).toArray() as number[][], e.transform_first10, {
      rtol: 1e-6,
      atol: 1e-8,
    });
  });

  test('property: unit-norm components, sparser with larger alpha; inverseTransform adds the mean back', async () => {
    await fc.assert(
      fc.asyncProperty(fc.double({ min: 0.01, max: 5, noNaN: true }), async (alpha) => {
        const a = await new SparsePCA({ nComponents: 3, alpha, maxIter: 50 }).fit(wineStd);
        const b = await new SparsePCA({ nComponents: 3, alpha: alpha * 4, maxIter: 50 }).fit(wineStd);
        const nz = (m: SparsePCA) => (m.components.toArray() as number[][]).flat().filter((v) => v !== 0).length;
        for (const row of a.components.toArray() as number[][]) {
          const nrm = Math.hypot(...row);
          assert.ok(nrm === 0 || Math.abs(nrm - 1) < 1e-12);
        }
        assert.ok(nz(b) <= nz(a) + 1);
        const zero = a.inverseTransform([[0, 0, 0]]).toArray() as number[][];
        assertClose(zero[0], a.mean.toArray() as number[], { rtol: 0, atol: 1e-12 });
      }),
      { numRuns: 6 },
    );
  });

  test('bad input', async () => {
    await assert.rejects(
      new SparsePCA({ nComponents: 2 }).fit([
        [1, Number.NaN],
        [2, 3],
      ]),
      /NaN|finite/i,
    );
    await assert.rejects(
      new SparsePCA({ nComponents: 2, UInit: [[1, 2]], VInit: [[1, 0, 0, 0]] }).fit(iris),
      ValidationError,
    );
    await assert.rejects(new SparsePCA({ alpha: -1 }).fit(iris), ValidationError);
    const m = await new SparsePCA({ nComponents: 2, maxIter: 5 }).fit(iris);
    assert.throws(() => m.transform([[1, 2]]), ValidationError);
    assert.throws(() => m.inverseTransform([[1, 2, 3]]), ValidationError);
  });

  test('nComponents above nFeatures still fits (zero-padded start)', async () => {
    const m = await captureWarnings(() => new SparsePCA({ nComponents: 6, maxIter: 20, randomState: 0 }).fit(iris));
    assert.deepEqual(m.result.components.shape, [6, 4]);
  });

  test('checkEstimator', async () => {
    await captureWarnings(async () =>
      assert.equal(
        (await checkEstimator(() => new SparsePCA({ nComponents: 2, maxIter: 30, randomState: 0 }))).failed,
        0,
      ),
    );
  });
});

describe('MiniBatchSparsePCA', () => {
  const runs: [string, ConstructorParameters<typeof MiniBatchSparsePCA>[0]][] = [
    ['iris_2_b3_it10', { nComponents: 2, batchSize: 3, maxIter: 10 }],
    ['iris_3_legacy', { nComponents: 3, alpha: 0.3, batchSize: 2 }],
  ];
  for (const [name, params] of runs) {
    test(`matches sklearn with shuffle false: ${name}`, async () => {
      const e = mb.expected[`spca_${name}`];
      const m = (
        await captureWarnings(() => new MiniBatchSparsePCA({ ...params, shuffle: false, randomState: 0 }).fit(iris))
      ).result;
      assert.equal(m.nIter, e.n_iter_);
      assertClose(m.components.toArray() as number[][], e.components_, { rtol: 1e-6, atol: 1e-8, label: 'components' });
      assertClose(m.transform(iris.slice(0, 10)).toArray() as number[][], e.transform_first10, {
        rtol: 1e-6,
        atol: 1e-8,
      });
    });
  }

  test('bad input and checkEstimator', async () => {
    await assert.rejects(
      new MiniBatchSparsePCA({ nComponents: 2 }).fit([
        [1, Number.NaN],
        [2, 3],
      ]),
      /NaN|finite/i,
    );
    await assert.rejects(new MiniBatchSparsePCA({ batchSize: 0 }).fit(iris), ValidationError);
    await captureWarnings(async () =>
      assert.equal(
        (await checkEstimator(() => new MiniBatchSparsePCA({ nComponents: 2, maxIter: 5, randomState: 0 }))).failed,
        0,
      ),
    );
  });
});
