import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { captureWarnings } from '../../src/base/warnings.js';
import { OneHotEncoder } from '../../src/preprocessing/index.js';
import { SparseMatrix } from '../../src/tensor/sparse.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import { loadSklearnFixture } from '../helpers/fixtures.js';

const fx = loadSklearnFixture('preprocessing_onehotencoder_strings');
const { X_train, X_test } = fx.inputs;

const dense = (out: Tensor | SparseMatrix) =>
  (out instanceof SparseMatrix ? out.toDense() : out).toArray() as number[][];

describe('OneHotEncoder', () => {
  test('passes checkEstimator (dense output; sparse output is checked below)', async () => {
    // checkEstimator compares outputs as Tensors, so it runs on the dense form.
    await checkEstimator(() => new OneHotEncoder({ sparseOutput: false, handleUnknown: 'ignore' }));
  });

  test("matches scikit-learn with handleUnknown='ignore'", async () => {
    const enc = await new OneHotEncoder({ handleUnknown: 'ignore', sparseOutput: false }).fit(X_train);
    assert.deepEqual(enc.categories, fx.expected.categories_);
    assert.deepEqual(enc.getFeatureNamesOut(), fx.expected.feature_names_out);
    assert.deepEqual(dense(enc.transform(X_train)), fx.expected.transform_train);
    assert.deepEqual(dense(enc.transform(X_test)), fx.expected.transform_test);
    assert.deepEqual(enc.inverseTransform(enc.transform(X_test) as Tensor), fx.expected.inverse_transform_test);
  });

  test("matches scikit-learn with drop='first' (and warns on unknown categories)", async () => {
    const e = fx.expected.drop_first;
    const enc = await new OneHotEncoder({ drop: 'first', handleUnknown: 'ignore', sparseOutput: false }).fit(X_train);
    assert.deepEqual(enc.dropIdx, e.drop_idx_);
    assert.deepEqual(enc.getFeatureNamesOut(), e.feature_names_out);
    assert.deepEqual(dense(enc.transform(X_train)), e.transform_train);
    const { result, warnings } = await captureWarnings(() => enc.transform(X_test));
    assert.deepEqual(dense(result), e.transform_test);
    assert.match(warnings[0].message, /unknown categories in columns \[0, 1, 2\]/);
    // Round trip: dropped category comes back from an all-zero block.
    assert.deepEqual(enc.inverseTransform(enc.transform(X_train) as Tensor), X_train);
  });

  test('sparse output by default, as scikit-learn 1.2', async () => {
    const enc = await new OneHotEncoder().fit(X_train);
    const out = enc.transform(X_train);
    assert.ok(out instanceof SparseMatrix);
    assert.equal(out.nnz, X_train.length * 3);
    assert.deepEqual(dense(out), fx.expected.transform_train);
    assert.deepEqual(enc.inverseTransform(out), X_train);
  });

  test("unknown category with handleUnknown='error' names the column and the value", async () => {
    const enc = await new OneHotEncoder().fit(X_train);
    assert.throws(
      () => enc.transform(X_test),
      (e: unknown) =>
        e instanceof ValidationError &&
        e.message === "Found unknown categories ['purple'] in column 0 during transform",
    );
    const frame = { columnNames: ['colour'], column: () => ['red', 'blue'] };
    const named = await new OneHotEncoder().fit(frame);
    assert.throws(
      () => named.transform({ columnNames: ['colour'], column: () => ['green'] }),
      (e: unknown) =>
        e instanceof ValidationError &&
        /'colour'/.test(e.message) &&
        /'green'/.test(e.message) &&
        e.column === 'colour',
    );
  });

  test('a Frame-like table with a dictionary-coded column keeps its names', async () => {
    const table = {
      columnNames: ['city', 'n'],
      column: (name: string) =>
        name === 'city'
          ? { codes: new Int32Array([0, 1, -1, 0]), categories: ['Paris', 'Oslo'] }
          : new Float64Array([1, 2, 1, 3]),
    };
    const enc = await new OneHotEncoder({ sparseOutput: false }).fit(table);
    assert.deepEqual(enc.getFeatureNamesOut(), ['city_Oslo', 'city_Paris', 'city_nan', 'n_1', 'n_2', 'n_3']);
    assert.deepEqual(dense(enc.transform(table))[2], [0, 0, 1, 1, 0, 0]);
  });

  test('missing values are a category (sorted last), numbers sorted numerically', async () => {
    const enc = await new OneHotEncoder({ sparseOutput: false }).fit([[10], [null], [9], [Number.NaN]]);
    assert.deepEqual(enc.getFeatureNamesOut(), ['x0_9', 'x0_10', 'x0_nan']);
    assert.deepEqual(dense(enc.transform([[undefined], [9]])), [
      [0, 0, 1],
      [1, 0, 0],
    ]);
  });

  test("drop='if_binary' and explicit drop", async () => {
    const X = [
      ['a', 'x'],
      ['b', 'y'],
      ['a', 'z'],
    ];
    const ifBinary = await new OneHotEncoder({ drop: 'if_binary', sparseOutput: false }).fit(X);
    assert.deepEqual(ifBinary.getFeatureNamesOut(), ['x0_b', 'x1_x', 'x1_y', 'x1_z']);
    const explicit = await new OneHotEncoder({ drop: ['b', 'y'], sparseOutput: false }).fit(X);
    assert.deepEqual(explicit.getFeatureNamesOut(), ['x0_a', 'x1_x', 'x1_z']);
    assert.deepEqual(explicit.inverseTransform(explicit.transform(X) as Tensor), X);
    await assert.rejects(() => new OneHotEncoder({ drop: ['c', 'y'] }).fit(X), ValidationError);
  });

  test('minFrequency / maxCategories group infrequent categories (values from scikit-learn 1.2.1)', async () => {
    // X = [['a']]*5 + [['b']]*20 + [['c']]*10 + [['d']]*3
    const X = [...Array(5).fill(['a']), ...Array(20).fill(['b']), ...Array(10).fill(['c']), ...Array(3).fill(['d'])];
    const byCount = await new OneHotEncoder({ minFrequency: 6, sparseOutput: false }).fit(X);
    assert.deepEqual(byCount.infrequentCategories, [['a', 'd']]);
    assert.deepEqual(byCount.getFeatureNamesOut(), ['x0_b', 'x0_c', 'x0_infrequent_sklearn']);
    assert.deepEqual(dense(byCount.transform([['a'], ['c'], ['d']])), [
      [0, 0, 1],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    const byMax = await new OneHotEncoder({ maxCategories: 3, sparseOutput: false }).fit(X);
    assert.deepEqual(byMax.infrequentCategories, [['a', 'd']]);
    const byFraction = await new OneHotEncoder({ minFrequency: 0.2, sparseOutput: false }).fit(X);
    assert.deepEqual(byFraction.infrequentCategories, [['a', 'd']]);
    const ifExist = await new OneHotEncoder({
      minFrequency: 6,
      handleUnknown: 'infrequent_if_exist',
      sparseOutput: false,
    }).fit(X);
    assert.deepEqual(dense(ifExist.transform([['zzz']])), [[0, 0, 1]]);
    assert.deepEqual(ifExist.inverseTransform([[0, 0, 1]]), [['infrequent_sklearn']]);
  });

  test('given categories: unknown values at fit throw, numeric ones must be sorted', async () => {
    await assert.rejects(
      () => new OneHotEncoder({ categories: [['a', 'b']] }).fit([['a'], ['c']]),
      /unknown categories \['c'\] in column 0 during fit/,
    );
    await assert.rejects(() => new OneHotEncoder({ categories: [[2, 1]] }).fit([[1]]), /Unsorted categories/);
    const enc = await new OneHotEncoder({ categories: [['z', 'a']], sparseOutput: false }).fit([['a']]);
    assert.deepEqual(enc.getFeatureNamesOut(), ['x0_z', 'x0_a']);
  });

  test('mixed strings and numbers in one column are rejected', async () => {
    await assert.rejects(() => new OneHotEncoder().fit([['a'], [1]]), /uniformly strings or numbers/);
  });

  test('toJSON/fromJSON keeps the encoding', async () => {
    const enc = await new OneHotEncoder({ minFrequency: 2, handleUnknown: 'infrequent_if_exist', drop: 'first' }).fit(
      X_train,
    );
    const loaded = OneHotEncoder.fromJSON(JSON.parse(JSON.stringify(enc.toJSON())));
    assert.deepEqual(dense(loaded.transform(X_train)), dense(enc.transform(X_train)));
    assert.deepEqual(loaded.getFeatureNamesOut(), enc.getFeatureNamesOut());
  });
});
