import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ValidationError } from '../../src/base/errors.js';
import { loadDataset } from '../../src/data/index.js';
import { DummyClassifier } from '../../src/dummy/index.js';
import { LinearRegression } from '../../src/linear-model/index.js';
import { crossValScore, KFold } from '../../src/model-selection/index.js';
import { assertClose } from '../helpers/fixtures.js';

describe('crossValScore', () => {
  const { data, target } = loadDataset('diabetes');

  test('LinearRegression on diabetes matches sklearn cross_val_score (r2 and neg MSE)', async () => {
    const r2 = await crossValScore(new LinearRegression(), data, target, { cv: 5 });
    assertClose(
      r2,
      [0.4295561538258379, 0.5225993866099365, 0.48268054134528215, 0.4264977611104024, 0.5502483366517517],
      {
        rtol: 1e-9,
      },
    );
    const mse = await crossValScore(new LinearRegression(), data, target, { cv: 5, scoring: 'neg_mean_squared_error' });
    assertClose(
      mse,
      [-2779.923449211685, -3028.836338828591, -3237.687587704061, -3008.7464888418867, -2910.212687760431],
      {
        rtol: 1e-9,
      },
    );
  });

  test('classifiers get stratified folds by default (sorted iris would otherwise score 0)', async () => {
    const iris = loadDataset('iris');
    const scores = await crossValScore(new DummyClassifier({ strategy: 'most_frequent' }), iris.data, iris.target, {
      cv: 5,
    });
    // Each stratified fold holds 10 of each class; most_frequent predicts class 0 → accuracy 1/3.
    assertClose(scores, [1 / 3, 1 / 3, 1 / 3, 1 / 3, 1 / 3], { atol: 1e-12 });
    const plain = await crossValScore(new DummyClassifier({ strategy: 'most_frequent' }), iris.data, iris.target, {
      cv: new KFold({ nSplits: 5 }),
    });
    assert.equal(plain[0], 0);
  });

  test('does not fit the estimator passed in (works on clones)', async () => {
    const model = new LinearRegression();
    await crossValScore(model, data, target, { cv: 3 });
    assert.equal(model.isFitted, false);
  });

  test('bad scoring name and mismatched lengths are ValidationErrors', async () => {
    await assert.rejects(
      crossValScore(new LinearRegression(), data, target, { scoring: 'r3' }),
      /'r3' is not a valid scoring value/,
    );
    await assert.rejects(
      crossValScore(new LinearRegression(), data, target.reshape(442, 1).take([0, 1, 2], 0).reshape(3), {}),
      ValidationError,
    );
  });

  test('abort signal stops between folds', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await assert.rejects(crossValScore(new LinearRegression(), data, target, { signal: controller.signal }), /stop/);
  });
});
