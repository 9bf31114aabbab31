import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { NotFittedError, ValidationError } from '../../src/base/errors.js';
import { DummyRegressor } from '../../src/dummy/dummy-regressor.js';

const X = [[1], [2], [3], [4]];
const y = [2, 3, 5, 10];

describe('DummyRegressor: common checks', () => {
  const configs = [
    {},
    { strategy: 'median' as const },
    { strategy: 'quantile' as const, quantile: 0.25 },
    { strategy: 'constant' as const, constant: 1.5 },
  ];
  for (const options of configs) {
    test(`checkEstimator passes with ${JSON.stringify(options)}`, async () => {
      const report = await checkEstimator(() => new DummyRegressor(options));
      assert.equal(report.failed, 0);
      assert.ok(report.results.some((r) => r.name === 'checkRegressorPredict' && r.status === 'passed'));
    });
  }
});

describe('DummyRegressor: sklearn semantics', () => {
  test('the sklearn docstring example: mean 5, score 0', async () => {
    const model = await new DummyRegressor({ strategy: 'mean' }).fit(X, y);
    assert.deepEqual(model.predict(X), Float64Array.of(5, 5, 5, 5));
    assert.equal(model.score(X, y), 0);
    assert.equal(model.constant, 5);
    assert.equal(model.nOutputs, 1);
  });

  test('median without weights is numpy median', async () => {
    assert.equal((await new DummyRegressor({ strategy: 'median' }).fit(X, y)).constant, 4);
    assert.equal((await new DummyRegressor({ strategy: 'median' }).fit(X.slice(0, 3), [9, 1, 5])).constant, 5);
  });

  test("median with weights is sklearn's weighted percentile (no interpolation)", async () => {
    const median = async (w: number[]) =>
      (await new DummyRegressor({ strategy: 'median' }).fit(X, y, { sampleWeight: w })).constant;
    assert.equal(await median([1, 1, 1, 1]), 3);
    assert.equal(await median([1, 1, 1, 5]), 10);
    assert.equal(await median([5, 1, 1, 1]), 2);
  });

  test('quantile 0.25 (numpy linear without weights; inverted CDF with weights)', async () => {
    const q = (quantile: number, sampleWeight?: number[]) =>
      new DummyRegressor({ strategy: 'quantile', quantile }).fit(X, y, { sampleWeight }).then((m) => m.constant);
    assert.equal(await q(0.25), 2.75);
    assert.equal(await q(0), 2);
    assert.equal(await q(1), 10);
    assert.equal(await q(0.5), 4);
    assert.equal(await q(0.25, [1, 1, 1, 1]), 2);
    assert.equal(await q(0.25, [0, 1, 1, 1]), 3);
  });

  test('weighted mean is np.average', async () => {
    const model = await new DummyRegressor().fit(X.slice(0, 3), [1, 2, 3], { sampleWeight: [3, 1, 0] });
    assert.equal(model.constant, 1.25);
    await assert.rejects(
      new DummyRegressor().fit(X.slice(0, 2), [1, 2], { sampleWeight: [0, 0] }),
      /Weights sum to zero/,
    );
  });

  test('constant strategy and its errors', async () => {
    assert.deepEqual(
      (await new DummyRegressor({ strategy: 'constant', constant: -0.5 }).fit(X, y)).predict([[0]]),
      Float64Array.of(-0.5),
    );
    await assert.rejects(
      new DummyRegressor({ strategy: 'constant' }).fit(X, y),
      (e: unknown) =>
        e instanceof ValidationError &&
        e.param === 'constant' &&
        e.message === 'Constant target value has to be specified when the constant strategy is used.',
    );
    await assert.rejects(
      new DummyRegressor({ strategy: 'quantile' }).fit(X, y),
      /you have to specify the desired quantile in the range \[0, 1\]/,
    );
    await assert.rejects(
      new DummyRegressor({ strategy: 'quantile', quantile: 2 }).fit(X, y),
      /The 'quantile' parameter of DummyRegressor must be a float in the range \[0, 1\] or undefined\. Got 2 instead\./,
    );
    await assert.rejects(
      new DummyRegressor({ constant: Number.NaN }).fit(X, y),
      /'constant' parameter of DummyRegressor/,
    );
  });

  test('R² score: 1 for a perfect constant fit, negative for a bad one', async () => {
    const flat = await new DummyRegressor().fit(X, [3, 3, 3, 3]);
    assert.equal(flat.score(X, [3, 3, 3, 3]), 1);
    const model = await new DummyRegressor({ strategy: 'constant', constant: 100 }).fit(X, y);
    assert.ok(model.score(X, y) < 0);
  });

  test('string targets, NaN targets and use before fit are errors', async () => {
    await assert.rejects(new DummyRegressor().fit(X.slice(0, 2), ['a', 'b']), /y must be numeric for DummyRegressor/);
    await assert.rejects(new DummyRegressor().fit(X.slice(0, 2), [1, Number.NaN]), /Input y contains NaN at index 1/);
    assert.throws(() => new DummyRegressor().constant, NotFittedError);
    assert.throws(() => new DummyRegressor().predict(X), NotFittedError);
  });

  test('save/load restores the constant exactly, even NaN-free edge values like -0', async () => {
    const model = await new DummyRegressor({ strategy: 'constant', constant: -0 }).fit(X, y);
    const loaded = DummyRegressor.fromJSON(JSON.parse(JSON.stringify(model)));
    assert.ok(Object.is(loaded.constant, -0));
    assert.equal(loaded.nFeaturesIn, 1);
  });
});
