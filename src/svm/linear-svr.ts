/**
 * `LinearSVR` (scikit-learn's): linear support vector regression trained by
 * liblinear's dual coordinate descent, with the ε-insensitive (default) or
 * squared ε-insensitive loss. As in liblinear the intercept is a feature of
 * value `interceptScaling`, so it is penalised too.
 *
 * Difference from scikit-learn: `dual: false` (squared loss only) runs the
 * dual solver (same optimum; liblinear uses a trust-region Newton method there).
 */
import { ValidationError } from '../base/errors.js';
import { BaseEstimator } from '../base/estimator.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import { regressorScore } from '../base/score.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike, Regressor } from '../base/types.js';
import { checkSampleWeight } from '../base/validation.js';
import { ConvergenceWarning, warn } from '../base/warnings.js';
import type { RandomState } from '../tensor/random.js';
import { solveL2rSvrDual } from './liblinear.js';
import { linearDecisionValues, toLinearProblem } from './linear-problem.js';
import { selectRows } from './linear-svc.js';
import { Mt19937, sklearnLibSeed } from './mt19937.js';

/** Options of {@link LinearSVR}. */
export interface LinearSVRParams {
  /** Width of the insensitive tube, ≥ 0. Default 0. */
  epsilon: number;
  /** Stopping tolerance. Default 1e-4. */
  tol: number;
  /** Inverse regularisation strength > 0. Default 1. */
  C: number;
  /** `'epsilon_insensitive'` (default, L1 loss) or `'squared_epsilon_insensitive'`. */
  loss: 'epsilon_insensitive' | 'squared_epsilon_insensitive';
  /** Fit an intercept (a constant feature of value `interceptScaling`, penalised). Default `true`. */
  fitIntercept: boolean;
  /** Value of the synthetic intercept feature, > 0. Default 1. */
  interceptScaling: number;
  /** Solve the dual (`true`, default), the primal (`false`, squared loss only) or `'auto'`. */
  dual: boolean | 'auto';
  /** Seed of the coordinate order. Default `undefined`. */
  randomState: RandomState | undefined;
  /** Maximum passes over the data. Default 1000. */
  maxIter: number;
}

const DEFAULTS: LinearSVRParams = {
  epsilon: 0,
  tol: 1e-4,
  C: 1,
  loss: 'epsilon_insensitive',
  fitIntercept: true,
  interceptScaling: 1,
  dual: true,
  randomState: undefined,
  maxIter: 1000,
};

/**
 * Linear support vector regression.
 *
 * Fitted attributes: `coef` (Float64Array, one weight per feature), `intercept`, `nIter`, `nFeaturesIn`.
 *
 * @example
 * import { LinearSVR } from 'typelearn/svm';
 * const model = await new LinearSVR({ C: 10, randomState: 0 }).fit([[0], [1], [2], [3]], [1, 3, 5, 7]);
 * model.predict([[4]]); // ≈ [9]
 */
export class LinearSVR extends BaseEstimator<LinearSVRParams> implements Regressor<LinearSVRParams> {
  static override readonly estimatorName = 'LinearSVR';
  static override parameterConstraints: ParameterConstraints = {
    epsilon: [interval('real', 0, null, 'left')],
    tol: [interval('real', 0, null, 'neither')],
    C: [interval('real', 0, null, 'neither')],
    loss: [options(['epsilon_insensitive', 'squared_epsilon_insensitive'])],
    fitIntercept: ['boolean'],
    interceptScaling: [interval('real', 0, null, 'neither')],
    dual: ['boolean', options(['auto'])],
    randomState: ['randomState'],
    maxIter: [interval('int', 0, null, 'left')],
  };

  #coef?: Float64Array;
  #intercept?: number;
  #nIter?: number;

  /** @param options - see {@link LinearSVRParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<LinearSVRParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return {
      ...super.estimatorTags(),
      estimatorType: 'regressor',
      requiresY: true,
      sparseInput: true,
      X_types: ['2darray', 'sparse'],
    };
  }

  protected fitImpl(X: MatrixLike, y: Labels | undefined, options: FitOptions): void {
    const p = this.params;
    if (p.loss === 'epsilon_insensitive' && p.dual === false) {
      throw new ValidationError(
        "The combination of penalty='l2' and loss='epsilon_insensitive' are not supported when dual=False",
        { param: 'dual', got: false },
      );
    }
    const data = this.validateData(X, y as Labels, { reset: true, allowSparse: true, yNumeric: true });
    const [n, d] = data.X.shape as [number, number];
    const W = checkSampleWeight(options.sampleWeight, n, { allowNegative: true });
    const bias = p.fitIntercept ? p.interceptScaling : -1;
    const rows: number[] = [];
    for (let i = 0; i < n; i++) if (W[i] > 0) rows.push(i);
    if (rows.length === 0) throw new ValidationError('Invalid input - all samples have zero or negative weights.');
    const prob = selectRows(toLinearProblem(data.X, data.y, W, bias), rows);
    const mt = new Mt19937();
    mt.seed(sklearnLibSeed(p.randomState ?? 0));
    const w = new Float64Array(prob.n);
    const nIter = solveL2rSvrDual(prob, w, p.C, p.epsilon, p.tol, p.loss === 'epsilon_insensitive', p.maxIter, mt);
    if (nIter >= p.maxIter) {
      warn(new ConvergenceWarning('Liblinear failed to converge, increase the number of iterations.'));
    }
    this.#coef = w.slice(0, d);
    this.#intercept = bias > 0 ? bias * w[d] : 0;
    this.#nIter = nIter;
  }

  /** Weights, one per feature (scikit-learn's `coef_`). */
  get coef(): Float64Array {
    return this.fitted('coef', this.#coef).slice();
  }

  /** The intercept (`interceptScaling` × the weight of the synthetic feature). */
  get intercept(): number {
    return this.fitted('intercept', this.#intercept);
  }

  /** Passes over the data (scikit-learn's `n_iter_`). */
  get nIter(): number {
    return this.fitted('nIter', this.#nIter);
  }

  /**
   * Predicted targets `X·coef + intercept`.
   * @example model.predict([[4]])
   */
  predict(X: MatrixLike): Float64Array {
    this.checkIsFitted();
    const x = this.validateData(X, undefined, { reset: false, allowSparse: true }).X;
    return linearDecisionValues(
      x,
      this.fitted('coef', this.#coef),
      Float64Array.of(this.fitted('intercept', this.#intercept)),
      1,
    );
  }

  /**
   * R² of `predict(X)` against `y`.
   * @example model.score(X, y)
   */
  score(X: MatrixLike, y: Labels, sampleWeight?: ArrayLike<number>): number {
    return regressorScore(y, this.predict(X), sampleWeight);
  }

  protected getState(): Record<string, unknown> {
    return { coef: this.#coef, intercept: this.#intercept, nIter: this.#nIter };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, 'saved LinearSVR');
    this.#coef = r.float64Array('coef');
    this.#intercept = r.number('intercept', { finite: true });
    this.#nIter = r.number('nIter', { integer: true, min: 0 });
  }
}
