import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { NotFittedError, ValidationError } from '../../src/base/errors.js';
import { LinearRegression } from '../../src/linear-model/index.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { assertClose, loadSklearnFixture } from '../helpers/fixtures.js';

describe('LinearRegression', () => {
  test('passes checkEstimator', async () => {
    const report = await checkEstimator(() => new LinearRegression());
    assert.equal(report.failed, 0);
    assert.ok(report.passed > 5);
  });

  test('matches scikit-learn on diabetes (coef, intercept, rank, singular values, predictions, R²)', async () => {
    const fx = loadSklearnFixture('linear_model_linearregression_diabetes');
    const { X, y } = fx.inputs;
    const model = await new LinearRegression().fit(X, y);
    assertClose(model.coef, fx.expected.coef_, { rtol: 1e-6, atol: 1e-9, label: 'coef' });
    assertClose(model.intercept, fx.expected.intercept_, { rtol: 1e-6, atol: 1e-9, label: 'intercept' });
    assert.equal(model.rank, fx.expected.rank_);
    assertClose(model.singular!, fx.expected.singular_, { rtol: 1e-9, label: 'singular' });
    assertClose(model.predict(X.slice(0, 20)), fx.expected.predict_first20, { label: 'predict' });
    assertClose(model.score(X, y), fx.expected.r2, { label: 'r2' });
  });

  test('recovers an exact linear relation, with and without intercept', async () => {
    const X = [
      [1, 1],
      [1, 2],
      [2, 2],
      [2, 3],
      [0, 5],
    ];
    const y = X.map(([a, b]) => 1 * a + 2 * b + 3);
    const m = await new LinearRegression().fit(X, y);
    assertClose(m.coef, [1, 2], { atol: 1e-12 });
    assertClose(m.intercept, 3, { atol: 1e-12 });
    const yNoIntercept = X.map(([a, b]) => 4 * a - b);
    const m0 = await new LinearRegression({ fitIntercept: false }).fit(X, yNoIntercept);
    assertClose(m0.coef, [4, -1], { atol: 1e-12 });
    assert.equal(m0.intercept, 0);
  });

  test('rank-deficient X gives the minimum-norm solution and reports the rank', async () => {
    // Column 1 duplicates column 0: the minimum-norm solution splits the weight equally.
    const X = [
      [1, 1, 0],
      [2, 2, 1],
      [3, 3, 0],
      [4, 4, 2],
    ];
    const y = X.map(([a, , c]) => 2 * a + c);
    const m = await new LinearRegression({ fitIntercept: false }).fit(X, y);
    assert.equal(m.rank, 2);
    assertClose(m.coef, [1, 1, 1], { atol: 1e-10 });
  });

  test('sample weights equal repeating rows', async () => {
    const X = [[0], [1], [2], [3]];
    const y = [1, 3, 2, 7];
    const weighted = await new LinearRegression().fit(X, y, { sampleWeight: [1, 2, 1, 3] });
    const repeated = await new LinearRegression().fit([[0], [1], [1], [2], [3], [3], [3]], [1, 3, 3, 2, 7, 7, 7]);
    assertClose(weighted.coef, repeated.coef, { atol: 1e-12 });
    assertClose(weighted.intercept, repeated.intercept, { atol: 1e-12 });
  });

  test('positive: coefficients are non-negative and optimal (NNLS)', async () => {
    const X = [
      [1, 0],
      [0, 1],
      [1, 1],
      [2, 1],
    ];
    const y = [2, -1, 1, 3]; // unconstrained OLS would give a negative second coefficient
    const free = await new LinearRegression({ fitIntercept: false }).fit(X, y);
    assert.ok(free.coef[1] < 0);
    const pos = await new LinearRegression({ fitIntercept: false, positive: true }).fit(X, y);
    assert.ok(pos.coef.every((c) => c >= 0));
    assert.equal(pos.coef[1], 0);
    // With the second coefficient pinned at 0 the first is the 1-D least-squares slope.
    const slope = (1 * 2 + 0 + 1 * 1 + 2 * 3) / (1 + 0 + 1 + 4);
    assertClose(pos.coef[0], slope, { atol: 1e-12 });
    assert.equal(pos.rank, undefined);
  });

  test('JSON round trip predicts identically', async () => {
    const X = Tensor.from([
      [1, 2],
      [3, 5],
      [4, 1],
      [0, 0],
    ]);
    const m = await new LinearRegression().fit(X, [1, 2, 3, 4]);
    const copy = LinearRegression.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    assert.deepEqual(copy.predict(X), m.predict(X));
    assert.deepEqual(copy.singular, m.singular);
  });

  test('errors: unknown option, bad option type, not fitted, NaN input, feature mismatch', async () => {
    assert.throws(() => new LinearRegression({ fitIntercep: true } as never), ValidationError);
    await assert.rejects(new LinearRegression({ positive: 'yes' as never }).fit([[1], [2]], [1, 2]), /positive/);
    assert.throws(() => new LinearRegression().coef, NotFittedError);
    await assert.rejects(new LinearRegression().fit([[1], [Number.NaN]], [1, 2]), /NaN/);
    const m = await new LinearRegression().fit(
      [
        [1, 2],
        [2, 1],
        [3, 3],
      ],
      [1, 2, 3],
    );
    assert.throws(() => m.predict([[1, 2, 3]]), /3 features/);
  });
});
