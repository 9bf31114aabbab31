import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LinAlgError, lu, luFactor, luSolve } from '../../src/linalg/index.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { diffNorm, fro, isLowerTriangular, isUpperTriangular, mm, randn, SHAPES } from './helpers.js';

describe('lu', () => {
  test('known factors of [[1, 2], [3, 4]]', () => {
    const { p, l, u } = lu([
      [1, 2],
      [3, 4],
    ]);
    assert.deepEqual(p.toArray(), [
      [0, 1],
      [1, 0],
    ]);
    assert.ok(Math.abs(l.data[2] - 1 / 3) < 1e-16);
    assert.ok(Math.abs(u.data[3] - 2 / 3) < 1e-15);
    assert.deepEqual([u.data[0], u.data[1], u.data[2]], [3, 4, 0]);
  });

  for (const [m, n] of SHAPES) {
    test(`A = P L U with |L| <= 1 for a random ${m} x ${n}`, () => {
      const A = randn(m, n, 5 * m + n);
      const k = Math.min(m, n);
      const { p, l, u } = lu(A);
      assert.deepEqual(p.shape, [m, m]);
      assert.deepEqual(l.shape, [m, k]);
      assert.deepEqual(u.shape, [k, n]);
      assert.ok(isLowerTriangular(l) && isUpperTriangular(u));
      for (let i = 0; i < k; i++) assert.equal(l.data[i * k + i], 1);
      for (const v of l.data) assert.ok(Math.abs(v) <= 1, 'partial pivoting keeps |L| <= 1');
      // P is a permutation matrix
      for (let i = 0; i < m; i++) {
        let rowSum = 0;
        for (let j = 0; j < m; j++) rowSum += p.data[i * m + j];
        assert.equal(rowSum, 1);
      }
      assert.ok(diffNorm(mm(mm(p, l), u), A) <= 1e-14 * fro(A));
    });
  }

  test('singular matrices factor without throwing', () => {
    const { p, l, u } = lu([
      [1, 2],
      [2, 4],
    ]);
    assert.equal(u.data[3], 0);
    assert.ok(
      diffNorm(
        mm(mm(p, l), u),
        Tensor.from([
          [1, 2],
          [2, 4],
        ]),
      ) === 0,
    );
  });

  test('luFactor / luSolve: repeated solves, transpose, vector and matrix b', () => {
    const n = 15;
    const A = randn(n, n, 123);
    const B = randn(n, 4, 124);
    const f = luFactor(A);
    assert.equal(f.piv.dtype, 'int32');
    const X = luSolve(f, B);
    assert.ok(diffNorm(mm(A, X), B) <= 1e-12 * fro(B));
    const Xt = luSolve(f, B, { transpose: true });
    const At = new Tensor(new Float64Array(n * n), [n, n]);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) At.data[i * n + j] = A.data[j * n + i];
    assert.ok(diffNorm(mm(At, Xt), B) <= 1e-12 * fro(B));
    const x = luSolve(f, Array.from(B.data.filter((_, i) => i % 4 === 0)));
    assert.deepEqual(x.shape, [n]);
    for (let i = 0; i < n; i++) assert.ok(Math.abs(x.data[i] - X.data[i * 4]) < 1e-12);
  });

  test('luSolve on a singular factorisation throws LinAlgError', () => {
    const f = luFactor([
      [1, 2],
      [2, 4],
    ]);
    assert.throws(() => luSolve(f, [1, 1]), LinAlgError);
  });

  test('luSolve validates the pivots', () => {
    const f = luFactor([
      [1, 2],
      [3, 4],
    ]);
    assert.throws(() => luSolve({ lu: f.lu, piv: new Tensor(Int32Array.of(5, 1)) }, [1, 1]), /piv\[0\] = 5/);
  });
});
