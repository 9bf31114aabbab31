/**
 * `LocallyLinearEmbedding`: scikit-learn 1.2's
 * `sklearn.manifold.LocallyLinearEmbedding`, methods `'standard'` (Roweis &
 * Saul) and `'ltsa'` (local tangent space alignment).
 *
 * As sklearn: neighbours exclude the sample itself; standard LLE builds
 * `M = (I - W)ᵀ(I - W)` from the regularised barycentric weights, LTSA sums
 * the local tangent projections; the embedding is the eigenvectors of `M`
 * for the 2nd to (nComponents + 1)-th smallest eigenvalues (the
 * reconstruction error is their sum). `transform` rebuilds new rows from
 * their neighbours' embeddings with barycentric weights.
 *
 * Differences: the eigenproblem is solved densely whatever `eigenSolver`
 * says, eigenvector signs are LAPACK-like (arbitrary, as in sklearn), and
 * `'hessian'` / `'modified'` are not implemented (they raise).
 */
import { ValidationError } from '../base/errors.js';
import { BaseEstimator } from '../base/estimator.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import { eighInPlace } from '../linalg/eigh.js';
import type { Rows } from '../neighbors/brute.js';
import type { RandomState } from '../tensor/random.js';
import { Tensor } from '../tensor/tensor.js';
import { barycenterWeights } from './barycenter.js';
import { kneighborsOf, type SearchAlgorithm } from './neighbors.js';

/** Options of {@link LocallyLinearEmbedding} (sklearn's parameters, camelCase). */
export interface LocallyLinearEmbeddingParams {
  /** Neighbours per point. Default 5. */
  nNeighbors: number;
  /** Embedding dimension (at most nFeatures). Default 2. */
  nComponents: number;
  /** Ridge factor of the barycentric weights. Default 1e-3. */
  reg: number;
  /** `'auto'`, `'arpack'` or `'dense'` (all solved densely). Default `'auto'`. */
  eigenSolver: 'auto' | 'arpack' | 'dense';
  /** ARPACK tolerance (unused). Default 1e-6. */
  tol: number;
  /** ARPACK iterations (unused). Default 100. */
  maxIter: number;
  /** `'standard'` or `'ltsa'` (`'hessian'`, `'modified'` not implemented). Default `'standard'`. */
  method: 'standard' | 'hessian' | 'modified' | 'ltsa';
  /** Hessian method tolerance (unused). Default 1e-4. */
  hessianTol: number;
  /** Modified method tolerance (unused). Default 1e-12. */
  modifiedTol: number;
  /** Neighbour search method. Default `'auto'`. */
  neighborsAlgorithm: SearchAlgorithm;
  /** Unused by the dense solver. Default `undefined`. */
  randomState: RandomState | undefined;
}

const DEFAULTS: LocallyLinearEmbeddingParams = {
  nNeighbors: 5,
  nComponents: 2,
  reg: 1e-3,
  eigenSolver: 'auto',
  tol: 1e-6,
  maxIter: 100,
  method: 'standard',
  hessianTol: 1e-4,
  modifiedTol: 1e-12,
  neighborsAlgorithm: 'auto',
  randomState: undefined,
};

/**
 * Locally linear embedding: keeps each point's reconstruction from its
 * neighbours in a low-dimensional embedding.
 *
 * Fitted attributes: `embedding`, `reconstructionError`, `nFeaturesIn`.
 *
 * @example
 * import { LocallyLinearEmbedding } from 'typelearn/manifold';
 * const lle = new LocallyLinearEmbedding({ nNeighbors: 10 });
 * const Y = await lle.fitTransform(X);
 * lle.transform(Xnew);
 */
export class LocallyLinearEmbedding extends BaseEstimator<LocallyLinearEmbeddingParams> {
  static override readonly estimatorName = 'LocallyLinearEmbedding';

  static override parameterConstraints: ParameterConstraints = {
    nNeighbors: [interval('int', 1, null, 'left')],
    nComponents: [interval('int', 1, null, 'left')],
    reg: [interval('real', 0, null, 'left')],
    eigenSolver: [options(['auto', 'arpack', 'dense'])],
    tol: [interval('real', 0, null, 'left')],
    maxIter: [interval('int', 1, null, 'left')],
    method: [options(['standard', 'hessian', 'modified', 'ltsa'])],
    hessianTol: [interval('real', 0, null, 'left')],
    modifiedTol: [interval('real', 0, null, 'left')],
    neighborsAlgorithm: [options(['auto', 'brute', 'kd_tree', 'ball_tree'])],
    randomState: ['randomState'],
  };

  #fitX?: Float64Array;
  #embedding?: Float64Array;
  #error?: number;

  /** @param options - see {@link LocallyLinearEmbeddingParams}. */
  constructor(options: Partial<LocallyLinearEmbeddingParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'transformer' };
  }

  /** The training rows' embedding, `nSamples x nComponents` (sklearn's `embedding_`). */
  get embedding(): Tensor {
    const e = this.fitted('embedding', this.#embedding);
    const k = this.params.nComponents;
    return new Tensor(e.slice(), [e.length / k, k]);
  }

  /** Sum of the kept eigenvalues of M (sklearn's `reconstruction_error_`). */
  get reconstructionError(): number {
    return this.fitted('reconstructionError', this.#error);
  }

  protected fitImpl(X: MatrixLike, _y: Labels | undefined, opts: FitOptions): void {
    const { X: xt } = this.validateData(X, undefined, { reset: true });
    const [n, d] = xt.shape;
    const { nNeighbors: k, nComponents: c, method, reg } = this.params;
    if (method === 'hessian' || method === 'modified') {
      throw new ValidationError(`method='${method}' is not implemented; use 'standard' or 'ltsa'`, {
        param: 'method',
        got: method,
      });
    }
    if (c > d) {
      throw new ValidationError(`output dimension (${c}) must be less than or equal to input dimension (${d})`, {
        param: 'nComponents',
        expected: `<= ${d}`,
        got: c,
      });
    }
    if (k >= n) {
      throw new ValidationError(`Expected nNeighbors < nSamples, but nSamples = ${n}, nNeighbors = ${k}`, {
        param: 'nNeighbors',
        expected: `< ${n}`,
        got: k,
      });
    }
    if (c + 1 > n) throw new ValidationError(`nComponents=${c} needs more than ${n} samples`);
    const x = Float64Array.from(xt.data as Float64Array);
    const rows: Rows = { data: x, n, d };
    const { ind } = kneighborsOf(rows, null, k, { algorithm: this.params.neighborsAlgorithm });
    const M = method === 'ltsa' ? ltsaMatrix(x, n, d, ind, k, c) : standardMatrix(x, n, d, ind, k, reg);
    this.throwIfAborted(opts.signal);
    const { w, v } = eighInPlace(M, n, true);
    const V = v as Float64Array;
    // Eigenpairs 1..c (0 is the constant vector), ordered by |eigenvalue| as sklearn's dense null_space.
    const idx = Array.from({ length: c }, (_, t) => t + 1).sort((a, b) => Math.abs(w[a]) - Math.abs(w[b]));
    const emb = new Float64Array(n * c);
    let err = 0;
    idx.forEach((src, col) => {
      err += w[src];
      for (let i = 0; i < n; i++) emb[i * c + col] = V[i * n + src];
    });
    this.#fitX = x;
    this.#embedding = emb;
    this.#error = err;
  }

  /**
   * Fits and returns the embedding.
   * @example const Y = await new LocallyLinearEmbedding({ nNeighbors: 10 }).fitTransform(X);
   */
  async fitTransform(X: MatrixLike, y?: Labels, options?: FitOptions): Promise<Tensor> {
    await this.fit(X, y, options);
    return this.embedding;
  }

  /**
   * Embeds new rows as the barycentric combination of their neighbours' embeddings.
   * @example lle.transform([[0, 1, 2]]).shape // [1, nComponents]
   */
  transform(X: MatrixLike): Tensor {
    this.checkIsFitted();
    const fitX = this.fitted('embedding', this.#fitX);
    const emb = this.fitted('embedding', this.#embedding);
    const { X: xt } = this.validateData(X, undefined, { reset: false });
    const [q, d] = xt.shape;
    const n = fitX.length / d;
    const { nNeighbors: k, nComponents: c, reg } = this.params;
    const query = xt.data as Float64Array;
    const { ind } = kneighborsOf({ data: fitX, n, d }, { data: query, n: q, d }, k, {
      algorithm: this.params.neighborsAlgorithm,
    });
    const W = barycenterWeights(query, q, d, fitX, ind, k, reg);
    const out = new Float64Array(q * c);
    for (let i = 0; i < q; i++) {
      for (let t = 0; t < k; t++) {
        const w = W[i * k + t];
        const r = ind[i * k + t];
        for (let col = 0; col < c; col++) out[i * c + col] += w * emb[r * c + col];
      }
    }
    return new Tensor(out, [q, c]);
  }

  /**
   * `locallylinearembedding0, …`.
   * @example lle.getFeatureNamesOut() // ['locallylinearembedding0', 'locallylinearembedding1']
   */
  getFeatureNamesOut(): string[] {
    this.checkIsFitted();
    return Array.from({ length: this.params.nComponents }, (_, i) => `locallylinearembedding${i}`);
  }

  protected getState(): Record<string, unknown> {
    return { fitX: this.#fitX, embedding: this.#embedding, error: this.#error };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, `saved ${this.estimatorName}`);
    const emb = r.float64Array('embedding');
    this.#embedding = emb;
    this.#fitX = r.float64Array('fitX');
    this.#error = r.number('error');
  }
}

/** `M = (I - W)ᵀ(I - W)` of standard LLE, dense `n x n`. */
function standardMatrix(x: Float64Array, n: number, d: number, ind: Int32Array, k: number, reg: number): Float64Array {
  const W = barycenterWeights(x, n, d, x, ind, k, reg);
  const M = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    M[i * n + i] += 1;
    for (let a = 0; a < k; a++) {
      const ja = ind[i * k + a];
      const wa = W[i * k + a];
      M[i * n + ja] -= wa;
      M[ja * n + i] -= wa;
      for (let b = 0; b < k; b++) M[ja * n + ind[i * k + b]] += wa * W[i * k + b];
    }
  }
  return M;
}

/** The alignment matrix of LTSA, dense `n x n`. */
function ltsaMatrix(x: Float64Array, n: number, d: number, ind: Int32Array, k: number, c: number): Float64Array {
  const M = new Float64Array(n * n);
  const Xi = new Float64Array(k * d);
  const C = new Float64Array(k * k);
  const G = new Float64Array(k * (c + 1));
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    mean.fill(0);
    for (let a = 0; a < k; a++) for (let f = 0; f < d; f++) mean[f] += x[ind[i * k + a] * d + f] / k;
    for (let a = 0; a < k; a++) for (let f = 0; f < d; f++) Xi[a * d + f] = x[ind[i * k + a] * d + f] - mean[f];
    for (let a = 0; a < k; a++) {
      for (let b = a; b < k; b++) {
        let s = 0;
        for (let f = 0; f < d; f++) s += Xi[a * d + f] * Xi[b * d + f];
        C[a * k + b] = s;
        C[b * k + a] = s;
      }
    }
    // The c leading left singular vectors of Xi are the top eigenvectors of Xi Xiᵀ.
    const { v } = eighInPlace(C, k, true);
    const V = v as Float64Array;
    for (let a = 0; a < k; a++) {
      G[a * (c + 1)] = 1 / Math.sqrt(k);
      for (let col = 0; col < c; col++) G[a * (c + 1) + col + 1] = V[a * k + (k - 1 - col)];
    }
    for (let a = 0; a < k; a++) {
      const ra = ind[i * k + a];
      for (let b = 0; b < k; b++) {
        let s = 0;
        for (let t = 0; t <= c; t++) s += G[a * (c + 1) + t] * G[b * (c + 1) + t];
        M[ra * n + ind[i * k + b]] -= s;
      }
      M[ra * n + ra] += 1;
    }
  }
  return M;
}
