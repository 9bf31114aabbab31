/**
 * `HuberRegressor` (scikit-learn 1.2's `sklearn.linear_model.HuberRegressor`):
 * linear regression robust to outliers, minimising jointly over `w`, `b`
 * and the scale `σ` (Owen 2007)
 * `Σᵢ sᵢ(σ + H_ε((yᵢ − xᵢ·w − b)/σ)·σ) + alpha·‖w‖²`, where `H_ε` is
 * squared for |z| ≤ ε and linear beyond, by L-BFGS from `w = 0, σ = 1`.
 *
 * Difference from scikit-learn: sklearn bounds `σ ≥ 10ε_machine` inside
 * L-BFGS-B; here the objective is +∞ below that bound, which keeps the line
 * search inside it (the optimum is the same whenever the bound is inactive).
 */
import { interval, type ParameterConstraints } from '../base/params.js';
import { regressorScore } from '../base/score.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike, Regressor } from '../base/types.js';
import { checkSampleWeight } from '../base/validation.js';
import { ConvergenceWarning, warn } from '../base/warnings.js';
import { SparseMatrix } from '../tensor/sparse.js';
import type { Tensor } from '../tensor/tensor.js';
import { type DesignMatrix, denseData, LinearModel, linearDecision } from './linear-base.js';
import { lbfgs } from './optim/lbfgs.js';

/** Options of {@link HuberRegressor} (sklearn's parameters, camelCase). */
export interface HuberRegressorParams {
  /** Residuals beyond `epsilon·σ` count linearly; ≥ 1. Default 1.35. */
  epsilon: number;
  /** L-BFGS iteration cap. Default 100. */
  maxIter: number;
  /** L2 penalty on `w`. Default 1e-4. */
  alpha: number;
  /** Start from the previous solution. Default `false`. */
  warmStart: boolean;
  /** Fit an intercept. Default `true`. */
  fitIntercept: boolean;
  /** Stop when the largest gradient entry is ≤ tol. Default 1e-5. */
  tol: number;
}

const DEFAULTS: HuberRegressorParams = {
  epsilon: 1.35,
  maxIter: 100,
  alpha: 1e-4,
  warmStart: false,
  fitIntercept: true,
  tol: 1e-5,
};

const SIGMA_MIN = 10 * 2.220446049250313e-16;

/**
 * sklearn's `_huber_loss_and_gradient` on packed `[w, b?, σ]`; writes the gradient.
 * @example huberLossAndGradient(w, X, y, 1.35, 1e-4, sw, true, grad)
 */
export function huberLossAndGradient(
  params: Float64Array,
  x: DesignMatrix,
  y: Float64Array,
  epsilon: number,
  alpha: number,
  sw: Float64Array,
  fitIntercept: boolean,
  grad: Float64Array,
): number {
  const [m, n] = x.shape as [number, number];
  const sigma = params[params.length - 1];
  if (!(sigma >= SIGMA_MIN)) {
    grad.fill(0);
    return Number.POSITIVE_INFINITY;
  }
  const b = Float64Array.of(fitIntercept ? params[n] : 0);
  const w = params.subarray(0, n);
  const pred = linearDecision(x, w, b, 1);
  // Per-sample coefficient of xᵢ in the gradient of w.
  const coefOfRow = new Float64Array(m);
  let nSamples = 0;
  let outlierWeight = 0;
  let outlierSum = 0;
  let squared = 0;
  let interceptGrad = 0;
  for (let i = 0; i < m; i++) {
    const r = y[i] - pred[i];
    nSamples += sw[i];
    if (Math.abs(r) > epsilon * sigma) {
      outlierWeight += sw[i];
      outlierSum += sw[i] * Math.abs(r);
      const signed = r < 0 ? -sw[i] : sw[i];
      coefOfRow[i] = -2 * epsilon * signed;
      interceptGrad -= 2 * epsilon * signed;
    } else {
      squared += sw[i] * r * r;
      coefOfRow[i] = (-2 / sigma) * sw[i] * r;
      interceptGrad -= (2 * sw[i] * r) / sigma;
    }
  }
  grad.fill(0);
  if (x instanceof SparseMatrix) {
    for (let i = 0; i < m; i++) {
      for (let p = x.indptr[i]; p < x.indptr[i + 1]; p++) grad[x.indices[p]] += x.data[p] * coefOfRow[i];
    }
  } else {
    const xs = denseData(x as Tensor);
    for (let i = 0; i < m; i++) {
      const c = coefOfRow[i];
      const row = i * n;
      for (let j = 0; j < n; j++) grad[j] += xs[row + j] * c;
    }
  }
  let norm = 0;
  for (let j = 0; j < n; j++) {
    grad[j] += 2 * alpha * w[j];
    norm += w[j] * w[j];
  }
  const squaredLoss = squared / sigma;
  grad[params.length - 1] = nSamples - outlierWeight * epsilon * epsilon - squaredLoss / sigma;
  if (fitIntercept) grad[n] = interceptGrad;
  const outlierLoss = 2 * epsilon * outlierSum - sigma * outlierWeight * epsilon * epsilon;
  return nSamples * sigma + squaredLoss + outlierLoss + alpha * norm;
}

/**
 * Huber-loss linear regression with a jointly estimated scale.
 *
 * Fitted attributes: `coef`, `intercept`, `scale` (σ), `outliers` (1 where
 * |residual| > ε·σ), `nIter`, `nFeaturesIn`.
 *
 * @example
 * import { HuberRegressor } from 'typelearn/linear-model';
 * const model = await new HuberRegressor().fit(X, y); // y with a few gross outliers
 * model.coef; model.scale; model.outliers;
 */
export class HuberRegressor extends LinearModel<HuberRegressorParams> implements Regressor<HuberRegressorParams> {
  static override readonly estimatorName = 'HuberRegressor';

  static override parameterConstraints: ParameterConstraints = {
    epsilon: [interval('real', 1, null, 'left')],
    maxIter: [interval('int', 0, null, 'left')],
    alpha: [interval('real', 0, null, 'left')],
    warmStart: ['boolean'],
    fitIntercept: ['boolean'],
    tol: [interval('real', 0, null, 'neither')],
  };

  #coef?: Float64Array;
  #intercept = 0;
  #scale = 1;
  #outliers?: Uint8Array;
  #nIter?: number;

  /** @param options - see {@link HuberRegressorParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<HuberRegressorParams> = {}) {
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
    const x = data.X;
    const target = data.y as Float64Array;
    const [m, n] = x.shape as [number, number];
    const sw = checkSampleWeight(options.sampleWeight, m);
    const fi = p.fitIntercept;
    const size = n + (fi ? 2 : 1);
    const w0 = new Float64Array(size);
    if (p.warmStart && this.#coef !== undefined && this.#coef.length === n) {
      w0.set(this.#coef);
      if (fi) w0[n] = this.#intercept;
      w0[size - 1] = this.#scale;
    } else {
      w0[size - 1] = 1;
    }
    const r = lbfgs((w, g) => huberLossAndGradient(w, x, target, p.epsilon, p.alpha, sw, fi, g), w0, {
      maxIter: p.maxIter,
      gtol: p.tol,
    });
    if (!r.converged) {
      warn(
        new ConvergenceWarning(
          `lbfgs failed to converge (status ${r.status}). Increase the number of iterations (maxIter=${p.maxIter}) or scale the data.`,
        ),
      );
    }
    this.#coef = Float64Array.from(r.x.subarray(0, n));
    this.#intercept = fi ? r.x[n] : 0;
    this.#scale = r.x[size - 1];
    this.#nIter = Math.min(r.nIter, p.maxIter);
    const pred = linearDecision(x, this.#coef, Float64Array.of(this.#intercept), 1);
    const outliers = new Uint8Array(m);
    for (let i = 0; i < m; i++) outliers[i] = Math.abs(target[i] - pred[i]) > this.#scale * p.epsilon ? 1 : 0;
    this.#outliers = outliers;
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

  /** The fitted scale σ of the residuals (sklearn's `scale_`). */
  get scale(): number {
    this.checkIsFitted('scale');
    return this.#scale;
  }

  /** 1 for training rows whose residual exceeds `epsilon·scale` (sklearn's `outliers_`). */
  get outliers(): Uint8Array {
    return this.fitted('outliers', this.#outliers);
  }

  /** L-BFGS iterations run (sklearn's `n_iter_`). */
  get nIter(): number {
    return this.fitted('nIter', this.#nIter);
  }

  /**
   * Predictions `X·coef + intercept`.
   * @example model.predict([[1, 2]])
   */
  predict(X: MatrixLike): Float64Array {
    this.checkIsFitted();
    const x = this.validatePredictData(X, true);
    return linearDecision(x, this.fitted('coef', this.#coef), Float64Array.of(this.#intercept), 1);
  }

  /**
   * R² of the predictions.
   * @example model.score(X, y)
   */
  score(X: MatrixLike, y: Labels, sampleWeight?: ArrayLike<number>): number {
    return regressorScore(y, this.predict(X), sampleWeight);
  }

  protected getState(): Record<string, unknown> {
    return {
      coef: this.#coef,
      intercept: this.#intercept,
      scale: this.#scale,
      outliers: this.#outliers === undefined ? null : Array.from(this.#outliers),
      nIter: this.#nIter,
    };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, 'saved HuberRegressor');
    this.#coef = r.float64Array('coef');
    this.#intercept = r.number('intercept');
    this.#scale = r.number('scale', { min: 0 });
    this.#nIter = r.number('nIter', { integer: true, min: 0 });
    this.#outliers = Array.isArray(state.outliers) ? Uint8Array.from(state.outliers as number[]) : new Uint8Array(0);
  }
}
