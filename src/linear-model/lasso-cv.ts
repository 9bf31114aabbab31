/**
 * `LassoCV`: the lasso with alpha chosen by cross-validation along the
 * regularisation path (scikit-learn's `sklearn.linear_model.LassoCV`).
 *
 * Differences from scikit-learn: no `sampleWeight`, no `precompute` (plain
 * coordinate descent; same optimum), dense X only.
 */
import type { ParameterConstraints } from '../base/params.js';
import { CV_CONSTRAINTS, LinearModelCV, type LinearModelCVParams } from './linear-model-cv.js';

/** Options of {@link LassoCV} (see `LinearModelCVParams`). */
export type LassoCVParams = LinearModelCVParams;

const DEFAULTS: LassoCVParams = {
  eps: 1e-3,
  nAlphas: 100,
  alphas: undefined,
  fitIntercept: true,
  maxIter: 1000,
  tol: 1e-4,
  cv: undefined,
  positive: false,
  randomState: undefined,
  selection: 'cyclic',
};

/**
 * Lasso with k-fold cross-validation of alpha (5 folds by default).
 *
 * Fitted attributes: `alpha`, `alphas`, `msePath`, `coef`, `intercept`, `dualGap`, `nIter`.
 *
 * @example
 * import { LassoCV } from 'typelearn/linear-model';
 * const model = await new LassoCV({ cv: 5 }).fit(X, y);
 * model.alpha; model.coef;
 */
export class LassoCV extends LinearModelCV<LassoCVParams> {
  static override readonly estimatorName = 'LassoCV';

  static override parameterConstraints: ParameterConstraints = CV_CONSTRAINTS;

  /** @param options - see {@link LassoCVParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<LassoCVParams> = {}) {
    super(DEFAULTS, options);
  }

  protected l1Ratios(): number[] {
    return [1];
  }
}
