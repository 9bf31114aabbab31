import type { FloatArray } from '../types.js';

/**
 * `C[0:m, 0:n] = beta * C` in place, row stride `ldc`. `beta === 0` writes zeros without
 * reading C (BLAS semantics: C may hold NaN garbage), `beta === 1` leaves C untouched.
 * This is all GEMM does when `k === 0` or `alpha === 0`.
 *
 * @example
 * const c = new Float64Array([1, 2, 3, 4]);
 * scaleMatrix(2, 2, 0.5, c, 2); // c = [0.5, 1, 1.5, 2]
 */
export function scaleMatrix(m: number, n: number, beta: number, c: FloatArray, ldc: number): void {
  if (beta === 1) return;
  for (let i = 0; i < m; i++) {
    const row = i * ldc;
    if (beta === 0) c.fill(0, row, row + n);
    else for (let j = row; j < row + n; j++) c[j] *= beta;
  }
}
