import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { ValidationError } from '../../src/base/errors.js';
import {
  checkClassificationTargets,
  columnOrLabels,
  compareCodePoints,
  decodeLabels,
  encodeLabels,
  typeOfTarget,
} from '../../src/base/labels.js';
import { Tensor } from '../../src/tensor/tensor.js';

describe('columnOrLabels', () => {
  test('numbers become a Float64Array (reused when already one), strings a copy', () => {
    const f = Float64Array.of(1, 2);
    assert.equal(columnOrLabels(f).labels, f);
    assert.deepEqual(Array.from(columnOrLabels(Int32Array.of(3, 1)).labels as Float64Array), [3, 1]);
    const s = ['a', 'b'];
    const out = columnOrLabels(s).labels;
    assert.deepEqual(out, s);
    assert.notEqual(out, s);
    assert.deepEqual(Array.from(columnOrLabels(new Tensor(Int32Array.of(7))).labels as Float64Array), [7]);
  });

  test('rejects booleans, null, mixed kinds, bool tensors, 2-D', () => {
    assert.throws(
      () => columnOrLabels([true, false] as never),
      /y contains a boolean \(convert labels to numbers or strings\) at index 0/,
    );
    assert.throws(() => columnOrLabels([1, null] as never), /y mixes numbers and strings|missing value/);
    assert.throws(() => columnOrLabels([null] as never), /y contains a missing value at index 0/);
    assert.throws(() => columnOrLabels(['a', 2] as never), /index 0 is 'a', index 1 is 2/);
    assert.throws(() => columnOrLabels(new Tensor(Uint8Array.of(1), [1], 'bool')), /bool tensor/);
    assert.throws(() => columnOrLabels([[1, 2]] as never), /y should be a 1d array, got an array of shape \[1, 2\]/);
    assert.throws(() => columnOrLabels([Number.POSITIVE_INFINITY]), /contains infinity at index 0/);
    assert.ok(Number.isNaN(columnOrLabels([Number.NaN], { allowNaN: true }).labels[0] as number));
  });
});

describe('encodeLabels / decodeLabels', () => {
  test('numbers sort ascending (not lexicographically)', () => {
    const { classes, encoded } = encodeLabels([10, 2, -1, 2]);
    assert.deepEqual(classes, [-1, 2, 10]);
    assert.deepEqual(Array.from(encoded), [2, 1, 0, 1]);
  });

  test('strings sort by code point like numpy', () => {
    assert.deepEqual(encodeLabels(['b', 'a', 'B', 'é', 'z']).classes, ['B', 'a', 'b', 'z', 'é']);
    // An astral character (U+1F600) sorts after U+FF5E in code point order, before it in UTF-16 order.
    assert.deepEqual(encodeLabels(['😀', '～']).classes, ['～', '😀']);
  });

  test('decode gives Int32Array for int32 classes, arrays otherwise', () => {
    assert.deepEqual(decodeLabels([0, 5], Int32Array.of(1, 1, 0)), Int32Array.of(5, 5, 0));
    assert.deepEqual(decodeLabels(['a', 'b'], Int32Array.of(1, 0)), ['b', 'a']);
    assert.deepEqual(decodeLabels([1e10, 2e10], Int32Array.of(1)), [2e10]);
  });

  test('property: decode(encode(y)) == y and classes are sorted and distinct', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1 }),
          fc.array(fc.string(), { minLength: 1 }),
        ),
        (y) => {
          const { classes, encoded } = encodeLabels(y as never);
          assert.deepEqual(Array.from(decodeLabels(classes, encoded) as ArrayLike<number | string>), y);
          for (let i = 1; i < classes.length; i++) {
            const a = classes[i - 1];
            const b = classes[i];
            assert.ok(typeof a === 'number' ? a < (b as number) : compareCodePoints(a, b as string) < 0);
          }
        },
      ),
    );
  });
});

describe('target types', () => {
  test('typeOfTarget', () => {
    assert.equal(typeOfTarget(Float64Array.of(0, 1, 1)), 'binary');
    assert.equal(typeOfTarget(Float64Array.of(0, 1, 2)), 'multiclass');
    assert.equal(typeOfTarget(Float64Array.of(0, 1.5)), 'continuous');
    assert.equal(typeOfTarget(['a', 'b', 'c']), 'multiclass');
  });

  test('checkClassificationTargets rejects continuous targets', () => {
    assert.equal(checkClassificationTargets([1, 2, 2]), 'binary');
    assert.throws(
      () => checkClassificationTargets([0.5, 1.25]),
      (e: unknown) =>
        e instanceof ValidationError &&
        e.message.startsWith('Unknown label type: continuous. Maybe you are trying to fit a classifier'),
    );
  });
});
