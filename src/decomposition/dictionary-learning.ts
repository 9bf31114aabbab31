/**
 * `DictionaryLearning`: scikit-learn's `sklearn.decomposition.DictionaryLearning`
 * — finds a dictionary `D` (`nComponents x nFeatures`, atoms of norm <= 1)
 * and a sparse code `C` minimising `½‖X − C D‖²_F + alpha‖C‖₁`, alternating
 * a lasso coding step (coordinate descent, `fitAlgorithm: 'cd'`) and a
 * block-coordinate dictionary update (sklearn's `dict_learning` and
 * `_update_dict`). The start is the SVD of X (sign-fixed by `svd_flip`), or
 * `codeInit` and `dictInit` when both are given; from the same start the
 * iterations follow sklearn's. sklearn's default `fitAlgorithm: 'lars'` is
 * not implemented; atoms that fall unused are re-drawn with typelearn's
 * generator (a different draw from sklearn's for the same seed).
 */
import { ValidationError } from '../base/errors.js';
import { BaseEstimator } from '../base/estimator.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import { checkArray } from '../base/validation.js';
import { svdInPlace } from '../linalg/svd.js';
import { gemm } from '../tensor/kernels/gemm.js';
import { checkRandomState, type RandomGenerator, type RandomState } from '../tensor/random.js';
import { Tensor } from '../tensor/tensor.js';
import {
  SPARSE_CODING_CONSTRAINTS,
  SPARSE_CODING_DEFAULTS,
  type SparseCodingParams,
  sparseEncodeRaw,
  sparseTransform,
} from './sparse-coding.js';
import { svdFlip } from './svd-flip.js';

/**
 * One pass of dictionary updates (sklearn's `_update_dict`), in place on
 * `dict` (`k x d`) for data `y` (`n x d`) and `code` (`n x k`). `A = CᵀC` and
 * `B = YᵀC` (`d x k`) are computed when null. Unused atoms (`A[j,j] <= 1e-6`)
 * are re-drawn from a random sample plus 1% noise and their code zeroed.
 * @example updateDict(dict, y, code, n, d, k, null, null, rng, false)
 */
export function updateDict(
  dict: Float64Array,
  y: Float64Array,
  code: Float64Array,
  n: number,
  d: number,
  k: number,
  A: Float64Array | null,
  B: Float64Array | null,
  rng: RandomGenerator,
  positive: boolean,
): void {
  let a = A;
  let b = B;
  if (a === null) {
    a = new Float64Array(k * k);
    gemm(true, false, k, k, n, 1, code, k, code, k, 0, a, k);
  }
  if (b === null) {
    b = new Float64Array(d * k);
    gemm(true, false, d, k, n, 1, y, d, code, k, 0, b, k);
  }
  const row = new Float64Array(d);
  for (let j = 0; j < k; j++) {
    const ajj = a[j * k + j];
    if (ajj > 1e-6) {
      // row = A[j] @ dict, from the atoms as they stand now (earlier ones already updated).
      row.fill(0);
      for (let c = 0; c < k; c++) {
        const w = a[j * k + c];
        if (w === 0) continue;
        for (let f = 0; f < d; f++) row[f] += w * dict[c * d + f];
      }
      for (let f = 0; f < d; f++) dict[j * d + f] += (b[f * k + j] - row[f]) / ajj;
    } else {
      const s = rng.integers(0, n);
      let mu = 0;
      for (let f = 0; f < d; f++) mu += y[s * d + f];
      mu /= d;
      let v = 0;
      for (let f = 0; f < d; f++) v += (y[s * d + f] - mu) ** 2;
      const noise = 0.01 * (Math.sqrt(v / d) || 1);
      for (let f = 0; f < d; f++) dict[j * d + f] = y[s * d + f] + noise * rng.normal();
      for (let i = 0; i < n; i++) code[i * k + j] = 0;
    }
    if (positive) for (let f = 0; f < d; f++) if (dict[j * d + f] < 0) dict[j * d + f] = 0;
    let nrm = 0;
    for (let f = 0; f < d; f++) nrm += dict[j * d + f] ** 2;
    const scale = Math.max(Math.sqrt(nrm), 1);
    for (let f = 0; f < d; f++) dict[j * d + f] /= scale;
  }
}

/** Options of {@link dictLearning}. */
export interface DictLearningOptions {
  alpha: number;
  maxIter: number;
  tol: number;
  /** Initial code, `n x k` (used only with `dictInit`). */
  codeInit?: Float64Array | null;
  /** Initial dictionary, `k x d` (used only with `codeInit`). */
  dictInit?: Float64Array | null;
  rng: RandomGenerator;
  positiveDict?: boolean;
  positiveCode?: boolean;
  /** Iteration cap of each lasso. Default 1000. */
  methodMaxIter?: number;
  /** Checked every iteration; throws to abort. */
  onIteration?: () => void;
}

/**
 * Batch dictionary learning (sklearn's `dict_learning` with `method='cd'`)
 * on `x` (`n x d`): returns the code (`n x k`), the dictionary (`k x d`),
 * the cost after each iteration and the iteration count.
 * @example const { dictionary } = dictLearning(x, n, d, 3, { alpha: 1, maxIter: 100, tol: 1e-8, rng });
 */
export function dictLearning(
  x: Float64Array,
  n: number,
  d: number,
  k: number,
  opts: DictLearningOptions,
): { code: Float64Array; dictionary: Float64Array; errors: number[]; nIter: number } {
  let code0: Float64Array;
  let dict0: Float64Array;
  let r: number;
  if (opts.codeInit && opts.dictInit) {
    r = opts.dictInit.length / d;
    code0 = opts.codeInit;
    dict0 = opts.dictInit;
  } else {
    r = Math.min(n, d);
    const { u, s, vt } = svdInPlace(x.slice(), n, d, true, false);
    code0 = u as Float64Array;
    dict0 = vt as Float64Array;
    svdFlip(code0, n, r, dict0, d, true);
    for (let c = 0; c < r; c++) for (let f = 0; f < d; f++) dict0[c * d + f] *= s[c];
  }
  // Keep the first k columns of the code and k rows of the dictionary, zero-padding if r < k.
  const code = new Float64Array(n * k);
  const dictionary = new Float64Array(k * d);
  const m = Math.min(r, k);
  const codeCols = code0.length / n;
  for (let i = 0; i < n; i++) for (let c = 0; c < m; c++) code[i * k + c] = code0[i * codeCols + c];
  dictionary.set(dict0.subarray(0, m * d));
  const errors: number[] = [];
  const recon = new Float64Array(n * d);
  let ii = -1;
  for (ii = 0; ii < opts.maxIter; ii++) {
    opts.onIteration?.();
    code.set(
      sparseEncodeRaw(x, n, d, dictionary, k, {
        algorithm: 'lasso_cd',
        alpha: opts.alpha,
        init: code,
        positive: opts.positiveCode ?? false,
        maxIter: opts.methodMaxIter ?? 1000,
      }),
    );
    updateDict(dictionary, x, code, n, d, k, null, null, opts.rng, opts.positiveDict ?? false);
    gemm(false, false, n, d, k, 1, code, k, dictionary, d, 0, recon, d);
    let sq = 0;
    for (let i = 0; i < recon.length; i++) sq += (x[i] - recon[i]) ** 2;
    let l1 = 0;
    for (let i = 0; i < code.length; i++) l1 += Math.abs(code[i]);
    errors.push(0.5 * sq + opts.alpha * l1);
    if (ii > 0) {
      const dE = errors[errors.length - 2] - errors[errors.length - 1];
      if (dE < opts.tol * errors[errors.length - 1]) break;
    }
  }
  return { code, dictionary, errors, nIter: Math.min(ii + 1, opts.maxIter) };
}

/** Options of {@link DictionaryLearning}. */
export interface DictionaryLearningParams extends SparseCodingParams {
  /** Number of atoms; `null`: `nFeatures`. Default `null`. */
  nComponents: number | null;
  /** Sparsity penalty. Default 1. */
  alpha: number;
  /** Maximum iterations. Default 1000. */
  maxIter: number;
  /** Relative cost-decrease tolerance. Default 1e-8. */
  tol: number;
  /** Coding algorithm during fit: only `'cd'` (sklearn's default `'lars'` is not implemented). Default `'cd'`. */
  fitAlgorithm: 'cd';
  /** Initial code, `nSamples x nComponents` (used with `dictInit`). Default `null`. */
  codeInit: MatrixLike | null;
  /** Initial dictionary, `nComponents x nFeatures` (used with `codeInit`). Default `null`. */
  dictInit: MatrixLike | null;
  /** Seed of the re-draw of unused atoms. Default `undefined`. */
  randomState: RandomState | undefined;
  /** Non-negative dictionary. Default false. */
  positiveDict: boolean;
}

const DEFAULTS: DictionaryLearningParams = {
  nComponents: null,
  alpha: 1,
  maxIter: 1000,
  tol: 1e-8,
  fitAlgorithm: 'cd',
  codeInit: null,
  dictInit: null,
  randomState: undefined,
  positiveDict: false,
  ...SPARSE_CODING_DEFAULTS,
};

/** Reads an optional initial matrix and checks its shape. */
export function initMatrix(
  A: MatrixLike | null,
  rows: number,
  cols: number,
  name: string,
  whom: string,
): Float64Array | null {
  if (A === null) return null;
  const { X } = checkArray(A, { estimatorName: whom, name });
  if (X.shape[0] !== rows || X.shape[1] !== cols) {
    throw new ValidationError(`${name} must have shape [${rows}, ${cols}], got [${X.shape.join(', ')}]`, {
      expected: [rows, cols],
      got: X.shape,
    });
  }
  return Float64Array.from(X.data as ArrayLike<number>);
}

/**
 * Dictionary learning: sparse codes on a learned dictionary.
 *
 * Fitted attributes: `components` (the dictionary, `nComponents x nFeatures`),
 * `error` (the cost after each iteration), `nIter`. `transform` codes new
 * data with `transformAlgorithm` (`'omp'`, `'lasso_cd'`, `'threshold'`;
 * `transformAlpha` defaults to `alpha`).
 *
 * @example
 * import { DictionaryLearning } from 'typelearn/decomposition';
 * const dl = await new DictionaryLearning({ nComponents: 3, transformAlgorithm: 'lasso_cd' }).fit(X);
 * dl.components; dl.transform(X);
 */
export class DictionaryLearning extends BaseEstimator<DictionaryLearningParams> {
  static override readonly estimatorName = 'DictionaryLearning';

  static override parameterConstraints: ParameterConstraints = {
    nComponents: [interval('int', 1, null, 'left'), null],
    alpha: [interval('real', 0, null, 'left')],
    maxIter: [interval('int', 0, null, 'left')],
    tol: [interval('real', 0, null, 'left')],
    fitAlgorithm: [options(['cd'])],
    codeInit: ['arrayLike', null],
    dictInit: ['arrayLike', null],
    randomState: ['randomState'],
    positiveDict: ['boolean'],
    ...SPARSE_CODING_CONSTRAINTS,
  };

  #D?: Float64Array;
  #errors?: Float64Array;
  #nIter?: number;

  /** @param options - see {@link DictionaryLearningParams}. */
  constructor(options: Partial<DictionaryLearningParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'transformer' };
  }

  /** The dictionary atoms, `nComponents x nFeatures` (sklearn's `components_`). */
  get components(): Tensor {
    const D = this.fitted('components', this.#D);
    return new Tensor(D.slice(), [D.length / this.nFeaturesIn, this.nFeaturesIn]);
  }

  /** Number of atoms. */
  get nComponents(): number {
    return this.fitted('components', this.#D).length / this.nFeaturesIn;
  }

  /** The cost `½‖X − CD‖² + alpha‖C‖₁` after each iteration (sklearn's `error_`). */
  get error(): number[] {
    return Array.from(this.fitted('error', this.#errors));
  }

  /** Iterations run (sklearn's `n_iter_`). */
  get nIter(): number {
    return this.fitted('nIter', this.#nIter);
  }

  protected fitImpl(X: MatrixLike, _y: Labels | undefined, options: FitOptions): void {
    const { X: xt } = this.validateData(X, undefined, { reset: true });
    const n = xt.shape[0];
    const d = xt.shape[1];
    const x = Float64Array.from(xt.data as ArrayLike<number>);
    const k = this.params.nComponents ?? d;
    const p = this.params;
    const res = dictLearning(x, n, d, k, {
      alpha: p.alpha,
      maxIter: p.maxIter,
      tol: p.tol,
      codeInit: initMatrix(p.codeInit, n, k, 'codeInit', 'DictionaryLearning'),
      dictInit: initMatrix(p.dictInit, k, d, 'dictInit', 'DictionaryLearning'),
      rng: checkRandomState(p.randomState),
      positiveDict: p.positiveDict,
      positiveCode: p.positiveCode,
      methodMaxIter: p.transformMaxIter,
      onIteration: () => this.throwIfAborted(options.signal),
    });
    this.#D = res.dictionary;
    this.#errors = Float64Array.from(res.errors);
    this.#nIter = res.nIter;
  }

  /**
   * Sparse code of `X` on the dictionary.
   * @example dl.transform(X) // [nSamples, nComponents]
   */
  transform(X: MatrixLike): Tensor {
    const D = this.fitted('components', this.#D);
    const { X: xt } = this.validateData(X, undefined, { reset: false });
    const d = xt.shape[1];
    const x = Float64Array.from(xt.data as ArrayLike<number>);
    return sparseTransform(x, xt.shape[0], d, D, D.length / d, this.params, this.params.alpha);
  }

  /**
   * `dictionarylearning0`, `dictionarylearning1`, …
   * @example dl.getFeatureNamesOut()
   */
  getFeatureNamesOut(): string[] {
    const k = this.nComponents * (this.params.splitSign ? 2 : 1);
    return Array.from({ length: k }, (_, i) => `dictionarylearning${i}`);
  }

  protected getState(): Record<string, unknown> {
    return { D: this.#D, errors: this.#errors, nIter: this.#nIter };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, 'saved DictionaryLearning');
    this.#D = r.float64Array('D');
    this.#errors = r.float64Array('errors');
    this.#nIter = r.number('nIter', { integer: true, min: 0 });
  }
}
