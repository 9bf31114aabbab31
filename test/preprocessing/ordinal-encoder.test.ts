import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { OrdinalEncoder } from '../../src/preprocessing/index.js';
import { loadSklearnFixture } from '../helpers/fixtures.js';

const fx = loadSklearnFixture('preprocessing_ordinalencoder_strings');
const { X_train, X_test } = fx.inputs;

describe('OrdinalEncoder', () => {
  test('passes checkEstimator', async () => {
    await checkEstimator(() => new OrdinalEncoder({ handleUnknown: 'use_encoded_value', unknownValue: -1 }));
    await checkEstimator(() => new OrdinalEncoder(), {
      // Default handleUnknown='error': the checks' second dataset has values unseen in fit, by design.
      skip: ['checkNFeaturesMismatch'],
    });
  });

  test('matches scikit-learn (default and use_encoded_value)', async () => {
    const enc = await new OrdinalEncoder().fit(X_train);
    assert.deepEqual(enc.categories, fx.expected.categories_);
    assert.deepEqual(enc.transform(X_train).toArray(), fx.expected.transform_train);
    assert.throws(
      () => enc.transform(X_test),
      (e: unknown) =>
        e instanceof ValidationError &&
        e.message === "Found unknown categories ['purple'] in column 0 during transform",
    );
    const coded = await new OrdinalEncoder({ handleUnknown: 'use_encoded_value', unknownValue: -1 }).fit(X_train);
    const out = coded.transform(X_test);
    assert.deepEqual(out.toArray(), fx.expected.use_encoded_value_transform_test);
    assert.deepEqual(coded.inverseTransform(out), fx.expected.use_encoded_value_inverse_transform_test);
    assert.deepEqual(enc.inverseTransform(enc.transform(X_train)), X_train);
  });

  test('missing values encode as encodedMissingValue and invert to null', async () => {
    const enc = await new OrdinalEncoder().fit([['b'], [null], ['a']]);
    assert.deepEqual(enc.categories, [['a', 'b', null]]);
    const out = enc.transform([['a'], [undefined], ['b']]).toArray() as number[][];
    assert.equal(out[0][0], 0);
    assert.ok(Number.isNaN(out[1][0]));
    assert.deepEqual(enc.inverseTransform(out), [['a'], [null], ['b']]);
    const custom = await new OrdinalEncoder({ encodedMissingValue: -5 }).fit([[1], [Number.NaN]]);
    assert.deepEqual(custom.transform([[Number.NaN], [1]]).toArray(), [[-5], [0]]);
    await assert.rejects(() => new OrdinalEncoder({ encodedMissingValue: 0 }).fit([[1], [Number.NaN]]), /already used/);
  });

  test('unknownValue rules', async () => {
    await assert.rejects(
      () => new OrdinalEncoder({ handleUnknown: 'use_encoded_value' }).fit([['a']]),
      ValidationError,
    );
    await assert.rejects(() => new OrdinalEncoder({ unknownValue: -1 }).fit([['a']]), ValidationError);
    await assert.rejects(
      () => new OrdinalEncoder({ handleUnknown: 'use_encoded_value', unknownValue: 0 }).fit([['a'], ['b']]),
      /already used/,
    );
    const nan = await new OrdinalEncoder({ handleUnknown: 'use_encoded_value', unknownValue: Number.NaN }).fit([['a']]);
    assert.ok(Number.isNaN(nan.transform([['zz']]).data[0]));
  });

  test('feature names out are the input names', async () => {
    const enc = await new OrdinalEncoder().fit({ columnNames: ['colour'], column: () => ['a', 'b'] });
    assert.deepEqual(enc.getFeatureNamesOut(), ['colour']);
  });
});
