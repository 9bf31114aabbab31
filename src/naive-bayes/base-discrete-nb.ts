/**
 * `BaseDiscreteNB`: the count-based naive Bayes models (scikit-learn's
 * `_BaseDiscreteNB`): Multinomial, Complement and Bernoulli share the
 * class/feature count accumulation (dense or CSR input, optional sample
 * weights), the additive smoothing `alpha` with sklearn 1.2's `forceAlpha`
 * rule, and the class log-prior. A subclass turns the counts into
 * `featureLogProb` and a joint log-likelihood.
 */
import { ValidationError } from '../base/errors.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import type { StateReader } from '../base/state.js';
import type { EstimatorTags, MatrixLike } from '../base/types.js';
import { TypelearnWarning, warn } from '../base/warnings.js';
import { gemm } from '../tensor/kernels/gemm.js';
import { SparseMatrix } from '../tensor/sparse.js';
import { Tensor } from '../tensor/tensor.js';
import { BaseNB } from './base-nb.js';

/** Options shared by the discrete naive Bayes models. */
export interface DiscreteNBParams {
  /** Additive (Laplace/Lidstone) smoothing, a number or one value per feature. Default 1. */
  alpha: number | ArrayLike<number>;
  /**
   * `true`: use `alpha` as given even when tiny. `false`: raise values below
   * 1e-10 to 1e-10 (with a warning). `'warn'` (default, as sklearn 1.2):
   * like `false`, plus a warning that the default will change.
   */
  forceAlpha: boolean | 'warn';
  /** Learn class priors from the data; `false` uses a uniform prior. Default `true`. */
  fitPrior: boolean;
  /** Fixed class priors (sorted class order); overrides `fitPrior`. Default `undefined`. */
  classPrior: ArrayLike<number> | undefined;
}

/** Constraints shared by the discrete models' common options. */
export const DISCRETE_NB_CONSTRAINTS: ParameterConstraints = {
  alpha: [interval('real', 0, null, 'left'), 'arrayLike'],
  forceAlpha: ['boolean', options(['warn'])],
  fitPrior: ['boolean'],
  classPrior: ['arrayLike', null],
};

const ALPHA_MIN = 1e-10;

/**
 * The smoothing per feature (sklearn's `_check_alpha`): a length check for
 * per-feature values, and values below 1e-10 raised to 1e-10 unless `forceAlpha` is true.
 * @example checkAlpha(0, 'warn', 3) // Float64Array [1e-10, 1e-10, 1e-10], with warnings
 */
export function checkAlpha(
  alpha: number | ArrayLike<number>,
  forceAlpha: boolean | 'warn',
  nFeatures: number,
): Float64Array {
  let values: Float64Array;
  if (typeof alpha === 'number') values = new Float64Array(nFeatures).fill(alpha);
  else {
    values = Float64Array.from(alpha);
    if (values.length !== nFeatures) {
      throw new ValidationError(
        `When alpha is an array, it should contain n_features (${nFeatures}) values. Got ${values.length} elements instead.`,
        { param: 'alpha', expected: nFeatures, got: values.length },
      );
    }
    for (let j = 0; j < values.length; j++) {
      if (!(values[j] >= 0)) {
        throw new ValidationError(`All values in alpha must be greater than 0; alpha[${j}] = ${values[j]}.`, {
          param: 'alpha',
          got: values[j],
        });
      }
    }
  }
  let min = Number.POSITIVE_INFINITY;
  for (let j = 0; j < values.length; j++) min = Math.min(min, values[j]);
  if (!(min < ALPHA_MIN) || forceAlpha === true) return values;
  if (forceAlpha === 'warn') {
    warn(new TypelearnWarning('The default value for `forceAlpha` will change to `true`, as in scikit-learn 1.4.'));
  }
  warn(
    new TypelearnWarning(
      `alpha too small will result in numeric errors, setting alpha = ${ALPHA_MIN.toExponential(1)}`,
    ),
  );
  for (let j = 0; j < values.length; j++) values[j] = Math.max(values[j], ALPHA_MIN);
  return values;
}

/**
 * Log class priors (sklearn's `_update_class_log_prior`): `log(classPrior)`
 * when given, else the log class frequencies (`fitPrior`) or uniform.
 * @example classLogPrior(Float64Array.of(1, 3), true, undefined) // [log 0.25, log 0.75]
 */
export function classLogPrior(
  classCount: Float64Array,
  fitPrior: boolean,
  classPrior: ArrayLike<number> | undefined,
): Float64Array {
  const k = classCount.length;
  const out = new Float64Array(k);
  if (classPrior !== undefined && classPrior !== null) {
    if (classPrior.length !== k) {
      throw new ValidationError(`Number of priors must match number of classes: got ${classPrior.length} for ${k}.`, {
        param: 'classPrior',
        expected: k,
        got: classPrior.length,
      });
    }
    for (let c = 0; c < k; c++) out[c] = Math.log(classPrior[c]);
  } else if (fitPrior) {
    let total = 0;
    for (let c = 0; c < k; c++) total += classCount[c];
    const logTotal = Math.log(total);
    for (let c = 0; c < k; c++) out[c] = Math.log(classCount[c]) - logTotal;
  } else out.fill(-Math.log(k));
  return out;
}

/** Throws a {@link ValidationError} naming the first negative entry of `X`. */
export function checkNonNegative(X: Tensor | SparseMatrix, whom: string): void {
  const data = X.data as ArrayLike<number>;
  for (let t = 0; t < data.length; t++) {
    if (data[t] < 0) {
      let row: number;
      let column: number;
      if (X instanceof SparseMatrix) {
        row = 0;
        while (X.indptr[row + 1] <= t) row++;
        column = X.indices[t];
      } else {
        row = Math.floor(t / X.shape[1]);
        column = t % X.shape[1];
      }
      throw new ValidationError(
        `Negative values in data passed to ${whom}: X[${row}, ${column}] = ${data[t]}; counts or frequencies must be >= 0.`,
        { row, column, expected: 'a non-negative number', got: data[t] },
      );
    }
  }
}

/**
 * `out (n x k) = X (n x d) @ W^T (W is k x d)`, through GEMM for dense `X`
 * and a pass over the stored entries for sparse `X`.
 */
export function timesTransposed(X: Tensor | SparseMatrix, W: Float64Array, k: number): Float64Array {
  const [n, d] = X.shape;
  const out = new Float64Array(n * k);
  if (X instanceof SparseMatrix) {
    for (let i = 0; i < n; i++) {
      for (let t = X.indptr[i]; t < X.indptr[i + 1]; t++) {
        const j = X.indices[t];
        const v = X.data[t];
        for (let c = 0; c < k; c++) out[i * k + c] += v * W[c * d + j];
      }
    }
  } else if (n > 0 && d > 0) {
    gemm(false, true, n, k, d, 1, X.data as Float64Array, d, W, d, 0, out, k);
  }
  return out;
}

/**
 * Base class of MultinomialNB, ComplementNB and BernoulliNB.
 * @example
 * // Not used directly:
 * const nb = await new MultinomialNB({ alpha: 0.5 }).fit(counts, labels);
 */
export abstract class BaseDiscreteNB<P extends DiscreteNBParams> extends BaseNB<P> {
  #classCount?: Float64Array;
  #featureCount?: Float64Array;
  #classLogPrior?: Float64Array;
  #featureLogProb?: Float64Array;
  #nFeatures = 0;

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), sparseInput: true, X_types: ['2darray', 'sparse'] };
  }

  /** Checks or transforms validated `X` before counting or predicting (non-negativity, binarizing). */
  protected prepareX(X: Tensor | SparseMatrix, _fitting: boolean): Tensor | SparseMatrix {
    return X;
  }

  /** `featureLogProb` (`k x d`) from the accumulated counts and the smoothing. */
  protected abstract computeFeatureLogProb(
    featureCount: Float64Array,
    classCount: Float64Array,
    alpha: Float64Array,
    k: number,
    d: number,
  ): Float64Array;

  protected override checkX(X: MatrixLike): Tensor | SparseMatrix {
    return this.prepareX(super.checkX(X), false);
  }

  protected nFeaturesInFromModel(): number {
    return this.#nFeatures;
  }

  protected updateModel(
    Xin: Tensor | SparseMatrix,
    y: Int32Array,
    weights: Float64Array | undefined,
    k: number,
    first: boolean,
  ): void {
    const X = this.prepareX(Xin, true);
    const [n, d] = X.shape;
    const fc = first ? new Float64Array(k * d) : new Float64Array(this.#featureCount as Float64Array);
    const cc = first ? new Float64Array(k) : new Float64Array(this.#classCount as Float64Array);
    if (X instanceof SparseMatrix) {
      for (let i = 0; i < n; i++) {
        const w = weights ? weights[i] : 1;
        const o = y[i] * d;
        cc[y[i]] += w;
        for (let t = X.indptr[i]; t < X.indptr[i + 1]; t++) fc[o + X.indices[t]] += w * X.data[t];
      }
    } else {
      const x = X.data as Float64Array;
      for (let i = 0; i < n; i++) {
        const w = weights ? weights[i] : 1;
        const o = y[i] * d;
        const row = i * d;
        cc[y[i]] += w;
        for (let j = 0; j < d; j++) fc[o + j] += w * x[row + j];
      }
    }
    const { alpha, forceAlpha, fitPrior, classPrior } = this.params;
    const a = checkAlpha(alpha, forceAlpha, d);
    this.#featureLogProb = this.computeFeatureLogProb(fc, cc, a, k, d);
    this.#classLogPrior = classLogPrior(cc, fitPrior, classPrior);
    this.#featureCount = fc;
    this.#classCount = cc;
    this.#nFeatures = d;
  }

  /** Weighted number of samples per class. */
  get classCount(): Float64Array {
    return this.fitted('classCount', this.#classCount).slice();
  }

  /** Weighted sum of each feature per class, shape `[nClasses, nFeatures]`. */
  get featureCount(): Tensor {
    return new Tensor(this.fitted('featureCount', this.#featureCount).slice(), [this.nClasses, this.#nFeatures]);
  }

  /** Log prior of each class. */
  get classLogPrior(): Float64Array {
    return this.fitted('classLogPrior', this.#classLogPrior).slice();
  }

  /** Smoothed log probability of each feature per class, shape `[nClasses, nFeatures]`. */
  get featureLogProb(): Tensor {
    return new Tensor(this.fitted('featureLogProb', this.#featureLogProb).slice(), [this.nClasses, this.#nFeatures]);
  }

  /** The fitted `featureLogProb` buffer (not copied; subclasses must not write to it). */
  protected get featureLogProbData(): Float64Array {
    return this.fitted('featureLogProb', this.#featureLogProb);
  }

  /** The fitted class log-prior buffer (not copied). */
  protected get classLogPriorData(): Float64Array {
    return this.fitted('classLogPrior', this.#classLogPrior);
  }

  protected getModelState(): Record<string, unknown> {
    return {
      classCount: this.#classCount,
      featureCount: this.#featureCount,
      classLogPrior: this.#classLogPrior,
      featureLogProb: this.#featureLogProb,
      nFeatures: this.#nFeatures,
    };
  }

  protected setModelState(r: StateReader, k: number): void {
    const d = r.number('nFeatures', { integer: true, min: 0 });
    this.#classCount = r.float64Array('classCount', k);
    this.#featureCount = r.float64Array('featureCount', k * d);
    this.#classLogPrior = r.float64Array('classLogPrior', k);
    this.#featureLogProb = r.float64Array('featureLogProb', k * d);
    this.#nFeatures = d;
  }
}
