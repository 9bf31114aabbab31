import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { ExtraTreesClassifier, ExtraTreesRegressor } from '../../src/ensemble/extra-trees.js';
import { RandomForestClassifier } from '../../src/ensemble/random-forest-classifier.js';
import { RandomForestRegressor } from '../../src/ensemble/random-forest-regressor.js';
import type { Tree } from '../../src/tree/tree-structure.js';
import { loadSklearnFixture } from '../helpers/fixtures.js';

const fixture = loadSklearnFixture('ensemble_randomforestclassifier_breastcancer');
const X: number[][] = fixture.inputs.X;
const y: number[] = fixture.inputs.y;
const take = <T>(a: T[], idx: number[]) => idx.map((i) => a[i]);

describe('RandomForestClassifier on breast_cancer (sklearn fixture folds)', () => {
  test('mean fold accuracy within 1.5 points of sklearn', async () => {
    const accs: number[] = [];
    for (const fold of fixture.expected.folds as { test_idx: number[] }[]) {
      const test = new Set(fold.test_idx);
      const train = X.map((_, i) => i).filter((i) => !test.has(i));
      const model = await new RandomForestClassifier({ randomState: 0, nJobs: 1 }).fit(take(X, train), take(y, train));
      accs.push(model.score(take(X, fold.test_idx), take(y, fold.test_idx)));
    }
    const mean = accs.reduce((a, b) => a + b, 0) / accs.length;
    assert.ok(
      Math.abs(mean - fixture.expected.mean_accuracy) <= 0.015,
      `mean accuracy ${mean} vs ${fixture.expected.mean_accuracy}`,
    );
  });
});

describe('common estimator checks', () => {
  for (const make of [
    () => new RandomForestClassifier({ nEstimators: 10 }),
    () => new RandomForestRegressor({ nEstimators: 10 }),
    () => new ExtraTreesClassifier({ nEstimators: 10 }),
    () => new ExtraTreesRegressor({ nEstimators: 10 }),
  ]) {
    test(make().estimatorName, async () => {
      const report = await checkEstimator(make);
      assert.equal(report.failed, 0);
    });
  }
});

describe('forest behaviour', () => {
  test('nJobs 1 and 2 give identical forests for the same randomState', async () => {
    // Large enough (rows × trees) to go through the worker pool.
    const opts = { nEstimators: 400, randomState: 5, maxDepth: 3 };
    const a = await new RandomForestClassifier({ ...opts, nJobs: 1 }).fit(X, y);
    const b = await new RandomForestClassifier({ ...opts, nJobs: 2 }).fit(X, y);
    assert.deepEqual(a.toJSON().state, b.toJSON().state);
    const c = await new ExtraTreesRegressor({ ...opts, nJobs: 2 }).fit(X, y);
    const d = await new ExtraTreesRegressor({ ...opts, nJobs: 1 }).fit(X, y);
    assert.deepEqual(Array.from(c.predict(X)), Array.from(d.predict(X)));
  });

  test('predictProba rows sum to 1; importances sum to 1; members are fitted trees', async () => {
    const m = await new RandomForestClassifier({ nEstimators: 15, randomState: 1, nJobs: 1 }).fit(X, y);
    const p = m.predictProba(X);
    for (let i = 0; i < X.length; i++) assert.ok(Math.abs(p.data[2 * i] + p.data[2 * i + 1] - 1) < 1e-12);
    assert.ok(Math.abs(m.featureImportances.reduce((a, b) => a + b, 0) - 1) < 1e-12);
    const members = m.estimators;
    assert.equal(members.length, 15);
    assert.equal(members[0].tree.nodeCount, m.trees[0].nodeCount);
    assert.deepEqual(m.apply(X.slice(0, 3)).shape, [3, 15]);
  });

  test('oobScore and warmStart', async () => {
    const m = await new RandomForestClassifier({ nEstimators: 40, randomState: 2, oobScore: true, nJobs: 1 }).fit(X, y);
    assert.ok(m.oobScore_ > 0.9 && m.oobScore_ <= 1, `oob ${m.oobScore_}`);
    assert.deepEqual(m.oobDecisionFunction.shape, [X.length, 2]);
    const r = await new RandomForestRegressor({ nEstimators: 30, randomState: 2, oobScore: true, nJobs: 1 }).fit(X, y);
    assert.ok(r.oobScore_ > 0.6, `oob R² ${r.oobScore_}`);
    // Warm start: 10 then 25 trees equals 25 at once.
    const warm = new RandomForestClassifier({ nEstimators: 10, randomState: 3, warmStart: true, nJobs: 1 });
    await warm.fit(X, y);
    warm.setParams({ nEstimators: 25 });
    await warm.fit(X, y);
    const once = await new RandomForestClassifier({ nEstimators: 25, randomState: 3, nJobs: 1 }).fit(X, y);
    assert.deepEqual(Array.from(warm.predictProba(X).data), Array.from(once.predictProba(X).data));
    warm.setParams({ nEstimators: 5 });
    await assert.rejects(warm.fit(X, y), /nEstimators/);
  });

  test("classWeight 'balanced_subsample', maxSamples and bad input", async () => {
    const m = await new RandomForestClassifier({
      nEstimators: 10,
      classWeight: 'balanced_subsample',
      maxSamples: 0.5,
      randomState: 0,
      nJobs: 1,
    }).fit(X, y);
    assert.ok(m.score(X, y) > 0.9);
    await assert.rejects(new RandomForestClassifier({ oobScore: true, bootstrap: false }).fit(X, y), /bootstrap/);
    await assert.rejects(
      new RandomForestRegressor({ nEstimators: 3 }).fit(X, y, { sampleWeight: [1, 2] }),
      ValidationError,
    );
    await assert.rejects(
      new RandomForestRegressor({ nEstimators: 3 }).fit(X, y, { sampleWeight: y.map(() => -1) }),
      /Negative/,
    );
    await assert.rejects(
      new RandomForestRegressor({ criterion: 'absolute_error', nEstimators: 2 }).fit([[Number.NaN], [1]], [1, 2]),
      /absolute_error/,
    );
  });

  test('NaN in X is handled (missing values go to the better side)', async () => {
    const Xn = X.map((r, i) => (i % 10 === 0 ? r.map((v, j) => (j === 0 ? Number.NaN : v)) : r));
    const m = await new RandomForestClassifier({ nEstimators: 10, randomState: 0, nJobs: 1 }).fit(Xn, y);
    assert.ok(m.score(Xn, y) > 0.95);
  });
});

/** Forest prediction as it was before the packed layout: a float64-threshold walk per tree, normalised per row. */
function referenceForestSum(trees: Tree[], rows: number[][], normalize: boolean): Float64Array {
  const f = trees[0].nFeatures;
  const k = trees[0].valueWidth;
  const X32 = Float32Array.from(rows.flat());
  const acc = new Float64Array(rows.length * k);
  for (const tree of trees) {
    for (let i = 0; i < rows.length; i++) {
      let node = 0;
      while (tree.childrenLeft[node] !== -1) {
        const v = X32[i * f + tree.feature[node]];
        const left = v <= tree.threshold[node] || (Number.isNaN(v) && tree.missingGoLeft[node] === 1);
        node = left ? tree.childrenLeft[node] : tree.childrenRight[node];
      }
      let s = 0;
      for (let c = 0; c < k; c++) s += tree.value[node * k + c];
      if (normalize && s === 0) continue;
      const inv = normalize ? 1 / s : 1;
      for (let c = 0; c < k; c++)
        acc[i * k + c] += normalize ? tree.value[node * k + c] * inv : tree.value[node * k + c];
    }
  }
  const inv = 1 / trees.length;
  for (let i = 0; i < acc.length; i++) acc[i] *= inv;
  return acc;
}

describe('forest prediction through the packed trees', () => {
  // Every 7th row has a NaN (a different column each time); ±1e39 become ±Infinity as float32.
  const Xn = X.map((r, i) => r.map((v, j) => (i % 7 === 0 && j === i % r.length ? Number.NaN : v)));
  Xn[3][1] = 1e39;
  Xn[5][2] = -1e39;

  test('predictProba / predict are bit-identical to the per-tree reference walk, also after a JSON round-trip', async () => {
    const opts = { nEstimators: 12, randomState: 4, nJobs: 1 };
    const classifiers = [
      [await new RandomForestClassifier(opts).fit(Xn, y), RandomForestClassifier],
      [await new ExtraTreesClassifier(opts).fit(Xn, y), ExtraTreesClassifier],
    ] as const;
    for (const [m, Ctor] of classifiers) {
      const expected = referenceForestSum(m.trees, Xn, true);
      assert.deepEqual(Array.from(m.predictProba(Xn).data), Array.from(expected));
      const restored = (Ctor as typeof RandomForestClassifier).fromJSON(JSON.parse(JSON.stringify(m)));
      assert.deepEqual(Array.from(restored.predictProba(Xn).data), Array.from(expected));
      assert.deepEqual(restored.predict(Xn), m.predict(Xn));
    }
    const regressors = [
      [await new RandomForestRegressor(opts).fit(Xn, y), RandomForestRegressor],
      [await new ExtraTreesRegressor(opts).fit(Xn, y), ExtraTreesRegressor],
    ] as const;
    for (const [m, Ctor] of regressors) {
      const expected = referenceForestSum(m.trees, Xn, false);
      assert.deepEqual(Array.from(m.predict(Xn)), Array.from(expected));
      const restored = (Ctor as typeof RandomForestRegressor).fromJSON(JSON.parse(JSON.stringify(m)));
      assert.deepEqual(Array.from(restored.predict(Xn)), Array.from(expected));
    }
  });

  test('apply and single rows match the reference leaves', async () => {
    const m = await new RandomForestClassifier({ nEstimators: 5, randomState: 8, nJobs: 1, maxLeafNodes: 30 }).fit(
      Xn,
      y,
    );
    const leaves = m.apply(Xn).data as Int32Array;
    const X32 = Float32Array.from(Xn.flat());
    const f = Xn[0].length;
    m.trees.forEach((tree, t) => {
      for (let i = 0; i < Xn.length; i++) {
        let node = 0;
        while (tree.childrenLeft[node] !== -1) {
          const v = X32[i * f + tree.feature[node]];
          const left = v <= tree.threshold[node] || (Number.isNaN(v) && tree.missingGoLeft[node] === 1);
          node = left ? tree.childrenLeft[node] : tree.childrenRight[node];
        }
        assert.equal(leaves[i * 5 + t], node);
      }
    });
    // Fewer rows than the 8-row kernel takes, one at a time.
    for (const i of [0, 3, 7]) {
      assert.deepEqual(
        Array.from(m.predictProba([Xn[i]]).data),
        Array.from(m.predictProba(Xn).data.slice(2 * i, 2 * i + 2)),
      );
    }
  });
});
