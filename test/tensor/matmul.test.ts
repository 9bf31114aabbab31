import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { ShapeError } from '../../src/tensor/errors.js';
import { dot, matmul, outer } from '../../src/tensor/matmul.js';
import { Tensor } from '../../src/tensor/tensor.js';

const f64 = (v: number[], shape?: number[]) => new Tensor(Float64Array.from(v), shape);

/** Deterministic small integers so float sums are exact. */
function ints(shape: number[], seed: number): Tensor {
  let n = 1;
  for (const d of shape) n *= d;
  const out = new Float64Array(n);
  let s = seed | 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) | 0;
    out[i] = ((s >>> 24) % 11) - 5;
  }
  return new Tensor(out, shape);
}

/** Reference: numpy matmul through explicit loops over broadcast batch indices. */
function naiveMatmul(a: Tensor, b: Tensor): { shape: number[]; data: number[] } {
  const as = a.ndim === 1 ? [1, a.shape[0]] : [...a.shape];
  const bs = b.ndim === 1 ? [b.shape[0], 1] : [...b.shape];
  const m = as[as.length - 2];
  const k = as[as.length - 1];
  const n = bs[bs.length - 1];
  const ba = as.slice(0, -2);
  const bb = bs.slice(0, -2);
  const nd = Math.max(ba.length, bb.length);
  const pa = [...new Array(nd - ba.length).fill(1), ...ba];
  const pb = [...new Array(nd - bb.length).fill(1), ...bb];
  const batch = pa.map((d, i) => Math.max(d, pb[i]));
  let nb = 1;
  for (const d of batch) nb *= d;
  const data: number[] = [];
  for (let t = 0; t < nb; t++) {
    let rem = t;
    let offA = 0;
    let offB = 0;
    let sa = 1;
    let sb = 1;
    for (let d = nd - 1; d >= 0; d--) {
      const i = rem % batch[d];
      rem = Math.floor(rem / batch[d]);
      offA += (pa[d] === 1 ? 0 : i) * sa;
      offB += (pb[d] === 1 ? 0 : i) * sb;
      sa *= pa[d];
      sb *= pb[d];
    }
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += a.data[offA * m * k + i * k + p] * b.data[offB * k * n + p * n + j];
        data.push(s);
      }
    }
  }
  const shape = [...batch];
  if (a.ndim > 1) shape.push(m);
  if (b.ndim > 1) shape.push(n);
  return { shape, data };
}

describe('matmul', () => {
  test('2-D x 2-D by hand', () => {
    const c = matmul(f64([1, 2, 3, 4, 5, 6], [2, 3]), f64([7, 8, 9, 10, 11, 12], [3, 2]));
    assert.deepEqual(c.shape, [2, 2]);
    assert.deepEqual(c.toArray(), [
      [58, 64],
      [139, 154],
    ]);
    assert.equal(c.dtype, 'float64');
  });

  test('vector cases drop the added dimension', () => {
    const v = f64([1, 2]);
    const m = f64([1, 2, 3, 4, 5, 6], [2, 3]);
    const dotv = matmul(v, f64([3, 4]));
    assert.deepEqual(dotv.shape, []);
    assert.equal(dotv.item(), 11);
    assert.deepEqual(matmul(v, m).toArray(), [9, 12, 15]);
    assert.deepEqual(matmul(m, f64([1, 0, -1])).toArray(), [-2, -2]);
  });

  test('batched with broadcasting of batch dims', () => {
    const a = ints([2, 1, 3, 4], 1);
    const b = ints([5, 4, 2], 2);
    const c = matmul(a, b);
    const ref = naiveMatmul(a, b);
    assert.deepEqual(c.shape, [2, 5, 3, 2]);
    assert.deepEqual(Array.from(c.data), ref.data);
    const d = matmul(ints([3, 2, 4], 3), ints([4, 5], 4));
    assert.deepEqual(d.shape, [3, 2, 5]);
    assert.deepEqual(Array.from(d.data), naiveMatmul(ints([3, 2, 4], 3), ints([4, 5], 4)).data);
    const e = matmul(ints([4], 5), ints([3, 4, 2], 6));
    assert.deepEqual(e.shape, [3, 2]);
    assert.deepEqual(Array.from(e.data), naiveMatmul(ints([4], 5), ints([3, 4, 2], 6)).data);
  });

  test('dtypes: float32 only for two float32 operands; int32/bool give float64', () => {
    const a32 = Tensor.from([[1, 2]], 'float32');
    const b32 = Tensor.from([[3], [4]], 'float32');
    const c = matmul(a32, b32);
    assert.equal(c.dtype, 'float32');
    assert.deepEqual(c.toArray(), [[11]]);
    assert.equal(matmul(a32, Tensor.from([[3], [4]])).dtype, 'float64');
    const ci = matmul(Tensor.from([[1, 2]], 'int32'), Tensor.from([[3], [4]], 'int32'));
    assert.equal(ci.dtype, 'float64');
    assert.deepEqual(ci.toArray(), [[11]]);
    const cb = matmul(Tensor.from([[true, true]]), Tensor.from([[true], [false]]));
    assert.equal(cb.dtype, 'float64');
    assert.deepEqual(cb.toArray(), [[1]]);
  });

  test('size-0 dimensions give zeros of the right shape', () => {
    assert.deepEqual(matmul(f64([], [2, 0]), f64([], [0, 3])).toArray(), [
      [0, 0, 0],
      [0, 0, 0],
    ]);
    assert.deepEqual(matmul(f64([], [0, 3]), f64([1, 2, 3], [3, 1])).shape, [0, 1]);
    assert.deepEqual(matmul(f64([], [0, 2, 3]), f64([1, 2, 3], [3, 1])).shape, [0, 2, 1]);
  });

  test('errors show both shapes', () => {
    assert.throws(
      () => matmul(f64([1, 2, 3, 4, 5, 6], [2, 3]), f64([1, 2, 3, 4], [2, 2])),
      (e: unknown) => {
        assert.ok(e instanceof ShapeError);
        assert.match(e.message, /\[2, 3\] and \[2, 2\]/);
        return true;
      },
    );
    assert.throws(() => matmul(f64([1, 2]), f64([1, 2, 3])), /\[2\] and \[3\]/);
    assert.throws(() => matmul(ints([2, 2, 2], 1), ints([3, 2, 2], 1)), /cannot be broadcast/);
    assert.throws(() => matmul(f64([1], []), f64([1])), ShapeError);
  });

  test('property: matches the naive triple loop on random shapes with batch broadcasting', () => {
    const dim = fc.integer({ min: 0, max: 4 });
    const batchDim = fc.integer({ min: 1, max: 3 });
    const arb = fc.record({
      m: dim,
      k: dim,
      n: dim,
      batchA: fc.array(batchDim, { maxLength: 2 }),
      batchB: fc.array(batchDim, { maxLength: 2 }),
      vecA: fc.boolean(),
      vecB: fc.boolean(),
      ones: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
      seed: fc.integer(),
    });
    fc.assert(
      fc.property(arb, ({ m, k, n, batchA, batchB, vecA, vecB, ones, seed }) => {
        // Make the batch shapes broadcast-compatible: where both have a dim, one of them is 1 or they agree.
        const bA = [...batchA];
        const bB = [...batchB];
        for (let i = 1; i <= Math.min(bA.length, bB.length); i++) {
          const ia = bA.length - i;
          const ib = bB.length - i;
          if (bA[ia] !== bB[ib]) {
            if (ones[i - 1]) bA[ia] = 1;
            else bB[ib] = 1;
          }
        }
        const aShape = vecA ? [k] : [...bA, m, k];
        const bShape = vecB ? [k] : [...bB, k, n];
        const a = ints(aShape, seed);
        const b = ints(bShape, seed + 1);
        const c = matmul(a, b);
        const ref = naiveMatmul(a, b);
        assert.deepEqual(c.shape, ref.shape);
        assert.deepEqual(Array.from(c.data), ref.data);
      }),
      { numRuns: 300 },
    );
  });
});

describe('dot / outer', () => {
  test('dot: vectors, matrices, scalars', () => {
    const d = dot(f64([1, 2, 3]), f64([4, 5, 6]));
    assert.deepEqual(d.shape, []);
    assert.equal(d.item(), 32);
    assert.deepEqual(dot(f64([1, 2, 3, 4], [2, 2]), f64([5, 6, 7, 8], [2, 2])).toArray(), [
      [19, 22],
      [43, 50],
    ]);
    assert.deepEqual(dot(f64([2], []), f64([1, 2])).toArray(), [2, 4]);
    assert.deepEqual(dot(f64([1, 2]), Tensor.from(3, 'int32')).toArray(), [3, 6]);
  });

  test('dot N-D x M-D follows numpy (no batch broadcasting)', () => {
    const a = ints([2, 3, 4], 7);
    const b = ints([5, 4, 6], 8);
    const c = dot(a, b);
    assert.deepEqual(c.shape, [2, 3, 5, 6]);
    // c[i, j, p, q] = sum_k a[i, j, k] * b[p, k, q]
    for (const [i, j, p, q] of [
      [0, 0, 0, 0],
      [1, 2, 4, 5],
      [1, 0, 3, 2],
    ]) {
      let s = 0;
      for (let k = 0; k < 4; k++) s += a.get(i, j, k) * b.get(p, k, q);
      assert.equal(c.get(i, j, p, q), s);
    }
    assert.throws(() => dot(ints([2, 3], 1), ints([2, 2, 2], 1)), /not aligned/);
    assert.deepEqual(dot(f64([], [2, 0]), f64([], [3, 0, 4])).shape, [2, 3, 4]);
  });

  test('outer', () => {
    const o = outer(f64([1, 2]), f64([3, 4, 5]));
    assert.deepEqual(o.toArray(), [
      [3, 4, 5],
      [6, 8, 10],
    ]);
    assert.deepEqual(outer(f64([1, 2, 3, 4], [2, 2]), f64([1])).shape, [4, 1]);
    assert.equal(outer(Tensor.from([1], 'float32'), Tensor.from([2], 'float32')).dtype, 'float32');
    assert.equal(outer(Tensor.from([1], 'int32'), Tensor.from([2], 'int32')).dtype, 'float64');
  });
});
