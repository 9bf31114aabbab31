/**
 * `Ridge`: least squares with an L2 penalty (scikit-learn's
 * `sklearn.linear_model.Ridge`), minimising `‖y − Xw − b‖² + alpha‖w‖²`
 * (the intercept is not penalised: X and y are centred first).
 *
 * Solvers as sklearn: `'cholesky'` (normal equations, or the kernel form
 * when there are more features than samples), `'svd'`, `'lsqr'` and
 * `'sparse_cg'` (iterative, matrix-free, centring CSR input implicitly);
 * `'auto'` is cholesky for dense X and sparse_cg for sparse X. `positive`
 * solves the exact non-negative problem by NNLS (sklearn uses lbfgs there).
 * `y` may be 2-D (several targets), with one alpha per target.
 */
import { ValidationError } from '../base/errors.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import { regressorScore } from '../base/score.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike, Regressor } from '../base/types.js';
import { checkSampleWeight } from '../base/validation.js';
import { LinearModel, linearDecision } from './linear-base.js';
import { multiOutputR2 } from './multi-output-score.js';
import { fitRidge, RIDGE_SOLVERS, type RidgeSolver } from './ridge-fit.js';

/** Options of {@link Ridge} (sklearn's parameters, camelCase). */
export interface RidgeParams {
  /** Penalty strength ≥ 0, or one per target for 2-D `y`. Default 1. */
  alpha: number | number[];
  /** Fit an intercept (centre X and y first). Default `true`. */
  fitIntercept: boolean;
  /** Iteration cap of `'lsqr'`/`'sparse_cg'`; default `undefined` (scipy's defaults). */
  maxIter: number | undefined;
  /** Tolerance of the iterative solvers. Default 1e-4. */
  tol: number;
  /** `'auto'` (default), `'svd'`, `'cholesky'`, `'lsqr'` or `'sparse_cg'`. */
  solver: RidgeSolver;
  /** Constrain the coefficients to be ≥ 0. Default `false`. */
  positive: boolean;
}

const DEFAULTS: RidgeParams = {
  alpha: 1,
  fitIntercept: true,
  maxIter: undefined,
  tol: 1e-4,
  solver: 'auto',
  positive: false,
};

/**
 * Linear least squares with L2 regularisation.
 *
 * Fitted attributes: `coef` (length `nFeatures`, or `nTargets × nFeatures`
 * row-major for 2-D `y`), `intercept` (single target), `intercepts`,
 * `nTargets`, `nIter` (iterative solvers), `solverUsed`, `nFeaturesIn`.
 *
 * @example
 * import { Ridge } from 'typelearn/linear-model';
 * const model = await new Ridge({ alpha: 1 }).fit([[0, 0], [0, 0], [1, 1]], [0, 0.1, 1]);
 * model.coef;      // Float64Array [0.2222…, 0.2222…]
 * model.intercept; // 0.0888…
 * model.predict([[1, 1]]);
 */
export class Ridge extends LinearModel<RidgeParams> implements Regressor<RidgeParams> {
  static override readonly estimatorName = 'Ridge';

  static override parameterConstraints: ParameterConstraints = {
    alpha: [interval('real', 0, null, 'left'), 'arrayLike'],
    fitIntercept: ['boolean'],
    maxIter: [interval('int', 1, null, 'left'), null],
    tol: [interval('real', 0, null, 'left')],
    solver: [options(RIDGE_SOLVERS)],
    positive: ['boolean'],
  };

  #coef?: Float64Array;
  #intercepts?: Float64Array;
  #nTargets = 1;
  #multiOutput = false;
  #nIter?: Int32Array;
  #solverUsed?: string;

  /** @param options - see {@link RidgeParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<RidgeParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return {
      ...super.estimatorTags(),
      estimatorType: 'regressor',
      requiresY: true,
      sparseInput: true,
      multiOutput: true,
      X_types: ['2darray', 'sparse'],
    };
  }

  /**
   * Fits the model; `y` may also be 2-D (`number[][]` or a 2-D Tensor) for several targets.
   * @example await model.fit(X, [[1, 2], [3, 4]])
   */
  override fit(X: MatrixLike, y?: Labels | readonly (readonly number[])[], options?: FitOptions): Promise<this> {
    return super.fit(X, y as Labels, options);
  }

  protected fitImpl(X: MatrixLike, y: Labels | undefined, options: FitOptions): void {
    const data = this.validateFitData(X, y, { allowSparse: true, multiOutput: true, yNumeric: true });
    const m = data.X.shape[0];
    const sw = options.sampleWeight === undefined ? undefined : checkSampleWeight(options.sampleWeight, m);
    const r = fitRidge(data.X, data.y as Float64Array, data.nTargets, sw, this.params);
    this.#coef = r.coef;
    this.#intercepts = r.intercept;
    this.#nTargets = data.nTargets;
    this.#multiOutput = data.multiOutput;
    this.#nIter = r.nIter;
    this.#solverUsed = r.solver;
  }

  /** Coefficients: length `nFeatures`, or `nTargets × nFeatures` row-major for 2-D `y` (sklearn's `coef_`). */
  get coef(): Float64Array {
    return this.fitted('coef', this.#coef);
  }

  /** The intercept of a single-target model (sklearn's `intercept_`); use `intercepts` for 2-D `y`. */
  get intercept(): number {
    const b = this.fitted('intercept', this.#intercepts);
    if (this.#multiOutput) {
      throw new ValidationError('Ridge was fitted on a 2-D y: read intercepts (one per target) instead of intercept');
    }
    return b[0];
  }

  /** One intercept per target. */
  get intercepts(): Float64Array {
    return this.fitted('intercepts', this.#intercepts);
  }

  /** Number of targets (columns of `y`). */
  get nTargets(): number {
    this.checkIsFitted('nTargets');
    return this.#nTargets;
  }

  /** Iterations per target of `'lsqr'`/`'sparse_cg'` (sklearn's `n_iter_`), else undefined. */
  get nIter(): Int32Array | undefined {
    this.checkIsFitted('nIter');
    return this.#nIter;
  }

  /** The solver `'auto'` resolved to (`'nnls'` for `positive`). */
  get solverUsed(): string {
    return this.fitted('solverUsed', this.#solverUsed);
  }

  /**
   * Predictions, one per row (row-major `nSamples × nTargets` for 2-D `y`).
   * @example model.predict([[1, 1]])
   */
  predict(X: MatrixLike): Float64Array {
    this.checkIsFitted();
    const x = this.validatePredictData(X, true);
    return linearDecision(
      x,
      this.fitted('coef', this.#coef),
      this.fitted('intercepts', this.#intercepts),
      this.#nTargets,
    );
  }

  /**
   * R² of the predictions (averaged uniformly over targets for 2-D `y`).
   * @example model.score(X, y)
   */
  score(X: MatrixLike, y: Labels | readonly (readonly number[])[], sampleWeight?: ArrayLike<number>): number {
    const pred = this.predict(X);
    if (this.#multiOutput) return multiOutputR2(y as Labels, pred, this.#nTargets, sampleWeight);
    return regressorScore(y as Labels, pred, sampleWeight);
  }

  protected getState(): Record<string, unknown> {
    return {
      coef: this.#coef,
      intercepts: this.#intercepts,
      nTargets: this.#nTargets,
      multiOutput: this.#multiOutput,
      nIter: this.#nIter === undefined ? null : Array.from(this.#nIter),
      solverUsed: this.#solverUsed,
    };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, 'saved Ridge');
    const t = r.number('nTargets', { integer: true, min: 1 });
    const intercepts = r.float64Array('intercepts', t);
    const coef = r.float64Array('coef');
    if (coef.length % t !== 0) throw new ValidationError('saved Ridge: coef length is not a multiple of nTargets');
    const nIter = state.nIter;
    this.#nIter = Array.isArray(nIter) ? Int32Array.from(nIter as number[]) : undefined;
    this.#multiOutput = state.multiOutput === true;
    this.#coef = coef;
    this.#intercepts = intercepts;
    this.#nTargets = t;
    this.#solverUsed = r.string('solverUsed');
  }
}
