import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { GradientBoostingClassifier } from '../../src/ensemble/gradient-boosting-classifier.js';
import { GradientBoostingRegressor } from '../../src/ensemble/gradient-boosting-regressor.js';
import { RandomGenerator } from '../../src/tensor/random.js';

function makeData(n: number, seed: number, f: (a: number, b: number) => number) {
  const rng = new RandomGenerator(seed);
  const X = Array.from({ length: n }, () => [rng.random(), rng.random()]);
  return { X, y: X.map(([a, b]) => f(a, b)) };
}

describe('GradientBoostingClassifier', () => {
  test('passes checkEstimator', async () => {
    assert.equal((await checkEstimator(() => new GradientBoostingClassifier({ nEstimators: 10 }))).failed, 0);
    const sub = await checkEstimator(() => new GradientBoostingClassifier({ nEstimators: 10, subsample: 0.7 }));
    assert.equal(sub.failed, 0);
  });

  test('one stage is the Newton step on the log-odds', async () => {
    const model = await new GradientBoostingClassifier({ nEstimators: 1, maxDepth: 1 }).fit(
      [[0], [0], [1], [1]],
      [0, 0, 1, 1],
    );
    // init 0, p = 0.5, residual ±0.5: leaf = Σr / Σp(1-p) = ±2, times 0.1.
    const p = model.predictProba([[1]]).data[1];
    assert.ok(Math.abs(p - 1 / (1 + Math.exp(-0.2))) < 1e-12);
  });

  test('learns binary and multiclass targets; staged last equals predict', async () => {
    const { X, y } = makeData(300, 1, (a, b) => (a < 0.3 ? 0 : b < 0.5 ? 1 : 2));
    const model = await new GradientBoostingClassifier({ nEstimators: 30 }).fit(X, y);
    assert.equal(model.estimators[0].length, 3);
    assert.ok(model.score(X, y) > 0.97);
    const staged = [...model.stagedPredict(X)];
    assert.deepEqual(
      Array.from(staged[staged.length - 1] as ArrayLike<number>),
      Array.from(model.predict(X) as ArrayLike<number>),
    );
    const imp = model.featureImportances;
    assert.ok(Math.abs(imp[0] + imp[1] - 1) < 1e-12);
  });

  test('early stopping with nIterNoChange stops before nEstimators on noise', async () => {
    const rng = new RandomGenerator(2);
    const X = Array.from({ length: 400 }, () => [rng.random(), rng.random()]);
    const y = X.map(() => (rng.random() < 0.5 ? 1 : 0));
    const model = await new GradientBoostingClassifier({ nIterNoChange: 3, randomState: 0, nEstimators: 200 }).fit(
      X,
      y,
    );
    assert.ok(model.nEstimatorsFitted < 200);
  });

  test('bad sampleWeight is a clear error', async () => {
    await assert.rejects(
      new GradientBoostingClassifier().fit([[0], [1]], [0, 1], { sampleWeight: [1, -1] }),
      (e: Error) => e instanceof ValidationError && /Negative/.test(e.message),
    );
  });
});

describe('GradientBoostingRegressor', () => {
  test('passes checkEstimator', async () => {
    assert.equal((await checkEstimator(() => new GradientBoostingRegressor({ nEstimators: 10 }))).failed, 0);
  });

  test('fits a smooth target; absolute error and quantile losses', async () => {
    const { X, y } = makeData(300, 3, (a, b) => Math.sin(4 * a) + b);
    for (const loss of ['squared_error', 'absolute_error'] as const) {
      const m = await new GradientBoostingRegressor({ loss, nEstimators: 100 }).fit(X, y);
      assert.ok(m.score(X, y) > 0.95, `${loss}: ${m.score(X, y)}`);
    }
    const q = await new GradientBoostingRegressor({ loss: 'quantile', alpha: 0.9, nEstimators: 50 }).fit(X, y);
    assert.ok(q.predict(X).every((v, i) => Number.isFinite(v) && Number.isFinite(y[i])));
    const sub = (seed: number) =>
      new GradientBoostingRegressor({ subsample: 0.5, randomState: seed, nEstimators: 20 }).fit(X, y);
    assert.deepEqual(Array.from((await sub(4)).predict(X)), Array.from((await sub(4)).predict(X)));
  });
});
