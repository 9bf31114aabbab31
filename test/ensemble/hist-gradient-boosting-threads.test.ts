import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { HistGradientBoostingClassifier } from '../../src/ensemble/hist-gradient-boosting/hist-gradient-boosting-classifier.js';
import { HistGradientBoostingRegressor } from '../../src/ensemble/hist-gradient-boosting/hist-gradient-boosting-regressor.js';
import { getNumThreads, setNumThreads } from '../../src/parallel/companion.js';
import { closeReusablePools } from '../../src/parallel/pool.js';
import { RandomGenerator } from '../../src/tensor/random.js';
import { Tensor } from '../../src/tensor/tensor.js';

after(() => closeReusablePools());

/** 24,000 × 10 rows: large enough for the companion thread (≥ 200,000 samples × features). */
function problem(nClasses: number, seed: number) {
  const n = 24_000;
  const p = 10;
  const rng = new RandomGenerator(seed);
  const X = new Float64Array(n * p);
  const yClass = new Float64Array(n);
  const yReg = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) X[i * p + j] = rng.random() < 0.01 ? Number.NaN : rng.normal();
    const s = (X[i * p] || 0) + 0.7 * (X[i * p + 1] || 0) * (X[i * p + 2] || 0) + 0.5 * rng.normal();
    yClass[i] = Math.min(nClasses - 1, Math.max(0, Math.floor((s + 1.5) * (nClasses / 3))));
    yReg[i] = Math.exp(0.3 * s);
  }
  const w = Float64Array.from({ length: n }, (_, i) => (i < n / 2 ? 0 : 0.5 + rng.random()));
  return { X: new Tensor(X, [n, p]), yClass, yReg, w };
}

/** Fits with the default thread limit (2 on CI) and with setNumThreads(1). */
async function bothWays<T>(fit: () => Promise<T>): Promise<[T, T]> {
  const before = getNumThreads();
  const two = await fit();
  setNumThreads(1);
  try {
    return [two, await fit()];
  } finally {
    setNumThreads(before);
  }
}

describe('HistGradientBoosting gives identical models with one thread and two', () => {
  for (const nClasses of [2, 3]) {
    test(`classifier, ${nClasses} classes, early stopping on loss`, async () => {
      const { X, yClass } = problem(nClasses, nClasses);
      const [two, one] = await bothWays(() =>
        new HistGradientBoostingClassifier({ maxIter: 15, earlyStopping: true, randomState: 0 }).fit(X, yClass),
      );
      assert.deepEqual(two.toJSON(), one.toJSON());
      assert.deepEqual(Array.from(two.trainScore), Array.from(one.trainScore));
      assert.deepEqual(Array.from(two.validationScore), Array.from(one.validationScore));
      assert.ok(two.score(X, yClass) > 0.6);
    });
  }

  test('classifier with a categorical feature, monotonic and interaction constraints', async () => {
    const { X, yClass } = problem(2, 11);
    const data = X.data as Float64Array;
    // Feature 8 (in the companion's half) becomes a category code 0..5.
    for (let i = 0; i < X.shape[0]; i++) data[i * 10 + 8] = Math.floor(Math.abs(data[i * 10 + 8] || 0) * 2) % 6;
    for (const extra of [
      { categoricalFeatures: [8] },
      { monotonicCst: [1, 0, 0, 0, 0, 0, -1, 0, 0, 0] },
      {
        interactionCst: [
          [0, 1, 6],
          [2, 3, 4, 5, 7, 8, 9],
        ],
      },
    ]) {
      const [two, one] = await bothWays(() =>
        new HistGradientBoostingClassifier({ maxIter: 8, earlyStopping: false, randomState: 2, ...extra }).fit(
          X,
          yClass,
        ),
      );
      assert.deepEqual(two.toJSON(), one.toJSON(), JSON.stringify(extra));
    }
  });

  test('regressor growing unbounded trees (the shared memory grows while the companion runs)', async () => {
    const { X, yReg } = problem(2, 5);
    const [two, one] = await bothWays(() =>
      new HistGradientBoostingRegressor({ maxLeafNodes: null, maxDepth: 9, maxIter: 3, randomState: 3 }).fit(X, yReg),
    );
    assert.ok(two.trees[0][0].arrays.feature.length > 100, 'deep trees need more than the initial histogram slots');
    assert.deepEqual(two.toJSON(), one.toJSON());
  });

  for (const loss of ['squared_error', 'poisson', 'absolute_error'] as const) {
    test(`regressor, ${loss}, sample weights zero on half the rows`, async () => {
      const { X, yReg, w } = problem(2, 7);
      const [two, one] = await bothWays(() =>
        new HistGradientBoostingRegressor({ loss, maxIter: 10, earlyStopping: true, randomState: 1 }).fit(X, yReg, {
          sampleWeight: w,
        }),
      );
      assert.deepEqual(two.toJSON(), one.toJSON());
      assert.deepEqual(Array.from(two.trainScore), Array.from(one.trainScore));
      assert.ok(Array.from(two.trainScore).every(Number.isFinite));
    });
  }
});
