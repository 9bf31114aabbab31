/**
 * Feature binning for histogram gradient boosting (scikit-learn's `_BinMapper`):
 * each numeric feature is cut at up to `maxBins - 1` quantile edges (midpoints
 * between distinct values when there are few of them), each categorical
 * feature maps its known categories to consecutive bins, and NaN goes to a
 * dedicated last bin (index `maxBins`). Binned data is stored column-major as
 * bytes (`binned[f * n + i]`), so per-feature histogram scans stay in cache.
 */
import type { RandomGenerator } from '../../tensor/random.js';

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
 * The permutation sorting `values` ascending (NaN-free), by an LSD radix sort
 * on the IEEE-754 bits in six passes of 11/11/10 bits per 32-bit word; passes
 * whose digit is the same for every value are skipped. Linear time: binning
 * sorts every feature, where a comparison sort was the slowest step.
 * @example radixArgsort(Float64Array.of(3, -1, 2)) // Int32Array [1, 2, 0]
 */
export function radixArgsort(values: Float64Array): Int32Array {
  const n = values.length;
  const words = new Uint32Array(Float64Array.from(values).buffer);
  let lo = new Uint32Array(n);
  let hi = new Uint32Array(n);
  let idx = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let l = words[2 * i];
    let h = words[2 * i + 1];
    // Order-preserving map of doubles to unsigned integers: flip all bits of negatives, the sign bit of the rest.
    if (h & 0x80000000) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else h = (h | 0x80000000) >>> 0;
    lo[i] = l;
    hi[i] = h;
    idx[i] = i;
  }
  let lo2 = new Uint32Array(n);
  let hi2 = new Uint32Array(n);
  let idx2 = new Int32Array(n);
  const counts = new Int32Array(2048);
  const passes: [boolean, number, number][] = [
    [false, 0, 2047],
    [false, 11, 2047],
    [false, 22, 1023],
    [true, 0, 2047],
    [true, 11, 2047],
    [true, 22, 1023],
  ];
  for (const [useHi, shift, mask] of passes) {
    const key = useHi ? hi : lo;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(key[i] >>> shift) & mask]++;
    if (n === 0 || counts[(key[0] >>> shift) & mask] === n) continue;
    let sum = 0;
    for (let d = 0; d <= mask; d++) {
      const c = counts[d];
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const pos = counts[(key[i] >>> shift) & mask]++;
      lo2[pos] = lo[i];
      hi2[pos] = hi[i];
      idx2[pos] = idx[i];
    }
    [lo, lo2] = [lo2, lo];
    [hi, hi2] = [hi2, hi];
    [idx, idx2] = [idx2, idx];
  }
  return idx;
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
  for (let f = 0; f < p; f++) {
    const out = f * n;
    if (isCategorical[f]) {
      const cats = knownCategories(X, n, p, f, maxBins);
      thresholds.push(cats);
      nBinsNonMissing[f] = cats.length;
      continue;
    }
    let m = 0;
    for (let i = 0; i < n; i++) {
      const v = X[i * p + f];
      if (!Number.isNaN(v)) {
        values[m] = v;
        rowOf[m++] = i;
      } else {
        binned[out + i] = maxBins;
        hasMissing[f] = 1;
      }
    }
    const order = radixArgsort(values.subarray(0, m));
    const sorted = new Float64Array(m);
    for (let k = 0; k < m; k++) sorted[k] = values[order[k]];
    const edges = thresholdsFromSorted(sorted, maxBins);
    thresholds.push(edges);
    nBinsNonMissing[f] = edges.length + 1;
    let e = 0;
    for (let k = 0; k < m; k++) {
      const v = sorted[k];
      while (e < edges.length && v > edges[e]) e++;
      binned[out + rowOf[order[k]]] = e;
    }
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
