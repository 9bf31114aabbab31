/**
 * `SparsePCA`: scikit-learn's `sklearn.decomposition.SparsePCA` — components
 * with few non-zero loadings, found as sklearn does by dictionary learning on
 * the transposed, centred data (`dict_learning(Xcᵀ)`: the sparse code of the
 * features is the components), sign-fixed by `svd_flip` on the dictionary
 * and normalised to unit rows. `transform` is ridge regression of the centred
 * data on the components (`ridgeAlpha`, Cholesky).
 *
 * Only `method: 'cd'` (sklearn's default `'lars'` is not implemented). From
 * the same `UInit` / `VInit` the iterations follow sklearn's; without them
 * the start is the SVD of `Xcᵀ`, as in sklearn.
 */
import { ValidationError } from '../base/errors.js';
import { BaseEstimator } from '../base/estimator.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import { checkArray } from '../base/validation.js';
import { choleskyInPlace, choleskySolveInPlace } from '../linalg/cholesky.js';
import { gemm } from '../tensor/kernels/gemm.js';
import { checkRandomState, type RandomState } from '../tensor/random.js';
import { Tensor } from '../tensor/tensor.js';
import { dictLearning, initMatrix } from './dictionary-learning.js';
import { MiniBatchDictionaryLearning, miniBatchDictLearning } from './minibatch-dictionary-learning.js';
import { sparseEncodeRaw } from './sparse-coding.js';
import { svdFlip } from './svd-flip.js';

/** Options of {@link SparsePCA}. */
export interface SparsePCAParams extends BaseSparsePCAParams {
  /** Maximum iterations. Default 1000. */
  maxIter: number;
  /** Relative cost-decrease tolerance. Default 1e-8. */
  tol: number;
  /** Only `'cd'` (coordinate-descent lasso). Default `'cd'`. */
  method: 'cd';
  /** Initial scores, `nSamples x nComponents` (used with `VInit`). Default `null`. */
  UInit: MatrixLike | null;
  /** Initial components, `nComponents x nFeatures` (used with `UInit`). Default `null`. */
  VInit: MatrixLike | null;
}

const DEFAULTS: SparsePCAParams = {
  nComponents: null,
  alpha: 1,
  ridgeAlpha: 0.01,
  maxIter: 1000,
  tol: 1e-8,
  method: 'cd',
  UInit: null,
  VInit: null,
  randomState: undefined,
};

function transpose(a: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = a[i * cols + j];
  return out;
}

/** Options every sparse-PCA variant has. */
export interface BaseSparsePCAParams {
  /** Number of components; `null`: `nFeatures`. Default `null`. */
  nComponents: number | null;
  /** Sparsity penalty (larger: sparser components). Default 1. */
  alpha: number;
  /** Ridge penalty of `transform`. Default 0.01. */
  ridgeAlpha: number;
  /** Seed. Default `undefined`. */
  randomState: RandomState | undefined;
}

/**
 * What {@link SparsePCA} and {@link MiniBatchSparsePCA} share (sklearn's
 * `_BaseSparsePCA`): centring, unit-norm components, the ridge `transform`
 * and `inverseTransform`. Subclasses find the raw components.
 */
export abstract class BaseSparsePCA<P extends BaseSparsePCAParams> extends BaseEstimator<P> {
  #C?: Float64Array;
  #mean?: Float64Array;
  #errors?: Float64Array;
  #nIter?: number;

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'transformer' };
  }

  /** Sparse components, `nComponents x nFeatures` (sklearn's `components_`). */
  get components(): Tensor {
    const c = this.fitted('components', this.#C);
    return new Tensor(c.slice(), [c.length / this.nFeaturesIn, this.nFeaturesIn]);
  }

  /** Number of components (sklearn's `n_components_`). */
  get nComponents(): number {
    return this.fitted('components', this.#C).length / this.nFeaturesIn;
  }

  /** Per-feature mean of the training data (sklearn's `mean_`). */
  get mean(): Tensor {
    return new Tensor(this.fitted('mean', this.#mean).slice(), [this.nFeaturesIn]);
  }

  /** Iterations run (sklearn's `n_iter_`). */
  get nIter(): number {
    return this.fitted('nIter', this.#nIter);
  }

  /** Cost per iteration, when the solver records it. */
  protected get errors(): Float64Array {
    return this.fitted('error', this.#errors);
  }

  /**
   * The components (`k x d`, not yet normalised) for the centred data `xc`
   * (`n x d`), the cost per iteration (may be empty) and the iteration count.
   */
  protected abstract solve(
    xc: Float64Array,
    n: number,
    d: number,
    k: number,
    signal: AbortSignal | undefined,
  ): { C: Float64Array; errors: number[]; nIter: number };

  protected fitImpl(X: MatrixLike, _y: Labels | undefined, options: FitOptions): void {
    const { X: xt } = this.validateData(X, undefined, { reset: true });
    const n = xt.shape[0];
    const d = xt.shape[1];
    const x = Float64Array.from(xt.data as ArrayLike<number>);
    const mean = new Float64Array(d);
    for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) mean[f] += x[i * d + f];
    for (let f = 0; f < d; f++) mean[f] /= n;
    for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) x[i * d + f] -= mean[f];
    const k = this.params.nComponents ?? d;
    const { C, errors, nIter } = this.solve(x, n, d, k, options.signal);
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let f = 0; f < d; f++) s += C[c * d + f] ** 2;
      const nrm = s === 0 ? 1 : Math.sqrt(s);
      for (let f = 0; f < d; f++) C[c * d + f] /= nrm;
    }
    this.#C = C;
    this.#mean = mean;
    this.#errors = Float64Array.from(errors);
    this.#nIter = nIter;
  }

  /**
   * Scores of `X`: ridge regression of the centred rows on the components,
   * `(X − mean) Cᵀ (C Cᵀ + ridgeAlpha·I)⁻¹`.
   * @example spca.transform(X) // [nSamples, nComponents]
   */
  transform(X: MatrixLike): Tensor {
    const C = this.fitted('components', this.#C);
    const mean = this.#mean as Float64Array;
    const { X: xt } = this.validateData(X, undefined, { reset: false });
    const n = xt.shape[0];
    const d = xt.shape[1];
    const k = C.length / d;
    const x = Float64Array.from(xt.data as ArrayLike<number>);
    for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) x[i * d + f] -= mean[f];
    const A = new Float64Array(k * k);
    gemm(false, true, k, k, d, 1, C, d, C, d, 0, A, k);
    for (let c = 0; c < k; c++) A[c * k + c] += this.params.ridgeAlpha;
    const B = new Float64Array(k * n);
    gemm(false, true, k, n, d, 1, C, d, x, d, 0, B, n);
    if (choleskyInPlace(A, k) !== 0) {
      throw new ValidationError('transform: C Cᵀ + ridgeAlpha·I is singular; use ridgeAlpha > 0', {
        param: 'ridgeAlpha',
      });
    }
    choleskySolveInPlace(A, k, B, n, true);
    return new Tensor(transpose(B, k, n), [n, k]);
  }

  /**
   * `scores · components + mean`: back to the input space.
   * @example spca.inverseTransform(spca.transform(X))
   */
  inverseTransform(scores: MatrixLike): Tensor {
    const C = this.fitted('components', this.#C);
    const mean = this.#mean as Float64Array;
    const d = this.nFeaturesIn;
    const k = C.length / d;
    const { X: st } = checkArray(scores, { estimatorName: this.estimatorName });
    if (st.shape[1] !== k) {
      throw new ValidationError(`inverseTransform expects ${k} columns, got ${st.shape[1]}`, {
        expected: k,
        got: st.shape[1],
      });
    }
    const n = st.shape[0];
    const out = new Float64Array(n * d);
    for (let i = 0; i < n; i++) out.set(mean, i * d);
    gemm(false, false, n, d, k, 1, Float64Array.from(st.data as ArrayLike<number>), k, C, d, 1, out, d);
    return new Tensor(out, [n, d]);
  }

  /**
   * `<estimator name>0`, `<estimator name>1`, … in lower case.
   * @example spca.getFeatureNamesOut()
   */
  getFeatureNamesOut(): string[] {
    const prefix = this.estimatorName.toLowerCase();
    return Array.from({ length: this.nComponents }, (_, i) => `${prefix}${i}`);
  }

  protected getState(): Record<string, unknown> {
    return { C: this.#C, mean: this.#mean, errors: this.#errors, nIter: this.#nIter };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, `saved ${this.estimatorName}`);
    this.#C = r.float64Array('C');
    this.#mean = r.float64Array('mean');
    this.#errors = r.float64Array('errors');
    this.#nIter = r.number('nIter', { integer: true, min: 0 });
  }
}

/**
 * Sparse principal components analysis.
 *
 * Fitted attributes: `components` (`nComponents x nFeatures`, unit rows),
 * `mean`, `error` (cost per iteration), `nIter`, `nComponents`.
 *
 * @example
 * import { SparsePCA } from 'typelearn/decomposition';
 * const spca = await new SparsePCA({ nComponents: 2, alpha: 1 }).fit(X);
 * spca.components; spca.transform(X);
 */
export class SparsePCA extends BaseSparsePCA<SparsePCAParams> {
  static override readonly estimatorName = 'SparsePCA';

  static override parameterConstraints: ParameterConstraints = {
    nComponents: [interval('int', 1, null, 'left'), null],
    alpha: [interval('real', 0, null, 'left')],
    ridgeAlpha: [interval('real', 0, null, 'left')],
    maxIter: [interval('int', 0, null, 'left')],
    tol: [interval('real', 0, null, 'left')],
    method: [options(['cd'])],
    UInit: ['arrayLike', null],
    VInit: ['arrayLike', null],
    randomState: ['randomState'],
  };

  /** @param options - see {@link SparsePCAParams}. */
  constructor(options: Partial<SparsePCAParams> = {}) {
    super(DEFAULTS, options);
  }

  /** Dictionary-learning cost per iteration (sklearn's `error_`). */
  get error(): number[] {
    return Array.from(this.errors);
  }

  protected solve(xc: Float64Array, n: number, d: number, k: number, signal: AbortSignal | undefined) {
    const p = this.params;
    const U = initMatrix(p.UInit, n, k, 'UInit', 'SparsePCA');
    const V = initMatrix(p.VInit, k, d, 'VInit', 'SparsePCA');
    // The transposed problem: data d x n, code d x k (= Vᵀ), dictionary k x n (= Uᵀ).
    const res = dictLearning(transpose(xc, n, d), d, n, k, {
      alpha: p.alpha,
      maxIter: p.maxIter,
      tol: p.tol,
      codeInit: V ? transpose(V, k, d) : null,
      dictInit: U ? transpose(U, n, k) : null,
      rng: checkRandomState(p.randomState),
      onIteration: () => this.throwIfAborted(signal),
    });
    svdFlip(res.code, d, k, res.dictionary, n, false);
    return { C: transpose(res.code, d, k), errors: res.errors, nIter: res.nIter };
  }
}

/** Options of {@link MiniBatchSparsePCA}. */
export interface MiniBatchSparsePCAParams extends BaseSparsePCAParams {
  /** Passes over the data with early stopping; `null`: sklearn 1.2's legacy 1000 mini-batch steps. Default `null`. */
  maxIter: number | null;
  /** Features per mini-batch (the transposed problem's rows). Default 3. */
  batchSize: number;
  /** Shuffle before batching. Default true. */
  shuffle: boolean;
  /** Only `'cd'`. Default `'cd'`. */
  method: 'cd';
  /** Dictionary-change tolerance of early stopping. Default 1e-3. */
  tol: number;
  /** Steps without improvement that stop fitting; `null` disables. Default 10. */
  maxNoImprovement: number | null;
}

const MB_DEFAULTS: MiniBatchSparsePCAParams = {
  nComponents: null,
  alpha: 1,
  ridgeAlpha: 0.01,
  maxIter: null,
  batchSize: 3,
  shuffle: true,
  method: 'cd',
  randomState: undefined,
  tol: 1e-3,
  maxNoImprovement: 10,
};

/**
 * Mini-batch sparse PCA (sklearn's `MiniBatchSparsePCA`): online dictionary
 * learning on the transposed centred data, then the lasso code of the
 * features on the learned dictionary gives the components (unit rows).
 *
 * @example
 * import { MiniBatchSparsePCA } from 'typelearn/decomposition';
 * const m = await new MiniBatchSparsePCA({ nComponents: 3, batchSize: 5, maxIter: 20, randomState: 0 }).fit(X);
 * m.components; m.transform(X);
 */
export class MiniBatchSparsePCA extends BaseSparsePCA<MiniBatchSparsePCAParams> {
  static override readonly estimatorName = 'MiniBatchSparsePCA';

  static override parameterConstraints: ParameterConstraints = {
    nComponents: [interval('int', 1, null, 'left'), null],
    alpha: [interval('real', 0, null, 'left')],
    ridgeAlpha: [interval('real', 0, null, 'left')],
    maxIter: [interval('int', 0, null, 'left'), null],
    batchSize: [interval('int', 1, null, 'left')],
    shuffle: ['boolean'],
    method: [options(['cd'])],
    randomState: ['randomState'],
    tol: [interval('real', 0, null, 'left')],
    maxNoImprovement: [interval('int', 0, null, 'left'), null],
  };

  /** @param options - see {@link MiniBatchSparsePCAParams}. */
  constructor(options: Partial<MiniBatchSparsePCAParams> = {}) {
    super(MB_DEFAULTS, options);
  }

  protected solve(xc: Float64Array, n: number, d: number, k: number, signal: AbortSignal | undefined) {
    const p = this.params;
    const xt = transpose(xc, n, d);
    const mbParams = new MiniBatchDictionaryLearning({
      nComponents: k,
      alpha: p.alpha,
      maxIter: p.maxIter,
      batchSize: p.batchSize,
      shuffle: p.shuffle,
      tol: p.tol,
      maxNoImprovement: p.maxNoImprovement,
      transformAlgorithm: 'lasso_cd',
      transformAlpha: p.alpha,
    }).params;
    const res = miniBatchDictLearning(xt, d, n, k, mbParams, null, checkRandomState(p.randomState), () =>
      this.throwIfAborted(signal),
    );
    // The lasso code of the features (rows of Xcᵀ) on the learned dictionary: d x k.
    const code = sparseEncodeRaw(xt, d, n, res.state.D, k, { algorithm: 'lasso_cd', alpha: p.alpha, maxIter: 1000 });
    return { C: transpose(code, d, k), errors: [], nIter: res.nIter };
  }
}
