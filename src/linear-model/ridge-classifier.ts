/**
 * `RidgeClassifier`: classification by ridge regression on ±1 targets
 * (scikit-learn's `sklearn.linear_model.RidgeClassifier`). Two classes give
 * one target (+1 for `classes[1]`), more give one ±1 column per class
 * (one-vs-all); prediction is by sign or argmax of the decision function.
 */
import { instanceOf, interval, options, type ParameterConstraints } from '../base/params.js';
import type { Estimator, EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import { checkSampleWeight } from '../base/validation.js';
import { type ClassWeight, computeClassWeight, encodeClassTargets, LinearClassifier } from './linear-classifier.js';
import { fitRidge, RIDGE_SOLVERS, type RidgeSolver } from './ridge-fit.js';

/** Options of {@link RidgeClassifier} (sklearn's parameters, camelCase). */
export interface RidgeClassifierParams {
  /** Penalty strength ≥ 0. Default 1. */
  alpha: number;
  /** Fit an intercept. Default `true`. */
  fitIntercept: boolean;
  /** Iteration cap of the iterative solvers. Default `undefined`. */
  maxIter: number | undefined;
  /** Tolerance of the iterative solvers. Default 1e-4. */
  tol: number;
  /** `undefined` (default), `'balanced'` or a weight per class, multiplied into the sample weights. */
  classWeight: ClassWeight | undefined;
  /** Ridge solver, see `Ridge`. Default `'auto'`. */
  solver: RidgeSolver;
  /** Constrain the coefficients to be ≥ 0. Default `false`. */
  positive: boolean;
}

const DEFAULTS: RidgeClassifierParams = {
  alpha: 1,
  fitIntercept: true,
  maxIter: undefined,
  tol: 1e-4,
  classWeight: undefined,
  solver: 'auto',
  positive: false,
};

/** ±1 target matrix (sklearn's `LabelBinarizer(pos_label=1, neg_label=-1)`). */
export function binarizeLabels(encoded: Int32Array, nClasses: number): { y: Float64Array; t: number } {
  const m = encoded.length;
  const t = nClasses === 2 ? 1 : nClasses;
  const y = new Float64Array(m * t).fill(-1);
  for (let i = 0; i < m; i++) {
    if (t === 1) y[i] = encoded[i] === 1 ? 1 : -1;
    else y[i * t + encoded[i]] = 1;
  }
  return { y, t };
}

/**
 * Ridge regression on ±1-encoded labels, used as a classifier.
 *
 * Fitted attributes: `classes`, `coef` (`rows × nFeatures`, one row for two
 * classes), `intercept`, `nFeaturesIn`.
 *
 * @example
 * import { RidgeClassifier } from 'typelearn/linear-model';
 * const model = await new RidgeClassifier().fit([[0], [1], [2], [3]], ['no', 'no', 'yes', 'yes']);
 * model.predict([[2.5]]); // ['yes']
 */
export class RidgeClassifier
  extends LinearClassifier<RidgeClassifierParams>
  implements Estimator<RidgeClassifierParams>
{
  static override readonly estimatorName = 'RidgeClassifier';

  static override parameterConstraints: ParameterConstraints = {
    alpha: [interval('real', 0, null, 'left')],
    fitIntercept: ['boolean'],
    maxIter: [interval('int', 1, null, 'left'), null],
    tol: [interval('real', 0, null, 'left')],
    classWeight: [options(['balanced']), instanceOf(Object), null],
    solver: [options(RIDGE_SOLVERS)],
    positive: ['boolean'],
  };

  /** @param options - see {@link RidgeClassifierParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<RidgeClassifierParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return {
      ...super.estimatorTags(),
      estimatorType: 'classifier',
      requiresY: true,
      sparseInput: true,
      X_types: ['2darray', 'sparse'],
    };
  }

  protected fitImpl(X: MatrixLike, y: Labels | undefined, options: FitOptions): void {
    const data = this.validateFitData(X, y, { allowSparse: true, multiOutput: false, yNumeric: false });
    const { classes, encoded } = encodeClassTargets(data.y, this.estimatorName);
    const m = encoded.length;
    const sw = checkSampleWeight(options.sampleWeight, m);
    const cw = computeClassWeight(this.params.classWeight, classes, encoded);
    for (let i = 0; i < m; i++) sw[i] *= cw[encoded[i]];
    const { y: targets, t } = binarizeLabels(encoded, classes.length);
    const r = fitRidge(data.X, targets, t, sw, this.params);
    this.setLinearState(r.coef, r.intercept, classes);
  }

  protected getState(): Record<string, unknown> {
    return this.linearState();
  }

  protected setState(state: Record<string, unknown>): void {
    this.readLinearState(state);
  }
}
