/**
 * `ElasticNetCV`: the elastic net with alpha (and optionally the l1 ratio,
 * from a list) chosen by cross-validation along the regularisation path
 * (scikit-learn's `sklearn.linear_model.ElasticNetCV`).
 *
 * Differences from scikit-learn: no `sampleWeight`, no `precompute`, dense X only.
 */
import { ValidationError } from '../base/errors.js';
import type { ParameterConstraints } from '../base/params.js';
import { interval } from '../base/params.js';
import { CV_CONSTRAINTS, LinearModelCV, type LinearModelCVParams } from './linear-model-cv.js';

/** Options of {@link ElasticNetCV}: the shared CV options plus `l1Ratio`. */
export interface ElasticNetCVParams extends LinearModelCVParams {
  /** L1 share in (0, 1], or a list to search. Default 0.5. */
  l1Ratio: number | number[];
}

const DEFAULTS: ElasticNetCVParams = {
  l1Ratio: 0.5,
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
 * Elastic net with k-fold cross-validation of alpha and l1 ratio.
 *
 * Fitted attributes: `alpha`, `l1Ratio`, `alphas`, `msePath`, `coef`, `intercept`, `dualGap`, `nIter`.
 *
 * @example
 * import { ElasticNetCV } from 'typelearn/linear-model';
 * const model = await new ElasticNetCV({ l1Ratio: [0.1, 0.5, 0.9, 1] }).fit(X, y);
 * model.alpha; model.l1Ratio;
 */
export class ElasticNetCV extends LinearModelCV<ElasticNetCVParams> {
  static override readonly estimatorName = 'ElasticNetCV';

  static override parameterConstraints: ParameterConstraints = {
    ...CV_CONSTRAINTS,
    l1Ratio: [interval('real', 0, 1, 'both'), 'arrayLike'],
  };

  /** @param options - see {@link ElasticNetCVParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<ElasticNetCVParams> = {}) {
    super(DEFAULTS, options);
  }

  protected l1Ratios(): number[] {
    const r = this.params.l1Ratio;
    const list = typeof r === 'number' ? [r] : Array.from(r);
    for (const v of list) {
      if (!(v >= 0 && v <= 1))
        throw new ValidationError(`l1Ratio values must be in [0, 1], got ${v}`, { param: 'l1Ratio' });
    }
    return list;
  }
}
