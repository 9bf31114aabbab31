import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { DTypeError, ShapeError } from '../../src/tensor/errors.js';
import { asStrided, booleanMask, slice, take } from '../../src/tensor/indexing.js';
import { concat, split, stack } from '../../src/tensor/join.js';
import {
  expandDims,
  flip,
  permute,
  repeat,
  squeeze,
  swapaxes,
  tile,
  transpose,
} from '../../src/tensor/manipulation.js';
import { Tensor } from '../../src/tensor/tensor.js';

/** 0, 1, 2, ... in `shape` (float64). */
function arange(shape: number[]): Tensor {
  let n = 1;
  for (const d of shape) n *= d;
  return new Tensor(
    Float64Array.from({ length: n }, (_, i) => i),
    shape,
  );
}

/** Reference permutation copy through explicit multi-indices. */
function naiveTranspose(x: Tensor, perm: number[]): number[] {
  const outShape = perm.map((a) => x.shape[a]);
  const size = x.size;
  const inStrides = x.strides;
  const out: number[] = [];
  const idx = new Array(outShape.length).fill(0);
  for (let f = 0; f < size; f++) {
    let rem = f;
    for (let d = outShape.length - 1; d >= 0; d--) {
      idx[d] = rem % outShape[d];
      rem = Math.floor(rem / outShape[d]);
    }
    let off = 0;
    for (let d = 0; d < perm.length; d++) off += idx[d] * inStrides[perm[d]];
    out.push(x.data[off]);
  }
  return out;
}

describe('transpose', () => {
  test('2-D non-square', () => {
    const t = transpose(
      Tensor.from([
        [1, 2, 3],
        [4, 5, 6],
      ]),
    );
    assert.deepEqual(t.shape, [3, 2]);
    assert.deepEqual(t.toArray(), [
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
  });

  test('large 2-D beyond one block, odd sizes', () => {
    const x = arange([67, 45]);
    const t = transpose(x);
    assert.deepEqual(t.shape, [45, 67]);
    for (const [i, j] of [
      [0, 0],
      [66, 44],
      [33, 40],
      [5, 31],
      [64, 32],
    ])
      assert.equal(t.get(j, i), x.get(i, j));
    assert.deepEqual(Array.from(t.data), naiveTranspose(x, [1, 0]));
  });

  test('size-1 dims and 1-D / 0-d inputs', () => {
    assert.deepEqual(transpose(Tensor.from([[1, 2, 3]])).toArray(), [[1], [2], [3]]);
    assert.deepEqual(transpose(Tensor.from([1, 2, 3])).toArray(), [1, 2, 3]);
    const s = new Tensor(new Float64Array([7]), []);
    const t = transpose(s);
    assert.deepEqual(t.shape, []);
    assert.equal(t.item(), 7);
    assert.notEqual(t.data, s.data, 'transpose copies');
  });

  test('3-D and 4-D permutations match a naive index walk', () => {
    const x3 = arange([2, 3, 4]);
    for (const p of [
      [0, 1, 2],
      [0, 2, 1],
      [1, 0, 2],
      [1, 2, 0],
      [2, 0, 1],
      [2, 1, 0],
    ]) {
      const t = transpose(x3, p);
      assert.deepEqual(
        t.shape,
        p.map((a) => x3.shape[a]),
      );
      assert.deepEqual(Array.from(t.data), naiveTranspose(x3, p), `perm ${p}`);
    }
    const x4 = arange([2, 3, 1, 5]);
    for (const p of [
      [3, 1, 0, 2],
      [0, 3, 2, 1],
      [1, 3, 0, 2],
      [2, 0, 3, 1],
    ]) {
      assert.deepEqual(Array.from(transpose(x4, p).data), naiveTranspose(x4, p), `perm ${p}`);
    }
    assert.deepEqual(transpose(x3).shape, [4, 3, 2]);
  });

  test('negative axes, dtype kept, size-0 dims', () => {
    const x = Tensor.from(
      [
        [1, 2],
        [3, 4],
      ],
      'int32',
    );
    const t = transpose(x, [-1, -2]);
    assert.equal(t.dtype, 'int32');
    assert.deepEqual(t.toArray(), [
      [1, 3],
      [2, 4],
    ]);
    const e = transpose(new Tensor(new Float32Array(0), [0, 3]));
    assert.deepEqual(e.shape, [3, 0]);
    assert.equal(e.dtype, 'float32');
  });

  test('wrong permutations are ShapeErrors', () => {
    const x = arange([2, 3, 4]);
    assert.throws(() => transpose(x, [0, 1]), ShapeError);
    assert.throws(() => transpose(x, [0, 1, 1]), /not a permutation/);
    assert.throws(() => transpose(x, [0, 1, 3]), ShapeError);
  });

  test('permute and swapaxes', () => {
    const x = arange([2, 3, 4]);
    assert.deepEqual(Array.from(permute(x, [1, 2, 0]).data), naiveTranspose(x, [1, 2, 0]));
    const s = swapaxes(x, 0, -1);
    assert.deepEqual(s.shape, [4, 3, 2]);
    assert.deepEqual(Array.from(s.data), naiveTranspose(x, [2, 1, 0]));
  });

  test('property: a permutation then its inverse is the identity; matches the naive walk', () => {
    const shapeAndPerm = fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 0, maxLength: 5 }).chain((shape) =>
      fc.tuple(
        fc.constant(shape),
        fc.shuffledSubarray(
          shape.map((_, i) => i),
          { minLength: shape.length, maxLength: shape.length },
        ),
      ),
    );
    fc.assert(
      fc.property(shapeAndPerm, ([shape, p]) => {
        const x = arange(shape);
        const inv = new Array<number>(p.length);
        p.forEach((a, i) => {
          inv[a] = i;
        });
        const t = transpose(x, p);
        assert.deepEqual(Array.from(t.data), naiveTranspose(x, p));
        const back = transpose(t, inv);
        assert.deepEqual(back.shape, x.shape);
        assert.deepEqual(Array.from(back.data), Array.from(x.data));
        assert.deepEqual(Array.from(transpose(transpose(x)).data), Array.from(x.data));
      }),
      { numRuns: 200 },
    );
  });
});

describe('squeeze / expandDims', () => {
  test('squeeze all, one axis, several; shares data', () => {
    const x = arange([1, 3, 1]);
    const s = squeeze(x);
    assert.deepEqual(s.shape, [3]);
    assert.equal(s.data, x.data);
    assert.deepEqual(squeeze(x, 0).shape, [3, 1]);
    assert.deepEqual(squeeze(x, -1).shape, [1, 3]);
    assert.deepEqual(squeeze(x, [0, 2]).shape, [3]);
    assert.deepEqual(squeeze(new Tensor(new Float64Array(1), [1, 1])).shape, []);
  });

  test('squeeze of a non-1 axis names it', () => {
    assert.throws(() => squeeze(arange([1, 3]), 1), /axis 1 has size 3/);
  });

  test('expandDims positions', () => {
    const x = arange([2, 3]);
    assert.deepEqual(expandDims(x, 0).shape, [1, 2, 3]);
    assert.deepEqual(expandDims(x, 1).shape, [2, 1, 3]);
    assert.deepEqual(expandDims(x, -1).shape, [2, 3, 1]);
    assert.deepEqual(expandDims(new Tensor(new Float64Array([4]), []), 0).shape, [1]);
    assert.equal(expandDims(x, 2).data, x.data);
    assert.throws(() => expandDims(x, 4), ShapeError);
  });
});

describe('concat / stack / split', () => {
  test('concat along axes 0, 1 and -1', () => {
    const a = Tensor.from([[1, 2]]);
    const b = Tensor.from([
      [3, 4],
      [5, 6],
    ]);
    assert.deepEqual(concat([a, b]).toArray(), [
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    const c = Tensor.from([[1], [2]]);
    const d = Tensor.from([
      [3, 4],
      [5, 6],
    ]);
    assert.deepEqual(concat([c, d], 1).toArray(), [
      [1, 3, 4],
      [2, 5, 6],
    ]);
    assert.deepEqual(concat([c, d], -1).toArray(), [
      [1, 3, 4],
      [2, 5, 6],
    ]);
  });

  test('concat promotes dtypes and handles empty pieces', () => {
    const r = concat([Tensor.from([true, false]), Tensor.from([2, 3], 'int32'), Tensor.from([0.5], 'float32')]);
    assert.equal(r.dtype, 'float32');
    assert.deepEqual(r.toArray(), [1, 0, 2, 3, 0.5]);
    const i = concat([Tensor.from([true]), Tensor.from([7], 'int32')]);
    assert.equal(i.dtype, 'int32');
    const e = concat([new Tensor(new Float64Array(0), [0, 2]), Tensor.from([[1, 2]])]);
    assert.deepEqual(e.toArray(), [[1, 2]]);
  });

  test('concat errors name the tensor and dimension', () => {
    const a = Tensor.from([[1, 2]]);
    const b = Tensor.from([[1, 2, 3]]);
    assert.throws(() => concat([a, a, b]), /tensor 2 has size 3 in dimension 1/);
    assert.throws(() => concat([a, Tensor.from([1, 2])]), /tensor 1 has 1 dimension/);
    assert.throws(() => concat([]), ShapeError);
    assert.throws(() => concat([new Tensor(new Float64Array(1), [])]), ShapeError);
  });

  test('stack on new axes', () => {
    const a = Tensor.from([1, 2]);
    const b = Tensor.from([3, 4]);
    assert.deepEqual(stack([a, b]).toArray(), [
      [1, 2],
      [3, 4],
    ]);
    assert.deepEqual(stack([a, b], 1).toArray(), [
      [1, 3],
      [2, 4],
    ]);
    assert.deepEqual(stack([a, b], -1).toArray(), [
      [1, 3],
      [2, 4],
    ]);
    const s = stack([new Tensor(new Float64Array([1]), []), new Tensor(new Float64Array([2]), [])]);
    assert.deepEqual(s.toArray(), [1, 2]);
    assert.throws(() => stack([a, Tensor.from([1, 2, 3])]), /tensor 1 has shape \[3\]/);
  });

  test('split in sections and at indices', () => {
    const x = arange([6, 2]);
    const parts = split(x, 3);
    assert.equal(parts.length, 3);
    assert.deepEqual(parts[1].toArray(), [
      [4, 5],
      [6, 7],
    ]);
    const cols = split(x, 2, 1);
    assert.deepEqual(cols[1].toArray(), [[1], [3], [5], [7], [9], [11]]);
    const y = Tensor.from([1, 2, 3, 4, 5]);
    assert.deepEqual(
      split(y, [1, 3]).map((t) => t.toArray()),
      [[1], [2, 3], [4, 5]],
    );
    assert.deepEqual(
      split(y, [3, 1, 10]).map((t) => t.toArray()),
      [[1, 2, 3], [], [2, 3, 4, 5], []],
    );
    assert.deepEqual(
      split(y, [-2]).map((t) => t.toArray()),
      [
        [1, 2, 3],
        [4, 5],
      ],
    );
    assert.throws(() => split(y, 2), /does not divide/);
  });

  test('property: split then concat is the identity', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 6 }),
        fc.array(fc.integer({ min: -8, max: 8 }), { maxLength: 4 }),
        (rows, cols, points) => {
          const x = arange([rows, cols]);
          const sorted = points.map((p) => (p < 0 ? Math.max(p + cols, 0) : Math.min(p, cols))).sort((a, b) => a - b);
          const back = concat(split(x, sorted, 1), 1);
          assert.deepEqual(back.toArray(), x.toArray());
        },
      ),
    );
  });
});

describe('take', () => {
  const x = Tensor.from([
    [1, 2],
    [3, 4],
    [5, 6],
  ]);

  test('flattened, with negative indices and shaped indices', () => {
    assert.deepEqual(take(x, [0, -1, 3]).toArray(), [1, 6, 4]);
    const idx = new Tensor(new Int32Array([5, 0, 1, 2]), [2, 2]);
    assert.deepEqual(take(x, idx).toArray(), [
      [6, 1],
      [2, 3],
    ]);
  });

  test('along an axis', () => {
    assert.deepEqual(take(x, [2, 0], 0).toArray(), [
      [5, 6],
      [1, 2],
    ]);
    assert.deepEqual(take(x, [1, 1, 0], 1).toArray(), [
      [2, 2, 1],
      [4, 4, 3],
      [6, 6, 5],
    ]);
    assert.deepEqual(take(x, new Tensor(new Int32Array([-1]), []), -1).toArray(), [2, 4, 6]);
    const big = arange([2, 3, 70]);
    const t = take(big, [2, 0], 1);
    assert.deepEqual(t.shape, [2, 2, 70]);
    assert.equal(t.get(1, 0, 69), big.get(1, 2, 69));
    assert.equal(t.get(0, 1, 5), big.get(0, 0, 5));
  });

  test('float indices must be integral; bool indices refused; empty indices', () => {
    assert.deepEqual(take(x, Tensor.from([1, 2])).toArray(), [2, 3]);
    assert.throws(() => take(x, [0.5]), DTypeError);
    assert.throws(() => take(x, Tensor.from([true])), DTypeError);
    assert.deepEqual(take(x, [], 0).shape, [0, 2]);
  });

  test('out of range index is named', () => {
    assert.throws(() => take(x, [6]), /index 6 is out of bounds/);
    assert.throws(() => take(x, [0, -4], 0), /index -4 is out of bounds for axis 0 of size 3/);
    assert.throws(() => take(x, [0], 2), ShapeError);
  });
});

describe('booleanMask', () => {
  const x = Tensor.from([
    [1, 2],
    [3, 4],
    [5, 6],
  ]);

  test('mask over rows and over all elements', () => {
    assert.deepEqual(booleanMask(x, Tensor.from([true, false, true])).toArray(), [
      [1, 2],
      [5, 6],
    ]);
    const m = Tensor.from([
      [true, false],
      [false, true],
      [true, true],
    ]);
    assert.deepEqual(booleanMask(x, m).toArray(), [1, 4, 5, 6]);
  });

  test('no true values gives an empty leading dimension', () => {
    const r = booleanMask(x, Tensor.from([false, false, false]));
    assert.deepEqual(r.shape, [0, 2]);
    assert.equal(r.dtype, 'float64');
  });

  test('wide rows (bulk copy path)', () => {
    const w = arange([3, 100]);
    const r = booleanMask(w, Tensor.from([false, true, true]));
    assert.deepEqual(r.shape, [2, 100]);
    assert.equal(r.get(1, 99), 299);
  });

  test('mask shape and dtype errors', () => {
    assert.throws(() => booleanMask(x, Tensor.from([true, false])), /mask shape \[2\]/);
    assert.throws(() => booleanMask(x, Tensor.from([1, 0, 1])), DTypeError);
  });
});

describe('slice', () => {
  const x = arange([3, 4]);

  test('indices, ranges, steps and nulls', () => {
    assert.deepEqual(slice(x, [1]).toArray(), [4, 5, 6, 7]);
    assert.deepEqual(slice(x, [-1, -1]).toArray(), 11);
    assert.deepEqual(slice(x, [null, [1, 3]]).toArray(), [
      [1, 2],
      [5, 6],
      [9, 10],
    ]);
    assert.deepEqual(
      slice(x, [
        [0, 3, 2],
        [null, null, 3],
      ]).toArray(),
      [
        [0, 3],
        [8, 11],
      ],
    );
    assert.deepEqual(slice(x, [[-2, null], 0]).toArray(), [4, 8]);
  });

  test('negative steps and clamping like Python', () => {
    const v = Tensor.from([0, 1, 2, 3, 4]);
    assert.deepEqual(slice(v, [[null, null, -1]]).toArray(), [4, 3, 2, 1, 0]);
    assert.deepEqual(slice(v, [[3, 0, -1]]).toArray(), [3, 2, 1]);
    assert.deepEqual(slice(v, [[-1, -4, -2]]).toArray(), [4, 2]);
    assert.deepEqual(slice(v, [[10, null, -2]]).toArray(), [4, 2, 0]);
    assert.deepEqual(slice(v, [[-100, 100]]).toArray(), [0, 1, 2, 3, 4]);
    assert.deepEqual(slice(v, [[3, 1]]).toArray(), []);
    assert.deepEqual(slice(v, [[1, 3, -1]]).toArray(), []);
  });

  test('property: matches Array.prototype.slice for positive steps', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 }),
        fc.option(fc.integer({ min: -12, max: 12 })),
        fc.option(fc.integer({ min: -12, max: 12 })),
        (n, a, b) => {
          const arr = Array.from({ length: n }, (_, i) => i);
          const got = slice(new Tensor(Float64Array.from(arr)), [[a, b]]).toArray();
          assert.deepEqual(got, arr.slice(a ?? 0, b ?? n));
        },
      ),
    );
  });

  test('errors', () => {
    assert.throws(() => slice(x, [3]), /index 3 is out of bounds for dimension 0/);
    assert.throws(() => slice(x, [null, [0, 2, 0]]), /step 0/);
    assert.throws(() => slice(x, [0, 0, 0]), ShapeError);
  });
});

describe('asStrided', () => {
  test('sliding windows and bounds check', () => {
    const v = Tensor.from([0, 1, 2, 3, 4]);
    assert.deepEqual(asStrided(v, [3, 3], [1, 1]).toArray(), [
      [0, 1, 2],
      [1, 2, 3],
      [2, 3, 4],
    ]);
    assert.deepEqual(asStrided(v, [2, 2], [0, -1], 4).toArray(), [
      [4, 3],
      [4, 3],
    ]);
    assert.throws(() => asStrided(v, [3, 4], [1, 1]), ShapeError);
  });
});

describe('flip / tile / repeat', () => {
  test('flip one axis, all axes, 0-d', () => {
    const x = Tensor.from([
      [1, 2],
      [3, 4],
    ]);
    assert.deepEqual(flip(x, 1).toArray(), [
      [2, 1],
      [4, 3],
    ]);
    assert.deepEqual(flip(x, 0).toArray(), [
      [3, 4],
      [1, 2],
    ]);
    assert.deepEqual(flip(x).toArray(), [
      [4, 3],
      [2, 1],
    ]);
    assert.equal(flip(new Tensor(new Float64Array([3]), [])).item(), 3);
  });

  test('tile like numpy', () => {
    const v = Tensor.from([1, 2]);
    assert.deepEqual(tile(v, 2).toArray(), [1, 2, 1, 2]);
    assert.deepEqual(tile(v, [2, 2]).toArray(), [
      [1, 2, 1, 2],
      [1, 2, 1, 2],
    ]);
    const m = Tensor.from(
      [
        [1, 2],
        [3, 4],
      ],
      'int32',
    );
    const t = tile(m, [2, 1]);
    assert.equal(t.dtype, 'int32');
    assert.deepEqual(t.toArray(), [
      [1, 2],
      [3, 4],
      [1, 2],
      [3, 4],
    ]);
    assert.deepEqual(tile(m, 2).toArray(), [
      [1, 2, 1, 2],
      [3, 4, 3, 4],
    ]);
    assert.deepEqual(tile(v, [0]).shape, [0]);
    const c = tile(v, 1);
    assert.notEqual(c.data, v.data);
  });

  test('repeat like numpy', () => {
    const x = Tensor.from([
      [1, 2],
      [3, 4],
    ]);
    assert.deepEqual(repeat(x, 2).toArray(), [1, 1, 2, 2, 3, 3, 4, 4]);
    assert.deepEqual(repeat(x, 2, 0).toArray(), [
      [1, 2],
      [1, 2],
      [3, 4],
      [3, 4],
    ]);
    assert.deepEqual(repeat(x, [1, 2], 1).toArray(), [
      [1, 2, 2],
      [3, 4, 4],
    ]);
    assert.deepEqual(repeat(Tensor.from([1, 2]), [0, 3]).toArray(), [2, 2, 2]);
    assert.throws(() => repeat(x, [1, 2, 3], 0), /3 repeat counts/);
    assert.throws(() => repeat(x, -1), ShapeError);
  });
});
