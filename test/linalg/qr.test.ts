import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyQTransposeInPlace, householderQRInPlace, qr } from '../../src/linalg/index.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { diffNorm, fro, hilbert, isUpperTriangular, mm, orthoError, randn, randomRank, SHAPES, tr } from './helpers.js';

describe('qr', () => {
  test('known values follow LAPACK signs: [[3, 1], [4, 2]]', () => {
    const { Q, R } = qr([
      [3, 1],
      [4, 2],
    ]);
    const want = [-5, -2.2, 0, 0.4];
    for (let i = 0; i < 4; i++) assert.ok(Math.abs(R.data[i] - want[i]) < 1e-14, `R = ${R.data}`);
    assert.ok(Math.abs(Q.data[0] + 0.6) < 1e-15 && Math.abs(Q.data[2] + 0.8) < 1e-15);
  });

  for (const [m, n] of SHAPES) {
    test(`reduced: A = Q R, QᵀQ = I, R upper triangular for ${m} x ${n}`, () => {
      const A = randn(m, n, 31 * m + n);
      const k = Math.min(m, n);
      const { Q, R } = qr(A);
      assert.deepEqual(Q.shape, [m, k]);
      assert.deepEqual(R.shape, [k, n]);
      assert.ok(isUpperTriangular(R));
      assert.ok(orthoError(Q) <= 1e-13, `orthogonality ${orthoError(Q)}`);
      assert.ok(diffNorm(mm(Q, R), A) <= 1e-13 * fro(A));
    });

    test(`complete and 'r' modes for ${m} x ${n}`, () => {
      const A = randn(m, n, 17 * m + n);
      const { Q, R } = qr(A, { mode: 'complete' });
      assert.deepEqual(Q.shape, [m, m]);
      assert.deepEqual(R.shape, [m, n]);
      assert.ok(isUpperTriangular(R));
      assert.ok(orthoError(Q) <= 1e-13);
      assert.ok(diffNorm(mm(Q, R), A) <= 1e-13 * fro(A));
      const only = qr(A, { mode: 'r' });
      assert.deepEqual(Object.keys(only), ['R']);
      const reduced = qr(A).R;
      assert.ok(diffNorm(only.R, reduced) === 0);
    });
  }

  test('rank-deficient and ill-conditioned inputs still give A = QR with orthonormal Q', () => {
    for (const A of [randomRank(12, 8, 3, 5), hilbert(8)]) {
      const { Q, R } = qr(A);
      assert.ok(orthoError(Q) <= 1e-13);
      assert.ok(diffNorm(mm(Q, R), A) <= 1e-13 * fro(A));
    }
  });

  test('columns that are already zero below the diagonal (identity, zero matrix)', () => {
    const I = qr([
      [1, 0],
      [0, 1],
    ]);
    assert.deepEqual(I.Q.toArray(), [
      [1, 0],
      [0, 1],
    ]);
    const Z = qr(new Tensor(new Float64Array(6), [3, 2]), { mode: 'complete' });
    assert.ok(orthoError(Z.Q) === 0);
    assert.ok(fro(Z.R) === 0);
  });

  test('empty shapes', () => {
    const a = qr(new Tensor(new Float64Array(0), [3, 0]), { mode: 'complete' });
    assert.deepEqual(a.Q.shape, [3, 3]);
    assert.deepEqual(a.R.shape, [3, 0]);
    const b = qr(new Tensor(new Float64Array(0), [0, 2]));
    assert.deepEqual(b.Q.shape, [0, 0]);
    assert.deepEqual(b.R.shape, [0, 2]);
  });

  test('applyQTransposeInPlace gives Qᵀ b, so R x = (Qᵀ b)[:n] solves least squares', () => {
    const m = 9;
    const n = 4;
    const A = randn(m, n, 77);
    const b = randn(m, 1, 78);
    const { Q } = qr(A, { mode: 'complete' });
    const a = Float64Array.from(A.data);
    const tau = new Float64Array(n);
    householderQRInPlace(a, m, n, tau);
    const qtb = Float64Array.from(b.data);
    applyQTransposeInPlace(a, m, n, tau, qtb, 1);
    const want = mm(tr(Q), b);
    assert.ok(diffNorm(new Tensor(qtb, [m, 1]), want) <= 1e-13 * fro(b));
  });

  test('invalid mode is rejected', () => {
    assert.throws(() => qr([[1]], { mode: 'raw' as 'r' }), /mode must be/);
  });
});
