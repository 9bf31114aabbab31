import type { FloatArray } from '../types.js';
import { scaleMatrix } from './scale.js';

/** k-block: the packed `KC x NC` block of B (256 KiB) every row of A sweeps over stays in L2. */
const KC = 128;
/** n-block: one C row segment (`NC` float64 values) stays in L1 across the k-block. */
const NC = 256;

/** Scratch: a packed `KC x NC` block of op(B) and one C row segment, grown once and reused. */
let packedB: Float64Array | undefined;
let cRow: Float64Array | undefined;

/**
 * Plain TypeScript GEMM (the `js` backend, the fallback and a test oracle):
 * `C = alpha * op(A) @ op(B) + beta * C`, row-major, same arguments as `gemm`.
 *
 * Loop order i-k-j with the innermost loop running along a contiguous row of C and of B,
 * blocked over k (`KC`) and n (`NC`) so the B block is reused from cache by every row of
 * A, and unrolled by 4 over k so each pass over the C row does 8 flops per C load/store.
 * Each `KC x NC` block of op(B) is packed into a float64 scratch buffer (which absorbs
 * transB) and each C row segment is accumulated in float64 scratch, so the hot loop is
 * unit-stride and monomorphic whatever the array type; a transposed A only changes the
 * scalar reads of A. Arithmetic is in float64 even for Float32Array inputs.
 *
 * @example
 * const c = new Float64Array(4);
 * gemmJs(false, false, 2, 2, 1, 1, new Float64Array([1, 2]), 1, new Float64Array([3, 4]), 2, 0, c, 2);
 * // c = [3, 4, 6, 8]
 */
export function gemmJs(
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
  if (m === 0 || n === 0) return;
  scaleMatrix(m, n, beta, c, ldc);
  if (k === 0 || alpha === 0) return;
  // op(A)[i, p] = a[i * sai + p * sap]
  const sai = transA ? 1 : lda;
  const sap = transA ? lda : 1;
  if (packedB === undefined || cRow === undefined) {
    packedB = new Float64Array(KC * NC);
    cRow = new Float64Array(NC);
  }
  for (let j0 = 0; j0 < n; j0 += NC) {
    const nb = Math.min(NC, n - j0);
    for (let p0 = 0; p0 < k; p0 += KC) {
      const kb = Math.min(KC, k - p0);
      packB(transB, b, ldb, j0, p0, nb, kb, packedB);
      block(m, nb, kb, alpha, a, p0 * sap, sai, sap, packedB, c, j0, ldc, cRow);
    }
  }
}

/** `dst[p * nb + j] = op(B)[p0 + p, j0 + j]`: a `kb x nb` block of op(B), row-major, in float64. */
function packB(
  transB: boolean,
  b: FloatArray,
  ldb: number,
  j0: number,
  p0: number,
  nb: number,
  kb: number,
  dst: Float64Array,
): void {
  if (transB) {
    for (let j = 0; j < nb; j++) {
      const src = (j0 + j) * ldb + p0;
      for (let p = 0, d = j; p < kb; p++, d += nb) dst[d] = b[src + p];
    }
  } else {
    for (let p = 0; p < kb; p++) {
      const src = (p0 + p) * ldb + j0;
      for (let j = 0, d = p * nb; j < nb; j++, d++) dst[d] = b[src + j];
    }
  }
}

/**
 * `C[:, c0:c0+nb] += alpha * A[:, block] @ bp` where `A[i, p] = a[a0 + i*sai + p*sap]` and
 * `bp` is the packed `kb x nb` block. Each C row segment is accumulated in the float64
 * `row` so the hot loop only touches Float64Arrays (monomorphic, whatever C's type).
 */
function block(
  m: number,
  nb: number,
  kb: number,
  alpha: number,
  a: FloatArray,
  a0: number,
  sai: number,
  sap: number,
  bp: Float64Array,
  c: FloatArray,
  c0: number,
  ldc: number,
  row: Float64Array,
): void {
  for (let i = 0; i < m; i++) {
    const ci = i * ldc + c0;
    for (let j = 0; j < nb; j++) row[j] = c[ci + j];
    const ai = a0 + i * sai;
    let p = 0;
    for (; p + 3 < kb; p += 4) {
      const ap = ai + p * sap;
      const x0 = alpha * a[ap];
      const x1 = alpha * a[ap + sap];
      const x2 = alpha * a[ap + 2 * sap];
      const x3 = alpha * a[ap + 3 * sap];
      const r0 = p * nb;
      const r1 = r0 + nb;
      const r2 = r1 + nb;
      const r3 = r2 + nb;
      for (let j = 0; j < nb; j++) {
        row[j] += x0 * bp[r0 + j] + x1 * bp[r1 + j] + x2 * bp[r2 + j] + x3 * bp[r3 + j];
      }
    }
    for (; p < kb; p++) {
      const x0 = alpha * a[ai + p * sap];
      const r0 = p * nb;
      for (let j = 0; j < nb; j++) row[j] += x0 * bp[r0 + j];
    }
    for (let j = 0; j < nb; j++) c[ci + j] = row[j];
  }
}
