/**
 * `BayesianRidge` (scikit-learn 1.2's `sklearn.linear_model.BayesianRidge`):
 * ridge regression whose penalty `lambda` (precision of the weights) and
 * noise precision `alpha` are estimated from the data by MacKay's evidence
 * updates, each step solving the ridge system through one SVD of the
 * centred X (computed once, as sklearn).
 */
import { interval, type ParameterConstraints } from '../base/params.js';
import { regressorScore } from '../base/score.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike, Regressor } from '../base/types.js';
import { checkSampleWeight } from '../base/validation.js';
import { svdInPlace } from '../linalg/svd.js';
import type { Tensor } from '../tensor/tensor.js';
import { centerData, denseData, interceptFromOffsets, LinearModel, linearDecision } from './linear-base.js';

/** Options of {@link BayesianRidge} (sklearn 1.2's parameters, camelCase). */
export interface BayesianRidgeParams {
  /** Maximum evidence iterations. Default 300. */
  nIter: number;
  /** Stop when Σ|Δcoef| < tol. Default 1e-3. */
  tol: number;
  /** Gamma prior (shape, rate) on alpha. Default 1e-6 each. */
  alpha1: number;
  alpha2: number;
  /** Gamma prior (shape, rate) on lambda. Default 1e-6 each. */
  lambda1: number;
  lambda2: number;
  /** Starting alpha; default `undefined` → 1/var(y). */
  alphaInit: number | undefined;
  /** Starting lambda; default `undefined` → 1. */
  lambdaInit: number | undefined;
  /** Record the log marginal likelihood per iteration in `scores`. Default `false`. */
  computeScore: boolean;
  /** Fit an intercept (centre X and y). Default `true`. */
  fitIntercept: boolean;
}

const DEFAULTS: BayesianRidgeParams = {
  nIter: 300,
  tol: 1e-3,
  alpha1: 1e-6,
  alpha2: 1e-6,
  lambda1: 1e-6,
  lambda2: 1e-6,
  alphaInit: undefined,
  lambdaInit: undefined,
  computeScore: false,
  fitIntercept: true,
};

const EPS = 2.220446049250313e-16;

/**
 * Bayesian ridge regression.
 *
 * Fitted attributes: `coef`, `intercept`, `alpha` (noise precision),
 * `lambda` (weight precision), `sigma` (posterior covariance, `n × n`
 * row-major), `scores`, `nIter`, `nFeaturesIn`.
 *
 * @example
 * import { BayesianRidge } from 'typelearn/linear-model';
 * const model = await new BayesianRidge().fit([[0, 0], [1, 1], [2, 2]], [0, 1, 2]);
 * model.predict([[1, 1]]);        // ≈ [1]
 * model.predictWithStd([[1, 1]]); // { mean, std }
 */
export class BayesianRidge extends LinearModel<BayesianRidgeParams> implements Regressor<BayesianRidgeParams> {
  static override readonly estimatorName = 'BayesianRidge';

  static override parameterConstraints: ParameterConstraints = {
    nIter: [interval('int', 1, null, 'left')],
    tol: [interval('real', 0, null, 'neither')],
    alpha1: [interval('real', 0, null, 'left')],
    alpha2: [interval('real', 0, null, 'left')],
    lambda1: [interval('real', 0, null, 'left')],
    lambda2: [interval('real', 0, null, 'left')],
    alphaInit: [interval('real', 0, null, 'left'), null],
    lambdaInit: [interval('real', 0, null, 'left'), null],
    computeScore: ['boolean'],
    fitIntercept: ['boolean'],
  };

  #coef?: Float64Array;
  #intercept = 0;
  #alpha = 0;
  #lambda = 0;
  #sigma?: Float64Array;
  #scores: number[] = [];
  #nIter?: number;

  /** @param options - see {@link BayesianRidgeParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<BayesianRidgeParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'regressor', requiresY: true };
  }

  protected fitImpl(X: MatrixLike, y: Labels | undefined, options: FitOptions): void {
    const p = this.params;
    const data = this.validateFitData(X, y, { allowSparse: false, multiOutput: false, yNumeric: true });
    const [m, n] = data.X.shape as [number, number];
    const sw = options.sampleWeight === undefined ? undefined : checkSampleWeight(options.sampleWeight, m);
    const c = centerData(denseData(data.X as Tensor), m, n, data.y as Float64Array, 1, p.fitIntercept, sw);
    const x = c.x;
    const yc = c.y;
    let yMean = 0;
    for (let i = 0; i < m; i++) yMean += yc[i];
    yMean /= m;
    let yVar = 0;
    for (let i = 0; i < m; i++) yVar += (yc[i] - yMean) ** 2;
    yVar /= m;
    let alpha = p.alphaInit ?? 1 / (yVar + EPS);
    let lambda = p.lambdaInit ?? 1;
    const k = Math.min(m, n);
    const svd = svdInPlace(Float64Array.from(x), m, n, true, false);
    const u = svd.u as Float64Array; // m × k
    const vt = svd.vt as Float64Array; // k × n
    const eig = new Float64Array(k);
    for (let i = 0; i < k; i++) eig[i] = svd.s[i] * svd.s[i];
    // Projections that do not change between iterations: Vᵀ·Xᵀy = S·Uᵀy, and Uᵀy.
    const uty = new Float64Array(k);
    for (let r = 0; r < k; r++) {
      let s = 0;
      for (let i = 0; i < m; i++) s += u[i * k + r] * yc[i];
      uty[r] = s;
    }
    const coefFor = (a: number, l: number): { coef: Float64Array; rmse: number } => {
      // coef = V diag(s / (s² + l/a)) Uᵀy: the same solution as both of sklearn's branches.
      const coef = new Float64Array(n);
      for (let r = 0; r < k; r++) {
        const f = (svd.s[r] * uty[r]) / (eig[r] + l / a);
        if (f === 0) continue;
        for (let j = 0; j < n; j++) coef[j] += vt[r * n + j] * f;
      }
      let rmse = 0;
      for (let i = 0; i < m; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += x[i * n + j] * coef[j];
        rmse += (yc[i] - s) ** 2;
      }
      return { coef, rmse };
    };
    const scores: number[] = [];
    let old: Float64Array | undefined;
    let last: Float64Array = new Float64Array(n);
    let iter = 0;
    for (; iter < p.nIter; iter++) {
      const { coef, rmse } = coefFor(alpha, lambda);
      last = coef;
      if (p.computeScore) scores.push(this.#logMarginal(m, n, eig, alpha, lambda, coef, rmse));
      let gamma = 0;
      for (let r = 0; r < k; r++) gamma += (alpha * eig[r]) / (lambda + alpha * eig[r]);
      let norm = 0;
      for (let j = 0; j < n; j++) norm += coef[j] * coef[j];
      lambda = (gamma + 2 * p.lambda1) / (norm + 2 * p.lambda2);
      alpha = (m - gamma + 2 * p.alpha1) / (rmse + 2 * p.alpha2);
      if (old !== undefined) {
        let change = 0;
        for (let j = 0; j < n; j++) change += Math.abs(old[j] - coef[j]);
        if (change < p.tol) break;
      }
      old = coef;
    }
    this.#nIter = Math.min(iter + 1, p.nIter);
    const final = coefFor(alpha, lambda);
    // As sklearn: the last score pairs the last iteration's coefficients with the final residual.
    if (p.computeScore) scores.push(this.#logMarginal(m, n, eig, alpha, lambda, last, final.rmse));
    // Posterior covariance (1/alpha)·V diag(1/(s² + lambda/alpha)) Vᵀ.
    const sigma = new Float64Array(n * n);
    for (let r = 0; r < k; r++) {
      const f = 1 / alpha / (eig[r] + lambda / alpha);
      for (let i = 0; i < n; i++) {
        const vi = vt[r * n + i] * f;
        for (let j = 0; j < n; j++) sigma[i * n + j] += vi * vt[r * n + j];
      }
    }
    this.#coef = final.coef;
    this.#intercept = interceptFromOffsets(final.coef, c.xOffset, c.yOffset, 1, n)[0];
    this.#alpha = alpha;
    this.#lambda = lambda;
    this.#sigma = sigma;
    this.#scores = scores;
  }

  // sklearn's `_log_marginal_likelihood` (eigenvalues padded with zeros up to n when m < n).
  #logMarginal(
    m: number,
    n: number,
    eig: Float64Array,
    alpha: number,
    lambda: number,
    coef: Float64Array,
    rmse: number,
  ): number {
    const p = this.params;
    let logDetSigma = 0;
    if (m > n) {
      for (let r = 0; r < eig.length; r++) logDetSigma -= Math.log(lambda + alpha * eig[r]);
    } else {
      logDetSigma = -(n - m) * Math.log(lambda);
      for (let r = 0; r < m; r++) logDetSigma -= Math.log(lambda + alpha * (r < eig.length ? eig[r] : 0));
    }
    let norm = 0;
    for (let j = 0; j < n; j++) norm += coef[j] * coef[j];
    let score = p.lambda1 * Math.log(lambda) - p.lambda2 * lambda;
    score += p.alpha1 * Math.log(alpha) - p.alpha2 * alpha;
    score += 0.5 * (n * Math.log(lambda) + m * Math.log(alpha) - alpha * rmse - lambda * norm + logDetSigma);
    score -= 0.5 * m * Math.log(2 * Math.PI);
    return score;
  }

  /** Posterior mean of the coefficients (sklearn's `coef_`). */
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

  /** Estimated weight precision (sklearn's `lambda_`). */
  get lambda(): number {
    this.checkIsFitted('lambda');
    return this.#lambda;
  }

  /** Posterior covariance of the coefficients, `n × n` row-major (sklearn's `sigma_`). */
  get sigma(): Float64Array {
    return this.fitted('sigma', this.#sigma);
  }

  /** Log marginal likelihood per iteration plus the final one (with `computeScore`). */
  get scores(): number[] {
    this.checkIsFitted('scores');
    return this.#scores.slice();
  }

  /** Evidence iterations run (sklearn's `n_iter_`). */
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
   * Predictive mean and standard deviation `sqrt(xᵀ·sigma·x + 1/alpha)`
   * (sklearn's `predict(X, return_std=True)`, which uses X as given).
   * @example const { mean, std } = model.predictWithStd([[1, 2]]);
   */
  predictWithStd(X: MatrixLike): { mean: Float64Array; std: Float64Array } {
    this.checkIsFitted();
    const x = this.validatePredictData(X, false) as Tensor;
    const mean = linearDecision(x, this.fitted('coef', this.#coef), Float64Array.of(this.#intercept), 1);
    const sigma = this.fitted('sigma', this.#sigma);
    const xs = denseData(x);
    const [m, n] = x.shape as [number, number];
    const std = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      let q = 0;
      for (let a = 0; a < n; a++) {
        let s = 0;
        for (let b = 0; b < n; b++) s += sigma[a * n + b] * xs[i * n + b];
        q += xs[i * n + a] * s;
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
    const r = new StateReader(state, 'saved BayesianRidge');
    this.#coef = r.float64Array('coef');
    const n = this.#coef.length;
    this.#intercept = r.number('intercept');
    this.#alpha = r.number('alpha', { min: 0 });
    this.#lambda = r.number('lambda', { min: 0 });
    this.#sigma = r.float64Array('sigma', n * n);
    this.#scores = Array.from(r.float64Array('scores'));
    this.#nIter = r.number('nIter', { integer: true, min: 0 });
  }
}
