import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { svd } from '../../src/linalg/index.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { diag, diffNorm, fro, hilbert, mm, orthoError, orthonormal, randn, randomRank, SHAPES, tr } from './helpers.js';

function reconstruct(U: Tensor, S: Tensor, Vt: Tensor): Tensor {
  return mm(mm(U, diag(S.data, U.shape[1], Vt.shape[0])), Vt);
}

function assertDescendingNonNegative(S: Tensor): void {
  for (let i = 0; i < S.size; i++) {
    assert.ok(S.data[i] >= 0, `S[${i}] = ${S.data[i]} < 0`);
    if (i > 0) assert.ok(S.data[i] <= S.data[i - 1], `S not descending at ${i}`);
  }
}

describe('svd', () => {
  test('known values: [[3, 2, 2], [2, 3, -2]] has singular values 5 and 3', () => {
    const { U, S, Vt } = svd([
      [3, 2, 2],
      [2, 3, -2],
    ]);
    assert.deepEqual(U.shape, [2, 2]);
    assert.deepEqual(Vt.shape, [2, 3]);
    assert.ok(Math.abs(S.data[0] - 5) < 1e-14 && Math.abs(S.data[1] - 3) < 1e-14, `S = ${S.data}`);
    // v1 = ±[1, 1, 0]/√2, v2 = ±[1, -1, 4]/√18
    const v1 = Vt.data.subarray(0, 3);
    assert.ok(Math.abs(Math.abs(v1[0]) - Math.SQRT1_2) < 1e-14 && Math.abs(v1[2]) < 1e-14);
    const v2 = Vt.data.subarray(3, 6);
    assert.ok(Math.abs(Math.abs(v2[2]) - 4 / Math.sqrt(18)) < 1e-14);
  });

  for (const [m, n] of SHAPES) {
    test(`A = U S Vᵀ with orthonormal factors for a random ${m} x ${n} matrix`, () => {
      const A = randn(m, n, 100 * m + n);
      const k = Math.min(m, n);
      const { U, S, Vt } = svd(A);
      assert.deepEqual(U.shape, [m, k]);
      assert.deepEqual(S.shape, [k]);
      assert.deepEqual(Vt.shape, [k, n]);
      assertDescendingNonNegative(S);
      assert.ok(diffNorm(reconstruct(U, S, Vt), A) <= 1e-12 * fro(A));
      assert.ok(orthoError(U) <= 1e-12, `UᵀU - I = ${orthoError(U)}`);
      assert.ok(orthoError(tr(Vt)) <= 1e-12);
    });

    test(`fullMatrices gives square orthogonal U and Vt for ${m} x ${n}`, () => {
      const A = randn(m, n, 7 * m + n);
      const { U, S, Vt } = svd(A, { fullMatrices: true });
      assert.deepEqual(U.shape, [m, m]);
      assert.deepEqual(Vt.shape, [n, n]);
      assert.ok(orthoError(U) <= 1e-12);
      assert.ok(orthoError(Vt) <= 1e-12);
      assert.ok(diffNorm(mm(mm(U, diag(S.data, m, n)), Vt), A) <= 1e-12 * fro(A));
    });
  }

  test('computeUV: false returns only the same singular values', () => {
    const A = randn(9, 4, 3);
    const r = svd(A, { computeUV: false });
    assert.deepEqual(Object.keys(r), ['S']);
    const full = svd(A);
    for (let i = 0; i < 4; i++) assert.ok(Math.abs(r.S.data[i] - full.S.data[i]) <= 1e-14 * full.S.data[0]);
  });

  test('prescribed singular values spanning 12 orders of magnitude are recovered to relative accuracy', () => {
    const n = 10;
    const s = Array.from({ length: n }, (_, i) => 10 ** -((12 * i) / (n - 1)));
    const U0 = orthonormal(15, n, 11);
    const V0 = orthonormal(n, n, 12);
    const A = mm(mm(U0, diag(s)), tr(V0));
    const { S } = svd(A, { computeUV: false });
    for (let i = 0; i < n; i++) {
      // Backward-stable bound: |Δσ| ≤ c·eps·σ_max; small values here are well above that.
      assert.ok(Math.abs(S.data[i] - s[i]) <= 1e-14, `σ${i}: ${S.data[i]} vs ${s[i]}`);
    }
  });

  test('rank-deficient matrix: trailing singular values vanish, U and V stay orthonormal', () => {
    const A = randomRank(30, 20, 5, 21);
    const { U, S, Vt } = svd(A);
    assertDescendingNonNegative(S);
    for (let i = 5; i < 20; i++) assert.ok(S.data[i] <= 1e-13 * S.data[0], `S[${i}] = ${S.data[i]}`);
    assert.ok(S.data[4] > 1e-3 * S.data[0]);
    assert.ok(orthoError(U) <= 1e-12, `${orthoError(U)}`);
    assert.ok(orthoError(tr(Vt)) <= 1e-12);
    assert.ok(diffNorm(reconstruct(U, S, Vt), A) <= 1e-12 * fro(A));
  });

  test('zero matrix and matrices with zero columns give orthonormal factors', () => {
    const Z = new Tensor(new Float64Array(12), [4, 3]);
    const z = svd(Z, { fullMatrices: true });
    assert.deepEqual(Array.from(z.S.data), [0, 0, 0]);
    assert.ok(orthoError(z.U) <= 1e-15 && orthoError(z.Vt) <= 1e-15);
    const A = Tensor.from([
      [1, 0, 2],
      [3, 0, 4],
      [5, 0, 6],
    ]);
    const r = svd(A);
    assert.equal(r.S.data[2], 0);
    assert.ok(orthoError(r.U) <= 1e-14 && orthoError(tr(r.Vt)) <= 1e-14);
    assert.ok(diffNorm(reconstruct(r.U, r.S, r.Vt), A) <= 1e-14 * fro(A));
  });

  test('Hilbert 8x8: reconstruction and orthogonality despite cond ~ 1e10', () => {
    const H = hilbert(8);
    const { U, S, Vt } = svd(H);
    assert.ok(S.data[0] / S.data[7] > 1e9);
    // Known: σ_min(H8) = λ_min(H8) ≈ 1.1115e-10 (H is SPD).
    assert.ok(Math.abs(S.data[7] - 1.111539e-10) / 1.111539e-10 < 1e-5, `σ_min = ${S.data[7]}`);
    assert.ok(diffNorm(reconstruct(U, S, Vt), H) <= 1e-13 * fro(H));
    assert.ok(orthoError(U) <= 1e-13 && orthoError(tr(Vt)) <= 1e-13);
  });

  test('huge and tiny scales do not overflow or underflow', () => {
    for (const scale of [1e200, 1e-200]) {
      const A = randn(5, 3, 4);
      const B = new Tensor(
        A.data.map((v) => v * scale),
        A.shape,
      );
      const sA = svd(A, { computeUV: false }).S.data;
      const sB = svd(B, { computeUV: false }).S.data;
      for (let i = 0; i < 3; i++) assert.ok(Math.abs(sB[i] / scale - sA[i]) <= 1e-14 * sA[0]);
    }
  });

  test('empty matrices', () => {
    const a = svd(new Tensor(new Float64Array(0), [0, 3]), { fullMatrices: true });
    assert.deepEqual(a.U.shape, [0, 0]);
    assert.deepEqual(a.S.shape, [0]);
    assert.deepEqual(a.Vt.shape, [3, 3]);
    assert.ok(orthoError(a.Vt) === 0);
    const b = svd(new Tensor(new Float64Array(0), [4, 0]));
    assert.deepEqual(b.U.shape, [4, 0]);
    assert.deepEqual(b.Vt.shape, [0, 0]);
  });

  test('float32 and int32 input compute and return float64', () => {
    const r = svd(new Tensor(Int32Array.from([3, 2, 2, 2, 3, -2]), [2, 3]));
    assert.equal(r.S.dtype, 'float64');
    assert.equal(r.U.dtype, 'float64');
    assert.ok(Math.abs(r.S.data[0] - 5) < 1e-14);
    const f = svd(new Tensor(Float32Array.from([3, 2, 2, 2, 3, -2]), [2, 3]), { computeUV: false });
    assert.equal(f.S.dtype, 'float64');
  });

  test('property: small integer matrices reconstruct to 1e-12', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 36, maxLength: 36 }),
        (m, n, vals) => {
          const A = new Tensor(Float64Array.from(vals.slice(0, m * n)), [m, n]);
          const { U, S, Vt } = svd(A);
          const scale = Math.max(fro(A), 1);
          return (
            diffNorm(reconstruct(U, S, Vt), A) <= 1e-12 * scale && orthoError(U) <= 1e-12 && orthoError(tr(Vt)) <= 1e-12
          );
        },
      ),
      { numRuns: 200, seed: 42 },
    );
  });
});
