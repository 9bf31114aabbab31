/**
 * Randomized truncated SVD (Halko, Martinsson & Tropp 2011, "Finding
 * structure with randomness", algorithms 4.3/4.4), as scikit-learn's
 * `randomized_range_finder` and `randomized_svd`: a Gaussian sketch of
 * `k + nOversamples` columns, `nIter` power iterations renormalised by LU
 * (`permute_l`) or QR, an orthonormal basis `Q` of the range, then the exact
 * SVD of the small `Qᵀ A`. The matrix is reached only through products, so
 * dense and sparse (CSR) inputs share the code.
 */
import { formQ, householderQRInPlace } from '../linalg/qr.js';
import { svdInPlace } from '../linalg/svd.js';
import { gemm } from '../tensor/kernels/gemm.js';
import type { RandomGenerator } from '../tensor/random.js';
import type { SparseMatrix } from '../tensor/sparse.js';
import { svdFlip } from './svd-flip.js';

/** A `rows x cols` matrix known through its products with dense row-major blocks. */
export interface LinearOperator {
  rows: number;
  cols: number;
  /** `A · B` for `B` of shape `cols x s`; returns `rows x s`. */
  mul(b: Float64Array, s: number): Float64Array;
  /** `Aᵀ · B` for `B` of shape `rows x s`; returns `cols x s`. */
  tmul(b: Float64Array, s: number): Float64Array;
}

/**
 * The operator of a dense row-major `m x n` matrix (GEMM products).
 * @example denseOperator(Float64Array.of(1, 2, 3, 4), 2, 2).mul(Float64Array.of(1, 1), 1) // [3, 7]
 */
export function denseOperator(a: Float64Array, m: number, n: number): LinearOperator {
  return {
    rows: m,
    cols: n,
    mul(b, s) {
      const out = new Float64Array(m * s);
      gemm(false, false, m, s, n, 1, a, n, b, s, 0, out, s);
      return out;
    },
    tmul(b, s) {
      const out = new Float64Array(n * s);
      gemm(true, false, n, s, m, 1, a, n, b, s, 0, out, s);
      return out;
    },
  };
}

/**
 * The operator of a CSR `SparseMatrix` (products without densifying).
 * @example sparseOperator(SparseMatrix.fromDense([[1, 0], [0, 2]])).rows // 2
 */
export function sparseOperator(A: SparseMatrix): LinearOperator {
  const [m, n] = A.shape;
  const { indptr, indices, data } = A;
  return {
    rows: m,
    cols: n,
    mul(b, s) {
      const out = new Float64Array(m * s);
      for (let i = 0; i < m; i++) {
        for (let p = indptr[i]; p < indptr[i + 1]; p++) {
          const v = data[p];
          const bo = indices[p] * s;
          for (let c = 0; c < s; c++) out[i * s + c] += v * b[bo + c];
        }
      }
      return out;
    },
    tmul(b, s) {
      const out = new Float64Array(n * s);
      for (let i = 0; i < m; i++) {
        for (let p = indptr[i]; p < indptr[i + 1]; p++) {
          const v = data[p];
          const oo = indices[p] * s;
          for (let c = 0; c < s; c++) out[oo + c] += v * b[i * s + c];
        }
      }
      return out;
    },
  };
}

function transposeOperator(op: LinearOperator): LinearOperator {
  return { rows: op.cols, cols: op.rows, mul: op.tmul, tmul: op.mul };
}

/**
 * `P·L` of the LU factorisation with partial pivoting of the `m x k` `y`
 * (scipy's `lu(y, permute_l=True)[0]`): a well-conditioned basis of its range.
 * @example luPermuteL(Float64Array.of(1, 2, 3, 4), 2, 2) // [[1/3, 1], [1, 0]]
 */
export function luPermuteL(y: Float64Array, m: number, k: number): Float64Array {
  const a = y.slice();
  const perm = Int32Array.from({ length: m }, (_, i) => i);
  const r = Math.min(m, k);
  for (let j = 0; j < r; j++) {
    let p = j;
    let best = Math.abs(a[j * k + j]);
    for (let i = j + 1; i < m; i++) {
      const v = Math.abs(a[i * k + j]);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    if (p !== j) {
      for (let c = 0; c < k; c++) {
        const t = a[j * k + c];
        a[j * k + c] = a[p * k + c];
        a[p * k + c] = t;
      }
      const t = perm[j];
      perm[j] = perm[p];
      perm[p] = t;
    }
    const pivot = a[j * k + j];
    if (pivot === 0) continue;
    const inv = 1 / pivot;
    for (let i = j + 1; i < m; i++) {
      const o = i * k;
      const l = a[o + j] * inv;
      a[o + j] = l;
      if (l !== 0) for (let c = j + 1; c < k; c++) a[o + c] -= l * a[j * k + c];
    }
  }
  const out = new Float64Array(m * r);
  for (let i = 0; i < m; i++) {
    const o = perm[i] * r;
    for (let c = 0; c < r; c++) out[o + c] = c < i ? a[i * k + c] : c === i ? 1 : 0;
  }
  return out;
}

/**
 * Orthonormal basis (`m x min(m, k)`) of the columns of `y` by Householder QR
 * (scipy's `qr(y, mode='economic')[0]`).
 * @example qrBasis(Float64Array.of(3, 4), 2, 1) // [[-0.6], [-0.8]]
 */
export function qrBasis(y: Float64Array, m: number, k: number): Float64Array {
  const a = y.slice();
  const r = Math.min(m, k);
  const tau = new Float64Array(r);
  householderQRInPlace(a, m, k, tau);
  if (k > m) {
    // formQ needs the factored columns only.
    const sq = new Float64Array(m * m);
    for (let i = 0; i < m; i++) for (let c = 0; c < m; c++) sq[i * m + c] = a[i * k + c];
    return formQ(sq, m, m, tau, m);
  }
  return formQ(a, m, k, tau, k);
}

/** Power-iteration normaliser of {@link randomizedRangeFinder}. */
export type PowerIterationNormalizer = 'auto' | 'QR' | 'LU' | 'none';

/**
 * An `m x size` orthonormal basis approximating the range of `A` (sklearn's
 * `randomized_range_finder`). `'auto'` normalises with LU when `nIter > 2`,
 * else not at all, as sklearn.
 * @example const Q = randomizedRangeFinder(denseOperator(a, m, n), 12, 4, 'auto', rng);
 */
export function randomizedRangeFinder(
  A: LinearOperator,
  size: number,
  nIter: number,
  normalizer: PowerIterationNormalizer,
  rng: RandomGenerator,
): { q: Float64Array; cols: number } {
  const { rows: m, cols: n } = A;
  let q: Float64Array = rng.fillNormal(new Float64Array(n * size));
  let s = size;
  const mode = normalizer === 'auto' ? (nIter <= 2 ? 'none' : 'LU') : normalizer;
  const norm = (y: Float64Array, r: number): Float64Array => {
    if (mode === 'LU') return luPermuteL(y, r, s);
    if (mode === 'QR') return qrBasis(y, r, s);
    return y;
  };
  for (let it = 0; it < nIter; it++) {
    // LU/QR of a matrix with fewer rows than columns keeps only as many columns as rows.
    const y = norm(A.mul(q, s), m);
    if (mode !== 'none') s = Math.min(s, m);
    q = norm(A.tmul(y, s), n);
    if (mode !== 'none') s = Math.min(s, n);
  }
  const basis = qrBasis(A.mul(q, s), m, s);
  return { q: basis, cols: Math.min(m, s) };
}

/** Options of {@link randomizedSvd}. */
export interface RandomizedSvdOptions {
  /** Extra sketch columns beyond `nComponents`. Default 10. */
  nOversamples?: number;
  /** Power iterations; `'auto'`: 7 when `nComponents < 0.1 min(m, n)`, else 4. Default `'auto'`. */
  nIter?: number | 'auto';
  /** Default `'auto'` (LU when more than 2 iterations). */
  powerIterationNormalizer?: PowerIterationNormalizer;
  /** Work on `Aᵀ`; `'auto'`: when `A` has fewer rows than columns. Default `'auto'`. */
  transpose?: boolean | 'auto';
  /** Apply sklearn's `svd_flip` (u-based, v-based when transposed). Default true. */
  flipSign?: boolean;
}

/** Truncated SVD buffers: `u` (`m x k`), `s` (`k`), `vt` (`k x n`), row-major. */
export interface TruncatedSvd {
  u: Float64Array;
  s: Float64Array;
  vt: Float64Array;
  k: number;
}

/**
 * The `nComponents` leading singular triplets of `A`, approximately
 * (sklearn's `randomized_svd`).
 * @example
 * const { u, s, vt } = randomizedSvd(denseOperator(a, m, n), 5, checkRandomState(0));
 */
export function randomizedSvd(
  A: LinearOperator,
  nComponents: number,
  rng: RandomGenerator,
  options: RandomizedSvdOptions = {},
): TruncatedSvd {
  const { nOversamples = 10, powerIterationNormalizer = 'auto', flipSign = true } = options;
  const m0 = A.rows;
  const n0 = A.cols;
  const nIter =
    options.nIter === undefined || options.nIter === 'auto'
      ? nComponents < 0.1 * Math.min(m0, n0)
        ? 7
        : 4
      : options.nIter;
  const transpose = options.transpose === undefined || options.transpose === 'auto' ? m0 < n0 : options.transpose;
  const op = transpose ? transposeOperator(A) : A;
  const { rows: m, cols: n } = op;
  const { q, cols: s } = randomizedRangeFinder(op, nComponents + nOversamples, nIter, powerIterationNormalizer, rng);
  // B = Qᵀ A (s x n), from Aᵀ Q (n x s).
  const bt = op.tmul(q, s);
  const b = new Float64Array(s * n);
  for (let i = 0; i < n; i++) for (let c = 0; c < s; c++) b[c * n + i] = bt[i * s + c];
  const r = Math.min(s, n);
  const svd = svdInPlace(b, s, n, true, false);
  const uhat = svd.u as Float64Array;
  const vtFull = svd.vt as Float64Array;
  const uFull = new Float64Array(m * r);
  gemm(false, false, m, r, s, 1, q, s, uhat, r, 0, uFull, r);
  if (flipSign) svdFlip(uFull, m, r, vtFull, n, !transpose);
  const k = Math.min(nComponents, r);
  // Keep the first k columns of U and rows of Vt.
  const uK = new Float64Array(m * k);
  for (let i = 0; i < m; i++) for (let c = 0; c < k; c++) uK[i * k + c] = uFull[i * r + c];
  const vK = vtFull.slice(0, k * n);
  const sK = svd.s.slice(0, k);
  if (!transpose) return { u: uK, s: sK, vt: vK, k };
  // A = (Aᵀ)ᵀ: U = Vt'ᵀ, Vt = U'ᵀ.
  const u = new Float64Array(n * k);
  for (let c = 0; c < k; c++) for (let i = 0; i < n; i++) u[i * k + c] = vK[c * n + i];
  const vt = new Float64Array(k * m);
  for (let i = 0; i < m; i++) for (let c = 0; c < k; c++) vt[c * m + i] = uK[i * k + c];
  return { u, s: sK, vt, k };
}
