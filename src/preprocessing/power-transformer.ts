/**
 * `PowerTransformer`: per-feature power transforms that make data more
 * Gaussian (scikit-learn's `sklearn.preprocessing.PowerTransformer`).
 *
 * Each feature's lambda maximizes the log-likelihood of the transformed data
 * under a normal model, found with scipy's Brent procedure from the bracket
 * (-2, 2) (see `brent.ts`): Yeo-Johnson works on any reals, Box-Cox on
 * strictly positive data. With `standardize` the output is then scaled to
 * zero mean and unit variance. NaN is ignored in fit and kept in transform.
 */
import { ValidationError } from '../base/errors.js';
import { options, type ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, MatrixLike } from '../base/types.js';
import { Tensor } from '../tensor/tensor.js';
import { brentMinimize } from './brent.js';
import { columnValues, handleZerosInScale, isConstantFeature, pairwiseSum } from './scaling-utils.js';
import { BaseTransformer } from './transformer.js';

/** Options of {@link PowerTransformer}. */
export interface PowerTransformerParams {
  /** `'yeo-johnson'` (default, any real data) or `'box-cox'` (strictly positive data). */
  method: 'yeo-johnson' | 'box-cox';
  /** Scale the transformed data to zero mean, unit variance. Default `true`. */
  standardize: boolean;
}

const EPS = 2.220446049250313e-16;
const TINY = 2.2250738585072014e-308;

/**
 * The Yeo-Johnson transform of one value.
 * @example yeoJohnson(1, 0) // Math.log1p(1)
 */
export function yeoJohnson(x: number, lambda: number): number {
  if (x >= 0) return Math.abs(lambda) < EPS ? Math.log1p(x) : ((x + 1) ** lambda - 1) / lambda;
  return Math.abs(lambda - 2) > EPS ? -((-x + 1) ** (2 - lambda) - 1) / (2 - lambda) : -Math.log1p(-x);
}

function yeoJohnsonInverse(y: number, lambda: number): number {
  if (y >= 0) return Math.abs(lambda) < EPS ? Math.expm1(y) : (y * lambda + 1) ** (1 / lambda) - 1;
  return Math.abs(lambda - 2) > EPS ? 1 - (-(2 - lambda) * y + 1) ** (1 / (2 - lambda)) : 1 - Math.exp(-y);
}

/**
 * The Box-Cox transform of one positive value (scipy's `special.boxcox`).
 * @example boxCox(Math.E, 0) // 1
 */
export function boxCox(x: number, lambda: number): number {
  return Math.abs(lambda) < 1e-19 ? Math.log(x) : Math.expm1(lambda * Math.log(x)) / lambda;
}

function boxCoxInverse(y: number, lambda: number): number {
  return lambda === 0 ? Math.exp(y) : (y * lambda + 1) ** (1 / lambda);
}

/** Population variance by numpy's two passes. */
function variance(values: Float64Array): number {
  const mean = pairwiseSum(values) / values.length;
  const sq = values.map((v) => (v - mean) * (v - mean));
  return pairwiseSum(sq) / values.length;
}

/** sklearn's `_yeo_johnson_optimize`: the lambda minimizing the negative log-likelihood. */
function optimizeYeoJohnson(x: Float64Array): number {
  const signedLog = pairwiseSum(x.map((v) => Math.sign(v) * Math.log1p(Math.abs(v))));
  const buf = new Float64Array(x.length);
  const nll = (lambda: number) => {
    for (let i = 0; i < x.length; i++) buf[i] = yeoJohnson(x[i], lambda);
    const v = variance(buf);
    if (v < TINY) return Number.POSITIVE_INFINITY;
    return -(-(x.length / 2) * Math.log(v) + (lambda - 1) * signedLog);
  };
  return brentMinimize(nll, -2, 2);
}

/** scipy's `boxcox_normmax(method='mle')`: maximizes `boxcox_llf`. */
function optimizeBoxCox(x: Float64Array): number {
  const logs = x.map(Math.log);
  const sumLog = pairwiseSum(logs);
  const buf = new Float64Array(x.length);
  const negLlf = (lambda: number) => {
    if (lambda === 0) buf.set(logs);
    else for (let i = 0; i < x.length; i++) buf[i] = x[i] ** lambda / lambda;
    return -((lambda - 1) * sumLog - (x.length / 2) * Math.log(variance(buf)));
  };
  return brentMinimize(negLlf, -2, 2);
}

/**
 * Applies a fitted power transform per feature.
 *
 * Fitted attributes: `lambdas` (one per feature), and with `standardize` the
 * `mean`/`scale` of the transformed training data.
 *
 * @example
 * import { PowerTransformer } from 'typelearn/preprocessing';
 * const pt = await new PowerTransformer().fit([[1, 2], [3, 2], [4, 5]]);
 * pt.lambdas;               // Float64Array [1.386…, -3.100…]
 * pt.transform([[1, 2]]);   // Tensor [[-1.316…, -0.707…]]
 */
export class PowerTransformer extends BaseTransformer<PowerTransformerParams> {
  static override readonly estimatorName = 'PowerTransformer';

  static override parameterConstraints: ParameterConstraints = {
    method: [options(['yeo-johnson', 'box-cox'])],
    standardize: ['boolean'],
  };

  #lambdas?: Float64Array;
  #mean?: Float64Array;
  #scale?: Float64Array;

  /** @param options - see {@link PowerTransformerParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<PowerTransformerParams> = {}) {
    super({ method: 'yeo-johnson', standardize: true }, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), allowsNaN: true };
  }

  #checkPositive(data: ArrayLike<number>): void {
    if (this.params.method !== 'box-cox') return;
    for (let k = 0; k < data.length; k++) {
      if (data[k] <= 0) {
        throw new ValidationError('The Box-Cox transformation can only be applied to strictly positive data', {
          got: data[k],
          expected: 'values > 0',
        });
      }
    }
  }

  /** Power-transforms a row-major buffer in place with the fitted lambdas. */
  #power(out: Float64Array, n: number, p: number, inverse: boolean): void {
    const lambdas = this.#lambdas!;
    const boxcox = this.params.method === 'box-cox';
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < p; j++) {
        const v = out[i * p + j];
        if (Number.isNaN(v)) continue;
        const l = lambdas[j];
        out[i * p + j] = inverse
          ? boxcox
            ? boxCoxInverse(v, l)
            : yeoJohnsonInverse(v, l)
          : boxcox
            ? boxCox(v, l)
            : yeoJohnson(v, l);
      }
    }
  }

  protected fitImpl(X: MatrixLike): void {
    this.#lambdas = undefined;
    this.#mean = undefined;
    this.#scale = undefined;
    const { X: data } = this.validateData(X, undefined, { reset: true });
    const [n, p] = data.shape;
    this.#checkPositive(data.data);
    const lambdas = new Float64Array(p);
    for (let j = 0; j < p; j++) {
      const col = columnValues(data.data, n, p, j);
      lambdas[j] =
        col.length === 0
          ? Number.NaN
          : this.params.method === 'box-cox'
            ? optimizeBoxCox(col)
            : optimizeYeoJohnson(col);
    }
    this.#lambdas = lambdas;
    if (!this.params.standardize) return;
    const out = Float64Array.from(data.data);
    this.#power(out, n, p, false);
    const mean = new Float64Array(p);
    const scale = new Float64Array(p);
    const constant: boolean[] = [];
    for (let j = 0; j < p; j++) {
      const col = columnValues(out, n, p, j);
      let m = 0;
      for (const v of col) m += v;
      m /= col.length;
      mean[j] = m;
      const v = variance(col);
      scale[j] = Math.sqrt(v);
      constant.push(isConstantFeature(v, m, col.length));
    }
    this.#mean = mean;
    this.#scale = handleZerosInScale(scale, constant);
  }

  /** The fitted lambda of each feature (sklearn's `lambdas_`). */
  get lambdas(): Float64Array {
    return this.fitted('lambdas', this.#lambdas).slice();
  }

  /**
   * Power-transforms (and standardizes) `X`.
   * @example pt.transform(X)
   */
  transform(X: MatrixLike): Tensor {
    this.checkIsFitted();
    const { X: data } = this.validateData(X, undefined, { reset: false });
    const [n, p] = data.shape;
    this.#checkPositive(data.data);
    const out = Float64Array.from(data.data);
    this.#power(out, n, p, false);
    if (this.#mean && this.#scale) {
      for (let i = 0; i < n; i++)
        for (let j = 0; j < p; j++) out[i * p + j] = (out[i * p + j] - this.#mean[j]) / this.#scale[j];
    }
    return new Tensor(out, [n, p]);
  }

  /**
   * Undoes the standardization and the power transform.
   * @example pt.inverseTransform(pt.transform(X)) // ≈ X
   */
  inverseTransform(X: MatrixLike): Tensor {
    this.checkIsFitted();
    const { X: data } = this.validateData(X, undefined, { reset: false });
    const [n, p] = data.shape;
    const out = Float64Array.from(data.data);
    if (this.#mean && this.#scale) {
      for (let i = 0; i < n; i++)
        for (let j = 0; j < p; j++) out[i * p + j] = out[i * p + j] * this.#scale[j] + this.#mean[j];
    }
    this.#power(out, n, p, true);
    return new Tensor(out, [n, p]);
  }

  protected getState(): Record<string, unknown> {
    return { lambdas: this.#lambdas, mean: this.#mean, scale: this.#scale };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, 'saved PowerTransformer');
    const lambdas = r.float64Array('lambdas');
    this.#lambdas = lambdas;
    this.#mean = state.mean === undefined ? undefined : r.float64Array('mean', lambdas.length);
    this.#scale = state.scale === undefined ? undefined : r.float64Array('scale', lambdas.length);
  }
}
