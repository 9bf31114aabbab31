import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { eigh, eigvalsh } from '../../src/linalg/index.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { diag, diffNorm, fro, hilbert, mm, orthoError, orthonormal, randn, tr } from './helpers.js';

function symmetricRandom(n: number, seed: number): Tensor {
  const g = randn(n, n, seed);
  const d = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) d[i * n + j] = g.data[i * n + j] + g.data[j * n + i];
  return new Tensor(d, [n, n]);
}

function assertEigenpairs(A: Tensor, w: Tensor, V: Tensor, tol: number): void {
  const n = A.shape[0];
  for (let i = 1; i < n; i++) assert.ok(w.data[i] >= w.data[i - 1], 'eigenvalues not ascending');
  assert.ok(orthoError(V) <= tol, `VᵀV - I = ${orthoError(V)}`);
  // A V = V Λ
  const resid = diffNorm(mm(A, V), mm(V, diag(w.data)));
  assert.ok(resid <= tol * Math.max(fro(A), 1e-300), `‖AV - VΛ‖ = ${resid}`);
}

describe('eigh', () => {
  test('known values: [[2, 1], [1, 2]] has eigenvalues 1 and 3', () => {
    const { eigenvalues, eigenvectors } = eigh([
      [2, 1],
      [1, 2],
    ]);
    assert.ok(Math.abs(eigenvalues.data[0] - 1) < 1e-15 && Math.abs(eigenvalues.data[1] - 3) < 1e-15);
    // eigenvector of 3 is ±[1, 1]/√2
    assert.ok(Math.abs(Math.abs(eigenvectors.data[1]) - Math.SQRT1_2) < 1e-15);
    assert.ok(Math.abs(eigenvectors.data[1] - eigenvectors.data[3]) < 1e-15);
  });

  for (const n of [1, 2, 3, 5, 10, 30, 64]) {
    test(`A v = λ v, VᵀV = I for a random symmetric ${n} x ${n}`, () => {
      const A = symmetricRandom(n, 1000 + n);
      const { eigenvalues, eigenvectors } = eigh(A);
      assert.deepEqual(eigenvalues.shape, [n]);
      assert.deepEqual(eigenvectors.shape, [n, n]);
      assertEigenpairs(A, eigenvalues, eigenvectors, 1e-12);
      const w = eigvalsh(A);
      for (let i = 0; i < n; i++) assert.ok(Math.abs(w.data[i] - eigenvalues.data[i]) <= 1e-13 * fro(A));
    });
  }

  test('prescribed spectrum with repeated and zero eigenvalues is recovered', () => {
    const lam = [-3, -3, 0, 0, 0, 1e-8, 2, 2, 5, 7];
    const Q = orthonormal(10, 10, 5);
    const A = mm(mm(Q, diag(lam)), tr(Q));
    // exact symmetry so the lower and upper triangles agree
    for (let i = 0; i < 10; i++) for (let j = 0; j < i; j++) A.data[j * 10 + i] = A.data[i * 10 + j];
    const { eigenvalues, eigenvectors } = eigh(A);
    for (let i = 0; i < 10; i++)
      assert.ok(Math.abs(eigenvalues.data[i] - lam[i]) < 1e-13, `λ${i} = ${eigenvalues.data[i]}`);
    assertEigenpairs(A, eigenvalues, eigenvectors, 1e-12);
  });

  test('Hilbert 8x8: tiny eigenvalues, orthonormal vectors', () => {
    const H = hilbert(8);
    const { eigenvalues, eigenvectors } = eigh(H);
    assertEigenpairs(H, eigenvalues, eigenvectors, 1e-13);
    assert.ok(Math.abs(eigenvalues.data[7] - 1.6959389969219498) < 1e-14);
    assert.ok(Math.abs(eigenvalues.data[0] - 1.111539e-10) < 1e-15);
  });

  test('only the requested triangle is read', () => {
    const lowerOnly = [
      [2, 999],
      [1, 2],
    ];
    assert.deepEqual(
      Array.from(eigvalsh(lowerOnly).data, (v) => Math.round(v * 1e12) / 1e12),
      [1, 3],
    );
    const upperOnly = [
      [2, 1],
      [-999, 2],
    ];
    const w = eigvalsh(upperOnly, { lower: false });
    assert.ok(Math.abs(w.data[0] - 1) < 1e-14 && Math.abs(w.data[1] - 3) < 1e-14);
  });

  test('diagonal, zero and scaled matrices', () => {
    const d = eigh([
      [3, 0, 0],
      [0, -1, 0],
      [0, 0, 2],
    ]);
    assert.deepEqual(Array.from(d.eigenvalues.data), [-1, 2, 3]);
    assert.ok(orthoError(d.eigenvectors) === 0);
    const z = eigh(new Tensor(new Float64Array(9), [3, 3]));
    assert.deepEqual(Array.from(z.eigenvalues.data), [0, 0, 0]);
    assert.ok(orthoError(z.eigenvectors) === 0);
    const big = symmetricRandom(6, 3);
    const scaled = new Tensor(
      big.data.map((v) => v * 1e250),
      big.shape,
    );
    const w1 = eigvalsh(big).data;
    const w2 = eigvalsh(scaled).data;
    for (let i = 0; i < 6; i++) assert.ok(Math.abs(w2[i] / 1e250 - w1[i]) <= 1e-13 * fro(big));
  });

  test('0 x 0 matrix', () => {
    const r = eigh(new Tensor(new Float64Array(0), [0, 0]));
    assert.deepEqual(r.eigenvalues.shape, [0]);
    assert.deepEqual(r.eigenvectors.shape, [0, 0]);
  });

  test('non-square and non-finite inputs are rejected', () => {
    assert.throws(() => eigh([[1, 2, 3]]), { name: 'ShapeError', message: /square.*\[1, 3\]/ });
    assert.throws(
      () =>
        eigh([
          [1, Number.NaN],
          [0, 1],
        ]),
      { name: 'LinAlgError', message: /NaN at index \[0, 1\]/ },
    );
  });
});
