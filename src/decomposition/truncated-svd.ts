/**
 * `TruncatedSVD`: scikit-learn's `sklearn.decomposition.TruncatedSVD` (LSA):
 * the leading singular vectors of `X` itself, not centred, so sparse
 * matrices (term counts, TF-IDF) stay sparse.
 *
 * `algorithm: 'randomized'` (default) is sklearn's randomized SVD;
 * `'arpack'` computes the exact leading triplets — not with ARPACK but with
 * a full decomposition of the smaller side (a dense SVD for dense input, the
 * eigendecomposition of the `min(m, n)`-sized Gram matrix for sparse input),
 * which gives ARPACK's answer to rounding for the moderate widths this is used on.
 * Signs follow sklearn's `svd_flip` (u-based).
 */
import { ValidationError } from '../base/errors.js';
import { BaseEstimator } from '../base/estimator.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import { eighInPlace } from '../linalg/eigh.js';
import { svdInPlace } from '../linalg/svd.js';
import { gemm } from '../tensor/kernels/gemm.js';
import { checkRandomState, type RandomState } from '../tensor/random.js';
import { SparseMatrix } from '../tensor/sparse.js';
import { Tensor } from '../tensor/tensor.js';
import {
  denseOperator,
  type LinearOperator,
  type PowerIterationNormalizer,
  randomizedSvd,
  sparseOperator,
} from './randomized-svd.js';
import { svdFlip } from './svd-flip.js';

/** Options of {@link TruncatedSVD}. */
export interface TruncatedSVDParams {
  /** Number of components. Default 2. */
  nComponents: number;
  /** `'randomized'` (default) or `'arpack'` (exact; see module doc). */
  algorithm: 'randomized' | 'arpack';
  /** Power iterations of the randomized solver. Default 5. */
  nIter: number;
  /** Extra sketch columns. Default 10. */
  nOversamples: number;
  /** Power-iteration normaliser. Default `'auto'`. */
  powerIterationNormalizer: PowerIterationNormalizer;
  /** Seed. Default `undefined`. */
  randomState: RandomState | undefined;
  /** Accepted for sklearn compatibility (ARPACK's tolerance); the exact solver ignores it. Default 0. */
  tol: number;
}

const DEFAULTS: TruncatedSVDParams = {
  nComponents: 2,
  algorithm: 'randomized',
  nIter: 5,
  nOversamples: 10,
  powerIterationNormalizer: 'auto',
  randomState: undefined,
  tol: 0,
};

/** Exact leading `k` right singular vectors (`k x n`) and values of the operator. */
function exactTop(op: LinearOperator, dense: Float64Array | null, k: number): { vt: Float64Array; s: Float64Array } {
  const { rows: m, cols: n } = op;
  if (dense) {
    const { u, s, vt } = svdInPlace(dense.slice(), m, n, true, false);
    const r = Math.min(m, n);
    svdFlip(u, m, r, vt as Float64Array, n, true);
    return { vt: (vt as Float64Array).slice(0, k * n), s: s.slice(0, k) };
  }
  // Sparse: Gram matrix of the narrower side, via products with the identity.
  const vt = new Float64Array(k * n);
  const s = new Float64Array(k);
  if (n <= m) {
    const eye = new Float64Array(n * n);
    for (let i = 0; i < n; i++) eye[i * n + i] = 1;
    const g = op.tmul(op.mul(eye, n), n);
    const { w, v } = eighInPlace(g, n, true);
    for (let c = 0; c < k; c++) {
      const src = n - 1 - c;
      s[c] = Math.sqrt(Math.max(w[src], 0));
      for (let f = 0; f < n; f++) vt[c * n + f] = (v as Float64Array)[f * n + src];
    }
  } else {
    const eye = new Float64Array(m * m);
    for (let i = 0; i < m; i++) eye[i * m + i] = 1;
    const g = op.mul(op.tmul(eye, m), m);
    const { w, v } = eighInPlace(g, m, true);
    const uk = new Float64Array(m * k);
    for (let c = 0; c < k; c++) {
      const src = m - 1 - c;
      s[c] = Math.sqrt(Math.max(w[src], 0));
      for (let i = 0; i < m; i++) uk[i * k + c] = (v as Float64Array)[i * m + src];
    }
    const atu = op.tmul(uk, k);
    for (let c = 0; c < k; c++) {
      const inv = s[c] > 0 ? 1 / s[c] : 0;
      for (let f = 0; f < n; f++) vt[c * n + f] = atu[f * k + c] * inv;
    }
  }
  const xv = op.mul(transpose(vt, k, n), k);
  svdFlip(null, m, k, vt, n, true, xv);
  return { vt, s };
}

function transpose(a: Float64Array, r: number, c: number): Float64Array {
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = a[i * c + j];
  return out;
}

/** Population variance of each column of an `m x k` buffer. */
function columnVariances(a: Float64Array, m: number, k: number): Float64Array {
  const out = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    let mean = 0;
    for (let i = 0; i < m; i++) mean += a[i * k + c];
    mean /= m;
    let v = 0;
    for (let i = 0; i < m; i++) v += (a[i * k + c] - mean) ** 2;
    out[c] = v / m;
  }
  return out;
}

/**
 * Dimensionality reduction by truncated SVD (latent semantic analysis for
 * text). Accepts a `SparseMatrix`.
 *
 * Fitted attributes: `components` (`nComponents x nFeatures`),
 * `singularValues`, `explainedVariance`, `explainedVarianceRatio`.
 *
 * @example
 * import { TruncatedSVD } from 'typelearn/decomposition';
 * const svd = await new TruncatedSVD({ nComponents: 2, randomState: 0 }).fit(tfidf);
 * svd.transform(tfidf).shape; // [nDocuments, 2]
 */
export class TruncatedSVD extends BaseEstimator<TruncatedSVDParams> {
  static override readonly estimatorName = 'TruncatedSVD';

  static override parameterConstraints: ParameterConstraints = {
    nComponents: [interval('int', 1, null, 'left')],
    algorithm: [options(['randomized', 'arpack'])],
    nIter: [interval('int', 0, null, 'left')],
    nOversamples: [interval('int', 1, null, 'left')],
    powerIterationNormalizer: [options(['auto', 'QR', 'LU', 'none'])],
    randomState: ['randomState'],
    tol: [interval('real', 0, null, 'left')],
  };

  #components?: Float64Array;
  #singular?: Float64Array;
  #ev?: Float64Array;
  #ratio?: Float64Array;

  /** @param options - see {@link TruncatedSVDParams}. */
  constructor(options: Partial<TruncatedSVDParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return {
      ...super.estimatorTags(),
      estimatorType: 'transformer',
      sparseInput: true,
      X_types: ['2darray', 'sparse'],
    };
  }

  #operator(X: Tensor | SparseMatrix): { op: LinearOperator; dense: Float64Array | null } {
    if (X instanceof SparseMatrix) return { op: sparseOperator(X), dense: null };
    const data = X.data as Float64Array;
    return { op: denseOperator(data, X.shape[0], X.shape[1]), dense: data };
  }

  protected fitImpl(X: MatrixLike, _y: Labels | undefined, _opts: FitOptions): void {
    const { X: xv } = this.validateData(X, undefined, { reset: true, allowSparse: true });
    const [m, n] = xv.shape;
    const k = this.params.nComponents;
    const { op, dense } = this.#operator(xv);
    let vt: Float64Array;
    let s: Float64Array;
    if (this.params.algorithm === 'arpack') {
      if (k >= Math.min(m, n)) {
        throw new ValidationError(
          `nComponents=${k} must be < min(n_samples, n_features)=${Math.min(m, n)} with algorithm='arpack'`,
          { param: 'nComponents', expected: `< ${Math.min(m, n)}`, got: k },
        );
      }
      ({ vt, s } = exactTop(op, dense, k));
    } else {
      if (k > n) {
        throw new ValidationError(`nComponents(${k}) must be <= n_features(${n}).`, {
          param: 'nComponents',
          expected: `<= ${n}`,
          got: k,
        });
      }
      const r = randomizedSvd(op, k, checkRandomState(this.params.randomState), {
        nIter: this.params.nIter,
        nOversamples: this.params.nOversamples,
        powerIterationNormalizer: this.params.powerIterationNormalizer,
      });
      vt = r.vt;
      s = r.s;
    }
    const kk = s.length;
    const z = op.mul(transpose(vt, kk, n), kk);
    const ev = columnVariances(z, m, kk);
    // Total variance of X's columns (sparse: from column sums of x and x²).
    let full = 0;
    if (dense) for (const v of columnVariances(dense, m, n)) full += v;
    else {
      const sp = xv as SparseMatrix;
      const sum = new Float64Array(n);
      const sq = new Float64Array(n);
      for (let p = 0; p < sp.data.length; p++) {
        sum[sp.indices[p]] += sp.data[p];
        sq[sp.indices[p]] += sp.data[p] * sp.data[p];
      }
      for (let f = 0; f < n; f++) full += sq[f] / m - (sum[f] / m) ** 2;
    }
    this.#components = vt;
    this.#singular = s;
    this.#ev = ev;
    this.#ratio = ev.map((v) => v / full);
  }

  /** Right singular vectors, `nComponents x nFeatures`. */
  get components(): Tensor {
    const c = this.fitted('components', this.#components);
    return new Tensor(c.slice(), [c.length / this.nFeaturesIn, this.nFeaturesIn]);
  }

  /** Leading singular values, descending. */
  get singularValues(): Float64Array {
    return this.fitted('singularValues', this.#singular).slice();
  }

  /** Variance of each column of the training projection. */
  get explainedVariance(): Float64Array {
    return this.fitted('explainedVariance', this.#ev).slice();
  }

  /** {@link explainedVariance} over the total variance of `X`. */
  get explainedVarianceRatio(): Float64Array {
    return this.fitted('explainedVarianceRatio', this.#ratio).slice();
  }

  /**
   * `X · componentsᵀ` (dense or sparse `X`).
   * @example svd.transform(X)
   */
  transform(X: MatrixLike): Tensor {
    this.checkIsFitted();
    const vt = this.fitted('components', this.#components);
    const { X: xv } = this.validateData(X, undefined, { reset: false, allowSparse: true });
    const n = xv.shape[1];
    const k = vt.length / n;
    const z = this.#operator(xv).op.mul(transpose(vt, k, n), k);
    return new Tensor(z, [xv.shape[0], k]);
  }

  /**
   * Fits, then transforms.
   * @example await new TruncatedSVD({ nComponents: 5 }).fitTransform(X)
   */
  async fitTransform(X: MatrixLike, y?: Labels, options?: FitOptions): Promise<Tensor> {
    await this.fit(X, y, options);
    return this.transform(X);
  }

  /**
   * Maps scores back to the input space: `Z · components`.
   * @example svd.inverseTransform(svd.transform(X))
   */
  inverseTransform(Z: Tensor | number[][]): Tensor {
    const vt = this.fitted('components', this.#components);
    const n = this.nFeaturesIn;
    const k = vt.length / n;
    const z = Z instanceof Tensor ? Float64Array.from(Z.data as ArrayLike<number>) : Float64Array.from(Z.flat());
    const rows = z.length / k;
    if (!Number.isInteger(rows)) throw new ValidationError(`inverseTransform expects ${k} columns`);
    const out = new Float64Array(rows * n);
    gemm(false, false, rows, n, k, 1, z, k, vt, n, 0, out, n);
    return new Tensor(out, [rows, n]);
  }

  /**
   * `truncatedsvd0`, `truncatedsvd1`, …
   * @example svd.getFeatureNamesOut()
   */
  getFeatureNamesOut(): string[] {
    const k = this.fitted('singularValues', this.#singular).length;
    return Array.from({ length: k }, (_, i) => `truncatedsvd${i}`);
  }

  protected getState(): Record<string, unknown> {
    return { components: this.#components, singular: this.#singular, ev: this.#ev, ratio: this.#ratio };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, 'saved TruncatedSVD');
    this.#singular = r.float64Array('singular');
    const k = this.#singular.length;
    this.#components = r.float64Array('components');
    this.#ev = r.float64Array('ev', k);
    this.#ratio = r.float64Array('ratio', k);
  }
}
