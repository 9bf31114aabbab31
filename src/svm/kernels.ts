/**
 * Kernel functions of the libsvm estimators: `linear` (x·z), `poly`
 * ((γ x·z + coef0)^degree), `rbf` (exp(-γ‖x - z‖²)), `sigmoid`
 * (tanh(γ x·z + coef0)) and `precomputed` (X holds kernel values). Two
 * evaluators: {@link TrainingKernel} fills Q-matrix columns for the solver on
 * its permuted copy of the data; {@link kernelMatrix} computes a whole block
 * `K(A, B)` for prediction with one GEMM for the dot products.
 */
import { gemm } from '../tensor/kernels/gemm.js';

/** The kernels libsvm knows. */
export type KernelName = 'linear' | 'poly' | 'rbf' | 'sigmoid' | 'precomputed';

/** A kernel with its resolved parameters (`gamma` already a number). */
export interface KernelParams {
  kernel: KernelName;
  gamma: number;
  degree: number;
  coef0: number;
}

/**
 * `base ** times` by repeated squaring for a non-negative integer `times`, as libsvm's `powi`.
 * @example powi(2, 10) // 1024
 */
export function powi(base: number, times: number): number {
  let tmp = base;
  let ret = 1;
  for (let t = times; t > 0; t = Math.floor(t / 2)) {
    if (t % 2 === 1) ret *= tmp;
    tmp *= tmp;
  }
  return ret;
}

/**
 * Kernel values on the solver's working copy of the training rows. The solver
 * permutes its variables while shrinking; {@link swap} keeps the rows (and,
 * for `precomputed`, the original row index used as column of the kernel
 * matrix) in the same order. Rows are stored feature-major so a kernel column
 * is a few streaming passes (four features each) instead of `l` short dot
 * products; each entry is still summed feature by feature in order, so the
 * values are bitwise those of libsvm's loop.
 * @example
 * const k = new TrainingKernel({ kernel: 'rbf', gamma: 0.5, degree: 3, coef0: 0 }, x, 10, 2, Int32Array.from({ length: 10 }, (_, i) => i));
 * k.value(0, 1);
 */
export class TrainingKernel {
  readonly #p: KernelParams;
  /** Row-major rows (precomputed kernels) or feature-major `d × l` values (other kernels). */
  readonly #x: Float64Array;
  readonly #l: number;
  readonly #d: number;
  readonly #ind: Int32Array;
  readonly #sq: Float64Array | undefined;

  /**
   * @param params - the kernel.
   * @param x - `l × d` rows, copied (the solver reorders its copy).
   * @param ind - original row index of each row (the kernel-matrix column for `precomputed`), copied.
   */
  constructor(params: KernelParams, x: Float64Array, l: number, d: number, ind: Int32Array) {
    this.#p = params;
    this.#l = l;
    this.#d = d;
    this.#ind = ind.slice(0, l);
    if (params.kernel === 'precomputed') {
      this.#x = x.slice(0, l * d);
    } else {
      const t = new Float64Array(l * d);
      for (let i = 0; i < l; i++) for (let k = 0; k < d; k++) t[k * l + i] = x[i * d + k];
      this.#x = t;
    }
    if (params.kernel === 'rbf') {
      const sq = new Float64Array(l);
      for (let i = 0; i < l; i++) {
        let s = 0;
        for (let k = i * d, e = k + d; k < e; k++) s += x[k] * x[k];
        sq[i] = s;
      }
      this.#sq = sq;
    }
  }

  /** K(row i, row j). */
  value(i: number, j: number): number {
    const p = this.#p;
    const x = this.#x;
    if (p.kernel === 'precomputed') return x[i * this.#d + this.#ind[j]];
    const l = this.#l;
    let dot = 0;
    for (let k = 0, e = this.#d * l; k < e; k += l) dot += x[k + i] * x[k + j];
    switch (p.kernel) {
      case 'linear':
        return dot;
      case 'poly':
        return powi(p.gamma * dot + p.coef0, p.degree);
      case 'rbf': {
        const sq = this.#sq as Float64Array;
        return Math.exp(-p.gamma * (sq[i] + sq[j] - 2 * dot));
      }
      default:
        return Math.tanh(p.gamma * dot + p.coef0);
    }
  }

  /** Writes K(row i, row j) into `out[j]` for `j` in `[start, end)`. */
  fill(i: number, start: number, end: number, out: Float64Array): void {
    const p = this.#p;
    const d = this.#d;
    const x = this.#x;
    if (p.kernel === 'precomputed') {
      const row = i * d;
      const ind = this.#ind;
      for (let j = start; j < end; j++) out[j] = x[row + ind[j]];
      return;
    }
    const l = this.#l;
    out.fill(0, start, end);
    // Eight, then four, then one feature per pass over the block; each entry
    // is still accumulated feature by feature in order.
    let k = 0;
    for (; k + 7 < d; k += 8) {
      const b = k * l;
      const v0 = x[b + i];
      const v1 = x[b + l + i];
      const v2 = x[b + 2 * l + i];
      const v3 = x[b + 3 * l + i];
      const v4 = x[b + 4 * l + i];
      const v5 = x[b + 5 * l + i];
      const v6 = x[b + 6 * l + i];
      const v7 = x[b + 7 * l + i];
      for (let j = start; j < end; j++) {
        const q = b + j;
        out[j] =
          out[j] +
          v0 * x[q] +
          v1 * x[q + l] +
          v2 * x[q + 2 * l] +
          v3 * x[q + 3 * l] +
          v4 * x[q + 4 * l] +
          v5 * x[q + 5 * l] +
          v6 * x[q + 6 * l] +
          v7 * x[q + 7 * l];
      }
    }
    for (; k + 3 < d; k += 4) {
      const b = k * l;
      const v0 = x[b + i];
      const v1 = x[b + l + i];
      const v2 = x[b + 2 * l + i];
      const v3 = x[b + 3 * l + i];
      for (let j = start; j < end; j++) {
        const q = b + j;
        out[j] = out[j] + v0 * x[q] + v1 * x[q + l] + v2 * x[q + 2 * l] + v3 * x[q + 3 * l];
      }
    }
    for (; k < d; k++) {
      const b = k * l;
      const v0 = x[b + i];
      for (let j = start; j < end; j++) out[j] = out[j] + v0 * x[b + j];
    }
    switch (p.kernel) {
      case 'linear':
        break;
      case 'poly':
        for (let t = start; t < end; t++) out[t] = powi(p.gamma * out[t] + p.coef0, p.degree);
        break;
      case 'rbf': {
        const sq = this.#sq as Float64Array;
        const g = -p.gamma;
        const si = sq[i];
        for (let t = start; t < end; t++) out[t] = Math.exp(g * (si + sq[t] - 2 * out[t]));
        break;
      }
      default:
        for (let t = start; t < end; t++) out[t] = Math.tanh(p.gamma * out[t] + p.coef0);
    }
  }

  /** Swaps rows `i` and `j` of the working copy. */
  swap(i: number, j: number): void {
    const d = this.#d;
    const x = this.#x;
    if (this.#p.kernel === 'precomputed') {
      for (let a = i * d, b = j * d, e = a + d; a < e; a++, b++) {
        const t = x[a];
        x[a] = x[b];
        x[b] = t;
      }
    } else {
      const l = this.#l;
      for (let k = 0, e = d * l; k < e; k += l) {
        const t = x[k + i];
        x[k + i] = x[k + j];
        x[k + j] = t;
      }
    }
    const ind = this.#ind;
    const t = ind[i];
    ind[i] = ind[j];
    ind[j] = t;
    if (this.#sq) {
      const s = this.#sq[i];
      this.#sq[i] = this.#sq[j];
      this.#sq[j] = s;
    }
  }
}

/**
 * The kernel matrix `K[r, c] = k(a_r, b_c)` of `m` rows `a` against `n` rows
 * `b` (both with `d` features, row-major), `m × n` row-major. Dot products come
 * from one GEMM; for `precomputed`, `a` already holds kernel values against the
 * training rows and `bIndex[c]` names the training column of `b_c`.
 * @example kernelMatrix({ kernel: 'linear', gamma: 1, degree: 3, coef0: 0 }, a, 2, b, 3, 4)
 */
export function kernelMatrix(
  params: KernelParams,
  a: Float64Array,
  m: number,
  b: Float64Array,
  n: number,
  d: number,
  bIndex?: Int32Array,
): Float64Array {
  const out = new Float64Array(m * n);
  if (params.kernel === 'precomputed') {
    const index = bIndex as Int32Array;
    for (let r = 0; r < m; r++) for (let c = 0; c < n; c++) out[r * n + c] = a[r * d + index[c]];
    return out;
  }
  if (m === 0 || n === 0) return out;
  gemm(false, true, m, n, d, 1, a, d, b, d, 0, out, n);
  const { gamma, coef0, degree } = params;
  switch (params.kernel) {
    case 'linear':
      return out;
    case 'poly':
      for (let k = 0; k < out.length; k++) out[k] = powi(gamma * out[k] + coef0, degree);
      return out;
    case 'sigmoid':
      for (let k = 0; k < out.length; k++) out[k] = Math.tanh(gamma * out[k] + coef0);
      return out;
    default: {
      const sa = rowSquares(a, m, d);
      const sb = rowSquares(b, n, d);
      for (let r = 0; r < m; r++) {
        for (let c = 0; c < n; c++) {
          // Rounding can make the expanded squared distance slightly negative for equal rows.
          const dist = Math.max(0, sa[r] + sb[c] - 2 * out[r * n + c]);
          out[r * n + c] = Math.exp(-gamma * dist);
        }
      }
      return out;
    }
  }
}

function rowSquares(x: Float64Array, rows: number, d: number): Float64Array {
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let k = r * d, e = k + d; k < e; k++) s += x[k] * x[k];
    out[r] = s;
  }
  return out;
}
