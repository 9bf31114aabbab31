/**
 * `OneClassSVM` (scikit-learn's): libsvm's one-class formulation (Schölkopf
 * et al. 2001) estimating the support of a distribution; `nu` bounds the
 * fraction of training outliers. Unsupervised outlier detection: `predict`
 * gives +1 (inlier) or -1 (outlier).
 */
import { interval, type ParameterConstraints } from '../base/params.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import type { Tensor } from '../tensor/tensor.js';
import {
  BaseLibSVM,
  LIBSVM_CONSTRAINTS,
  LIBSVM_DEFAULTS,
  type LibSvmParams,
  type LibSvmSettings,
} from './base-libsvm.js';

/** Options of {@link OneClassSVM}. */
export interface OneClassSVMParams extends LibSvmParams {
  /** Upper bound on the fraction of training errors, lower bound on the fraction of support vectors, in (0, 1]. Default 0.5. */
  nu: number;
}

/**
 * Unsupervised outlier detection by the one-class SVM.
 *
 * Fitted attributes: `supportVectors`, `support`, `nSupport`, `dualCoef`,
 * `intercept`, `offset` (= `-intercept`), `coef` (linear kernel), `gammaValue`, `nIter`.
 *
 * @example
 * import { OneClassSVM } from 'typelearn/svm';
 * const model = await new OneClassSVM({ nu: 0.1, gamma: 'auto' }).fit([[0], [0.2], [0.1], [-0.1]]);
 * model.predict([[0.05], [5]]); // Int32Array [1, -1]
 */
export class OneClassSVM extends BaseLibSVM<OneClassSVMParams> {
  static override readonly estimatorName = 'OneClassSVM';
  static override parameterConstraints: ParameterConstraints = {
    ...LIBSVM_CONSTRAINTS,
    nu: [interval('real', 0, 1, 'right')],
  };
  protected readonly svmType = 'one_class' as const;

  /** @param options - see {@link OneClassSVMParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<OneClassSVMParams> = {}) {
    super({ ...LIBSVM_DEFAULTS, nu: 0.5 }, options);
  }

  override estimatorTags(): EstimatorTags {
    return {
      ...super.estimatorTags(),
      estimatorType: 'outlierDetector',
      sparseInput: true,
      X_types: ['2darray', 'sparse'],
    };
  }

  protected override settings(): LibSvmSettings {
    return { C: 1, nu: this.params.nu, epsilon: 0, probability: false };
  }

  protected override targets(_y: unknown, n: number): { target: Float64Array; classWeight: Map<number, number> } {
    return { target: new Float64Array(n).fill(1), classWeight: new Map() };
  }

  /** Dual coefficients of the support vectors, `[1, nSV]`. */
  get dualCoef(): Tensor {
    return this.rawDualCoef();
  }

  /** The intercept `-ρ`, one value. */
  get intercept(): Float64Array {
    return Float64Array.of(-this.model.rho[0]);
  }

  /** `ρ`, so that `decisionFunction = scoreSamples - offset` (scikit-learn's `offset_`). */
  get offset(): number {
    return this.model.rho[0];
  }

  /** Primal weights for `kernel: 'linear'`, `[1, nFeatures]`. */
  get coef(): Tensor {
    return this.linearCoef(this.model.svCoef, 1);
  }

  /**
   * Signed distance to the separating surface: positive for inliers.
   * @example model.decisionFunction([[0.05]])
   */
  decisionFunction(X: MatrixLike): Float64Array {
    return this.rawDecision(this.predictRows(X));
  }

  /**
   * The unshifted score `Σ α_i K(x_i, x)`.
   * @example model.scoreSamples([[0.05]])
   */
  scoreSamples(X: MatrixLike): Float64Array {
    const d = this.decisionFunction(X);
    const rho = this.model.rho[0];
    for (let i = 0; i < d.length; i++) d[i] += rho;
    return d;
  }

  /**
   * +1 for inliers (`decisionFunction > 0`), -1 for outliers.
   * @example model.predict([[0.05], [5]])
   */
  predict(X: MatrixLike): Int32Array {
    const d = this.decisionFunction(X);
    return Int32Array.from(d, (v) => (v > 0 ? 1 : -1));
  }

  /**
   * Fits on `X` and returns the labels of the training rows.
   * @example const labels = await new OneClassSVM().fitPredict(X);
   */
  async fitPredict(X: MatrixLike, y?: Labels, options: FitOptions = {}): Promise<Int32Array> {
    await this.fit(X, y, options);
    return this.predict(X);
  }
}
