/**
 * `OPTICS`: scikit-learn 1.2's `sklearn.cluster.OPTICS` (Ordering Points To
 * Identify the Clustering Structure).
 *
 * As sklearn's `compute_optics_graph`: core distances are the distance to the
 * `minSamples`-th nearest row (itself counted), set to infinity above
 * `maxEps`; the next point is the unprocessed one of smallest reachability
 * (lowest index on ties, infinity included); a core point lowers the
 * reachability `max(distance, its core distance)` of its unprocessed
 * neighbours within `maxEps`. Core distances and reachabilities are rounded to
 * 15 decimals exactly as sklearn does (`np.around`, half to even), which makes
 * ties resolve identically. Then `'xi'` or `'dbscan'` extraction (see
 * `optics-extract.ts`).
 *
 * Differences: no precomputed distances or callable metric.
 */
import { ValidationError } from '../base/errors.js';
import { BaseEstimator } from '../base/estimator.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import { TypelearnWarning, warn } from '../base/warnings.js';
import {
  METRIC_NAMES,
  type NeighborsMetricName,
  reducedDistance,
  resolveMetric,
  toDistance,
} from '../neighbors/metric.js';
import type { NeighborsAlgorithm } from '../neighbors/neighbors-base.js';
import { Tensor } from '../tensor/tensor.js';
import { int32State } from './cluster-utils.js';
import { kthNeighborDistance, radiusGraph } from './neighbor-queries.js';
import { clusterOpticsDbscan, clusterOpticsXi, resolveSize } from './optics-extract.js';

/** Options of {@link OPTICS} (sklearn's parameters, camelCase). */
export interface OPTICSParams {
  /** Neighbours (itself included) of a core point: a count >= 2 or a fraction of the samples <= 1. Default 5. */
  minSamples: number;
  /** Largest neighbourhood radius considered. Default `Infinity`. */
  maxEps: number;
  /** Distance. Default `'minkowski'` (with `p`). */
  metric: NeighborsMetricName;
  /** Minkowski order. Default 2. */
  p: number;
  /** Extraction: `'xi'` (default) or `'dbscan'`. */
  clusterMethod: 'xi' | 'dbscan';
  /** Radius of the `'dbscan'` extraction; `null` means `maxEps`. Default `null`. */
  eps: number | null;
  /** Minimum steepness of the `'xi'` extraction. Default 0.05. */
  xi: number;
  /** Correct xi clusters with the predecessors. Default true. */
  predecessorCorrection: boolean;
  /** Smallest xi cluster (count or fraction); `null` means `minSamples`. Default `null`. */
  minClusterSize: number | null;
  /** Neighbour search. Default `'auto'`. */
  algorithm: NeighborsAlgorithm;
  /** Leaf size of the trees. Default 30. */
  leafSize: number;
}

const DEFAULTS: OPTICSParams = {
  minSamples: 5,
  maxEps: Number.POSITIVE_INFINITY,
  metric: 'minkowski',
  p: 2,
  clusterMethod: 'xi',
  eps: null,
  xi: 0.05,
  predecessorCorrection: true,
  minClusterSize: null,
  algorithm: 'auto',
  leafSize: 30,
};

/** numpy's `np.around(x, 15)` for one float64: `rint(x * 1e15) / 1e15`, rint rounding half to even. */
export function around15(x: number): number {
  if (!Number.isFinite(x)) return x;
  const y = x * 1e15;
  let r = Math.round(y);
  if (r - y === 0.5 && r % 2 !== 0) r -= 1;
  return r / 1e15;
}

/** What {@link opticsGraph} returns (sklearn's `compute_optics_graph`). */
export interface OpticsGraph {
  ordering: Int32Array;
  coreDistances: Float64Array;
  reachability: Float64Array;
  predecessor: Int32Array;
}

/**
 * The OPTICS ordering, core distances, reachabilities and predecessors of the
 * rows of `x` (`n x d`); `minSamples` already resolved to a count.
 * @example const g = opticsGraph(x, n, d, 5, Infinity, { metric: 'euclidean' });
 */
export function opticsGraph(
  x: Float64Array,
  n: number,
  d: number,
  minSamples: number,
  maxEps: number,
  search: { metric: NeighborsMetricName; p: number; algorithm?: NeighborsAlgorithm; leafSize?: number },
  signal?: AbortSignal,
): OpticsGraph {
  const core = kthNeighborDistance(x, n, d, minSamples, search);
  for (let i = 0; i < n; i++) core[i] = core[i] > maxEps ? Number.POSITIVE_INFINITY : around15(core[i]);
  const metric = resolveMetric(search.metric, search.p);
  const rd = reducedDistance(metric);
  const finite = Number.isFinite(maxEps);
  const graph = finite ? radiusGraph(x, n, d, maxEps, search) : undefined;
  const reach = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const pred = new Int32Array(n).fill(-1);
  const processed = new Uint8Array(n);
  const ordering = new Int32Array(n);
  const relax = (point: number, j: number) => {
    if (processed[j]) return;
    const dist = toDistance(rd(x, point * d, x, j * d, d), metric);
    const r = around15(Math.max(dist, core[point]));
    if (r < reach[j]) {
      reach[j] = r;
      pred[j] = point;
    }
  };
  for (let t = 0; t < n; t++) {
    if ((t & 255) === 0 && signal?.aborted) throw signal.reason;
    let point = -1;
    for (let j = 0; j < n; j++) if (!processed[j] && (point < 0 || reach[j] < reach[point])) point = j;
    processed[point] = 1;
    ordering[t] = point;
    if (core[point] === Number.POSITIVE_INFINITY) continue;
    if (graph) for (let q = graph.indptr[point]; q < graph.indptr[point + 1]; q++) relax(point, graph.indices[q]);
    else for (let j = 0; j < n; j++) relax(point, j);
  }
  if (reach.every((v) => v === Number.POSITIVE_INFINITY)) {
    warn(
      new TypelearnWarning(
        'All reachability values are inf. Set a larger maxEps or all data will be considered outliers.',
      ),
    );
  }
  return { ordering, coreDistances: core, reachability: reach, predecessor: pred };
}

/**
 * Density-based clustering through a reachability ordering: finds clusters of
 * varying density; noise gets label -1.
 *
 * Fitted attributes: `labels`, `reachability`, `ordering`, `coreDistances`,
 * `predecessor`, `clusterHierarchy` (xi only), `nFeaturesIn`.
 *
 * @example
 * import { OPTICS } from 'typelearn/cluster';
 * const X = [[1, 2], [2, 5], [3, 6], [8, 7], [8, 8], [7, 3]];
 * const op = await new OPTICS({ minSamples: 2 }).fit(X);
 * op.labels;         // Int32Array [0, 0, 0, 1, 1, 1]
 * op.reachability;   // the reachability plot, per row
 */
export class OPTICS extends BaseEstimator<OPTICSParams> {
  static override readonly estimatorName = 'OPTICS';

  static override parameterConstraints: ParameterConstraints = {
    minSamples: [interval('int', 2, null, 'left'), interval('real', 0, 1, 'both')],
    maxEps: [interval('real', 0, null, 'both')],
    metric: [options(METRIC_NAMES)],
    p: [interval('real', 1, null, 'left')],
    clusterMethod: [options(['xi', 'dbscan'])],
    eps: [interval('real', 0, null, 'both'), null],
    xi: [interval('real', 0, 1, 'both')],
    predecessorCorrection: ['boolean'],
    minClusterSize: [interval('int', 2, null, 'left'), interval('real', 0, 1, 'right'), null],
    algorithm: [options(['auto', 'brute', 'kd_tree', 'ball_tree'])],
    leafSize: [interval('int', 1, null, 'left')],
  };

  #graph?: OpticsGraph;
  #labels?: Int32Array;
  #hierarchy?: Int32Array;

  /** @param options - see {@link OPTICSParams}. */
  constructor(options: Partial<OPTICSParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'clusterer' };
  }

  protected fitImpl(X: MatrixLike, _y: Labels | undefined, opts: FitOptions): void {
    const { X: xt } = this.validateData(X, undefined, { reset: true });
    const [n, d] = xt.shape;
    const p = this.params;
    const minSamples = resolveSize(p.minSamples, n, 'minSamples');
    let eps = p.maxEps;
    if (p.clusterMethod === 'dbscan') {
      eps = p.eps ?? p.maxEps;
      if (eps > p.maxEps) {
        throw new ValidationError(`Specify an epsilon smaller than ${p.maxEps}. Got ${eps}.`, {
          param: 'eps',
          got: eps,
        });
      }
    }
    const graph = opticsGraph(
      xt.data as Float64Array,
      n,
      d,
      minSamples,
      p.maxEps,
      { metric: p.metric, p: p.p, algorithm: p.algorithm, leafSize: p.leafSize },
      opts.signal,
    );
    this.#graph = graph;
    this.#hierarchy = undefined;
    if (p.clusterMethod === 'xi') {
      const { labels, clusters } = clusterOpticsXi(graph.reachability, graph.predecessor, graph.ordering, {
        minSamples: p.minSamples,
        minClusterSize: p.minClusterSize,
        xi: p.xi,
        predecessorCorrection: p.predecessorCorrection,
      });
      this.#labels = labels;
      this.#hierarchy = Int32Array.from(clusters.flat());
    } else {
      this.#labels = clusterOpticsDbscan(graph.reachability, graph.coreDistances, graph.ordering, eps);
    }
  }

  #g(name: string): OpticsGraph {
    return this.fitted(name, this.#graph);
  }

  /** Cluster of each training row, -1 for noise. */
  get labels(): Int32Array {
    return this.fitted('labels', this.#labels).slice();
  }

  /** Reachability distance of each row (infinity for the first of each region), indexed by row. */
  get reachability(): Float64Array {
    return this.#g('reachability').reachability.slice();
  }

  /** Rows in the order visited (the x axis of the reachability plot). */
  get ordering(): Int32Array {
    return this.#g('ordering').ordering.slice();
  }

  /** Distance of each row to its `minSamples`-th neighbour (infinity above `maxEps`). */
  get coreDistances(): Float64Array {
    return this.#g('coreDistances').coreDistances.slice();
  }

  /** Row each row was reached from, -1 for none. */
  get predecessor(): Int32Array {
    return this.#g('predecessor').predecessor.slice();
  }

  /** Xi clusters as `[start, end]` positions in `ordering` (`nClusters x 2`); `'xi'` extraction only. */
  get clusterHierarchy(): Tensor {
    const h = this.fitted('clusterHierarchy', this.#hierarchy);
    return new Tensor(h.slice(), [h.length / 2, 2]);
  }

  /**
   * Fits, then returns the labels.
   * @example await new OPTICS({ minSamples: 10 }).fitPredict(X)
   */
  async fitPredict(X: MatrixLike, y?: Labels, options?: FitOptions): Promise<Int32Array> {
    await this.fit(X, y, options);
    return this.labels;
  }

  protected getState(): Record<string, unknown> {
    // Named one by one: the key order is the saved bytes' order, whichever way #graph was built.
    const g = this.#graph;
    return {
      ordering: g?.ordering,
      coreDistances: g?.coreDistances,
      reachability: g?.reachability,
      predecessor: g?.predecessor,
      labels: this.#labels,
      hierarchy: this.#hierarchy,
    };
  }

  protected setState(state: Record<string, unknown>): void {
    const where = 'saved OPTICS';
    const r = new StateReader(state, where);
    const labels = int32State(state, 'labels', where);
    const n = labels.length;
    const ordering = int32State(state, 'ordering', where, n);
    const predecessor = int32State(state, 'predecessor', where, n);
    if (ordering.some((v) => v < 0 || v >= n) || predecessor.some((v) => v < -1 || v >= n)) {
      throw new ValidationError(`${where}: ordering or predecessor holds an index outside [0, ${n})`);
    }
    this.#graph = {
      ordering,
      predecessor,
      coreDistances: r.float64Array('coreDistances', n),
      reachability: r.float64Array('reachability', n),
    };
    this.#labels = labels;
    this.#hierarchy = state.hierarchy === undefined ? undefined : int32State(state, 'hierarchy', where);
  }
}
