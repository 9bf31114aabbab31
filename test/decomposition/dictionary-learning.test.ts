import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { captureWarnings } from '../../src/base/warnings.js';
import { loadDataset } from '../../src/data/datasets.js';
import { DictionaryLearning, updateDict } from '../../src/decomposition/dictionary-learning.js';
import { MiniBatchDictionaryLearning } from '../../src/decomposition/minibatch-dictionary-learning.js';
import { RandomGenerator } from '../../src/tensor/random.js';
import { assertClose, loadSklearnFixture } from '../helpers/fixtures.js';

const fx = loadSklearnFixture('decomposition_dictionarylearning_iris');
const mb = loadSklearnFixture('decomposition_minibatchdictionarylearning_iris');
const iris = loadDataset('iris').data.toArray() as number[][];
const irisMean = [0, 1, 2, 3].map((f) => iris.reduce((s, r) => s + r[f], 0) / iris.length);
const Xi = iris.map((r) => r.map((v, f) => v - irisMean[f]));
const digits = (loadDataset('digits').data.toArray() as number[][]).slice(0, 100).map((r) => r.map((v) => v / 16));

describe('DictionaryLearning', () => {
  const runs: [string, number[][], Partial<ConstructorParameters<typeof DictionaryLearning>[0]>][] = [
    ['iris_svd', Xi, { nComponents: 3, alpha: 0.5 }],
    ['iris_svd_a01', Xi, { nComponents: 4, alpha: 0.1, maxIter: 200 }],
    ['digits_svd', digits, { nComponents: 8, alpha: 0.5, maxIter: 50 }],
  ];
  for (const [name, X, params] of runs) {
    test(`matches sklearn (cd, SVD start): ${name}`, async () => {
      const e = fx.expected[name];
      const m = new DictionaryLearning({ ...params, transformAlgorithm: 'lasso_cd', randomState: 0 });
      await captureWarnings(() => m.fit(X));
      assert.equal(m.nIter, e.n_iter_);
      assertClose(m.components.toArray() as number[][], e.components_, { rtol: 1e-6, atol: 1e-8, label: 'components' });
      assertClose(m.error, e.error_, { rtol: 1e-7, atol: 1e-9, label: 'error' });
      const T = (await captureWarnings(async () => m.transform(X.slice(0, 10)))).result;
      assertClose(T.toArray() as number[][], e.transform_first10, { rtol: 1e-6, atol: 1e-8, label: 'transform' });
      m.setParams({ transformAlgorithm: 'omp', transformNNonzeroCoefs: 2 });
      assertClose(m.transform(X.slice(0, 10)).toArray() as number[][], e.omp_first10, { rtol: 1e-6, atol: 1e-8 });
      m.setParams({ transformAlgorithm: 'threshold', transformAlpha: 0.5 });
      assertClose(m.transform(X.slice(0, 10)).toArray() as number[][], e.threshold_first10, { rtol: 1e-6, atol: 1e-8 });
    });
  }

  test('matches sklearn from codeInit/dictInit with positiveCode', async () => {
    const e = fx.expected.iris_init_positive_code;
    const m = new DictionaryLearning({
      nComponents: 3,
      codeInit: fx.inputs.code0,
      dictInit: fx.inputs.dict0,
      positiveCode: true,
      alpha: 0.3,
      transformAlgorithm: 'lasso_cd',
    });
    await captureWarnings(() => m.fit(Xi));
    assert.equal(m.nIter, e.n_iter_);
    assertClose(m.components.toArray() as number[][], e.components_, { rtol: 1e-6, atol: 1e-8 });
    assertClose(m.error, e.error_, { rtol: 1e-7, atol: 1e-9 });
    const T = m.transform(Xi).toArray() as number[][];
    assert.ok(T.flat().every((v) => v >= 0));
  });

  test('property: atoms have norm <= 1 and the cost never increases much', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.double({ min: 0.05, max: 3, noNaN: true }),
        async (k, alpha) => {
          const m = await new DictionaryLearning({ nComponents: k, alpha, maxIter: 30, randomState: 0 }).fit(Xi);
          const D = m.components.toArray() as number[][];
          for (const atom of D) assert.ok(Math.hypot(...atom) <= 1 + 1e-12);
          const err = m.error;
          for (let i = 1; i < err.length; i++) assert.ok(err[i] <= err[i - 1] * (1 + 1e-6) + 1e-9);
        },
      ),
      { numRuns: 8 },
    );
  });

  test('updateDict re-draws an unused atom and zeroes its code', () => {
    const y = Float64Array.of(1, 2, 3, 4, 5, 6);
    const dict = Float64Array.of(1, 0, 0, 0, 1, 0);
    const code = Float64Array.of(1, 0, 2, 0);
    updateDict(dict, y, code, 2, 3, 2, null, null, new RandomGenerator(0), false);
    assert.ok(dict.slice(3).some((v) => v !== 0));
    assert.equal(code[1], 0);
    assert.equal(code[3], 0);
  });

  test('bad input', async () => {
    await assert.rejects(
      new DictionaryLearning({ nComponents: 2 }).fit([
        [1, Number.NaN],
        [2, 3],
      ]),
      /NaN|finite/i,
    );
    await assert.rejects(
      new DictionaryLearning({
        nComponents: 2,
        codeInit: [[1, 2]],
        dictInit: [
          [1, 0],
          [0, 1],
        ],
      }).fit(Xi),
      ValidationError,
    );
    await assert.rejects(new DictionaryLearning({ nComponents: 0 }).fit(Xi), ValidationError);
    const m = await new DictionaryLearning({ nComponents: 2, maxIter: 5 }).fit(Xi);
    assert.throws(() => m.transform([[1, 2]]), ValidationError);
  });

  test('nComponents larger than the rank pads with zero atoms and still fits', async () => {
    const m = await captureWarnings(() =>
      new DictionaryLearning({ nComponents: 6, maxIter: 20, randomState: 0 }).fit(Xi),
    );
    assert.deepEqual(m.result.components.shape, [6, 4]);
  });

  test('checkEstimator', async () => {
    for (const make of [
      () => new DictionaryLearning({ nComponents: 2, maxIter: 20, randomState: 0 }),
      () =>
        new DictionaryLearning({
          nComponents: 3,
          maxIter: 20,
          transformAlgorithm: 'lasso_cd',
          splitSign: true,
          randomState: 0,
        }),
    ]) {
      await captureWarnings(async () => assert.equal((await checkEstimator(make)).failed, 0));
    }
  });
});

describe('MiniBatchDictionaryLearning', () => {
  const dict0 = mb.inputs.dict0 as number[][];
  const runs: [string, ConstructorParameters<typeof MiniBatchDictionaryLearning>[0]][] = [
    ['svd_b10_it5', { nComponents: 3, alpha: 0.3, batchSize: 10, maxIter: 5 }],
    ['init_b16_it50', { nComponents: 3, alpha: 0.3, batchSize: 16, maxIter: 50, dictInit: dict0 }],
    ['svd_b3_legacy', { nComponents: 2, alpha: 0.3, batchSize: 3 }],
    ['svd_b20_tol0', { nComponents: 2, alpha: 0.5, batchSize: 20, maxIter: 30, tol: 0, maxNoImprovement: null }],
  ];
  for (const [name, params] of runs) {
    test(`matches sklearn with shuffle false: ${name}`, async () => {
      const e = mb.expected[name];
      const m = new MiniBatchDictionaryLearning({
        ...params,
        shuffle: false,
        transformAlgorithm: 'lasso_cd',
        randomState: 0,
      });
      await captureWarnings(() => m.fit(Xi));
      assert.equal(m.nSteps, e.n_steps_);
      assert.equal(m.nIter, e.n_iter_);
      assertClose(m.components.toArray() as number[][], e.components_, { rtol: 1e-6, atol: 1e-8, label: 'components' });
      const T = (await captureWarnings(async () => m.transform(Xi.slice(0, 10)))).result;
      assertClose(T.toArray() as number[][], e.transform_first10, { rtol: 1e-6, atol: 1e-8, label: 'transform' });
    });
  }

  test('partialFit over five chunks matches sklearn', async () => {
    const e = mb.expected.partial_fit_5x30;
    const m = new MiniBatchDictionaryLearning({ nComponents: 3, alpha: 0.3, dictInit: dict0, randomState: 0 });
    for (let s = 0; s < 150; s += 30) await captureWarnings(() => m.partialFit(Xi.slice(s, s + 30)));
    assert.equal(m.nSteps, e.n_steps_);
    assertClose(m.components.toArray() as number[][], e.components_, { rtol: 1e-6, atol: 1e-8 });
  });

  test('property: atoms have norm <= 1 for any batch size and seed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 50 }), fc.nat(1000), async (bs, seed) => {
        const m = await new MiniBatchDictionaryLearning({
          nComponents: 3,
          batchSize: bs,
          maxIter: 3,
          randomState: seed,
        }).fit(Xi);
        for (const atom of m.components.toArray() as number[][]) assert.ok(Math.hypot(...atom) <= 1 + 1e-12);
        assert.ok(m.nIter <= 3);
      }),
      { numRuns: 10 },
    );
  });

  test('bad input', async () => {
    await assert.rejects(
      new MiniBatchDictionaryLearning({ nComponents: 2 }).fit([
        [1, Number.NaN],
        [2, 3],
      ]),
      /NaN|finite/i,
    );
    await assert.rejects(
      new MiniBatchDictionaryLearning({ nComponents: 3, dictInit: [[1, 2]] }).fit(Xi),
      ValidationError,
    );
    await assert.rejects(new MiniBatchDictionaryLearning({ batchSize: 0 }).fit(Xi), ValidationError);
  });

  test('checkEstimator', async () => {
    for (const make of [
      () => new MiniBatchDictionaryLearning({ nComponents: 2, batchSize: 5, maxIter: 5, randomState: 0 }),
      () =>
        new MiniBatchDictionaryLearning({
          nComponents: 3,
          transformAlgorithm: 'threshold',
          maxIter: 2,
          randomState: 0,
        }),
    ]) {
      await captureWarnings(async () => assert.equal((await checkEstimator(make)).failed, 0));
    }
  });
});
