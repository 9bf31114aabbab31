import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cholesky, choleskyInPlace, choleskySolve, LinAlgError } from '../../src/linalg/index.js';
import { Tensor } from '../../src/tensor/tensor.js';
import {
  col,
  diffNorm,
  fro,
  hilbert,
  isLowerTriangular,
  isUpperTriangular,
  mm,
  randn,
  randomSpd,
  tr,
} from './helpers.js';

describe('cholesky', () => {
  test('known factor of [[4, 2], [2, 3]]', () => {
    const L = cholesky([
      [4, 2],
      [2, 3],
    ]);
    assert.deepEqual(L.toArray(), [
      [2, 0],
      [1, Math.SQRT2],
    ]);
    const U = cholesky(
      [
        [4, 2],
        [2, 3],
      ],
      { lower: false },
    );
    assert.deepEqual(U.toArray(), [
      [2, 1],
      [0, Math.SQRT2],
    ]);
  });

  for (const n of [1, 2, 6, 25, 60]) {
    test(`L Lᵀ = A and Uᵀ U = A for a random SPD ${n} x ${n}`, () => {
      const A = randomSpd(n, n);
      const L = cholesky(A);
      assert.ok(isLowerTriangular(L));
      for (let i = 0; i < n; i++) assert.ok(L.data[i * n + i] > 0);
      assert.ok(diffNorm(mm(L, tr(L)), A) <= 1e-14 * fro(A));
      const U = cholesky(A, { lower: false });
      assert.ok(isUpperTriangular(U));
      assert.ok(diffNorm(mm(tr(U), U), A) <= 1e-14 * fro(A));
    });
  }

  test('Hilbert 8x8 is (barely) positive definite and factors accurately', () => {
    const H = hilbert(8);
    const L = cholesky(H);
    assert.ok(diffNorm(mm(L, tr(L)), H) <= 1e-15 * fro(H));
  });

  test('reads only the requested triangle', () => {
    const L = cholesky([
      [4, 100],
      [2, 3],
    ]);
    assert.equal(L.data[2], 1);
    const U = cholesky(
      [
        [4, 2],
        [100, 3],
      ],
      { lower: false },
    );
    assert.equal(U.data[1], 1);
  });

  test('not positive definite: LinAlgError naming the leading minor', () => {
    assert.throws(
      () =>
        cholesky([
          [1, 2],
          [2, 1],
        ]),
      (e: unknown) => e instanceof LinAlgError && e.name === 'LinAlgError' && /order 2/.test(e.message),
    );
    assert.throws(
      () =>
        cholesky([
          [1, 0, 0],
          [0, 1, 0],
          [0, 0, -1],
        ]),
      /leading minor of order 3/,
    );
    assert.throws(() => cholesky([[0]]), /order 1/);
    // positive semi-definite (singular) is not positive definite
    assert.throws(
      () =>
        cholesky([
          [1, 1],
          [1, 1],
        ]),
      LinAlgError,
    );
  });

  test('choleskyInPlace reports failures through its return value', () => {
    const a = Float64Array.of(4, 0, 2, 3);
    assert.equal(choleskyInPlace(a, 2), 0);
    assert.deepEqual(Array.from(a), [2, 0, 1, Math.SQRT2]);
    assert.equal(choleskyInPlace(Float64Array.of(1, 0, 3, 1), 2), 2);
  });

  test('choleskySolve solves A x = b for vector and matrix b, with either factor', () => {
    const n = 12;
    const A = randomSpd(n, 99);
    const B = randn(n, 3, 98);
    for (const lower of [true, false]) {
      const c = cholesky(A, { lower });
      const X = choleskySolve(c, B, { lower });
      assert.deepEqual(X.shape, [n, 3]);
      assert.ok(diffNorm(mm(A, X), B) <= 1e-13 * fro(B));
      const b = new Tensor(B.data.slice(0, n), [n]);
      const x = choleskySolve(c, b, { lower });
      assert.deepEqual(x.shape, [n]);
      assert.ok(diffNorm(mm(A, col(x)), col(b)) <= 1e-13 * fro(b));
    }
  });

  test('shape errors', () => {
    assert.throws(() => cholesky([[1, 2]]), { name: 'ShapeError', message: /square/ });
    assert.throws(() => choleskySolve([[2]], [1, 2]), { name: 'ShapeError', message: /1 rows.*\[2\]/ });
  });
});
