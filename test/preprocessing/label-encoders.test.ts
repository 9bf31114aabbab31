import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { LabelBinarizer, LabelEncoder } from '../../src/preprocessing/index.js';

// These work on 1-D labels, not on a feature matrix: the common checks that fit a 2-D X do not apply.
const X_CHECKS = [
  'checkFitReturnsSelf',
  'checkClone',
  'checkParamsUnchangedByFit',
  'checkNotFittedError',
  'checkNFeaturesIn',
  'checkNFeaturesMismatch',
  'checkDeterminism',
  'checkRefitNoLeak',
  'checkNonFiniteInput',
  'checkEmptyInput',
  'checkSaveLoad',
  'checkInputFormats',
  'checkFeatureNames',
  'checkInputNotMutated',
  'checkTransformer',
];

describe('LabelEncoder', () => {
  test('passes checkEstimator (label-only checks)', async () => {
    await checkEstimator(() => new LabelEncoder(), { skip: X_CHECKS });
  });

  test('encodes, decodes, rejects unseen labels, saves', async () => {
    const le = await new LabelEncoder().fit(['paris', 'tokyo', 'paris', 'amsterdam']);
    assert.deepEqual(le.classes, ['amsterdam', 'paris', 'tokyo']);
    assert.deepEqual(Array.from(le.transform(['tokyo', 'paris'])), [2, 1]);
    assert.deepEqual(le.inverseTransform([0, 2]), ['amsterdam', 'tokyo']);
    assert.throws(
      () => le.transform(['rome']),
      (e: unknown) => e instanceof ValidationError && /'rome'/.test(e.message),
    );
    assert.throws(() => le.inverseTransform([3]), ValidationError);
    const nums = await new LabelEncoder().fitTransform([10, 2, 10]);
    assert.deepEqual(Array.from(nums), [1, 0, 1]);
    const loaded = LabelEncoder.fromJSON(JSON.parse(JSON.stringify(le.toJSON())));
    assert.deepEqual(Array.from(loaded.transform(['amsterdam'])), [0]);
  });
});

describe('LabelBinarizer', () => {
  test('passes checkEstimator (label-only checks)', async () => {
    await checkEstimator(() => new LabelBinarizer(), { skip: X_CHECKS });
  });

  test('multiclass, binary, negLabel/posLabel, inverse (sklearn docstring examples)', async () => {
    const lb = await new LabelBinarizer().fit([1, 2, 6, 4, 2]);
    assert.deepEqual(lb.classes, [1, 2, 4, 6]);
    assert.deepEqual(lb.transform([1, 6]).toArray(), [
      [1, 0, 0, 0],
      [0, 0, 0, 1],
    ]);
    assert.deepEqual(lb.inverseTransform(lb.transform([4, 2])), [4, 2]);
    const bin = await new LabelBinarizer({ negLabel: -1, posLabel: 2 }).fit(['yes', 'no', 'no']);
    assert.deepEqual(bin.transform(['yes', 'no']).toArray(), [[2], [-1]]);
    assert.deepEqual(bin.inverseTransform([[2], [-1]]), ['yes', 'no']);
    assert.throws(() => lb.transform([3]), ValidationError);
  });
});
