/**
 * Gradient/hessian histograms (scikit-learn's `HistogramBuilder`): for one
 * tree node and each allowed feature, the sum of gradients, the sum of
 * hessians and the sample count per bin. This is where boosting spends most
 * of its time, so the loops are written for it:
 *
 * - binned data is read row-major here (`rows[i * p + f]`, a copy of the
 *   column-major bins the partition uses): one sample's bins are one short
 *   contiguous read, and its gradient and hessian are read once for all
 *   features (measured faster than per-feature column scans with gathered
 *   gradients, for the root and even more for small nodes);
 * - a node's samples are a contiguous, sorted segment of one index array
 *   (the partition the grower maintains), so reads move forward in memory;
 * - features are unrolled four at a time;
 * - where WebAssembly SIMD is available, `histogram-kernel.ts` runs the same
 *   loop (same additions in the same order) and these functions remain the
 *   fallback and the reference it is tested against;
 * - with a constant hessian (unweighted squared/absolute/quantile loss) the
 *   hessian sums are skipped (the split finder uses the counts);
 * - a parent's histogram minus its smaller child's gives the larger child's
 *   (the subtraction trick), so only the smaller child is ever scanned.
 *
 * Layout: one Float64Array per node, `hist[(f * nBins + b) * 4 + {0: g, 1: h, 2: count}]`
 * with `nBins = maxBins + 1` (the last bin holds missing values); the 4th
 * slot is padding so a bin is found with a shift.
 */

/** Slots per bin in a histogram: gradient sum, hessian sum, count, padding. */
export const HIST_STRIDE = 4;

/**
 * Row-major copy of column-major bins (`binned[f * n + i]` → `rows[i * p + f]`),
 * into `out` when given (length `n * p`).
 * @example const rows = binnedRows(binned, n, p);
 */
export function binnedRows(binned: Uint8Array, n: number, p: number, out?: Uint8Array): Uint8Array {
  const rows = out ?? new Uint8Array(n * p);
  for (let f = 0; f < p; f++) {
    const c = f * n;
    for (let i = 0; i < n; i++) rows[i * p + f] = binned[c + i];
  }
  return rows;
}

/**
 * Builds the histograms of the samples `idx[start..end)` (or of samples
 * `0..end` in order when `idx` is null) into `hist`, which it zeroes first.
 * `rows` is the row-major bins (`p` per sample). `features` lists the
 * features to build, or is null for all of them. `hess` null means a
 * constant hessian: the hessian slots stay 0.
 * @example buildHistograms(hist, rows, p, 256, null, grad, null, null, 0, n)
 */
export function buildHistograms(
  hist: Float64Array,
  rows: Uint8Array,
  p: number,
  nBins: number,
  features: Int32Array | null,
  grad: Float64Array,
  hess: Float64Array | null,
  idx: Int32Array | null,
  start: number,
  end: number,
): void {
  const stride = nBins * HIST_STRIDE;
  if (features === null) hist.fill(0, 0, p * stride);
  else for (let j = 0; j < features.length; j++) hist.fill(0, features[j] * stride, (features[j] + 1) * stride);
  if (features !== null) accumulateSome(hist, rows, p, stride, features, grad, hess, idx, start, end);
  else if (hess === null) accumulateConstant(hist, rows, p, stride, grad, idx, start, end);
  else accumulate(hist, rows, p, stride, grad, hess, idx, start, end);
}

function accumulate(
  hist: Float64Array,
  rows: Uint8Array,
  p: number,
  stride: number,
  g: Float64Array,
  h: Float64Array,
  idx: Int32Array | null,
  start: number,
  end: number,
): void {
  const p4 = p - (p & 3);
  for (let k = start; k < end; k++) {
    const i = idx === null ? k : idx[k];
    const gi = g[i];
    const hi = h[i];
    const r = i * p;
    let f = 0;
    for (; f < p4; f += 4) {
      const o = f * stride;
      const b0 = o + (rows[r + f] << 2);
      const b1 = o + stride + (rows[r + f + 1] << 2);
      const b2 = o + 2 * stride + (rows[r + f + 2] << 2);
      const b3 = o + 3 * stride + (rows[r + f + 3] << 2);
      hist[b0] += gi;
      hist[b0 + 1] += hi;
      hist[b0 + 2] += 1;
      hist[b1] += gi;
      hist[b1 + 1] += hi;
      hist[b1 + 2] += 1;
      hist[b2] += gi;
      hist[b2 + 1] += hi;
      hist[b2 + 2] += 1;
      hist[b3] += gi;
      hist[b3 + 1] += hi;
      hist[b3 + 2] += 1;
    }
    for (; f < p; f++) {
      const b = f * stride + (rows[r + f] << 2);
      hist[b] += gi;
      hist[b + 1] += hi;
      hist[b + 2] += 1;
    }
  }
}

function accumulateConstant(
  hist: Float64Array,
  rows: Uint8Array,
  p: number,
  stride: number,
  g: Float64Array,
  idx: Int32Array | null,
  start: number,
  end: number,
): void {
  const p4 = p - (p & 3);
  for (let k = start; k < end; k++) {
    const i = idx === null ? k : idx[k];
    const gi = g[i];
    const r = i * p;
    let f = 0;
    for (; f < p4; f += 4) {
      const o = f * stride;
      const b0 = o + (rows[r + f] << 2);
      const b1 = o + stride + (rows[r + f + 1] << 2);
      const b2 = o + 2 * stride + (rows[r + f + 2] << 2);
      const b3 = o + 3 * stride + (rows[r + f + 3] << 2);
      hist[b0] += gi;
      hist[b0 + 2] += 1;
      hist[b1] += gi;
      hist[b1 + 2] += 1;
      hist[b2] += gi;
      hist[b2 + 2] += 1;
      hist[b3] += gi;
      hist[b3 + 2] += 1;
    }
    for (; f < p; f++) {
      const b = f * stride + (rows[r + f] << 2);
      hist[b] += gi;
      hist[b + 2] += 1;
    }
  }
}

/** The general path for a subset of features (interaction constraints). */
function accumulateSome(
  hist: Float64Array,
  rows: Uint8Array,
  p: number,
  stride: number,
  features: Int32Array,
  g: Float64Array,
  h: Float64Array | null,
  idx: Int32Array | null,
  start: number,
  end: number,
): void {
  const m = features.length;
  for (let k = start; k < end; k++) {
    const i = idx === null ? k : idx[k];
    const gi = g[i];
    const hi = h === null ? 0 : h[i];
    const r = i * p;
    for (let j = 0; j < m; j++) {
      const f = features[j];
      const b = f * stride + (rows[r + f] << 2);
      hist[b] += gi;
      hist[b + 1] += hi;
      hist[b + 2] += 1;
    }
  }
}

/**
 * `out = parent - child` for the listed features (null: all `p`): the
 * sibling's histograms without scanning its samples. `out` may be `parent`.
 * @example subtractHistograms(parentHist, smallHist, parentHist, null, 20, 256)
 */
export function subtractHistograms(
  parent: Float64Array,
  child: Float64Array,
  out: Float64Array,
  features: Int32Array | null,
  p: number,
  nBins: number,
): void {
  const stride = nBins * HIST_STRIDE;
  if (features === null) {
    const e = p * stride;
    for (let t = 0; t < e; t++) out[t] = parent[t] - child[t];
    return;
  }
  for (let j = 0; j < features.length; j++) {
    const s = features[j] * stride;
    const e = s + stride;
    for (let t = s; t < e; t++) out[t] = parent[t] - child[t];
  }
}
