/**
 * `BisectingKMeans`: scikit-learn's `sklearn.cluster.BisectingKMeans` (1.2).
 *
 * As sklearn: the data are centred on their column means; starting from one
 * cluster holding every row, the leaf of highest score (its inertia for
 * `'biggest_inertia'`, its row count for `'largest_cluster'`; the first leaf
 * in tree order wins ties) is split by a 2-means run (`nInit` runs, a run
 * replaces the best only when its inertia is lower by more than 1e-6
 * relative), until there are `nClusters` leaves; the leaves, left to right,
 * are the clusters. The inner k-means gets `tol` unscaled (sklearn passes
 * `tol` itself to the bisections, not the variance-scaled tolerance of
 * KMeans). `predict` walks down the tree, as sklearn does, so a new point can
 * land in another cluster than its nearest centre; `score` and `transform`
 * use the nearest centres.
 *
 * Differences: float64 only; no sparse input; numpy's random stream is not
 * reproduced, so the initial centres (and with them which half of a split is
 * "left") differ from sklearn's for the same seed.
 */
import { ValidationError } from '../base/errors.js';
import { BaseEstimator } from '../base/estimator.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import { checkSampleWeight } from '../base/validation.js';
import { checkRandomState, type RandomState } from '../tensor/random.js';
import type { Tensor } from '../tensor/tensor.js';
import { checkEnoughSamples, int32State, matrix, prefixedNames } from './cluster-utils.js';
import { centreColumns } from './kmeans.js';
import { assignToCenters, centerDistances, kmeansInertia, rowSquaredNorms } from './kmeans-common.js';
import { kmeansPlusPlus, randomCenters } from './kmeans-init.js';
import { type KMeansRun, kmeansElkan, kmeansLloyd } from './kmeans-single.js';

/** Options of {@link BisectingKMeans} (sklearn's parameters, camelCase). */
export interface BisectingKMeansParams {
  /** Number of clusters (leaves of the bisection tree). Default 8. */
  nClusters: number;
  /** Initial centres of each 2-means: `'random'` (default) or `'k-means++'`. */
  init: 'random' | 'k-means++';
  /** 2-means runs per bisection, the best kept. Default 1. */
  nInit: number;
  /** Seed or generator. Default `undefined` (fresh entropy). */
  randomState: RandomState | undefined;
  /** Maximum iterations of each 2-means. Default 300. */
  maxIter: number;
  /** Tolerance on the squared centre shift of each 2-means (not scaled). Default 1e-4. */
  tol: number;
  /** Inner k-means: `'lloyd'` (default) or `'elkan'`. */
  algorithm: 'lloyd' | 'elkan';
  /** Which leaf to split next: `'biggest_inertia'` (default) or `'largest_cluster'`. */
  bisectingStrategy: 'biggest_inertia' | 'largest_cluster';
}

const DEFAULTS: BisectingKMeansParams = {
  nClusters: 8,
  init: 'random',
  nInit: 1,
  randomState: undefined,
  maxIter: 300,
  tol: 1e-4,
  algorithm: 'lloyd',
  bisectingStrategy: 'biggest_inertia',
};

/** The bisection tree, flat: node `i` has centre row `i` (centred data), children or -1, and a leaf label. */
interface BisectTree {
  centers: number[];
  left: number[];
  right: number[];
  label: number[];
  score: number[];
  rows: (Int32Array | null)[];
}

/** Leaves of the subtree at `node`, left to right. */
function leavesOf(tree: BisectTree, node: number, out: number[] = []): number[] {
  if (tree.left[node] < 0) out.push(node);
  else {
    leavesOf(tree, tree.left[node], out);
    leavesOf(tree, tree.right[node], out);
  }
  return out;
}

/**
 * Divisive k-means: repeatedly splits one cluster in two with 2-means.
 *
 * Fitted attributes: `clusterCenters`, `labels`, `inertia`, `nFeaturesIn`,
 * `featureNamesIn`.
 *
 * @example
 * import { BisectingKMeans } from 'typelearn/cluster';
 * const X = [[1, 2], [1, 4], [1, 0], [10, 2], [10, 4], [10, 0], [10, 6], [10, 8], [10, 10]];
 * const bk = await new BisectingKMeans({ nClusters: 3, randomState: 0 }).fit(X);
 * bk.labels;                       // three groups of three rows
 * bk.predict([[0, 0], [12, 3]]);   // clusters of new points
 */
export class BisectingKMeans extends BaseEstimator<BisectingKMeansParams> {
  static override readonly estimatorName = 'BisectingKMeans';

  static override parameterConstraints: ParameterConstraints = {
    nClusters: [interval('int', 1, null, 'left')],
    init: [options(['k-means++', 'random'])],
    nInit: [interval('int', 1, null, 'left')],
    randomState: ['randomState'],
    maxIter: [interval('int', 1, null, 'left')],
    tol: [interval('real', 0, null, 'left')],
    algorithm: [options(['lloyd', 'elkan'])],
    bisectingStrategy: [options(['biggest_inertia', 'largest_cluster'])],
  };

  #centers?: Float64Array;
  #labels?: Int32Array;
  #inertia?: number;
  /** Tree nodes: centres (with the data mean added back), children (-1 for a leaf), leaf labels. */
  #nodeCenters?: Float64Array;
  #nodeLeft?: Int32Array;
  #nodeRight?: Int32Array;
  #nodeLabel?: Int32Array;

  /** @param options - see {@link BisectingKMeansParams}. */
  constructor(options: Partial<BisectingKMeansParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'clusterer' };
  }

  protected fitImpl(X: MatrixLike, _y: Labels | undefined, opts: FitOptions): void {
    const { X: xt } = this.validateData(X, undefined, { reset: true });
    const [n, d] = xt.shape;
    const k = this.params.nClusters;
    checkEnoughSamples(n, k, this.estimatorName);
    const x0 = xt.data as Float64Array;
    const sw = checkSampleWeight(opts.sampleWeight, n);
    const rng = checkRandomState(this.params.randomState);
    const { centred: x, mean } = centreColumns(x0, n, d);
    const norms = rowSquaredNorms(x, n, d);
    const root = new Float64Array(d);
    for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) root[f] += x[i * d + f];
    for (let f = 0; f < d; f++) root[f] /= n;
    const tree: BisectTree = {
      centers: Array.from(root),
      left: [-1],
      right: [-1],
      label: [-1],
      score: [0],
      rows: [Int32Array.from({ length: n }, (_, i) => i)],
    };
    const single = this.params.algorithm === 'lloyd' || k === 1 ? kmeansLloyd : kmeansElkan;
    for (let step = 0; step < k - 1; step++) {
      this.throwIfAborted(opts.signal);
      let target = -1;
      for (const leaf of leavesOf(tree, 0)) if (target < 0 || tree.score[leaf] > tree.score[target]) target = leaf;
      this.#bisect(tree, target, x, d, sw, norms, rng, single);
      opts.onProgress?.({ step: step + 1, total: k - 1, message: `split ${step + 1}` });
    }
    const leaves = leavesOf(tree, 0);
    const labels = new Int32Array(n).fill(-1);
    const centers = new Float64Array(k * d);
    leaves.forEach((leaf, c) => {
      for (const i of tree.rows[leaf] as Int32Array) labels[i] = c;
      for (let f = 0; f < d; f++) centers[c * d + f] = tree.centers[leaf * d + f] + mean[f];
      tree.label[leaf] = c;
    });
    const nodes = tree.left.length;
    const nodeCenters = new Float64Array(nodes * d);
    for (let v = 0; v < nodes; v++)
      for (let f = 0; f < d; f++) nodeCenters[v * d + f] = tree.centers[v * d + f] + mean[f];
    this.#centers = centers;
    this.#labels = labels;
    this.#inertia = kmeansInertia(x0, n, d, sw, centers, labels);
    this.#nodeCenters = nodeCenters;
    this.#nodeLeft = Int32Array.from(tree.left);
    this.#nodeRight = Int32Array.from(tree.right);
    this.#nodeLabel = Int32Array.from(tree.label);
  }

  #bisect(
    tree: BisectTree,
    node: number,
    x: Float64Array,
    d: number,
    sw: Float64Array,
    norms: Float64Array,
    rng: ReturnType<typeof checkRandomState>,
    single: typeof kmeansLloyd,
  ): void {
    const rows = tree.rows[node] as Int32Array;
    const m = rows.length;
    if (m < 2) {
      throw new ValidationError(
        `BisectingKMeans cannot split a cluster of ${m} sample(s); X has fewer distinct points than nClusters=${this.params.nClusters}.`,
      );
    }
    const xs = new Float64Array(m * d);
    const ws = new Float64Array(m);
    const ns = new Float64Array(m);
    for (let t = 0; t < m; t++) {
      xs.set(x.subarray(rows[t] * d, rows[t] * d + d), t * d);
      ws[t] = sw[rows[t]];
      ns[t] = norms[rows[t]];
    }
    let best: KMeansRun | undefined;
    for (let r = 0; r < this.params.nInit; r++) {
      const init =
        this.params.init === 'random' ? randomCenters(xs, m, d, 2, rng) : kmeansPlusPlus(xs, m, d, 2, ns, rng).centers;
      const run = single({ x: xs, n: m, d, sw: ws }, init, 2, this.params.maxIter, this.params.tol);
      if (best === undefined || run.inertia < best.inertia * (1 - 1e-6)) best = run;
    }
    const { labels, centers } = best as KMeansRun;
    const scores = [0, 0];
    if (this.params.bisectingStrategy === 'biggest_inertia') {
      for (let t = 0; t < m; t++) {
        const c = labels[t];
        let s = 0;
        for (let f = 0; f < d; f++) {
          const v = xs[t * d + f] - centers[c * d + f];
          s += v * v;
        }
        scores[c] += s * ws[t];
      }
    } else for (let t = 0; t < m; t++) scores[labels[t]]++;
    for (let c = 0; c < 2; c++) {
      const id = tree.left.length;
      const members: number[] = [];
      for (let t = 0; t < m; t++) if (labels[t] === c) members.push(rows[t]);
      tree.centers.push(...centers.subarray(c * d, c * d + d));
      tree.left.push(-1);
      tree.right.push(-1);
      tree.label.push(-1);
      tree.score.push(scores[c]);
      tree.rows.push(Int32Array.from(members));
      if (c === 0) tree.left[node] = id;
      else tree.right[node] = id;
    }
    tree.rows[node] = null;
  }

  /** Cluster centres, `nClusters x nFeatures` (sklearn's `cluster_centers_`). */
  get clusterCenters(): Tensor {
    const c = this.fitted('clusterCenters', this.#centers);
    return matrix(c.slice(), this.params.nClusters, c.length / this.params.nClusters);
  }

  /** Cluster of each training row (sklearn's `labels_`). */
  get labels(): Int32Array {
    return this.fitted('labels', this.#labels).slice();
  }

  /** Weighted sum of squared distances of the training rows to their centres. */
  get inertia(): number {
    return this.fitted('inertia', this.#inertia);
  }

  #input(X: MatrixLike): { x: Float64Array; n: number; d: number } {
    this.checkIsFitted();
    const { X: xt } = this.validateData(X, undefined, { reset: false });
    return { x: xt.data as Float64Array, n: xt.shape[0], d: xt.shape[1] };
  }

  /**
   * Cluster of each row, found by walking down the bisection tree.
   * @example bk.predict([[0, 0]]) // Int32Array [2]
   */
  predict(X: MatrixLike): Int32Array {
    const { x, n, d } = this.#input(X);
    const centers = this.fitted('clusterCenters', this.#nodeCenters);
    const left = this.#nodeLeft as Int32Array;
    const right = this.#nodeRight as Int32Array;
    const label = this.#nodeLabel as Int32Array;
    const out = new Int32Array(n);
    const walk = (node: number, rows: Int32Array) => {
      if (rows.length === 0) return;
      if (left[node] < 0) {
        for (const i of rows) out[i] = label[node];
        return;
      }
      const m = rows.length;
      const xs = new Float64Array(m * d);
      for (let t = 0; t < m; t++) xs.set(x.subarray(rows[t] * d, rows[t] * d + d), t * d);
      const pair = new Float64Array(2 * d);
      pair.set(centers.subarray(left[node] * d, left[node] * d + d), 0);
      pair.set(centers.subarray(right[node] * d, right[node] * d + d), d);
      const side = assignToCenters(xs, m, d, new Float64Array(m).fill(1), pair, 2).labels;
      walk(
        left[node],
        rows.filter((_, t) => side[t] === 0),
      );
      walk(
        right[node],
        rows.filter((_, t) => side[t] === 1),
      );
    };
    walk(
      0,
      Int32Array.from({ length: n }, (_, i) => i),
    );
    return out;
  }

  /**
   * Fits, then returns the training labels.
   * @example await new BisectingKMeans({ nClusters: 4 }).fitPredict(X)
   */
  async fitPredict(X: MatrixLike, y?: Labels, options?: FitOptions): Promise<Int32Array> {
    await this.fit(X, y, options);
    return this.labels;
  }

  /**
   * Euclidean distance of each row to each centre, `nSamples x nClusters`.
   * @example bk.transform([[0, 0]]).shape // [1, 3]
   */
  transform(X: MatrixLike): Tensor {
    const { x, n, d } = this.#input(X);
    const centers = this.fitted('clusterCenters', this.#centers);
    const k = this.params.nClusters;
    return matrix(centerDistances(x, n, d, centers, k), n, k);
  }

  /**
   * Fits, then returns {@link transform} of the training data.
   * @example await new BisectingKMeans({ nClusters: 2 }).fitTransform(X)
   */
  async fitTransform(X: MatrixLike, y?: Labels, options?: FitOptions): Promise<Tensor> {
    await this.fit(X, y, options);
    return this.transform(X);
  }

  /**
   * Opposite of the (weighted) inertia of `X` to the nearest centres.
   * @example bk.score(X)
   */
  score(X: MatrixLike, _y?: Labels, sampleWeight?: ArrayLike<number>): number {
    const { x, n, d } = this.#input(X);
    const centers = this.fitted('clusterCenters', this.#centers);
    return -assignToCenters(x, n, d, checkSampleWeight(sampleWeight, n), centers, this.params.nClusters).inertia;
  }

  /**
   * Output names of {@link transform}: `bisectingkmeans0`, …
   * @example bk.getFeatureNamesOut()
   */
  getFeatureNamesOut(): string[] {
    this.checkIsFitted();
    return prefixedNames(this.estimatorName, this.params.nClusters);
  }

  protected getState(): Record<string, unknown> {
    return {
      centers: this.#centers,
      labels: this.#labels,
      inertia: this.#inertia,
      nodeCenters: this.#nodeCenters,
      nodeLeft: this.#nodeLeft,
      nodeRight: this.#nodeRight,
      nodeLabel: this.#nodeLabel,
    };
  }

  protected setState(state: Record<string, unknown>): void {
    const where = 'saved BisectingKMeans';
    const r = new StateReader(state, where);
    const k = this.params.nClusters;
    const centers = r.float64Array('centers');
    if (centers.length % k !== 0) throw new ValidationError(`${where}: centers do not hold ${k} rows`);
    const d = centers.length / k;
    const left = int32State(state, 'nodeLeft', where);
    const nodes = left.length;
    const right = int32State(state, 'nodeRight', where, nodes);
    const label = int32State(state, 'nodeLabel', where, nodes);
    for (let v = 0; v < nodes; v++) {
      const ok =
        left[v] < 0
          ? right[v] < 0 && label[v] >= 0 && label[v] < k
          : left[v] > v && left[v] < nodes && right[v] > v && right[v] < nodes;
      if (!ok) throw new ValidationError(`${where}: node ${v} of the bisection tree is inconsistent`);
    }
    this.#nodeCenters = r.float64Array('nodeCenters', nodes * d);
    this.#centers = centers;
    this.#labels = int32State(state, 'labels', where);
    this.#inertia = r.number('inertia');
    this.#nodeLeft = left;
    this.#nodeRight = right;
    this.#nodeLabel = label;
  }
}
