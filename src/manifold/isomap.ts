/**
 * `Isomap`: isometric mapping, scikit-learn 1.2's `sklearn.manifold.Isomap`.
 *
 * As sklearn: the k-neighbours (or radius) graph of the training rows, with
 * distances; when it has several connected components, each pair of
 * components is joined by its closest pair of points (with a warning); the
 * geodesic distances are the shortest paths (Dijkstra or Floyd–Warshall);
 * the embedding is kernel PCA of `-½ D²` (double-centred, eigenvectors with
 * `svd_flip` signs, scaled by √eigenvalue). `transform` places new rows
 * through their neighbours' geodesic distances.
 *
 * Differences: the eigenproblem is always solved densely (`eigenSolver:
 * 'arpack'` is accepted and runs the dense solver; the answer is the same).
 */
import { ValidationError } from '../base/errors.js';
import { BaseEstimator } from '../base/estimator.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import { TypelearnWarning, warn } from '../base/warnings.js';
import type { Rows } from '../neighbors/brute.js';
import { METRIC_NAMES, type NeighborsMetricName } from '../neighbors/metric.js';
import { Tensor } from '../tensor/tensor.js';
import { connectedComponents, dijkstraAll, floydWarshall, undirected } from './graph.js';
import type { Csr } from './joint-probabilities.js';
import { centerKernelInPlace, centerNewRows, type KernelCentering, topEigenpairs } from './kernel-eigen.js';
import { kneighborsOf, pairwiseDense, radiusNeighborsOf, type SearchAlgorithm } from './neighbors.js';

/** Options of {@link Isomap} (sklearn's parameters, camelCase). */
export interface IsomapParams {
  /** Neighbours per point in the graph, or `null` to use `radius`. Default 5. */
  nNeighbors: number | null;
  /** Radius of the neighbourhoods when `nNeighbors` is `null`. Default `null`. */
  radius: number | null;
  /** Embedding dimension. Default 2. */
  nComponents: number;
  /** `'auto'`, `'dense'` or `'arpack'` (all solved densely here). Default `'auto'`. */
  eigenSolver: 'auto' | 'arpack' | 'dense';
  /** ARPACK tolerance (unused by the dense solver). Default 0. */
  tol: number;
  /** ARPACK iteration cap (unused by the dense solver). Default `null`. */
  maxIter: number | null;
  /** `'auto'` (Dijkstra), `'D'` (Dijkstra) or `'FW'` (Floyd–Warshall). Default `'auto'`. */
  pathMethod: 'auto' | 'FW' | 'D';
  /** Neighbour search method. Default `'auto'`. */
  neighborsAlgorithm: SearchAlgorithm;
  /** Distance of the neighbour graph. Default `'minkowski'`. */
  metric: NeighborsMetricName;
  /** Minkowski order. Default 2. */
  p: number;
}

const DEFAULTS: IsomapParams = {
  nNeighbors: 5,
  radius: null,
  nComponents: 2,
  eigenSolver: 'auto',
  tol: 0,
  maxIter: null,
  pathMethod: 'auto',
  neighborsAlgorithm: 'auto',
  metric: 'minkowski',
  p: 2,
};

interface IsomapModel {
  fitX: Float64Array;
  distMatrix: Float64Array;
  eigenvalues: Float64Array;
  eigenvectors: Float64Array;
  centering: KernelCentering;
}

/**
 * Isomap embedding: kernel PCA on the geodesic (graph shortest-path)
 * distances of a neighbours graph, so points far apart along the manifold
 * stay far apart.
 *
 * Fitted attributes: `embedding`, `distMatrix` (geodesic distances),
 * `eigenvalues`, `nFeaturesIn`; method `reconstructionError()`.
 *
 * @example
 * import { Isomap } from 'typelearn/manifold';
 * const iso = new Isomap({ nNeighbors: 10, nComponents: 2 });
 * const Y = await iso.fitTransform(X);
 * iso.transform(Xnew); // embeds new rows
 */
export class Isomap extends BaseEstimator<IsomapParams> {
  static override readonly estimatorName = 'Isomap';

  static override parameterConstraints: ParameterConstraints = {
    nNeighbors: [interval('int', 1, null, 'left'), null],
    radius: [interval('real', 0, null, 'both'), null],
    nComponents: [interval('int', 1, null, 'left')],
    eigenSolver: [options(['auto', 'arpack', 'dense'])],
    tol: [interval('real', 0, null, 'left')],
    maxIter: [interval('int', 1, null, 'left'), null],
    pathMethod: [options(['auto', 'FW', 'D'])],
    neighborsAlgorithm: [options(['auto', 'brute', 'kd_tree', 'ball_tree'])],
    metric: [options(METRIC_NAMES)],
    p: [interval('real', 1, null, 'left')],
  };

  #model?: IsomapModel;

  /** @param options - see {@link IsomapParams}. */
  constructor(options: Partial<IsomapParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'transformer' };
  }

  get #m(): IsomapModel {
    return this.fitted('embedding', this.#model);
  }

  /** The training rows' embedding, `nSamples x nComponents` (sklearn's `embedding_`). */
  get embedding(): Tensor {
    const m = this.#m;
    const n = m.distMatrix.length === 0 ? 0 : Math.round(Math.sqrt(m.distMatrix.length));
    return new Tensor(embed(m.eigenvectors, m.eigenvalues, n), [n, m.eigenvalues.length]);
  }

  /** Geodesic distances between the training rows, `nSamples x nSamples` (sklearn's `dist_matrix_`). */
  get distMatrix(): Tensor {
    const m = this.#m;
    const n = Math.round(Math.sqrt(m.distMatrix.length));
    return new Tensor(m.distMatrix.slice(), [n, n]);
  }

  /** Eigenvalues of the centred geodesic kernel, descending (sklearn's `kernel_pca_.eigenvalues_`). */
  get eigenvalues(): Float64Array {
    return this.#m.eigenvalues.slice();
  }

  #options() {
    const { metric, p, neighborsAlgorithm: algorithm } = this.params;
    return { metric, p, algorithm };
  }

  protected fitImpl(X: MatrixLike, _y: Labels | undefined, opts: FitOptions): void {
    const { X: xt } = this.validateData(X, undefined, { reset: true });
    const [n, d] = xt.shape;
    const { nNeighbors, radius, nComponents } = this.params;
    if (nNeighbors !== null && radius !== null) {
      throw new ValidationError(
        `Both nNeighbors and radius are provided. Use Isomap({ radius: ${radius}, nNeighbors: null }) if intended to use radius-based neighbors`,
        { param: 'radius' },
      );
    }
    if (nNeighbors === null && radius === null) {
      throw new ValidationError('One of nNeighbors and radius must be set', { param: 'nNeighbors' });
    }
    if (nComponents > n) {
      throw new ValidationError(`nComponents=${nComponents} must be at most nSamples=${n}`, {
        param: 'nComponents',
        expected: `<= ${n}`,
        got: nComponents,
      });
    }
    const rows: Rows = { data: Float64Array.from(xt.data as Float64Array), n, d };
    let graph = this.#graph(rows);
    const sym = undirected(graph);
    const { count, labels } = connectedComponents(sym);
    if (count > 1) {
      warn(
        new TypelearnWarning(
          `The number of connected components of the neighbors graph is ${count} > 1. Completing the graph to fit Isomap might be slow. Increase the number of neighbors to avoid this issue.`,
        ),
      );
      graph = joinComponents(rows, graph, count, labels, this.params.metric, this.params.p);
    }
    this.throwIfAborted(opts.signal);
    const g = undirected(graph);
    const dist = this.params.pathMethod === 'FW' ? floydWarshall(g) : dijkstraAll(g);
    this.throwIfAborted(opts.signal);
    const K = new Float64Array(n * n);
    for (let t = 0; t < K.length; t++) K[t] = -0.5 * dist[t] * dist[t];
    const centering = centerKernelInPlace(K, n);
    const { values, vectors } = topEigenpairs(K, n, nComponents);
    this.#model = { fitX: rows.data, distMatrix: dist, eigenvalues: values, eigenvectors: vectors, centering };
  }

  /** The directed neighbour graph with distances (no self loops). */
  #graph(rows: Rows): Csr {
    const { nNeighbors, radius } = this.params;
    const n = rows.n;
    if (nNeighbors !== null) {
      const { ind, dist } = kneighborsOf(rows, null, nNeighbors, this.#options());
      const indptr = new Int32Array(n + 1);
      for (let i = 0; i <= n; i++) indptr[i] = i * nNeighbors;
      return { n, indptr, indices: ind, data: dist };
    }
    const res = radiusNeighborsOf(rows, null, radius as number, this.#options());
    const indptr = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) indptr[i + 1] = indptr[i] + res.ind[i].length;
    const indices = new Int32Array(indptr[n]);
    const data = new Float64Array(indptr[n]);
    for (let i = 0; i < n; i++) {
      indices.set(res.ind[i], indptr[i]);
      data.set(res.dist[i], indptr[i]);
    }
    return { n, indptr, indices, data };
  }

  /**
   * Fits and returns the embedding of the training rows.
   * @example const Y = await new Isomap().fitTransform(X);
   */
  async fitTransform(X: MatrixLike, y?: Labels, options?: FitOptions): Promise<Tensor> {
    await this.fit(X, y, options);
    return this.embedding;
  }

  /**
   * Embeds new rows: geodesic distances to the training rows through each
   * row's neighbours, then the kernel PCA projection.
   * @example iso.transform([[0.1, 0.2, 0.3]]).shape // [1, nComponents]
   */
  transform(X: MatrixLike): Tensor {
    this.checkIsFitted();
    const m = this.#m;
    const { X: xt } = this.validateData(X, undefined, { reset: false });
    const [q, d] = xt.shape;
    const n = m.fitX.length / d;
    const train: Rows = { data: m.fitX, n, d };
    const query: Rows = { data: xt.data as Float64Array, n: q, d };
    let ind: Int32Array[];
    let dist: Float64Array[];
    if (this.params.nNeighbors !== null) {
      const k = this.params.nNeighbors;
      const r = kneighborsOf(train, query, k, this.#options());
      ind = Array.from({ length: q }, (_, i) => r.ind.subarray(i * k, (i + 1) * k));
      dist = Array.from({ length: q }, (_, i) => r.dist.subarray(i * k, (i + 1) * k));
    } else {
      const r = radiusNeighborsOf(train, query, this.params.radius as number, this.#options());
      ind = r.ind;
      dist = r.dist;
    }
    const G = new Float64Array(q * n).fill(Number.POSITIVE_INFINITY);
    for (let i = 0; i < q; i++) {
      const row = G.subarray(i * n, (i + 1) * n);
      for (let t = 0; t < ind[i].length; t++) {
        const o = ind[i][t] * n;
        const dt = dist[i][t];
        for (let j = 0; j < n; j++) {
          const v = m.distMatrix[o + j] + dt;
          if (v < row[j]) row[j] = v;
        }
      }
    }
    for (let t = 0; t < G.length; t++) G[t] = -0.5 * G[t] * G[t];
    centerNewRows(G, q, m.centering);
    const k = m.eigenvalues.length;
    const out = new Float64Array(q * k);
    for (let c = 0; c < k; c++) {
      const lam = m.eigenvalues[c];
      if (lam === 0) continue;
      const s = 1 / Math.sqrt(lam);
      for (let i = 0; i < q; i++) {
        let acc = 0;
        for (let j = 0; j < n; j++) acc += G[i * n + j] * m.eigenvectors[j * k + c];
        out[i * k + c] = acc * s;
      }
    }
    return new Tensor(out, [q, k]);
  }

  /**
   * `‖K(D) - K(D_fit)‖_F / n`: how much of the centred geodesic kernel the
   * embedding misses (sklearn's `reconstruction_error()`).
   * @example iso.reconstructionError() // e.g. 1.2
   */
  reconstructionError(): number {
    const m = this.#m;
    const D = m.distMatrix;
    const n = Math.round(Math.sqrt(D.length));
    const K = Float64Array.from(D, (v) => -0.5 * v * v);
    centerKernelInPlace(K, n);
    let total = 0;
    for (let t = 0; t < K.length; t++) total += K[t] * K[t];
    for (const lam of m.eigenvalues) total -= lam * lam;
    return Math.sqrt(total) / n;
  }

  /**
   * `isomap0, isomap1, …`.
   * @example iso.getFeatureNamesOut() // ['isomap0', 'isomap1']
   */
  getFeatureNamesOut(): string[] {
    return Array.from({ length: this.#m.eigenvalues.length }, (_, i) => `isomap${i}`);
  }

  protected getState(): Record<string, unknown> {
    const m = this.#model as IsomapModel;
    return {
      fitX: m.fitX,
      distMatrix: m.distMatrix,
      eigenvalues: m.eigenvalues,
      eigenvectors: m.eigenvectors,
      fitRows: m.centering.fitRows,
      fitAll: m.centering.fitAll,
    };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, `saved ${this.estimatorName}`);
    const fitRows = r.float64Array('fitRows');
    const n = fitRows.length;
    const eigenvalues = r.float64Array('eigenvalues');
    this.#model = {
      fitX: r.float64Array('fitX'),
      distMatrix: r.float64Array('distMatrix', n * n),
      eigenvalues,
      eigenvectors: r.float64Array('eigenvectors', n * eigenvalues.length),
      centering: { fitRows, fitAll: r.number('fitAll') },
    };
  }
}

/** `vectors · diag(√values)`, the training embedding. */
function embed(vectors: Float64Array, values: Float64Array, n: number): Float64Array {
  const k = values.length;
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) out[i * k + c] = vectors[i * k + c] * Math.sqrt(values[c]);
  return out;
}

/**
 * sklearn's `_fix_connected_components`: for every pair of components, an
 * edge (both ways) between their closest pair of points.
 */
function joinComponents(
  rows: Rows,
  graph: Csr,
  count: number,
  labels: Int32Array,
  metric: NeighborsMetricName,
  p: number,
): Csr {
  const members: number[][] = Array.from({ length: count }, () => []);
  for (let i = 0; i < rows.n; i++) members[labels[i]].push(i);
  const extra: [number, number, number][] = [];
  const sub = (idx: number[]): Rows => {
    const data = new Float64Array(idx.length * rows.d);
    for (let t = 0; t < idx.length; t++)
      data.set(rows.data.subarray(idx[t] * rows.d, (idx[t] + 1) * rows.d), t * rows.d);
    return { data, n: idx.length, d: rows.d };
  };
  for (let a = 0; a < count; a++) {
    const A = sub(members[a]);
    for (let b = 0; b < a; b++) {
      const B = sub(members[b]);
      const D = pairwiseDense(A, B, metric, p);
      let best = 0;
      for (let t = 1; t < D.length; t++) if (D[t] < D[best]) best = t;
      const i = members[a][Math.floor(best / B.n)];
      const j = members[b][best % B.n];
      extra.push([i, j, D[best]], [j, i, D[best]]);
    }
  }
  const { n, indptr, indices, data } = graph;
  const counts = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) counts[i + 1] = indptr[i + 1] - indptr[i];
  for (const [i] of extra) counts[i + 1]++;
  for (let i = 0; i < n; i++) counts[i + 1] += counts[i];
  const fill = counts.slice(0, n);
  const outInd = new Int32Array(counts[n]);
  const outData = new Float64Array(counts[n]);
  for (let i = 0; i < n; i++) {
    for (let t = indptr[i]; t < indptr[i + 1]; t++) {
      outInd[fill[i]] = indices[t];
      outData[fill[i]++] = data[t];
    }
  }
  for (const [i, j, w] of extra) {
    outInd[fill[i]] = j;
    outData[fill[i]++] = w;
  }
  return { n, indptr: counts, indices: outInd, data: outData };
}
