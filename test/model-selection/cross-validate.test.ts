import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ValidationError } from '../../src/base/errors.js';
import { captureWarnings } from '../../src/base/warnings.js';
import { loadDataset } from '../../src/data/index.js';
import { DummyClassifier, DummyRegressor } from '../../src/dummy/index.js';
import { LinearRegression } from '../../src/linear-model/index.js';
import { getScorer } from '../../src/metrics/scorer.js';
import {
  crossValidate,
  crossValPredict,
  crossValScore,
  GroupKFold,
  KFold,
  learningCurve,
  permutationTestScore,
  ShuffleSplit,
  translateTrainSizes,
  validationCurve,
} from '../../src/model-selection/index.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { assertClose, loadSklearnFixture } from '../helpers/fixtures.js';

const diabetes = loadDataset('diabetes');
const iris = loadDataset('iris');
const fx = loadSklearnFixture('model_selection_search_diabetes');
const opts = { nJobs: 1 } as const;

describe('crossValidate', () => {
  test('several metrics, train scores, fitted estimators and times', async () => {
    const res = await crossValidate(new LinearRegression(), diabetes.data, diabetes.target, {
      ...opts,
      cv: 5,
      scoring: ['r2', 'neg_mean_absolute_error'],
      returnTrainScore: true,
      returnEstimator: true,
    });
    const cvr = fx.expected.cv_results;
    // Candidate 0 of the fixture's grid is LinearRegression() with defaults.
    const split = (k: string) => [0, 1, 2, 3, 4].map((s) => cvr[`split${s}_${k}`][0]);
    assertClose(res.test.r2, split('test_r2'), { rtol: 1e-9 });
    assertClose(res.test.neg_mean_absolute_error, split('test_neg_mean_absolute_error'), { rtol: 1e-9 });
    assertClose(res.train?.r2 ?? [], split('train_r2'), { rtol: 1e-9 });
    assert.equal(res.estimator?.length, 5);
    assert.ok(res.estimator?.every((e) => e.isFitted));
    assert.equal(res.fitTime.length, 5);
    assert.ok(res.scoreTime.every((t) => t >= 0));
    assert.equal(res.testScore, undefined, 'no single-metric shortcut for several metrics');
  });

  test('a record of scorers (names and functions) and the single-metric shortcut', async () => {
    const custom = getScorer('r2');
    const res = await crossValidate(new LinearRegression(), diabetes.data, diabetes.target, {
      ...opts,
      cv: 3,
      scoring: { a: 'r2', b: custom },
    });
    assert.deepEqual(Array.from(res.test.a), Array.from(res.test.b));
    const single = await crossValidate(new LinearRegression(), diabetes.data, diabetes.target, {
      ...opts,
      cv: 3,
      returnTrainScore: true,
    });
    assert.deepEqual(single.testScore, res.test.a);
    assert.equal(single.trainScore?.length, 3);
  });

  test('string labels, group splitters and label arrays work', async () => {
    const y = Array.from(iris.target.data, (v) => ['setosa', 'versicolor', 'virginica'][v]);
    const groups = Array.from({ length: 150 }, (_, i) => i % 10);
    const res = await crossValidate(new DummyClassifier({ strategy: 'most_frequent' }), iris.data, y, {
      ...opts,
      cv: new GroupKFold({ nSplits: 5 }),
      groups,
    });
    assert.equal(res.testScore?.length, 5);
    assert.ok(res.testScore?.every((s) => s > 0.2 && s < 0.5));
  });

  test('errorScore: NaN with a FitFailed-style warning, a number, or raise; all failing is an error', async () => {
    const bad = new DummyClassifier({ strategy: 'constant', constant: 2 });
    const y = Array.from(iris.target.data);
    // The first 3 KFold splits of sorted iris hold class 2 in training; the first... only some folds lack it.
    const cv = new KFold({ nSplits: 3 });
    const { result, warnings } = await captureWarnings(() => crossValScore(bad, iris.data, y, { ...opts, cv }));
    assert.ok(Number.isNaN(result[2]), 'fold without class 2 in its training rows fails');
    assert.ok(!Number.isNaN(result[0]));
    assert.match(warnings[0].message, /1 fits failed out of a total of 3/);
    const filled = await captureWarnings(() => crossValScore(bad, iris.data, y, { ...opts, cv, errorScore: -1 }));
    assert.equal(filled.result[2], -1);
    await assert.rejects(crossValScore(bad, iris.data, y, { ...opts, cv, errorScore: 'raise' }), /split 2 of 3/);
    const never = new DummyClassifier({ strategy: 'constant', constant: 7 });
    await assert.rejects(crossValScore(never, iris.data, y, { ...opts, cv }), /All the 3 fits failed/);
    await assert.rejects(crossValScore(bad, iris.data, y, { ...opts, errorScore: 'x' as never }), ValidationError);
  });
});

describe('cancellation', () => {
  test('aborting mid-run (inline) rejects with the AbortError, untouched', async () => {
    const controller = new AbortController();
    const r2 = getScorer('r2');
    let calls = 0;
    const abortingScorer: typeof r2 = (est, X, y) => {
      if (++calls === 2) controller.abort();
      return r2(est, X, y);
    };
    await assert.rejects(
      crossValidate(new LinearRegression(), diabetes.data, diabetes.target, {
        ...opts,
        scoring: abortingScorer,
        signal: controller.signal,
      }),
      (e: unknown) => e instanceof Error && e.name === 'AbortError',
    );
    assert.equal(calls, 2, 'stopped right after the fold that aborted');
  });
});

describe('crossValPredict', () => {
  test('out-of-fold predictions match sklearn (LinearRegression on diabetes)', async () => {
    const pred = await crossValPredict(new LinearRegression(), diabetes.data, diabetes.target, { ...opts, cv: 5 });
    assertClose(pred as Float64Array, fx.expected.cross_val_predict, { rtol: 1e-9 });
  });
  test('predictProba aligns columns on the classes of all y; labels keep their type', async () => {
    const y = Array.from(iris.target.data);
    const proba = (await crossValPredict(new DummyClassifier(), iris.data, y, {
      ...opts,
      method: 'predictProba',
      cv: 5,
    })) as Tensor;
    assert.deepEqual(proba.shape, [150, 3]);
    assertClose(proba.data.subarray(0, 3), [1 / 3, 1 / 3, 1 / 3], { atol: 1e-12 });
    // Plain KFold on sorted iris: the first fold's model never saw class 0, so its column is 0.
    const skewed = (await crossValPredict(new DummyClassifier(), iris.data, y, {
      ...opts,
      method: 'predictProba',
      cv: new KFold({ nSplits: 3 }),
    })) as Tensor;
    assert.deepEqual(Array.from(skewed.data.subarray(0, 3)), [0, 0.5, 0.5]);
    const labels = await crossValPredict(new DummyClassifier({ strategy: 'most_frequent' }), iris.data, y.map(String), {
      ...opts,
      cv: 5,
    });
    assert.ok(Array.isArray(labels) && typeof labels[0] === 'string');
  });
  test('non-partition splits and unknown methods are rejected', async () => {
    await assert.rejects(
      crossValPredict(new LinearRegression(), diabetes.data, diabetes.target, {
        ...opts,
        cv: new ShuffleSplit({ nSplits: 2, randomState: 0 }),
      }),
      /only works for partitions/,
    );
    await assert.rejects(
      crossValPredict(new LinearRegression(), diabetes.data, diabetes.target, {
        ...opts,
        method: 'transform' as never,
      }),
      ValidationError,
    );
    await assert.rejects(
      crossValPredict(new LinearRegression(), diabetes.data, diabetes.target, { ...opts, method: 'predictProba' }),
      /no predictProba method/,
    );
  });
});

describe('learningCurve and validationCurve', () => {
  test('learningCurve matches sklearn', async () => {
    const lc = await learningCurve(new LinearRegression(), diabetes.data, diabetes.target, {
      ...opts,
      cv: 5,
      trainSizes: [0.1, 0.5, 1],
    });
    const e = fx.expected.learning_curve;
    assert.deepEqual(Array.from(lc.trainSizesAbs), [35, 176, 353]);
    assert.deepEqual(Array.from(lc.trainSizesAbs), e.train_sizes_abs);
    assertClose(lc.testScores, e.test_scores, { rtol: 1e-9 });
    assertClose(lc.trainScores, e.train_scores, { rtol: 1e-9 });
    const full = await learningCurve(new LinearRegression(), diabetes.data, diabetes.target, {
      ...opts,
      cv: 5,
      trainSizes: [35, 176, 353],
    });
    assertClose(full.testScores, e.test_scores, { rtol: 1e-9 });
    assertClose(full.trainScores, e.train_scores, { rtol: 1e-9 });
    assert.equal(full.fitTimes.length, 3);
  });
  test('translateTrainSizes: fractions, counts, duplicates, bounds', async () => {
    assert.deepEqual(Array.from(translateTrainSizes([0.1, 0.5, 1], 40)), [4, 20, 40]);
    assert.deepEqual(Array.from(translateTrainSizes([3, 10], 40)), [3, 10]);
    const { result, warnings } = await captureWarnings(() => translateTrainSizes([0.01, 0.02, 0.5], 40));
    assert.deepEqual(Array.from(result), [1, 20]);
    assert.match(warnings[0].message, /duplicate/);
    assert.throws(() => translateTrainSizes([0.5, 1.5], 40), /fractions/);
    assert.throws(() => translateTrainSizes([0, 50], 40), /absolute numbers/);
  });
  test('validationCurve matches sklearn; unknown parameter is a ValidationError', async () => {
    const vc = await validationCurve(new LinearRegression(), diabetes.data, diabetes.target, {
      ...opts,
      paramName: 'fitIntercept',
      paramRange: [true, false],
      cv: 3,
      scoring: 'r2',
    });
    assertClose(vc.trainScores, fx.expected.validation_curve.train_scores, { rtol: 1e-9 });
    assertClose(vc.testScores, fx.expected.validation_curve.test_scores, { rtol: 1e-9 });
    await assert.rejects(
      validationCurve(new LinearRegression(), diabetes.data, diabetes.target, { paramName: 'alpha', paramRange: [1] }),
      (e: unknown) => e instanceof ValidationError && e.param === 'alpha',
    );
  });
});

describe('permutationTestScore', () => {
  test('a real signal gets the smallest p-value, noise does not', async () => {
    const real = await permutationTestScore(new LinearRegression(), diabetes.data, diabetes.target, {
      ...opts,
      nPermutations: 9,
      cv: 3,
    });
    assert.equal(real.permutationScores.length, 9);
    assert.equal(real.pvalue, 0.1);
    const base = await crossValScore(new LinearRegression(), diabetes.data, diabetes.target, { ...opts, cv: 3 });
    assert.equal(real.score, base.reduce((a, b) => a + b, 0) / 3);
    assert.ok(real.permutationScores.every((s) => s < real.score));
    const again = await permutationTestScore(new LinearRegression(), diabetes.data, diabetes.target, {
      ...opts,
      nPermutations: 9,
      cv: 3,
    });
    assert.deepEqual(again.permutationScores, real.permutationScores, 'seeded (randomState 0 by default)');
    const dummy = await permutationTestScore(new DummyRegressor(), diabetes.data, diabetes.target, {
      ...opts,
      nPermutations: 4,
      cv: 3,
    });
    const atLeast = dummy.permutationScores.filter((s) => s >= dummy.score).length;
    assert.equal(dummy.pvalue, (atLeast + 1) / 5);
    assert.ok(atLeast >= 1, 'a model ignoring X is no better on the true y than on a permuted one');
  });
  test('permutations stay within groups', async () => {
    const X = new Tensor(
      Float64Array.from({ length: 12 }, (_, i) => i),
      [12, 1],
    );
    const y = Array.from({ length: 12 }, (_, i) => (i < 6 ? 0 : 100) + i);
    const groups = Array.from({ length: 12 }, (_, i) => (i < 6 ? 0 : 1));
    // DummyRegressor's test score on each fold depends only on the training mean: within-group
    // permutations keep each group's values, so with GroupKFold every permutation scores the same.
    const res = await permutationTestScore(new DummyRegressor(), X, y, {
      ...opts,
      groups,
      cv: new GroupKFold({ nSplits: 2 }),
      nPermutations: 5,
    });
    assert.ok(res.permutationScores.every((s) => s === res.score));
  });
});
