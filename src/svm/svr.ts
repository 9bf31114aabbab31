/**
 * Kernel support vector regression (scikit-learn's `SVR` and `NuSVR`):
 * libsvm's ε-SVR (errors below `epsilon` cost nothing) and ν-SVR (`nu`
 * bounds the fraction of support vectors; ε is found by the solver).
 */

import { interval, type ParameterConstraints } from '../base/params.js';
import { regressorScore } from '../base/score.js';
import type { EstimatorTags, Labels, MatrixLike, Regressor } from '../base/types.js';
import type { Tensor } from '../tensor/tensor.js';
import {
  BaseLibSVM,
  LIBSVM_CONSTRAINTS,
  LIBSVM_DEFAULTS,
  type LibSvmParams,
  type LibSvmSettings,
} from './base-libsvm.js';

/** Options of {@link SVR}. */
export interface SVRParams extends LibSvmParams {
  /** Inverse regularisation strength > 0. Default 1. */
  C: number;
  /** Width of the tube in which errors are not penalised, ≥ 0. Default 0.1. */
  epsilon: number;
}

/** Options of {@link NuSVR}. */
export interface NuSVRParams extends LibSvmParams {
  /** Fraction bound on support vectors / errors, in (0, 1]. Default 0.5. */
  nu: number;
  /** Inverse regularisation strength > 0. Default 1. */
  C: number;
}

/** The shared implementation of {@link SVR} and {@link NuSVR}. */
export abstract class BaseSVR<P extends LibSvmParams> extends BaseLibSVM<P> implements Regressor<P> {
  override estimatorTags(): EstimatorTags {
    return {
      ...super.estimatorTags(),
      estimatorType: 'regressor',
      requiresY: true,
      sparseInput: true,
      X_types: ['2darray', 'sparse'],
    };
  }

  protected override settings(): LibSvmSettings {
    const own = this.params as unknown as { C: number; nu?: number; epsilon?: number };
    return { C: own.C, nu: own.nu ?? 0.5, epsilon: own.epsilon ?? 0.1, probability: false };
  }

  protected override targets(y: Float64Array | string[] | undefined): {
    target: Float64Array;
    classWeight: Map<number, number>;
  } {
    return { target: y as Float64Array, classWeight: new Map() };
  }

  /** Dual coefficients `α_i - α*_i` of the support vectors, `[1, nSV]`. */
  get dualCoef(): Tensor {
    return this.rawDualCoef();
  }

  /** The intercept `-ρ`, one value. */
  get intercept(): Float64Array {
    return Float64Array.of(-this.model.rho[0]);
  }

  /** Primal weights for `kernel: 'linear'`, `[1, nFeatures]`. */
  get coef(): Tensor {
    return this.linearCoef(this.model.svCoef, 1);
  }

  /**
   * Predicted targets `Σ (α_i - α*_i) K(x_i, x) - ρ`.
   * @example model.predict([[0.5]])
   */
  predict(X: MatrixLike): Float64Array {
    return this.rawDecision(this.predictRows(X));
  }

  /**
   * R² of `predict(X)` against `y`.
   * @example model.score(X, y)
   */
  score(X: MatrixLike, y: Labels, sampleWeight?: ArrayLike<number>): number {
    return regressorScore(y, this.predict(X), sampleWeight);
  }
}

/**
 * ε-support vector regression.
 *
 * Fitted attributes: `supportVectors`, `support`, `nSupport`, `dualCoef`,
 * `intercept`, `coef` (linear kernel), `gammaValue`, `nIter`, `fitStatus`.
 *
 * @example
 * import { SVR } from 'typelearn/svm';
 * const model = await new SVR({ C: 10, epsilon: 0.05 }).fit([[0], [1], [2], [3]], [0, 1, 4, 9]);
 * model.predict([[1.5]]);
 */
export class SVR extends BaseSVR<SVRParams> {
  static override readonly estimatorName = 'SVR';
  static override parameterConstraints: ParameterConstraints = {
    ...LIBSVM_CONSTRAINTS,
    C: [interval('real', 0, null, 'neither')],
    epsilon: [interval('real', 0, null, 'left')],
  };
  protected readonly svmType = 'epsilon_svr' as const;

  /** @param options - see {@link SVRParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<SVRParams> = {}) {
    super({ ...LIBSVM_DEFAULTS, C: 1, epsilon: 0.1 }, options);
  }
}

/**
 * ν-support vector regression.
 *
 * @example
 * import { NuSVR } from 'typelearn/svm';
 * const model = await new NuSVR({ nu: 0.3 }).fit([[0], [1], [2], [3]], [0, 1, 4, 9]);
 * model.predict([[1.5]]);
 */
export class NuSVR extends BaseSVR<NuSVRParams> {
  static override readonly estimatorName = 'NuSVR';
  static override parameterConstraints: ParameterConstraints = {
    ...LIBSVM_CONSTRAINTS,
    nu: [interval('real', 0, 1, 'right')],
    C: [interval('real', 0, null, 'neither')],
  };
  protected readonly svmType = 'nu_svr' as const;

  /** @param options - see {@link NuSVRParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<NuSVRParams> = {}) {
    super({ ...LIBSVM_DEFAULTS, nu: 0.5, C: 1 }, options);
  }
}
