/**
 * Gram matrix `XᵀX` of a tall row-major matrix (BLAS `syrk`), optionally of
 * the column-centred `X - 1·meanᵀ` without forming the centred copy.
 *
 * Only the lower triangle is computed, in square blocks of at most 128
 * columns (each block product is one `gemm` on the kernel's direct path), then
 * mirrored: about half the flops of the full product. Rows are copied (and
 * centred, with a `mean`) a chunk at a time into a scratch buffer laid out as
 * contiguous column panels, so memory stays at one chunk instead of a second
 * `n x d` copy and the GEMM copies each panel in one piece.
 */
import { gemm } from '../tensor/kernels/gemm.js';

/** Options of {@link gramMatrix}. */
export interface GramOptions {
  /** Subtract this per-column mean (length `d`) from every row first. Default: none. */
  mean?: Float64Array;
  /** Rows per chunk. Default: about 8 MiB worth of rows. */
  chunkRows?: number;
}

/** Columns per triangle block: the GEMM kernel's direct path takes up to 128 x 128 outputs. */
const MAX_BLOCK = 128;
const CHUNK_BYTES = 8 * 1024 * 1024;

/** Width of the column blocks for `d` columns: at most 128, a multiple of 4 (the kernel's row tile). */
function blockWidth(d: number): number {
  const nb = Math.ceil(d / MAX_BLOCK);
  return Math.min(d, Math.ceil(Math.ceil(d / nb) / 4) * 4);
}

/**
 * Copies rows `r0 .. r0+rows` of `x` (minus `mean`) into `panels`: column block `j0`
 * (width `bj`) becomes a contiguous `rows x bj` panel at `rows * j0`, so the GEMM
 * copies each operand with one memcpy rather than one call per row.
 */
function fillPanels(
  x: Float64Array,
  r0: number,
  rows: number,
  d: number,
  b: number,
  mean: Float64Array | undefined,
  panels: Float64Array,
): void {
  for (let j0 = 0; j0 < d; j0 += b) {
    const bj = Math.min(b, d - j0);
    const base = rows * j0;
    for (let i = 0; i < rows; i++) {
      const src = (r0 + i) * d + j0;
      const dst = base + i * bj;
      if (mean === undefined) for (let f = 0; f < bj; f++) panels[dst + f] = x[src + f];
      else for (let f = 0; f < bj; f++) panels[dst + f] = x[src + f] - mean[j0 + f];
    }
  }
}

/** `c[lower] (+)= aᵀa` for one chunk held as column panels (see {@link fillPanels}), block by block. */
function lowerProduct(panels: Float64Array, rows: number, d: number, b: number, c: Float64Array, beta: number): void {
  for (let i0 = 0; i0 < d; i0 += b) {
    const bi = Math.min(b, d - i0);
    const pi = panels.subarray(rows * i0, rows * (i0 + bi));
    for (let j0 = 0; j0 <= i0; j0 += b) {
      const bj = Math.min(b, d - j0);
      const pj = panels.subarray(rows * j0, rows * (j0 + bj));
      gemm(true, false, bi, bj, rows, 1, pi, bi, pj, bj, beta, c.subarray(i0 * d + j0), d);
    }
  }
}

/**
 * `XᵀX` (`d x d`, row-major, full symmetric storage) of the row-major `n x d`
 * matrix `x`, or `(X - 1·meanᵀ)ᵀ(X - 1·meanᵀ)` when `options.mean` is given.
 * The rounding differs from a full `gemm(true, false, …)` only in the order
 * of the sums (blocked differently), not in accuracy.
 * @example
 * import { gramMatrix } from './gram.js';
 * gramMatrix(Float64Array.of(1, 2, 3, 4), 2, 2); // Float64Array [10, 14, 14, 20]
 * gramMatrix(Float64Array.of(1, 2, 3, 4), 2, 2, { mean: Float64Array.of(2, 3) }); // [2, 2, 2, 2]
 */
export function gramMatrix(x: Float64Array, n: number, d: number, options: GramOptions = {}): Float64Array {
  const c = new Float64Array(d * d);
  if (d === 0) return c;
  const { mean } = options;
  const b = blockWidth(d);
  const chunk = Math.max(1, Math.min(n, options.chunkRows ?? Math.floor(CHUNK_BYTES / (8 * d))));
  const panels = new Float64Array(chunk * d);
  for (let r0 = 0; r0 < n; r0 += chunk) {
    const rows = Math.min(chunk, n - r0);
    fillPanels(x, r0, rows, d, b, mean, panels);
    lowerProduct(panels, rows, d, b, c, r0 === 0 ? 0 : 1);
  }
  for (let i = 0; i < d; i++) for (let j = i + 1; j < d; j++) c[i * d + j] = c[j * d + i];
  return c;
}
