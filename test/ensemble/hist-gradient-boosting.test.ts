import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { Frame } from '../../src/data/frame.js';
import {
  HistGradientBoostingClassifier,
  HistGradientBoostingRegressor,
} from '../../src/ensemble/hist-gradient-boosting/index.js';
import { RandomGenerator } from '../../src/tensor/random.js';
import { loadSklearnFixture } from '../helpers/fixtures.js';

/** n rows, 2 features in [0, 1), y from f. */
function makeData(n: number, seed: number, f: (a: number, b: number, rng: RandomGenerator) => number) {
  const rng = new RandomGenerator(seed);
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = rng.random();
    const b = rng.random();
    X.push([a, b]);
    y.push(f(a, b, rng));
  }
  return { X, y };
}

describe('HistGradientBoostingClassifier', () => {
  test('passes checkEstimator', async () => {
    assert.equal((await checkEstimator(() => new HistGradientBoostingClassifier({ maxIter: 10 }))).failed, 0);
    const report = await checkEstimator(() => new HistGradientBoostingClassifier({ maxIter: 10, minSamplesLeaf: 2 }));
    assert.equal(report.failed, 0);
  });

  test('breast_cancer 5-fold accuracy within 1.5 points of sklearn 1.2.1', async () => {
    const fixture = loadSklearnFixture('ensemble_histgradientboostingclassifier_breastcancer');
    const X: number[][] = fixture.inputs.X;
    const y: number[] = fixture.inputs.y;
    const accuracies: number[] = [];
    for (const fold of fixture.expected.folds as { train_idx: number[]; test_idx: number[] }[]) {
      const model = await new HistGradientBoostingClassifier({ randomState: 0 }).fit(
        fold.train_idx.map((i) => X[i]),
        fold.train_idx.map((i) => y[i]),
      );
      assert.equal(model.nIter, 100, 'early stopping is off below 10000 samples');
      accuracies.push(
        model.score(
          fold.test_idx.map((i) => X[i]),
          fold.test_idx.map((i) => y[i]),
        ),
      );
    }
    const mean = accuracies.reduce((a, b) => a + b, 0) / accuracies.length;
    assert.ok(
      Math.abs(mean - fixture.expected.mean_accuracy) <= 0.015,
      `mean accuracy ${mean} vs sklearn ${fixture.expected.mean_accuracy} (folds ${accuracies})`,
    );
  });

  test('one iteration on tiny data is the hand-computed Newton step', async () => {
    const X = [[0], [0], [1], [1]];
    const model = await new HistGradientBoostingClassifier({ maxIter: 1, minSamplesLeaf: 1 }).fit(X, [0, 0, 1, 1]);
    // baseline log-odds 0, p = 0.5: g = ±0.5, h = 0.25 per sample; leaf = -ΣG/ΣH = ∓2, shrunk by 0.1.
    const raw = model.decisionFunction([[0], [1]]) as Float64Array;
    assert.ok(Math.abs(raw[0] + 0.2) < 1e-12 && Math.abs(raw[1] - 0.2) < 1e-12, `raw ${raw}`);
    const proba = model.predictProba([[1]]).data;
    assert.ok(Math.abs(proba[1] - 1 / (1 + Math.exp(-0.2))) < 1e-12);
  });

  test('multiclass: one tree per class per iteration, probabilities from softmax', async () => {
    const { X, y } = makeData(300, 3, (a, b) => (a < 0.33 ? 0 : a < 0.66 ? 1 : b < 0.5 ? 2 : 0));
    const model = await new HistGradientBoostingClassifier({ maxIter: 20 }).fit(X, y);
    assert.equal(model.nTreesPerIteration, 3);
    assert.equal(model.trees[0].length, 3);
    assert.ok(model.score(X, y) > 0.95);
    const proba = model.predictProba(X.slice(0, 5));
    assert.deepEqual(proba.shape, [5, 3]);
  });

  test('stagedPredict / stagedPredictProba: the last stage equals predict', async () => {
    const { X, y } = makeData(200, 4, (a, b) => (a + b > 1 ? 1 : 0));
    const model = await new HistGradientBoostingClassifier({ maxIter: 15 }).fit(X, y);
    const stages = [...model.stagedPredict(X)];
    assert.equal(stages.length, 15);
    assert.deepEqual(Array.from(stages[14] as ArrayLike<number>), Array.from(model.predict(X) as ArrayLike<number>));
    const probas = [...model.stagedPredictProba(X)];
    assert.deepEqual(Array.from(probas[14].data), Array.from(model.predictProba(X).data));
  });

  test('early stopping stops on a noise target; auto is off for small data', async () => {
    const { X, y } = makeData(2000, 5, (_a, _b, rng) => (rng.random() < 0.5 ? 1 : 0));
    const stopped = await new HistGradientBoostingClassifier({ earlyStopping: true, randomState: 0 }).fit(X, y);
    assert.ok(stopped.nIter < 100, `nIter ${stopped.nIter}`);
    assert.equal(stopped.validationScore.length, stopped.nIter + 1);
    assert.equal(stopped.trainScore.length, stopped.nIter + 1);
    const auto = await new HistGradientBoostingClassifier({ maxIter: 30 }).fit(X, y);
    assert.equal(auto.nIter, 30);
    assert.equal(auto.trainScore.length, 0);
  });

  test('determinism for a seed (with the early-stopping split)', async () => {
    const { X, y } = makeData(600, 6, (a, b, rng) => (a * b + 0.1 * rng.normal() > 0.25 ? 1 : 0));
    const fit = (seed: number) =>
      new HistGradientBoostingClassifier({ earlyStopping: true, randomState: seed, maxIter: 40 }).fit(X, y);
    const [a, b] = await Promise.all([fit(7), fit(7)]);
    assert.deepEqual(Array.from(a.predictProba(X).data), Array.from(b.predictProba(X).data));
    assert.deepEqual(Array.from(a.validationScore), Array.from(b.validationScore));
  });

  test('categorical features: a Frame categorical column is used directly; unseen categories are missing', async () => {
    const rng = new RandomGenerator(8);
    const cities = ['paris', 'oslo', 'rome', 'lima', 'kyiv', 'baku'];
    const c: string[] = [];
    const x: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < 600; i++) {
      const k = rng.integers(0, cities.length);
      c.push(cities[k]);
      x.push(rng.random());
      y.push(k % 2 === 0 ? 1 : 0);
    }
    const frame = Frame.fromColumns({ city: c, x });
    const model = await new HistGradientBoostingClassifier({ maxIter: 5 }).fit(frame, y);
    assert.deepEqual(model.featureNamesIn, ['city', 'x']);
    assert.equal(model.score(frame, y), 1);
    const test = Frame.fromColumns({ city: ['rome', 'oslo', 'atlantis'], x: [0.5, 0.5, 0.5] });
    const pred = model.predict(test);
    assert.deepEqual(Array.from(pred as ArrayLike<number>).slice(0, 2), [1, 0]);
  });

  test('bad input: categorical indices out of range, too many categories, bad sampleWeight', async () => {
    const X = [
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
    ];
    const y = [0, 1, 0, 1];
    await assert.rejects(new HistGradientBoostingClassifier({ categoricalFeatures: [2] }).fit(X, y), (e: Error) => {
      return e instanceof ValidationError && /index 2 is out of range/.test(e.message);
    });
    await assert.rejects(
      new HistGradientBoostingClassifier({ categoricalFeatures: [0], maxBins: 3 }).fit(X, y),
      (e: Error) => e instanceof ValidationError && /cardinality <= 3/.test(e.message),
    );
    await assert.rejects(
      new HistGradientBoostingClassifier({ categoricalFeatures: [1], maxBins: 4 }).fit(X, y),
      (e: Error) => e instanceof ValidationError && /values < 4/.test(e.message),
    );
    await assert.rejects(
      new HistGradientBoostingClassifier().fit(X, y, { sampleWeight: [1, 1, -1, 1] }),
      (e: Error) => e instanceof ValidationError && /Negative/.test(e.message),
    );
    await assert.rejects(
      new HistGradientBoostingClassifier().fit(X, y, { sampleWeight: [1, 1] }),
      (e: Error) => e instanceof ValidationError && /2 values, expected 4/.test(e.message),
    );
    await assert.rejects(new HistGradientBoostingClassifier().fit(X, [1, 1, 1, 1]), ValidationError);
  });
});

describe('HistGradientBoostingRegressor', () => {
  test('passes checkEstimator', async () => {
    assert.equal((await checkEstimator(() => new HistGradientBoostingRegressor({ maxIter: 10 }))).failed, 0);
    const r = await checkEstimator(() => new HistGradientBoostingRegressor({ maxIter: 10, minSamplesLeaf: 3 }));
    assert.equal(r.failed, 0);
  });

  test('one iteration on tiny data is the hand-computed Newton step (with l2)', async () => {
    const X = [[0], [0], [1], [1]];
    const model = await new HistGradientBoostingRegressor({ maxIter: 1, minSamplesLeaf: 1, l2Regularization: 1 }).fit(
      X,
      [0, 0, 10, 10],
    );
    // baseline 5, g = ±5, h = 1: leaf = -ΣG/(ΣH + λ) = ∓10/3, shrunk by 0.1.
    const pred = model.predict([[0], [1]]);
    assert.ok(Math.abs(pred[0] - (5 - 1 / 3)) < 1e-12 && Math.abs(pred[1] - (5 + 1 / 3)) < 1e-12, `pred ${pred}`);
  });

  test('NaN routing: missing values learned as their own side; unseen NaN follows the majority', async () => {
    const X: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 300; i++) {
      const missing = i % 3 === 0;
      const v = (i % 100) / 100;
      X.push([missing ? Number.NaN : v]);
      y.push(missing ? 100 : v < 0.5 ? 0 : 10);
    }
    const model = await new HistGradientBoostingRegressor({ learningRate: 1, maxIter: 5 }).fit(X, y);
    const pred = model.predict([[Number.NaN], [0.2], [0.8]]);
    assert.ok(Math.abs(pred[0] - 100) < 1e-6 && Math.abs(pred[1]) < 1e-6 && Math.abs(pred[2] - 10) < 1e-6, `${pred}`);
    // Trained without NaN: 70 rows left of the only split, 30 right; NaN goes left.
    const Xc = Array.from({ length: 100 }, (_, i) => [i]);
    const yc = Xc.map(([v]) => (v < 70 ? 1 : 5));
    const plain = await new HistGradientBoostingRegressor({ learningRate: 1, maxIter: 1, maxLeafNodes: 2 }).fit(Xc, yc);
    assert.equal(plain.predict([[Number.NaN]])[0], plain.predict([[0]])[0]);
  });

  test('categorical splits beat ordinal splits on a parity target', async () => {
    const rng = new RandomGenerator(9);
    const X = Array.from({ length: 500 }, () => [rng.integers(0, 10)]);
    const y = X.map(([c]) => (c % 2 === 1 ? 1 : 0));
    const options = { maxIter: 1, learningRate: 1, maxLeafNodes: 2, minSamplesLeaf: 5 };
    const cat = await new HistGradientBoostingRegressor({ ...options, categoricalFeatures: [0] }).fit(X, y);
    const ordinal = await new HistGradientBoostingRegressor(options).fit(X, y);
    assert.ok(cat.score(X, y) > 0.999, `categorical R² ${cat.score(X, y)}`);
    assert.ok(ordinal.score(X, y) < 0.2, `ordinal R² ${ordinal.score(X, y)}`);
  });

  test('monotonic constraints hold on a grid (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 1000 }), async (seed) => {
        const { X, y } = makeData(300, seed, (a, b, rng) => Math.sin(6 * a) + Math.cos(5 * b) + 0.3 * rng.normal());
        const model = await new HistGradientBoostingRegressor({ monotonicCst: [1, -1], maxIter: 20 }).fit(X, y);
        for (const other of [0.1, 0.5, 0.9]) {
          const grid = Array.from({ length: 41 }, (_, k) => k / 40);
          const up = model.predict(grid.map((v) => [v, other]));
          const down = model.predict(grid.map((v) => [other, v]));
          for (let k = 1; k < grid.length; k++) {
            assert.ok(up[k] >= up[k - 1] - 1e-12, `increasing in x0 at ${grid[k]}`);
            assert.ok(down[k] <= down[k - 1] + 1e-12, `decreasing in x1 at ${grid[k]}`);
          }
        }
      }),
      { numRuns: 8 },
    );
  });

  test('interaction constraints: no_interactions gives an additive model', async () => {
    const { X, y } = makeData(400, 10, (a, b) => a * b * 10);
    const model = await new HistGradientBoostingRegressor({ interactionCst: 'no_interactions', maxIter: 30 }).fit(X, y);
    for (const tree of model.trees.flat()) {
      const used = new Set(Array.from(tree.arrays.feature).filter((f) => f >= 0));
      assert.ok(used.size <= 1, 'each tree uses one feature');
    }
    // Additive: f(a, b) - f(a', b) does not depend on b.
    const d1 = model.predict([[0.9, 0.1]])[0] - model.predict([[0.1, 0.1]])[0];
    const d2 = model.predict([[0.9, 0.9]])[0] - model.predict([[0.1, 0.9]])[0];
    assert.ok(Math.abs(d1 - d2) < 1e-9);
  });

  test('losses: absolute_error leaves are medians, quantile, poisson and gamma fit', async () => {
    const { X, y } = makeData(400, 11, (a, _b, rng) => Math.exp(a) + 0.1 * rng.random());
    const abs = await new HistGradientBoostingRegressor({ loss: 'absolute_error', maxIter: 1, learningRate: 1 }).fit(
      [[0], [0], [0], [0], [0]].concat(Array(20).fill([0])),
      [1, 2, 3, 100, 200].concat(Array(20).fill(3)),
    );
    assert.equal(abs.predict([[0]])[0], 3);
    for (const loss of ['poisson', 'gamma', 'squared_error', 'absolute_error'] as const) {
      const m = await new HistGradientBoostingRegressor({ loss, maxIter: 50 }).fit(X, y);
      assert.ok(m.score(X, y) > 0.9, `${loss}: R² ${m.score(X, y)}`);
    }
    const q = await new HistGradientBoostingRegressor({ loss: 'quantile', quantile: 0.9, maxIter: 50 }).fit(X, y);
    const below = q.predict(X).filter((p, i) => y[i] <= p).length / y.length;
    assert.ok(below > 0.8 && below < 0.98, `coverage ${below}`);
    await assert.rejects(new HistGradientBoostingRegressor({ loss: 'gamma' }).fit([[0], [1]], [1, 0]), ValidationError);
    await assert.rejects(
      new HistGradientBoostingRegressor({ loss: 'quantile' }).fit([[0], [1]], [1, 0]),
      ValidationError,
    );
  });

  test('warm start adds iterations and matches one longer fit', async () => {
    const { X, y } = makeData(300, 12, (a, b) => a + 2 * b);
    const warm = new HistGradientBoostingRegressor({ maxIter: 10, warmStart: true });
    await warm.fit(X, y);
    warm.setParams({ maxIter: 20 });
    await warm.fit(X, y);
    assert.equal(warm.nIter, 20);
    const full = await new HistGradientBoostingRegressor({ maxIter: 20 }).fit(X, y);
    const a = warm.predict(X);
    const b = full.predict(X);
    for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i] - b[i]) < 1e-9);
  });

  test('save/load round-trip keeps predictions including NaN and categorical routing', async () => {
    const X = Array.from({ length: 200 }, (_, i) => [i % 5, i % 7 === 0 ? Number.NaN : i / 200]);
    const y = X.map(([c, v]) => c * 2 + (Number.isNaN(v) ? 5 : v));
    const model = await new HistGradientBoostingRegressor({ categoricalFeatures: [true, false], maxIter: 10 }).fit(
      X,
      y,
    );
    const loaded = HistGradientBoostingRegressor.fromJSON(JSON.parse(JSON.stringify(model)));
    assert.deepEqual(Array.from(loaded.predict(X)), Array.from(model.predict(X)));
  });
});
