/**
 * Input validation shared by every estimator (scikit-learn's `check_array`,
 * `check_X_y`, `_check_sample_weight`). Each function either returns clean,
 * typed data or throws a {@link ValidationError} that says what was wrong and
 * where (row, column, lengths, shapes), in scikit-learn's wording where it has one.
 *
 * Return type decision: `checkArray` returns `{ X: Tensor, featureNames? }`, a
 * 2-D row-major float64 (or float32) `Tensor` that may share the caller's
 * buffer when no conversion was needed. Estimators must not write to it.
 */
import { SparseMatrix } from '../tensor/sparse.js';
import { Tensor } from '../tensor/tensor.js';
import { ValidationError } from './errors.js';
import { columnOrLabels } from './labels.js';
import { toTensorInput } from './matrix-input.js';
import { formatValue } from './params.js';
import type { Labels, MatrixLike } from './types.js';

/** Options of {@link checkArray}. */
export interface CheckArrayOptions {
  /** Accept NaN (missing values); ±Infinity is still rejected. Default `false`. */
  allowNaN?: boolean;
  /** Accept a `SparseMatrix` and return it as is. Default `false` (a sparse input is an error). */
  allowSparse?: boolean;
  /**
   * Result dtype: `'float64'` (default), `'float32'`, or `'numeric'` (float32
   * input stays float32, everything else becomes float64).
   */
  dtype?: 'float64' | 'float32' | 'numeric';
  /** Require a 2-D input. Default `true`; with `false` 1-D input is returned 1-D. */
  ensure2d?: boolean;
  /** Minimum number of rows. Default 1. */
  minSamples?: number;
  /** Minimum number of columns (2-D input only). Default 1. */
  minFeatures?: number;
  /** Name of the input in messages. Default `'X'`. */
  name?: string;
  /** Estimator name appended to some messages ("... required by DummyClassifier."). */
  estimatorName?: string;
  /** Always return a fresh buffer. Default `false`. */
  copy?: boolean;
}

/** The result of {@link checkArray}: the validated matrix and, for tables, its column names. */
export interface CheckedArray<T = Tensor> {
  X: T;
  featureNames?: string[];
}

function formatShape(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

function preview(data: ArrayLike<number>): string {
  const n = Math.min(data.length, 10);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(String(data[i]));
  return `[${parts.join(', ')}${data.length > n ? ', ...' : ''}]`;
}

/**
 * Whether every value is finite, for the common float64 case: `v * 0` is 0 for a finite `v`
 * and NaN otherwise, so four running sums of it stay 0 exactly when all values are finite
 * (monomorphic, branch-free; the caller's scan then finds the first bad value).
 */
function allFiniteFloat64(data: Float64Array): boolean {
  const n = data.length;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  for (; k + 4 <= n; k += 4) {
    s0 += data[k] * 0;
    s1 += data[k + 1] * 0;
    s2 += data[k + 2] * 0;
    s3 += data[k + 3] * 0;
  }
  for (; k < n; k++) s0 += data[k] * 0;
  return s0 + s1 + s2 + s3 === 0;
}

/** Throws for the first NaN (unless allowed) or ±Infinity, naming row and column. */
function assertFinite(
  data: ArrayLike<number>,
  shape: readonly number[],
  allowNaN: boolean,
  name: string,
  featureNames: string[] | undefined,
  estimatorName: string | undefined,
): void {
  if (!allowNaN && data instanceof Float64Array && allFiniteFloat64(data)) return;
  const n = data.length;
  let bad = -1;
  if (allowNaN) {
    for (let k = 0; k < n; k++) {
      const v = data[k];
      if (v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY) {
        bad = k;
        break;
      }
    }
  } else {
    for (let k = 0; k < n; k++) {
      const v = data[k];
      // v - v is 0 for finite values and NaN for NaN/±Infinity: one test for both.
      if (v - v !== 0) {
        bad = k;
        break;
      }
    }
  }
  if (bad < 0) return;
  const value = data[bad];
  const what = Number.isNaN(value) ? 'NaN' : 'infinity';
  let where: string;
  let row: number;
  let column: number | string | undefined;
  if (shape.length === 2) {
    row = Math.floor(bad / shape[1]);
    const j = bad % shape[1];
    column = featureNames ? featureNames[j] : j;
    where = `row ${row}, column ${typeof column === 'string' ? `'${column}'` : column}`;
  } else {
    row = bad;
    where = `index ${bad}`;
  }
  const hint =
    what === 'NaN' && estimatorName
      ? ` ${estimatorName} does not accept missing values encoded as NaN; impute them (e.g. with SimpleImputer) or drop those rows.`
      : '';
  throw new ValidationError(`Input ${name} contains ${what} at ${where}.${hint}`, {
    row,
    column,
    expected: allowNaN ? 'a number or NaN, not infinity' : 'a finite number',
    got: value,
  });
}

function convertDtype(X: Tensor, dtype: 'float64' | 'float32' | 'numeric', copy: boolean): Tensor {
  const target = dtype === 'numeric' ? (X.dtype === 'float32' ? 'float32' : 'float64') : dtype;
  if (X.dtype === target) return copy ? X.clone() : X;
  const out = target === 'float32' ? new Float32Array(X.size) : new Float64Array(X.size);
  out.set(X.data);
  return new Tensor(out, X.shape);
}

function checkSparse(X: SparseMatrix, options: CheckArrayOptions, name: string): CheckedArray<SparseMatrix> {
  const [nRows, nCols] = X.shape;
  const { minSamples = 1, minFeatures = 1, allowNaN = false } = options;
  checkMinSizes([nRows, nCols], minSamples, minFeatures, options.estimatorName);
  for (let i = 0; i < nRows; i++) {
    for (let k = X.indptr[i]; k < X.indptr[i + 1]; k++) {
      const v = X.data[k];
      if (v - v !== 0 && !(allowNaN && Number.isNaN(v))) {
        throw new ValidationError(
          `Input ${name} contains ${Number.isNaN(v) ? 'NaN' : 'infinity'} at row ${i}, column ${X.indices[k]}.`,
          { row: i, column: X.indices[k], got: v },
        );
      }
    }
  }
  return { X: options.copy ? X.copy() : X };
}

function checkMinSizes(shape: readonly number[], minSamples: number, minFeatures: number, estimatorName?: string) {
  const by = estimatorName ? ` by ${estimatorName}` : '';
  if (shape[0] < minSamples) {
    throw new ValidationError(
      `Found array with ${shape[0]} sample(s) (shape=${formatShape(shape)}) while a minimum of ${minSamples} is required${by}.`,
      { expected: minSamples, got: shape[0] },
    );
  }
  if (shape.length === 2 && shape[1] < minFeatures) {
    throw new ValidationError(
      `Found array with ${shape[1]} feature(s) (shape=${formatShape(shape)}) while a minimum of ${minFeatures} is required${by}.`,
      { expected: minFeatures, got: shape[1] },
    );
  }
}

/**
 * Validates `X` and returns it as a 2-D float `Tensor` (see
 * {@link CheckArrayOptions} for the options and defaults).
 *
 * Accepts a `Tensor`, `number[][]` (or a flat `number[]`/typed array, which
 * is an error unless `ensure2d` is false), `{ data, shape }`, a frame-like table
 * (`columnNames` + `column(name)`), an Arrow table (`schema.fields` +
 * `getChild`), an Arquero table (`columnNames()` + `array(name)`) or an array
 * of records; table column names are returned as `featureNames`. A
 * `SparseMatrix` is returned unchanged when `allowSparse` is set.
 *
 * Throws a {@link ValidationError} for: a sparse matrix when not allowed
 * (suggesting `toDense()`), ragged rows (row index and lengths), non-numeric
 * values (row, column, value), 1-D input where 2-D is required (suggesting
 * `reshape(-1, 1)`), more than 2 dimensions, NaN/Infinity unless allowed
 * (first offending row and column), and fewer rows/columns than required.
 *
 * @example
 * const { X } = checkArray([[1, 2], [3, 4]]);
 * X.shape; // [2, 2], float64
 * @example
 * checkArray([[1, Number.NaN]]); // ValidationError: Input X contains NaN at row 0, column 1.
 */
export function checkArray(
  X: MatrixLike | ArrayLike<number>,
  options?: CheckArrayOptions & { allowSparse?: false },
): CheckedArray<Tensor>;
export function checkArray(
  X: MatrixLike | ArrayLike<number>,
  options: CheckArrayOptions,
): CheckedArray<Tensor | SparseMatrix>;
export function checkArray(
  X: MatrixLike | ArrayLike<number>,
  options: CheckArrayOptions = {},
): CheckedArray<Tensor | SparseMatrix> {
  const {
    allowNaN = false,
    allowSparse = false,
    dtype = 'float64',
    ensure2d = true,
    minSamples = 1,
    minFeatures = 1,
    name = 'X',
    estimatorName,
    copy = false,
  } = options;
  if (X === null || X === undefined) {
    throw new ValidationError(`Expected a 2-D array-like for ${name}, got ${formatValue(X)}`, { got: X });
  }
  const converted = toTensorInput(X, name);
  const input = converted.X;
  if (input instanceof SparseMatrix) {
    if (!allowSparse) {
      throw new ValidationError(
        `Sparse data was passed for ${name}, but dense data is required${estimatorName ? ` by ${estimatorName}` : ''}. Use '.toDense()' to convert to a dense Tensor.`,
        { expected: 'dense data', got: 'SparseMatrix' },
      );
    }
    return checkSparse(input, options, name);
  }
  const by = estimatorName ? `${estimatorName} expected` : 'Expected';
  if (input.ndim === 0) {
    throw new ValidationError(
      `Expected 2D array, got scalar array instead:\narray=${input.data[0]}.\nReshape your data either using tensor.reshape(-1, 1) if your data has a single feature or tensor.reshape(1, -1) if it contains a single sample.`,
      { expected: '2-D', got: '0-D' },
    );
  }
  if (input.ndim === 1 && ensure2d) {
    throw new ValidationError(
      `Expected 2D array, got 1D array instead:\narray=${preview(input.data)}.\nReshape your data either using tensor.reshape(-1, 1) if your data has a single feature or tensor.reshape(1, -1) if it contains a single sample.`,
      { expected: '2-D', got: '1-D' },
    );
  }
  if (input.ndim > 2) {
    throw new ValidationError(`Found array with dim ${input.ndim}. ${by} <= 2.`, {
      expected: '<= 2 dimensions',
      got: input.ndim,
    });
  }
  checkMinSizes(input.shape, minSamples, minFeatures, estimatorName);
  if (input.dtype === 'float32' || input.dtype === 'float64') {
    assertFinite(input.data, input.shape, allowNaN, name, converted.featureNames, estimatorName);
  }
  const result: CheckedArray<Tensor> = { X: convertDtype(input, dtype, copy) };
  if (converted.featureNames) result.featureNames = converted.featureNames;
  return result;
}

/** Options of {@link checkXy}: those of {@link checkArray} plus target checks. */
export interface CheckXyOptions extends CheckArrayOptions {
  /** Require numeric targets (regressors): string labels are an error and `y` comes back as a Float64Array. Default `false`. */
  yNumeric?: boolean;
  /** Name of the target in messages. Default `'y'`. */
  yName?: string;
}

/** The result of {@link checkXy} (`X` is a `SparseMatrix` only when `allowSparse` was set). */
export interface CheckedXy<Y = Float64Array | string[], XT = Tensor> extends CheckedArray<XT> {
  /** The targets: numbers as a Float64Array, or strings. */
  y: Y;
}

/**
 * Validates `X` like {@link checkArray} and `y` as 1-D targets of the same
 * length: numbers or strings (not mixed), no NaN/Infinity, a column vector
 * `[n, 1]` raveled with a `DataConversionWarning`.
 *
 * @example
 * const { X, y } = checkXy([[1], [2], [3]], ['a', 'b', 'a']);
 * @example
 * checkXy([[1], [2]], [1, 2, 3]);
 * // ValidationError: Found input variables with inconsistent numbers of samples: X has 2, y has 3.
 */
export function checkXy(
  X: MatrixLike,
  y: Labels,
  options: CheckXyOptions & { yNumeric: true; allowSparse?: false },
): CheckedXy<Float64Array>;
export function checkXy(X: MatrixLike, y: Labels, options?: CheckXyOptions & { allowSparse?: false }): CheckedXy;
export function checkXy(
  X: MatrixLike,
  y: Labels,
  options: CheckXyOptions & { yNumeric: true },
): CheckedXy<Float64Array, Tensor | SparseMatrix>;
export function checkXy(
  X: MatrixLike,
  y: Labels,
  options: CheckXyOptions,
): CheckedXy<Float64Array | string[], Tensor | SparseMatrix>;
export function checkXy(
  X: MatrixLike,
  y: Labels,
  options: CheckXyOptions = {},
): CheckedXy<Float64Array | string[], Tensor | SparseMatrix> {
  const { yNumeric = false, yName = 'y', name = 'X' } = options;
  if (y === undefined || y === null) {
    throw new ValidationError(
      `${options.estimatorName ?? 'This estimator'} requires y to be passed, but the target y is ${formatValue(y)}`,
      { expected: 'targets', got: y },
    );
  }
  const checked = checkArray(X, options);
  const { labels } = columnOrLabels(y, { name: yName });
  if (yNumeric && !(labels instanceof Float64Array)) {
    throw new ValidationError(
      `${yName} must be numeric for ${options.estimatorName ?? 'this estimator'}, got strings (e.g. ${formatValue(labels[0])})`,
      { expected: 'numbers', got: labels[0] },
    );
  }
  const n = checked.X.shape[0];
  if (labels.length !== n) {
    throw new ValidationError(
      `Found input variables with inconsistent numbers of samples: ${name} has ${n}, ${yName} has ${labels.length}.`,
      { expected: n, got: labels.length },
    );
  }
  return { ...checked, y: labels };
}

/** Options of {@link checkSampleWeight}. */
export interface CheckSampleWeightOptions {
  /** Accept negative weights. Default `false`. */
  allowNegative?: boolean;
  /** Name in messages. Default `'sampleWeight'`. */
  name?: string;
}

/**
 * Validates per-sample weights: one finite value per sample, non-negative
 * unless allowed; `undefined` gives all ones.
 * @example checkSampleWeight([1, 2, 0.5], 3) // Float64Array [1, 2, 0.5]
 */
export function checkSampleWeight(
  sampleWeight: ArrayLike<number> | Tensor | undefined,
  nSamples: number,
  options: CheckSampleWeightOptions = {},
): Float64Array {
  const { allowNegative = false, name = 'sampleWeight' } = options;
  if (sampleWeight === undefined) return new Float64Array(nSamples).fill(1);
  let values: ArrayLike<unknown>;
  if (sampleWeight instanceof Tensor) {
    if (sampleWeight.ndim !== 1) {
      throw new ValidationError(`${name} must be 1-D, got shape [${sampleWeight.shape.join(', ')}]`);
    }
    values = sampleWeight.data;
  } else values = sampleWeight;
  if (values.length !== nSamples) {
    throw new ValidationError(`${name} has ${values.length} values, expected ${nSamples} (one per sample).`, {
      expected: nSamples,
      got: values.length,
    });
  }
  const out = new Float64Array(nSamples);
  for (let i = 0; i < nSamples; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new ValidationError(`${name} contains ${formatValue(v)} at index ${i}; weights must be finite numbers.`, {
        row: i,
        got: v,
      });
    }
    if (v < 0 && !allowNegative) {
      throw new ValidationError(`Negative values in data passed to ${name}: ${v} at index ${i}.`, { row: i, got: v });
    }
    out[i] = v;
  }
  return out;
}
