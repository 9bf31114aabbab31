/**
 * `LinearRegression`: ordinary least squares (scikit-learn's
 * `sklearn.linear_model.LinearRegression`).
 *
 * Like sklearn, the intercept is handled by centring X and y (weighted means
 * when `sampleWeight` is given, rows scaled by √w), then solving the centred
 * problem by SVD-based least squares (minimum-norm when X is rank-deficient);
 * `positive: true` solves non-negative least squares instead.
 *
 * Differences from scikit-learn: single target only; no sparse input yet.
 */
import { BaseEstimator } from '../base/estimator.js';
import type { ParameterConstraints } from '../base/params.js';
import { regressorScore } from '../base/score.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike, Regressor } from '../base/types.js';
import { checkSampleWeight } from '../base/validation.js';
import { choleskyInPlace } from '../linalg/cholesky.js';
import { lstsqInPlace, reduceTall } from '../linalg/lstsq.js';
import { centeredCrossProducts } from './linear-base.js';
import { nnls } from './nnls.js';

/** Options of {@link LinearRegression} (sklearn's parameters, camelCase). */
export interface LinearRegressionParams {
  /** Fit an intercept (centre X and y first). Default `true`. */
  fitIntercept: boolean;
  /** Constrain the coefficients to be ≥ 0 (non-negative least squares). Default `false`. */
  positive: boolean;
}

const DEFAULTS: LinearRegressionParams = { fitIntercept: true, positive: false };
const EPS = 2.220446049250313e-16;

/**
 * Least-squares linear model `y ≈ X · coef + intercept`.
 *
 * Fitted attributes (throw `NotFittedError` before `fit`): `coef`, `intercept`,
 * `rank` and `singular` (of the centred X; not set with `positive`), `nFeaturesIn`, `featureNamesIn`.
 *
 * @example
 * import { LinearRegression } from 'typelearn/linear-model';
 * const X = [[1, 1], [1, 2], [2, 2], [2, 3]];
 * const y = [6, 8, 9, 11];                       // y = 1·x0 + 2·x1 + 3
 * const model = await new LinearRegression().fit(X, y);
 * model.coef;              // Float64Array [1, 2]
 * model.intercept;         // 3
 * model.predict([[3, 5]]); // Float64Array [16]
 */
export class LinearRegression
  extends BaseEstimator<LinearRegressionParams>
  implements Regressor<LinearRegressionParams>
{
  static override readonly estimatorName = 'LinearRegression';

  static override parameterConstraints: ParameterConstraints = {
    fitIntercept: ['boolean'],
    positive: ['boolean'],
  };

  #coef?: Float64Array;
  #intercept?: number;
  #rank?: number;
  #singular?: Float64Array;

  /** @param options - see {@link LinearRegressionParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<LinearRegressionParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'regressor', requiresY: true };
  }

  protected fitImpl(X: MatrixLike, y: Labels | undefined, options: FitOptions): void {
    const { X: x, y: target } = this.validateData(X, y, { reset: true, yNumeric: true });
    const [m, n] = x.shape;
    const weights = options.sampleWeight === undefined ? undefined : checkSampleWeight(options.sampleWeight, m);
    const { fitIntercept, positive } = this.params;
    if (!positive && weights === undefined && m >= n && n > 0) {
      const fast = normalEquationsLstsq(x.data as Float64Array, m, n, target as Float64Array, fitIntercept);
      if (fast !== null) {
        this.#coef = fast.coef;
        this.#intercept = fast.intercept;
        this.#rank = fast.rank;
        this.#singular = fast.s;
        return;
      }
    }

    // Weighted column means of X and mean of y (zero without an intercept).
    const xOffset = new Float64Array(n);
    let yOffset = 0;
    const xs = x.data;
    if (fitIntercept) {
      let sw = 0;
      for (let i = 0; i < m; i++) {
        const wi = weights ? weights[i] : 1;
        sw += wi;
        yOffset += wi * target[i];
        for (let j = 0; j < n; j++) xOffset[j] += wi * xs[i * n + j];
      }
      yOffset /= sw;
      for (let j = 0; j < n; j++) xOffset[j] /= sw;
    }
    // Centred (and √w-scaled) copies: the least-squares problem sklearn solves.
    const a = new Float64Array(m * n);
    const b = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      const scale = weights ? Math.sqrt(weights[i]) : 1;
      b[i] = (target[i] - yOffset) * scale;
      for (let j = 0; j < n; j++) a[i * n + j] = (xs[i * n + j] - xOffset[j]) * scale;
    }

    let coef: Float64Array;
    if (positive) {
      // Tall problems are reduced to their n x n triangle first: same minimiser, and each
      // active-set step then costs O(n²) instead of O(m·n).
      coef = m > n ? nnlsReduced(a, m, n, b) : nnls(a, m, n, b).x;
      this.#rank = undefined;
      this.#singular = undefined;
    } else {
      const solution = lstsqInPlace(a, m, n, b, 1, EPS * Math.max(m, n));
      coef = solution.x;
      this.#rank = solution.rank;
      this.#singular = solution.s;
    }
    let intercept = 0;
    if (fitIntercept) {
      intercept = yOffset;
      for (let j = 0; j < n; j++) intercept -= xOffset[j] * coef[j];
    }
    this.#coef = coef;
    this.#intercept = intercept;
  }

  /** Coefficients, one per feature (sklearn's `coef_`). */
  get coef(): Float64Array {
    return this.fitted('coef', this.#coef);
  }

  /** The intercept (0 when `fitIntercept` is false; sklearn's `intercept_`). */
  get intercept(): number {
    return this.fitted('intercept', this.#intercept);
  }

  /** Rank of the centred X (sklearn's `rank_`); undefined with `positive`. */
  get rank(): number | undefined {
    this.checkIsFitted('rank');
    return this.#rank;
  }

  /** Singular values of the centred X, descending (sklearn's `singular_`); undefined with `positive`. */
  get singular(): Float64Array | undefined {
    this.checkIsFitted('singular');
    return this.#singular;
  }

  /**
   * Predictions `X · coef + intercept`, one per row.
   * @example model.predict([[3, 5]]) // Float64Array [16]
   */
  predict(X: MatrixLike): Float64Array {
    this.checkIsFitted();
    const coef = this.fitted('coef', this.#coef);
    const intercept = this.fitted('intercept', this.#intercept);
    const x = this.validateData(X, undefined, { reset: false }).X;
    const [m, n] = x.shape;
    const xs = x.data;
    const out = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      let s = intercept;
      for (let j = 0; j < n; j++) s += xs[i * n + j] * coef[j];
      out[i] = s;
    }
    return out;
  }

  /**
   * Coefficient of determination R² of the predictions (weighted by `sampleWeight`).
   * @example model.score(X, y) // 1 on exactly linear data
   */
  score(X: MatrixLike, y: Labels, sampleWeight?: ArrayLike<number>): number {
    return regressorScore(y, this.predict(X), sampleWeight);
  }

  protected getState(): Record<string, unknown> {
    return { coef: this.#coef, intercept: this.#intercept, rank: this.#rank, singular: this.#singular };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, 'saved LinearRegression');
    this.#coef = r.float64Array('coef');
    this.#intercept = r.number('intercept');
    this.#rank = r.has('rank') ? r.number('rank', { integer: true, min: 0 }) : undefined;
    this.#singular = r.has('singular') ? r.float64Array('singular') : undefined;
  }
}

/**
 * Largest condition number of the centred X for which the normal equations are used: their
 * error grows like κ²·eps (with up to 4 bits lost centring the cross products), below 1e-9
 * relative here, well inside the 1e-8 of the QR/SVD path's parity.
 */
const MAX_NORMAL_COND = 300;

/**
 * Least squares through the normal equations of the centred data, for well-conditioned
 * tall X: the cross products come from one GEMM pass over X (no centred copy, no
 * Householder sweep over m rows), `R = chol(X̃ᵀX̃)` stands in for the QR factor (same
 * singular values) and `Rᵀ c = X̃ᵀy` for `Qᵀy`; the small `R` then goes through the same
 * SVD solve as the QR path. `null` (use the QR path) when the Cholesky fails or κ > {@link MAX_NORMAL_COND}.
 */
function normalEquationsLstsq(
  xs: Float64Array,
  m: number,
  n: number,
  y: Float64Array,
  fitIntercept: boolean,
): { coef: Float64Array; intercept: number; rank: number; s: Float64Array } | null {
  const { cross, xOffset, yOffset } = centeredCrossProducts(xs, m, n, y, 1, fitIntercept);
  const v = n + 1;
  const l = new Float64Array(n * n);
  for (let a = 0; a < n; a++) for (let b = 0; b <= a; b++) l[a * n + b] = cross[a * v + b];
  if (choleskyInPlace(l, n) !== 0) return null;
  // Forward substitution L c = X̃ᵀy.
  const c = new Float64Array(n);
  for (let a = 0; a < n; a++) {
    let sum = cross[a * v + n];
    for (let b = 0; b < a; b++) sum -= l[a * n + b] * c[b];
    c[a] = sum / l[a * n + a];
  }
  const r = new Float64Array(n * n);
  for (let a = 0; a < n; a++) for (let b = a; b < n; b++) r[a * n + b] = l[b * n + a];
  const sol = lstsqInPlace(r, n, n, c, 1, EPS * Math.max(m, n));
  const s = sol.s;
  if (sol.rank < n || !(s[0] <= MAX_NORMAL_COND * s[n - 1])) return null;
  let intercept = 0;
  if (fitIntercept) {
    intercept = yOffset[0];
    for (let j = 0; j < n; j++) intercept -= xOffset[j] * sol.x[j];
  }
  return { coef: sol.x, intercept, rank: sol.rank, s };
}

function nnlsReduced(a: Float64Array, m: number, n: number, b: Float64Array): Float64Array {
  const { r, qtb } = reduceTall(a, m, n, b, 1);
  return nnls(r, n, n, qtb).x;
}
