/**
 * `HDBSCAN`: scikit-learn 1.3's `sklearn.cluster.HDBSCAN` (hierarchical
 * DBSCAN, Campello, Moulavi & Sander 2013; McInnes' implementation).
 *
 * The core distance of a row is the distance to its `minSamples`-th nearest
 * row (itself counted; KD-tree, ball tree or brute force); the mutual
 * reachability of two rows is `max(core_a, core_b, d(a, b) / alpha)`. Its
 * minimum spanning tree is grown by Prim's algorithm over all pairs,
 * computing distances on the fly (O(n²) time, O(n) memory; sklearn's
 * `mst_from_data_matrix`), then turned into a single-linkage dendrogram, a
 * condensed tree and a flat clustering (see `hdbscan-tree.ts`).
 *
 * Differences from scikit-learn 1.3: rows with NaN or infinite values are
 * rejected (sklearn labels them -3 / -2); no precomputed or sparse distance
 * input; `algorithm` says `'kd_tree'` / `'ball_tree'` (sklearn 1.4's names; 1.3
 * had `'kdtree'` / `'balltree'`); MST edges of equal weight are ordered
 * stably, and the epsilon search visits clusters in increasing id where
 * sklearn iterates a Python set; both only matter for exact ties.
 */
import { ValidationError } from '../base/errors.js';
import { BaseEstimator } from '../base/estimator.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
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
import {
  condenseTree,
  extractClusters,
  labellingAtCut,
  type SingleLinkage,
  type SpanningTree,
  singleLinkage,
} from './hdbscan-tree.js';
import { kthNeighborDistance } from './neighbor-queries.js';

/** Options of {@link HDBSCAN} (sklearn 1.3's parameters, camelCase). */
export interface HDBSCANParams {
  /** Smallest group counted as a cluster. Default 5. */
  minClusterSize: number;
  /** Neighbours (itself included) defining the core distance; `null` means `minClusterSize`. Default `null`. */
  minSamples: number | null;
  /** Clusters born below this distance are merged into their parent. Default 0. */
  clusterSelectionEpsilon: number;
  /** Largest cluster the excess-of-mass selection may keep; `null` for no limit. Default `null`. */
  maxClusterSize: number | null;
  /** Distance. Default `'euclidean'`. */
  metric: NeighborsMetricName;
  /** Distances are divided by `alpha` (robust single linkage). Default 1. */
  alpha: number;
  /** Core-distance search: `'auto'` (default), `'brute'`, `'kd_tree'`, `'ball_tree'`. */
  algorithm: NeighborsAlgorithm;
  /** Leaf size of the trees. Default 40. */
  leafSize: number;
  /** `'eom'` (excess of mass, default) or `'leaf'` (the leaves of the condensed tree). */
  clusterSelectionMethod: 'eom' | 'leaf';
  /** Let the selection return the whole data set as one cluster. Default false. */
  allowSingleCluster: boolean;
  /** Also compute `centroids` and/or `medoids`: `null` (default), `'centroid'`, `'medoid'`, `'both'`. */
  storeCenters: 'centroid' | 'medoid' | 'both' | null;
}

const DEFAULTS: HDBSCANParams = {
  minClusterSize: 5,
  minSamples: null,
  clusterSelectionEpsilon: 0,
  maxClusterSize: null,
  metric: 'euclidean',
  alpha: 1,
  algorithm: 'auto',
  leafSize: 40,
  clusterSelectionMethod: 'eom',
  allowSingleCluster: false,
  storeCenters: null,
};

/**
 * Prim's MST of the mutual-reachability graph with distances computed on the
 * fly (sklearn's `mst_from_data_matrix`): each step scans every row not yet in
 * the tree, so memory stays O(n).
 */
export function mutualReachabilityMst(
  x: Float64Array,
  n: number,
  d: number,
  core: Float64Array,
  metricName: NeighborsMetricName,
  alpha: number,
  signal?: AbortSignal,
): SpanningTree {
  const metric = resolveMetric(metricName, 2);
  const rd = reducedDistance(metric);
  const inTree = new Uint8Array(n);
  const minReach = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const source = new Int32Array(n).fill(1);
  const mst: SpanningTree = { from: new Int32Array(n - 1), to: new Int32Array(n - 1), weight: new Float64Array(n - 1) };
  let current = 0;
  for (let e = 0; e < n - 1; e++) {
    if ((e & 1023) === 0 && signal?.aborted) throw signal.reason;
    inTree[current] = 1;
    const coreCurrent = core[current];
    let best = Number.POSITIVE_INFINITY;
    let bestSource = 0;
    let bestNode = 0;
    const co = current * d;
    for (let j = 0; j < n; j++) {
      if (inTree[j]) continue;
      let dist = toDistance(rd(x, co, x, j * d, d), metric);
      if (alpha !== 1) dist /= alpha;
      const reach = Math.max(coreCurrent, core[j], dist);
      if (reach > minReach[j]) {
        if (minReach[j] < best) {
          best = minReach[j];
          bestSource = source[j];
          bestNode = j;
        }
      } else {
        minReach[j] = reach;
        source[j] = current;
        if (reach < best) {
          best = reach;
          bestSource = current;
          bestNode = j;
        }
      }
    }
    mst.from[e] = bestSource;
    mst.to[e] = bestNode;
    mst.weight[e] = best;
    current = bestNode;
  }
  return mst;
}

/**
 * Hierarchical density-based clustering: clusters of varying density, noise
 * labelled -1, a membership strength per point.
 *
 * Fitted attributes: `labels`, `probabilities`, `centroids` / `medoids` (with
 * `storeCenters`), `nFeaturesIn`; `dbscanClustering(cut)` gives the DBSCAN*
 * clustering at any distance from the same fit.
 *
 * @example
 * import { HDBSCAN } from 'typelearn/cluster';
 * const hdb = await new HDBSCAN({ minClusterSize: 5 }).fit(X);
 * hdb.labels;          // Int32Array, -1 for noise
 * hdb.probabilities;   // Float64Array in [0, 1]
 * hdb.dbscanClustering(0.5); // DBSCAN* labels at eps = 0.5
 */
export class HDBSCAN extends BaseEstimator<HDBSCANParams> {
  static override readonly estimatorName = 'HDBSCAN';

  static override parameterConstraints: ParameterConstraints = {
    minClusterSize: [interval('int', 2, null, 'left')],
    minSamples: [interval('int', 1, null, 'left'), null],
    clusterSelectionEpsilon: [interval('real', 0, null, 'left')],
    maxClusterSize: [interval('int', 1, null, 'left'), null],
    metric: [options(METRIC_NAMES.filter((m) => m !== 'cosine' && m !== 'minkowski'))],
    alpha: [interval('real', 0, null, 'neither')],
    algorithm: [options(['auto', 'brute', 'kd_tree', 'ball_tree'])],
    leafSize: [interval('int', 1, null, 'left')],
    clusterSelectionMethod: [options(['eom', 'leaf'])],
    allowSingleCluster: ['boolean'],
    storeCenters: [options(['centroid', 'medoid', 'both']), null],
  };

  #labels?: Int32Array;
  #probabilities?: Float64Array;
  #tree?: SingleLinkage;
  #centroids?: Float64Array;
  #medoids?: Float64Array;

  /** @param options - see {@link HDBSCANParams}. */
  constructor(options: Partial<HDBSCANParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'clusterer' };
  }

  protected fitImpl(X: MatrixLike, _y: Labels | undefined, opts: FitOptions): void {
    const { X: xt } = this.validateData(X, undefined, { reset: true });
    const [n, d] = xt.shape;
    const x = xt.data as Float64Array;
    const p = this.params;
    if (n < 2) throw new ValidationError(`n_samples=${n} while HDBSCAN requires more than one sample`);
    const minSamples = p.minSamples ?? p.minClusterSize;
    if (minSamples > n) {
      throw new ValidationError(`min_samples (${minSamples}) must be at most the number of samples in X (${n})`, {
        param: 'minSamples',
        expected: `<= ${n}`,
        got: minSamples,
      });
    }
    const core = kthNeighborDistance(x, n, d, minSamples, {
      metric: p.metric,
      algorithm: p.algorithm,
      leafSize: p.leafSize,
    });
    if (p.alpha !== 1) for (let i = 0; i < n; i++) core[i] /= p.alpha;
    this.throwIfAborted(opts.signal);
    const mst = mutualReachabilityMst(x, n, d, core, p.metric, p.alpha, opts.signal);
    const tree = singleLinkage(mst);
    const { labels, probabilities } = extractClusters(condenseTree(tree, p.minClusterSize), {
      method: p.clusterSelectionMethod,
      allowSingleCluster: p.allowSingleCluster,
      clusterSelectionEpsilon: p.clusterSelectionEpsilon,
      maxClusterSize: p.maxClusterSize,
    });
    this.#tree = tree;
    this.#labels = labels;
    this.#probabilities = probabilities;
    this.#centroids = undefined;
    this.#medoids = undefined;
    if (p.storeCenters !== null) this.#storeCenters(x, n, d, labels, probabilities);
  }

  /** sklearn's `_weighted_cluster_center`: probability-weighted means and weighted medoids. */
  #storeCenters(x: Float64Array, n: number, d: number, labels: Int32Array, prob: Float64Array): void {
    let k = 0;
    for (const l of labels) k = Math.max(k, l + 1);
    const mode = this.params.storeCenters;
    const centroids = new Float64Array(k * d);
    const medoids = new Float64Array(k * d);
    const metric = resolveMetric(this.params.metric, 2);
    const rd = reducedDistance(metric);
    for (let c = 0; c < k; c++) {
      const rows: number[] = [];
      for (let i = 0; i < n; i++) if (labels[i] === c) rows.push(i);
      let wsum = 0;
      for (const i of rows) {
        wsum += prob[i];
        for (let f = 0; f < d; f++) centroids[c * d + f] += prob[i] * x[i * d + f];
      }
      for (let f = 0; f < d; f++) centroids[c * d + f] /= wsum;
      let best = 0;
      let bestCost = Number.POSITIVE_INFINITY;
      for (let a = 0; a < rows.length; a++) {
        let cost = 0;
        for (let b = 0; b < rows.length; b++)
          cost += toDistance(rd(x, rows[a] * d, x, rows[b] * d, d), metric) * prob[rows[b]];
        if (cost < bestCost) {
          bestCost = cost;
          best = rows[a];
        }
      }
      medoids.set(x.subarray(best * d, best * d + d), c * d);
    }
    if (mode === 'centroid' || mode === 'both') this.#centroids = centroids;
    if (mode === 'medoid' || mode === 'both') this.#medoids = medoids;
  }

  /** Cluster of each training row, -1 for noise (sklearn's `labels_`). */
  get labels(): Int32Array {
    return this.fitted('labels', this.#labels).slice();
  }

  /** Strength of each row's membership in its cluster, 0 for noise (sklearn's `probabilities_`). */
  get probabilities(): Float64Array {
    return this.fitted('probabilities', this.#probabilities).slice();
  }

  /** Probability-weighted mean of each cluster, `nClusters x nFeatures` (needs `storeCenters`). */
  get centroids(): Tensor {
    const c = this.fitted('centroids', this.#centroids);
    return new Tensor(c.slice(), [c.length / this.nFeaturesIn, this.nFeaturesIn]);
  }

  /** The member of each cluster minimising the weighted distance to the others (needs `storeCenters`). */
  get medoids(): Tensor {
    const c = this.fitted('medoids', this.#medoids);
    return new Tensor(c.slice(), [c.length / this.nFeaturesIn, this.nFeaturesIn]);
  }

  /**
   * The single-linkage dendrogram of the mutual reachability (scipy layout,
   * `(n-1) x 4`: left, right, distance, size), sklearn's `_single_linkage_tree_`.
   */
  get singleLinkageTree(): Tensor {
    const t = this.fitted('singleLinkageTree', this.#tree);
    const m = t.left.length;
    const out = new Float64Array(m * 4);
    for (let i = 0; i < m; i++) out.set([t.left[i], t.right[i], t.value[i], t.size[i]], i * 4);
    return new Tensor(out, [m, 4]);
  }

  /**
   * The DBSCAN* clustering (DBSCAN without border points) at mutual
   * reachability `cutDistance` with `minSamples` of this fit: components of
   * the dendrogram cut below `cutDistance`, those smaller than
   * `minClusterSize` labelled -1.
   * @example hdb.dbscanClustering(0.3, 5)
   */
  dbscanClustering(cutDistance: number, minClusterSize = 5): Int32Array {
    const tree = this.fitted('singleLinkageTree', this.#tree);
    if (!(cutDistance >= 0)) throw new ValidationError(`cutDistance must be >= 0, got ${cutDistance}`);
    return labellingAtCut(tree, cutDistance, minClusterSize);
  }

  /**
   * Fits, then returns the labels.
   * @example await new HDBSCAN().fitPredict(X)
   */
  async fitPredict(X: MatrixLike, y?: Labels, options?: FitOptions): Promise<Int32Array> {
    await this.fit(X, y, options);
    return this.labels;
  }

  protected getState(): Record<string, unknown> {
    const t = this.#tree as SingleLinkage;
    return {
      labels: this.#labels,
      probabilities: this.#probabilities,
      left: t.left,
      right: t.right,
      value: t.value,
      size: t.size,
      centroids: this.#centroids,
      medoids: this.#medoids,
    };
  }

  protected setState(state: Record<string, unknown>): void {
    const where = 'saved HDBSCAN';
    const r = new StateReader(state, where);
    const labels = int32State(state, 'labels', where);
    const n = labels.length;
    this.#labels = labels;
    this.#probabilities = r.float64Array('probabilities', n);
    const tree: SingleLinkage = {
      left: int32State(state, 'left', where, n - 1),
      right: int32State(state, 'right', where, n - 1),
      value: r.float64Array('value', n - 1),
      size: int32State(state, 'size', where, n - 1),
    };
    for (let i = 0; i < n - 1; i++) {
      const ok = [tree.left[i], tree.right[i]].every((v) => v >= 0 && v < n + i);
      if (!ok) throw new ValidationError(`${where}: merge ${i} of the single-linkage tree is inconsistent`);
    }
    this.#tree = tree;
    this.#centroids = state.centroids === undefined ? undefined : r.float64Array('centroids');
    this.#medoids = state.medoids === undefined ? undefined : r.float64Array('medoids');
  }
}
