import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cond, matrixRank, norm, norm2 } from '../../src/linalg/index.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { diag, hilbert, mm, orthonormal, randn, randomRank, tr } from './helpers.js';

describe('norm', () => {
  test('vector norms', () => {
    assert.equal(norm([3, 4]), 5);
    assert.equal(norm(new Tensor(Float64Array.of(3, -4))), 5);
    assert.equal(norm([3, -4], 1), 7);
    assert.equal(norm([3, -4], Number.POSITIVE_INFINITY), 4);
    assert.equal(norm([3, -4], Number.NEGATIVE_INFINITY), 3);
    assert.equal(norm([3, 0, -4], 0), 2);
    assert.ok(Math.abs(norm([1, 2, 3], 3) - 36 ** (1 / 3)) < 1e-15);
    assert.equal(norm([]), 0);
    assert.throws(() => norm([1, 2], 'fro'), /invalid norm order 'fro' for a vector/);
  });

  test('2-norm is scaled against overflow and underflow; NaN/Infinity propagate', () => {
    assert.ok(Math.abs(norm2(Float64Array.of(3e200, 4e200)) / 5e200 - 1) < 1e-15);
    assert.ok(Math.abs(norm2(Float64Array.of(3e-200, 4e-200)) / 5e-200 - 1) < 1e-15);
    assert.equal(norm([1, Number.POSITIVE_INFINITY]), Number.POSITIVE_INFINITY);
    assert.ok(Number.isNaN(norm([1, Number.NaN, Number.POSITIVE_INFINITY])));
  });

  test('matrix norms against hand values', () => {
    const A = [
      [1, -2],
      [3, 4],
    ];
    assert.ok(Math.abs(norm(A) - Math.sqrt(30)) < 1e-15);
    assert.ok(Math.abs(norm(A, 'fro') - Math.sqrt(30)) < 1e-15);
    assert.equal(norm(A, 1), 6);
    assert.equal(norm(A, -1), 4);
    assert.equal(norm(A, Number.POSITIVE_INFINITY), 7);
    assert.equal(norm(A, Number.NEGATIVE_INFINITY), 3);
    const D = Tensor.from([
      [3, 0],
      [0, -4],
    ]);
    assert.ok(Math.abs(norm(D, 2) - 4) < 1e-15);
    assert.ok(Math.abs(norm(D, -2) - 3) < 1e-15);
    assert.ok(Math.abs(norm(D, 'nuc') - 7) < 1e-14);
    assert.throws(() => norm(A, 3), /invalid norm order '3' for a matrix/);
  });

  test('2-norm of a matrix is its largest singular value', () => {
    const s = [9, 4, 0.5];
    const A = mm(mm(orthonormal(6, 3, 1), diag(s)), tr(orthonormal(3, 3, 2)));
    assert.ok(Math.abs(norm(A, 2) - 9) < 1e-13);
    assert.ok(Math.abs(norm(A, 'nuc') - 13.5) < 1e-13);
  });

  test('other dimensionalities: flattened 2-norm without ord, error with ord', () => {
    const T = new Tensor(Float64Array.of(1, 2, 2, 4, 0, 0, 0, 0), [2, 2, 2]);
    assert.equal(norm(T), 5);
    assert.throws(() => norm(T, 1), { name: 'ShapeError', message: /\[2, 2, 2\]/ });
  });
});

describe('matrixRank', () => {
  test('known ranks', () => {
    assert.equal(
      matrixRank([
        [1, 2],
        [2, 4],
      ]),
      1,
    );
    assert.equal(matrixRank([[0, 0, 0]]), 0);
    assert.equal(matrixRank(hilbert(8)), 8);
    assert.equal(
      matrixRank(
        [
          [1, 0],
          [0, 1e-20],
        ],
        { tol: 0 },
      ),
      2,
    );
    assert.equal(
      matrixRank([
        [1, 0],
        [0, 1e-20],
      ]),
      1,
    );
  });

  for (const [m, n, r] of [
    [10, 8, 3],
    [8, 10, 5],
    [30, 30, 29],
  ] as const) {
    test(`rank of a random ${m} x ${n} product of rank ${r}`, () => {
      assert.equal(matrixRank(randomRank(m, n, r, r)), r);
      assert.equal(matrixRank(randn(m, n, r)), Math.min(m, n));
    });
  }
});

describe('cond', () => {
  test('2-norm condition number from singular values', () => {
    assert.ok(
      Math.abs(
        cond([
          [1, 0],
          [0, 1e-3],
        ]) - 1000,
      ) < 1e-9,
    );
    const c = cond(hilbert(8));
    assert.ok(Math.abs(c - 1.5257575516147e10) / 1.5257575516147e10 < 1e-5, `cond(H8) = ${c}`);
    assert.ok(
      Math.abs(
        cond(
          [
            [2, 0],
            [0, 8],
          ],
          -2,
        ) - 0.25,
      ) < 1e-15,
    );
    // non-square works in the 2-norm
    assert.ok(cond([[1], [1]]) === 1);
  });

  test('other norms use the inverse; singular matrices give Infinity', () => {
    const A = [
      [1, 2],
      [3, 4],
    ];
    // inv = [[-2, 1], [1.5, -0.5]]: ‖A‖₁ = 6, ‖A⁻¹‖₁ = 3.5
    assert.ok(Math.abs(cond(A, 1) - 21) < 1e-12);
    assert.ok(Math.abs(cond(A, Number.POSITIVE_INFINITY) - 7 * 3) < 1e-12);
    assert.equal(
      cond(
        [
          [1, 2],
          [2, 4],
        ],
        1,
      ),
      Number.POSITIVE_INFINITY,
    );
    assert.equal(
      cond([
        [0, 0],
        [0, 0],
      ]),
      Number.POSITIVE_INFINITY,
    );
  });
});
