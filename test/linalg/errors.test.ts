import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  cholesky,
  cond,
  det,
  eigh,
  inv,
  LinAlgError,
  lstsq,
  lu,
  matrixRank,
  pinv,
  qr,
  solve,
  svd,
} from '../../src/linalg/index.js';
import { ShapeError } from '../../src/tensor/errors.js';
import { Tensor } from '../../src/tensor/tensor.js';

describe('input validation shared by all linalg functions', () => {
  test('LinAlgError is an Error named LinAlgError', () => {
    const e = new LinAlgError('x');
    assert.ok(e instanceof Error);
    assert.equal(e.name, 'LinAlgError');
  });

  const general: [string, (a: Tensor | number[][]) => unknown][] = [
    ['lu', lu],
    ['qr', qr],
    ['svd', svd],
    ['lstsq', (a) => lstsq(a, new Tensor(new Float64Array(Array.isArray(a) ? a.length : a.shape[0] || 0)))],
    ['pinv', pinv],
    ['matrixRank', matrixRank],
    ['cond', cond],
  ];
  const square: [string, (a: Tensor | number[][]) => unknown][] = [
    ['cholesky', cholesky],
    ['solve', (a) => solve(a, [1, 2])],
    ['inv', inv],
    ['det', det],
    ['eigh', eigh],
  ];

  for (const [name, fn] of [...general, ...square]) {
    test(`${name}: non-2-D tensor, ragged rows and non-finite values`, () => {
      assert.throws(() => fn(new Tensor(Float64Array.of(1, 2))), {
        name: 'ShapeError',
        message: new RegExp(`${name}: A must be 2-D, got shape \\[2\\]`),
      });
      assert.throws(
        () => fn([[1, 2], [3]]),
        (e: unknown) => e instanceof ShapeError && /ragged: row 1/.test(e.message),
      );
      assert.throws(
        () =>
          fn([
            [1, 2],
            [3, Number.NaN],
          ]),
        (e: unknown) => e instanceof LinAlgError && /NaN at index \[1, 1\]/.test(e.message),
      );
      assert.throws(
        () =>
          fn([
            [Number.NEGATIVE_INFINITY, 2],
            [3, 4],
          ]),
        /-Infinity at index \[0, 0\]/,
      );
    });
  }

  for (const [name, fn] of square) {
    test(`${name}: non-square input names the shape`, () => {
      assert.throws(() => fn(new Tensor(new Float64Array(6), [2, 3])), {
        name: 'ShapeError',
        message: new RegExp(`${name}: A must be square, got shape \\[2, 3\\]`),
      });
    });
  }

  test('inputs are never modified', () => {
    const A = Tensor.from([
      [4, 2],
      [2, 3],
    ]);
    const before = Array.from(A.data);
    cholesky(A);
    solve(A, [1, 1]);
    svd(A);
    eigh(A);
    qr(A);
    lu(A);
    det(A);
    assert.deepEqual(Array.from(A.data), before);
  });
});
