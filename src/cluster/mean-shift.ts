/**
 * `MeanShift` and `estimateBandwidth`: scikit-learn 1.2's
 * `sklearn.cluster.MeanShift` with a flat kernel.
 *
 * As sklearn: every seed (the rows, the occupied bins of a grid of side
 * `bandwidth` with `binSeeding`, or given `seeds`) moves to the mean of the
 * rows within `bandwidth` until it moves less than `1e-3 * bandwidth` or
 * `maxIter` is reached; the end points, ordered by the number of rows around
 * them (then by coordinates, both descending), are kept unless within
 * `bandwidth` of a kept one; rows go to their nearest centre (or -1 beyond
 * `bandwidth` when `clusterAll` is false). Bin seeds are float32, as sklearn's.
 *
 * Differences: float64 only; the rows in a window are averaged in index order
 * (sklearn: in its tree's order), which can change the last bits of a centre.
 */
import { ValidationError } from '../base/errors.js';
import { BaseEstimator } from '../base/estimator.js';
import { interval, type ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import { checkArray } from '../base/validation.js';
import { TypelearnWarning, warn } from '../base/warnings.js';
import { checkRandomState, type RandomState } from '../tensor/random.js';
import { Tensor } from '../tensor/tensor.js';
import { int32State } from './cluster-utils.js';
import { kthNeighborDistance, radiusSearcher } from './neighbor-queries.js';

/** Options of {@link estimateBandwidth}. */
export interface EstimateBandwidthOptions {
  /** Fraction of the rows used as the neighbourhood size. Default 0.3. */
  quantile?: number;
  /** Use a random subset of this many rows; `null` for all. Default `null`. */
  nSamples?: number | null;
  /** Seed of the subset. Default 0. */
  randomState?: RandomState;
}

/**
 * sklearn's `estimate_bandwidth`: the mean, over the rows, of the distance to
 * the `⌊n · quantile⌋`-th nearest row (the row itself counted first).
 * @example estimateBandwidth([[0], [1], [2], [10]], { quantile: 0.5 }) // mean distance to the 2nd nearest
 */
export function estimateBandwidth(X: MatrixLike, options: EstimateBandwidthOptions = {}): number {
  const { quantile = 0.3, nSamples = null, randomState = 0 } = options;
  if (!(quantile >= 0 && quantile <= 1)) throw new ValidationError(`quantile must be in [0, 1], got ${quantile}`);
  const { X: xt } = checkArray(X, { estimatorName: 'estimateBandwidth' });
  let [n] = xt.shape;
  const d = xt.shape[1];
  let x = xt.data as Float64Array;
  if (nSamples !== null) {
    const perm = checkRandomState(randomState).permutation(n);
    const m = Math.min(nSamples, n);
    const sub = new Float64Array(m * d);
    for (let t = 0; t < m; t++) sub.set(x.subarray(perm[t] * d, perm[t] * d + d), t * d);
    x = sub;
    n = m;
  }
  const k = Math.max(1, Math.trunc(n * quantile));
  const kth = kthNeighborDistance(x, n, d, k);
  let total = 0;
  for (const v of kth) total += v;
  return total / n;
}

/** numpy's `np.round` (half to even) of one value. */
function roundHalfEven(v: number): number {
  let r = Math.round(v);
  if (r - v === 0.5 && r % 2 !== 0) r -= 1;
  return r;
}

/** sklearn's `get_bin_seeds`: occupied grid cells of side `binSize` with at least `minBinFreq` rows, as float32. */
export function binSeeds(x: Float64Array, n: number, d: number, binSize: number, minBinFreq: number): Float64Array {
  if (binSize === 0) return x;
  const counts = new Map<string, { cell: number[]; count: number }>();
  for (let i = 0; i < n; i++) {
    const cell: number[] = [];
    for (let f = 0; f < d; f++) cell.push(roundHalfEven(x[i * d + f] / binSize));
    const key = cell.join(',');
    const entry = counts.get(key);
    if (entry) entry.count++;
    else counts.set(key, { cell, count: 1 });
  }
  const kept = [...counts.values()].filter((e) => e.count >= minBinFreq);
  if (kept.length === n) {
    warn(new TypelearnWarning(`Binning data failed with provided bin_size=${binSize}, using data points as seeds.`));
    return x;
  }
  const size32 = Math.fround(binSize);
  const seeds = new Float64Array(kept.length * d);
  kept.forEach((e, s) => {
    for (let f = 0; f < d; f++) seeds[s * d + f] = Math.fround(Math.fround(e.cell[f]) * size32);
  });
  return seeds;
}

/** Options of {@link MeanShift}. */
export interface MeanShiftParams {
  /** Kernel radius; `null` estimates it with {@link estimateBandwidth}. Default `null`. */
  bandwidth: number | null;
  /** Starting points (`nSeeds x nFeatures`); `null` uses the rows or the bins. Default `null`. */
  seeds: readonly (readonly number[])[] | Tensor | null;
  /** Start from grid cells of side `bandwidth` instead of every row. Default false. */
  binSeeding: boolean;
  /** Fewest rows in a bin for it to seed. Default 1. */
  minBinFreq: number;
  /** Label every row (false: rows farther than `bandwidth` from every centre get -1). Default true. */
  clusterAll: boolean;
  /** Maximum iterations per seed. Default 300. */
  maxIter: number;
}

const DEFAULTS: MeanShiftParams = {
  bandwidth: null,
  seeds: null,
  binSeeding: false,
  minBinFreq: 1,
  clusterAll: true,
  maxIter: 300,
};

function compareDesc(a: Float64Array, b: Float64Array): number {
  for (let f = 0; f < a.length; f++) if (a[f] !== b[f]) return b[f] - a[f];
  return 0;
}

/**
 * Mean-shift clustering: finds the modes of the density of the rows.
 *
 * Fitted attributes: `clusterCenters`, `labels`, `nIter`, `bandwidthUsed`, `nFeaturesIn`.
 *
 * @example
 * import { MeanShift } from 'typelearn/cluster';
 * const X = [[1, 1], [2, 1], [1, 0], [4, 7], [3, 5], [3, 6]];
 * const ms = await new MeanShift({ bandwidth: 2 }).fit(X);
 * ms.labels;                       // Int32Array [1, 1, 1, 0, 0, 0]
 * ms.predict([[0, 0], [5, 5]]);    // Int32Array [1, 0]
 */
export class MeanShift extends BaseEstimator<MeanShiftParams> {
  static override readonly estimatorName = 'MeanShift';

  static override parameterConstraints: ParameterConstraints = {
    bandwidth: [interval('real', 0, null, 'neither'), null],
    seeds: ['arrayLike', null],
    binSeeding: ['boolean'],
    minBinFreq: [interval('int', 1, null, 'left')],
    clusterAll: ['boolean'],
    maxIter: [interval('int', 0, null, 'left')],
  };

  #centers?: Float64Array;
  #labels?: Int32Array;
  #nIter?: number;
  #bandwidth?: number;

  /** @param options - see {@link MeanShiftParams}. */
  constructor(options: Partial<MeanShiftParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'clusterer' };
  }

  protected fitImpl(X: MatrixLike, _y: Labels | undefined, opts: FitOptions): void {
    const { X: xt } = this.validateData(X, undefined, { reset: true });
    const [n, d] = xt.shape;
    const x = xt.data as Float64Array;
    const bandwidth = this.params.bandwidth ?? estimateBandwidth(xt);
    if (!(bandwidth > 0)) {
      throw new ValidationError(
        `The estimated bandwidth is ${bandwidth}: too many duplicate rows; pass a positive bandwidth.`,
        { param: 'bandwidth', got: bandwidth },
      );
    }
    let seeds: Float64Array;
    if (this.params.seeds !== null) {
      const { X: st } = checkArray(this.params.seeds as number[][], {
        name: 'seeds',
        estimatorName: this.estimatorName,
      });
      if (st.shape[1] !== d) {
        throw new ValidationError(`seeds have ${st.shape[1]} features, X has ${d}`, {
          param: 'seeds',
          expected: d,
          got: st.shape[1],
        });
      }
      seeds = st.data as Float64Array;
    } else seeds = this.params.binSeeding ? binSeeds(x, n, d, bandwidth, this.params.minBinFreq) : x;
    const nSeeds = seeds.length / d;
    const search = radiusSearcher(x, n, d);
    const stop = 1e-3 * bandwidth;
    const intensity = new Map<string, { center: Float64Array; count: number }>();
    let nIter = 0;
    const mean = new Float64Array(d);
    for (let s = 0; s < nSeeds; s++) {
      if ((s & 63) === 0) this.throwIfAborted(opts.signal);
      let current = seeds.slice(s * d, s * d + d);
      let count = 0;
      let done = 0;
      for (;;) {
        const within = search(current, 0, bandwidth);
        count = within.length;
        if (count === 0) break;
        mean.fill(0);
        for (const i of within) for (let f = 0; f < d; f++) mean[f] += x[i * d + f];
        let shift = 0;
        for (let f = 0; f < d; f++) {
          mean[f] /= count;
          shift += (mean[f] - current[f]) ** 2;
        }
        current = mean.slice();
        if (Math.sqrt(shift) < stop || done === this.params.maxIter) break;
        done++;
      }
      nIter = Math.max(nIter, done);
      if (count > 0) intensity.set(Array.from(current).join(','), { center: current, count });
    }
    if (intensity.size === 0) {
      throw new ValidationError(
        `No point was within bandwidth=${bandwidth} of any seed. Try a different seeding strategy or increase the bandwidth.`,
      );
    }
    const sorted = [...intensity.values()].sort((a, b) => b.count - a.count || compareDesc(a.center, b.center));
    const m = sorted.length;
    const unique = new Uint8Array(m).fill(1);
    const b2 = bandwidth * bandwidth;
    for (let i = 0; i < m; i++) {
      if (!unique[i]) continue;
      for (let j = 0; j < m; j++) {
        let s2 = 0;
        for (let f = 0; f < d; f++) s2 += (sorted[i].center[f] - sorted[j].center[f]) ** 2;
        if (s2 <= b2) unique[j] = 0;
      }
      unique[i] = 1;
    }
    const kept = sorted.filter((_, i) => unique[i]).map((e) => e.center);
    const centers = new Float64Array(kept.length * d);
    kept.forEach((c, j) => {
      centers.set(c, j * d);
    });
    this.#centers = centers;
    this.#bandwidth = bandwidth;
    this.#nIter = nIter;
    this.#labels = this.#nearest(x, n, d, this.params.clusterAll ? Number.POSITIVE_INFINITY : bandwidth);
  }

  /** Nearest centre of each row (lowest index on ties), -1 when farther than `limit`. */
  #nearest(x: Float64Array, n: number, d: number, limit: number): Int32Array {
    const centers = this.#centers as Float64Array;
    const k = centers.length / d;
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestD = Number.POSITIVE_INFINITY;
      for (let j = 0; j < k; j++) {
        let s = 0;
        for (let f = 0; f < d; f++) s += (x[i * d + f] - centers[j * d + f]) ** 2;
        if (s < bestD) {
          bestD = s;
          best = j;
        }
      }
      out[i] = Math.sqrt(bestD) <= limit ? best : -1;
    }
    return out;
  }

  /** The modes found, `nClusters x nFeatures` (sklearn's `cluster_centers_`). */
  get clusterCenters(): Tensor {
    const c = this.fitted('clusterCenters', this.#centers);
    return new Tensor(c.slice(), [c.length / this.nFeaturesIn, this.nFeaturesIn]);
  }

  /** Cluster of each training row (-1 for unassigned rows with `clusterAll: false`). */
  get labels(): Int32Array {
    return this.fitted('labels', this.#labels).slice();
  }

  /** Largest number of iterations over the seeds (sklearn's `n_iter_`). */
  get nIter(): number {
    return this.fitted('nIter', this.#nIter);
  }

  /** The bandwidth used (estimated when `bandwidth` is `null`). */
  get bandwidthUsed(): number {
    return this.fitted('bandwidthUsed', this.#bandwidth);
  }

  /**
   * Nearest centre of each row.
   * @example ms.predict([[0, 0]])
   */
  predict(X: MatrixLike): Int32Array {
    this.checkIsFitted();
    this.fitted('clusterCenters', this.#centers);
    const { X: xt } = this.validateData(X, undefined, { reset: false });
    return this.#nearest(xt.data as Float64Array, xt.shape[0], xt.shape[1], Number.POSITIVE_INFINITY);
  }

  /**
   * Fits, then returns the labels.
   * @example await new MeanShift().fitPredict(X)
   */
  async fitPredict(X: MatrixLike, y?: Labels, options?: FitOptions): Promise<Int32Array> {
    await this.fit(X, y, options);
    return this.labels;
  }

  protected getState(): Record<string, unknown> {
    return { centers: this.#centers, labels: this.#labels, nIter: this.#nIter, bandwidth: this.#bandwidth };
  }

  protected setState(state: Record<string, unknown>): void {
    const where = 'saved MeanShift';
    const r = new StateReader(state, where);
    this.#centers = r.float64Array('centers');
    this.#labels = int32State(state, 'labels', where);
    this.#nIter = r.number('nIter', { integer: true, min: 0 });
    this.#bandwidth = r.number('bandwidth', { min: 0 });
  }
}
