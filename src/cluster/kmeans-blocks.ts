/**
 * The row-block layout of k-means data: the `n x d` rows cut into blocks of
 * {@link blockRows}`(d)` rows, each block stored transposed (`d x rows`,
 * feature-major) and the blocks one after another (block `b` starts at
 * `b * blockRows(d) * d`, the last one may be shorter).
 *
 * Why: the distance products of k-means (`centres · blockᵀ`) then take the
 * block as a plain, non-transposed GEMM operand that is copied with one
 * `memcpy` instead of being repacked element by element on every pass, and a
 * block (at most about 160 KiB) stays in cache for the label and centre
 * updates that follow its product.
 */

/** Rows per block for wide data (and the unit block sizes are multiples of). */
export const BLOCK_ROWS = 128;
/** Most rows per block (narrow data). */
const MAX_BLOCK_ROWS = 1024;
/**
 * Budget of `(m + rows) · d` for one block's product of `m` centres by `rows` rows: the GEMM
 * kernel's direct path (transposed A) copies depth blocks of at least
 * `192 KiB / (8 (m + rows))` rows, so staying within the budget keeps every `d` within one
 * depth block (for up to `m = 128` centres) and each distance one unsplit sum, as with
 * 128-row blocks (which the results are then bit-identical to).
 */
const ROW_DEPTH_BUDGET = 24576;

/**
 * Rows per block of the row-block layout for `d` features: 128 for wide data, up to 1,024
 * for narrow data (fewer, larger GEMM calls: 1,024 rows halve the per-pass GEMM overhead at
 * d = 20) while the product of up to 128 centres still runs in one depth block (see
 * {@link ROW_DEPTH_BUDGET}), so distances are summed exactly as with 128-row blocks.
 * @example blockRows(20) // 1024
 */
export function blockRows(d: number): number {
  if (d <= 0) return MAX_BLOCK_ROWS;
  const units = Math.floor((ROW_DEPTH_BUDGET / d - BLOCK_ROWS) / BLOCK_ROWS);
  return BLOCK_ROWS * Math.max(1, Math.min(MAX_BLOCK_ROWS / BLOCK_ROWS, units));
}

/**
 * Copies rows `r0 .. r0+rows` of the row-major `x` (`? x d`) transposed into `dst`
 * (`d x rows`, starting at `dstOff`).
 * @example transposeRows(x, 0, 128, d, scratch, 0)
 */
export function transposeRows(
  x: Float64Array,
  r0: number,
  rows: number,
  d: number,
  dst: Float64Array,
  dstOff: number,
): void {
  for (let i = 0; i < rows; i++) {
    const src = (r0 + i) * d;
    for (let f = 0, o = dstOff + i; f < d; f++, o += rows) dst[o] = x[src + f];
  }
}

/**
 * The row-block layout (see the module doc) of the row-major `n x d` matrix `x`.
 * @example const xb = toRowBlocks(Float64Array.of(1, 2, 3, 4), 2, 2); // [1, 3, 2, 4]
 */
export function toRowBlocks(x: Float64Array, n: number, d: number): Float64Array {
  const xb = new Float64Array(n * d);
  const b = blockRows(d);
  for (let r0 = 0; r0 < n; r0 += b) transposeRows(x, r0, Math.min(b, n - r0), d, xb, r0 * d);
  return xb;
}

/**
 * Copies row `i` of the row-block matrix `xb` (`n x d`) into `dst` at `dstOff`.
 * @example rowFromBlocks(xb, n, d, 5, centers, 0)
 */
export function rowFromBlocks(
  xb: Float64Array,
  n: number,
  d: number,
  i: number,
  dst: Float64Array,
  dstOff: number,
): void {
  const b = blockRows(d);
  const r0 = i - (i % b);
  const rows = Math.min(b, n - r0);
  for (let f = 0, o = r0 * d + (i - r0); f < d; f++, o += rows) dst[dstOff + f] = xb[o];
}

/**
 * The row-major `n x d` matrix held in row-block layout by `xb` (inverse of {@link toRowBlocks}).
 * @example fromRowBlocks(toRowBlocks(x, n, d), n, d) // equals x
 */
export function fromRowBlocks(xb: Float64Array, n: number, d: number): Float64Array {
  const x = new Float64Array(n * d);
  const b = blockRows(d);
  for (let r0 = 0; r0 < n; r0 += b) {
    const rows = Math.min(b, n - r0);
    for (let i = 0; i < rows; i++) {
      const dst = (r0 + i) * d;
      for (let f = 0, o = r0 * d + i; f < d; f++, o += rows) x[dst + f] = xb[o];
    }
  }
  return x;
}

/**
 * Weighted sum of squared distances of the rows of the row-block matrix `xb` to
 * their assigned centres: `kmeansInertia` for this layout, same summation order
 * (features in order within a row, rows in order), hence the same number.
 * @example inertiaOfBlocks(xb, n, d, sw, centers, labels)
 */
export function inertiaOfBlocks(
  xb: Float64Array,
  n: number,
  d: number,
  sw: Float64Array,
  centers: Float64Array,
  labels: Int32Array,
): number {
  let total = 0;
  const b = blockRows(d);
  for (let r0 = 0; r0 < n; r0 += b) {
    const rows = Math.min(b, n - r0);
    for (let i = 0; i < rows; i++) {
      const co = labels[r0 + i] * d;
      let s = 0;
      for (let f = 0, o = r0 * d + i; f < d; f++, o += rows) {
        const t = xb[o] - centers[co + f];
        s += t * t;
      }
      total += s * sw[r0 + i];
    }
  }
  return total;
}

/**
 * Column means of the row-major `x0` (`n x d`) and, in one further pass, the
 * centred data in row-block layout, optionally its row-major copy, the
 * squared norm of each centred row and the per-feature sums of squares.
 * The sums run in the same order as {@link centreColumns}-then-`rowSquaredNorms`
 * and `kmeansTolerance`, so the numbers are identical to theirs.
 * @example const { xb, norms, mean } = centredBlocks(x0, n, d, false);
 */
export function centredBlocks(
  x0: Float64Array,
  n: number,
  d: number,
  rowMajor: boolean,
): { xb: Float64Array; x: Float64Array | null; mean: Float64Array; norms: Float64Array; sumSquares: Float64Array } {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) mean[f] += x0[i * d + f];
  for (let f = 0; f < d; f++) mean[f] /= n;
  const xb = new Float64Array(n * d);
  const x = rowMajor ? new Float64Array(n * d) : null;
  const norms = new Float64Array(n);
  const ss = new Float64Array(d);
  const b = blockRows(d);
  for (let r0 = 0; r0 < n; r0 += b) {
    const rows = Math.min(b, n - r0);
    const off = r0 * d;
    for (let i = 0; i < rows; i++) {
      const src = (r0 + i) * d;
      let s = 0;
      for (let f = 0, o = off + i; f < d; f++, o += rows) {
        const t = x0[src + f] - mean[f];
        xb[o] = t;
        s += t * t;
        ss[f] += t * t;
      }
      norms[r0 + i] = s;
    }
    if (x !== null) {
      for (let i = r0 * d, end = (r0 + rows) * d, f = 0; i < end; i++) {
        x[i] = x0[i] - mean[f];
        if (++f === d) f = 0;
      }
    }
  }
  return { xb, x, mean, norms, sumSquares: ss };
}
