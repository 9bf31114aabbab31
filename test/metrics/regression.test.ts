import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ValidationError } from '../../src/base/errors.js';
import { captureWarnings } from '../../src/base/warnings.js';
import {
  d2AbsoluteErrorScore,
  d2PinballScore,
  d2TweedieScore,
  explainedVarianceScore,
  maxError,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanGammaDeviance,
  meanPinballLoss,
  meanPoissonDeviance,
  meanSquaredError,
  meanSquaredLogError,
  meanTweedieDeviance,
  medianAbsoluteError,
  r2Score,
  rootMeanSquaredError,
  UndefinedMetricWarning,
} from '../../src/metrics/index.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { assertClose, loadSklearnFixture } from '../helpers/fixtures.js';

const exact = { rtol: 1e-12, atol: 1e-12 };

describe('regression metrics', () => {
  const fx = loadSklearnFixture('metrics_regression_handmade');
  const { y_true: yTrue, y_pred: yPred } = fx.inputs;
  const cases: [string, (t: number[], p: number[]) => number][] = [
    ['mean_squared_error', meanSquaredError],
    ['root_mean_squared_error', rootMeanSquaredError],
    ['mean_absolute_error', meanAbsoluteError],
    ['r2_score', r2Score],
    ['explained_variance_score', explainedVarianceScore],
    ['mean_absolute_percentage_error', meanAbsolutePercentageError],
    ['median_absolute_error', medianAbsoluteError],
    ['max_error', maxError],
  ];
  for (const [name, fn] of cases) {
    test(`${name} matches scikit-learn`, () =>
      assertClose(fn(yTrue, yPred), fx.expected[name], { ...exact, label: name }));
  }

  test('accepts tensors and typed arrays alike', () => {
    const t = Tensor.from(yTrue);
    assert.equal(r2Score(t, Float64Array.from(yPred)), r2Score(yTrue, yPred));
  });

  test('sample weights: weight 2 equals repeating the sample', () => {
    const w = [2, 1, 1];
    assertClose(
      meanSquaredError([1, 2, 3], [1, 3, 5], { sampleWeight: w }),
      meanSquaredError([1, 1, 2, 3], [1, 1, 3, 5]),
    );
    assertClose(r2Score([1, 2, 3], [1, 3, 5], { sampleWeight: w }), r2Score([1, 1, 2, 3], [1, 1, 3, 5]));
  });

  test('r2 of a constant target follows sklearn (1 if perfect, else 0; forceFinite false gives the raw ratio)', async () => {
    assert.equal(r2Score([2, 2, 2], [2, 2, 2]), 1);
    assert.equal(r2Score([2, 2, 2], [2, 2, 3]), 0);
    assert.equal(r2Score([2, 2, 2], [2, 2, 3], { forceFinite: false }), Number.NEGATIVE_INFINITY);
    const { result, warnings } = await captureWarnings(() => r2Score([1], [2]));
    assert.ok(Number.isNaN(result));
    assert.ok(warnings[0] instanceof UndefinedMetricWarning);
  });

  test('multi-output: raw values, uniform and custom weights', () => {
    const t = [
      [0.5, 1],
      [-1, 1],
      [7, -6],
    ];
    const p = [
      [0, 2],
      [-1, 2],
      [8, -5],
    ];
    // sklearn docstring: mean_absolute_error(..., multioutput='raw_values') = [0.5, 1.0]
    assertClose(meanAbsoluteError(t, p, { multioutput: 'raw_values' }), [0.5, 1]);
    assertClose(meanAbsoluteError(t, p), 0.75);
    assertClose(meanAbsoluteError(t, p, { multioutput: [0.3, 0.7] }), 0.85);
    assertClose(r2Score(t, p, { multioutput: 'variance_weighted' }), 0.9382566585956417, exact);
    assert.throws(() => maxError(t, p), /Multioutput not supported/);
    assert.throws(() => meanAbsoluteError(t, p, { multioutput: [1] }), /equally many custom weights/);
  });

  test('pinball, MSLE, deviances and D² scores on sklearn docstring values', () => {
    assertClose(meanPinballLoss([1, 2, 3], [0, 2, 3], { alpha: 0.1 }), 0.1 / 3, exact);
    assertClose(meanSquaredLogError([3, 5, 2.5, 7], [2.5, 5, 4, 8]), 0.03973012298459376, exact);
    assertClose(meanPoissonDeviance([2, 0, 1, 4], [0.5, 0.5, 2, 2]), 1.4260151319598084, exact);
    assertClose(meanGammaDeviance([2, 0.5, 1, 4], [0.5, 0.5, 2, 2]), 1.0568528194400546, exact);
    assertClose(
      meanTweedieDeviance([2, 0, 1, 4], [0.5, 0.5, 2, 2], { power: 1 }),
      meanPoissonDeviance([2, 0, 1, 4], [0.5, 0.5, 2, 2]),
    );
    assertClose(d2TweedieScore([0.5, 1, 2.5, 7], [1, 1, 5, 3.5]), r2Score([0.5, 1, 2.5, 7], [1, 1, 5, 3.5]), exact);
    assertClose(d2PinballScore([1, 2, 3], [1, 3, 3]), 0.5, exact);
    assertClose(d2AbsoluteErrorScore([3, -0.5, 2, 7], [2.5, 0, 2, 8]), 0.7647058823529411, exact);
  });

  test('bad input is a ValidationError naming the problem', () => {
    assert.throws(
      () => r2Score([1, 2], [1]),
      (e: Error) => e instanceof ValidationError && /yTrue has 2, yPred has 1/.test(e.message),
    );
    assert.throws(() => meanSquaredError([], []), ValidationError);
    assert.throws(() => meanSquaredError([1, Number.NaN], [1, 2]), /Input yTrue contains NaN at index 1/);
    assert.throws(() => meanAbsoluteError([1, 2], [1, Number.POSITIVE_INFINITY]), /yPred contains infinity/);
    assert.throws(() => meanSquaredLogError([1, -2], [1, 2]), /negative values/);
    assert.throws(
      () => meanTweedieDeviance([1, 2], [1, 2], { power: 0.5 }),
      /only defined for power <= 0 and power >= 1/,
    );
    assert.throws(() => meanGammaDeviance([0, 2], [1, 2]), /strictly positive/);
    assert.throws(() => meanSquaredError([[1, 2]], [[1, 2, 3]]), /different numbers of outputs/);
    assert.throws(() => meanSquaredError([1, 2], [1, 2], { sampleWeight: [1] }), /sampleWeight has 1/);
  });
});
