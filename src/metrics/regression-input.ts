/**
 * What the regression metrics share: reading 1-D or multi-output targets
 * (sklearn's `_check_reg_targets`), the `multioutput` option, and weighted
 * column averages.
 */
import { ValidationError } from '../base/errors.js';
import {
  checkSameCount,
  type Matrix,
  type NumericArray,
  type NumericVector,
  sampleWeightVector,
  toFloat64Vector,
  toMatrix,
} from './vector.js';

/**
 * How per-output errors of a multi-output target are combined:
 * `'raw_values'` (one per output), `'uniform_average'` (mean), or explicit
 * weights per output. R² and explained variance also take `'variance_weighted'`.
 */
export type Multioutput = 'raw_values' | 'uniform_average' | 'variance_weighted' | NumericVector;

/** Options shared by the regression metrics. */
export interface RegressionMetricOptions {
  /** Per-sample weights. Default: all 1. */
  sampleWeight?: NumericVector;
  /** Combination of the outputs of a 2-D target (see {@link Multioutput}). Default `'uniform_average'`. */
  multioutput?: Multioutput;
}

/** Checked regression inputs. */
export interface RegressionInput {
  T: Matrix;
  P: Matrix;
  w: Float64Array | undefined;
  n: number;
  /** Number of outputs. */
  k: number;
  /** Parsed `multioutput`: a string or explicit weights. */
  multioutput: 'raw_values' | 'uniform_average' | 'variance_weighted' | Float64Array;
}

/** Reads and checks yTrue, yPred, sampleWeight and multioutput. */
export function regressionInput(
  yTrue: NumericArray,
  yPred: NumericArray,
  options: RegressionMetricOptions = {},
  allowed: readonly string[] = ['raw_values', 'uniform_average'],
): RegressionInput {
  const T = toMatrix(yTrue, 'yTrue');
  const P = toMatrix(yPred, 'yPred');
  checkSameCount(T.rows, P.rows, 'yTrue', 'yPred');
  if (T.cols !== P.cols) {
    throw new ValidationError(`yTrue and yPred have different numbers of outputs (${T.cols} != ${P.cols})`, {
      expected: T.cols,
      got: P.cols,
    });
  }
  const w = sampleWeightVector(options.sampleWeight, T.rows);
  const mo = options.multioutput ?? 'uniform_average';
  let multioutput: RegressionInput['multioutput'];
  if (typeof mo === 'string') {
    if (!allowed.includes(mo)) {
      throw new ValidationError(
        `Allowed 'multioutput' string values are ${allowed.map((a) => `'${a}'`).join(', ')}. You provided '${mo}'`,
        {
          param: 'multioutput',
        },
      );
    }
    multioutput = mo;
  } else {
    const weights = toFloat64Vector(mo, 'multioutput');
    if (T.cols === 1)
      throw new ValidationError('Custom weights are useful only in multi-output cases.', { param: 'multioutput' });
    if (weights.length !== T.cols) {
      throw new ValidationError(
        `There must be equally many custom weights (${weights.length}) as outputs (${T.cols}).`,
        {
          param: 'multioutput',
        },
      );
    }
    multioutput = weights;
  }
  return { T, P, w, n: T.rows, k: T.cols, multioutput };
}

/** Weighted mean over rows of `f(t, p)` for each output column. */
export function columnMeans(input: RegressionInput, f: (t: number, p: number) => number): Float64Array {
  const { T, P, w, n, k } = input;
  const out = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    let s = 0;
    let sw = 0;
    for (let i = 0; i < n; i++) {
      const wi = w ? w[i] : 1;
      s += wi * f(T.data[i * k + j], P.data[i * k + j]);
      sw += wi;
    }
    out[j] = s / sw;
  }
  return out;
}

/** Combines per-output values according to `multioutput` (`weights` for 'variance_weighted'). */
export function combineOutputs(
  values: Float64Array,
  multioutput: RegressionInput['multioutput'],
  varianceWeights?: Float64Array,
): number | Float64Array {
  if (multioutput === 'raw_values') return values;
  let weights: ArrayLike<number> | undefined;
  if (multioutput instanceof Float64Array) weights = multioutput;
  else if (multioutput === 'variance_weighted' && varianceWeights && varianceWeights.some((v) => v !== 0))
    weights = varianceWeights;
  let s = 0;
  let sw = 0;
  for (let j = 0; j < values.length; j++) {
    const wj = weights ? weights[j] : 1;
    s += wj * values[j];
    sw += wj;
  }
  return s / sw;
}

/** One output column as a vector. */
export function column(M: Matrix, j: number): Float64Array {
  if (M.cols === 1) return M.data;
  const out = new Float64Array(M.rows);
  for (let i = 0; i < M.rows; i++) out[i] = M.data[i * M.cols + j];
  return out;
}
