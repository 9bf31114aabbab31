import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { KNeighborsClassifier } from '../../src/neighbors/kneighbors-classifier.js';
import { KNeighborsRegressor } from '../../src/neighbors/kneighbors-regressor.js';
import { assertClose, loadSklearnFixture } from '../helpers/fixtures.js';

const pick = (rows: number[][], idx: number[]) => idx.map((i) => rows[i]);

describe('KNeighborsClassifier', () => {
  for (const algorithm of ['auto', 'brute', 'kd_tree', 'ball_tree'] as const) {
    test(`checkEstimator passes (algorithm '${algorithm}')`, async () => {
      assert.equal((await checkEstimator(() => new KNeighborsClassifier({ algorithm }))).failed, 0);
    });
  }

  const { inputs, expected: e } = loadSklearnFixture('neighbors_kneighborsclassifier_iris');
  const Xtr = pick(inputs.X, inputs.train_idx);
  const ytr = inputs.train_idx.map((i: number) => inputs.y[i]);
  const Xte = pick(inputs.X, inputs.test_idx);
  const yte = inputs.test_idx.map((i: number) => inputs.y[i]);
  for (const algorithm of ['auto', 'brute', 'kd_tree', 'ball_tree'] as const) {
    test(`matches scikit-learn on iris (${algorithm})`, async () => {
      const model = await new KNeighborsClassifier({ nNeighbors: 5, algorithm }).fit(Xtr, ytr);
      if (algorithm === 'auto') assert.equal(model.fitMethod, e.effective_algorithm);
      assert.deepEqual(Array.from(model.predict(Xte) as Int32Array), e.predict);
      assertClose(model.predictProba(Xte).data, e.predict_proba.flat(), { rtol: 1e-12, atol: 1e-12, label: 'proba' });
      assert.equal(model.score(Xte, yte), e.accuracy);
      const { distances, indices } = model.kneighbors(Xte);
      assertClose(distances.data, e.kneighbors_distances.flat(), { rtol: 1e-9, atol: 1e-12, label: 'distances' });
      // Indices are defined only where no two of the first k + boundary distances tie.
      const ambiguous = new Set<number>(e.ambiguous_neighbour_set_test_positions);
      for (let i = 0; i < Xte.length; i++) {
        const row: number[] = e.kneighbors_distances[i];
        const tied = row.some((v, t) => t > 0 && v === row[t - 1]);
        if (ambiguous.has(i) || tied) continue;
        assert.deepEqual(Array.from(indices.data.slice(i * 5, i * 5 + 5)), e.kneighbors_indices[i], `indices row ${i}`);
      }
    });
  }

  test('distance weights, callable weights and string labels', async () => {
    const X = [[0], [1], [2], [10]];
    const y = ['a', 'a', 'b', 'b'];
    const model = await new KNeighborsClassifier({ nNeighbors: 3, weights: 'distance' }).fit(X, y);
    // Query 1.6: neighbours 2 (0.4), 1 (0.6), 0 (1.6).
    const w = [1 / 0.4, 1 / 0.6, 1 / 1.6];
    const total = w[0] + w[1] + w[2];
    assertClose(model.predictProba([[1.6]]).data, [(w[1] + w[2]) / total, w[0] / total]);
    assert.deepEqual(model.predict([[1.6]]), ['b']);
    // An exact match takes all the weight.
    assert.deepEqual(Array.from(model.predictProba([[2]]).data), [0, 1]);
    const flat = await new KNeighborsClassifier({ nNeighbors: 3, weights: (d) => d.mul(0).add(1) }).fit(X, y);
    assert.deepEqual(Array.from(flat.predictProba([[1.6]]).data), [2 / 3, 1 / 3]);
  });

  test('errors: k larger than the training set, one class, NaN', async () => {
    const model = await new KNeighborsClassifier({ nNeighbors: 5 }).fit([[0], [1], [2]], [0, 1, 1]);
    assert.throws(
      () => model.predict([[0]]),
      (err: Error) => err instanceof ValidationError && /n_neighbors = 5, n_samples_fit = 3/.test(err.message),
    );
    await assert.rejects(new KNeighborsClassifier().fit([[0], [1]], [1, 1]), /only one class/);
    await assert.rejects(new KNeighborsClassifier().fit([[0], [Number.NaN]], [0, 1]), /NaN at row 1/);
  });
});

describe('KNeighborsRegressor', () => {
  test('checkEstimator passes', async () => {
    assert.equal((await checkEstimator(() => new KNeighborsRegressor())).failed, 0);
  });

  const { inputs, expected: e } = loadSklearnFixture('neighbors_kneighborsregressor_diabetes');
  const Xtr = pick(inputs.X, inputs.train_idx);
  const ytr = inputs.train_idx.map((i: number) => inputs.y[i]);
  const Xte = pick(inputs.X, inputs.test_idx);
  const yte = inputs.test_idx.map((i: number) => inputs.y[i]);
  for (const algorithm of ['auto', 'brute', 'kd_tree', 'ball_tree'] as const) {
    test(`matches scikit-learn on diabetes (${algorithm})`, async () => {
      const model = await new KNeighborsRegressor({ algorithm }).fit(Xtr, ytr);
      assertClose(model.predict(Xte), e.predict, { label: 'predict' });
      const { distances, indices } = model.kneighbors(Xte);
      assertClose(distances.data, e.kneighbors_distances.flat(), { label: 'distances' });
      assert.deepEqual(Array.from(indices.data), e.kneighbors_indices.flat());
      assertClose(model.score(Xte, yte), e.r2, { label: 'r2' });
    });
  }

  test('distance weighting', async () => {
    const model = await new KNeighborsRegressor({ nNeighbors: 2, weights: 'distance' }).fit(
      [[0], [1], [3]],
      [0, 10, 30],
    );
    // Query 0.25: neighbours 0 (0.25) and 1 (0.75).
    assertClose(model.predict([[0.25]]), [(0 * 4 + 10 * (4 / 3)) / (4 + 4 / 3)]);
    assert.deepEqual(Array.from(model.predict([[3]])), [30]);
  });
});
