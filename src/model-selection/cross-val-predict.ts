/**
 * `crossValPredict`: out-of-fold predictions, scikit-learn's `cross_val_predict`.
 */
import { ValidationError } from '../base/errors.js';
import { sortLabels } from '../base/labels.js';
import type { Label, Labels, MatrixLike } from '../base/types.js';
import { Tensor } from '../tensor/tensor.js';
import type { CvOption } from './check-cv.js';
import { makeSplits } from './cross-validate.js';
import { toCvData } from './cv-data.js';
import type { FitTask, FittableEstimator, PredictMethod, TaskPredictions } from './fit-and-score.js';
import { type ParallelOptions, runFitTasks } from './run-tasks.js';
import { resolveScoring } from './scoring.js';

/** Options of {@link crossValPredict}. */
export interface CrossValPredictOptions extends ParallelOptions {
  /** Folds (must partition the samples: each sample tested exactly once). Default 5. */
  cv?: CvOption;
  /** Group labels for group splitters. */
  groups?: Labels;
  /** Estimator output to collect. Default `'predict'`. */
  method?: PredictMethod;
}

/** Output of {@link crossValPredict}: labels or values for `predict`, a Tensor for the others. */
export type CrossValPredictions = Float64Array | Int32Array | Label[] | Tensor;

/**
 * Each sample's prediction from the model fitted on the folds that did not
 * contain it. With `predictProba`/`decisionFunction` on a classifier the
 * columns follow the sorted classes of the whole `y`; a fold that missed a
 * class gets 0 probability (or the lowest float64 decision value) for it.
 * @example
 * const pred = await crossValPredict(new LinearRegression(), X, y, { cv: 5 });
 * const proba = await crossValPredict(new DummyClassifier(), X, labels, { method: 'predictProba' });
 */
export async function crossValPredict<E extends FittableEstimator>(
  estimator: E,
  X: MatrixLike,
  y?: Labels,
  options: CrossValPredictOptions = {},
): Promise<CrossValPredictions> {
  const method = options.method ?? 'predict';
  if (method !== 'predict' && method !== 'predictProba' && method !== 'decisionFunction') {
    throw new ValidationError(
      `method must be 'predict', 'predictProba' or 'decisionFunction', got '${String(method)}'`,
      {
        param: 'method',
      },
    );
  }
  const data = toCvData(X, y, 'crossValPredict');
  const { splits } = makeSplits(estimator, options.cv, data, options.groups);
  const seen = new Int32Array(data.n);
  for (const [, test] of splits) for (const i of test) seen[i]++;
  if (seen.some((c) => c !== 1))
    throw new ValidationError('crossValPredict only works for partitions: every sample must be tested exactly once');
  const tasks: FitTask[] = splits.map(([train, test], split) => ({
    candidate: 0,
    split,
    train,
    test,
    label: `split ${split} of ${splits.length}`,
    errorScore: 'raise',
    predict: method,
    returnEstimator: method !== 'predict',
  }));
  const results = await runFitTasks([estimator], data, tasks, resolveScoring(undefined), options);
  const parts = results.map((r) => r.predictions as TaskPredictions);
  if (method === 'predict') return assemble1d(parts, splits, data.n);
  const classes =
    data.y === undefined || (data.y instanceof Tensor && data.y.dtype.startsWith('float') && !isIntegral(data.y))
      ? undefined
      : sortLabels([...new Set<Label>(data.y instanceof Tensor ? Array.from(data.y.data) : data.y)]);
  const foldClasses = results.map((r) => (r.estimator as { classes?: Label[] }).classes);
  return assemble2d(parts, splits, data.n, classes, foldClasses, method);
}

function isIntegral(t: Tensor): boolean {
  for (const v of t.data) if (!Number.isInteger(v)) return false;
  return true;
}

function assemble1d(parts: TaskPredictions[], splits: [Int32Array, Int32Array][], n: number): CrossValPredictions {
  const values = parts.map((p) => (p.kind === 'tensor' ? p.data : p.values));
  const strings = values.some((v) => Array.isArray(v) && v.length > 0 && typeof v[0] === 'string');
  const allInt = values.every((v) => v instanceof Int32Array);
  const out: Label[] | Float64Array | Int32Array = strings
    ? new Array<Label>(n)
    : allInt
      ? new Int32Array(n)
      : new Float64Array(n);
  splits.forEach(([, test], f) => {
    const v = values[f] as ArrayLike<Label>;
    if (v.length !== test.length)
      throw new ValidationError(`crossValPredict: split ${f} gave ${v.length} predictions for ${test.length} rows`);
    for (let i = 0; i < test.length; i++) (out as Label[])[test[i]] = v[i];
  });
  return out;
}

function assemble2d(
  parts: TaskPredictions[],
  splits: [Int32Array, Int32Array][],
  n: number,
  classes: Label[] | undefined,
  foldClasses: (Label[] | undefined)[],
  method: PredictMethod,
): Tensor {
  const first = parts[0];
  const foldWidth = (p: TaskPredictions) => (p.kind === 'tensor' && p.shape.length === 2 ? p.shape[1] : 1);
  const width =
    classes !== undefined && foldClasses.every((c) => c !== undefined) && foldWidth(first) > 1
      ? classes.length
      : foldWidth(first);
  const fill = method === 'predictProba' ? 0 : -Number.MAX_VALUE;
  const out = new Float64Array(n * width);
  splits.forEach(([, test], f) => {
    const p = parts[f];
    const data = p.kind === 'tensor' ? p.data : (p.values as ArrayLike<number>);
    const w = foldWidth(p);
    // Column j of this fold's output goes to the global column of its class.
    const map = new Int32Array(w);
    const fc = foldClasses[f];
    for (let j = 0; j < w; j++)
      map[j] = width === w || fc === undefined || classes === undefined ? j : classes.indexOf(fc[j]);
    for (let i = 0; i < test.length; i++) {
      const row = test[i] * width;
      if (width !== w) for (let j = 0; j < width; j++) out[row + j] = fill;
      for (let j = 0; j < w; j++) out[row + map[j]] = data[i * w + j];
    }
  });
  return new Tensor(out, width === 1 && foldWidth(first) === 1 ? [n] : [n, width]);
}
