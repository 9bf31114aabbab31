import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { eighInPlace, eighLargestInPlace } from '../../src/linalg/eigh.js';
import { makeRng } from './helpers.js';

/**
 * Reference eigenvalues by cyclic Jacobi rotations (slow, simple, independent of the
 * Householder reduction under test), ascending.
 */
function jacobiEigenvalues(a0: Float64Array, n: number): Float64Array {
  const a = a0.slice();
  for (let sweep = 0; sweep < 30; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) off += a[i * n + j] ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
      }
    }
  }
  return Float64Array.from({ length: n }, (_, i) => a[i * n + i]).sort();
}

function randomSymmetric(n: number, seed: number): Float64Array {
  const rng = makeRng(seed);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = rng.normal();
  return a;
}

/** Residual ‖A v - λ v‖∞ and orthonormality of the eigenvectors, eigenvalues against Jacobi. */
function checkFull(a: Float64Array, n: number, label: string): void {
  const { w, v } = eighInPlace(a.slice(), n, true);
  const vec = v as Float64Array;
  let amax = 0;
  for (const x of a) amax = Math.max(amax, Math.abs(x));
  const tol = 1e-13 * n * Math.max(amax, 1);
  const ref = jacobiEigenvalues(a, n);
  for (let i = 0; i < n; i++) assert.ok(Math.abs(w[i] - ref[i]) <= tol, `${label}: w[${i}] ${w[i]} vs ${ref[i]}`);
  for (let c = 0; c < n; c += 7) {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += a[i * n + j] * vec[j * n + c];
      assert.ok(Math.abs(s - w[c] * vec[i * n + c]) <= tol, `${label}: residual of vector ${c} at ${i}`);
    }
    for (let c2 = 0; c2 < n; c2 += 5) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += vec[i * n + c] * vec[i * n + c2];
      assert.ok(Math.abs(dot - (c === c2 ? 1 : 0)) <= 1e-12 * n, `${label}: v${c}·v${c2} = ${dot}`);
    }
  }
}

// Orders around the blocked reduction's thresholds (128 and panels of 32).
describe('eigh: blocked tridiagonal reduction (n >= 128)', () => {
  for (const n of [127, 128, 129, 161, 200]) {
    test(`random symmetric ${n} x ${n}`, () => checkFull(randomSymmetric(n, n), n, `n=${n}`));
  }

  test('only the lower triangle is read (the upper one may hold anything no larger)', () => {
    const n = 150;
    const a = randomSymmetric(n, 3);
    const junk = a.slice();
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) junk[i * n + j] = -0.5 * a[i * n + j];
    const want = eighInPlace(a.slice(), n, false).w;
    const got = eighInPlace(junk, n, false).w;
    assert.deepEqual(got, want);
  });

  test('diagonal and block-diagonal matrices (reflectors that vanish inside a panel)', () => {
    const n = 140;
    const diag = new Float64Array(n * n);
    for (let i = 0; i < n; i++) diag[i * n + i] = ((i * 37) % n) - 70;
    checkFull(diag, n, 'diagonal');
    // Blocks of 10: every tenth column has nothing below its first subdiagonal entry.
    const rng = makeRng(9);
    const blocks = new Float64Array(n * n);
    for (let b = 0; b < n; b += 10)
      for (let i = b; i < b + 10; i++)
        for (let j = b; j <= i; j++) blocks[i * n + j] = blocks[j * n + i] = rng.normal();
    checkFull(blocks, n, 'block diagonal');
  });

  test('eighLargestInPlace on a 300 x 300 covariance agrees with the full solver', () => {
    const n = 300;
    const rng = makeRng(4);
    const r = 400;
    const x = Float64Array.from({ length: r * n }, (_, i) => rng.normal() * (1 + (i % n) / 50));
    const a = new Float64Array(n * n);
    for (let p = 0; p < r; p++)
      for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j] += x[p * n + i] * x[p * n + j];
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) a[i * n + j] = a[j * n + i];
    const full = eighInPlace(a.slice(), n, true);
    const k = 12;
    const part = eighLargestInPlace(a.slice(), n, k);
    for (let i = 0; i < n; i++) assert.ok(Math.abs(part.w[i] - full.w[i]) <= 1e-12 * full.w[n - 1]);
    for (let c = 0; c < k; c++) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += part.v[i * k + c] * (full.v as Float64Array)[i * n + n - k + c];
      assert.ok(Math.abs(Math.abs(dot) - 1) < 1e-9, `vector ${c}: |cos| = ${Math.abs(dot)}`);
    }
  });
});
