import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { ExtraTreesClassifier, ExtraTreesRegressor } from '../../src/ensemble/extra-trees.js';
import { RandomForestClassifier } from '../../src/ensemble/random-forest-classifier.js';
import { RandomForestRegressor } from '../../src/ensemble/random-forest-regressor.js';
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
