/**
 * The estimator contract as types: what every model accepts (`MatrixLike`,
 * `Labels`, `FitOptions`), what it declares about itself (`EstimatorTags`),
 * how it is saved (`SavedModel`), and the `Estimator`/`Classifier`/
 * `Regressor`/`Transformer` interfaces that Pipeline, cross-validation,
 * search, io and `checkEstimator` program against.
 */
import type { SparseMatrix } from '../tensor/sparse.js';
import type { Tensor } from '../tensor/tensor.js';

/** A class label: a number (integer-valued for classifiers) or a string. */
export type Label = number | string;

/** Labels that are all numbers or all strings (what classifiers return; never mixed). */
export type LabelArray = number[] | string[];

/** A dense numeric matrix as a flat row-major buffer plus its shape `[nRows, nCols]`. */
export interface ShapedArray {
  readonly data: ArrayLike<number>;
  readonly shape: readonly number[];
}

/**
 * A typed table with named columns (typelearn's `Frame`, or anything shaped
 * like it): `columnNames` (array or method) and `column(name)` giving the values.
 */
export interface FrameLike {
  readonly columnNames: readonly string[] | (() => readonly string[]);
  column(name: string): unknown;
}

/** An Apache Arrow table: `schema.fields[i].name` and `getChild(name).toArray()`. */
export interface ArrowTableLike {
  readonly schema: { readonly fields: readonly { readonly name: string }[] };
  getChild(name: string): unknown;
}

/** An Arquero table: `columnNames()` and `array(name)`. */
export interface ArqueroTableLike {
  columnNames(): readonly string[];
  array(name: string): ArrayLike<unknown>;
}

/**
 * Anything an estimator accepts as `X`: a 2-D `Tensor`, nested number arrays,
 * a flat buffer with a shape, a `SparseMatrix` (where the estimator supports
 * it), a frame-like table (column names become feature names) or an array of
 * records (`[{ a: 1, b: 2 }, ...]`).
 */
export type MatrixLike =
  | Tensor
  | readonly (readonly number[])[]
  | ShapedArray
  | SparseMatrix
  | FrameLike
  | ArrowTableLike
  | ArqueroTableLike
  | readonly Readonly<Record<string, number>>[];

/** Targets: numbers or strings, as an array, typed array or 1-D (or `[n, 1]`) `Tensor`. */
export type Labels = readonly Label[] | ArrayLike<number> | Tensor;

/** Progress reported by a long `fit`. */
export interface FitProgress {
  /** Steps done so far (iterations, trees, epochs...). */
  step: number;
  /** Total steps, when known. */
  total?: number;
  /** A short human-readable status. */
  message?: string;
}

/** Options every `fit` accepts (an estimator ignores those it does not support, except `sampleWeight`). */
export interface FitOptions {
  /** Cancels the fit: it rejects with `signal.reason` (an `AbortError` by default). */
  signal?: AbortSignal;
  /** Called as the fit progresses. */
  onProgress?: (progress: FitProgress) => void;
  /** One non-negative weight per sample; estimators that cannot use weights reject it. */
  sampleWeight?: ArrayLike<number>;
}

/** What kind of estimator this is (sklearn's `_estimator_type`). */
export type EstimatorType =
  | 'classifier'
  | 'regressor'
  | 'transformer'
  | 'clusterer'
  | 'outlierDetector'
  | 'densityEstimator'
  | 'other';

/** Input kinds an estimator accepts for `X` (sklearn's `X_types`). */
export type InputType = '2darray' | 'sparse' | 'categorical' | 'string' | 'text' | '1dlabels';

/**
 * Capabilities an estimator declares; `checkEstimator`, Pipeline and the CLI
 * read them instead of prose. Defaults are in `DEFAULT_TAGS` (base/estimator.ts).
 */
export interface EstimatorTags {
  /** Kind of estimator. Default `'other'`. */
  estimatorType: EstimatorType;
  /** `X` may contain NaN (missing values). Default `false`. */
  allowsNaN: boolean;
  /** `fit` needs `y`. Default `false` (true for classifiers and regressors). */
  requiresY: boolean;
  /** Must be fitted before predict/transform (false for stateless transformers). Default `true`. */
  requiresFit: boolean;
  /** Accepts a `SparseMatrix` as `X`. Default `false`. */
  sparseInput: boolean;
  /** Supports 2-D `y` (several outputs). Default `false`. */
  multiOutput: boolean;
  /** Has `partialFit`. Default `false`. */
  partialFit: boolean;
  /** Results differ between runs even with a fixed `randomState`. Default `false`. */
  nonDeterministic: boolean;
  /** Input kinds accepted for `X`. Default `['2darray']`. */
  X_types: InputType[];
}

/** JSON-able data (what `toJSON` produces; see `encodeState`). */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** The saved form of an estimator: versioned, self-describing, no code. */
export interface SavedModel {
  format: 'typelearn-model';
  formatVersion: 1;
  /** The estimator's class name, checked on load. */
  className: string;
  /** Constructor options, encoded with `encodeState`. */
  params: JsonValue;
  /** Fitted state encoded with `encodeState`, or `null` for an unfitted estimator. */
  state: JsonValue;
}

/**
 * The contract every estimator follows (see docs: "The estimator contract").
 * Learning is async (`fit` returns a Promise); applying is sync.
 */
export interface Estimator<P extends object = object> {
  /** Constructor options with defaults filled, nothing else. */
  readonly params: Readonly<P>;
  /** A copy of the params. */
  getParams(): P;
  /** Updates some params (unknown names throw `ValidationError`); returns `this`. */
  setParams(params: Partial<P>): this;
  /** Learns from `X` (and `y`); resolves to `this`. */
  fit(X: MatrixLike, y?: Labels, options?: FitOptions): Promise<this>;
  /** The saved form; the class's static `fromJSON` restores it. */
  toJSON(): SavedModel;
  /** Declared capabilities. */
  estimatorTags(): EstimatorTags;
}

/** An estimator predicting class labels. */
export interface Classifier<P extends object = object> extends Estimator<P> {
  /** Predicted labels: an `Int32Array` when all classes are int32 integers, else an array of labels. */
  predict(X: MatrixLike): Label[] | Int32Array;
  /** Class probabilities, shape `[nSamples, nClasses]`, columns in `classes` order. */
  predictProba(X: MatrixLike): Tensor;
  /** The classes seen in `fit`, sorted (numbers ascending, strings by code point). */
  readonly classes: Label[];
  /** Mean accuracy of `predict(X)` against `y`. */
  score(X: MatrixLike, y: Labels, sampleWeight?: ArrayLike<number>): number;
}

/** An estimator predicting a continuous target. */
export interface Regressor<P extends object = object> extends Estimator<P> {
  /** One prediction per row. */
  predict(X: MatrixLike): Float64Array;
  /** Coefficient of determination R² of `predict(X)` against `y`. */
  score(X: MatrixLike, y: Labels, sampleWeight?: ArrayLike<number>): number;
}

/** An estimator that maps `X` to a new feature space. */
export interface Transformer<P extends object = object> extends Estimator<P> {
  transform(X: MatrixLike): Tensor;
  fitTransform(X: MatrixLike, y?: Labels, options?: FitOptions): Promise<Tensor>;
  /** Names of the output columns. */
  getFeatureNamesOut(inputFeatures?: readonly string[]): string[];
}
