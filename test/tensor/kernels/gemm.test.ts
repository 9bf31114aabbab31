import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import { DTypeError, ShapeError } from '../../../src/tensor/errors.js';
import { gemm } from '../../../src/tensor/kernels/gemm.js';
import { type BackendName, getBackend, listBackends, setBackend } from '../../../src/tensor/kernels/registry.js';
import type { FloatArray } from '../../../src/tensor/kernels/types.js';
import { filled, maxScaledError, naiveGemm, tolerance } from './oracle.js';

type Ctor = Float32ArrayConstructor | Float64ArrayConstructor;
const CTORS: Ctor[] = [Float32Array, Float64Array];
const BACKENDS: BackendName[] = ['js', 'wasm'];
const TRANS: Array<[boolean, boolean]> = [
  [false, false],
  [false, true],
  [true, false],
  [true, true],
];

after(() => setBackend('auto'));

interface Case {
  m: number;
  n: number;
  k: number;
  alpha?: number;
  beta?: number;
  /** Extra stride beyond the stored row length, and leading offset, for each operand. */
  pad?: number;
  offset?: number;
}

/**
 * Runs gemm on `backend` with operands stored as subarray views (offset, padded strides),
 * checks the m x n window against the naive oracle and that nothing outside it was written.
 */
function check(backend: BackendName, Ctor: Ctor, transA: boolean, transB: boolean, cs: Case, seed = 1): void {
  const { m, n, k, alpha = 1, beta = 0, pad = 0, offset = 0 } = cs;
  const aRows = transA ? k : m;
  const aCols = transA ? m : k;
  const bRows = transB ? n : k;
  const bCols = transB ? k : n;
  const lda = aCols + pad;
  const ldb = bCols + pad;
  const ldc = n + pad;
  const view = (rows: number, ld: number, s: number): FloatArray =>
    filled(Ctor, offset + rows * ld, s).subarray(offset) as FloatArray;
  const a = view(aRows, lda, seed);
  const b = view(bRows, ldb, seed + 1);
  const cBuf = filled(Ctor, offset + m * ldc, seed + 2);
  const c = cBuf.subarray(offset) as FloatArray;
  if (beta === 0) c.fill(Number.NaN); // beta = 0 must not read C
  const before = Float64Array.from(cBuf);
  const want = naiveGemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

  setBackend(backend);
  gemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

  const label = `${backend} ${Ctor.name} ${transA ? 'T' : 'N'}${transB ? 'T' : 'N'} ${JSON.stringify(cs)}`;
  const err = maxScaledError(c, ldc, want, m, n);
  assert.ok(err <= tolerance(Ctor === Float32Array, k), `${label}: scaled error ${err}`);
  for (let i = 0; i < cBuf.length; i++) {
    const r = Math.floor((i - offset) / ldc);
    const j = (i - offset) % ldc;
    const inside = i >= offset && r < m && j < n;
    if (!inside) assert.ok(Object.is(cBuf[i], before[i]), `${label}: wrote outside C at buffer index ${i}`);
  }
}

describe('gemm against the naive oracle', () => {
  const shapes: Case[] = [
    { m: 1, n: 1, k: 1 },
    { m: 17, n: 31, k: 13 },
    { m: 13, n: 17, k: 31 },
    { m: 2, n: 3, k: 4 },
    { m: 301, n: 5, k: 7 }, // tall
    { m: 3, n: 301, k: 5 }, // wide
    { m: 5, n: 3, k: 700 }, // deep: several k blocks
    { m: 257, n: 33, k: 257 }, // crosses the mc and kc block edges
    { m: 40, n: 2100, k: 3 }, // crosses the f32 nc block edge
  ];
  for (const backend of BACKENDS) {
    for (const Ctor of CTORS) {
      test(`${backend} ${Ctor.name}: every transpose combination on many shapes`, () => {
        for (const [ta, tb] of TRANS) for (const cs of shapes) check(backend, Ctor, ta, tb, cs);
      });

      test(`${backend} ${Ctor.name}: alpha/beta variants, incl. beta = 0 over NaN`, () => {
        const ab: Array<[number, number]> = [
          [1, 0],
          [1, 1],
          [2.5, -0.5],
          [-1, 3],
          [0.5, 0],
        ];
        for (const [ta, tb] of TRANS) {
          for (const [alpha, beta] of ab) check(backend, Ctor, ta, tb, { m: 19, n: 23, k: 29, alpha, beta });
        }
      });

      test(`${backend} ${Ctor.name}: subarray views with strides larger than the rows`, () => {
        for (const [ta, tb] of TRANS) {
          check(backend, Ctor, ta, tb, { m: 9, n: 11, k: 7, pad: 3, offset: 5, beta: 0.5 });
          check(backend, Ctor, ta, tb, { m: 130, n: 70, k: 260, pad: 1, offset: 1, alpha: -2, beta: 1 });
        }
      });

      test(`${backend} ${Ctor.name}: k = 0 gives beta * C, m or n = 0 writes nothing`, () => {
        for (const [ta, tb] of TRANS) {
          check(backend, Ctor, ta, tb, { m: 4, n: 5, k: 0, beta: 2 });
          check(backend, Ctor, ta, tb, { m: 4, n: 5, k: 0, beta: 0 });
          check(backend, Ctor, ta, tb, { m: 0, n: 5, k: 3, pad: 2 });
          check(backend, Ctor, ta, tb, { m: 4, n: 0, k: 3, pad: 2 });
        }
        setBackend(backend);
        const c = new Ctor(0);
        gemm(false, false, 0, 0, 0, 1, new Ctor(0), 0, new Ctor(0), 0, 0, c, 0);
        assert.equal(c.length, 0);
      });

      test(`${backend} ${Ctor.name}: alpha = 0 does not read A or B`, () => {
        setBackend(backend);
        const a = new Ctor(6).fill(Number.NaN);
        const b = new Ctor(6).fill(Number.POSITIVE_INFINITY);
        const c = Ctor.from([1, 2, 3, 4]);
        gemm(false, false, 2, 2, 3, 0, a, 3, b, 2, 3, c, 2);
        assert.deepEqual(Array.from(c), [3, 6, 9, 12]);
      });

      test(`${backend} ${Ctor.name}: exact small product`, () => {
        setBackend(backend);
        const c = new Ctor(4);
        gemm(false, false, 2, 2, 2, 1, Ctor.from([1, 2, 3, 4]), 2, Ctor.from([5, 6, 7, 8]), 2, 0, c, 2);
        assert.deepEqual(Array.from(c), [19, 22, 43, 50]);
        gemm(true, true, 2, 2, 2, 1, Ctor.from([1, 2, 3, 4]), 2, Ctor.from([5, 6, 7, 8]), 2, 0, c, 2);
        // A^T = [[1,3],[2,4]], B^T = [[5,7],[6,8]]
        assert.deepEqual(Array.from(c), [23, 31, 34, 46]);
      });
    }
  }

  test('wasm float64 with C chunked over rows (C larger than the 32 MiB chunk)', () => {
    for (const [ta, tb] of [TRANS[0], TRANS[3]])
      check('wasm', Float64Array, ta, tb, { m: 4500, n: 1030, k: 3, beta: 1 });
  });

  test('property: random shapes, transposes, scalars and backends match the oracle', () => {
    fc.assert(
      fc.property(
        fc.record({
          m: fc.integer({ min: 0, max: 40 }),
          n: fc.integer({ min: 0, max: 40 }),
          k: fc.integer({ min: 0, max: 40 }),
          alpha: fc.constantFrom(1, -1, 0.5, 3),
          beta: fc.constantFrom(0, 1, -2),
          pad: fc.integer({ min: 0, max: 3 }),
          offset: fc.integer({ min: 0, max: 3 }),
        }),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom(...CTORS),
        fc.constantFrom(...BACKENDS),
        fc.integer({ min: 1, max: 1000 }),
        (cs, ta, tb, Ctor, backend, seed) => check(backend, Ctor, ta, tb, cs, seed),
      ),
      { numRuns: 200 },
    );
  });

  test("'auto' gives the same results as the forced backends", () => {
    for (const [m, n, k] of [
      [3, 3, 3],
      [40, 50, 60],
    ]) {
      const a = filled(Float64Array, m * k, 7);
      const b = filled(Float64Array, k * n, 8);
      const results = (['auto', 'js', 'wasm'] as const).map((name) => {
        setBackend(name);
        const c = new Float64Array(m * n);
        gemm(false, false, m, n, k, 1, a, k, b, n, 0, c, n);
        return c;
      });
      const want = naiveGemm(false, false, m, n, k, 1, a, k, b, n, 0, results[0], n);
      for (const c of results) assert.ok(maxScaledError(c, n, want, m, n) <= 1e-12);
    }
    setBackend('auto');
    assert.equal(getBackend(), 'auto');
  });
});

describe('gemm argument validation', () => {
  const f = (n: number) => new Float64Array(n);

  test('mixed array types throw DTypeError', () => {
    assert.throws(() => gemm(false, false, 1, 1, 1, 1, new Float32Array(1), 1, f(1), 1, 0, f(1), 1), DTypeError);
    assert.throws(() => gemm(false, false, 1, 1, 1, 1, f(1), 1, f(1), 1, 0, new Float32Array(1), 1), DTypeError);
    assert.throws(
      () => gemm(false, false, 1, 1, 1, 1, f(1), 1, f(1), 1, 0, new Int32Array(1) as unknown as Float64Array, 1),
      /Float32Array or all Float64Array.*Int32Array/,
    );
  });

  test('bad sizes, strides and short arrays throw ShapeError naming the problem', () => {
    assert.throws(() => gemm(false, false, -1, 1, 1, 1, f(1), 1, f(1), 1, 0, f(1), 1), /m = -1/);
    assert.throws(() => gemm(false, false, 1, 1.5, 1, 1, f(2), 1, f(2), 2, 0, f(2), 2), ShapeError);
    assert.throws(
      () => gemm(false, false, 2, 2, 3, 1, f(6), 2, f(6), 2, 0, f(4), 2),
      /lda = 2 must be an integer >= 3/,
    );
    assert.doesNotThrow(() => gemm(true, false, 2, 2, 3, 1, f(6), 2, f(6), 2, 0, f(4), 2)); // A stored 3 x 2
    assert.throws(() => gemm(false, true, 2, 2, 3, 1, f(6), 3, f(6), 2, 0, f(4), 2), /ldb = 2/);
    assert.throws(() => gemm(false, false, 2, 2, 3, 1, f(5), 3, f(6), 2, 0, f(4), 2), /a has 5 elements, needs 6/);
    assert.throws(() => gemm(false, false, 2, 2, 3, 1, f(6), 3, f(6), 2, 0, f(4), 1), /ldc = 1/);
    assert.throws(() => gemm(false, false, 2, 2, 3, 1, f(6), 3, f(6), 2, 0, f(3), 2), /c has 3 elements/);
  });

  test('the wasm backend is listed in Node 20', () => {
    assert.deepEqual(listBackends(), ['js', 'wasm']);
  });
});
