/**
 * Feature binning for histogram gradient boosting (scikit-learn's `_BinMapper`):
 * each numeric feature is cut at up to `maxBins - 1` quantile edges (midpoints
 * between distinct values when there are few of them), each categorical
 * feature maps its known categories to consecutive bins, and NaN goes to a
 * dedicated last bin (index `maxBins`). Binned data is stored column-major as
 * bytes (`binned[f * n + i]`), so per-feature histogram scans stay in cache.
 */
import type { RandomGenerator } from '../../tensor/random.js';
import { radixArgsort, radixScratch } from './radix-argsort.js';

/** Above this magnitude edges are clipped, as sklearn's `ALMOST_INF`. */
const ALMOST_INF = 1e300;

/** The fitted binning of every feature. */
export interface BinMapper {
  /** Bins for non-missing values per feature at most; the missing-value bin has index `maxBins`. */
  readonly maxBins: number;
  /**
   * Per feature: numeric → the sorted bin edges (`x <= edges[b]` is bin `b` or lower);
   * categorical → the sorted known categories (bin `b` holds category `edges[b]`).
   */
  readonly thresholds: Float64Array[];
  /** Number of bins used by non-missing values, per feature. */
  readonly nBinsNonMissing: Int32Array;
  /** 1 where the feature is categorical. */
  readonly isCategorical: Uint8Array;
}

/** Options of {@link fitBinMapper}. */
export interface FitBinMapperOptions {
  /** Maximum number of bins for non-missing values (2..255). Default 255. */
  maxBins?: number;
  /** 1 per categorical feature. Default: all numeric. */
  isCategorical?: Uint8Array;
  /** Edges are computed on at most this many random rows (sklearn's `subsample=2e5`). Default 200000. */
  subsample?: number;
  /** Draws the subsample; required when there are more rows than `subsample`. */
  rng?: RandomGenerator;
}

/**
 * numpy's `percentile(sorted, q, method='midpoint')` on sorted values: the
 * lower order statistic when the virtual index `(n - 1)·q/100` is whole, else
 * the mean of the two around it (numpy's lerp form, `b - (b - a)·0.5`).
 */
function midpointPercentile(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  const index = (n - 1) * (q / 100);
  const lo = Math.floor(index);
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo];
  if (index === lo) return a;
  const b = sorted[hi];
  return b - (b - a) * 0.5;
}

/**
 * Bin edges from sorted non-missing values (sklearn's
 * `_find_binning_thresholds`): midpoints between consecutive distinct values
 * when there are at most `maxBins` of them, else the midpoint-method
 * percentiles at `100·k/maxBins`, `k = 1..maxBins-1`. Edges are clipped to 1e300.
 * @example thresholdsFromSorted(Float64Array.of(1, 2, 2, 5), 255) // Float64Array [1.5, 3.5]
 */
export function thresholdsFromSorted(sorted: Float64Array, maxBins: number): Float64Array {
  let distinct = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
  let edges: Float64Array;
  if (distinct <= maxBins) {
    const unique = new Float64Array(distinct);
    let k = 0;
    for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) unique[k++] = sorted[i];
    edges = new Float64Array(Math.max(distinct - 1, 0));
    for (let j = 0; j < edges.length; j++) edges[j] = (unique[j] + unique[j + 1]) * 0.5;
  } else {
    edges = new Float64Array(maxBins - 1);
    // numpy.linspace(0, 100, maxBins + 1)[1:-1]: k * (100 / maxBins).
    const step = 100 / maxBins;
    for (let j = 0; j < edges.length; j++) edges[j] = midpointPercentile(sorted, (j + 1) * step);
  }
  for (let j = 0; j < edges.length; j++) if (edges[j] > ALMOST_INF) edges[j] = ALMOST_INF;
  return edges;
}

/**
 * Bin edges of one numeric feature from its (unsorted) non-missing values; see {@link thresholdsFromSorted}.
 * @example findBinThresholds(Float64Array.of(5, 1, 2, 2), 255) // Float64Array [1.5, 3.5]
 */
export function findBinThresholds(values: Float64Array, maxBins: number): Float64Array {
  const order = radixArgsort(values);
  const sorted = new Float64Array(values.length);
  for (let k = 0; k < order.length; k++) sorted[k] = values[order[k]];
  return thresholdsFromSorted(sorted, maxBins);
}

/** Whether a categorical value counts as missing (NaN or negative, as sklearn). */
export function isMissingCategory(v: number): boolean {
  return !(v >= 0);
}

/** The sorted distinct categories (non-negative integer codes below `maxBins`) of feature `f`. */
function knownCategories(X: Float64Array, n: number, p: number, f: number, maxBins: number): Float64Array {
  const seen = new Uint8Array(maxBins);
  for (let i = 0; i < n; i++) {
    const v = X[i * p + f];
    if (!isMissingCategory(v)) seen[v] = 1;
  }
  const cats: number[] = [];
  for (let c = 0; c < maxBins; c++) if (seen[c]) cats.push(c);
  return Float64Array.from(cats);
}

/**
 * Fits the binning of the `n × p` row-major matrix `X` (NaN = missing).
 * Categorical features keep every category seen (on all rows, not the
 * subsample); their values must already be checked to be integers in
 * `[0, maxBins)` (see `resolveCategorical`).
 * @example
 * const mapper = fitBinMapper(Float64Array.of(1, 2, 3, 4), 4, 1);
 * mapper.thresholds[0]; // Float64Array [1.5, 2.5, 3.5]
 */
export function fitBinMapper(X: Float64Array, n: number, p: number, options: FitBinMapperOptions = {}): BinMapper {
  const { maxBins = 255, subsample = 200000, rng } = options;
  const isCategorical = options.isCategorical ?? new Uint8Array(p);
  let rows: Int32Array | undefined;
  if (n > subsample) {
    if (!rng) throw new RangeError('fitBinMapper: an rng is needed to subsample rows');
    rows = rng.choice(n, { size: subsample, replace: false });
  }
  const thresholds: Float64Array[] = [];
  const nBinsNonMissing = new Int32Array(p);
  const column = new Float64Array(rows ? rows.length : n);
  for (let f = 0; f < p; f++) {
    if (isCategorical[f]) {
      const cats = knownCategories(X, n, p, f, maxBins);
      thresholds.push(cats);
      nBinsNonMissing[f] = cats.length;
      continue;
    }
    let m = 0;
    if (rows) {
      for (let k = 0; k < rows.length; k++) {
        const v = X[rows[k] * p + f];
        if (!Number.isNaN(v)) column[m++] = v;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const v = X[i * p + f];
        if (!Number.isNaN(v)) column[m++] = v;
      }
    }
    const edges = findBinThresholds(column.subarray(0, m), maxBins);
    thresholds.push(edges);
    nBinsNonMissing[f] = edges.length + 1;
  }
  return { maxBins, thresholds, nBinsNonMissing, isCategorical: Uint8Array.from(isCategorical) };
}

/** The binned data: column-major bytes plus which features had missing values. */
export interface BinnedData {
  /** `binned[f * n + i]`: the bin of sample `i`, feature `f` (`maxBins` for missing). */
  readonly binned: Uint8Array;
  /** 1 where the feature had at least one missing value. */
  readonly hasMissing: Uint8Array;
}

/**
 * Maps the `n × p` row-major `X` to bins with a fitted mapper (sklearn's
 * `_map_to_bins`): numeric `x` goes to the number of edges below it, NaN to
 * the missing bin; a categorical value to its category's bin (an unknown or
 * negative category to the missing bin).
 * @example binData(mapper, Float64Array.of(1, NaN), 2, 1).binned // Uint8Array [0, 255]
 */
export function binData(mapper: BinMapper, X: Float64Array, n: number, p: number): BinnedData {
  const binned = new Uint8Array(n * p);
  const hasMissing = new Uint8Array(p);
  const missingBin = mapper.maxBins;
  const lookup = new Uint8Array(mapper.maxBins);
  for (let f = 0; f < p; f++) {
    const edges = mapper.thresholds[f];
    const out = f * n;
    let missing = 0;
    if (mapper.isCategorical[f]) {
      lookup.fill(missingBin);
      for (let b = 0; b < edges.length; b++) lookup[edges[b]] = b;
      for (let i = 0; i < n; i++) {
        const v = X[i * p + f];
        const b = v >= 0 && v < missingBin ? lookup[v | 0] : missingBin;
        binned[out + i] = b;
        if (b === missingBin) missing = 1;
      }
    } else {
      const m = edges.length;
      for (let i = 0; i < n; i++) {
        const v = X[i * p + f];
        if (Number.isNaN(v)) {
          binned[out + i] = missingBin;
          missing = 1;
          continue;
        }
        let lo = 0;
        let hi = m;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (v <= edges[mid]) hi = mid;
          else lo = mid + 1;
        }
        binned[out + i] = lo;
      }
    }
    hasMissing[f] = missing;
  }
  return { binned, hasMissing };
}

/**
 * {@link binData} laid out row-major (`rows[i * p + f]`), for walking trees
 * row by row (see `BinnedTree`).
 * @example binRows(mapper, Float64Array.of(1, NaN), 1, 2) // Uint8Array [bin of 1, 255]
 */
export function binRows(mapper: BinMapper, X: Float64Array, n: number, p: number): Uint8Array {
  const { binned } = binData(mapper, X, n, p);
  const rows = new Uint8Array(n * p);
  for (let f = 0; f < p; f++) {
    const c = f * n;
    for (let i = 0; i < n; i++) rows[i * p + f] = binned[c + i];
  }
  return rows;
}

// The steps of fitTransformBins are separate small functions: it runs once
// per fit, and V8 optimises a small hot function at once but keeps
// deoptimising a large one at each loop that has not run yet.

/** The numeric columns of the row-major `X`, column-major, copied by blocks of rows (one pass over X rather than one per feature). */
function numericColumns(X: Float64Array, n: number, p: number, isCategorical: Uint8Array): Float64Array {
  const features: number[] = [];
  for (let f = 0; f < p; f++) if (!isCategorical[f]) features.push(f);
  const q = features.length;
  const cols = new Float64Array(n * q);
  const feats = Int32Array.from(features);
  const BLOCK = 256;
  for (let i0 = 0; i0 < n; i0 += BLOCK) transposeBlock(X, p, cols, n, feats, i0, Math.min(n, i0 + BLOCK));
  return cols;
}

function transposeBlock(
  X: Float64Array,
  p: number,
  cols: Float64Array,
  n: number,
  feats: Int32Array,
  start: number,
  end: number,
): void {
  for (let c = 0; c < feats.length; c++) {
    const f = feats[c];
    const o = c * n;
    for (let i = start; i < end; i++) cols[o + i] = X[i * p + f];
  }
}

/** Copies the non-NaN values of `column` to `values` (their rows to `rowOf`), marks NaN rows missing in `binned`; returns the count. */
function nonMissing(
  column: Float64Array,
  values: Float64Array,
  rowOf: Int32Array,
  binned: Uint8Array,
  out: number,
  missingBin: number,
): number {
  let m = 0;
  for (let i = 0; i < column.length; i++) {
    const v = column[i];
    if (!Number.isNaN(v)) {
      values[m] = v;
      rowOf[m++] = i;
    } else binned[out + i] = missingBin;
  }
  return m;
}

function gather(values: Float64Array, order: Int32Array, sorted: Float64Array, m: number): void {
  for (let k = 0; k < m; k++) sorted[k] = values[order[k]];
}

/** Bins along the sorted order: value `sorted[k]` (row `rowOf[order[k]]`, or `order[k]` when null) gets the number of edges below it. */
function sweepBins(
  sorted: Float64Array,
  order: Int32Array,
  rowOf: Int32Array | null,
  edges: Float64Array,
  binned: Uint8Array,
  out: number,
  m: number,
): void {
  const nEdges = edges.length;
  let e = 0;
  if (rowOf === null) {
    for (let k = 0; k < m; k++) {
      const v = sorted[k];
      while (e < nEdges && v > edges[e]) e++;
      binned[out + order[k]] = e;
    }
  } else {
    for (let k = 0; k < m; k++) {
      const v = sorted[k];
      while (e < nEdges && v > edges[e]) e++;
      binned[out + rowOf[order[k]]] = e;
    }
  }
}

/**
 * {@link fitBinMapper} then {@link binData} on the same rows, faster: without
 * subsampling, each numeric column is sorted once and both its edges and its
 * bins (a sweep along the sorted order) come from that sort.
 * @example const { mapper, binned, hasMissing } = fitTransformBins(X, n, p, { maxBins: 255 });
 */
export function fitTransformBins(
  X: Float64Array,
  n: number,
  p: number,
  options: FitBinMapperOptions = {},
): { mapper: BinMapper } & BinnedData {
  const { maxBins = 255, subsample = 200000 } = options;
  if (n > subsample) {
    const mapper = fitBinMapper(X, n, p, options);
    return { mapper, ...binData(mapper, X, n, p) };
  }
  const isCategorical = Uint8Array.from(options.isCategorical ?? new Uint8Array(p));
  const thresholds: Float64Array[] = [];
  const nBinsNonMissing = new Int32Array(p);
  const binned = new Uint8Array(n * p);
  const hasMissing = new Uint8Array(p);
  const values = new Float64Array(n);
  const rowOf = new Int32Array(n);
  const sortedAll = new Float64Array(n);
  const scratch = radixScratch(n);
  const columns = numericColumns(X, n, p, isCategorical);
  for (let f = 0, c = 0; f < p; f++) {
    const out = f * n;
    if (isCategorical[f]) {
      const cats = knownCategories(X, n, p, f, maxBins);
      thresholds.push(cats);
      nBinsNonMissing[f] = cats.length;
      continue;
    }
    const column = columns.subarray(c * n, (c + 1) * n);
    c++;
    const m = nonMissing(column, values, rowOf, binned, out, maxBins);
    if (m < n) hasMissing[f] = 1;
    const order = radixArgsort(values.subarray(0, m), scratch);
    const sorted = sortedAll.subarray(0, m);
    gather(values, order, sorted, m);
    const edges = thresholdsFromSorted(sorted, maxBins);
    thresholds.push(edges);
    nBinsNonMissing[f] = edges.length + 1;
    // Without missing values row k of the column is value k: no indirection.
    sweepBins(sorted, order, m < n ? rowOf : null, edges, binned, out, m);
  }
  const mapper: BinMapper = { maxBins, thresholds, nBinsNonMissing, isCategorical };
  // Categorical columns are binned by lookup, as binData does.
  if (isCategorical.some((c) => c === 1)) {
    const binnedCat = binData(mapper, X, n, p);
    for (let f = 0; f < p; f++) {
      if (!isCategorical[f]) continue;
      binned.set(binnedCat.binned.subarray(f * n, (f + 1) * n), f * n);
      hasMissing[f] = binnedCat.hasMissing[f];
    }
  }
  return { mapper, binned, hasMissing };
}
