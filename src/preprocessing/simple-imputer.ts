/**
 * `SimpleImputer`: fills missing values with a per-column statistic
 * (scikit-learn 1.2's `sklearn.impute.SimpleImputer`).
 *
 * Numeric input gives a float64 `Tensor`; input with string columns (allowed
 * for `'most_frequent'` and `'constant'`) gives rows of values
 * (`(string | number)[][]`), which the encoders accept. As in sklearn 1.2, a
 * column with no observed value is dropped by `'mean'`, `'median'` and
 * `'most_frequent'` (a warning says which), unless `keepEmptyFeatures` keeps
 * it filled with 0.
 */
import { ValidationError } from '../base/errors.js';
import { compareCodePoints } from '../base/labels.js';
import { formatValue, interval, options, type ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import { median } from '../base/stats.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import { TypelearnWarning, warn } from '../base/warnings.js';
import { Tensor } from '../tensor/tensor.js';
import {
  type CategoricalInput,
  type CategoricalInputLike,
  type InputColumn,
  readCategoricalInput,
  shapeProxy,
} from './categorical-input.js';
import { BaseTransformer } from './transformer.js';

/** How {@link SimpleImputer} picks the fill value of a column. */
export type ImputerStrategy = 'mean' | 'median' | 'most_frequent' | 'constant';

/** Options of {@link SimpleImputer}. */
export interface SimpleImputerParams {
  /** The placeholder for missing values: NaN (default; also matches null/undefined), another number, or a string. */
  missingValues: number | string | null;
  /** `'mean'` (default), `'median'`, `'most_frequent'` (smallest value on ties) or `'constant'`. */
  strategy: ImputerStrategy;
  /** The value `'constant'` fills in; default `undefined`: 0 for numeric data, `'missing_value'` for strings. */
  fillValue: number | string | undefined;
  /** Append one 0/1 indicator column per feature that had missing values in fit (sklearn's `MissingIndicator`). Default `false`. */
  addIndicator: boolean;
  /** Keep columns with no observed value (filled with 0) instead of dropping them. Default `false`. */
  keepEmptyFeatures: boolean;
}

const DEFAULTS: SimpleImputerParams = {
  missingValues: Number.NaN,
  strategy: 'mean',
  fillValue: undefined,
  addIndicator: false,
  keepEmptyFeatures: false,
};

/** A fill statistic: a number (NaN when the column had no observed value) or a string. */
export type ImputerStatistic = number | string;

/** One output row of an imputer on string data. */
export type ImputedRow = (number | string | null)[];

function isMissingCell(v: number | string | null, missing: number | string | null): boolean {
  if (missing === null || (typeof missing === 'number' && Number.isNaN(missing))) {
    return v === null || (typeof v === 'number' && Number.isNaN(v));
  }
  return v === missing;
}

function mostFrequent(values: (number | string)[]): number | string {
  const counts = new Map<number | string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: number | string | undefined;
  let bestCount = 0;
  for (const [v, c] of counts) {
    const smaller =
      best === undefined ||
      (typeof v === 'number' && typeof best === 'number' ? v < best : compareCodePoints(String(v), String(best)) < 0);
    if (c > bestCount || (c === bestCount && smaller)) {
      best = v;
      bestCount = c;
    }
  }
  return best as number | string;
}

/**
 * Replaces missing values column by column.
 *
 * Fitted attributes: `statistics` (the fill value per input column; NaN for a
 * column with nothing observed), `indicatorFeatures` (columns that get an
 * indicator with `addIndicator`).
 *
 * @example
 * import { SimpleImputer } from 'typelearn/preprocessing';
 * const imp = await new SimpleImputer({ strategy: 'mean' }).fit([[1, 2], [Number.NaN, 3], [7, 6]]);
 * imp.transform([[Number.NaN, 5]]);  // Tensor [[4, 5]]
 * const cat = await new SimpleImputer({ strategy: 'most_frequent' }).fit([['a'], [null], ['a'], ['b']]);
 * cat.transform([[null]]);           // [['a']]
 */
export class SimpleImputer extends BaseTransformer<SimpleImputerParams, Tensor | ImputedRow[]> {
  static override readonly estimatorName = 'SimpleImputer';

  static override parameterConstraints: ParameterConstraints = {
    missingValues: ['string', null, options([Number.NaN]), interval('real', null, null, 'neither')],
    strategy: [options(['mean', 'median', 'most_frequent', 'constant'])],
    fillValue: 'noValidation',
    addIndicator: ['boolean'],
    keepEmptyFeatures: ['boolean'],
  };

  #statistics?: ImputerStatistic[];
  #numeric = true;
  #indicator?: Int32Array;

  /** @param options - see {@link SimpleImputerParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<SimpleImputerParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), allowsNaN: true, X_types: ['2darray', 'categorical', 'string'] };
  }

  /**
   * Learns the fill value of every column; resolves to `this`.
   * @example await new SimpleImputer().fit([[1], [Number.NaN], [3]])
   */
  override fit(X: CategoricalInputLike, y?: Labels, options?: FitOptions): Promise<this> {
    return super.fit(X as MatrixLike, y, options);
  }

  /**
   * Fits, then imputes `X`.
   * @example await new SimpleImputer().fitTransform([[1], [Number.NaN], [3]]) // [[1], [2], [3]]
   */
  override async fitTransform(
    X: CategoricalInputLike,
    y?: Labels,
    options?: FitOptions,
  ): Promise<Tensor | ImputedRow[]> {
    await this.fit(X, y, options);
    return this.transform(X);
  }

  #read(X: CategoricalInputLike, reset: boolean): CategoricalInput {
    const { strategy, missingValues } = this.params;
    let input: CategoricalInput;
    try {
      input = readCategoricalInput(X);
    } catch (error) {
      // A string among numbers: name the strategy that cannot use it, as sklearn does.
      if (error instanceof ValidationError && /uniformly strings or numbers/.test(error.message)) {
        const column = error.column ?? 0;
        throw new ValidationError(
          `Cannot use ${strategy} strategy with non-numeric data: column ${typeof column === 'string' ? `'${column}'` : column} contains ${formatValue(error.got)} at row ${error.row} among numbers.`,
          { row: error.row, column, got: error.got, cause: error },
        );
      }
      throw error;
    }
    this.validateData(shapeProxy(input), undefined, { reset });
    input.columns.forEach((c, j) => {
      if (c.kind === 'string' && (strategy === 'mean' || strategy === 'median')) {
        const bad = c.values.find((v) => v !== null && !isMissingCell(v, missingValues));
        throw new ValidationError(
          `Cannot use ${strategy} strategy with non-numeric data: column ${input.featureNames ? `'${input.featureNames[j]}'` : j} contains '${bad}'.`,
          { column: input.featureNames ? input.featureNames[j] : j, got: bad },
        );
      }
      if (c.kind === 'number' && typeof missingValues === 'number' && !Number.isNaN(missingValues)) {
        const i = c.values.findIndex((v) => Number.isNaN(v));
        if (i >= 0) {
          throw new ValidationError(
            `Input X contains NaN at row ${i}, column ${j}, but missingValues is ${missingValues}; NaN is only allowed when it marks missing values.`,
            { row: i, column: j, got: Number.NaN },
          );
        }
      }
    });
    return input;
  }

  protected fitImpl(X: MatrixLike): void {
    this.#statistics = undefined;
    this.#indicator = undefined;
    const input = this.#read(X as CategoricalInputLike, true);
    const { strategy, fillValue, keepEmptyFeatures } = this.params;
    this.#numeric = input.columns.every((c) => c.kind === 'number');
    if (strategy === 'constant' && typeof fillValue === 'string' && this.#numeric) {
      throw new ValidationError(
        `fillValue='${fillValue}' is invalid. Expected a numerical value when imputing numerical data`,
        { param: 'fillValue', got: fillValue },
      );
    }
    const statistics: ImputerStatistic[] = [];
    const indicator: number[] = [];
    input.columns.forEach((column, j) => {
      const observed = this.#observed(column);
      if (observed.length < column.values.length) indicator.push(j);
      if (strategy === 'constant') {
        statistics.push(fillValue ?? (this.#numeric ? 0 : 'missing_value'));
        return;
      }
      if (observed.length === 0) {
        statistics.push(keepEmptyFeatures ? 0 : Number.NaN);
        return;
      }
      if (strategy === 'most_frequent') statistics.push(mostFrequent(observed));
      else {
        const nums = observed as number[];
        statistics.push(strategy === 'mean' ? nums.reduce((a, b) => a + b, 0) / nums.length : median(nums));
      }
    });
    this.#statistics = statistics;
    this.#indicator = Int32Array.from(indicator);
  }

  #observed(column: InputColumn): (number | string)[] {
    const { missingValues } = this.params;
    const out: (number | string)[] = [];
    const values = column.values;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (!isMissingCell(v, missingValues)) out.push(v as number | string);
    }
    return out;
  }

  /** The fill value per input column (sklearn's `statistics_`): a Float64Array for numeric data (NaN = nothing observed). */
  get statistics(): Float64Array | ImputerStatistic[] {
    const s = this.fitted('statistics', this.#statistics);
    return this.#numeric && s.every((v) => typeof v === 'number') ? Float64Array.from(s as number[]) : [...s];
  }

  /** Indices of the columns that get a missing indicator (sklearn's `indicator_.features_`). */
  get indicatorFeatures(): Int32Array {
    return this.fitted('indicatorFeatures', this.#indicator).slice();
  }

  /** Input columns kept in the output (columns with a statistic). */
  #kept(): number[] {
    const s = this.#statistics!;
    const { strategy, keepEmptyFeatures } = this.params;
    const keepAll = strategy === 'constant' || keepEmptyFeatures;
    return s.map((_, j) => j).filter((j) => keepAll || !(typeof s[j] === 'number' && Number.isNaN(s[j])));
  }

  /**
   * Fills the missing values of `X` (a Tensor for numeric data, rows of values
   * otherwise), followed by the indicator columns with `addIndicator`.
   * @example imp.transform([[Number.NaN, 1]])
   */
  transform(X: CategoricalInputLike): Tensor | ImputedRow[] {
    this.checkIsFitted();
    const input = this.#read(X, false);
    const stats = this.#statistics!;
    const kept = this.#kept();
    if (kept.length < stats.length) {
      const dropped = stats.map((_, j) => j).filter((j) => !kept.includes(j));
      warn(
        new TypelearnWarning(
          `Skipping features without any observed values: [${dropped.join(', ')}]. At least one non-missing value is needed for imputation with strategy='${this.params.strategy}'.`,
        ),
      );
    }
    const indicator = this.params.addIndicator ? this.#indicator! : new Int32Array(0);
    const n = input.nRows;
    const width = kept.length + indicator.length;
    const { missingValues } = this.params;
    const numericOut =
      input.columns.every((c) => c.kind === 'number') && kept.every((j) => typeof stats[j] === 'number');
    if (numericOut) {
      const out = new Float64Array(n * width);
      kept.forEach((j, k) => {
        const values = input.columns[j].values as Float64Array;
        const fill = stats[j] as number;
        for (let i = 0; i < n; i++) {
          const v = values[i];
          out[i * width + k] = isMissingCell(v, missingValues) ? fill : v;
        }
      });
      indicator.forEach((j, k) => {
        const values = input.columns[j].values as Float64Array;
        for (let i = 0; i < n; i++) out[i * width + kept.length + k] = isMissingCell(values[i], missingValues) ? 1 : 0;
      });
      return new Tensor(out, [n, width]);
    }
    const rows: ImputedRow[] = Array.from({ length: n }, () => new Array(width));
    kept.forEach((j, k) => {
      const values = input.columns[j].values;
      for (let i = 0; i < n; i++) rows[i][k] = isMissingCell(values[i], missingValues) ? stats[j] : values[i];
    });
    indicator.forEach((j, k) => {
      const values = input.columns[j].values;
      for (let i = 0; i < n; i++) rows[i][kept.length + k] = isMissingCell(values[i], missingValues) ? 1 : 0;
    });
    return rows;
  }

  /**
   * Puts the missing values back where the indicator columns say they were
   * (needs `addIndicator`, numeric data). Dropped empty columns come back all missing.
   * @example imp.inverseTransform(imp.transform(X)) // X, NaN where it was missing
   */
  inverseTransform(X: MatrixLike): Tensor {
    this.checkIsFitted();
    if (!this.params.addIndicator) {
      throw new ValidationError(
        "'inverseTransform' works only when 'SimpleImputer' is instantiated with 'addIndicator: true'.",
        { param: 'addIndicator', expected: true, got: false },
      );
    }
    const input = readCategoricalInput(X);
    const kept = this.#kept();
    const indicator = this.#indicator!;
    const p = this.#statistics!.length;
    if (input.nCols !== kept.length + indicator.length) {
      throw new ValidationError(`X has ${input.nCols} columns, expected ${kept.length + indicator.length}.`, {
        expected: kept.length + indicator.length,
        got: input.nCols,
      });
    }
    const n = input.nRows;
    const missing = typeof this.params.missingValues === 'number' ? this.params.missingValues : Number.NaN;
    const out = new Float64Array(n * p).fill(missing);
    kept.forEach((j, k) => {
      const values = input.columns[k].values as Float64Array;
      for (let i = 0; i < n; i++) out[i * p + j] = values[i];
    });
    indicator.forEach((j, k) => {
      const flags = input.columns[kept.length + k].values as Float64Array;
      for (let i = 0; i < n; i++) if (flags[i] === 1) out[i * p + j] = missing;
    });
    return new Tensor(out, [n, p]);
  }

  /**
   * Names of the output columns: the kept inputs, then `missingindicator_<name>` per indicator.
   * @example imp.getFeatureNamesOut() // ['x0', 'x1', 'missingindicator_x0']
   */
  override getFeatureNamesOut(inputFeatures?: readonly string[]): string[] {
    const names = this.inputFeatureNames(inputFeatures);
    const out = this.#kept().map((j) => names[j]);
    if (this.params.addIndicator) for (const j of this.#indicator!) out.push(`missingindicator_${names[j]}`);
    return out;
  }

  protected getState(): Record<string, unknown> {
    return { statistics: this.#statistics, numeric: this.#numeric, indicator: this.#indicator };
  }

  protected setState(state: Record<string, unknown>): void {
    new StateReader(state, 'saved SimpleImputer');
    const stats = state.statistics;
    if (!Array.isArray(stats) || !stats.every((v) => typeof v === 'number' || typeof v === 'string')) {
      throw new ValidationError("saved SimpleImputer: saved state 'statistics' must be an array of numbers or strings");
    }
    const indicator = state.indicator;
    if (!(indicator instanceof Int32Array)) {
      throw new ValidationError("saved SimpleImputer: saved state 'indicator' must be an Int32Array");
    }
    this.#numeric = state.numeric === true;
    this.#statistics = stats as ImputerStatistic[];
    this.#indicator = indicator;
  }
}
