/**
 * `KMeans`: scikit-learn's `sklearn.cluster.KMeans` (1.2 semantics).
 *
 * As sklearn: the data are centred on their column means before clustering
 * (explicit `init` centres too) and the means added back to the centres
 * afterwards; `tol` is scaled by the mean per-feature variance of `X`; greedy
 * k-means++ draws `2 + ⌊ln k⌋` candidates per centre; Lloyd runs a GEMM-based
 * chunked E-step and stops when the labels no longer change or the summed
 * squared centre shift is at most the scaled `tol`; of `nInit` runs the one of
 * lowest inertia is kept (a run giving the same partition does not replace it).
 *
 * `nInit` defaults to 10, the number of runs sklearn 1.2 makes by default, without
 * its FutureWarning (we do not plan to change the default); `nInit: 'auto'`
 * gives sklearn 1.4's rule (1 run for k-means++ or explicit centres, 10 for
 * `'random'`). An explicit `init` array always means one run.
 *
 * Differences from scikit-learn: float64 only; no sparse input; the random
 * streams differ from numpy's, so seeded k-means++ picks other centres.
 */
import { ValidationError } from '../base/errors.js';
import { BaseEstimator } from '../base/estimator.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import { checkSampleWeight } from '../base/validation.js';
import { ConvergenceWarning, warn } from '../base/warnings.js';
import { checkRandomState, type RandomState } from '../tensor/random.js';
import type { Tensor } from '../tensor/tensor.js';
import { checkEnoughSamples, explicitCenters, int32State, matrix, prefixedNames } from './cluster-utils.js';
import { centredBlocks } from './kmeans-blocks.js';
import {
  assignToCenters,
  centerDistances,
  countDistinct,
  isSameClustering,
  toleranceFromSumSquares,
} from './kmeans-common.js';
import { kmeansPlusPlusBlocks, randomCentersBlocks } from './kmeans-init.js';
import { type KMeansRun, kmeansElkan, kmeansLloyd } from './kmeans-single.js';

/** How initial centres are chosen: a method name or explicit `k x d` centres. */
export type KMeansInit = 'k-means++' | 'random' | readonly (readonly number[])[] | Tensor;

/** Options of {@link KMeans} (sklearn's parameters, camelCase). */
export interface KMeansParams {
  /** Number of clusters. Default 8. */
  nClusters: number;
  /** `'k-means++'` (default), `'random'`, or explicit centres (`nClusters x nFeatures`). */
  init: KMeansInit;
  /** Number of runs from different seeds, the best kept; or `'auto'` (see module doc). Default 10. */
  nInit: number | 'auto';
  /** Maximum Lloyd/Elkan iterations per run. Default 300. */
  maxIter: number;
  /** Relative tolerance on the centre shift (scaled by the mean feature variance). Default 1e-4. */
  tol: number;
  /** Seed or generator for the initialisation. Default `undefined` (fresh entropy). */
  randomState: RandomState | undefined;
  /** `'lloyd'` (default) or `'elkan'` (triangle-inequality bounds). */
  algorithm: 'lloyd' | 'elkan';
}

const DEFAULTS: KMeansParams = {
  nClusters: 8,
  init: 'k-means++',
  nInit: 10,
  maxIter: 300,
  tol: 1e-4,
  randomState: undefined,
  algorithm: 'lloyd',
};

/** Column means of `x` and a centred copy. */
export function centreColumns(x: Float64Array, n: number, d: number): { centred: Float64Array; mean: Float64Array } {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) mean[f] += x[i * d + f];
  for (let f = 0; f < d; f++) mean[f] /= n;
  const centred = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) centred[i * d + f] = x[i * d + f] - mean[f];
  return { centred, mean };
}

/**
 * K-means clustering: partitions the rows of `X` into `nClusters` groups
 * minimising the within-cluster sum of squares (the inertia).
 *
 * Fitted attributes (throw `NotFittedError` before `fit`): `clusterCenters`
 * (`nClusters x nFeatures` Tensor), `labels` (Int32Array), `inertia`, `nIter`,
 * `nFeaturesIn`, `featureNamesIn`.
 *
 * @example
 * import { KMeans } from 'typelearn/cluster';
 * const X = [[1, 2], [1, 4], [1, 0], [10, 2], [10, 4], [10, 0]];
 * const km = await new KMeans({ nClusters: 2, randomState: 0 }).fit(X);
 * km.labels;                      // e.g. Int32Array [1, 1, 1, 0, 0, 0]
 * km.predict([[0, 0], [12, 3]]);  // the clusters of the two new points
 * km.clusterCenters.toArray();    // [[10, 2], [1, 2]] (in label order)
 */
export class KMeans extends BaseEstimator<KMeansParams> {
  static override readonly estimatorName = 'KMeans';

  static override parameterConstraints: ParameterConstraints = {
    nClusters: [interval('int', 1, null, 'left')],
    init: [options(['k-means++', 'random']), 'arrayLike'],
    nInit: [interval('int', 1, null, 'left'), options(['auto'])],
    maxIter: [interval('int', 1, null, 'left')],
    tol: [interval('real', 0, null, 'left')],
    randomState: ['randomState'],
    algorithm: [options(['lloyd', 'elkan'])],
  };

  #centers?: Float64Array;
  #labels?: Int32Array;
  #inertia?: number;
  #nIter?: number;
  #history?: number[];

  /** @param options - see {@link KMeansParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<KMeansParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'clusterer' };
  }

  protected fitImpl(X: MatrixLike, _y: Labels | undefined, opts: FitOptions): void {
    const { X: xt } = this.validateData(X, undefined, { reset: true });
    const [n, d] = xt.shape;
    const { nClusters: k, init, maxIter, algorithm } = this.params;
    checkEnoughSamples(n, k, this.estimatorName);
    const x0 = xt.data as Float64Array;
    const rng = checkRandomState(this.params.randomState);
    const sw = checkSampleWeight(opts.sampleWeight, n);
    const explicit = typeof init !== 'string';
    let nInit = this.params.nInit === 'auto' ? (init === 'random' ? 10 : 1) : this.params.nInit;
    if (explicit) nInit = 1;
    // One pass gives the centred data (row-major and in row blocks), the row norms and the
    // per-feature sums of squares of the tolerance.
    // Lloyd reads only the blocks; Elkan works on rows.
    const useElkan = algorithm === 'elkan' && k > 1;
    const { x, xb, mean, norms, sumSquares } = centredBlocks(x0, n, d, useElkan);
    const tol = toleranceFromSumSquares(sumSquares, n, d, this.params.tol);
    let initCenters: Float64Array | undefined;
    if (explicit) {
      initCenters = explicitCenters(init, k, d, this.estimatorName);
      for (let j = 0; j < k; j++) for (let f = 0; f < d; f++) initCenters[j * d + f] -= mean[f];
    }
    const single = useElkan ? kmeansElkan : kmeansLloyd;
    let best: KMeansRun | undefined;
    for (let r = 0; r < nInit; r++) {
      this.throwIfAborted(opts.signal);
      const start =
        initCenters ??
        (init === 'random'
          ? randomCentersBlocks(xb, n, d, k, rng)
          : kmeansPlusPlusBlocks(xb, n, d, k, norms, rng).centers);
      const run = single({ x, n, d, sw, xb }, start, k, maxIter, tol);
      if (best === undefined || (run.inertia < best.inertia && !isSameClustering(run.labels, best.labels, k))) {
        best = run;
      }
      opts.onProgress?.({ step: r + 1, total: nInit, message: `run ${r + 1}: inertia ${run.inertia}` });
    }
    const result = best as KMeansRun;
    for (let j = 0; j < k; j++) for (let f = 0; f < d; f++) result.centers[j * d + f] += mean[f];
    const distinct = countDistinct(result.labels, k);
    if (distinct < k) {
      warn(
        new ConvergenceWarning(
          `Number of distinct clusters (${distinct}) found smaller than n_clusters (${k}). Possibly due to duplicate points in X.`,
        ),
      );
    }
    this.#centers = result.centers;
    this.#labels = result.labels;
    this.#inertia = result.inertia;
    this.#nIter = result.nIter;
    this.#history = result.inertiaHistory;
  }

  /** Cluster centres, `nClusters x nFeatures` (sklearn's `cluster_centers_`). */
  get clusterCenters(): Tensor {
    const c = this.fitted('clusterCenters', this.#centers);
    return matrix(c.slice(), this.params.nClusters, c.length / this.params.nClusters);
  }

  /** Cluster index of each training row (sklearn's `labels_`). */
  get labels(): Int32Array {
    return this.fitted('labels', this.#labels).slice();
  }

  /** Weighted sum of squared distances of the training rows to their centres (sklearn's `inertia_`). */
  get inertia(): number {
    return this.fitted('inertia', this.#inertia);
  }

  /** Iterations of the best run (sklearn's `n_iter_`). */
  get nIter(): number {
    return this.fitted('nIter', this.#nIter);
  }

  /**
   * Inertia after each iteration of the kept run (NaN entries when the data
   * were too large to record it). Not in sklearn; useful to watch convergence.
   */
  get inertiaHistory(): number[] {
    return this.fitted('inertiaHistory', this.#history).slice();
  }

  #input(X: MatrixLike): { x: Float64Array; n: number; d: number; centers: Float64Array } {
    this.checkIsFitted();
    const centers = this.fitted('clusterCenters', this.#centers);
    const { X: xt } = this.validateData(X, undefined, { reset: false });
    const [n, d] = xt.shape;
    return { x: xt.data as Float64Array, n, d, centers };
  }

  /**
   * Index of the nearest centre for each row.
   * @example km.predict([[0, 0]]) // Int32Array [1]
   */
  predict(X: MatrixLike): Int32Array {
    const { x, n, d, centers } = this.#input(X);
    return assignToCenters(x, n, d, new Float64Array(n).fill(1), centers, this.params.nClusters).labels;
  }

  /**
   * Fits, then returns the training labels.
   * @example const labels = await new KMeans({ nClusters: 3 }).fitPredict(X);
   */
  async fitPredict(X: MatrixLike, y?: Labels, options?: FitOptions): Promise<Int32Array> {
    await this.fit(X, y, options);
    return this.labels;
  }

  /**
   * Euclidean distance of each row to each centre, `nSamples x nClusters`.
   * @example km.transform([[0, 0]]).shape // [1, 2]
   */
  transform(X: MatrixLike): Tensor {
    const { x, n, d, centers } = this.#input(X);
    const k = this.params.nClusters;
    return matrix(centerDistances(x, n, d, centers, k), n, k);
  }

  /**
   * Fits, then returns {@link transform} of the training data.
   * @example const distances = await new KMeans({ nClusters: 2 }).fitTransform(X);
   */
  async fitTransform(X: MatrixLike, y?: Labels, options?: FitOptions): Promise<Tensor> {
    await this.fit(X, y, options);
    return this.transform(X);
  }

  /**
   * Opposite of the (weighted) inertia of `X` for the fitted centres (higher is better).
   * @example km.score(X) // -km.inertia on the training data
   */
  score(X: MatrixLike, _y?: Labels, sampleWeight?: ArrayLike<number>): number {
    const { x, n, d, centers } = this.#input(X);
    return -assignToCenters(x, n, d, checkSampleWeight(sampleWeight, n), centers, this.params.nClusters).inertia;
  }

  /**
   * Output column names of {@link transform}: `kmeans0`, `kmeans1`, …
   * @example km.getFeatureNamesOut() // ['kmeans0', 'kmeans1']
   */
  getFeatureNamesOut(): string[] {
    this.checkIsFitted();
    return prefixedNames(this.estimatorName, this.params.nClusters);
  }

  protected getState(): Record<string, unknown> {
    return { centers: this.#centers, labels: this.#labels, inertia: this.#inertia, nIter: this.#nIter };
  }

  protected setState(state: Record<string, unknown>): void {
    const where = `saved ${this.estimatorName}`;
    const r = new StateReader(state, where);
    const centers = r.float64Array('centers');
    if (centers.length % this.params.nClusters !== 0) {
      throw new ValidationError(`${where}: centers do not hold ${this.params.nClusters} rows`);
    }
    this.#centers = centers;
    this.#labels = int32State(state, 'labels', where);
    this.#inertia = r.number('inertia');
    this.#nIter = r.number('nIter', { integer: true, min: 0 });
    this.#history = [];
  }
}
