/**
 * `SpectralEmbedding`: Laplacian eigenmaps, scikit-learn 1.2's
 * `sklearn.manifold.SpectralEmbedding`.
 *
 * Affinities as sklearn: `'nearest_neighbors'` (the symmetrised
 * k-neighbours connectivity graph, self included, k =
 * `max(⌊n / 10⌋, 1)` unless given), `'rbf'` (`γ = 1 / nFeatures` unless
 * given), `'precomputed'` (X is the affinity matrix, dense or sparse) and
 * `'precomputed_nearest_neighbors'` (X is a distance matrix). The embedding
 * comes from `spectralEmbedding` (normalised Laplacian, first eigenvector
 * dropped, deterministic signs), solved densely: `eigenSolver` is accepted
 * for compatibility and all values give the same vectors.
 */
import { ValidationError } from '../base/errors.js';
import { BaseEstimator } from '../base/estimator.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import type { RandomState } from '../tensor/random.js';
import { SparseMatrix } from '../tensor/sparse.js';
import { Tensor } from '../tensor/tensor.js';
import { knnAffinity, precomputedKnn, rbfAffinity, symmetricConnectivity } from './affinity.js';
import { spectralEmbedding } from './spectral.js';

/** How {@link SpectralEmbedding} builds its affinity matrix. */
export type SpectralAffinity = 'nearest_neighbors' | 'rbf' | 'precomputed' | 'precomputed_nearest_neighbors';

/** Options of {@link SpectralEmbedding} (sklearn's parameters, camelCase). */
export interface SpectralEmbeddingParams {
  /** Embedding dimension. Default 2. */
  nComponents: number;
  /** Affinity; see the module doc. Default `'nearest_neighbors'`. */
  affinity: SpectralAffinity;
  /** RBF coefficient, `null` for 1 / nFeatures. Default `null`. */
  gamma: number | null;
  /** Unused by the dense solver (kept for sklearn compatibility). Default `undefined`. */
  randomState: RandomState | undefined;
  /** `null`, `'arpack'` or `'lobpcg'`: all solved densely. Default `null`. */
  eigenSolver: 'arpack' | 'lobpcg' | null;
  /** Eigen solver tolerance (unused by the dense solver). Default `'auto'`. */
  eigenTol: number | 'auto';
  /** Neighbours of the nearest-neighbours affinity, `null` for max(⌊n / 10⌋, 1). Default `null`. */
  nNeighbors: number | null;
}

const DEFAULTS: SpectralEmbeddingParams = {
  nComponents: 2,
  affinity: 'nearest_neighbors',
  gamma: null,
  randomState: undefined,
  eigenSolver: null,
  eigenTol: 'auto',
  nNeighbors: null,
};

/** Builds the dense affinity of rows `x` (`n x d`) for one of the {@link SpectralAffinity} kinds. */
export function buildAffinity(
  affinity: SpectralAffinity,
  x: Float64Array,
  n: number,
  d: number,
  nNeighbors: number,
  gamma: number,
): Float64Array {
  if (affinity === 'precomputed' || affinity === 'precomputed_nearest_neighbors') {
    if (n !== d) {
      throw new ValidationError(`With affinity='${affinity}', X must be a square matrix; got [${n}, ${d}]`, {
        expected: [n, n],
        got: [n, d],
      });
    }
    if (affinity === 'precomputed') return Float64Array.from(x);
    checkNeighbors(nNeighbors, n);
    return symmetricConnectivity(precomputedKnn(x, n, nNeighbors), n, nNeighbors);
  }
  const rows = { data: x, n, d };
  if (affinity === 'rbf') return rbfAffinity(rows, gamma);
  checkNeighbors(nNeighbors, n);
  return knnAffinity(rows, nNeighbors);
}

function checkNeighbors(k: number, n: number): void {
  if (k > n) {
    throw new ValidationError(`Expected nNeighbors <= nSamples, but nNeighbors = ${k}, nSamples = ${n}`, {
      param: 'nNeighbors',
      expected: `<= ${n}`,
      got: k,
    });
  }
}

/**
 * Spectral embedding: the eigenvectors of the normalised graph Laplacian of
 * an affinity graph over the rows. Like sklearn it has no `transform`.
 *
 * Fitted attributes: `embedding`, `affinityMatrix`, `nNeighborsUsed`,
 * `gammaUsed`, `nFeaturesIn`.
 *
 * @example
 * import { SpectralEmbedding } from 'typelearn/manifold';
 * const Y = await new SpectralEmbedding({ nComponents: 2, nNeighbors: 10 }).fitTransform(X);
 */
export class SpectralEmbedding extends BaseEstimator<SpectralEmbeddingParams> {
  static override readonly estimatorName = 'SpectralEmbedding';

  static override parameterConstraints: ParameterConstraints = {
    nComponents: [interval('int', 1, null, 'left')],
    affinity: [options(['nearest_neighbors', 'rbf', 'precomputed', 'precomputed_nearest_neighbors'])],
    gamma: [interval('real', 0, null, 'left'), null],
    randomState: ['randomState'],
    eigenSolver: [options(['arpack', 'lobpcg']), null],
    eigenTol: [interval('real', 0, null, 'left'), options(['auto'])],
    nNeighbors: [interval('int', 1, null, 'left'), null],
  };

  #embedding?: Float64Array;
  #affinity?: Float64Array;
  #nNeighbors?: number;
  #gamma?: number;

  /** @param options - see {@link SpectralEmbeddingParams}. */
  constructor(options: Partial<SpectralEmbeddingParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'other' };
  }

  /** The embedding, `nSamples x nComponents` (sklearn's `embedding_`). */
  get embedding(): Tensor {
    const e = this.fitted('embedding', this.#embedding);
    const k = this.params.nComponents;
    return new Tensor(e.slice(), [e.length / k, k]);
  }

  /** The affinity matrix used, dense `nSamples x nSamples` (sklearn's `affinity_matrix_`). */
  get affinityMatrix(): Tensor {
    const a = this.fitted('affinityMatrix', this.#affinity);
    const n = Math.round(Math.sqrt(a.length));
    return new Tensor(a.slice(), [n, n]);
  }

  /** Neighbours used by the nearest-neighbours affinity (sklearn's `n_neighbors_`), else `undefined`. */
  get nNeighborsUsed(): number | undefined {
    this.checkIsFitted('nNeighborsUsed');
    return this.#nNeighbors;
  }

  /** γ used by the RBF affinity (sklearn's `gamma_`), else `undefined`. */
  get gammaUsed(): number | undefined {
    this.checkIsFitted('gammaUsed');
    return this.#gamma;
  }

  protected fitImpl(X: MatrixLike, _y: Labels | undefined, opts: FitOptions): void {
    const { affinity, nComponents } = this.params;
    const sparseOk = affinity === 'precomputed' || affinity === 'precomputed_nearest_neighbors';
    const { X: raw } = this.validateData(X, undefined, { reset: true, minSamples: 2, allowSparse: sparseOk });
    const xt = raw instanceof SparseMatrix ? raw.toDense() : raw;
    const [n, d] = xt.shape;
    const nn = this.params.nNeighbors ?? Math.max(Math.floor(n / 10), 1);
    const gamma = this.params.gamma ?? 1 / d;
    const A = buildAffinity(affinity, xt.data as Float64Array, n, d, nn, gamma);
    this.throwIfAborted(opts.signal);
    this.#embedding = spectralEmbedding(A, n, { nComponents, dropFirst: true });
    this.#affinity = A;
    this.#nNeighbors = affinity.endsWith('nearest_neighbors') ? nn : undefined;
    this.#gamma = affinity === 'rbf' ? gamma : undefined;
  }

  /**
   * Fits and returns the embedding.
   * @example const Y = await new SpectralEmbedding().fitTransform(X);
   */
  async fitTransform(X: MatrixLike, y?: Labels, options?: FitOptions): Promise<Tensor> {
    await this.fit(X, y, options);
    return this.embedding;
  }

  protected getState(): Record<string, unknown> {
    const state: Record<string, unknown> = { embedding: this.#embedding, affinity: this.#affinity };
    if (this.#nNeighbors !== undefined) state.nNeighbors = this.#nNeighbors;
    if (this.#gamma !== undefined) state.gamma = this.#gamma;
    return state;
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, `saved ${this.estimatorName}`);
    const a = r.float64Array('affinity');
    const n = Math.round(Math.sqrt(a.length));
    this.#affinity = a;
    this.#embedding = r.float64Array('embedding', n * this.params.nComponents);
    this.#nNeighbors = r.has('nNeighbors') ? r.number('nNeighbors', { integer: true, min: 1 }) : undefined;
    this.#gamma = r.has('gamma') ? r.number('gamma') : undefined;
  }
}
