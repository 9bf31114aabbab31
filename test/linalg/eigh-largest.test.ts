import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { eighInPlace, eighLargestInPlace } from '../../src/linalg/eigh.js';
import { makeRng } from './helpers.js';

function symmetric(n: number, seed: number, diagonal: (i: number) => number = () => 0): Float64Array {
  const rng = makeRng(seed);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = rng.normal();
    a[i * n + i] += diagonal(i);
  }
  return a;
}

/** XᵀX of a random `r x n` X: positive semidefinite of rank min(r, n). */
function gram(n: number, r: number, seed: number): Float64Array {
  const rng = makeRng(seed);
  const x = Float64Array.from({ length: r * n }, () => rng.normal());
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) for (let p = 0; p < r; p++) a[i * n + j] += x[p * n + i] * x[p * n + j];
  return a;
}

/** Checks w against the full eigh and the vectors by residual and orthonormality. */
function check(a: Float64Array, n: number, k: number, tol = 1e-12): void {
  const full = eighInPlace(a.slice(), n, false);
  const { w, v } = eighLargestInPlace(a.slice(), n, k);
  let amax = 0;
  for (const x of a) amax = Math.max(amax, Math.abs(x));
  for (let i = 0; i < n; i++) assert.ok(Math.abs(w[i] - full.w[i]) <= tol * amax, `w[${i}] ${w[i]} vs ${full.w[i]}`);
  assert.equal(v.length, n * k);
  for (let c = 0; c < k; c++) {
    const lambda = w[n - k + c];
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += a[i * n + j] * v[j * k + c];
      assert.ok(Math.abs(s - lambda * v[i * k + c]) <= tol * Math.max(amax, 1) * n, `residual of vector ${c}`);
    }
    for (let c2 = 0; c2 <= c; c2++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += v[i * k + c] * v[i * k + c2];
      assert.ok(Math.abs(s - (c === c2 ? 1 : 0)) <= 1e-12, `vᵀv[${c}, ${c2}] = ${s}`);
    }
  }
}

describe('eighLargestInPlace', () => {
  test('doc example: [[2, 1], [1, 2]]', () => {
    const { w, v } = eighLargestInPlace(Float64Array.of(2, 1, 1, 2), 2, 1);
    assert.ok(Math.abs(w[0] - 1) < 1e-15 && Math.abs(w[1] - 3) < 1e-15);
    assert.ok(Math.abs(Math.abs(v[0]) - Math.SQRT1_2) < 1e-15 && Math.abs(v[0] - v[1]) < 1e-15);
  });

  test('random symmetric matrices of several sizes and k', () => {
    for (const [n, k] of [
      [1, 1],
      [2, 2],
      [3, 1],
      [10, 10],
      [40, 6],
      [120, 15],
    ] as const) {
      check(symmetric(n, n + k), n, k);
    }
  });

  test('agrees with the full eigh up to sign for separated eigenvalues', () => {
    const n = 60;
    const a = symmetric(n, 5, (i) => 3 * i);
    const full = eighInPlace(a.slice(), n, true);
    const { v } = eighLargestInPlace(a.slice(), n, 8);
    for (let c = 0; c < 8; c++) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += v[i * 8 + c] * (full.v as Float64Array)[i * n + n - 8 + c];
      assert.ok(Math.abs(Math.abs(dot) - 1) < 1e-12, `vector ${c}: |cos| = ${Math.abs(dot)}`);
    }
  });

  test('repeated and clustered eigenvalues still give an orthonormal basis', () => {
    const n = 30;
    const ident = new Float64Array(n * n);
    for (let i = 0; i < n; i++) ident[i * n + i] = i < 10 ? 1 : 2;
    check(ident, n, 25);
    check(gram(n, 4, 1), n, 8); // rank 4: the last four wanted eigenvalues are zero
    check(
      symmetric(n, 2, (i) => 1e4 * (i % 3)),
      n,
      12,
    );
  });

  test('k = 0 and invalid k', () => {
    const { w, v } = eighLargestInPlace(Float64Array.of(2, 1, 1, 2), 2, 0);
    assert.equal(w.length, 2);
    assert.equal(v.length, 0);
    assert.throws(() => eighLargestInPlace(Float64Array.of(1), 1, 2), RangeError);
  });
});
