import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  arange,
  DTypeError,
  eye,
  fromTyped,
  full,
  fullLike,
  linspace,
  ones,
  onesLike,
  ShapeError,
  Tensor,
  tensor,
  zeros,
  zerosLike,
} from '../../src/tensor/index.js';

describe('zeros / ones / full', () => {
  test('zeros has the shape, dtype and zero values', () => {
    const z = zeros([2, 3]);
    assert.deepEqual(z.shape, [2, 3]);
    assert.equal(z.dtype, 'float64');
    assert.ok(z.data instanceof Float64Array);
    assert.deepEqual(z.toArray(), [
      [0, 0, 0],
      [0, 0, 0],
    ]);
  });

  test('a single number is a 1-D shape and dtypes are honoured', () => {
    assert.deepEqual(zeros(4, 'int32').shape, [4]);
    assert.ok(zeros(4, 'int32').data instanceof Int32Array);
    assert.deepEqual(ones(3, 'float32').toArray(), [1, 1, 1]);
    assert.ok(ones(3, 'float32').data instanceof Float32Array);
    assert.deepEqual(ones(2, 'bool').toArray(), [true, true]);
  });

  test('0-d and size-0 shapes', () => {
    const s = zeros([]);
    assert.deepEqual(s.shape, []);
    assert.equal(s.size, 1);
    assert.equal(ones([0, 3]).size, 0);
    assert.deepEqual(ones([0, 3]).shape, [0, 3]);
  });

  test('invalid shapes throw ShapeError', () => {
    assert.throws(() => zeros([2, -1]), ShapeError);
    assert.throws(() => ones([1.5]), ShapeError);
    assert.throws(() => full(-2, 1), ShapeError);
  });

  test('unknown dtype throws DTypeError', () => {
    assert.throws(() => zeros(2, 'int64' as never), DTypeError);
  });

  test('full infers bool for booleans, float64 otherwise', () => {
    const b = full([2], true);
    assert.equal(b.dtype, 'bool');
    assert.deepEqual(b.toArray(), [true, true]);
    const f = full([2, 2], 7);
    assert.equal(f.dtype, 'float64');
    assert.deepEqual(f.toArray(), [
      [7, 7],
      [7, 7],
    ]);
  });

  test('full converts values to the dtype', () => {
    assert.deepEqual(full(2, 2.7, 'int32').toArray(), [2, 2]);
    assert.deepEqual(full(2, -2.7, 'int32').toArray(), [-2, -2]);
    assert.deepEqual(full(2, 0.5, 'bool').toArray(), [true, true]);
    assert.equal(full(1, 0.1, 'float32').data[0], Math.fround(0.1));
    assert.ok(Number.isNaN(full(1, Number.NaN).data[0]));
  });

  test('full rejects values int32 cannot hold', () => {
    assert.throws(() => full(2, Number.NaN, 'int32'), DTypeError);
    assert.throws(() => full(2, 2 ** 31, 'int32'), /does not fit in int32/);
  });
});

describe('arange', () => {
  test('one argument counts from 0 with int32', () => {
    const a = arange(5);
    assert.equal(a.dtype, 'int32');
    assert.deepEqual(a.toArray(), [0, 1, 2, 3, 4]);
  });

  test('start, stop, step like numpy', () => {
    assert.deepEqual(arange(2, 5).toArray(), [2, 3, 4]);
    assert.deepEqual(arange(5, 0, -2).toArray(), [5, 3, 1]);
    assert.deepEqual(arange(0, 10, 3).toArray(), [0, 3, 6, 9]);
    const f = arange(1, 2, 0.25);
    assert.equal(f.dtype, 'float64');
    assert.deepEqual(f.toArray(), [1, 1.25, 1.5, 1.75]);
  });

  test('length is ceil((stop - start) / step)', () => {
    // numpy: np.arange(0, 1, 0.1) has 10 elements; np.arange(1, 1.3, 0.1) has 4 (rounding makes the ratio 3.0000000000000004).
    assert.equal(arange(0, 1, 0.1).size, 10);
    assert.equal(arange(1, 1.3, 0.1).size, 4);
    assert.equal(arange(-1.5, 1).size, 3);
  });

  test('empty ranges', () => {
    assert.deepEqual(arange(5, 1).shape, [0]);
    assert.deepEqual(arange(0).shape, [0]);
    assert.deepEqual(arange(1, 5, -1).shape, [0]);
  });

  test('explicit dtype', () => {
    const a = arange(3, undefined, 1, 'float32');
    assert.equal(a.dtype, 'float32');
    assert.deepEqual(a.toArray(), [0, 1, 2]);
  });

  test('step 0 and non-finite arguments throw', () => {
    assert.throws(() => arange(0, 5, 0), /step must not be 0/);
    assert.throws(() => arange(0, Number.POSITIVE_INFINITY), /finite/);
  });
});

describe('linspace', () => {
  test('includes the endpoint by default', () => {
    assert.deepEqual(linspace(0, 1, 5).toArray(), [0, 0.25, 0.5, 0.75, 1]);
    assert.equal(linspace(0, 1).size, 50);
    // The last value is exactly stop even when i * step would round off.
    assert.equal(linspace(0, 0.3, 4).data[3], 0.3);
  });

  test('endpoint false', () => {
    assert.deepEqual(linspace(0, 1, 4, { endpoint: false }).toArray(), [0, 0.25, 0.5, 0.75]);
  });

  test('num 0 and 1', () => {
    assert.deepEqual(linspace(2, 3, 0).shape, [0]);
    assert.deepEqual(linspace(2, 3, 1).toArray(), [2]);
    assert.deepEqual(linspace(2, 3, 1, { endpoint: false }).toArray(), [2]);
  });

  test('descending and dtype', () => {
    assert.deepEqual(linspace(1, -1, 3).toArray(), [1, 0, -1]);
    const f = linspace(0, 1, 3, { dtype: 'float32' });
    assert.equal(f.dtype, 'float32');
    // numpy rounds int samples down: np.linspace(-1, 0, 3, dtype=int) == [-1, -1, 0]
    assert.deepEqual(linspace(0, 10, 4, { dtype: 'int32' }).toArray(), [0, 3, 6, 10]);
    assert.deepEqual(linspace(-1, 0, 3, { dtype: 'int32' }).toArray(), [-1, -1, 0]);
  });

  test('negative num throws', () => {
    assert.throws(() => linspace(0, 1, -1), RangeError);
  });
});

describe('eye', () => {
  test('identity', () => {
    assert.deepEqual(eye(3).toArray(), [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
  });

  test('rectangular and offset diagonals', () => {
    assert.deepEqual(eye(2, 3, 1).toArray(), [
      [0, 1, 0],
      [0, 0, 1],
    ]);
    assert.deepEqual(eye(3, 2, -1).toArray(), [
      [0, 0],
      [1, 0],
      [0, 1],
    ]);
    assert.deepEqual(eye(2, 2, 5).toArray(), [
      [0, 0],
      [0, 0],
    ]);
    assert.deepEqual(eye(0).shape, [0, 0]);
  });

  test('dtype', () => {
    const e = eye(2, undefined, 0, 'int32');
    assert.equal(e.dtype, 'int32');
    assert.deepEqual(e.toArray(), [
      [1, 0],
      [0, 1],
    ]);
  });
});

describe('*Like', () => {
  const x = Tensor.from([[1, 2, 3]], 'int32');

  test('keep shape and dtype', () => {
    const z = zerosLike(x);
    assert.deepEqual(z.shape, [1, 3]);
    assert.equal(z.dtype, 'int32');
    assert.deepEqual(onesLike(x).toArray(), [[1, 1, 1]]);
    // int32 truncates, as numpy's full_like does
    assert.deepEqual(fullLike(x, 2.5).toArray(), [[2, 2, 2]]);
  });

  test('dtype override', () => {
    assert.equal(zerosLike(x, 'float32').dtype, 'float32');
    assert.deepEqual(fullLike(x, 2.5, 'float64').toArray(), [[2.5, 2.5, 2.5]]);
    assert.deepEqual(onesLike(x, 'bool').toArray(), [[true, true, true]]);
  });

  test('they copy, never alias', () => {
    const y = Tensor.from([1, 2]);
    const z = zerosLike(y);
    z.set(5, 0);
    assert.deepEqual(y.toArray(), [1, 2]);
  });
});

describe('tensor / fromTyped', () => {
  test('tensor builds from nested arrays', () => {
    const t = tensor([
      [1, 2],
      [3, 4],
    ]);
    assert.deepEqual(t.shape, [2, 2]);
    assert.equal(t.dtype, 'float64');
    assert.equal(tensor([true, false]).dtype, 'bool');
    assert.equal(tensor([1, 2], 'int32').dtype, 'int32');
    assert.deepEqual(tensor(3).shape, []);
  });

  test('fromTyped wraps without copying', () => {
    const data = new Float32Array([1, 2, 3, 4]);
    const t = fromTyped(data, [2, 2]);
    assert.equal(t.dtype, 'float32');
    assert.equal(t.data, data);
    assert.deepEqual(fromTyped(new Int32Array(3)).shape, [3]);
    assert.deepEqual(fromTyped(new Int32Array(3), 3).shape, [3]);
    assert.equal(fromTyped(new Uint8Array([1, 0])).dtype, 'bool');
  });

  test('fromTyped rejects a shape that does not match', () => {
    assert.throws(() => fromTyped(new Float64Array(4), [3]), ShapeError);
  });
});
