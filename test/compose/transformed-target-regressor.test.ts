import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { captureWarnings } from '../../src/base/warnings.js';
import { registerEstimator } from '../../src/compose/registry.js';
import { TransformedTargetRegressor } from '../../src/compose/transformed-target-regressor.js';
import { DummyRegressor } from '../../src/dummy/dummy-regressor.js';
import { LinearRegression } from '../../src/linear-model/linear-regression.js';
import { StandardScaler } from '../../src/preprocessing/standard-scaler.js';
import { AddMean } from './toy.js';

registerEstimator(StandardScaler, LinearRegression, DummyRegressor, AddMean);

const X = [[1], [2], [3], [4], [5]];
const y = [2.7, 7.4, 20.1, 54.6, 148.4];

describe('TransformedTargetRegressor', () => {
  test('checkEstimator passes with a transformer and with the default regressor', async () => {
    assert.equal(
      (await checkEstimator(() => new TransformedTargetRegressor({ transformer: new StandardScaler() }))).failed,
      0,
    );
    assert.equal(
      (await checkEstimator(() => new TransformedTargetRegressor({ regressor: new DummyRegressor() }))).failed,
      0,
    );
  });

  test('func/inverseFunc: a log-linear target is fitted exactly', async () => {
    const yExp = X.map(([x]) => Math.exp(0.5 * x + 1));
    const model = await new TransformedTargetRegressor({
      regressor: new LinearRegression(),
      func: (v) => v.map(Math.log),
      inverseFunc: (v) => v.map(Math.exp),
    }).fit(X, yExp);
    const pred = model.predict([[6]]);
    assert.ok(Math.abs(pred[0] - Math.exp(4)) < 1e-9);
    assert.ok(Math.abs(model.score(X, yExp) - 1) < 1e-12);
    const inner = model.fittedRegressor as LinearRegression;
    assert.ok(Math.abs((inner.coef as Float64Array)[0] - 0.5) < 1e-12);
  });

  test('a transformer is cloned, fitted on y and inverted on predictions', async () => {
    const scaler = new StandardScaler();
    const model = await new TransformedTargetRegressor({ regressor: new DummyRegressor(), transformer: scaler }).fit(
      X,
      y,
    );
    assert.equal(scaler.isFitted, false);
    const mean = y.reduce((a, b) => a + b, 0) / y.length;
    for (const p of model.predict(X)) assert.ok(Math.abs(p - mean) < 1e-9);
    assert.ok(model.fittedTransformer instanceof StandardScaler);
  });

  test('checkInverse warns when the functions are not inverses; off with checkInverse: false', async () => {
    const make = (checkInverse: boolean) =>
      new TransformedTargetRegressor({ func: (v) => v.map((t) => t * 2), inverseFunc: (v) => v, checkInverse });
    const { warnings } = await captureWarnings(() => make(true).fit(X, y));
    assert.equal(warnings.length, 1);
    assert.match(warnings[0].message, /not strictly inverse/);
    assert.equal((await captureWarnings(() => make(false).fit(X, y))).warnings.length, 0);
  });

  test('option errors', async () => {
    await assert.rejects(
      new TransformedTargetRegressor({ transformer: new StandardScaler(), func: (v) => v, inverseFunc: (v) => v }).fit(
        X,
        y,
      ),
      /cannot both be set/,
    );
    await assert.rejects(
      new TransformedTargetRegressor({ func: (v) => v }).fit(X, y),
      /inverseFunc' must also be provided/,
    );
    await assert.rejects(new TransformedTargetRegressor().fit(X, ['a', 'b', 'c', 'd', 'e']), /numeric y/);
    await assert.rejects(new TransformedTargetRegressor().fit(X, [1, 2]), ValidationError);
  });

  test('JSON round trip with a transformer; functions cannot be saved', async () => {
    const model = await new TransformedTargetRegressor({ transformer: new AddMean({ shift: 2 }) }).fit(X, y);
    const loaded = TransformedTargetRegressor.fromJSON(JSON.parse(JSON.stringify(model)));
    assert.deepEqual(loaded.predict(X), model.predict(X));
    const withFunc = await new TransformedTargetRegressor({ func: (v) => v, inverseFunc: (v) => v }).fit(X, y);
    assert.throws(() => withFunc.toJSON(), /not serializable/);
  });
});
