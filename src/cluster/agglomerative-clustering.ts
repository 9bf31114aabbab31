/**
 * `AgglomerativeClustering`: scikit-learn's
 * `sklearn.cluster.AgglomerativeClustering` without connectivity constraints:
 * the full tree (scipy's linkage, see `linkage.ts`), cut into `nClusters`
 * clusters or at `distanceThreshold`, with sklearn's label numbering.
 *
 * Differences: Euclidean metric only; no `connectivity` graph yet; the tree is
 * always computed in full (`children` and `distances` are always available).
 */
import { ValidationError } from '../base/errors.js';
import { BaseEstimator } from '../base/estimator.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import { Tensor } from '../tensor/tensor.js';
import { checkEnoughSamples, int32State } from './cluster-utils.js';
import { hcCut, type Linkage, linkageTree } from './linkage.js';

/** Options of {@link AgglomerativeClustering}. */
export interface AgglomerativeClusteringParams {
  /** Number of clusters; `null` when `distanceThreshold` is set. Default 2. */
  nClusters: number | null;
  /** Merge criterion. Default `'ward'`. */
  linkage: Linkage;
  /** Cut the tree where merge distances reach this; requires `nClusters: null`. Default `null`. */
  distanceThreshold: number | null;
}

const DEFAULTS: AgglomerativeClusteringParams = { nClusters: 2, linkage: 'ward', distanceThreshold: null };

/**
 * Bottom-up hierarchical clustering.
 *
 * Fitted attributes: `labels`, `nClusters_` as `nClustersFound`, `nLeaves`,
 * `children` (`(n-1) x 2`, sklearn's `children_`), `distances` (merge heights).
 *
 * @example
 * import { AgglomerativeClustering } from 'typelearn/cluster';
 * const X = [[1, 2], [1, 4], [1, 0], [4, 2], [4, 4], [4, 0]];
 * const ac = await new AgglomerativeClustering({ nClusters: 2 }).fit(X);
 * ac.labels; // Int32Array [1, 1, 1, 0, 0, 0]
 * (await new AgglomerativeClustering({ nClusters: null, distanceThreshold: 3 }).fit(X)).nClustersFound; // 2
 */
export class AgglomerativeClustering extends BaseEstimator<AgglomerativeClusteringParams> {
  static override readonly estimatorName = 'AgglomerativeClustering';

  static override parameterConstraints: ParameterConstraints = {
    nClusters: [interval('int', 1, null, 'left'), null],
    linkage: [options(['ward', 'complete', 'average', 'single'])],
    distanceThreshold: [interval('real', 0, null, 'left'), null],
  };

  #labels?: Int32Array;
  #children?: Int32Array;
  #distances?: Float64Array;
  #nClusters?: number;

  /** @param options - see {@link AgglomerativeClusteringParams}. */
  constructor(options: Partial<AgglomerativeClusteringParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'clusterer' };
  }

  protected fitImpl(X: MatrixLike, _y: Labels | undefined, _opts: FitOptions): void {
    const { nClusters, distanceThreshold, linkage } = this.params;
    if ((nClusters === null) === (distanceThreshold === null)) {
      throw new ValidationError(
        'Exactly one of nClusters and distanceThreshold has to be set, and the other needs to be null.',
        { param: 'distanceThreshold', got: { nClusters, distanceThreshold } },
      );
    }
    const { X: xt } = this.validateData(X, undefined, { reset: true, minSamples: 2 });
    const [n, d] = xt.shape;
    if (nClusters !== null) checkEnoughSamples(n, nClusters, this.estimatorName);
    const tree = linkageTree(xt.data as Float64Array, n, d, linkage);
    let k = nClusters ?? 1;
    if (distanceThreshold !== null) {
      k = 1;
      for (const v of tree.distances) if (v >= distanceThreshold) k++;
    }
    this.#children = tree.children;
    this.#distances = tree.distances;
    this.#nClusters = k;
    this.#labels = hcCut(k, tree.children, n);
  }

  /** Cluster of each training row (sklearn's `labels_`). */
  get labels(): Int32Array {
    return this.fitted('labels', this.#labels).slice();
  }

  /** Number of clusters found (sklearn's `n_clusters_`). */
  get nClustersFound(): number {
    return this.fitted('nClustersFound', this.#nClusters);
  }

  /** Number of leaves (training rows). */
  get nLeaves(): number {
    return this.fitted('labels', this.#labels).length;
  }

  /** Merges as `(n-1) x 2`: node ids below `n` are rows, `n + i` the cluster of merge `i`. */
  get children(): Tensor {
    const c = this.fitted('children', this.#children);
    return new Tensor(c.slice(), [c.length / 2, 2]);
  }

  /** Height of each merge (for a dendrogram). */
  get distances(): Float64Array {
    return this.fitted('distances', this.#distances).slice();
  }

  /**
   * Fits, then returns the labels.
   * @example await new AgglomerativeClustering({ nClusters: 3, linkage: 'average' }).fitPredict(X)
   */
  async fitPredict(X: MatrixLike, y?: Labels, options?: FitOptions): Promise<Int32Array> {
    await this.fit(X, y, options);
    return this.labels;
  }

  protected getState(): Record<string, unknown> {
    return { labels: this.#labels, children: this.#children, distances: this.#distances, nClusters: this.#nClusters };
  }

  protected setState(state: Record<string, unknown>): void {
    const where = 'saved AgglomerativeClustering';
    const r = new StateReader(state, where);
    this.#labels = int32State(state, 'labels', where);
    this.#children = int32State(state, 'children', where);
    this.#distances = r.float64Array('distances');
    this.#nClusters = r.number('nClusters', { integer: true, min: 1 });
  }
}
