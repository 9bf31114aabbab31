import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ValidationError } from '../../src/base/errors.js';
import { Frame } from '../../src/data/frame.js';
import { OneHotEncoder, OrdinalEncoder, readCategoricalInput, SimpleImputer } from '../../src/preprocessing/index.js';
import { Tensor } from '../../src/tensor/tensor.js';

describe('readCategoricalInput', () => {
  test('string rows, numeric rows, tensors and records', () => {
    const mixed = readCategoricalInput([
      ['a', 1],
      [null, Number.NaN],
    ]);
    assert.deepEqual(mixed.columns[0], { kind: 'string', values: ['a', null] });
    assert.equal(mixed.columns[1].kind, 'number');
    assert.equal(readCategoricalInput(new Tensor(new Float64Array([1, 2]), [2, 1])).nRows, 2);
    const records = readCategoricalInput([
      { city: 'x', n: 1 },
      { city: null, n: 2 },
    ]);
    assert.deepEqual(records.featureNames, ['city', 'n']);
  });

  test('bad input: ragged rows, mixed types, infinity, objects, empty', () => {
    assert.throws(() => readCategoricalInput([['a'], ['b', 'c']]), ValidationError);
    assert.throws(() => readCategoricalInput([['a'], [1]]), /uniformly strings or numbers/);
    assert.throws(() => readCategoricalInput([[Number.POSITIVE_INFINITY]]), /infinity/);
    assert.throws(() => readCategoricalInput([[{}]] as never), ValidationError);
    assert.throws(() => readCategoricalInput([]), /0 sample/);
  });
});

describe('encoders and imputers on a typelearn Frame', () => {
  const frame = Frame.fromColumns({
    embarked: ['S', 'C', null, 'S', 'Q'],
    age: [22, Number.NaN, 26, 35, 35],
  });

  test('column names become feature names; categorical codes are read directly', async () => {
    const enc = await new OneHotEncoder({ sparseOutput: false, handleUnknown: 'ignore' }).fit(frame);
    assert.deepEqual(enc.featureNamesIn, ['embarked', 'age']);
    assert.deepEqual(enc.getFeatureNamesOut(), [
      'embarked_C',
      'embarked_Q',
      'embarked_S',
      'embarked_nan',
      'age_22',
      'age_26',
      'age_35',
      'age_nan',
    ]);
    const ord = await new OrdinalEncoder().fit(frame.select(['embarked']));
    assert.deepEqual(Array.from(ord.transform(frame.select(['embarked'])).data).slice(0, 2), [2, 0]);
  });

  test('most-frequent imputation then one-hot (the categorical half of the Titanic pipeline)', async () => {
    const imputed = await new SimpleImputer({ strategy: 'most_frequent' }).fitTransform(frame.select(['embarked']));
    assert.deepEqual(imputed, [['S'], ['C'], ['S'], ['S'], ['Q']]);
    const onehot = await new OneHotEncoder({ sparseOutput: false }).fitTransform(imputed as string[][]);
    assert.deepEqual((onehot as Tensor).shape, [5, 3]);
  });
});
