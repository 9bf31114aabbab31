/**
 * `GeneralizedLinearRegressor`: what PoissonRegressor, GammaRegressor and
 * TweedieRegressor share (scikit-learn 1.2's `_GeneralizedLinearRegressor`
 * with `solver='lbfgs'`): minimise
 * `Σᵢ sᵢ·loss(yᵢ, xᵢ·w + b) + ½·alpha·‖w‖²` with sample weights `s`
 * normalised to sum to 1 and the half Tweedie deviance of the family, by
 * L-BFGS (`gtol = tol`, `ftol = 64ε`, 50 line-search steps) from `w = 0`,
 * `b = link(weighted mean of y)`. `score` is D², the share of deviance explained.
 */
import { ValidationError } from '../../base/errors.js';
import { columnOrLabels } from '../../base/labels.js';
import { interval, options, type ParameterConstraints } from '../../base/params.js';
import { StateReader } from '../../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike, Regressor } from '../../base/types.js';
import { checkSampleWeight } from '../../base/validation.js';
import { ConvergenceWarning, warn } from '../../base/warnings.js';
import { SparseMatrix } from '../../tensor/sparse.js';
import type { Tensor } from '../../tensor/tensor.js';
import { type DesignMatrix, denseData, LinearModel, linearDecision } from '../linear-base.js';
import { lbfgs } from '../optim/lbfgs.js';
import { applyLink, inverseLink, type TweedieFamily, tweedieConstant, tweedieLoss, yInRange } from './tweedie-loss.js';

/** Options every GLM regressor has (sklearn's parameters, camelCase). */
export interface GlmParams {
  /** L2 penalty strength ≥ 0 (on `w`, not the intercept). Default 1. */
  alpha: number;
  /** Fit an intercept. Default `true`. */
  fitIntercept: boolean;
  /** `'lbfgs'` (the only solver). */
  solver: 'lbfgs';
  /** L-BFGS iteration cap. Default 100. */
  maxIter: number;
  /** Stop when the largest gradient entry is ≤ tol. Default 1e-4. */
  tol: number;
  /** Start from the previous solution. Default `false`. */
  warmStart: boolean;
}

/** Constraints of {@link GlmParams}. */
export const GLM_CONSTRAINTS: ParameterConstraints = {
  alpha: [interval('real', 0, null, 'left')],
  fitIntercept: ['boolean'],
  solver: [options(['lbfgs'])],
  maxIter: [interval('int', 1, null, 'left')],
  tol: [interval('real', 0, null, 'neither')],
  warmStart: ['boolean'],
};

/** Defaults of {@link GlmParams}. */
export const GLM_DEFAULTS: GlmParams = {
  alpha: 1,
  fitIntercept: true,
  solver: 'lbfgs',
  maxIter: 100,
  tol: 1e-4,
  warmStart: false,
};

/** `Xᵀv` into `out` (length n). */
function transposeTimes(x: DesignMatrix, v: Float64Array, out: Float64Array): void {
  const [m, n] = x.shape as [number, number];
  out.fill(0);
  if (x instanceof SparseMatrix) {
    for (let i = 0; i < m; i++) {
      const vi = v[i];
      for (let p = x.indptr[i]; p < x.indptr[i + 1]; p++) out[x.indices[p]] += x.data[p] * vi;
    }
    return;
  }
  const xs = denseData(x as Tensor);
  for (let i = 0; i < m; i++) {
    const vi = v[i];
    if (vi === 0) continue;
    const r = i * n;
    for (let j = 0; j < n; j++) out[j] += xs[r + j] * vi;
  }
}

/** Base class of the Tweedie GLM regressors; subclasses give the family. */
export abstract class GeneralizedLinearRegressor<P extends GlmParams> extends LinearModel<P> implements Regressor<P> {
  #coef?: Float64Array;
  #intercept = 0;
  #nIter?: number;
  #family?: TweedieFamily;

  /** Power and link of the model's Tweedie family. */
  protected abstract family(): TweedieFamily;

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
    const family = this.family();
    const data = this.validateFitData(X, y, { allowSparse: true, multiOutput: false, yNumeric: true });
    const x = data.X;
    const target = data.y as Float64Array;
    const [m, n] = x.shape as [number, number];
    for (let i = 0; i < m; i++) {
      if (!yInRange(family.power, target[i])) {
        throw new ValidationError(
          `Some value(s) of y are out of the valid range of the loss (power=${family.power}): y[${i}] = ${target[i]}`,
          { row: i, got: target[i] },
        );
      }
    }
    const sw = checkSampleWeight(options.sampleWeight, m);
    let total = 0;
    for (let i = 0; i < m; i++) total += sw[i];
    for (let i = 0; i < m; i++) sw[i] /= total;
    const fi = p.fitIntercept;
    const w0 = new Float64Array(n + (fi ? 1 : 0));
    if (p.warmStart && this.#coef !== undefined && this.#coef.length === n) {
      w0.set(this.#coef);
      if (fi) w0[n] = this.#intercept;
    } else if (fi) {
      let mean = 0;
      for (let i = 0; i < m; i++) mean += sw[i] * target[i];
      w0[n] = applyLink(family.link, mean);
    }
    const alpha = p.alpha;
    const g = new Float64Array(m);
    const b0 = new Float64Array(1);
    const objective = (w: Float64Array, grad: Float64Array): number => {
      b0[0] = fi ? w[n] : 0;
      const raw = linearDecision(x, w.subarray(0, n), b0, 1);
      let loss = 0;
      for (let i = 0; i < m; i++) {
        loss += sw[i] * tweedieLoss(family, target[i], raw[i], g, i);
        g[i] *= sw[i];
      }
      transposeTimes(x, g, grad);
      let norm = 0;
      for (let j = 0; j < n; j++) {
        norm += w[j] * w[j];
        grad[j] += alpha * w[j];
      }
      if (fi) {
        let s = 0;
        for (let i = 0; i < m; i++) s += g[i];
        grad[n] = s;
      }
      return loss + 0.5 * alpha * norm;
    };
    const r = lbfgs(objective, w0, {
      maxIter: p.maxIter,
      gtol: p.tol,
      ftol: 64 * 2.220446049250313e-16,
      maxLineSearch: 50,
    });
    if (!r.converged) {
      warn(
        new ConvergenceWarning(
          `lbfgs failed to converge (status ${r.status}) after ${r.nIter} iterations. Increase the number of iterations (maxIter=${p.maxIter}) or scale the data.`,
        ),
      );
    }
    this.#coef = Float64Array.from(r.x.subarray(0, n));
    this.#intercept = fi ? r.x[n] : 0;
    this.#nIter = Math.min(r.nIter, p.maxIter);
    this.#family = family;
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

  /** L-BFGS iterations run (sklearn's `n_iter_`). */
  get nIter(): number {
    return this.fitted('nIter', this.#nIter);
  }

  #raw(X: MatrixLike): Float64Array {
    this.checkIsFitted();
    const x = this.validatePredictData(X, true);
    return linearDecision(x, this.fitted('coef', this.#coef), Float64Array.of(this.#intercept), 1);
  }

  /**
   * Predicted means `link⁻¹(X·coef + intercept)`.
   * @example model.predict([[1, 2]])
   */
  predict(X: MatrixLike): Float64Array {
    const raw = this.#raw(X);
    const link = this.fitted('family', this.#family).link;
    for (let i = 0; i < raw.length; i++) raw[i] = inverseLink(link, raw[i]);
    return raw;
  }

  /**
   * D²: one minus the model's deviance over the deviance of the weighted mean.
   * @example model.score(X, y)
   */
  score(X: MatrixLike, y: Labels, sampleWeight?: ArrayLike<number>): number {
    const raw = this.#raw(X);
    const family = this.fitted('family', this.#family);
    const { labels } = columnOrLabels(y);
    if (!(labels instanceof Float64Array) || labels.length !== raw.length) {
      throw new ValidationError(`y must hold ${raw.length} numbers`, { expected: raw.length });
    }
    const sw = checkSampleWeight(sampleWeight, raw.length);
    let total = 0;
    let mean = 0;
    for (let i = 0; i < raw.length; i++) {
      if (!yInRange(family.power, labels[i])) {
        throw new ValidationError(`Some value(s) of y are out of the valid range of the loss: y[${i}] = ${labels[i]}`, {
          row: i,
          got: labels[i],
        });
      }
      total += sw[i];
      mean += sw[i] * labels[i];
    }
    mean /= total;
    const nullRaw = applyLink(family.link, mean);
    const scratch = new Float64Array(1);
    let dev = 0;
    let devNull = 0;
    for (let i = 0; i < raw.length; i++) {
      const c = tweedieConstant(family, labels[i]);
      dev += sw[i] * (tweedieLoss(family, labels[i], raw[i], scratch, 0) + c);
      devNull += sw[i] * (tweedieLoss(family, labels[i], nullRaw, scratch, 0) + c);
    }
    return 1 - dev / devNull;
  }

  protected getState(): Record<string, unknown> {
    return {
      coef: this.#coef,
      intercept: this.#intercept,
      nIter: this.#nIter,
      power: this.#family?.power,
      link: this.#family?.link,
    };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, `saved ${this.estimatorName}`);
    this.#coef = r.float64Array('coef');
    this.#intercept = r.number('intercept');
    this.#nIter = r.number('nIter', { integer: true, min: 0 });
    this.#family = { power: r.number('power'), link: r.string('link', ['log', 'identity']) as 'log' | 'identity' };
  }
}
