import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lstsq, pinv } from '../../src/linalg/index.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { col, diffNorm, fro, hilbert, mm, randn, randomRank, tr } from './helpers.js';

/** Solution of the normal equations AᵀA x = Aᵀb by naive Gaussian elimination (reference, full rank only). */
function normalEquations(A: Tensor, B: Tensor): Tensor {
  const AtA = mm(tr(A), A);
  const AtB = mm(tr(A), B);
  const n = AtA.shape[0];
  const k = AtB.shape[1];
  const M = Array.from({ length: n }, (_, i) => [
    ...Array.from(AtA.data.subarray(i * n, i * n + n)),
    ...Array.from(AtB.data.subarray(i * k, i * k + k)),
  ]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    [M[c], M[p]] = [M[p], M[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = M[r][c] / M[c][c];
      for (let j = c; j < n + k; j++) M[r][j] -= f * M[c][j];
    }
  }
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) out[i * k + j] = M[i][n + j] / M[i][i];
  return new Tensor(out, [n, k]);
}

describe('lstsq', () => {
  test('known line fit', () => {
    const { x, residuals, rank, s } = lstsq(
      [
        [1, 0],
        [1, 1],
        [1, 2],
        [1, 3],
      ],
      [1, 2, 2, 4],
    );
    // by hand: y = 0.9 + 0.9 t, residual vector [0.1, 0.2, -0.7, 0.4], squared norm 0.7
    assert.ok(Math.abs(x.data[0] - 0.9) < 1e-14 && Math.abs(x.data[1] - 0.9) < 1e-14, `x = ${x.data}`);
    assert.deepEqual(residuals.shape, [1]);
    assert.ok(Math.abs(residuals.data[0] - 0.7) < 1e-14, `residuals = ${residuals.data}`);
    assert.equal(rank, 2);
    assert.deepEqual(s.shape, [2]);
  });

  for (const [m, n] of [
    [10, 3],
    [50, 20],
    [6, 6],
  ] as const) {
    test(`full-rank ${m} x ${n}: equals the normal-equations solution`, () => {
      const A = randn(m, n, m * n);
      const B = randn(m, 2, m * n + 1);
      const { x, residuals, rank } = lstsq(A, B);
      assert.equal(rank, n);
      const ref = normalEquations(A, B);
      assert.ok(diffNorm(x, ref) <= 1e-11 * fro(ref), `${diffNorm(x, ref)}`);
      // residuals are ‖b - A x‖² per column (empty for square A)
      if (m > n) {
        const R = mm(A, x);
        for (let j = 0; j < 2; j++) {
          let ss = 0;
          for (let i = 0; i < m; i++) ss += (B.data[i * 2 + j] - R.data[i * 2 + j]) ** 2;
          assert.ok(Math.abs(residuals.data[j] - ss) <= 1e-12 * ss);
        }
      } else assert.deepEqual(residuals.shape, [0]);
      // the residual is orthogonal to range(A)
      const At = tr(A);
      const r = new Tensor(
        B.data.map((v, i) => v - mm(A, x).data[i]),
        B.shape,
      );
      assert.ok(fro(mm(At, r)) <= 1e-12 * fro(A) * fro(B));
    });
  }

  test('rank-deficient: minimum-norm solution, equal to pinv(A) b, residuals empty', () => {
    const A = randomRank(12, 8, 3, 44);
    const b = randn(12, 1, 45);
    const { x, rank, residuals } = lstsq(A, b);
    assert.equal(rank, 3);
    assert.deepEqual(residuals.shape, [0]);
    const viaPinv = mm(pinv(A), b);
    assert.ok(diffNorm(x, viaPinv) <= 1e-12 * fro(viaPinv));
    // minimum norm: x lies in the row space of A, i.e. orthogonal to the null space;
    // adding any null vector z (A z = 0) cannot decrease ‖x‖.
    const P = mm(pinv(A), A); // projector onto the row space
    assert.ok(diffNorm(mm(P, x), x) <= 1e-12 * fro(x));
  });

  test('wide (underdetermined) system: exact fit with minimum norm', () => {
    const A = randn(4, 9, 61);
    const b = randn(4, 1, 62);
    const { x, rank, residuals } = lstsq(A, b);
    assert.equal(rank, 4);
    assert.deepEqual(residuals.shape, [0]);
    assert.ok(diffNorm(mm(A, x), b) <= 1e-13 * fro(b));
    // minimum-norm solution = Aᵀ (A Aᵀ)⁻¹ b, i.e. x in range(Aᵀ)
    const z = normalEquations(tr(A), x); // solves (A Aᵀ) z = A x in least squares → z with Aᵀ z = x
    assert.ok(diffNorm(mm(tr(A), z), x) <= 1e-10 * fro(x));
  });

  test('vector b gives vector x; rcond controls the rank', () => {
    const A = Tensor.from([
      [1, 0],
      [0, 1e-10],
      [0, 0],
    ]);
    const full = lstsq(A, [1, 1, 1]);
    assert.deepEqual(full.x.shape, [2]);
    assert.equal(full.rank, 2);
    assert.ok(Math.abs(full.x.data[1] - 1e10) < 1e-3);
    const cut = lstsq(A, [1, 1, 1], { rcond: 1e-8 });
    assert.equal(cut.rank, 1);
    assert.deepEqual(Array.from(cut.x.data), [1, 0]);
    assert.throws(() => lstsq(A, [1, 1, 1], { rcond: -1 }), /rcond/);
  });

  test('Hilbert 8x8 with default rcond keeps full rank and small residual', () => {
    const H = hilbert(8);
    const b = mm(H, col(new Tensor(new Float64Array(8).fill(1))));
    const { x, rank } = lstsq(H, b);
    assert.equal(rank, 8);
    assert.ok(diffNorm(mm(H, x), b) <= 1e-13 * fro(b));
  });

  test('b with the wrong number of rows', () => {
    assert.throws(() => lstsq([[1], [2]], [1, 2, 3]), { name: 'ShapeError', message: /b must have 2 rows/ });
  });

  test('empty A', () => {
    const r = lstsq(new Tensor(new Float64Array(0), [3, 0]), [1, 2, 2]);
    assert.deepEqual(r.x.shape, [0]);
    assert.equal(r.rank, 0);
    assert.deepEqual(Array.from(r.residuals.data), [9]);
  });
});

describe('pinv', () => {
  function penrose(A: Tensor, X: Tensor, tol: number): void {
    const scale = fro(A) * fro(X);
    assert.ok(diffNorm(mm(mm(A, X), A), A) <= tol * scale * fro(A), 'A X A = A');
    assert.ok(diffNorm(mm(mm(X, A), X), X) <= tol * scale * fro(X), 'X A X = X');
    const AX = mm(A, X);
    const XA = mm(X, A);
    assert.ok(diffNorm(AX, tr(AX)) <= tol * scale, '(A X)ᵀ = A X');
    assert.ok(diffNorm(XA, tr(XA)) <= tol * scale, '(X A)ᵀ = X A');
  }

  test('known values', () => {
    const X = pinv([[1], [1]]);
    assert.deepEqual(X.shape, [1, 2]);
    assert.ok(Math.abs(X.data[0] - 0.5) < 1e-15 && Math.abs(X.data[1] - 0.5) < 1e-15);
    assert.deepEqual(
      pinv([
        [2, 0],
        [0, 0],
      ]).toArray(),
      [
        [0.5, 0],
        [0, 0],
      ],
    );
  });

  for (const [m, n, r] of [
    [7, 4, 4],
    [4, 7, 4],
    [10, 10, 10],
    [15, 9, 4],
    [9, 15, 2],
    [1, 1, 1],
  ] as const) {
    test(`Moore–Penrose conditions for ${m} x ${n} of rank ${r}`, () => {
      const A = r === Math.min(m, n) ? randn(m, n, m + 10 * n) : randomRank(m, n, r, m + 10 * n);
      const X = pinv(A);
      assert.deepEqual(X.shape, [n, m]);
      penrose(A, X, 1e-12);
    });
  }

  test('square invertible: pinv = inverse', () => {
    const A = randn(5, 5, 8);
    const X = pinv(A);
    const I = mm(A, X);
    for (let i = 0; i < 5; i++)
      for (let j = 0; j < 5; j++) assert.ok(Math.abs(I.data[i * 5 + j] - (i === j ? 1 : 0)) < 1e-12);
  });

  test('zero matrix and rcond cutoff', () => {
    assert.ok(fro(pinv(new Tensor(new Float64Array(6), [2, 3]))) === 0);
    const A = [
      [1, 0],
      [0, 1e-12],
    ];
    assert.ok(Math.abs(pinv(A).data[3] - 1e12) < 1);
    assert.equal(pinv(A, { rcond: 1e-10 }).data[3], 0);
  });
});
