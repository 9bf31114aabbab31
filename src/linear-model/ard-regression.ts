/**
 * `ARDRegression` (scikit-learn 1.2's `sklearn.linear_model.ARDRegression`):
 * Bayesian linear regression with one precision `lambda_j` per weight
 * (automatic relevance determination); weights whose precision exceeds
 * `thresholdLambda` are pruned to zero. Each iteration recomputes the
 * posterior covariance of the kept weights (directly, or by the Woodbury
 * identity when there are fewer samples than features, as sklearn).
 */
import { ValidationError } from '../base/errors.js';
import { interval, type ParameterConstraints } from '../base/params.js';
import { regressorScore } from '../base/score.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike, Regressor } from '../base/types.js';
import { slogdetInPlace } from '../linalg/det.js';
import { pinvInPlace } from '../linalg/pinv.js';
import type { Tensor } from '../tensor/tensor.js';
import { centerData, denseData, interceptFromOffsets, LinearModel, linearDecision } from './linear-base.js';

/** Options of {@link ARDRegression} (sklearn 1.2's parameters, camelCase). */
export interface ARDRegressionParams {
  /** Maximum iterations. Default 300. */
  nIter: number;
  /** Stop when Σ|Δcoef| < tol. Default 1e-3. */
  tol: number;
  /** Gamma prior (shape, rate) on alpha. Default 1e-6 each. */
  alpha1: number;
  alpha2: number;
  /** Gamma prior (shape, rate) on each lambda. Default 1e-6 each. */
  lambda1: number;
  lambda2: number;
  /** Record the objective per iteration in `scores`. Default `false`. */
  computeScore: boolean;
  /** Prune weights whose precision reaches this. Default 1e4. */
  thresholdLambda: number;
  /** Fit an intercept (centre X and y). Default `true`. */
  fitIntercept: boolean;
}

const DEFAULTS: ARDRegressionParams = {
  nIter: 300,
  tol: 1e-3,
  alpha1: 1e-6,
  alpha2: 1e-6,
  lambda1: 1e-6,
  lambda2: 1e-6,
  computeScore: false,
  thresholdLambda: 1e4,
  fitIntercept: true,
};

const EPS = 2.220446049250313e-16;

/** Indices where `keep` is set. */
function kept(keep: Uint8Array): number[] {
  const out: number[] = [];
  for (let j = 0; j < keep.length; j++) if (keep[j]) out.push(j);
  return out;
}

/**
 * Posterior covariance of the kept weights, `k × k`: `pinv(diag(lambda) + alpha·XᵀX)`, or
 * through the `m × m` Woodbury form when `m < n` (sklearn's `_update_sigma(_woodbury)`).
 */
function posteriorCovariance(
  x: Float64Array,
  m: number,
  n: number,
  alpha: number,
  lambda: Float64Array,
  idx: number[],
): Float64Array {
  const k = idx.length;
  const rcond = (a: number, b: number) => EPS * Math.max(a, b);
  if (m >= n) {
    const a = new Float64Array(k * k);
    for (let p = 0; p < k; p++) {
      for (let q = p; q < k; q++) {
        let s = 0;
        for (let i = 0; i < m; i++) s += x[i * n + idx[p]] * x[i * n + idx[q]];
        a[p * k + q] = alpha * s;
        a[q * k + p] = alpha * s;
      }
      a[p * k + p] += lambda[idx[p]];
    }
    return pinvInPlace(a, k, k, rcond(k, k));
  }
  // Woodbury: Σ = Λ⁻¹ − Λ⁻¹Xᵀ (I/alpha + XΛ⁻¹Xᵀ)⁻¹ XΛ⁻¹.
  const b = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let l = i; l < m; l++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += (x[i * n + idx[p]] * x[l * n + idx[p]]) / lambda[idx[p]];
      b[i * m + l] = s;
      b[l * m + i] = s;
    }
    b[i * m + i] += 1 / alpha;
  }
  const bInv = pinvInPlace(b, m, m, rcond(m, m));
  // t = bInv · (X Λ⁻¹): m × k
  const t = new Float64Array(m * k);
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) {
      let s = 0;
      for (let l = 0; l < m; l++) s += (bInv[i * m + l] * x[l * n + idx[p]]) / lambda[idx[p]];
      t[i * k + p] = s;
    }
  }
  const sigma = new Float64Array(k * k);
  for (let p = 0; p < k; p++) {
    for (let q = 0; q < k; q++) {
      let s = 0;
      for (let i = 0; i < m; i++) s += x[i * n + idx[p]] * t[i * k + q];
      sigma[p * k + q] = -s / lambda[idx[p]];
    }
    sigma[p * k + p] += 1 / lambda[idx[p]];
  }
  return sigma;
}

/**
 * Automatic relevance determination regression.
 *
 * Fitted attributes: `coef`, `intercept`, `alpha`, `lambda` (one per
 * feature), `sigma` (covariance of the kept weights), `scores`, `nIter`.
 *
 * @example
 * import { ARDRegression } from 'typelearn/linear-model';
 * const model = await new ARDRegression().fit(X, y);
 * model.coef; // irrelevant features pruned to exactly 0
 */
export class ARDRegression extends LinearModel<ARDRegressionParams> implements Regressor<ARDRegressionParams> {
  static override readonly estimatorName = 'ARDRegression';

  static override parameterConstraints: ParameterConstraints = {
    nIter: [interval('int', 1, null, 'left')],
    tol: [interval('real', 0, null, 'left')],
    alpha1: [interval('real', 0, null, 'left')],
    alpha2: [interval('real', 0, null, 'left')],
    lambda1: [interval('real', 0, null, 'left')],
    lambda2: [interval('real', 0, null, 'left')],
    computeScore: ['boolean'],
    thresholdLambda: [interval('real', 0, null, 'left')],
    fitIntercept: ['boolean'],
  };

  #coef?: Float64Array;
  #intercept = 0;
  #alpha = 0;
  #lambda?: Float64Array;
  #sigma?: Float64Array;
  #scores: number[] = [];
  #nIter?: number;

  /** @param options - see {@link ARDRegressionParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<ARDRegressionParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'regressor', requiresY: true };
  }

  protected fitImpl(X: MatrixLike, y: Labels | undefined, options: FitOptions): void {
    const p = this.params;
    if (options.sampleWeight !== undefined) {
      throw new ValidationError('ARDRegression does not support sampleWeight (as sklearn)', { param: 'sampleWeight' });
    }
    const data = this.validateFitData(X, y, { allowSparse: false, multiOutput: false, yNumeric: true });
    const [m, n] = data.X.shape as [number, number];
    const c = centerData(denseData(data.X as Tensor), m, n, data.y as Float64Array, 1, p.fitIntercept);
    const x = c.x;
    const yc = c.y;
    let mean = 0;
    for (let i = 0; i < m; i++) mean += yc[i];
    mean /= m;
    let variance = 0;
    for (let i = 0; i < m; i++) variance += (yc[i] - mean) ** 2;
    variance /= m;
    let alpha = 1 / (variance + EPS);
    const lambda = new Float64Array(n).fill(1);
    const keep = new Uint8Array(n).fill(1);
    const coef = new Float64Array(n);
    const scores: number[] = [];
    const updateCoef = (sigma: Float64Array, idx: number[]) => {
      const k = idx.length;
      const xty = new Float64Array(k);
      for (let q = 0; q < k; q++) {
        let s = 0;
        for (let i = 0; i < m; i++) s += x[i * n + idx[q]] * yc[i];
        xty[q] = s;
      }
      for (let p2 = 0; p2 < k; p2++) {
        let s = 0;
        for (let q = 0; q < k; q++) s += sigma[p2 * k + q] * xty[q];
        coef[idx[p2]] = alpha * s;
      }
    };
    let old: Float64Array | undefined;
    let iter = 0;
    let sigma: Float64Array = new Float64Array(0);
    for (; iter < p.nIter; iter++) {
      const idx = kept(keep);
      sigma = posteriorCovariance(x, m, n, alpha, lambda, idx);
      updateCoef(sigma, idx);
      let rmse = 0;
      for (let i = 0; i < m; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += x[i * n + j] * coef[j];
        rmse += (yc[i] - s) ** 2;
      }
      let gammaSum = 0;
      for (let q = 0; q < idx.length; q++) {
        const j = idx[q];
        const gamma = 1 - lambda[j] * sigma[q * idx.length + q];
        gammaSum += gamma;
        lambda[j] = (gamma + 2 * p.lambda1) / (coef[j] * coef[j] + 2 * p.lambda2);
      }
      alpha = (m - gammaSum + 2 * p.alpha1) / (rmse + 2 * p.alpha2);
      for (let j = 0; j < n; j++) {
        keep[j] = lambda[j] < p.thresholdLambda ? 1 : 0;
        if (!keep[j]) coef[j] = 0;
      }
      if (p.computeScore) {
        let s = 0;
        let logLambda = 0;
        let penalty = 0;
        for (let j = 0; j < n; j++) {
          s += p.lambda1 * Math.log(lambda[j]) - p.lambda2 * lambda[j];
          logLambda += Math.log(lambda[j]);
          penalty += lambda[j] * coef[j] * coef[j];
        }
        s += p.alpha1 * Math.log(alpha) - p.alpha2 * alpha;
        const k = idx.length;
        const det = k === 0 ? { sign: 1, logabsdet: 0 } : slogdetInPlace(Float64Array.from(sigma), k);
        // sklearn's fast_logdet: -inf unless the determinant is positive.
        const logdet = det.sign > 0 ? det.logabsdet : Number.NEGATIVE_INFINITY;
        s += 0.5 * (logdet + m * Math.log(alpha) + logLambda);
        s -= 0.5 * (alpha * rmse + penalty);
        scores.push(s);
      }
      if (old !== undefined) {
        let change = 0;
        for (let j = 0; j < n; j++) change += Math.abs(old[j] - coef[j]);
        if (change < p.tol) break;
      }
      old = Float64Array.from(coef);
      if (!keep.some((v) => v === 1)) break;
    }
    this.#nIter = Math.min(iter + 1, p.nIter);
    const idx = kept(keep);
    if (idx.length > 0) {
      sigma = posteriorCovariance(x, m, n, alpha, lambda, idx);
      updateCoef(sigma, idx);
    } else {
      sigma = new Float64Array(0);
    }
    this.#coef = coef;
    this.#intercept = interceptFromOffsets(coef, c.xOffset, c.yOffset, 1, n)[0];
    this.#alpha = alpha;
    this.#lambda = lambda;
    this.#sigma = sigma;
    this.#scores = scores;
  }

  /** Posterior mean of the coefficients (0 where pruned; sklearn's `coef_`). */
  get coef(): Float64Array {
    return this.fitted('coef', this.#coef);
  }

  /** The intercept. */
  get intercept(): number {
    this.checkIsFitted('intercept');
    return this.#intercept;
  }

  /** Estimated noise precision (sklearn's `alpha_`). */
  get alpha(): number {
    this.checkIsFitted('alpha');
    return this.#alpha;
  }

  /** Estimated precision of each weight (sklearn's `lambda_`). */
  get lambda(): Float64Array {
    return this.fitted('lambda', this.#lambda);
  }

  /** Posterior covariance of the kept weights, `k × k` row-major (sklearn's `sigma_`). */
  get sigma(): Float64Array {
    return this.fitted('sigma', this.#sigma);
  }

  /** Objective per iteration (with `computeScore`). */
  get scores(): number[] {
    this.checkIsFitted('scores');
    return this.#scores.slice();
  }

  /** Iterations run (sklearn's `n_iter_`). */
  get nIter(): number {
    return this.fitted('nIter', this.#nIter);
  }

  /**
   * Posterior predictive mean.
   * @example model.predict([[1, 2]])
   */
  predict(X: MatrixLike): Float64Array {
    this.checkIsFitted();
    const x = this.validatePredictData(X, false);
    return linearDecision(x, this.fitted('coef', this.#coef), Float64Array.of(this.#intercept), 1);
  }

  /**
   * Predictive mean and standard deviation over the kept features
   * (sklearn's `predict(X, return_std=True)`, which uses X as given).
   * @example const { mean, std } = model.predictWithStd(X);
   */
  predictWithStd(X: MatrixLike): { mean: Float64Array; std: Float64Array } {
    this.checkIsFitted();
    const x = this.validatePredictData(X, false) as Tensor;
    const mean = linearDecision(x, this.fitted('coef', this.#coef), Float64Array.of(this.#intercept), 1);
    const lambda = this.fitted('lambda', this.#lambda);
    const idx: number[] = [];
    for (let j = 0; j < lambda.length; j++) if (lambda[j] < this.params.thresholdLambda) idx.push(j);
    const sigma = this.fitted('sigma', this.#sigma);
    const k = idx.length;
    const xs = denseData(x);
    const [m, n] = x.shape as [number, number];
    const std = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      let q = 0;
      if (sigma.length === k * k) {
        for (let a = 0; a < k; a++) {
          let s = 0;
          for (let b = 0; b < k; b++) s += sigma[a * k + b] * xs[i * n + idx[b]];
          q += xs[i * n + idx[a]] * s;
        }
      }
      std[i] = Math.sqrt(q + 1 / this.#alpha);
    }
    return { mean, std };
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
      alpha: this.#alpha,
      lambda: this.#lambda,
      sigma: this.#sigma,
      scores: Float64Array.from(this.#scores),
      nIter: this.#nIter,
    };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, 'saved ARDRegression');
    this.#coef = r.float64Array('coef');
    const n = this.#coef.length;
    this.#intercept = r.number('intercept');
    this.#alpha = r.number('alpha', { min: 0 });
    this.#lambda = r.float64Array('lambda', n);
    this.#sigma = r.float64Array('sigma');
    this.#scores = Array.from(r.float64Array('scores'));
    this.#nIter = r.number('nIter', { integer: true, min: 0 });
  }
}
