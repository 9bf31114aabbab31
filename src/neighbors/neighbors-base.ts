/**
 * `NeighborsBase`: what every neighbours estimator shares (scikit-learn's
 * `NeighborsBase`, `KNeighborsMixin`, `RadiusNeighborsMixin`): storing the
 * training rows, choosing brute force or a tree (`algorithm: 'auto'` follows
 * sklearn 1.2's rules), and the `kneighbors` / `radiusNeighbors` queries and
 * their sparse graphs.
 *
 * sklearn's `'auto'`: brute force when the data has more than 15 features, when
 * `nNeighbors >= nSamples / 2`, or for cosine; otherwise a KD-tree.
 */

import { ValidationError } from '../base/errors.js';
import { BaseEstimator } from '../base/estimator.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import type { StateReader } from '../base/state.js';
import type { MatrixLike } from '../base/types.js';
import { SparseMatrix } from '../tensor/sparse.js';
import { Tensor } from '../tensor/tensor.js';
import { BallTree } from './ball-tree.js';
import type { BinaryTree } from './binary-tree.js';
import { bruteKneighbors, bruteRadius, type KnnResult, type RadiusResult, type Rows } from './brute.js';
import { KDTree } from './kd-tree.js';
import { METRIC_NAMES, type Metric, type NeighborsMetricName, resolveMetric } from './metric.js';

/** How neighbours are searched. */
export type NeighborsAlgorithm = 'auto' | 'brute' | 'kd_tree' | 'ball_tree';

/** Options shared by every neighbours estimator. */
export interface NeighborsCommonParams {
  /** Search method; `'auto'` picks as scikit-learn does (see the module comment). Default `'auto'`. */
  algorithm: NeighborsAlgorithm;
  /** Leaf size of the KD-tree or ball tree. Default 30. */
  leafSize: number;
  /** Distance. Default `'minkowski'` (euclidean with `p` = 2). Cosine runs by brute force only. */
  metric: NeighborsMetricName;
  /** Minkowski order (>= 1; `Infinity` = chebyshev). Default 2. */
  p: number;
}

/** Constraints of {@link NeighborsCommonParams}. */
export const NEIGHBORS_COMMON_CONSTRAINTS: ParameterConstraints = {
  algorithm: [options(['auto', 'brute', 'kd_tree', 'ball_tree'])],
  leafSize: [interval('int', 1, null, 'left')],
  metric: [options(METRIC_NAMES)],
  p: [interval('real', 1, null, 'left')],
};

/** Options of `kneighbors`. */
export interface KNeighborsOptions {
  /** Number of neighbours. Default: the estimator's `nNeighbors`. */
  nNeighbors?: number;
  /** Return distances too. Default `true`. */
  returnDistance?: boolean;
}

/** Options of `radiusNeighbors`. */
export interface RadiusNeighborsOptions {
  /** Radius. Default: the estimator's `radius`. */
  radius?: number;
  /** Return distances too. Default `true`. */
  returnDistance?: boolean;
  /** Sort each list nearest first (else by index). Default `false`. */
  sortResults?: boolean;
}

/** Options of the graph methods. */
export interface GraphOptions {
  /** `'connectivity'` (1 per edge, default) or `'distance'` (the distance). */
  mode?: 'connectivity' | 'distance';
}

/**
 * Base class of the neighbours estimators; see the module comment.
 * @example
 * // Not used directly:
 * const nn = await new NearestNeighbors({ nNeighbors: 2 }).fit(X);
 * nn.kneighbors([[0, 0]]).indices;
 */
export abstract class NeighborsBase<P extends NeighborsCommonParams> extends BaseEstimator<P> {
  #fitX?: Float64Array;
  #n = 0;
  #d = 0;
  #method?: 'brute' | 'kd_tree' | 'ball_tree';
  #metric?: Metric;
  #tree?: BinaryTree;

  /** The default number of neighbours (`nNeighbors` param), if the estimator has one. */
  protected get defaultK(): number | undefined {
    return (this.params as Partial<{ nNeighbors: number }>).nNeighbors;
  }

  /** The default radius (`radius` param), if the estimator has one. */
  protected get defaultRadius(): number | undefined {
    return (this.params as Partial<{ radius: number }>).radius;
  }

  /** Stores the validated training rows and builds the search structure. */
  protected fitIndex(X: Tensor): void {
    const { algorithm, leafSize, metric: name, p } = this.params;
    const metric = resolveMetric(name, p);
    const [n, d] = X.shape as [number, number];
    let method = algorithm;
    if (method === 'auto') {
      const k = this.defaultK;
      if (d > 15 || (k !== undefined && k >= Math.floor(n / 2)) || metric.kind === 'cosine') method = 'brute';
      else method = 'kd_tree';
    }
    if (metric.kind === 'cosine' && method !== 'brute') {
      throw new ValidationError(
        `Metric 'cosine' not valid for algorithm '${method}'; use algorithm 'brute' or 'auto'.`,
        {
          param: 'algorithm',
          got: method,
        },
      );
    }
    const data = Float64Array.from(X.data);
    this.#tree = undefined;
    if (method !== 'brute') {
      const Tree = method === 'kd_tree' ? KDTree : BallTree;
      this.#tree = new Tree(new Tensor(data, [n, d]), { leafSize, metric: name, p });
    }
    this.#fitX = data;
    this.#n = n;
    this.#d = d;
    this.#method = method;
    this.#metric = metric;
  }

  /** The search method chosen at fit: `'brute'`, `'kd_tree'` or `'ball_tree'`. */
  get fitMethod(): 'brute' | 'kd_tree' | 'ball_tree' {
    return this.fitted('fitMethod', this.#method);
  }

  /** The metric actually used (`'minkowski'` with p = 2 is `'euclidean'`, ...). */
  get effectiveMetric(): string {
    return this.fitted('effectiveMetric', this.#metric).kind;
  }

  /** Number of training samples. */
  get nSamplesFit(): number {
    this.checkIsFitted('nSamplesFit');
    return this.#n;
  }

  /** Number of stored training rows, readable while a saved state is restored. */
  protected get indexSize(): number {
    return this.#n;
  }

  /** The training rows, `[nSamplesFit, nFeatures]` (not copied). */
  protected get fitRows(): Rows {
    // Not `fitted()`: subclasses query their own index inside fitImpl (e.g. LocalOutlierFactor).
    if (this.#fitX === undefined) this.checkIsFitted('fitX');
    return { data: this.#fitX as Float64Array, n: this.#n, d: this.#d };
  }

  #metricOrThrow(): Metric {
    if (this.#metric === undefined) this.checkIsFitted('metric');
    return this.#metric as Metric;
  }

  /** Validated query rows; `undefined` means the training rows themselves. */
  protected queryRows(X: MatrixLike | undefined): Rows {
    this.checkIsFitted();
    if (X === undefined) return this.fitRows;
    const t = this.validateData(X, undefined, { reset: false }).X;
    return { data: t.data as Float64Array, n: t.shape[0], d: t.shape[1] };
  }

  /** k nearest neighbours of validated rows; with `excludeSelf` the rows are the training rows and each skips itself. */
  protected knnSearch(rows: Rows, k: number, excludeSelf: boolean): KnnResult {
    if (!Number.isInteger(k) || k < 1) {
      throw new ValidationError(`Expected nNeighbors > 0 and an integer, got ${k}`, { param: 'nNeighbors', got: k });
    }
    const nFit = this.#n;
    const kk = excludeSelf ? k + 1 : k;
    if (kk > nFit) {
      throw new ValidationError(
        `Expected n_neighbors <= n_samples_fit, but n_neighbors = ${kk}, n_samples_fit = ${nFit}, n_samples = ${rows.n}${excludeSelf ? ' (querying the training set itself needs one more)' : ''}`,
        { param: 'nNeighbors', expected: `<= ${excludeSelf ? nFit - 1 : nFit}`, got: k },
      );
    }
    const metric = this.#metricOrThrow();
    const raw = this.#tree ? this.#tree.knn(rows, kk) : bruteKneighbors(this.fitRows, rows, kk, metric);
    if (!excludeSelf) return raw;
    // Drop each sample itself; if it is missing (more than k exact duplicates before it), drop the nearest, as sklearn.
    const dist = new Float64Array(rows.n * k);
    const ind = new Int32Array(rows.n * k);
    for (let i = 0; i < rows.n; i++) {
      let skip = 0;
      for (let t = 0; t < kk; t++) if (raw.ind[i * kk + t] === i) skip = t;
      let o = i * k;
      for (let t = 0; t < kk; t++) {
        if (t === skip) continue;
        dist[o] = raw.dist[i * kk + t];
        ind[o++] = raw.ind[i * kk + t];
      }
    }
    return { dist, ind };
  }

  /** Neighbours within `radius` of validated rows (each training row skips itself with `excludeSelf`). */
  protected radiusSearch(rows: Rows, radius: number, sortResults: boolean, excludeSelf: boolean): RadiusResult {
    if (!(radius >= 0))
      throw new ValidationError(`radius must be >= 0, got ${radius}`, { param: 'radius', got: radius });
    const metric = this.#metricOrThrow();
    const res = this.#tree
      ? this.#tree.radius(rows, radius, sortResults)
      : bruteRadius(this.fitRows, rows, radius, metric, sortResults);
    if (excludeSelf) {
      for (let i = 0; i < rows.n; i++) {
        const keep = Array.from(res.ind[i].keys()).filter((t) => res.ind[i][t] !== i);
        res.dist[i] = Float64Array.from(keep, (t) => res.dist[i][t]);
        res.ind[i] = Int32Array.from(keep, (t) => res.ind[i][t]);
      }
    }
    return res;
  }

  /**
   * The `nNeighbors` nearest training samples of each row of `X`: `distances`
   * and `indices`, `[nQueries, k]`, nearest first (ties: lower index first).
   * Without `X`, the training samples' neighbours, each excluding itself.
   * @example model.kneighbors([[0, 0]], { nNeighbors: 2 }).indices.toArray()
   */
  kneighbors(X?: MatrixLike, options: KNeighborsOptions = {}): { distances: Tensor; indices: Tensor } {
    const k = options.nNeighbors ?? this.defaultK ?? 5;
    const rows = this.queryRows(X);
    const { dist, ind } = this.knnSearch(rows, k, X === undefined);
    const indices = new Tensor(ind, [rows.n, k]);
    return { distances: new Tensor(dist, [rows.n, k]), indices };
  }

  /**
   * The training samples within `radius` of each row of `X`, one array per
   * row (by index, or nearest first with `sortResults`). Without `X`, the
   * training samples' neighbours, each excluding itself.
   * @example model.radiusNeighbors([[0, 0]], { radius: 1.5 }).indices[0]
   */
  radiusNeighbors(
    X?: MatrixLike,
    options: RadiusNeighborsOptions = {},
  ): { distances: Float64Array[]; indices: Int32Array[] } {
    const radius = options.radius ?? this.defaultRadius ?? 1;
    const rows = this.queryRows(X);
    const { dist, ind } = this.radiusSearch(rows, radius, options.sortResults ?? false, X === undefined);
    return { distances: dist, indices: ind };
  }

  /**
   * The k-neighbours graph as a CSR `SparseMatrix` `[nQueries, nSamplesFit]`:
   * each row holds its k neighbours (in neighbour order) with 1 or the distance.
   * @example model.kneighborsGraph(undefined, { mode: 'distance' }).toDense()
   */
  kneighborsGraph(X?: MatrixLike, options: KNeighborsOptions & GraphOptions = {}): SparseMatrix {
    const { distances, indices } = this.kneighbors(X, options);
    const [n, k] = indices.shape;
    const indptr = new Int32Array(n + 1);
    for (let i = 0; i <= n; i++) indptr[i] = i * k;
    const data = options.mode === 'distance' ? Float64Array.from(distances.data) : new Float64Array(n * k).fill(1);
    return new SparseMatrix(data, indices.data as Int32Array, indptr, [n, this.#n]);
  }

  /**
   * The radius-neighbours graph as a CSR `SparseMatrix` `[nQueries, nSamplesFit]`.
   * @example model.radiusNeighborsGraph([[0, 0]], { radius: 2 })
   */
  radiusNeighborsGraph(X?: MatrixLike, options: RadiusNeighborsOptions & GraphOptions = {}): SparseMatrix {
    const { distances, indices } = this.radiusNeighbors(X, options);
    const indptr = new Int32Array(indices.length + 1);
    indices.forEach((row, i) => {
      indptr[i + 1] = indptr[i] + row.length;
    });
    const ind = new Int32Array(indptr[indices.length]);
    const data = new Float64Array(ind.length);
    indices.forEach((row, i) => {
      ind.set(row, indptr[i]);
      if (options.mode === 'distance') data.set(distances[i], indptr[i]);
      else data.fill(1, indptr[i], indptr[i + 1]);
    });
    return new SparseMatrix(data, ind, indptr, [indices.length, this.#n]);
  }

  /** The fitted index, for saving (the tree is rebuilt on load: its build is deterministic). */
  protected getIndexState(): Record<string, unknown> {
    return { fitX: this.#fitX, nSamplesFit: this.#n, method: this.#method };
  }

  /** Restores what `getIndexState` saved. */
  protected setIndexState(r: StateReader): void {
    const n = r.number('nSamplesFit', { integer: true, min: 1 });
    const method = r.string('method', ['brute', 'kd_tree', 'ball_tree']) as 'brute' | 'kd_tree' | 'ball_tree';
    const fitX = r.float64Array('fitX');
    if (fitX.length % n !== 0) throw new ValidationError(`saved ${this.estimatorName}: fitX does not hold ${n} rows`);
    const saved = this.params.algorithm;
    this.setParams({ algorithm: method } as Partial<P>);
    try {
      this.fitIndex(new Tensor(fitX, [n, fitX.length / n]));
    } finally {
      this.setParams({ algorithm: saved } as Partial<P>);
    }
  }
}
