/**
 * `makeScorer`: turns a metric `(yTrue, yPred, options) => number` into a
 * scorer `(estimator, X, y) => number` where greater is better, choosing which
 * estimator output (`predict`, `predictProba`, `decisionFunction`) the metric
 * receives, as scikit-learn's `make_scorer`.
 */
import { ValidationError } from '../base/errors.js';
import type { Label, MatrixLike } from '../base/types.js';
import { Tensor } from '../tensor/tensor.js';

/** What a scorer needs of an estimator: `predict`, and the other outputs when a scorer asks for them. */
export interface Predictor {
  predict(X: MatrixLike): ArrayLike<number> | ArrayLike<string> | Tensor;
  predictProba?(X: MatrixLike): Tensor;
  decisionFunction?(X: MatrixLike): Tensor | ArrayLike<number>;
  score?(X: MatrixLike, y: Tensor): number;
  /** Class labels in predictProba's column order (classifiers). */
  readonly classes?: readonly Label[];
}

/** Targets handed to a scorer: labels or numbers. */
export type ScorerTarget = Tensor | ArrayLike<number> | readonly string[];

/** A scorer: higher is better. `X` is whatever the estimator predicts on (a Tensor, a Frame, ...). */
export type Scorer = (estimator: Predictor, X: MatrixLike, y: ScorerTarget) => number;

/** Estimator output a scorer passes to its metric. */
export type ResponseMethod = 'predict' | 'predictProba' | 'decisionFunction';

/** Options of {@link makeScorer}; any other key is passed to the metric as an option. */
export interface MakeScorerOptions {
  /** The metric is a score (`true`, default) or a loss (then the scorer negates it). */
  greaterIsBetter?: boolean;
  /**
   * Output the metric receives; a list means the first method the estimator
   * has. Default `'predict'`. With `predictProba` on a binary target the
   * metric gets the positive-class column (`posLabel`, default the last class).
   */
  responseMethod?: ResponseMethod | readonly ResponseMethod[];
  [kwarg: string]: unknown;
}

// biome-ignore lint/suspicious/noExplicitAny: metrics take heterogeneous option objects
type Metric = (yTrue: any, yPred: any, options?: any) => number | Float64Array;

/** A scorer built by {@link makeScorer}; its parts stay readable. */
export interface MetricScorer extends Scorer {
  readonly metric: Metric;
  readonly sign: 1 | -1;
  readonly responseMethod: readonly ResponseMethod[];
  readonly kwargs: Readonly<Record<string, unknown>>;
}

function distinctCount(y: ScorerTarget): number {
  const values = y instanceof Tensor ? y.data : y;
  const seen = new Set<number | string>();
  for (let i = 0; i < values.length; i++) seen.add(values[i] as number | string);
  return seen.size;
}

function positiveColumn(P: Tensor, est: Predictor, posLabel: unknown): Tensor {
  if (P.ndim !== 2) return P;
  const k = P.shape[1];
  let col = k - 1;
  if (posLabel !== undefined && est.classes) {
    col = est.classes.indexOf(posLabel as Label);
    if (col < 0) {
      throw new ValidationError(
        `posLabel=${String(posLabel)} is not a valid label: it should be one of ${est.classes.join(', ')}`,
        {
          param: 'posLabel',
        },
      );
    }
  }
  const n = P.shape[0];
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = P.data[i * k + col];
  return new Tensor(out, [n]);
}

/**
 * Builds a scorer from a metric. Extra options (e.g. `average: 'macro'`,
 * `beta: 2`) are passed to the metric on every call.
 * @example
 * const f2 = makeScorer(fbetaScore, { beta: 2 });
 * const negMae = makeScorer(meanAbsoluteError, { greaterIsBetter: false });
 * f2(model, Xtest, ytest);
 */
export function makeScorer(metric: Metric, options: MakeScorerOptions = {}): MetricScorer {
  if (typeof metric !== 'function') throw new ValidationError('makeScorer needs a metric function');
  const { greaterIsBetter = true, responseMethod = 'predict', ...kwargs } = options;
  const methods: readonly ResponseMethod[] = typeof responseMethod === 'string' ? [responseMethod] : responseMethod;
  for (const m of methods) {
    if (m !== 'predict' && m !== 'predictProba' && m !== 'decisionFunction') {
      throw new ValidationError(
        `responseMethod must be 'predict', 'predictProba' or 'decisionFunction', got '${String(m)}'`,
        {
          param: 'responseMethod',
        },
      );
    }
  }
  const sign: 1 | -1 = greaterIsBetter ? 1 : -1;
  const hasKwargs = Object.keys(kwargs).length > 0;
  const scorer = ((est: Predictor, X: MatrixLike, y: ScorerTarget): number => {
    const method = methods.find((m) => typeof (est as unknown as Record<string, unknown>)[m] === 'function');
    if (method === undefined) {
      throw new ValidationError(`The estimator has none of the methods this scorer needs: ${methods.join(', ')}`);
    }
    let out: unknown;
    if (method === 'predict') out = est.predict(X);
    else if (method === 'predictProba') {
      out = (est.predictProba as (X: MatrixLike) => Tensor)(X);
      // Binary targets: metrics of one score per sample get the positive-class column.
      if (distinctCount(y) <= 2 && (out as Tensor).ndim === 2 && (out as Tensor).shape[1] === 2) {
        out = positiveColumn(out as Tensor, est, kwargs.posLabel);
      }
    } else {
      out = (est.decisionFunction as (X: MatrixLike) => Tensor)(X);
    }
    const value = hasKwargs ? metric(y, out, kwargs) : metric(y, out);
    if (typeof value !== 'number')
      throw new ValidationError('A scorer metric must return a single number: set its average/multioutput');
    return sign * value;
  }) as MetricScorer;
  Object.defineProperties(scorer, {
    metric: { value: metric },
    sign: { value: sign },
    responseMethod: { value: methods },
    kwargs: { value: Object.freeze({ ...kwargs }) },
  });
  return scorer;
}
