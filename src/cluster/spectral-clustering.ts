/**
 * `SpectralClustering`: scikit-learn 1.2's `sklearn.cluster.SpectralClustering`.
 *
 * As sklearn: an affinity matrix (`'rbf'` with `gamma` 1.0 by default,
 * `'nearest_neighbors'`, `'precomputed'`, `'precomputed_nearest_neighbors'`,
 * or the kernels `'linear'`, `'poly'`/`'polynomial'`, `'sigmoid'`,
 * `'cosine'`), its spectral embedding with `nComponents` (default
 * `nClusters`) eigenvectors, the first kept (`typelearn/manifold`'s
 * `spectralEmbedding`), then labels by k-means (`nInit` runs), by Yu & Shi's
 * discretisation, or by the deterministic `cluster_qr` (Damle et al.).
 *
 * Differences: seeded k-means and discretisation draw from typelearn's
 * generator, so label *numbers* may differ from sklearn's for the same seed
 * (the partitions agree); `cluster_qr` is deterministic and matches exactly.
 * The eigenproblem is solved densely; `eigenSolver` is accepted for
 * compatibility.
 */
import { ValidationError } from '../base/errors.js';
import { BaseEstimator } from '../base/estimator.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import { TypelearnWarning, warn } from '../base/warnings.js';
import { svdInPlace } from '../linalg/svd.js';
import { knnAffinity, precomputedKnn, rbfAffinity, symmetricConnectivity } from '../manifold/affinity.js';
import { spectralEmbedding } from '../manifold/spectral.js';
import { cosineSimilarity, linearKernel, polynomialKernel, sigmoidKernel } from '../metrics/pairwise/kernels.js';
import { checkRandomState, type RandomGenerator, type RandomState } from '../tensor/random.js';
import { SparseMatrix } from '../tensor/sparse.js';
import { Tensor } from '../tensor/tensor.js';
import { int32State } from './cluster-utils.js';
import { KMeans } from './kmeans.js';

/** How {@link SpectralClustering} builds its affinity matrix. */
export type SpectralClusteringAffinity =
  | 'rbf'
  | 'nearest_neighbors'
  | 'precomputed'
  | 'precomputed_nearest_neighbors'
  | 'linear'
  | 'poly'
  | 'polynomial'
  | 'sigmoid'
  | 'cosine';

/** Options of {@link SpectralClustering} (sklearn's parameters, camelCase). */
export interface SpectralClusteringParams {
  /** Number of clusters. Default 8. */
  nClusters: number;
  /** `null`, `'arpack'` or `'lobpcg'`: all solved densely. Default `null`. */
  eigenSolver: 'arpack' | 'lobpcg' | null;
  /** Eigenvectors used, `null` for `nClusters`. Default `null`. */
  nComponents: number | null;
  /** Seed or generator for k-means / discretisation. Default `undefined`. */
  randomState: RandomState | undefined;
  /** k-means runs. Default 10. */
  nInit: number;
  /** Kernel coefficient of rbf, poly and sigmoid. Default 1.0. */
  gamma: number;
  /** Affinity; see the module doc. Default `'rbf'`. */
  affinity: SpectralClusteringAffinity;
  /** Neighbours of the nearest-neighbours affinities. Default 10. */
  nNeighbors: number;
  /** Eigen solver tolerance (unused by the dense solver). Default `'auto'`. */
  eigenTol: number | 'auto';
  /** `'kmeans'` (default), `'discretize'` or `'cluster_qr'`. */
  assignLabels: 'kmeans' | 'discretize' | 'cluster_qr';
  /** Degree of the polynomial kernel. Default 3. */
  degree: number;
  /** Offset of the polynomial and sigmoid kernels. Default 1. */
  coef0: number;
}

const DEFAULTS: SpectralClusteringParams = {
  nClusters: 8,
  eigenSolver: null,
  nComponents: null,
  randomState: undefined,
  nInit: 10,
  gamma: 1.0,
  affinity: 'rbf',
  nNeighbors: 10,
  eigenTol: 'auto',
  assignLabels: 'kmeans',
  degree: 3,
  coef0: 1,
};

/**
 * Labels from spectral maps (`n x k`) by Damle, Minden & Ying's column-pivoted
 * QR method (sklearn's `cluster_qr`): deterministic, no random state.
 * @example clusterQr(maps, n, 3) // Int32Array of labels in [0, 3)
 */
export function clusterQr(vectors: Float64Array, n: number, k: number): Int32Array {
  // Pivots of QR with column pivoting of vectorsᵀ: greedily the row of largest residual norm.
  const work = vectors.slice();
  const norms = new Float64Array(n);
  const chosen = new Uint8Array(n);
  const piv = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let c = 0; c < k; c++) s += work[i * k + c] ** 2;
    norms[i] = s;
  }
  const q = new Float64Array(k);
  for (let step = 0; step < k; step++) {
    let p = -1;
    for (let i = 0; i < n; i++) if (!chosen[i] && (p < 0 || norms[i] > norms[p])) p = i;
    piv[step] = p;
    chosen[p] = 1;
    const len = Math.sqrt(norms[p]);
    if (len === 0) continue;
    for (let c = 0; c < k; c++) q[c] = work[p * k + c] / len;
    for (let i = 0; i < n; i++) {
      if (chosen[i]) continue;
      let r = 0;
      for (let c = 0; c < k; c++) r += work[i * k + c] * q[c];
      let s = 0;
      for (let c = 0; c < k; c++) {
        work[i * k + c] -= r * q[c];
        s += work[i * k + c] ** 2;
      }
      norms[i] = s;
    }
  }
  // M = vectors[piv]ᵀ; with M = U S Vh the rotation is U Vh.
  const M = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) M[a * k + b] = vectors[piv[b] * k + a];
  const { u, vt } = svdInPlace(M, k, k, true, false);
  const R = matmulSquare(u as Float64Array, vt as Float64Array, k);
  return argmaxRows(vectors, n, k, R, true);
}

/** `a · b` for `k x k` row-major matrices. */
function matmulSquare(a: Float64Array, b: Float64Array, k: number): Float64Array {
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++)
    for (let t = 0; t < k; t++) {
      const v = a[i * k + t];
      for (let j = 0; j < k; j++) out[i * k + j] += v * b[t * k + j];
    }
  return out;
}

/** Per row of `vectors · R` (`n x k` times `k x k`), the column of the largest (absolute) value. */
function argmaxRows(vectors: Float64Array, n: number, k: number, R: Float64Array, abs: boolean): Int32Array {
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let c = 0; c < k; c++) s += vectors[i * k + c] * R[c * k + j];
      if (abs) s = Math.abs(s);
      if (s > best) {
        best = s;
        labels[i] = j;
      }
    }
  }
  return labels;
}

/**
 * Labels from spectral maps (`n x k`) by Yu & Shi's multiclass discretisation
 * (sklearn's `discretize`): alternate between the discrete partition nearest
 * to the rotated maps and the rotation (an SVD) nearest to the partition.
 * @example discretize(maps, n, 3, new RandomGenerator(0))
 */
export function discretize(maps: Float64Array, n: number, k: number, rng: RandomGenerator): Int32Array {
  const eps = 2 ** -52;
  const v = maps.slice();
  const normOnes = Math.sqrt(n);
  for (let c = 0; c < k; c++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += v[i * k + c] ** 2;
    const f = normOnes / Math.sqrt(s);
    const sign = v[c] === 0 ? 1 : -Math.sign(v[c]);
    for (let i = 0; i < n; i++) v[i * k + c] *= f * sign;
  }
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let c = 0; c < k; c++) s += v[i * k + c] ** 2;
    const f = 1 / Math.sqrt(s);
    for (let c = 0; c < k; c++) v[i * k + c] *= f;
  }
  const maxRestarts = 30;
  const maxIter = 20;
  let labels: Int32Array = new Int32Array(n);
  for (let restart = 0; restart < maxRestarts; restart++) {
    // Initial rotation: a random row, then rows most orthogonal to those already taken.
    const R = new Float64Array(k * k);
    const first = rng.integers(0, n);
    for (let a = 0; a < k; a++) R[a * k] = v[first * k + a];
    const cost = new Float64Array(n);
    for (let j = 1; j < k; j++) {
      let best = 0;
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let a = 0; a < k; a++) s += v[i * k + a] * R[a * k + j - 1];
        cost[i] += Math.abs(s);
        if (cost[i] < cost[best]) best = i;
      }
      for (let a = 0; a < k; a++) R[a * k + j] = v[best * k + a];
    }
    let last = 0;
    let rot = R;
    for (let iter = 1; ; iter++) {
      labels = argmaxRows(v, n, k, rot, false);
      const T = new Float64Array(k * k);
      for (let i = 0; i < n; i++) for (let a = 0; a < k; a++) T[labels[i] * k + a] += v[i * k + a];
      let svd: ReturnType<typeof svdInPlace>;
      try {
        svd = svdInPlace(T, k, k, true, false);
      } catch {
        break;
      }
      let sum = 0;
      for (const s of svd.s) sum += s;
      const ncut = 2 * (n - sum);
      if (Math.abs(ncut - last) < eps || iter > maxIter) return labels;
      last = ncut;
      // rotation = Vhᵀ Uᵀ.
      const U = svd.u as Float64Array;
      const Vt = svd.vt as Float64Array;
      rot = new Float64Array(k * k);
      for (let a = 0; a < k; a++)
        for (let b = 0; b < k; b++) {
          let s = 0;
          for (let t = 0; t < k; t++) s += Vt[t * k + a] * U[b * k + t];
          rot[a * k + b] = s;
        }
    }
  }
  throw new ValidationError('SVD did not converge in discretize');
}

/**
 * Spectral clustering: clusters the rows through the leading eigenvectors of
 * the normalised Laplacian of an affinity graph, which finds non-convex
 * clusters (rings, moons) that k-means misses.
 *
 * Fitted attributes: `labels`, `affinityMatrix`, `nFeaturesIn`.
 *
 * @example
 * import { SpectralClustering } from 'typelearn/cluster';
 * const sc = await new SpectralClustering({ nClusters: 2, affinity: 'nearest_neighbors', randomState: 0 }).fit(X);
 * sc.labels; // Int32Array, one cluster per row
 */
export class SpectralClustering extends BaseEstimator<SpectralClusteringParams> {
  static override readonly estimatorName = 'SpectralClustering';

  static override parameterConstraints: ParameterConstraints = {
    nClusters: [interval('int', 1, null, 'left')],
    eigenSolver: [options(['arpack', 'lobpcg']), null],
    nComponents: [interval('int', 1, null, 'left'), null],
    randomState: ['randomState'],
    nInit: [interval('int', 1, null, 'left')],
    gamma: [interval('real', 0, null, 'left')],
    affinity: [
      options([
        'rbf',
        'nearest_neighbors',
        'precomputed',
        'precomputed_nearest_neighbors',
        'linear',
        'poly',
        'polynomial',
        'sigmoid',
        'cosine',
      ]),
    ],
    nNeighbors: [interval('int', 1, null, 'left')],
    eigenTol: [interval('real', 0, null, 'left'), options(['auto'])],
    assignLabels: [options(['kmeans', 'discretize', 'cluster_qr'])],
    degree: [interval('real', 0, null, 'left')],
    coef0: [interval('real', null, null, 'neither')],
  };

  #labels?: Int32Array;
  #affinity?: Float64Array;

  /** @param options - see {@link SpectralClusteringParams}. */
  constructor(options: Partial<SpectralClusteringParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'clusterer' };
  }

  /** Cluster of each training row (sklearn's `labels_`). */
  get labels(): Int32Array {
    return this.fitted('labels', this.#labels).slice();
  }

  /** The affinity matrix used, dense `nSamples x nSamples` (sklearn's `affinity_matrix_`). */
  get affinityMatrix(): Tensor {
    const a = this.fitted('affinityMatrix', this.#affinity);
    const n = Math.round(Math.sqrt(a.length));
    return new Tensor(a.slice(), [n, n]);
  }

  protected async fitImpl(X: MatrixLike, _y: Labels | undefined, opts: FitOptions): Promise<void> {
    const p = this.params;
    const precomputed = p.affinity === 'precomputed' || p.affinity === 'precomputed_nearest_neighbors';
    const { X: raw } = this.validateData(X, undefined, { reset: true, minSamples: 2, allowSparse: precomputed });
    const xt = raw instanceof SparseMatrix ? raw.toDense() : raw;
    const [n, d] = xt.shape;
    const x = xt.data as Float64Array;
    if (n === d && !precomputed) {
      warn(
        new TypelearnWarning(
          'The spectral clustering API has changed. fit now constructs an affinity matrix from data. To use a custom affinity matrix, set affinity: "precomputed".',
        ),
      );
    }
    const k = p.nComponents ?? p.nClusters;
    if (p.nClusters > n || k > n) {
      throw new ValidationError(`nClusters=${p.nClusters} (nComponents=${k}) must be at most nSamples=${n}`, {
        param: 'nClusters',
        expected: `<= ${n}`,
        got: p.nClusters,
      });
    }
    const A = this.#affinityOf(xt, x, n, d);
    this.throwIfAborted(opts.signal);
    const maps = spectralEmbedding(A, n, { nComponents: k, dropFirst: false });
    const rng = checkRandomState(p.randomState);
    let labels: Int32Array;
    if (p.assignLabels === 'cluster_qr') labels = clusterQr(maps, n, k);
    else if (p.assignLabels === 'discretize') labels = discretize(maps, n, k, rng);
    else {
      const km = await new KMeans({ nClusters: p.nClusters, nInit: p.nInit, randomState: rng }).fit(
        new Tensor(maps, [n, k]),
        undefined,
        { signal: opts.signal },
      );
      labels = km.labels;
    }
    this.#labels = labels;
    this.#affinity = A;
  }

  #affinityOf(xt: Tensor, x: Float64Array, n: number, d: number): Float64Array {
    const p = this.params;
    switch (p.affinity) {
      case 'precomputed':
      case 'precomputed_nearest_neighbors': {
        if (n !== d) {
          throw new ValidationError(`With affinity='${p.affinity}', X must be square; got [${n}, ${d}]`, {
            expected: [n, n],
            got: [n, d],
          });
        }
        if (p.affinity === 'precomputed') return Float64Array.from(x);
        if (p.nNeighbors > n) throw new ValidationError(`nNeighbors=${p.nNeighbors} > nSamples=${n}`);
        return symmetricConnectivity(precomputedKnn(x, n, p.nNeighbors), n, p.nNeighbors);
      }
      case 'nearest_neighbors':
        if (p.nNeighbors > n) throw new ValidationError(`nNeighbors=${p.nNeighbors} > nSamples=${n}`);
        return knnAffinity({ data: x, n, d }, p.nNeighbors);
      case 'rbf':
        return rbfAffinity({ data: x, n, d }, p.gamma);
      case 'linear':
        return Float64Array.from(linearKernel(xt).data);
      case 'poly':
      case 'polynomial':
        return Float64Array.from(polynomialKernel(xt, null, { gamma: p.gamma, degree: p.degree, coef0: p.coef0 }).data);
      case 'sigmoid':
        return Float64Array.from(sigmoidKernel(xt, null, { gamma: p.gamma, coef0: p.coef0 }).data);
      case 'cosine':
        return Float64Array.from(cosineSimilarity(xt).data);
    }
  }

  /**
   * Fits and returns the labels.
   * @example await new SpectralClustering({ nClusters: 3, randomState: 0 }).fitPredict(X)
   */
  async fitPredict(X: MatrixLike, y?: Labels, options?: FitOptions): Promise<Int32Array> {
    await this.fit(X, y, options);
    return this.labels;
  }

  protected getState(): Record<string, unknown> {
    return { labels: this.#labels, affinity: this.#affinity };
  }

  protected setState(state: Record<string, unknown>): void {
    const where = `saved ${this.estimatorName}`;
    const labels = int32State(state, 'labels', where);
    const a = state.affinity;
    if (!(a instanceof Float64Array) || a.length !== labels.length * labels.length) {
      throw new ValidationError(`${where}: affinity must be a Float64Array of ${labels.length}² values`);
    }
    this.#labels = labels;
    this.#affinity = a;
  }
}
