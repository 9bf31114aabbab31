/**
 * Small numeric helpers the scalers share: sklearn's `_handle_zeros_in_scale`
 * and `_is_constant_feature`, and a column view of a row-major matrix.
 */
import { ValidationError } from '../base/errors.js';
import { Tensor } from '../tensor/tensor.js';

const EPS = 2.220446049250313e-16;

/**
 * sklearn's `_handle_zeros_in_scale`: replaces scales that are (near) zero by 1
 * so constant features are left unscaled instead of divided by zero. A scale is
 * replaced where `constant[j]` is set, or, without a mask, where it is below
 * `10 * eps`. Works in place and returns `scale`.
 * @example handleZerosInScale(new Float64Array([0, 2])) // Float64Array [1, 2]
 */
export function handleZerosInScale(scale: Float64Array, constant?: ArrayLike<boolean>): Float64Array {
  for (let j = 0; j < scale.length; j++) {
    if (constant ? constant[j] : scale[j] < 10 * EPS) scale[j] = 1;
  }
  return scale;
}

/**
 * sklearn's `_is_constant_feature`: whether a variance computed from `n`
 * samples is within floating-point error of zero, given the mean's magnitude.
 * @example isConstantFeature(1e-40, 1, 10) // true
 */
export function isConstantFeature(variance: number, mean: number, n: number): boolean {
  const upper = n * EPS * variance + (n * mean * EPS) ** 2;
  return variance <= upper;
}

/**
 * A copy of `X`'s data as float64 (the buffer an output is written into), with
 * the shape `[rows, cols]`.
 */
export function outputBuffer(X: Tensor): { out: Float64Array; nRows: number; nCols: number } {
  const [nRows, nCols] = X.shape;
  const out = new Float64Array(X.size);
  out.set(X.data);
  return { out, nRows, nCols };
}

/** Wraps a row-major buffer as a 2-D float64 Tensor. */
export function matrix(data: Float64Array, nRows: number, nCols: number): Tensor {
  return new Tensor(data, [nRows, nCols]);
}

/** Throws unless `X` has `expected` columns (for inverse transforms, which skip feature-name checks). */
export function checkWidth(X: Tensor, expected: number, estimatorName: string): void {
  const got = X.shape[1];
  if (got !== expected) {
    throw new ValidationError(
      `X has ${got} features, but ${estimatorName} is expecting ${expected} features as input.`,
      {
        expected,
        got,
      },
    );
  }
}

/** The non-NaN values of column `j` of a row-major `[nRows, nCols]` buffer. */
export function columnValues(data: ArrayLike<number>, nRows: number, nCols: number, j: number): Float64Array {
  let count = 0;
  for (let i = 0; i < nRows; i++) if (!Number.isNaN(data[i * nCols + j])) count++;
  const out = new Float64Array(count);
  let k = 0;
  for (let i = 0; i < nRows; i++) {
    const v = data[i * nCols + j];
    if (!Number.isNaN(v)) out[k++] = v;
  }
  return out;
}

/**
 * numpy's pairwise summation of a contiguous float64 array (8 interleaved
 * accumulators up to 128 values, halves above), so sums, means and variances
 * round exactly as `np.sum`/`np.var` do where an optimizer is sensitive to it.
 * @example pairwiseSum(new Float64Array([1, 2, 3])) // 6
 */
export function pairwiseSum(a: ArrayLike<number>, start = 0, n = a.length - start): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[start + i];
    return res;
  }
  if (n <= 128) {
    const r = [
      a[start],
      a[start + 1],
      a[start + 2],
      a[start + 3],
      a[start + 4],
      a[start + 5],
      a[start + 6],
      a[start + 7],
    ];
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) r[j] += a[start + i + j];
    let res = r[0] + r[1] + (r[2] + r[3]) + (r[4] + r[5] + (r[6] + r[7]));
    for (; i < n; i++) res += a[start + i];
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(a, start, n2) + pairwiseSum(a, start + n2, n - n2);
}

/**
 * numpy's linear-interpolation percentile (q in 0..100) of an already sorted
 * array, with the same index and lerp arithmetic as `base/stats`'s `percentile`.
 * @example percentileSorted(new Float64Array([1, 2, 3, 4]), 25) // 1.75
 */
export function percentileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const pos = (q / 100) * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  const t = pos - lo;
  const a = sorted[lo];
  const b = sorted[hi];
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/**
 * numpy's `interp(x, xp, fp)` for one value: linear interpolation on
 * increasing `xp` (repeats allowed), clamped to `fp[0]`/`fp[last]` outside.
 * @example interp(1.5, [1, 2], [10, 20]) // 15
 */
export function interp(x: number, xp: ArrayLike<number>, fp: ArrayLike<number>): number {
  const n = xp.length;
  if (x < xp[0]) return fp[0];
  if (x > xp[n - 1]) return fp[n - 1];
  // j: last index with xp[j] <= x.
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (xp[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  const j = lo;
  if (j === n - 1 || xp[j] === x) return fp[j];
  const slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j]);
  let r = slope * (x - xp[j]) + fp[j];
  if (Number.isNaN(r)) {
    r = slope * (x - xp[j + 1]) + fp[j + 1];
    if (Number.isNaN(r) && fp[j] === fp[j + 1]) r = fp[j];
  }
  return r;
}
