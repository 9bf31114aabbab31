/**
 * The errors every estimator throws. Bad input is a {@link ValidationError}
 * (with structured fields a program can read), using a model before `fit` is a
 * {@link NotFittedError}; shape and dtype problems inside the tensor core keep
 * their own types and are re-exported here so one import covers them all.
 * Warnings (reported, never thrown) live in `warnings.ts`.
 */

export { DTypeError, ShapeError } from '../tensor/errors.js';
export { ConvergenceWarning, warn } from './warnings.js';

/** Structured details of a {@link ValidationError}; every field is optional. */
export interface ValidationErrorDetails {
  /** The parameter (constructor option) that was wrong, e.g. `'strategy'`. */
  param?: string;
  /** The 0-based row of the offending value. */
  row?: number;
  /** The offending column: its 0-based index, or its name when the input had column names. */
  column?: number | string;
  /** What was expected, in words or as a value (e.g. `4` features, `"a str among {...}"`). */
  expected?: unknown;
  /** What was received. */
  got?: unknown;
  /** The underlying error, if any. */
  cause?: unknown;
}

/**
 * Invalid input or parameters: wrong shape, NaN/Infinity where unsupported,
 * empty input, a single class, an unknown category, feature-count or
 * feature-name mismatch, a parameter outside its allowed values.
 * The message says what was wrong and where; the same facts are in
 * `param`/`row`/`column`/`expected`/`got`.
 *
 * @example
 * try { checkArray([[1, Number.NaN]]); }
 * catch (e) { if (e instanceof ValidationError) console.log(e.row, e.column); } // 0 1
 */
export class ValidationError extends Error {
  override name = 'ValidationError';
  declare readonly param?: string;
  declare readonly row?: number;
  declare readonly column?: number | string;
  declare readonly expected?: unknown;
  declare readonly got?: unknown;

  constructor(message: string, details: ValidationErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    if (details.param !== undefined) this.param = details.param;
    if (details.row !== undefined) this.row = details.row;
    if (details.column !== undefined) this.column = details.column;
    if ('expected' in details) this.expected = details.expected;
    if ('got' in details) this.got = details.got;
  }
}

/**
 * A fitted-state accessor or a predict/transform method was used before `fit`.
 * The message is scikit-learn's: "This DummyClassifier instance is not fitted
 * yet. Call 'fit' with appropriate arguments before using this estimator."
 *
 * @param estimatorName - the class name shown in the message.
 * @param options - `attribute`: the fitted attribute that was read (kept on the
 *   error, not in the message); `message`: replaces the standard message.
 * @example
 * throw new NotFittedError('DummyClassifier');
 */
export class NotFittedError extends Error {
  override name = 'NotFittedError';
  /** Class name of the estimator that was not fitted. */
  readonly estimatorName: string;
  /** The fitted attribute or method that was used too early, when known. */
  declare readonly attribute?: string;

  constructor(estimatorName: string, options: { attribute?: string; message?: string } = {}) {
    super(
      options.message ??
        `This ${estimatorName} instance is not fitted yet. Call 'fit' with appropriate arguments before using this estimator.`,
    );
    this.estimatorName = estimatorName;
    if (options.attribute !== undefined) this.attribute = options.attribute;
  }
}
