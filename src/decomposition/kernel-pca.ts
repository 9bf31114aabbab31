/**
 * `KernelPCA`: scikit-learn's `sklearn.decomposition.KernelPCA` — PCA in the
 * feature space of a kernel, through the eigendecomposition of the centred
 * `n x n` Gram matrix of the training rows.
 *
 * Kernels: `'linear'`, `'poly'`, `'rbf'`, `'sigmoid'`, `'cosine'`,
 * `'precomputed'` (X is the Gram matrix). The only eigen solver is the dense
 * one (`eigh`; sklearn's `'auto'` picks ARPACK for more than 200 rows and
 * fewer than 10 components, which finds the same eigenpairs). Eigenvalues
 * pass sklearn's `_check_psd_eigenvalues` (significant negative values are an
 * error, tiny ones become 0) and eigenvector signs follow `svd_flip`, so
 * results match sklearn including signs.
 *
 * `fitInverseTransform` learns the pre-image map by kernel ridge regression
 * (penalty `alpha`) from the training scores back to the training rows.
 */
import { NotFittedError, ValidationError } from '../base/errors.js';
import { BaseEstimator } from '../base/estimator.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import { choleskyInPlace, choleskySolveInPlace } from '../linalg/cholesky.js';
import { eighInPlace } from '../linalg/eigh.js';
import { solveInPlace } from '../linalg/solve.js';
import { gemm } from '../tensor/kernels/gemm.js';
import { Tensor } from '../tensor/tensor.js';
import { svdFlip } from './svd-flip.js';

/** Kernel names of {@link KernelPCA}. */
export type KernelPCAKernel = 'linear' | 'poly' | 'rbf' | 'sigmoid' | 'cosine' | 'precomputed';

/** Options of {@link KernelPCA}. */
export interface KernelPCAParams {
  /** Components to keep; `null`: all with a positive eigenvalue. Default `null`. */
  nComponents: number | null;
  /** Default `'linear'`. */
  kernel: KernelPCAKernel;
  /** Kernel coefficient of rbf, poly and sigmoid; `null`: `1 / nFeatures`. Default `null`. */
  gamma: number | null;
  /** Degree of the poly kernel. Default 3. */
  degree: number;
  /** Constant term of the poly and sigmoid kernels. Default 1. */
  coef0: number;
  /** Ridge penalty of the pre-image map (`fitInverseTransform`). Default 1. */
  alpha: number;
  /** Learn `inverseTransform`. Default false. */
  fitInverseTransform: boolean;
  /** `'auto'` or `'dense'` (both use the dense eigendecomposition). Default `'auto'`. */
  eigenSolver: 'auto' | 'dense';
  /** Drop components with a zero eigenvalue even when `nComponents` is set. Default false. */
  removeZeroEig: boolean;
}

const DEFAULTS: KernelPCAParams = {
  nComponents: null,
  kernel: 'linear',
  gamma: null,
  degree: 3,
  coef0: 1,
  alpha: 1,
  fitInverseTransform: false,
  eigenSolver: 'auto',
  removeZeroEig: false,
};

/** Kernel settings as the fitted model uses them (`gamma` resolved). */
export interface KernelSpec {
  kernel: Exclude<KernelPCAKernel, 'precomputed'>;
  gamma: number;
  degree: number;
  coef0: number;
}

function rowNorms2(a: Float64Array, n: number, d: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let f = 0; f < d; f++) s += a[i * d + f] * a[i * d + f];
    out[i] = s;
  }
  return out;
}

/**
 * The `n x m` kernel matrix between the rows of `x` (`n x d`) and `y`
 * (`m x d`); `same` marks `y === x` (the rbf diagonal is then exactly 1, as in sklearn).
 * @example pairwiseKernel(Float64Array.of(1, 2), 1, Float64Array.of(3, 4), 1, 2, { kernel: 'linear', gamma: 0.5, degree: 3, coef0: 1 }, false) // [11]
 */
export function pairwiseKernel(
  x: Float64Array,
  n: number,
  y: Float64Array,
  m: number,
  d: number,
  spec: KernelSpec,
  same: boolean,
): Float64Array {
  const k = new Float64Array(n * m);
  let a = x;
  let b = y;
  if (spec.kernel === 'cosine') {
    const normalise = (src: Float64Array, rows: number) => {
      const nn = rowNorms2(src, rows, d);
      const out = src.slice();
      for (let i = 0; i < rows; i++) {
        const s = nn[i] > 0 ? 1 / Math.sqrt(nn[i]) : 0;
        for (let f = 0; f < d; f++) out[i * d + f] *= s;
      }
      return out;
    };
    a = normalise(x, n);
    b = same ? a : normalise(y, m);
  }
  if (d > 0) gemm(false, true, n, m, d, 1, a, d, b, d, 0, k, m);
  const { gamma, degree, coef0 } = spec;
  switch (spec.kernel) {
    case 'linear':
    case 'cosine':
      break;
    case 'poly':
      for (let i = 0; i < k.length; i++) k[i] = (gamma * k[i] + coef0) ** degree;
      break;
    case 'sigmoid':
      for (let i = 0; i < k.length; i++) k[i] = Math.tanh(gamma * k[i] + coef0);
      break;
    case 'rbf': {
      const xn = rowNorms2(x, n, d);
      const yn = same ? xn : rowNorms2(y, m, d);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < m; j++) {
          const dist = same && i === j ? 0 : Math.max(xn[i] - 2 * k[i * m + j] + yn[j], 0);
          k[i * m + j] = Math.exp(-gamma * dist);
        }
      }
      break;
    }
  }
  return k;
}

/**
 * sklearn's `_check_psd_eigenvalues` (float64 thresholds) in place: an error
 * for all-negative or significantly negative eigenvalues, small negative and
 * tiny positive ones set to 0.
 */
function checkPsdEigenvalues(w: Float64Array): void {
  let max = Number.NEGATIVE_INFINITY;
  let min = Number.POSITIVE_INFINITY;
  for (const v of w) {
    max = Math.max(max, v);
    min = Math.min(min, v);
  }
  if (max < 0) {
    throw new ValidationError(
      `All eigenvalues are negative (maximum is ${max}). Either the kernel matrix is not PSD, or there was an issue while computing the eigendecomposition.`,
    );
  }
  if (min < -1e-5 * max && min < -1e-10) {
    throw new ValidationError(
      `There are significant negative eigenvalues (${-min / max} of the maximum positive). Either the kernel matrix is not PSD (try another kernel or its parameters), or there was an issue while computing the eigendecomposition.`,
    );
  }
  for (let i = 0; i < w.length; i++) {
    if (w[i] < 0) w[i] = 0;
    else if (w[i] > 0 && w[i] < 1e-12 * max) w[i] = 0;
  }
}

/**
 * Kernel principal component analysis.
 *
 * Fitted attributes: `eigenvalues` (descending), `eigenvectors`
 * (`nSamples x nComponents`), `gammaUsed`, `xFit`; with
 * `fitInverseTransform`, `dualCoef` and `xTransformedFit`.
 *
 * @example
 * import { KernelPCA } from 'typelearn/decomposition';
 * const kpca = await new KernelPCA({ nComponents: 2, kernel: 'rbf', gamma: 0.5 }).fit(X);
 * kpca.transform(X).shape; // [nSamples, 2]
 */
export class KernelPCA extends BaseEstimator<KernelPCAParams> {
  static override readonly estimatorName = 'KernelPCA';

  static override parameterConstraints: ParameterConstraints = {
    nComponents: [interval('int', 1, null, 'left'), null],
    kernel: [options(['linear', 'poly', 'rbf', 'sigmoid', 'cosine', 'precomputed'])],
    gamma: [interval('real', 0, null, 'left'), null],
    degree: [interval('real', 0, null, 'left')],
    coef0: [interval('real', null, null, 'neither')],
    alpha: [interval('real', 0, null, 'left')],
    fitInverseTransform: ['boolean'],
    eigenSolver: [options(['auto', 'dense'])],
    removeZeroEig: ['boolean'],
  };

  #lambdas?: Float64Array;
  #alphas?: Float64Array;
  #xFit?: Float64Array;
  #nFit = 0;
  #gamma?: number;
  /** Column means of the training kernel and its grand mean (sklearn's KernelCenterer). */
  #kFitRows?: Float64Array;
  #kFitAll = 0;
  #dualCoef?: Float64Array;
  #xTransformedFit?: Float64Array;

  /** @param options - see {@link KernelPCAParams}. */
  constructor(options: Partial<KernelPCAParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'transformer' };
  }

  /** Eigenvalues of the centred kernel, descending (sklearn's `eigenvalues_`). */
  get eigenvalues(): Float64Array {
    return this.fitted('eigenvalues', this.#lambdas).slice();
  }

  /** Eigenvectors of the centred kernel, `nSamples x nComponents` (sklearn's `eigenvectors_`). */
  get eigenvectors(): Tensor {
    const a = this.fitted('eigenvectors', this.#alphas);
    return new Tensor(a.slice(), [this.#nFit, this.#k()]);
  }

  /** The kernel coefficient used (sklearn's `gamma_`). */
  get gammaUsed(): number {
    return this.fitted('gammaUsed', this.#gamma);
  }

  /** The training data (or training kernel when precomputed), sklearn's `X_fit_`. */
  get xFit(): Tensor {
    const x = this.fitted('xFit', this.#xFit);
    return new Tensor(x.slice(), [this.#nFit, this.nFeaturesIn]);
  }

  /** Coefficients of the pre-image map (`nSamples x nFeatures`), with `fitInverseTransform`. */
  get dualCoef(): Tensor {
    const c = this.fitted('dualCoef', this.#dualCoef);
    return new Tensor(c.slice(), [this.#nFit, this.nFeaturesIn]);
  }

  #k(): number {
    return this.fitted('eigenvalues', this.#lambdas).length;
  }

  #spec(gamma: number): KernelSpec {
    const { kernel, degree, coef0 } = this.params;
    return { kernel: kernel === 'precomputed' ? 'linear' : kernel, gamma, degree, coef0 };
  }

  protected fitImpl(X: MatrixLike, _y: Labels | undefined, _opts: FitOptions): void {
    const { kernel, fitInverseTransform, nComponents, removeZeroEig } = this.params;
    if (fitInverseTransform && kernel === 'precomputed') {
      throw new ValidationError('Cannot fitInverseTransform with a precomputed kernel.', {
        param: 'fitInverseTransform',
      });
    }
    const { X: xt } = this.validateData(X, undefined, { reset: true });
    const [n, d] = xt.shape;
    const x = Float64Array.from(xt.data as ArrayLike<number>);
    const gamma = this.params.gamma ?? 1 / d;
    let K: Float64Array;
    if (kernel === 'precomputed') {
      if (n !== d) {
        throw new ValidationError(`A precomputed kernel must be square, got shape [${n}, ${d}]`, {
          expected: `[${n}, ${n}]`,
          got: [n, d],
        });
      }
      K = x.slice();
    } else K = pairwiseKernel(x, n, x, n, d, this.#spec(gamma), true);
    // Centre: K - column means - row means + grand mean.
    const colMean = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) colMean[j] += K[i * n + j];
    let all = 0;
    for (let j = 0; j < n; j++) {
      colMean[j] /= n;
      all += colMean[j];
    }
    all /= n;
    for (let i = 0; i < n; i++) {
      let rowMean = 0;
      for (let j = 0; j < n; j++) rowMean += K[i * n + j];
      rowMean /= n;
      for (let j = 0; j < n; j++) K[i * n + j] += all - colMean[j] - rowMean;
    }
    const k = nComponents === null ? n : Math.min(n, nComponents);
    const { w, v } = eighInPlace(K, n, true);
    const vecs = v as Float64Array;
    // Keep the k largest (eigh is ascending), as sklearn's subset_by_index.
    let lambdas = w.slice(n - k);
    let alphas = new Float64Array(n * k);
    for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) alphas[i * k + c] = vecs[i * n + (n - k + c)];
    checkPsdEigenvalues(lambdas);
    svdFlip(alphas, n, k, new Float64Array(k), 0, true);
    // Descending order; a stable sort on the negated values keeps ties in eigh's order reversed like numpy's argsort()[::-1].
    const order = Array.from({ length: k }, (_, c) => k - 1 - c).sort((p, q) => lambdas[q] - lambdas[p]);
    let keep = order;
    if (removeZeroEig || nComponents === null) keep = order.filter((c) => lambdas[c] > 0);
    const kk = keep.length;
    const sortedL = new Float64Array(kk);
    const sortedA = new Float64Array(n * kk);
    keep.forEach((src, c) => {
      sortedL[c] = lambdas[src];
      for (let i = 0; i < n; i++) sortedA[i * kk + c] = alphas[i * k + src];
    });
    lambdas = sortedL;
    alphas = sortedA;
    this.#lambdas = lambdas;
    this.#alphas = alphas;
    this.#xFit = x;
    this.#nFit = n;
    this.#gamma = gamma;
    this.#kFitRows = colMean;
    this.#kFitAll = all;
    this.#dualCoef = undefined;
    this.#xTransformedFit = undefined;
    if (fitInverseTransform) this.#fitInverse(this.#trainingScores(), x, n, d, gamma);
  }

  /** `eigenvectors · diag(√eigenvalues)`: the training scores without a kernel product. */
  #trainingScores(): Float64Array {
    const lambdas = this.#lambdas as Float64Array;
    const alphas = this.#alphas as Float64Array;
    const k = lambdas.length;
    const out = alphas.slice();
    for (let i = 0; i < this.#nFit; i++) for (let c = 0; c < k; c++) out[i * k + c] *= Math.sqrt(lambdas[c]);
    return out;
  }

  #fitInverse(z: Float64Array, x: Float64Array, n: number, d: number, gamma: number): void {
    const k = (this.#lambdas as Float64Array).length;
    const K = pairwiseKernel(z, n, z, n, k, this.#spec(gamma), true);
    for (let i = 0; i < n; i++) K[i * n + i] += this.params.alpha;
    const coef = x.slice();
    // sklearn solves with assume_a='pos'; fall back to LU when the matrix is not positive definite.
    const chol = K.slice();
    if (choleskyInPlace(chol, n) === 0) choleskySolveInPlace(chol, n, coef, d, true);
    else solveInPlace(K, n, coef, d);
    this.#dualCoef = coef;
    this.#xTransformedFit = z;
  }

  /**
   * Projects `X` on the kernel principal components.
   * @example kpca.transform(X) // Tensor [nSamples, nComponents]
   */
  transform(X: MatrixLike): Tensor {
    this.checkIsFitted();
    const { X: xt } = this.validateData(X, undefined, { reset: false });
    const [m, d] = xt.shape;
    const x = xt.data as Float64Array;
    const n = this.#nFit;
    const lambdas = this.#lambdas as Float64Array;
    const alphas = this.#alphas as Float64Array;
    const k = lambdas.length;
    let K: Float64Array;
    if (this.params.kernel === 'precomputed') K = Float64Array.from(x);
    else K = pairwiseKernel(x, m, this.#xFit as Float64Array, n, d, this.#spec(this.#gamma as number), false);
    const rows = this.#kFitRows as Float64Array;
    for (let i = 0; i < m; i++) {
      let predCol = 0;
      for (let j = 0; j < n; j++) predCol += K[i * n + j];
      predCol /= n;
      for (let j = 0; j < n; j++) K[i * n + j] += this.#kFitAll - rows[j] - predCol;
    }
    const scaled = new Float64Array(n * k);
    for (let c = 0; c < k; c++) {
      if (lambdas[c] === 0) continue;
      const s = 1 / Math.sqrt(lambdas[c]);
      for (let j = 0; j < n; j++) scaled[j * k + c] = alphas[j * k + c] * s;
    }
    const out = new Float64Array(m * k);
    gemm(false, false, m, k, n, 1, K, n, scaled, k, 0, out, k);
    return new Tensor(out, [m, k]);
  }

  /**
   * Fits, then returns the training scores `eigenvectors · √eigenvalues`
   * (sklearn's shortcut: no kernel product).
   * @example const Z = await new KernelPCA({ nComponents: 2, kernel: 'rbf' }).fitTransform(X);
   */
  async fitTransform(X: MatrixLike, y?: Labels, options?: FitOptions): Promise<Tensor> {
    await this.fit(X, y, options);
    return new Tensor(this.#trainingScores(), [this.#nFit, this.#k()]);
  }

  /**
   * Approximate pre-images of component scores (needs `fitInverseTransform: true`).
   * @example kpca.inverseTransform(kpca.transform(X))
   */
  inverseTransform(Z: MatrixLike): Tensor {
    this.checkIsFitted();
    if (this.#dualCoef === undefined || this.#xTransformedFit === undefined) {
      throw new NotFittedError(this.estimatorName, { attribute: 'dualCoef' });
    }
    const k = this.#k();
    const z = Z instanceof Tensor ? Z : Tensor.from(Z as number[][]);
    if (z.ndim !== 2 || z.shape[1] !== k) {
      throw new ValidationError(`inverseTransform expects ${k} columns, got shape [${z.shape.join(', ')}]`, {
        expected: k,
        got: z.shape[1],
      });
    }
    const m = z.shape[0];
    const n = this.#nFit;
    const d = this.nFeaturesIn;
    const K = pairwiseKernel(
      Float64Array.from(z.data as ArrayLike<number>),
      m,
      this.#xTransformedFit,
      n,
      k,
      this.#spec(this.#gamma as number),
      false,
    );
    const out = new Float64Array(m * d);
    gemm(false, false, m, d, n, 1, K, n, this.#dualCoef, d, 0, out, d);
    return new Tensor(out, [m, d]);
  }

  /**
   * `kernelpca0`, `kernelpca1`, …
   * @example kpca.getFeatureNamesOut()
   */
  getFeatureNamesOut(): string[] {
    return Array.from({ length: this.#k() }, (_, i) => `kernelpca${i}`);
  }

  protected getState(): Record<string, unknown> {
    return {
      lambdas: this.#lambdas,
      alphas: this.#alphas,
      xFit: this.#xFit,
      nFit: this.#nFit,
      gamma: this.#gamma,
      kFitRows: this.#kFitRows,
      kFitAll: this.#kFitAll,
      dualCoef: this.#dualCoef ?? null,
      xTransformedFit: this.#xTransformedFit ?? null,
    };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, 'saved KernelPCA');
    const n = r.number('nFit', { integer: true, min: 1 });
    const lambdas = r.float64Array('lambdas');
    const k = lambdas.length;
    this.#lambdas = lambdas;
    this.#alphas = r.float64Array('alphas', n * k);
    this.#xFit = r.float64Array('xFit');
    this.#nFit = n;
    this.#gamma = r.number('gamma');
    this.#kFitRows = r.float64Array('kFitRows', n);
    this.#kFitAll = r.number('kFitAll');
    this.#dualCoef = state.dualCoef === null ? undefined : r.float64Array('dualCoef');
    this.#xTransformedFit = state.xTransformedFit === null ? undefined : r.float64Array('xTransformedFit', n * k);
  }
}
