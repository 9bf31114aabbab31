/**
 * `Birch`: scikit-learn 1.2's `sklearn.cluster.Birch`: rows are inserted one
 * by one into a clustering-feature tree (see `birch-tree.ts`); the centroids
 * of its leaf subclusters are then grouped by a global step,
 * `AgglomerativeClustering({ nClusters })` (ward), or kept as clusters with
 * `nClusters: null`. Rows are labelled by their nearest subcluster.
 * `partialFit(X)` adds rows to the same tree; `partialFit()` with no data
 * reruns only the global step.
 *
 * Differences: float64 only, no sparse input; `nClusters` may not be an
 * estimator (sklearn also accepts any clusterer there).
 */
import { ValidationError } from '../base/errors.js';
import { BaseEstimator } from '../base/estimator.js';
import { interval, type ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import { ConvergenceWarning, warn } from '../base/warnings.js';
import { Tensor } from '../tensor/tensor.js';
import { AgglomerativeClustering } from './agglomerative-clustering.js';
import { CFTree } from './birch-tree.js';
import { int32State, prefixedNames } from './cluster-utils.js';

/** Options of {@link Birch} (sklearn's parameters, camelCase). */
export interface BirchParams {
  /** Largest radius of a leaf subcluster absorbing a new row. Default 0.5. */
  threshold: number;
  /** Most subclusters per node. Default 50. */
  branchingFactor: number;
  /** Clusters of the global step; `null` keeps the subclusters. Default 3. */
  nClusters: number | null;
  /** Label the training rows at the end of `fit`. Default true. */
  computeLabels: boolean;
}

const DEFAULTS: BirchParams = { threshold: 0.5, branchingFactor: 50, nClusters: 3, computeLabels: true };

/**
 * Memory-efficient incremental clustering through a CF tree.
 *
 * Fitted attributes: `subclusterCenters`, `subclusterLabels`, `labels` (with
 * `computeLabels`), `nFeaturesIn`.
 *
 * @example
 * import { Birch } from 'typelearn/cluster';
 * const X = [[0, 1], [0.3, 1], [-0.3, 1], [0, -1], [0.3, -1], [-0.3, -1]];
 * const brc = await new Birch({ nClusters: null }).fit(X);
 * brc.labels;               // Int32Array [0, 0, 0, 1, 1, 1]
 * brc.predict([[0, 0.9]]);  // Int32Array [0]
 * // streaming:
 * const online = new Birch({ nClusters: 2 });
 * for (const chunk of chunks) await online.partialFit(chunk);
 */
export class Birch extends BaseEstimator<BirchParams> {
  static override readonly estimatorName = 'Birch';

  static override parameterConstraints: ParameterConstraints = {
    threshold: [interval('real', 0, null, 'neither')],
    branchingFactor: [interval('int', 1, null, 'neither')],
    nClusters: [interval('int', 1, null, 'left'), null],
    computeLabels: ['boolean'],
  };

  #tree?: CFTree;
  #centers?: Float64Array;
  #subLabels?: Int32Array;
  #labels?: Int32Array;
  #partial = false;

  /** @param options - see {@link BirchParams}. */
  constructor(options: Partial<BirchParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'clusterer', partialFit: true };
  }

  protected async fitImpl(X: MatrixLike, _y: Labels | undefined, opts: FitOptions): Promise<void> {
    const previous = this.#partial ? this.#tree : undefined;
    const { X: xt } = this.validateData(X, undefined, { reset: true });
    const [n, d] = xt.shape;
    const x = xt.data as Float64Array;
    if (previous && previous.d !== d) {
      throw new ValidationError(`X has ${d} features, but Birch is expecting ${previous.d} features as input.`, {
        expected: previous.d,
        got: d,
      });
    }
    const { threshold, branchingFactor } = this.params;
    const tree = previous ?? new CFTree(threshold, branchingFactor, d);
    for (let i = 0; i < n; i++) {
      if ((i & 1023) === 0) this.throwIfAborted(opts.signal);
      tree.insertPoint(x.subarray(i * d, i * d + d));
    }
    this.#tree = tree;
    this.#centers = tree.leafCentroids();
    await this.#globalClustering(x, n, d);
  }

  async #globalClustering(x: Float64Array | undefined, n: number, d: number): Promise<void> {
    const centers = this.#centers as Float64Array;
    const m = centers.length / d;
    const k = this.params.nClusters;
    if (k === null || m < k) {
      this.#subLabels = Int32Array.from({ length: m }, (_, i) => i);
      if (k !== null) {
        warn(
          new ConvergenceWarning(
            `Number of subclusters found (${m}) by BIRCH is less than (${k}). Decrease the threshold.`,
          ),
        );
      }
    } else {
      this.#subLabels = await new AgglomerativeClustering({ nClusters: k }).fitPredict(new Tensor(centers, [m, d]));
    }
    if (x !== undefined && this.params.computeLabels) this.#labels = this.#predictRows(x, n, d);
  }

  /**
   * Adds rows to the CF tree (the first call starts a new one) and reruns the
   * global step; with no `X`, reruns only the global step.
   * @example await brc.partialFit(chunk); await brc.partialFit();
   */
  async partialFit(X?: MatrixLike, _y?: Labels, options: FitOptions = {}): Promise<this> {
    if (X === undefined) {
      this.checkIsFitted();
      this.throwIfAborted(options.signal);
      this.validateParams();
      await this.#globalClustering(undefined, 0, this.nFeaturesIn);
      return this;
    }
    this.#partial = this.isFitted;
    try {
      return await this.fit(X, undefined, options);
    } finally {
      this.#partial = false;
    }
  }

  #predictRows(x: Float64Array, n: number, d: number): Int32Array {
    const centers = this.#centers as Float64Array;
    const subLabels = this.#subLabels as Int32Array;
    const m = centers.length / d;
    const norms = new Float64Array(m);
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let f = 0; f < d; f++) s += centers[j * d + f] ** 2;
      norms[j] = s;
    }
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestV = Number.POSITIVE_INFINITY;
      for (let j = 0; j < m; j++) {
        let dot = 0;
        for (let f = 0; f < d; f++) dot += x[i * d + f] * centers[j * d + f];
        const v = norms[j] - 2 * dot;
        if (v < bestV) {
          bestV = v;
          best = j;
        }
      }
      out[i] = subLabels[best];
    }
    return out;
  }

  /** Centroids of the leaf subclusters, `nSubclusters x nFeatures` (sklearn's `subcluster_centers_`). */
  get subclusterCenters(): Tensor {
    const c = this.fitted('subclusterCenters', this.#centers);
    return new Tensor(c.slice(), [c.length / this.nFeaturesIn, this.nFeaturesIn]);
  }

  /** Global cluster of each subcluster (sklearn's `subcluster_labels_`). */
  get subclusterLabels(): Int32Array {
    return this.fitted('subclusterLabels', this.#subLabels).slice();
  }

  /** Cluster of each row of the last data fitted (requires `computeLabels`). */
  get labels(): Int32Array {
    return this.fitted('labels', this.#labels).slice();
  }

  #rows(X: MatrixLike): { x: Float64Array; n: number; d: number } {
    this.checkIsFitted();
    this.fitted('subclusterCenters', this.#centers);
    const { X: xt } = this.validateData(X, undefined, { reset: false });
    return { x: xt.data as Float64Array, n: xt.shape[0], d: xt.shape[1] };
  }

  /**
   * Cluster of the nearest subcluster of each row.
   * @example brc.predict([[0, 0]])
   */
  predict(X: MatrixLike): Int32Array {
    const { x, n, d } = this.#rows(X);
    return this.#predictRows(x, n, d);
  }

  /**
   * Euclidean distance of each row to each subcluster centroid.
   * @example brc.transform([[0, 0]]).shape // [1, nSubclusters]
   */
  transform(X: MatrixLike): Tensor {
    const { x, n, d } = this.#rows(X);
    const c = this.#centers as Float64Array;
    const m = c.length / d;
    const out = new Float64Array(n * m);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) {
        let s = 0;
        for (let f = 0; f < d; f++) s += (x[i * d + f] - c[j * d + f]) ** 2;
        out[i * m + j] = Math.sqrt(s);
      }
    }
    return new Tensor(out, [n, m]);
  }

  /**
   * Fits, then returns {@link transform} of the training rows.
   * @example await new Birch().fitTransform(X)
   */
  async fitTransform(X: MatrixLike, y?: Labels, options?: FitOptions): Promise<Tensor> {
    await this.fit(X, y, options);
    return this.transform(X);
  }

  /**
   * Fits, then returns the labels.
   * @example await new Birch({ nClusters: 4 }).fitPredict(X)
   */
  async fitPredict(X: MatrixLike, y?: Labels, options?: FitOptions): Promise<Int32Array> {
    await this.fit(X, y, options);
    return this.predict(X);
  }

  /**
   * Output names of {@link transform}: `birch0`, `birch1`, …
   * @example brc.getFeatureNamesOut()
   */
  getFeatureNamesOut(): string[] {
    const c = this.fitted('subclusterCenters', this.#centers);
    return prefixedNames(this.estimatorName, c.length / this.nFeaturesIn);
  }

  protected getState(): Record<string, unknown> {
    const tree = this.#tree as CFTree;
    return { tree: tree.toPlain(), centers: this.#centers, subLabels: this.#subLabels, labels: this.#labels };
  }

  protected setState(state: Record<string, unknown>): void {
    const where = 'saved Birch';
    const r = new StateReader(state, where);
    const centers = r.float64Array('centers');
    const subLabels = int32State(state, 'subLabels', where);
    const m = subLabels.length;
    if (m === 0 || centers.length % m !== 0) throw new ValidationError(`${where}: centers do not hold ${m} rows`);
    const d = centers.length / m;
    const plain = state.tree as { isLeaf: number[]; subs: number[][][]; leafOrder: number[] };
    const ok =
      plain !== null &&
      typeof plain === 'object' &&
      Array.isArray(plain.isLeaf) &&
      Array.isArray(plain.subs) &&
      Array.isArray(plain.leafOrder);
    const tree = ok ? CFTree.fromPlain(plain, this.params.threshold, this.params.branchingFactor, d) : null;
    if (tree === null) throw new ValidationError(`${where}: the CF tree is malformed`);
    this.#tree = tree;
    this.#centers = centers;
    this.#subLabels = subLabels;
    this.#labels = state.labels === undefined ? undefined : int32State(state, 'labels', where);
  }
}
