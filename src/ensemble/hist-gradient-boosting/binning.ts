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
 * Work buffers of {@link radixArgsort} for up to `capacity` values, reused
 * across calls (binning sorts every feature; fresh large typed arrays per
 * call cost page faults).
 * @example const scratch = radixScratch(n); radixArgsort(values, scratch);
 */
export interface RadixScratch {
  capacity: number;
  buffers: [Uint32Array, Int32Array, Uint32Array, Int32Array];
}

/**
 * Scratch for {@link radixArgsort} on up to `capacity` values.
 * @example const scratch = radixScratch(1000);
 */
export function radixScratch(capacity: number): RadixScratch {
  return {
    capacity,
    buffers: [new Uint32Array(capacity), new Int32Array(capacity), new Uint32Array(capacity), new Int32Array(capacity)],
  };
}

/** Order-preserving map of a double's high word to an unsigned integer: flip all bits of negatives, the sign bit of the rest. */
const mapHigh = (h: number) => (h & 0x80000000 ? ~h >>> 0 : (h | 0x80000000) >>> 0);

/** Runs longer than this are radix-sorted rather than insertion-sorted. */
const INSERTION_RUN = 32;

/**
 * Stable sort of `idx[a..b)`, whose values share one mapped high word, by
 * their mapped low words. `hi[a..b)` is free to overwrite; `key2`/`idx2`
 * hold at least `b - a` entries.
 */
function sortRunByLow(
  words: Uint32Array,
  hi: Uint32Array,
  idx: Int32Array,
  key2: Uint32Array,
  idx2: Int32Array,
  a: number,
  b: number,
  counts: Int32Array,
): void {
  // Negative values (mapped high word below 2^31) order their low words reversed.
  const flip = hi[a] < 0x80000000 ? 0xffffffff : 0;
  if (b - a <= INSERTION_RUN) {
    for (let k = a + 1; k < b; k++) {
      const i = idx[k];
      const l = (words[2 * i] ^ flip) >>> 0;
      let j = k - 1;
      while (j >= a && (words[2 * idx[j]] ^ flip) >>> 0 > l) {
        idx[j + 1] = idx[j];
        j--;
      }
      idx[j + 1] = i;
    }
    return;
  }
  const m = b - a;
  let key = hi.subarray(a, b);
  let ids = idx.subarray(a, b);
  let keyOut = key2.subarray(0, m);
  let idsOut = idx2.subarray(0, m);
  for (let t = 0; t < m; t++) key[t] = (words[2 * ids[t]] ^ flip) >>> 0;
  for (let pass = 0; pass < 3; pass++) {
    const shift = 11 * pass;
    const mask = pass === 2 ? 1023 : 2047;
    counts.fill(0);
    for (let t = 0; t < m; t++) counts[(key[t] >>> shift) & mask]++;
    if (counts[(key[0] >>> shift) & mask] === m) continue;
    let sum = 0;
    for (let d = 0; d <= mask; d++) {
      const c = counts[d];
      counts[d] = sum;
      sum += c;
    }
    for (let t = 0; t < m; t++) {
      const k = key[t];
      const pos = counts[(k >>> shift) & mask]++;
      keyOut[pos] = k;
      idsOut[pos] = ids[t];
    }
    [key, keyOut] = [keyOut, key];
    [ids, idsOut] = [idsOut, ids];
  }
  if (ids.buffer !== idx.buffer || ids.byteOffset !== idx.byteOffset + 4 * a) idx.set(ids, a);
}

/**
 * The permutation sorting `values` ascending (NaN-free; -0 before +0, equal
 * values in index order), by an LSD radix sort on the high 32 bits of the
 * IEEE-754 value (order-preserving map; three passes of 11/11/10 bits,
 * passes whose digit is the same for every value skipped), then an
 * insertion sort on the low 32 bits inside the rare runs of equal high
 * words. Linear time: binning sorts every feature, where a comparison sort
 * was the slowest step. With `scratch` (capacity at least `values.length`)
 * nothing is allocated and the result is a view into the scratch, valid
 * until its next use.
 * @example radixArgsort(Float64Array.of(3, -1, 2)) // Int32Array [1, 2, 0]
 */
export function radixArgsort(values: Float64Array, scratch?: RadixScratch): Int32Array {
  const n = values.length;
  const work = scratch && scratch.capacity >= n ? scratch : radixScratch(n);
  let [hi, idx, hi2, idx2] = work.buffers;
  // The IEEE-754 words, read in place (a float64 view is always 8-byte aligned).
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  loadKeys(words, hi, idx, n);
  const counts = new Int32Array(2048);
  for (let pass = 0; pass < 3; pass++) {
    const shift = 11 * pass;
    const mask = pass === 2 ? 1023 : 2047;
    if (!countDigit(hi, n, counts, shift, mask)) continue;
    scatterDigit(hi, idx, hi2, idx2, n, counts, shift, mask);
    const h = hi;
    hi = hi2;
    hi2 = h;
    const i = idx;
    idx = idx2;
    idx2 = i;
  }
  sortRuns(words, hi, idx, hi2, idx2, n, counts);
  return idx.subarray(0, n);
}

// The passes of radixArgsort are separate small functions: V8 optimises
// each once hot, where one large function (run once per feature) keeps
// deoptimising at every loop that has not run yet.

function loadKeys(words: Uint32Array, hi: Uint32Array, idx: Int32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    hi[i] = mapHigh(words[2 * i + 1]);
    idx[i] = i;
  }
}

/** Histogram of the digit `(key >>> shift) & mask` turned into offsets; false when every key has the same digit (pass not needed). */
function countDigit(hi: Uint32Array, n: number, counts: Int32Array, shift: number, mask: number): boolean {
  counts.fill(0);
  for (let i = 0; i < n; i++) counts[(hi[i] >>> shift) & mask]++;
  if (n === 0 || counts[(hi[0] >>> shift) & mask] === n) return false;
  let sum = 0;
  for (let d = 0; d <= mask; d++) {
    const c = counts[d];
    counts[d] = sum;
    sum += c;
  }
  return true;
}

/** One stable counting-sort pass from (`hi`, `idx`) to (`hi2`, `idx2`). */
function scatterDigit(
  hi: Uint32Array,
  idx: Int32Array,
  hi2: Uint32Array,
  idx2: Int32Array,
  n: number,
  counts: Int32Array,
  shift: number,
  mask: number,
): void {
  for (let i = 0; i < n; i++) {
    const h = hi[i];
    const pos = counts[(h >>> shift) & mask]++;
    hi2[pos] = h;
    idx2[pos] = idx[i];
  }
}

/** Runs of equal high words, sorted on the mapped low words (stable). */
function sortRuns(
  words: Uint32Array,
  hi: Uint32Array,
  idx: Int32Array,
  hi2: Uint32Array,
  idx2: Int32Array,
  n: number,
  counts: Int32Array,
): void {
  for (let a = 0; a < n; ) {
    let b = a + 1;
    while (b < n && hi[b] === hi[a]) b++;
    if (b - a > 1) sortRunByLow(words, hi, idx, hi2, idx2, a, b, counts);
    a = b;
  }
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
