import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { captureWarnings } from '../../src/base/warnings.js';
import { LocalOutlierFactor } from '../../src/neighbors/local-outlier-factor.js';
import { NearestCentroid } from '../../src/neighbors/nearest-centroid.js';
import { NearestNeighbors } from '../../src/neighbors/nearest-neighbors.js';
import { RadiusNeighborsClassifier } from '../../src/neighbors/radius-neighbors-classifier.js';
import { RadiusNeighborsRegressor } from '../../src/neighbors/radius-neighbors-regressor.js';
import { assertClose } from '../helpers/fixtures.js';

describe('common checks', () => {
  const cases: [string, () => never][] = [
    ['NearestNeighbors', () => new NearestNeighbors() as never],
    ['RadiusNeighborsClassifier', () => new RadiusNeighborsClassifier({ radius: 20 }) as never],
    ['RadiusNeighborsRegressor', () => new RadiusNeighborsRegressor({ radius: 20 }) as never],
    ['NearestCentroid', () => new NearestCentroid() as never],
    [
      'NearestCentroid (manhattan, shrunk)',
      () => new NearestCentroid({ metric: 'manhattan', shrinkThreshold: 0.2 }) as never,
    ],
    ['LocalOutlierFactor (novelty)', () => new LocalOutlierFactor({ novelty: true, nNeighbors: 5 }) as never],
  ];
  for (const [name, factory] of cases) {
    test(`${name} passes checkEstimator`, async () => {
      assert.equal((await checkEstimator(factory)).failed, 0);
    });
  }
});

describe('NearestNeighbors', () => {
  const X = [
    [0, 0],
    [0, 1],
    [5, 5],
    [0, 0],
    [6, 5],
  ];
  for (const algorithm of ['brute', 'kd_tree', 'ball_tree'] as const) {
    test(`kneighbors without X excludes each sample itself (${algorithm})`, async () => {
      const nn = await new NearestNeighbors({ nNeighbors: 2, algorithm }).fit(X);
      const { distances, indices } = nn.kneighbors();
      assert.deepEqual(indices.toArray(), [
        [3, 1],
        [0, 3],
        [4, 1],
        [0, 1],
        [2, 1],
      ]);
      assert.deepEqual(Array.from(distances.data).slice(0, 2), [0, 1]);
      const graph = nn.kneighborsGraph(undefined, { mode: 'distance' });
      assert.deepEqual(graph.shape, [5, 5]);
      assert.equal(graph.get(2, 4), 1);
      assert.equal(graph.nnz, 10);
      const r = nn.radiusNeighbors([[0, 0]], { radius: 1, sortResults: true });
      assert.deepEqual(Array.from(r.indices[0]), [0, 3, 1]);
      assert.deepEqual(Array.from(r.distances[0]), [0, 0, 1]);
      assert.deepEqual(
        nn
          .radiusNeighborsGraph([[0, 0]], { radius: 1 })
          .toDense()
          .toArray(),
        [[1, 1, 0, 1, 0]],
      );
    });
  }

  test("algorithm 'auto' follows sklearn: kd_tree for few features, brute for > 15 features, large k or cosine", async () => {
    const small = Array.from({ length: 20 }, (_, i) => [i, i % 3]);
    assert.equal((await new NearestNeighbors().fit(small)).fitMethod, 'kd_tree');
    assert.equal((await new NearestNeighbors({ nNeighbors: 10 }).fit(small)).fitMethod, 'brute');
    assert.equal((await new NearestNeighbors({ metric: 'cosine' }).fit(small)).fitMethod, 'brute');
    const wide = Array.from({ length: 20 }, (_, i) => Array.from({ length: 16 }, (_, j) => i * j));
    assert.equal((await new NearestNeighbors().fit(wide)).fitMethod, 'brute');
    await assert.rejects(new NearestNeighbors({ metric: 'cosine', algorithm: 'kd_tree' }).fit(small), /cosine/);
  });

  test('cosine distances', async () => {
    const nn = await new NearestNeighbors({ metric: 'cosine', nNeighbors: 2 }).fit([
      [1, 0],
      [0, 2],
      [1, 1],
    ]);
    const { distances, indices } = nn.kneighbors([[2, 0]]);
    assert.deepEqual(Array.from(indices.data), [0, 2]);
    assertClose(distances.data, [0, 1 - Math.SQRT1_2], { atol: 1e-15 });
  });

  test('k larger than the training set is a clear error', async () => {
    const nn = await new NearestNeighbors({ nNeighbors: 5 }).fit(X);
    assert.throws(
      () => nn.kneighbors(),
      (e: Error) => e instanceof ValidationError && /n_neighbors = 6, n_samples_fit = 5/.test(e.message),
    );
    assert.throws(() => nn.kneighbors([[0, 0]], { nNeighbors: 6 }), /n_neighbors = 6/);
  });
});

describe('radius neighbours models', () => {
  const X = [[0], [1], [2], [3], [10]];
  test('classifier votes within the radius; outliers', async () => {
    const model = await new RadiusNeighborsClassifier({ radius: 1.2 }).fit(X, ['a', 'a', 'b', 'b', 'b']);
    assert.deepEqual(Array.from(model.predictProba([[0.5], [2.6]]).data), [1, 0, 0, 1]);
    assert.throws(() => model.predict([[6]]), /No neighbors found for test samples \[0\]/);
    const withLabel = await new RadiusNeighborsClassifier({ radius: 1.2, outlierLabel: 'most_frequent' }).fit(X, [
      'a',
      'a',
      'b',
      'b',
      'b',
    ]);
    assert.deepEqual(withLabel.predict([[6]]), ['b']);
    const other = await new RadiusNeighborsClassifier({ radius: 1.2, outlierLabel: 'none' }).fit(X, [
      'a',
      'a',
      'b',
      'b',
      'b',
    ]);
    assert.deepEqual(other.predict([[6], [0]]), ['none', 'a']);
    assert.deepEqual(Array.from(other.predictProba([[6]]).data), [0, 0]);
  });

  test('regressor means and NaN with a warning when empty', async () => {
    const model = await new RadiusNeighborsRegressor({ radius: 1 }).fit(X, [0, 1, 2, 3, 10]);
    assertClose(model.predict([[1.5]]), [1.5]);
    const { result, warnings } = await captureWarnings(() => model.predict([[6]]));
    assert.ok(Number.isNaN(result[0]));
    assert.equal(warnings.length, 1);
    const weighted = await new RadiusNeighborsRegressor({ radius: 1, weights: 'distance' }).fit(X, [0, 1, 2, 3, 10]);
    assertClose(weighted.predict([[1.25]]), [(1 / 0.25 + 2 / 0.75) / (1 / 0.25 + 1 / 0.75)]);
  });
});

describe('NearestCentroid', () => {
  test('centroids are class means (euclidean) or medians (manhattan)', async () => {
    const X = [
      [0, 0],
      [2, 0],
      [10, 10],
      [0, 3],
      [11, 12],
      [13, 10],
    ];
    const y = [0, 0, 1, 0, 1, 1];
    const mean = await new NearestCentroid().fit(X, y);
    assertClose(mean.centroids.data, [2 / 3, 1, 34 / 3, 32 / 3]);
    const med = await new NearestCentroid({ metric: 'manhattan' }).fit(X, y);
    assert.deepEqual(Array.from(med.centroids.data), [0, 0, 11, 10]);
    assert.deepEqual(
      Array.from(
        mean.predict([
          [1, 1],
          [9, 9],
        ]) as Int32Array,
      ),
      [0, 1],
    );
  });

  test('shrinkThreshold follows the soft-thresholding formula', async () => {
    const X = [
      [0, 1],
      [1, 1],
      [2, 2],
      [4, 3],
      [5, 5],
      [6, 4],
    ];
    const y = [0, 0, 0, 1, 1, 1];
    const model = await new NearestCentroid({ shrinkThreshold: 0.5 }).fit(X, y);
    // By hand: overall mean (3, 2.67); within-class sd s_j = sqrt(ss_j / (n - k)) + median(s).
    const n = 6;
    const overall = [3, 16 / 6];
    const cent = [
      [1, 4 / 3],
      [5, 4],
    ];
    const ss = [0, 0];
    X.forEach((r, i) => {
      r.forEach((v, j) => {
        ss[j] += (v - cent[y[i]][j]) ** 2;
      });
    });
    const s = ss.map((v) => Math.sqrt(v / (n - 2)));
    const med = (s[0] + s[1]) / 2;
    const sj = s.map((v) => v + med);
    const m = Math.sqrt(1 / 3 - 1 / 6);
    const expected = cent.flatMap((c) =>
      c.map((v, j) => {
        const dev = (v - overall[j]) / (m * sj[j]);
        return overall[j] + m * sj[j] * Math.sign(dev) * Math.max(0, Math.abs(dev) - 0.5);
      }),
    );
    assertClose(model.centroids.data, expected, { rtol: 1e-12 });
  });
});

describe('LocalOutlierFactor', () => {
  test('the sklearn docstring example: fitPredict and negative outlier factors', async () => {
    const X = [[-1.1], [0.2], [101.1], [0.3]];
    const lof = new LocalOutlierFactor({ nNeighbors: 2 });
    assert.deepEqual(Array.from(await lof.fitPredict(X)), [1, 1, -1, 1]);
    // sklearn: clf.negative_outlier_factor_ = [-0.9821..., -1.0370..., -73.3697..., -0.9821...]
    assertClose(lof.negativeOutlierFactor, [-0.98214286, -1.03703704, -73.36970899, -0.98214286], { rtol: 1e-7 });
    assert.equal(lof.offset, -1.5);
    assert.throws(() => lof.predict(X), /not available when novelty=false/);
  });

  test('novelty: scores new data, contamination sets the offset', async () => {
    const X = Array.from({ length: 30 }, (_, i) => [Math.cos(i), Math.sin(i * 0.7)]);
    const lof = await new LocalOutlierFactor({ novelty: true, nNeighbors: 5, contamination: 0.1 }).fit(X);
    const pred = lof.predict([
      [0, 0],
      [50, 50],
    ]);
    assert.deepEqual(Array.from(pred), [1, -1]);
    const dec = lof.decisionFunction([[50, 50]]);
    assert.ok(dec[0] < 0);
    const below = lof.negativeOutlierFactor.filter((v) => v < lof.offset).length;
    assert.ok(below <= 3);
    await assert.rejects(new LocalOutlierFactor({ novelty: true }).fitPredict(X), /novelty=true/);
  });
});
