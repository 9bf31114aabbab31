/**
 * Tweedie deviances (Poisson, Gamma and the general power family) and the D²
 * scores: the fraction of deviance (or pinball / absolute error) explained,
 * relative to predicting a constant.
 */
import { ValidationError } from '../base/errors.js';
import { percentile, weightedPercentile } from '../base/stats.js';
import { pinballColumns } from './regression.js';
import { column, combineOutputs, type RegressionMetricOptions, regressionInput } from './regression-input.js';
import type { NumericArray, NumericVector } from './vector.js';
import { warnUndefined } from './warnings.js';

/** Options of the Tweedie deviances. */
export interface TweedieOptions {
  /** Per-sample weights. */
  sampleWeight?: NumericVector;
  /**
   * Tweedie power: 0 normal (squared error), 1 Poisson, 2 Gamma, 3 inverse
   * Gaussian; (0, 1) is not defined. Default 0.
   */
  power?: number;
}

function unitDeviance(y: number, mu: number, p: number): number {
  if (p < 0) {
    return (
      2 * (Math.max(y, 0) ** (2 - p) / ((1 - p) * (2 - p)) - (y * mu ** (1 - p)) / (1 - p) + mu ** (2 - p) / (2 - p))
    );
  }
  if (p === 0) return (y - mu) ** 2;
  if (p === 1) return 2 * ((y === 0 ? 0 : y * Math.log(y / mu)) - y + mu);
  if (p === 2) return 2 * (Math.log(mu / y) + y / mu - 1);
  return 2 * (y ** (2 - p) / ((1 - p) * (2 - p)) - (y * mu ** (1 - p)) / (1 - p) + mu ** (2 - p) / (2 - p));
}

function meanDeviance(t: Float64Array, mu: (i: number) => number, w: Float64Array | undefined, p: number): number {
  let s = 0;
  let sw = 0;
  for (let i = 0; i < t.length; i++) {
    const wi = w ? w[i] : 1;
    s += wi * unitDeviance(t[i], mu(i), p);
    sw += wi;
  }
  return s / sw;
}

function checkDomain(t: Float64Array, pr: Float64Array, p: number): void {
  const msg = `Mean Tweedie deviance error with power=${p} can only be used on `;
  const bad = (arr: Float64Array, pred: (v: number) => boolean) => arr.findIndex(pred);
  if (p < 0) {
    if (bad(pr, (v) => v <= 0) >= 0) throw new ValidationError(`${msg}strictly positive yPred.`, { param: 'power' });
  } else if (p > 0 && p < 1) {
    throw new ValidationError(`Tweedie deviance is only defined for power <= 0 and power >= 1, got ${p}.`, {
      param: 'power',
    });
  } else if (p >= 1 && p < 2) {
    if (bad(t, (v) => v < 0) >= 0 || bad(pr, (v) => v <= 0) >= 0) {
      throw new ValidationError(`${msg}non-negative yTrue and strictly positive yPred.`, { param: 'power' });
    }
  } else if (p >= 2) {
    if (bad(t, (v) => v <= 0) >= 0 || bad(pr, (v) => v <= 0) >= 0) {
      throw new ValidationError(`${msg}strictly positive yTrue and yPred.`, { param: 'power' });
    }
  }
}

function singleOutput(yTrue: NumericArray, yPred: NumericArray, sampleWeight: NumericVector | undefined, name: string) {
  const input = regressionInput(yTrue, yPred, { sampleWeight });
  if (input.k !== 1) throw new ValidationError(`Multioutput not supported in ${name}`);
  return input;
}

/**
 * Mean Tweedie deviance of power `power` (see {@link TweedieOptions}).
 * @example meanTweedieDeviance([2, 0, 1, 4], [0.5, 0.5, 2, 2], { power: 1 }) // 1.4260...
 */
export function meanTweedieDeviance(yTrue: NumericArray, yPred: NumericArray, options: TweedieOptions = {}): number {
  const { power = 0 } = options;
  if (typeof power !== 'number' || !Number.isFinite(power))
    throw new ValidationError(`power must be a finite number, got ${String(power)}`);
  const input = singleOutput(yTrue, yPred, options.sampleWeight, 'meanTweedieDeviance');
  checkDomain(input.T.data, input.P.data, power);
  return meanDeviance(input.T.data, (i) => input.P.data[i], input.w, power);
}

/**
 * Mean Poisson deviance (Tweedie power 1); yTrue ≥ 0, yPred > 0.
 * @example meanPoissonDeviance([2, 0, 1, 4], [0.5, 0.5, 2, 2]) // 1.4260...
 */
export function meanPoissonDeviance(
  yTrue: NumericArray,
  yPred: NumericArray,
  options: { sampleWeight?: NumericVector } = {},
): number {
  return meanTweedieDeviance(yTrue, yPred, { sampleWeight: options.sampleWeight, power: 1 });
}

/**
 * Mean Gamma deviance (Tweedie power 2); both > 0.
 * @example meanGammaDeviance([2, 0.5, 1, 4], [0.5, 0.5, 2, 2]) // 1.0568...
 */
export function meanGammaDeviance(
  yTrue: NumericArray,
  yPred: NumericArray,
  options: { sampleWeight?: NumericVector } = {},
): number {
  return meanTweedieDeviance(yTrue, yPred, { sampleWeight: options.sampleWeight, power: 2 });
}

/**
 * D² Tweedie score: `1 - dev(y, ŷ) / dev(y, mean(y))` (R² for power 0).
 * Fewer than two samples give NaN with a warning.
 * @example d2TweedieScore([0.5, 1, 2.5, 7], [1, 1, 5, 3.5], { power: 1 }) // 0.4879...
 */
export function d2TweedieScore(yTrue: NumericArray, yPred: NumericArray, options: TweedieOptions = {}): number {
  const { power = 0 } = options;
  const input = singleOutput(yTrue, yPred, options.sampleWeight, 'd2TweedieScore');
  if (input.n < 2) {
    warnUndefined('D^2 score is not well-defined with less than two samples.');
    return Number.NaN;
  }
  const num = meanTweedieDeviance(input.T.data, input.P.data, { sampleWeight: input.w, power });
  let s = 0;
  let sw = 0;
  for (let i = 0; i < input.n; i++) {
    const wi = input.w ? input.w[i] : 1;
    s += wi * input.T.data[i];
    sw += wi;
  }
  const avg = s / sw;
  const den = meanDeviance(input.T.data, () => avg, input.w, power);
  return 1 - num / den;
}

/** Options of {@link d2PinballScore}. */
export interface D2PinballOptions extends RegressionMetricOptions {
  /** Quantile level. Default 0.5. */
  alpha?: number;
}

/**
 * D² pinball score: pinball loss explained relative to predicting the
 * `alpha`-quantile of yTrue (1 perfect, 0 no better than the constant).
 * @example d2PinballScore([1, 2, 3], [1, 3, 3]) // 0.5
 */
export function d2PinballScore(
  yTrue: NumericArray,
  yPred: NumericArray,
  options: D2PinballOptions & { multioutput: 'raw_values' },
): Float64Array;
export function d2PinballScore(yTrue: NumericArray, yPred: NumericArray, options?: D2PinballOptions): number;
export function d2PinballScore(
  yTrue: NumericArray,
  yPred: NumericArray,
  options: D2PinballOptions = {},
): number | Float64Array {
  const { alpha = 0.5 } = options;
  const input = regressionInput(yTrue, yPred, options);
  if (input.n < 2) {
    warnUndefined('D^2 score is not well-defined with less than two samples.');
    return Number.NaN;
  }
  const num = pinballColumns(input, alpha);
  const q = new Float64Array(input.n * input.k);
  for (let j = 0; j < input.k; j++) {
    const t = column(input.T, j);
    const v = input.w ? weightedPercentile(t, input.w, alpha * 100) : percentile(t, alpha * 100);
    for (let i = 0; i < input.n; i++) q[i * input.k + j] = v;
  }
  const den = pinballColumns({ ...input, P: { ...input.P, data: q } }, alpha);
  const scores = new Float64Array(input.k);
  for (let j = 0; j < input.k; j++) {
    if (num[j] !== 0 && den[j] !== 0) scores[j] = 1 - num[j] / den[j];
    else scores[j] = num[j] !== 0 ? 0 : 1;
  }
  if (typeof input.multioutput === 'string' && input.multioutput === 'variance_weighted') {
    throw new ValidationError(
      "multioutput is expected to be 'raw_values' or 'uniform_average' but we got 'variance_weighted'",
    );
  }
  return combineOutputs(scores, input.multioutput);
}

/**
 * D² absolute error score: `d2PinballScore` with alpha 0.5 (MAE explained
 * relative to predicting the median).
 * @example d2AbsoluteErrorScore([3, -0.5, 2, 7], [2.5, 0, 2, 8]) // 0.7647...
 */
export function d2AbsoluteErrorScore(
  yTrue: NumericArray,
  yPred: NumericArray,
  options: RegressionMetricOptions & { multioutput: 'raw_values' },
): Float64Array;
export function d2AbsoluteErrorScore(
  yTrue: NumericArray,
  yPred: NumericArray,
  options?: RegressionMetricOptions,
): number;
export function d2AbsoluteErrorScore(
  yTrue: NumericArray,
  yPred: NumericArray,
  options: RegressionMetricOptions = {},
): number | Float64Array {
  return d2PinballScore(yTrue, yPred, { ...options, alpha: 0.5 });
}
