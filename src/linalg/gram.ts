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

/** Bytes per chunk of the shifted pass of {@link centredGram} for narrow rows: about 256 KiB, still in L2 when the GEMM reads it. */
const SHIFTED_CHUNK_BYTES = 256 * 1024;
/** Rows used to choose the route of {@link centredGram} (and averaged for its shift). */
const SAMPLE_ROWS = 64;
/**
 * A column whose uncentred (or shifted) sum of squares exceeds its centred one by
 * more than this factor loses more than 4 bits to the correction `S·Sᵀ/n`; such
 * data take a route with a better shift (finally the exact two-pass product).
 */
const MAX_CANCELLATION = 16;
/** Rows of ones per call of the column-sum GEMM in {@link centredGram}. */
const SUM_ROWS = 4096;

/** Result of {@link centredGram}. */
export interface CentredGram {
  /** Column means (length `d`). */
  mean: Float64Array;
  /** `(X - 1·meanᵀ)ᵀ(X - 1·meanᵀ)`, `d x d` row-major, full symmetric storage. */
  gram: Float64Array;
}

/**
 * `c[lower] -= S·Sᵀ/n` then mirrored, unless some column's `c[f, f]` would shrink by
 * more than {@link MAX_CANCELLATION} (returns false, `c` untouched).
 */
function correctGram(c: Float64Array, d: number, n: number, sums: Float64Array): boolean {
  for (let f = 0; f < d; f++) {
    const g = c[f * d + f];
    if (g - (sums[f] * sums[f]) / n < g / MAX_CANCELLATION) return false;
  }
  for (let i = 0; i < d; i++) {
    const si = sums[i] / n;
    for (let j = 0; j <= i; j++) c[i * d + j] -= si * sums[j];
  }
  for (let i = 0; i < d; i++) for (let j = i + 1; j < d; j++) c[i * d + j] = c[j * d + i];
  return true;
}

/**
 * Whether the first rows say the uncentred product is accurate enough: for each
 * column, their sum of squares is within {@link MAX_CANCELLATION} of their centred one.
 * Also leaves the first rows' column means in `shift`.
 */
function sampleAllowsRaw(x: Float64Array, n: number, d: number, shift: Float64Array): boolean {
  const s0 = Math.min(n, SAMPLE_ROWS);
  for (let i = 0; i < s0; i++) for (let f = 0; f < d; f++) shift[f] += x[i * d + f];
  for (let f = 0; f < d; f++) shift[f] /= s0;
  let ok = true;
  for (let f = 0; f < d; f++) {
    let raw = 0;
    let cen = 0;
    for (let i = 0; i < s0; i++) {
      const v = x[i * d + f];
      raw += v * v;
      cen += (v - shift[f]) ** 2;
    }
    if (raw > MAX_CANCELLATION * cen) ok = false;
  }
  return ok;
}

/**
 * The uncentred `XᵀX` (lower triangle) and the column sums straight from `x`: two
 * GEMMs that copy the rows into the kernel with one memcpy per block (the
 * sums multiply by a `rows x 4` block of ones), so JavaScript never touches the
 * elements. Only for `d <= 128` (one GEMM block).
 */
function rawProducts(x: Float64Array, n: number, d: number, c: Float64Array, sums: Float64Array): void {
  gemm(true, false, d, d, n, 1, x, d, x, d, 0, c, d);
  const ones = new Float64Array(Math.min(n, SUM_ROWS) * 4).fill(1);
  const s4 = new Float64Array(4 * d);
  for (let r0 = 0; r0 < n; r0 += SUM_ROWS) {
    const rows = Math.min(SUM_ROWS, n - r0);
    gemm(true, false, 4, d, rows, 1, ones, 4, x.subarray(r0 * d), d, r0 === 0 ? 0 : 1, s4, d);
  }
  sums.set(s4.subarray(0, d));
}

/**
 * `(X - s)ᵀ(X - s)` (lower triangle) and `Σ (x_i - s)` for the shift `s`, plus the
 * plain column sums in `colSums`: one pass that copies shifted rows a chunk at a
 * time into column panels for {@link lowerProduct}.
 */
function shiftedProducts(
  x: Float64Array,
  n: number,
  d: number,
  shift: Float64Array,
  c: Float64Array,
  sums: Float64Array,
  colSums: Float64Array,
): void {
  const b = blockWidth(d);
  // Deep enough for the GEMM to amortise loading C (at least 1,024 rows) when rows are wide.
  const chunk = Math.min(n, Math.max(1024, Math.floor(SHIFTED_CHUNK_BYTES / (8 * d))));
  const panels = new Float64Array(chunk * d);
  for (let r0 = 0; r0 < n; r0 += chunk) {
    const rows = Math.min(chunk, n - r0);
    for (let j0 = 0; j0 < d; j0 += b) {
      const bj = Math.min(b, d - j0);
      const base = rows * j0;
      for (let i = 0; i < rows; i++) {
        const src = (r0 + i) * d + j0;
        const dst = base + i * bj;
        for (let f = 0; f < bj; f++) {
          const v = x[src + f];
          colSums[j0 + f] += v;
          const t = v - shift[j0 + f];
          sums[j0 + f] += t;
          panels[dst + f] = t;
        }
      }
    }
    lowerProduct(panels, rows, d, b, c, r0 === 0 ? 0 : 1);
  }
}

/**
 * Column means and the centred Gram matrix of the row-major `n x d` `x` in one pass
 * over the data (instead of one for the mean and one for the product), as
 * `XcᵀXc = (X - s)ᵀ(X - s) - S·Sᵀ/n` with `S = Σ (x_i - s)`:
 * - `s = 0` when the first 64 rows show no column whose mean is large against its
 *   spread and `d <= 128`: the products come straight from `x` by GEMM (fastest);
 * - otherwise `s` = the mean of the first 64 rows, the shifted rows copied a chunk at
 *   a time (no `n x d` copy).
 * The correction keeps full accuracy while it is small against the result; when a
 * column would lose more than 4 bits to it (its shifted sum of squares over 16 times
 * its centred one) the next route is taken, finally the exact two-pass product
 * ({@link gramMatrix} with `mean`). Agrees with `gramMatrix(x, n, d, { mean })` to rounding.
 * @example
 * import { centredGram } from './gram.js';
 * centredGram(Float64Array.of(1, 2, 3, 4), 2, 2); // { mean: [2, 3], gram: [2, 2, 2, 2] }
 */
export function centredGram(x: Float64Array, n: number, d: number): CentredGram {
  const mean = new Float64Array(d);
  const c = new Float64Array(d * d);
  if (d === 0) return { mean, gram: c };
  if (n === 0) return { mean: mean.fill(Number.NaN), gram: c };
  const shift = new Float64Array(d);
  const sums = new Float64Array(d);
  if (sampleAllowsRaw(x, n, d, shift) && d <= MAX_BLOCK) {
    rawProducts(x, n, d, c, sums);
    for (let f = 0; f < d; f++) mean[f] = sums[f] / n;
    if (correctGram(c, d, n, sums)) return { mean, gram: c };
    sums.fill(0);
    mean.fill(0);
  }
  shiftedProducts(x, n, d, shift, c, sums, mean);
  for (let f = 0; f < d; f++) mean[f] /= n;
  if (correctGram(c, d, n, sums)) return { mean, gram: c };
  return { mean, gram: gramMatrix(x, n, d, { mean }) };
}
