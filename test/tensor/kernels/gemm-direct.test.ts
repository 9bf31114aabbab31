/**
 * The unpacked WASM GEMM paths for layer-sized products: `A @ B^T` with B transposed in
 * WASM (a layer's forward), `A @ B` with moderate k (its input gradient) and the deeper k
 * blocks of `A^T @ B` for wide B (its weight gradient), against the naive oracle, with
 * strided views, odd sizes, several k blocks and every beta case.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { gemm } from '../../../src/tensor/kernels/gemm.js';
import { setBackend } from '../../../src/tensor/kernels/registry.js';
import type { FloatArray } from '../../../src/tensor/kernels/types.js';
import { buildGemmModule, F32_SHAPE, F64_SHAPE } from '../../../src/tensor/kernels/wasm/gemm-module.js';
import { filled, maxScaledError, naiveGemm, tolerance } from './oracle.js';

type Ctor = Float32ArrayConstructor | Float64ArrayConstructor;
after(() => setBackend('auto'));

function check(Ctor: Ctor, ta: boolean, tb: boolean, m: number, n: number, k: number, beta: number, pad: number): void {
  const offset = 3;
  const lda = (ta ? m : k) + pad;
  const ldb = (tb ? k : n) + pad;
  const ldc = n + pad;
  const a = filled(Ctor, offset + (ta ? k : m) * lda, 7).subarray(offset) as FloatArray;
  const b = filled(Ctor, offset + (tb ? n : k) * ldb, 8).subarray(offset) as FloatArray;
  const cBuf = filled(Ctor, offset + m * ldc, 9);
  const c = cBuf.subarray(offset) as FloatArray;
  if (beta === 0) c.fill(Number.NaN);
  const before = Float64Array.from(cBuf);
  const alpha = -0.75;
  const want = naiveGemm(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
  setBackend('wasm');
  try {
    gemm(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
  } finally {
    setBackend('auto');
  }
  const label = `${Ctor.name} ${ta ? 'T' : 'N'}${tb ? 'T' : 'N'} m=${m} n=${n} k=${k} beta=${beta} pad=${pad}`;
  const err = maxScaledError(c, ldc, want, m, n);
  assert.ok(err <= tolerance(Ctor === Float32Array, k), `${label}: scaled error ${err}`);
  for (let i = 0; i < cBuf.length; i++) {
    const r = Math.floor((i - offset) / ldc);
    const j = (i - offset) % ldc;
    if (!(i >= offset && r < m && j < n)) assert.ok(Object.is(cBuf[i], before[i]), `${label}: wrote outside C at ${i}`);
  }
}

const CTORS: Ctor[] = [Float32Array, Float64Array];

describe('gemm: unpacked WASM paths for layer shapes', () => {
  test('the GEMM modules (with the transpose export) stay under 4 KiB', () => {
    assert.ok(buildGemmModule(F32_SHAPE).length < 4096);
    assert.ok(buildGemmModule(F64_SHAPE).length < 4096);
  });

  for (const Ctor of CTORS) {
    test(`${Ctor.name}: A @ B^T with B transposed in WASM (forward X W^T)`, () => {
      for (const [m, n, k] of [
        [128, 64, 600],
        [5, 9, 16],
        [37, 100, 300],
        [256, 1024, 20],
        [130, 10, 785],
      ]) {
        for (const beta of [0, 1, 0.5]) check(Ctor, false, true, m, n, k, beta, beta === 1 ? 3 : 0);
      }
    });

    test(`${Ctor.name}: A @ B with moderate k and n >= 2m (input gradient G W)`, () => {
      for (const [m, n, k] of [
        [128, 784, 64],
        [100, 250, 200],
        [16, 2000, 150],
        [7, 15, 256],
      ]) {
        for (const beta of [0, 1, 0.5]) check(Ctor, false, false, m, n, k, beta, beta === 0.5 ? 2 : 0);
      }
    });

    test(`${Ctor.name}: A^T @ B for wide B in deep k blocks (weight gradient G^T X)`, () => {
      for (const [m, n, k] of [
        [64, 700, 300],
        [10, 5408, 40],
        [33, 300, 129],
      ]) {
        for (const beta of [0, 1]) check(Ctor, true, false, m, n, k, beta, beta === 1 ? 1 : 0);
      }
    });
  }
});
