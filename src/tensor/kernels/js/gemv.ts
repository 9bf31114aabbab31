import type { FloatArray } from '../types.js';

let acc: Float64Array | undefined;

/**
 * GEMM with `n === 1` (matrix-vector): `c[i*ldc] = alpha * sum_p op(A)[i, p] * op(B)[p, 0] + beta * c[i*ldc]`,
 * same arguments as `gemm`. Memory-bound (2 flops per element of A), so plain TS is as fast
 * as copying A into WASM memory would be; both backends use it. Without `transA` each
 * output is a 4-way unrolled dot product over a contiguous row of A; with `transA` rows of
 * A are accumulated (axpy) into a float64 scratch vector, so A is still read row by row.
 * `beta === 0` never reads C. Callers handle `m === 0`, `k === 0` and `alpha === 0`.
 *
 * @example
 * const c = new Float64Array(2);
 * gemv(false, false, 2, 2, 1, new Float64Array([1, 2, 3, 4]), 2, new Float64Array([1, 1]), 1, 0, c, 1);
 * // c = [3, 7]
 */
export function gemv(
  transA: boolean,
  transB: boolean,
  m: number,
  k: number,
  alpha: number,
  a: FloatArray,
  lda: number,
  b: FloatArray,
  ldb: number,
  beta: number,
  c: FloatArray,
  ldc: number,
): void {
  const incx = transB ? 1 : ldb;
  if (!transA) {
    for (let i = 0; i < m; i++) {
      const ai = i * lda;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let p = 0;
      if (incx === 1) {
        for (; p + 3 < k; p += 4) {
          s0 += a[ai + p] * b[p];
          s1 += a[ai + p + 1] * b[p + 1];
          s2 += a[ai + p + 2] * b[p + 2];
          s3 += a[ai + p + 3] * b[p + 3];
        }
      }
      for (; p < k; p++) s0 += a[ai + p] * b[p * incx];
      const dot = alpha * (s0 + s1 + (s2 + s3));
      c[i * ldc] = beta === 0 ? dot : dot + beta * c[i * ldc];
    }
    return;
  }
  if (acc === undefined || acc.length < m) acc = new Float64Array(Math.max(m, 1024));
  const y = acc;
  y.fill(0, 0, m);
  for (let p = 0; p < k; p++) {
    const x = b[p * incx];
    const ap = p * lda;
    for (let i = 0; i < m; i++) y[i] += x * a[ap + i];
  }
  for (let i = 0; i < m; i++) c[i * ldc] = beta === 0 ? alpha * y[i] : alpha * y[i] + beta * c[i * ldc];
}
