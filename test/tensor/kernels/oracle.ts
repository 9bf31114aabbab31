import assert from 'node:assert/strict';
import { gemm } from '../../../src/tensor/kernels/gemm.js';
import { type BackendName, setBackend } from '../../../src/tensor/kernels/registry.js';
import type { FloatArray } from '../../../src/tensor/kernels/types.js';

/** Deterministic values in [-1, 1) (tests must not depend on Math.random). */
export function filled(Ctor: Float32ArrayConstructor | Float64ArrayConstructor, n: number, seed: number): FloatArray {
  const out: FloatArray = new Ctor(n);
  let s = (seed * 2654435761 + 1) >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

/**
 * Naive triple-loop GEMM in float64, with the scale each entry's rounding error is
 * proportional to (`|alpha| * sum|a*b| + |beta * c|`); BLAS semantics for beta = 0, k = 0, alpha = 0.
 */
export function naiveGemm(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: FloatArray,
  lda: number,
  b: FloatArray,
  ldb: number,
  beta: number,
  c: FloatArray,
  ldc: number,
): { value: Float64Array; scale: Float64Array } {
  const value = new Float64Array(m * n);
  const scale = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      let sa = 0;
      if (alpha !== 0) {
        for (let p = 0; p < k; p++) {
          const x = (transA ? a[p * lda + i] : a[i * lda + p]) * (transB ? b[j * ldb + p] : b[p * ldb + j]);
          s += x;
          sa += Math.abs(x);
        }
      }
      const cb = beta === 0 ? 0 : beta * c[i * ldc + j];
      value[i * n + j] = alpha * s + cb;
      scale[i * n + j] = Math.abs(alpha) * sa + Math.abs(cb);
    }
  }
  return { value, scale };
}

/**
 * Largest `|got - want| / scale` over the `m x n` window of `got` (row stride `ldc`);
 * NaN anywhere counts as Infinity.
 */
export function maxScaledError(
  got: FloatArray,
  ldc: number,
  want: { value: Float64Array; scale: Float64Array },
  m: number,
  n: number,
): number {
  let worst = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const err = Math.abs(got[i * ldc + j] - want.value[i * n + j]) / (want.scale[i * n + j] + 1e-300);
      const e = Number.isNaN(err) ? Number.POSITIVE_INFINITY : err;
      if (e > worst) worst = e;
    }
  }
  return worst;
}

/** Error bound relative to the scale: f64 1e-12 (BLAS-grade), f32 two units of roundoff per term. */
export function tolerance(f32: boolean, k: number): number {
  return f32 ? (k + 4) * 2 ** -23 : 1e-12;
}

/** Runs gemm on subarray views with padded strides; checks the result and that nothing outside C changed. */
export function checkGemmOnViews(
  backend: BackendName,
  Ctor: Float32ArrayConstructor | Float64ArrayConstructor,
  ta: boolean,
  tb: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  beta: number,
  pad: number,
  offset: number,
): void {
  const lda = (ta ? m : k) + pad;
  const ldb = (tb ? k : n) + pad;
  const ldc = n + pad;
  const a = filled(Ctor, offset + (ta ? k : m) * lda, 3).subarray(offset) as FloatArray;
  const b = filled(Ctor, offset + (tb ? n : k) * ldb, 4).subarray(offset) as FloatArray;
  const cBuf = filled(Ctor, offset + m * ldc, 5);
  const c = cBuf.subarray(offset) as FloatArray;
  if (beta === 0) c.fill(Number.NaN);
  const before = Float64Array.from(cBuf);
  const want = naiveGemm(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
  setBackend(backend);
  gemm(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
  const label = `${backend} ${Ctor.name} ${ta ? 'T' : 'N'}${tb ? 'T' : 'N'} m=${m} n=${n} k=${k} beta=${beta} pad=${pad}`;
  const err = maxScaledError(c, ldc, want, m, n);
  assert.ok(err <= tolerance(Ctor === Float32Array, k), `${label}: scaled error ${err}`);
  for (let i = 0; i < cBuf.length; i++) {
    const r = Math.floor((i - offset) / ldc);
    const j = (i - offset) % ldc;
    if (!(i >= offset && r < m && j < n)) assert.ok(Object.is(cBuf[i], before[i]), `${label}: wrote outside C at ${i}`);
  }
}
