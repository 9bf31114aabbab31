import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ValidationError } from '../../src/base/errors.js';
import { captureWarnings } from '../../src/base/warnings.js';
import { loadDataset } from '../../src/data/index.js';
import { DummyClassifier } from '../../src/dummy/index.js';
import { LinearRegression } from '../../src/linear-model/index.js';
import { getScorer } from '../../src/metrics/scorer.js';
import { crossValidate, crossValPredict, GridSearchCV, KFold } from '../../src/model-selection/index.js';

// LinearRegression is not (yet) re-exported by the package index: name its module so workers can rebuild it.
const modules = [new URL('../../src/linear-model/index.js', import.meta.url)];
const diabetes = loadDataset('diabetes');
const iris = loadDataset('iris');
const withoutTimes = (r: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(r).filter(([k]) => !k.includes('time')));

describe('nJobs: 2 gives exactly the results of nJobs: 1', () => {
  test('crossValidate (several metrics, train scores, estimators)', async () => {
    const run = (nJobs: number) =>
      crossValidate(new LinearRegression(), diabetes.data, diabetes.target, {
        cv: new KFold({ nSplits: 5, shuffle: true, randomState: 1 }),
        scoring: ['r2', 'neg_mean_squared_error'],
        returnTrainScore: true,
        returnEstimator: true,
        nJobs,
        modules,
      });
    const [one, two] = [await run(1), await run(2)];
    assert.deepEqual(two.test, one.test);
    assert.deepEqual(two.train, one.train);
    assert.equal(two.estimator?.length, 5);
    two.estimator?.forEach((e, i) => {
      assert.ok(e instanceof LinearRegression && e.isFitted);
      assert.deepEqual(e.coef, one.estimator?.[i].coef);
      assert.equal(e.intercept, one.estimator?.[i].intercept);
    });
  });

  test('GridSearchCV (cvResults, best candidate, refit)', async () => {
    const run = (nJobs: number) =>
      new GridSearchCV(
        new LinearRegression(),
        { fitIntercept: [true, false], positive: [false, true] },
        { cv: 5, scoring: ['r2', 'neg_mean_absolute_error'], refit: 'r2', returnTrainScore: true, nJobs, modules },
      ).fit(diabetes.data, diabetes.target);
    const [one, two] = [await run(1), await run(2)];
    assert.deepEqual(withoutTimes(two.cvResults), withoutTimes(one.cvResults));
    assert.equal(two.bestIndex, one.bestIndex);
    assert.deepEqual(two.bestParams, one.bestParams);
    assert.deepEqual(two.bestEstimator.coef, one.bestEstimator.coef);
  });

  test('classifiers with string labels and crossValPredict', async () => {
    const y = Array.from(iris.target.data, (v) => ['a', 'b', 'c'][v]);
    const run = (nJobs: number) =>
      new GridSearchCV(
        new DummyClassifier({ randomState: 0 }),
        { strategy: ['stratified', 'uniform', 'prior'] },
        { cv: 3, scoring: 'accuracy', nJobs },
      ).fit(iris.data, y);
    const [one, two] = [await run(1), await run(2)];
    assert.deepEqual(withoutTimes(two.cvResults), withoutTimes(one.cvResults));
    const pred = (nJobs: number) =>
      crossValPredict(new DummyClassifier({ strategy: 'stratified', randomState: 2 }), iris.data, y, {
        nJobs,
        method: 'predictProba',
      });
    assert.deepEqual(await pred(2), await pred(1));
  });
});

describe('worker failures and fallbacks', () => {
  test('a failing fit in a worker is re-thrown as the same typed error, naming the split', async () => {
    await assert.rejects(
      new GridSearchCV(
        new DummyClassifier(),
        { strategy: ['prior', 'constant'], constant: [42] },
        { cv: 3, errorScore: 'raise', nJobs: 2 },
      ).fit(iris.data, iris.target),
      (e: unknown) =>
        e instanceof ValidationError &&
        /constant target value must be present/.test(e.message) &&
        /split \d of 3, candidate 1/.test(e.message),
    );
  });

  test('scorer functions and estimators workers cannot rebuild run inline, with a warning', async () => {
    const { warnings, result } = await captureWarnings(() =>
      crossValidate(new LinearRegression(), diabetes.data, diabetes.target, {
        cv: 3,
        scoring: getScorer('r2'),
        nJobs: 2,
        modules,
      }),
    );
    assert.equal(result.testScore?.length, 3);
    assert.match(warnings[0].message, /nJobs=2 ignored, running inline: scorer functions/);
    // A subclass defined here is in no module a worker can import.
    class LocalRegression extends LinearRegression {}
    Object.defineProperty(LocalRegression, 'estimatorName', { value: 'LocalRegression' });
    const unregistered = await captureWarnings(() =>
      crossValidate(new LocalRegression(), diabetes.data, diabetes.target, { cv: 3, nJobs: 2 }),
    );
    assert.match(unregistered.warnings[0].message, /LocalRegression is not exported/);
  });

  test('aborting a parallel search rejects with the reason', async () => {
    const controller = new AbortController();
    const pending = new GridSearchCV(
      new DummyClassifier(),
      { strategy: ['prior', 'uniform'] },
      { cv: 3, nJobs: 2 },
    ).fit(iris.data, iris.target, {
      signal: controller.signal,
    });
    controller.abort(new Error('stop the search'));
    await assert.rejects(pending, /stop the search/);
  });
});

describe('meta-estimators', () => {
  test('GridSearchCV over a Pipeline step parameter: nested names accepted, nJobs 2 === nJobs 1', async () => {
    const { makePipeline } = await import('../../src/compose/index.js');
    const { StandardScaler } = await import('../../src/preprocessing/index.js');
    const { Ridge } = await import('../../src/linear-model/index.js');
    const run = (nJobs: number) =>
      new GridSearchCV(
        makePipeline(new StandardScaler(), new Ridge()),
        { ridge__alpha: [0.1, 1, 10] },
        { cv: 3, nJobs, modules },
      ).fit(diabetes.data, diabetes.target);
    const { warnings, result: two } = await captureWarnings(() => run(2));
    assert.equal(warnings.length, 0, 'ran on workers (no inline fallback)');
    const one = await run(1);
    assert.deepEqual(withoutTimes(two.cvResults), withoutTimes(one.cvResults));
    assert.deepEqual(two.bestParams, one.bestParams);
    assert.throws(
      () => new GridSearchCV(makePipeline(new StandardScaler(), new Ridge()), { ridge__alfa: [1] }),
      (e: unknown) => e instanceof ValidationError && e.param === 'ridge__alfa',
    );
  });
});
