/**
 * `DBSCAN`: scikit-learn's `sklearn.cluster.DBSCAN`: core points have at
 * least `minSamples` (weighted) points within `eps` (themselves included);
 * clusters grow from core points in index order by depth-first search as
 * sklearn's `dbscan_inner`, so labels match sklearn's.
 *
 * Neighbourhoods (`distance <= eps`, distances computed exactly, difference by
 * difference) come from a KD-tree or ball tree of `typelearn/neighbors`
 * (`algorithm`, `leafSize`), or from a brute-force search; every method gives
 * the same neighbourhoods, hence the same labels. `'auto'` follows sklearn:
 * brute force above 15 features or for cosine, else a KD-tree.
 */
import { ValidationError } from '../base/errors.js';
import { BaseEstimator } from '../base/estimator.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import { checkSampleWeight } from '../base/validation.js';
import { METRIC_NAMES, type NeighborsMetricName } from '../neighbors/metric.js';
import type { NeighborsAlgorithm } from '../neighbors/neighbors-base.js';
import { Tensor } from '../tensor/tensor.js';
import { int32State } from './cluster-utils.js';
import { radiusGraph } from './neighbor-queries.js';

/** Options of {@link DBSCAN}. */
export interface DBSCANParams {
  /** Neighbourhood radius. Default 0.5. */
  eps: number;
  /** Points (or total weight) within `eps` for a core point, itself included. Default 5. */
  minSamples: number;
  /** Distance. Default `'euclidean'`. */
  metric: NeighborsMetricName;
  /** Neighbour search: `'auto'` (default), `'kd_tree'`, `'ball_tree'` or `'brute'`. */
  algorithm: NeighborsAlgorithm;
  /** Leaf size of the KD-tree or ball tree. Default 30. */
  leafSize: number;
  /** Minkowski order when `metric` is `'minkowski'`; `null` means 2. Default `null`. */
  p: number | null;
}

const DEFAULTS: DBSCANParams = {
  eps: 0.5,
  minSamples: 5,
  metric: 'euclidean',
  algorithm: 'auto',
  leafSize: 30,
  p: null,
};

/**
 * Lists, for each row, the rows within Euclidean distance `eps` (itself
 * included), CSR-style, by an O(n²) pair search (see {@link radiusGraph} for
 * the tree searches).
 * @example radiusNeighbors(Float64Array.of(0, 0.3, 2), 3, 1, 0.5) // row 0: [0, 1]
 */
export function radiusNeighbors(
  x: Float64Array,
  n: number,
  d: number,
  eps: number,
): { indptr: Int32Array; indices: Int32Array } {
  const r2 = eps * eps;
  let edges: Int32Array = new Int32Array(Math.max(16, 4 * n));
  let m = 0;
  const push = (v: number) => {
    if (m === edges.length) {
      const bigger = new Int32Array(edges.length * 2);
      bigger.set(edges);
      edges = bigger;
    }
    edges[m++] = v;
  };
  // Pairs (i, j) with i < j are found once and stored for both rows, then sorted per row.
  const rowsOf: number[][] = Array.from({ length: n }, (_, i) => [i]);
  for (let i = 0; i < n; i++) {
    const io = i * d;
    for (let j = i + 1; j < n; j++) {
      const jo = j * d;
      let s = 0;
      for (let f = 0; f < d && s <= r2; f++) {
        const t = x[io + f] - x[jo + f];
        s += t * t;
      }
      if (s <= r2) {
        rowsOf[i].push(j);
        rowsOf[j].push(i);
      }
    }
  }
  const indptr = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const row = rowsOf[i].sort((a, b) => a - b);
    for (const v of row) push(v);
    indptr[i + 1] = m;
  }
  return { indptr, indices: edges.slice(0, m) };
}

/**
 * Density-based clustering; noise points get label -1.
 *
 * Fitted attributes: `labels`, `coreSampleIndices`, `components` (the core rows).
 *
 * @example
 * import { DBSCAN } from 'typelearn/cluster';
 * const X = [[1, 2], [2, 2], [2, 3], [8, 7], [8, 8], [25, 80]];
 * const db = await new DBSCAN({ eps: 3, minSamples: 2 }).fit(X);
 * db.labels; // Int32Array [0, 0, 0, 1, 1, -1]
 */
export class DBSCAN extends BaseEstimator<DBSCANParams> {
  static override readonly estimatorName = 'DBSCAN';

  static override parameterConstraints: ParameterConstraints = {
    eps: [interval('real', 0, null, 'neither')],
    minSamples: [interval('int', 1, null, 'left')],
    metric: [options(METRIC_NAMES)],
    algorithm: [options(['auto', 'brute', 'kd_tree', 'ball_tree'])],
    leafSize: [interval('int', 1, null, 'left')],
    p: [interval('real', 1, null, 'left'), null],
  };

  #labels?: Int32Array;
  #core?: Int32Array;
  #components?: Float64Array;

  /** @param options - see {@link DBSCANParams}. */
  constructor(options: Partial<DBSCANParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'clusterer' };
  }

  protected fitImpl(X: MatrixLike, _y: Labels | undefined, opts: FitOptions): void {
    const { X: xt } = this.validateData(X, undefined, { reset: true });
    const [n, d] = xt.shape;
    const x = xt.data as Float64Array;
    const sw =
      opts.sampleWeight === undefined ? undefined : checkSampleWeight(opts.sampleWeight, n, { allowNegative: true });
    const { eps, metric, algorithm, leafSize, p } = this.params;
    if (metric === 'cosine' && algorithm !== 'brute' && algorithm !== 'auto') {
      throw new ValidationError(`Metric 'cosine' not valid for algorithm '${algorithm}'; use 'brute' or 'auto'.`, {
        param: 'algorithm',
        got: algorithm,
      });
    }
    const { indptr, indices } = radiusGraph(x, n, d, eps, { metric, algorithm, leafSize, p: p ?? 2 });
    const isCore = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      let w = 0;
      if (sw) for (let p = indptr[i]; p < indptr[i + 1]; p++) w += sw[indices[p]];
      else w = indptr[i + 1] - indptr[i];
      if (w >= this.params.minSamples) isCore[i] = 1;
    }
    const labels = new Int32Array(n).fill(-1);
    const stack: number[] = [];
    let label = 0;
    for (let start = 0; start < n; start++) {
      if (labels[start] !== -1 || !isCore[start]) continue;
      let i = start;
      for (;;) {
        if (labels[i] === -1) {
          labels[i] = label;
          if (isCore[i])
            for (let p = indptr[i]; p < indptr[i + 1]; p++) if (labels[indices[p]] === -1) stack.push(indices[p]);
        }
        if (stack.length === 0) break;
        i = stack.pop() as number;
      }
      label++;
    }
    const core: number[] = [];
    for (let i = 0; i < n; i++) if (isCore[i]) core.push(i);
    this.#labels = labels;
    this.#core = Int32Array.from(core);
    const components = new Float64Array(core.length * d);
    for (let c = 0; c < core.length; c++) components.set(x.subarray(core[c] * d, core[c] * d + d), c * d);
    this.#components = components;
  }

  /** Cluster of each training row, -1 for noise. */
  get labels(): Int32Array {
    return this.fitted('labels', this.#labels).slice();
  }

  /** Indices of the core points (sklearn's `core_sample_indices_`). */
  get coreSampleIndices(): Int32Array {
    return this.fitted('coreSampleIndices', this.#core).slice();
  }

  /** The core points, `nCore x nFeatures`. */
  get components(): Tensor {
    const c = this.fitted('components', this.#components);
    return new Tensor(c.slice(), [c.length / this.nFeaturesIn, this.nFeaturesIn]);
  }

  /**
   * Fits, then returns the labels.
   * @example await new DBSCAN({ eps: 0.3 }).fitPredict(X)
   */
  async fitPredict(X: MatrixLike, y?: Labels, options?: FitOptions): Promise<Int32Array> {
    await this.fit(X, y, options);
    return this.labels;
  }

  protected getState(): Record<string, unknown> {
    return { labels: this.#labels, core: this.#core, components: this.#components };
  }

  protected setState(state: Record<string, unknown>): void {
    const where = 'saved DBSCAN';
    this.#labels = int32State(state, 'labels', where);
    this.#core = int32State(state, 'core', where);
    this.#components = new StateReader(state, where).float64Array('components');
  }
}
