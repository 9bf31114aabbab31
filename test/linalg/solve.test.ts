import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inv, LinAlgError, solve, triangularSolve } from '../../src/linalg/index.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { col, diffNorm, eye, fro, hilbert, mm, randn, randomSpd, tr } from './helpers.js';

describe('solve', () => {
  test('known 2x2 system', () => {
    const x = solve(
      [
        [3, 1],
        [1, 2],
      ],
      [9, 8],
    );
    assert.deepEqual(x.shape, [2]);
    assert.ok(Math.abs(x.data[0] - 2) < 1e-15 && Math.abs(x.data[1] - 3) < 1e-15);
  });

  for (const n of [1, 3, 10, 40]) {
    test(`small residuals for random ${n} x ${n}, all assumeA variants`, () => {
      const A = randn(n, n, 400 + n);
      const B = randn(n, 3, 500 + n);
      const X = solve(A, B);
      assert.deepEqual(X.shape, [n, 3]);
      assert.ok(diffNorm(mm(A, X), B) <= 1e-12 * fro(A) * fro(X));
      const S = randomSpd(n, 600 + n);
      for (const assumeA of ['gen', 'sym', 'pos'] as const) {
        const Y = solve(S, B, { assumeA });
        assert.ok(diffNorm(mm(S, Y), B) <= 1e-12 * fro(S) * fro(Y), assumeA);
      }
    });
  }

  test("'sym' and 'pos' read only the triangle chosen by lower", () => {
    const full = Tensor.from([
      [4, 2],
      [2, 3],
    ]);
    const want = solve(full, [6, 5]);
    for (const assumeA of ['sym', 'pos'] as const) {
      const up = solve(
        [
          [4, 2],
          [-50, 3],
        ],
        [6, 5],
        { assumeA },
      );
      const lo = solve(
        [
          [4, -50],
          [2, 3],
        ],
        [6, 5],
        { assumeA, lower: true },
      );
      assert.ok(diffNorm(up, want) < 1e-15 && diffNorm(lo, want) < 1e-15, assumeA);
    }
  });

  test('singular matrix throws LinAlgError; non-PD with pos throws', () => {
    assert.throws(
      () =>
        solve(
          [
            [1, 2],
            [2, 4],
          ],
          [1, 2],
        ),
      (e: unknown) => e instanceof LinAlgError && /singular/.test(e.message),
    );
    assert.throws(
      () =>
        solve(
          [
            [1, 2],
            [2, 1],
          ],
          [1, 2],
          { assumeA: 'pos' },
        ),
      /not positive definite/,
    );
    assert.throws(() => solve([[1]], [1], { assumeA: 'her' as 'gen' }), /assumeA/);
  });

  test('nearly singular and ill-conditioned systems: backward-stable residuals', () => {
    const H = hilbert(8);
    const xTrue = new Tensor(new Float64Array(8).fill(1), [8, 1]);
    const b = mm(H, xTrue);
    const x = solve(H, b);
    assert.ok(diffNorm(mm(H, x), b) <= 1e-14 * fro(H) * fro(x));
    // cond(H8) ~ 1.5e10, so ~6 correct digits are expected
    assert.ok(diffNorm(x, xTrue) < 1e-5);
    const eps = 1e-10;
    const N = Tensor.from([
      [1, 1],
      [1, 1 + eps],
    ]);
    const y = solve(N, [2, 2 + eps]);
    assert.ok(Math.abs(y.data[0] - 1) < 1e-5 && Math.abs(y.data[1] - 1) < 1e-5);
  });

  test('shape errors name the shapes', () => {
    assert.throws(() => solve([[1, 2]], [1]), { name: 'ShapeError', message: /square, got shape \[1, 2\]/ });
    assert.throws(
      () =>
        solve(
          [
            [1, 0],
            [0, 1],
          ],
          [1, 2, 3],
        ),
      { name: 'ShapeError', message: /B must have 2 rows.*\[3\]/ },
    );
    assert.throws(() => solve(new Tensor(new Float64Array(8), [2, 2, 2]), [1, 2]), {
      name: 'ShapeError',
      message: /2-D, got shape \[2, 2, 2\]/,
    });
    assert.throws(
      () =>
        solve(
          [
            [1, Number.POSITIVE_INFINITY],
            [0, 1],
          ],
          [1, 2],
        ),
      {
        name: 'LinAlgError',
        message: /Infinity at index \[0, 1\]/,
      },
    );
    assert.throws(() => solve([[1]], [Number.NaN]), { name: 'LinAlgError', message: /B .*NaN at index \[0\]/ });
  });

  test('0 x 0 system', () => {
    const x = solve(new Tensor(new Float64Array(0), [0, 0]), new Tensor(new Float64Array(0), [0, 2]));
    assert.deepEqual(x.shape, [0, 2]);
  });
});

describe('inv', () => {
  test('known inverse', () => {
    const X = inv([
      [4, 7],
      [2, 6],
    ]);
    const want = [0.6, -0.7, -0.2, 0.4];
    for (let i = 0; i < 4; i++) assert.ok(Math.abs(X.data[i] - want[i]) < 1e-15);
  });

  for (const n of [1, 4, 30]) {
    test(`inv(A) A = I and A inv(A) = I for random ${n} x ${n}`, () => {
      const A = randn(n, n, 700 + n);
      const X = inv(A);
      assert.ok(diffNorm(mm(X, A), eye(n)) <= 1e-12 * fro(X) * fro(A));
      assert.ok(diffNorm(mm(A, X), eye(n)) <= 1e-12 * fro(X) * fro(A));
    });
  }

  test('singular matrix throws, 0 x 0 gives 0 x 0', () => {
    assert.throws(() => inv([[0]]), LinAlgError);
    assert.throws(
      () =>
        inv([
          [1, 2],
          [2, 4],
        ]),
      /singular/,
    );
    assert.deepEqual(inv(new Tensor(new Float64Array(0), [0, 0])).shape, [0, 0]);
  });
});

describe('triangularSolve', () => {
  const n = 9;
  const G = randn(n, n, 901);
  const Lo = new Tensor(
    G.data.map((v, i) => (i % n < Math.floor(i / n) ? v : i % n === Math.floor(i / n) ? 3 + Math.abs(v) : 0)),
    [n, n],
  );
  const Up = tr(Lo);
  const B = randn(n, 2, 902);

  for (const lower of [true, false]) {
    for (const transpose of [false, true]) {
      test(`lower=${lower} transpose=${transpose}`, () => {
        const T = lower ? Lo : Up;
        const X = triangularSolve(T, B, { lower, transpose });
        const op = transpose ? tr(T) : T;
        assert.ok(diffNorm(mm(op, X), B) <= 1e-13 * fro(B) * fro(T));
        // garbage in the other triangle is ignored
        const noisy = new Tensor(
          T.data.map((v, i) => (v === 0 ? 1e3 * ((i % 7) - 3) : v)),
          [n, n],
        );
        assert.ok(diffNorm(triangularSolve(noisy, B, { lower, transpose }), X) === 0);
      });
    }
  }

  test('unitDiagonal ignores the stored diagonal; default is upper', () => {
    const x = triangularSolve(
      [
        [5, 2],
        [0, 7],
      ],
      [5, 1],
      { unitDiagonal: true },
    );
    assert.deepEqual(Array.from(x.data), [3, 1]);
    const y = triangularSolve(
      [
        [2, 1],
        [0, 4],
      ],
      [4, 8],
    );
    assert.deepEqual(Array.from(y.data), [1, 2]);
    assert.deepEqual(
      triangularSolve(
        [
          [2, 0],
          [1, 1],
        ],
        col(new Tensor(Float64Array.of(2, 5))),
        { lower: true },
      ).toArray(),
      [[1], [4]],
    );
  });

  test('zero on the diagonal throws LinAlgError naming it', () => {
    assert.throws(
      () =>
        triangularSolve(
          [
            [1, 0],
            [1, 0],
          ],
          [1, 1],
          { lower: true },
        ),
      { name: 'LinAlgError', message: /A\[1, 1\] is zero/ },
    );
  });
});
