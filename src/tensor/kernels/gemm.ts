// PLACEHOLDER (naive, correct): the kernels helper replaces this with the backend-dispatching GEMM.
/** Float arrays GEMM works on; A, B and C must all be the same type. */
export type FloatArray = Float32Array | Float64Array;

/**
 * General matrix multiply, row-major: `C = alpha * op(A) @ op(B) + beta * C`, where
 * `op(A)` is `m x k` (A stored `m x k` with row stride `lda`, or `k x m` when `transA`),
 * `op(B)` is `k x n` (stored `k x n` with row stride `ldb`, or `n x k` when `transB`),
 * and C is `m x n` with row stride `ldc`.
 */
export function gemm(
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
): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) {
        const av = transA ? a[p * lda + i] : a[i * lda + p];
        const bv = transB ? b[j * ldb + p] : b[p * ldb + j];
        s += av * bv;
      }
      c[i * ldc + j] = alpha * s + (beta === 0 ? 0 : beta * c[i * ldc + j]);
    }
  }
}
