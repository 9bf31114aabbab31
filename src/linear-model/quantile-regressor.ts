/**
 * `QuantileRegressor` (scikit-learn 1.2's `sklearn.linear_model.QuantileRegressor`):
 * linear regression of a conditional quantile, minimising
 * `(1/Σs) Σᵢ sᵢ·ρ_q(yᵢ − xᵢ·w − b) + alpha·‖w‖₁` (pinball loss `ρ_q`,
 * intercept not penalised). Solved exactly as sklearn's linear program
 * `x = (w⁺, w⁻, u, v) ≥ 0`, `Xw⁺ − Xw⁻ + u − v = y`, by typelearn's simplex
 * (sklearn hands the same LP to scipy's `linprog`).
 *
 * Differences from scikit-learn: every `solver` name runs the same exact
 * simplex; when the LP has several optimal vertices, the one returned may
 * differ from scipy's (the objective is the same). The tableau is dense,
 * so memory grows as `nSamples × (nSamples + nFeatures)`.
 */
import { interval, options, type ParameterConstraints } from '../base/params.js';
import { regressorScore } from '../base/score.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike, Regressor } from '../base/types.js';
import { checkSampleWeight } from '../base/validation.js';
import { ConvergenceWarning, warn } from '../base/warnings.js';
import { SparseMatrix } from '../tensor/sparse.js';
import type { Tensor } from '../tensor/tensor.js';
import { denseData, LinearModel, linearDecision } from './linear-base.js';
import { simplex } from './optim/simplex.js';

/** Options of {@link QuantileRegressor} (sklearn's parameters, camelCase). */
export interface QuantileRegressorParams {
  /** The quantile to model, in (0, 1). Default 0.5 (median). */
  quantile: number;
  /** L1 penalty on `w` (≥ 0). Default 1. */
  alpha: number;
  /** Fit an intercept. Default `true`. */
  fitIntercept: boolean;
  /** Accepted for compatibility; all run the exact simplex. Default `'interior-point'` (sklearn 1.2's). */
  solver: 'highs-ds' | 'highs-ipm' | 'highs' | 'interior-point' | 'revised simplex';
}

const DEFAULTS: QuantileRegressorParams = { quantile: 0.5, alpha: 1, fitIntercept: true, solver: 'interior-point' };

/**
 * Linear quantile regression.
 *
 * Fitted attributes: `coef`, `intercept`, `nIter` (simplex pivots), `nFeaturesIn`.
 *
 * @example
 * import { QuantileRegressor } from 'typelearn/linear-model';
 * const model = await new QuantileRegressor({ quantile: 0.9, alpha: 0 }).fit(X, y);
 * model.predict(X.slice(0, 2)); // conditional 90th percentiles
 */
export class QuantileRegressor
  extends LinearModel<QuantileRegressorParams>
  implements Regressor<QuantileRegressorParams>
{
  static override readonly estimatorName = 'QuantileRegressor';

  static override parameterConstraints: ParameterConstraints = {
    quantile: [interval('real', 0, 1, 'neither')],
    alpha: [interval('real', 0, null, 'left')],
    fitIntercept: ['boolean'],
    solver: [options(['highs-ds', 'highs-ipm', 'highs', 'interior-point', 'revised simplex'])],
  };

  #coef?: Float64Array;
  #intercept = 0;
  #nIter?: number;

  /** @param options - see {@link QuantileRegressorParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<QuantileRegressorParams> = {}) {
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
    const data = this.validateFitData(X, y, { allowSparse: true, multiOutput: false, yNumeric: true });
    const target = data.y as Float64Array;
    const [m0, n] = data.X.shape as [number, number];
    const dense = data.X instanceof SparseMatrix ? denseData(data.X.toDense()) : denseData(data.X as Tensor);
    const sw0 = checkSampleWeight(options.sampleWeight, m0);
    // Rows of zero weight do not constrain the LP (sklearn drops them too).
    const rows: number[] = [];
    let swSum = 0;
    for (let i = 0; i < m0; i++) {
      if (sw0[i] !== 0) rows.push(i);
      swSum += sw0[i];
    }
    const m = rows.length;
    const fi = p.fitIntercept;
    const k = n + (fi ? 1 : 0);
    const cols = 2 * k + 2 * m;
    const a = new Float64Array(m * cols);
    const b = new Float64Array(m);
    const c = new Float64Array(cols);
    const basis = new Int32Array(m);
    const alpha = swSum * p.alpha;
    for (let j = 0; j < 2 * k; j++) c[j] = alpha;
    if (fi) {
      c[0] = 0;
      c[k] = 0;
    }
    for (let r = 0; r < m; r++) {
      const i = rows[r];
      c[2 * k + r] = sw0[i] * p.quantile;
      c[2 * k + m + r] = sw0[i] * (1 - p.quantile);
      // Rows with y < 0 are negated so b ≥ 0; then v (not u) is their unit column.
      const sign = target[i] < 0 ? -1 : 1;
      const row = r * cols;
      if (fi) {
        a[row] = sign;
        a[row + k] = -sign;
      }
      for (let j = 0; j < n; j++) {
        const v = sign * dense[i * n + j];
        a[row + (fi ? 1 : 0) + j] = v;
        a[row + k + (fi ? 1 : 0) + j] = -v;
      }
      a[row + 2 * k + r] = sign;
      a[row + 2 * k + m + r] = -sign;
      b[r] = sign * target[i];
      basis[r] = sign > 0 ? 2 * k + r : 2 * k + m + r;
    }
    const res = simplex(a, m, cols, b, c, basis);
    if (res.status !== 'optimal') {
      warn(new ConvergenceWarning(`QuantileRegressor: the simplex stopped with status '${res.status}'.`));
    }
    const params = new Float64Array(k);
    for (let j = 0; j < k; j++) params[j] = res.x[j] - res.x[k + j];
    this.#intercept = fi ? params[0] : 0;
    this.#coef = Float64Array.from(params.subarray(fi ? 1 : 0));
    this.#nIter = res.nIter;
  }

  /** Coefficients (sklearn's `coef_`). */
  get coef(): Float64Array {
    return this.fitted('coef', this.#coef);
  }

  /** The intercept (0 without `fitIntercept`). */
  get intercept(): number {
    this.checkIsFitted('intercept');
    return this.#intercept;
  }

  /** Simplex pivots taken (sklearn's `n_iter_` counts its LP solver's iterations). */
  get nIter(): number {
    return this.fitted('nIter', this.#nIter);
  }

  /**
   * Predicted quantiles `X·coef + intercept`.
   * @example model.predict([[1, 2]])
   */
  predict(X: MatrixLike): Float64Array {
    this.checkIsFitted();
    const x = this.validatePredictData(X, true);
    return linearDecision(x, this.fitted('coef', this.#coef), Float64Array.of(this.#intercept), 1);
  }

  /**
   * R² of the predictions (as sklearn's `RegressorMixin.score`).
   * @example model.score(X, y)
   */
  score(X: MatrixLike, y: Labels, sampleWeight?: ArrayLike<number>): number {
    return regressorScore(y, this.predict(X), sampleWeight);
  }

  protected getState(): Record<string, unknown> {
    return { coef: this.#coef, intercept: this.#intercept, nIter: this.#nIter };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, 'saved QuantileRegressor');
    this.#coef = r.float64Array('coef');
    this.#intercept = r.number('intercept');
    this.#nIter = r.number('nIter', { integer: true, min: 0 });
  }
}
