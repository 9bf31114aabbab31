import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { captureWarnings } from '../../src/base/warnings.js';
import { SimpleImputer } from '../../src/preprocessing/index.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import { assertClose, loadSklearnFixture } from '../helpers/fixtures.js';

const fx = loadSklearnFixture('preprocessing_simpleimputer_nan');
// In the fixture's inputs, null means NaN.
const nan = (rows: (number | null)[][]) => rows.map((r) => r.map((v) => (v === null ? Number.NaN : v)));
const nanOrNull = (values: (number | null)[]) => values.map((v) => (v === null ? Number.NaN : v));
const rowsOf = (t: unknown) => (t as Tensor).toArray() as number[][];

describe('SimpleImputer', () => {
  test('passes checkEstimator', async () => {
    await checkEstimator(() => new SimpleImputer());
    await checkEstimator(() => new SimpleImputer({ strategy: 'most_frequent', addIndicator: true }));
  });

  for (const strategy of ['mean', 'median', 'most_frequent', 'constant'] as const) {
    test(`matches scikit-learn: strategy '${strategy}'`, async () => {
      const e = fx.expected[strategy];
      const X = nan(fx.inputs.X);
      const imp = await new SimpleImputer(strategy === 'constant' ? { strategy, fillValue: -1 } : { strategy }).fit(X);
      assertClose(imp.statistics as Float64Array, e.statistics_, { label: 'statistics' });
      assertClose(rowsOf(imp.transform(X)), e.transform_train, { label: 'train' });
      assertClose(rowsOf(imp.transform(nan(fx.inputs.X_test))), e.transform_test, { label: 'test' });
      // All-missing column: statistic NaN and column dropped (kept by 'constant').
      const allNaN = nan(fx.inputs.X_all_nan_column);
      const edge = await new SimpleImputer(strategy === 'constant' ? { strategy, fillValue: -1 } : { strategy }).fit(
        allNaN,
      );
      assertClose(edge.statistics as Float64Array, nanOrNull(e.all_nan_column_statistics_), {
        label: 'edge statistics',
      });
      const { result } = await captureWarnings(() => edge.transform(allNaN));
      assertClose(rowsOf(result), e.all_nan_column_fit_transform, { label: 'edge transform' });
      if (e.all_nan_column_keep_empty_features_fit_transform) {
        const keep = await new SimpleImputer({ strategy, keepEmptyFeatures: true }).fitTransform(allNaN);
        assertClose(rowsOf(keep), e.all_nan_column_keep_empty_features_fit_transform, { label: 'keepEmptyFeatures' });
      }
    });
  }

  test('an all-missing column with mean imputation is dropped with a warning naming it', async () => {
    const imp = await new SimpleImputer().fit(nan(fx.inputs.X_all_nan_column));
    const { result, warnings } = await captureWarnings(() => imp.transform(nan(fx.inputs.X_all_nan_column)));
    assert.deepEqual((result as Tensor).shape, [3, 2]);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0].message, /Skipping features without any observed values: \[1\]/);
    assert.deepEqual(imp.getFeatureNamesOut(), ['x0', 'x2']);
  });

  test('a string in a numeric column: mean strategy refuses non-numeric data', async () => {
    await assert.rejects(
      () => new SimpleImputer().fit([[1], ['oops']]),
      (e: unknown) =>
        e instanceof ValidationError &&
        /Cannot use mean strategy with non-numeric data/.test(e.message) &&
        /oops/.test(e.message),
    );
  });

  test('most_frequent and constant on strings give rows of values', async () => {
    const X = [
      ['a', 'x'],
      [null, 'y'],
      ['b', null],
      ['a', 'y'],
    ];
    const mf = await new SimpleImputer({ strategy: 'most_frequent' }).fitTransform(X);
    assert.deepEqual(mf, [
      ['a', 'x'],
      ['a', 'y'],
      ['b', 'y'],
      ['a', 'y'],
    ]);
    const c = await new SimpleImputer({ strategy: 'constant' }).fitTransform(X);
    assert.deepEqual((c as unknown[][])[1], ['missing_value', 'y']);
    const tie = await new SimpleImputer({ strategy: 'most_frequent' }).fit([['b'], ['a']]);
    assert.deepEqual(tie.statistics, ['a']);
  });

  test('numeric missingValues placeholder, addIndicator, inverseTransform, feature names', async () => {
    const X = [
      [1, -1],
      [-1, 4],
      [3, 6],
    ];
    const imp = await new SimpleImputer({ missingValues: -1, addIndicator: true }).fit(X);
    const out = imp.transform(X) as Tensor;
    assert.deepEqual(out.toArray(), [
      [1, 5, 0, 1],
      [2, 4, 1, 0],
      [3, 6, 0, 0],
    ]);
    assert.deepEqual(imp.getFeatureNamesOut(), ['x0', 'x1', 'missingindicator_x0', 'missingindicator_x1']);
    assert.deepEqual(imp.inverseTransform(out).toArray(), X);
    await assert.rejects(() => new SimpleImputer({ missingValues: -1 }).fit([[Number.NaN]]), ValidationError);
    await assert.rejects(() => new SimpleImputer({ strategy: 'constant', fillValue: 'x' }).fit([[1]]), /fillValue/);
    const noIndicator = await new SimpleImputer().fit([[1]]);
    assert.throws(() => noIndicator.inverseTransform([[1]]), ValidationError);
  });

  test('toJSON/fromJSON keeps string statistics', async () => {
    const imp = await new SimpleImputer({ strategy: 'most_frequent' }).fit([['a'], [null], ['a']]);
    const loaded = SimpleImputer.fromJSON(JSON.parse(JSON.stringify(imp.toJSON())));
    assert.deepEqual(loaded.transform([[null]]), [['a']]);
  });
});
