import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { det, slogdet } from '../../src/linalg/index.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { eye, hilbert, mm, randn, randomSpd } from './helpers.js';

describe('det and slogdet', () => {
  test('known determinants', () => {
    assert.ok(
      Math.abs(
        det([
          [1, 2],
          [3, 4],
        ]) + 2,
      ) < 1e-15,
    );
    assert.equal(det([[7]]), 7);
    assert.ok(
      Math.abs(
        det([
          [2, 0, 0],
          [0, 3, 0],
          [0, 0, 4],
        ]) - 24,
      ) < 1e-13,
    );
    assert.equal(det(eye(6)), 1);
    // triangular: product of the diagonal
    assert.ok(
      Math.abs(
        det([
          [2, 5, 1],
          [0, -3, 8],
          [0, 0, 0.5],
        ]) + 3,
      ) < 1e-15,
    );
  });

  test('permutation matrices have det ±1 by parity', () => {
    const perm = (p: number[]): Tensor => {
      const n = p.length;
      const d = new Float64Array(n * n);
      p.forEach((c, r) => {
        d[r * n + c] = 1;
      });
      return new Tensor(d, [n, n]);
    };
    assert.equal(det(perm([1, 0])), -1);
    assert.equal(det(perm([1, 2, 0])), 1); // 3-cycle: even
    assert.equal(det(perm([0, 2, 1, 3])), -1);
    assert.equal(det(perm([3, 2, 1, 0])), 1); // two swaps
    assert.deepEqual(slogdet(perm([1, 0, 2])), { sign: -1, logabsdet: 0 });
  });

  test('singular matrices give 0 and (0, -Infinity)', () => {
    const S = [
      [1, 2],
      [2, 4],
    ];
    assert.equal(det(S), 0);
    assert.deepEqual(slogdet(S), { sign: 0, logabsdet: Number.NEGATIVE_INFINITY });
    assert.equal(
      det([
        [0, 0],
        [0, 0],
      ]),
      0,
    );
  });

  test('det(AB) = det(A) det(B) and slogdet agrees with det', () => {
    const A = randn(6, 6, 1);
    const B = randn(6, 6, 2);
    const dA = det(A);
    const dB = det(B);
    assert.ok(Math.abs(det(mm(A, B)) - dA * dB) <= 1e-12 * Math.abs(dA * dB));
    const s = slogdet(A);
    assert.equal(s.sign, Math.sign(dA));
    assert.ok(Math.abs(s.logabsdet - Math.log(Math.abs(dA))) < 1e-13);
  });

  test('slogdet does not overflow where det does', () => {
    const n = 200;
    const A = new Tensor(
      eye(n).data.map((v) => v * 100),
      [n, n],
    );
    assert.equal(det(A), Number.POSITIVE_INFINITY);
    const s = slogdet(A);
    assert.equal(s.sign, 1);
    assert.ok(Math.abs(s.logabsdet - n * Math.log(100)) < 1e-10);
    // SPD: log det = 2 Σ log L_ii is positive-signed
    assert.equal(slogdet(randomSpd(20, 3)).sign, 1);
  });

  test('Hilbert 8x8 determinant (exact c₈⁴ / c₁₆ with c_n = 1!·2!···(n-1)!)', () => {
    const d = det(hilbert(8));
    assert.ok(Math.abs(d - 2.737050113791513e-33) / 2.737050113791513e-33 < 1e-6, `det = ${d}`);
  });

  test('0 x 0 has determinant 1; non-square throws', () => {
    assert.equal(det(new Tensor(new Float64Array(0), [0, 0])), 1);
    assert.deepEqual(slogdet(new Tensor(new Float64Array(0), [0, 0])), { sign: 1, logabsdet: 0 });
    assert.throws(() => det([[1, 2, 3]]), { name: 'ShapeError', message: /det: A must be square/ });
  });
});
