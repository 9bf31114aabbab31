/**
 * `permutationImportance`, scikit-learn's `inspection.permutation_importance`:
 * how much a fitted model's score drops when one feature's values are
 * shuffled, breaking its link with the target.
 */
import { ValidationError } from '../base/errors.js';
import type { Labels } from '../base/types.js';
import { Frame } from '../data/index.js';
import { getScorer } from '../metrics/index.js';
import { checkRandomState, RandomGenerator, type RandomState } from '../tensor/random.js';
import { Tensor } from '../tensor/tensor.js';

/** A fitted model as permutation importance uses it. */
export interface ScorableModel {
  predict(X: never): unknown;
  score?(X: never, y: never): number;
}

/** A scoring function: higher is better. */
export type ScoreFunction = (estimator: ScorableModel, X: Frame | Tensor, y: Labels) => number;

/** Options of {@link permutationImportance}. */
export interface PermutationImportanceOptions {
  /** A scorer name (`'accuracy'`, `'r2'`, `'neg_mean_squared_error'`, ...) or function. Default: the model's `score`. */
  scoring?: string | ScoreFunction;
  /** Shuffles per feature. Default 5. */
  nRepeats?: number;
  /** Seed (or generator) of the shuffles. Default: unseeded. */
  randomState?: RandomState;
  /** Rows scored per repeat: a fraction in (0, 1] or a count. Default 1 (all rows). */
  maxSamples?: number;
}

/** Output of {@link permutationImportance}: one entry per feature (columns of X, in order). */
export interface PermutationImportanceResult {
  /** Feature names: the Frame's columns, or `x0`, `x1`, ... */
  featureNames: string[];
  importancesMean: Float64Array;
  /** Population standard deviation over the repeats (numpy's `std`). */
  importancesStd: Float64Array;
  /** Baseline score minus permuted score, `nRepeats` per feature. */
  importances: Float64Array[];
}

/** Rows and columns of the input, with a way to build a copy whose column `j` is reordered. */
interface Table {
  nRows: number;
  names: string[];
  take(rows: Int32Array): Frame | Tensor;
  permuteColumn(base: Frame | Tensor, j: number, order: Int32Array): Frame | Tensor;
}

function asTable(X: Frame | Tensor | readonly (readonly number[])[]): Table {
  if (X instanceof Frame) {
    return {
      nRows: X.nRows,
      names: X.columnNames,
      take: (rows) => X.take(rows),
      permuteColumn: (base, j, order) => {
        const f = base as Frame;
        const name = f.columnNames[j];
        return f.withColumn(name, f.column(name).take(order));
      },
    };
  }
  const T = X instanceof Tensor ? X : Tensor.from(X as number[][]);
  if (T.ndim !== 2) throw new ValidationError(`X must be 2-D, got shape [${T.shape}]`);
  const [n, d] = T.shape;
  const data = Float64Array.from(T.data as ArrayLike<number>);
  return {
    nRows: n,
    names: Array.from({ length: d }, (_, j) => `x${j}`),
    take: (rows) => {
      const out = new Float64Array(rows.length * d);
      for (let i = 0; i < rows.length; i++) out.set(data.subarray(rows[i] * d, rows[i] * d + d), i * d);
      return new Tensor(out, [rows.length, d]);
    },
    permuteColumn: (base, j, order) => {
      const src = (base as Tensor).data as Float64Array;
      const out = Float64Array.from(src);
      for (let i = 0; i < order.length; i++) out[i * d + j] = src[order[i] * d + j];
      return new Tensor(out, [order.length, d]);
    },
  };
}

function takeLabels(y: Labels, rows: Int32Array): Labels {
  if (y instanceof Tensor) return Array.from(rows, (i) => Number(y.data[i]));
  const values = y as ArrayLike<number | string>;
  if (ArrayBuffer.isView(values)) return Float64Array.from(rows, (i) => values[i] as number);
  return Array.from(rows, (i) => values[i]);
}

function resolveScoring(scoring: PermutationImportanceOptions['scoring']): ScoreFunction {
  if (scoring === undefined) {
    return (model, X, y) => {
      if (typeof model.score !== 'function') {
        throw new ValidationError('the model has no score method; pass scoring (e.g. "accuracy" or "r2")', {
          param: 'scoring',
        });
      }
      return model.score(X as never, y as never);
    };
  }
  if (typeof scoring === 'function') return scoring;
  const scorer = getScorer(scoring);
  return (model, X, y) => scorer(model as never, X as Tensor, y as never);
}

/**
 * Permutation importance of every feature (column of `X`) for a fitted
 * model, as sklearn's `permutation_importance`: the baseline score on `X`
 * minus the score with that column shuffled, `nRepeats` times. As in sklearn,
 * one seed is drawn from `randomState` and every column replays the same
 * sequence of shuffles from it, so features are compared on equal draws.
 * With `maxSamples` each repeat scores a random subset of rows (the baseline
 * uses all rows, as sklearn does). `X` may be a Frame (any column types: the
 * model takes the raw table) or a numeric matrix.
 * @example
 * const result = permutationImportance(model, XTest, yTest, { nRepeats: 10, randomState: 0 });
 * result.importancesMean; // Float64Array, one value per feature
 */
export function permutationImportance(
  model: ScorableModel,
  X: Frame | Tensor | readonly (readonly number[])[],
  y: Labels,
  options: PermutationImportanceOptions = {},
): PermutationImportanceResult {
  const { nRepeats = 5, maxSamples = 1 } = options;
  if (!Number.isInteger(nRepeats) || nRepeats < 1) {
    throw new ValidationError(`nRepeats must be a positive integer, got ${nRepeats}`, { param: 'nRepeats' });
  }
  const table = asTable(X);
  const n = table.nRows;
  const yLength = y instanceof Tensor ? y.shape[0] : (y as ArrayLike<unknown>).length;
  if (yLength !== n) throw new ValidationError(`X has ${n} rows but y has ${yLength}`, { expected: n, got: yLength });
  let m: number;
  if (maxSamples > 0 && maxSamples <= 1 && !Number.isInteger(maxSamples)) m = Math.floor(maxSamples * n);
  else if (maxSamples === 1) m = n;
  else if (Number.isInteger(maxSamples) && maxSamples >= 1 && maxSamples <= n) m = maxSamples;
  else {
    throw new ValidationError(`maxSamples must be a fraction in (0, 1] or a count in [1, ${n}], got ${maxSamples}`, {
      param: 'maxSamples',
    });
  }
  const score = resolveScoring(options.scoring);
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const full = table.take(all);
  const baseline = score(model, full, y);
  // sklearn: random_state.randint(np.iinfo(np.int32).max + 1), then one generator per column from that seed.
  const seed = checkRandomState(options.randomState).integers(0, 2 ** 31);
  const importances = table.names.map((_, j) => {
    const rng = new RandomGenerator(seed);
    const out = new Float64Array(nRepeats);
    let rows = all;
    let base = full;
    let yRows = y;
    if (m < n) {
      rows = rng.permutation(n).slice(0, m);
      base = table.take(rows);
      yRows = takeLabels(y, rows);
    }
    for (let r = 0; r < nRepeats; r++) {
      const order = rng.permutation(m);
      out[r] = baseline - score(model, table.permuteColumn(base, j, order), yRows);
    }
    return out;
  });
  const importancesMean = Float64Array.from(importances, (v) => v.reduce((a, b) => a + b, 0) / nRepeats);
  const importancesStd = Float64Array.from(importances, (v, j) => {
    const mu = importancesMean[j];
    return Math.sqrt(v.reduce((a, b) => a + (b - mu) ** 2, 0) / nRepeats);
  });
  return { featureNames: table.names, importancesMean, importancesStd, importances };
}
