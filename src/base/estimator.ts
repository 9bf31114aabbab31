/**
 * `BaseEstimator`: the shared implementation of the estimator contract.
 * A concrete estimator extends it and supplies:
 *
 * - a params interface, a `DEFAULTS` object and a constructor
 *   `constructor(options: Partial<P> = {}) { super(DEFAULTS, options); }`
 *   (unknown option names are rejected here; values are checked at `fit`);
 * - `static override readonly estimatorName = 'MyModel'` (the name used in
 *   messages and saved files; kept explicit so minifiers cannot change it);
 * - `static override parameterConstraints` (see `params.ts`);
 * - `estimatorTags()` spreading `super.estimatorTags()`;
 * - `fitImpl(X, y, options)`: the learning; it calls
 *   `this.validateData(X, y, { reset: true })` first and stores the fitted
 *   state in private fields read through getters using `this.fitted(...)`;
 * - predict/transform methods calling `this.checkIsFitted()` then
 *   `this.validateData(X, undefined, { reset: false })`;
 * - `getState()`/`setState()` for saving, and a typed static `fromJSON`.
 *
 * `fit` itself is a template method here: abort check, parameter
 * validation, reset of the fitted state, `fitImpl`, then marking fitted and
 * returning `this`, so no estimator can forget any of those steps.
 */
import type { SparseMatrix } from '../tensor/sparse.js';
import type { Tensor } from '../tensor/tensor.js';
import { NotFittedError, ValidationError } from './errors.js';
import { checkUnknownParams, type ParameterConstraints, validateParams } from './params.js';
import { checkSavedModel, type DecodeStateOptions, decodeState, encodeState } from './state.js';
import type { EstimatorTags, FitOptions, JsonValue, Labels, MatrixLike, SavedModel } from './types.js';
import { type CheckArrayOptions, checkArray, checkXy } from './validation.js';
import { TypelearnWarning, warn } from './warnings.js';

/**
 * The tags an estimator has unless it says otherwise.
 * @example DEFAULT_TAGS.requiresFit // true
 */
export const DEFAULT_TAGS: Readonly<EstimatorTags> = Object.freeze<EstimatorTags>({
  estimatorType: 'other',
  allowsNaN: false,
  requiresY: false,
  requiresFit: true,
  sparseInput: false,
  multiOutput: false,
  partialFit: false,
  nonDeterministic: false,
  X_types: ['2darray'],
});

/** Options of {@link BaseEstimator.validateData}: `reset` plus any {@link CheckArrayOptions}. */
export interface ValidateDataOptions extends CheckArrayOptions {
  /**
   * `true` in `fit`: record `nFeaturesIn`/`featureNamesIn` from `X`.
   * `false` in predict/transform: check `X` against them.
   */
  reset: boolean;
  /** Require numeric `y` (regressors). Default `false`. */
  yNumeric?: boolean;
}

/** The static side of an estimator class, as `fromJSON` and `clone` need it. */
export interface EstimatorConstructor<T> {
  // biome-ignore lint/suspicious/noExplicitAny: each estimator has its own options type
  new (options?: any): T;
  readonly name: string;
  readonly estimatorName?: string;
  readonly parameterConstraints?: ParameterConstraints;
}

function listNames(names: readonly string[]): string {
  const shown = names.slice(0, 5).map((n) => `- ${n}`);
  if (names.length > 5) shown.push('- ...');
  return `${shown.join('\n')}\n`;
}

/**
 * Base class of every typelearn estimator; see the module comment for what a
 * subclass provides. `P` is the params (constructor options) interface.
 *
 * @example
 * interface MeanParams { shift: number }
 * class MeanRegressor extends BaseEstimator<MeanParams> {
 *   static override readonly estimatorName = 'MeanRegressor';
 *   static override parameterConstraints = { shift: [interval('real', null, null, 'neither')] };
 *   #mean?: number;
 *   constructor(options: Partial<MeanParams> = {}) { super({ shift: 0 }, options); }
 *   protected fitImpl(X: MatrixLike, y?: Labels) {
 *     const v = this.validateData(X, y, { reset: true, yNumeric: true });
 *     this.#mean = v.y.reduce((a, b) => a + b, 0) / v.y.length + this.params.shift;
 *   }
 *   predict(X: MatrixLike) {
 *     const mean = this.fitted('mean', this.#mean);
 *     return new Float64Array(this.validateData(X, undefined, { reset: false }).X.shape[0]).fill(mean);
 *   }
 *   protected getState() { return { mean: this.#mean }; }
 *   protected setState(s: Record<string, unknown>) { this.#mean = new StateReader(s, 'MeanRegressor').number('mean'); }
 * }
 */
export abstract class BaseEstimator<P extends object> {
  /** Per-option constraints checked at `fit` (see `params.ts`). Subclasses override. */
  static parameterConstraints: ParameterConstraints = {};
  /** The class name used in messages and saved models. Subclasses set it explicitly. */
  static readonly estimatorName?: string;

  #params: Readonly<P>;
  readonly #defaults: Readonly<P>;
  #fitted = false;
  #nFeaturesIn?: number;
  #featureNamesIn?: string[];

  /**
   * Stores `options` over `defaults`. An option left `undefined` takes its
   * default; a name not in `defaults` throws a {@link ValidationError} listing
   * the valid names. Values are not checked until `fit`.
   */
  protected constructor(defaults: P, options: Partial<P> = {}) {
    this.#defaults = Object.freeze({ ...defaults });
    checkUnknownParams(this.estimatorName, Object.keys(defaults), options ?? {});
    this.#params = this.#merge(this.#defaults, options ?? {});
  }

  #merge(base: Readonly<P>, update: Partial<P>): Readonly<P> {
    const merged: Record<string, unknown> = { ...base };
    const defaults = this.#defaults as Record<string, unknown>;
    for (const [key, value] of Object.entries(update)) merged[key] = value === undefined ? defaults[key] : value;
    return Object.freeze(merged) as Readonly<P>;
  }

  /** The class name used in messages and saved files. */
  get estimatorName(): string {
    const ctor = this.constructor as EstimatorConstructor<this>;
    return ctor.estimatorName ?? ctor.name;
  }

  /** The params (constructor options with defaults filled), read-only. */
  get params(): Readonly<P> {
    return this.#params;
  }

  /**
   * A shallow copy of the params.
   * @example new DummyClassifier().getParams() // { strategy: 'prior', randomState: undefined, constant: undefined }
   */
  getParams(): P {
    return { ...this.#params } as P;
  }

  /**
   * Updates some params and returns `this`; unknown names throw a
   * {@link ValidationError}. The fitted state is kept (refit to apply).
   * @example model.setParams({ strategy: 'uniform' })
   */
  setParams(params: Partial<P>): this {
    checkUnknownParams(this.estimatorName, Object.keys(this.#defaults), params);
    this.#params = this.#merge(this.#params, params);
    return this;
  }

  /**
   * Declared capabilities. Subclasses override by spreading:
   * `return { ...super.estimatorTags(), estimatorType: 'classifier', requiresY: true };`
   */
  estimatorTags(): EstimatorTags {
    return { ...DEFAULT_TAGS, X_types: [...DEFAULT_TAGS.X_types] };
  }

  /** Checks the params against the class's `parameterConstraints`; `fit` calls it first. */
  protected validateParams(): void {
    const ctor = this.constructor as EstimatorConstructor<this>;
    validateParams(this.estimatorName, ctor.parameterConstraints ?? {}, this.#params as Record<string, unknown>);
  }

  /**
   * Learns from `X` (and `y`); resolves to `this`. Rejects with the signal's
   * reason when `options.signal` is aborted, and with a {@link ValidationError}
   * for invalid params or data. A failed fit leaves the estimator unfitted.
   * @example await new DummyClassifier().fit([[0], [1], [2]], ['a', 'b', 'b'])
   */
  async fit(X: MatrixLike, y?: Labels, options: FitOptions = {}): Promise<this> {
    this.throwIfAborted(options.signal);
    this.validateParams();
    this.#fitted = false;
    this.#nFeaturesIn = undefined;
    this.#featureNamesIn = undefined;
    await this.fitImpl(X, y, options);
    this.#fitted = true;
    return this;
  }

  /** The learning itself; see the module comment. */
  protected abstract fitImpl(X: MatrixLike, y: Labels | undefined, options: FitOptions): void | Promise<void>;

  /** Throws `signal.reason` when the signal is aborted; long fits call it between steps. */
  protected throwIfAborted(signal: AbortSignal | undefined): void {
    if (signal?.aborted) throw signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
  }

  /** Whether `fit` has completed (or a fitted model was loaded). */
  get isFitted(): boolean {
    return this.#fitted;
  }

  /**
   * Throws a {@link NotFittedError} unless the estimator is fitted.
   * @example model.checkIsFitted();
   */
  checkIsFitted(attribute?: string): void {
    if (!this.#fitted) throw new NotFittedError(this.estimatorName, attribute === undefined ? {} : { attribute });
  }

  /**
   * Returns a fitted attribute, or throws {@link NotFittedError} before `fit`.
   * @example get classPrior(): Float64Array { return this.fitted('classPrior', this.#classPrior); }
   */
  protected fitted<T>(name: string, value: T | undefined): T {
    if (!this.#fitted || value === undefined) throw new NotFittedError(this.estimatorName, { attribute: name });
    return value;
  }

  /** Number of features (columns) seen in `fit`. */
  get nFeaturesIn(): number {
    return this.fitted('nFeaturesIn', this.#nFeaturesIn);
  }

  /** Column names seen in `fit` when `X` was a table, else `undefined`. */
  get featureNamesIn(): string[] | undefined {
    this.checkIsFitted('featureNamesIn');
    return this.#featureNamesIn?.slice();
  }

  /**
   * Validates `X` (and `y`) with `checkArray`/`checkXy`, defaulting
   * `allowNaN` from the tags (`allowSparse` must be passed explicitly, so the
   * result type says when a `SparseMatrix` can come back). `y` must be given
   * in `fit` when the estimator's tags say `requiresY`. With `reset: true` (in `fit`) it
   * records `nFeaturesIn` and `featureNamesIn`; with `reset: false` it checks
   * them: a different feature count or different/reordered names is a
   * {@link ValidationError}; names present on one side only is a warning.
   */
  protected validateData(
    X: MatrixLike,
    y: undefined,
    options: ValidateDataOptions & { allowSparse: true },
  ): { X: Tensor | SparseMatrix; featureNames?: string[] };
  protected validateData(
    X: MatrixLike,
    y: undefined,
    options: ValidateDataOptions,
  ): { X: Tensor; featureNames?: string[] };
  protected validateData(
    X: MatrixLike,
    y: Labels,
    options: ValidateDataOptions & { allowSparse: true; yNumeric: true },
  ): { X: Tensor | SparseMatrix; y: Float64Array; featureNames?: string[] };
  protected validateData(
    X: MatrixLike,
    y: Labels,
    options: ValidateDataOptions & { allowSparse: true },
  ): { X: Tensor | SparseMatrix; y: Float64Array | string[]; featureNames?: string[] };
  protected validateData(
    X: MatrixLike,
    y: Labels | undefined,
    options: ValidateDataOptions & { yNumeric: true },
  ): { X: Tensor; y: Float64Array; featureNames?: string[] };
  protected validateData(
    X: MatrixLike,
    y: Labels | undefined,
    options: ValidateDataOptions,
  ): { X: Tensor; y: Float64Array | string[]; featureNames?: string[] };
  protected validateData(
    X: MatrixLike,
    y: Labels | undefined,
    options: ValidateDataOptions,
  ): { X: Tensor | SparseMatrix; y?: Float64Array | string[]; featureNames?: string[] } {
    const tags = this.estimatorTags();
    const { reset, ...rest } = options;
    const checkOptions = { allowNaN: tags.allowsNaN, estimatorName: this.estimatorName, ...rest };
    let result: { X: Tensor | SparseMatrix; y?: Float64Array | string[]; featureNames?: string[] };
    if (y === undefined) {
      if (tags.requiresY && reset) {
        throw new ValidationError(`${this.estimatorName} requires y to be passed, but the target y is undefined`, {
          expected: 'targets',
          got: undefined,
        });
      }
      result = checkArray(X, checkOptions);
    } else {
      result = checkXy(X, y, checkOptions);
    }
    const nFeatures = result.X.shape.length === 2 ? result.X.shape[1] : 1;
    if (reset) {
      this.#nFeaturesIn = nFeatures;
      this.#featureNamesIn = result.featureNames?.slice();
    } else {
      this.#checkFeatureNames(result.featureNames);
      const expected = this.nFeaturesIn;
      if (nFeatures !== expected) {
        throw new ValidationError(
          `X has ${nFeatures} features, but ${this.estimatorName} is expecting ${expected} features as input.`,
          { expected, got: nFeatures },
        );
      }
    }
    return result;
  }

  #checkFeatureNames(names: string[] | undefined): void {
    const fitted = this.#featureNamesIn;
    if (fitted === undefined && names === undefined) return;
    if (fitted === undefined) {
      warn(new TypelearnWarning(`X has feature names, but ${this.estimatorName} was fitted without feature names`));
      return;
    }
    if (names === undefined) {
      warn(
        new TypelearnWarning(
          `X does not have valid feature names, but ${this.estimatorName} was fitted with feature names`,
        ),
      );
      return;
    }
    if (names.length === fitted.length && names.every((n, i) => n === fitted[i])) return;
    const unexpected = names.filter((n) => !fitted.includes(n));
    const missing = fitted.filter((n) => !names.includes(n));
    let message = 'The feature names should match those that were passed during fit.\n';
    if (unexpected.length > 0) message += `Feature names unseen at fit time:\n${listNames(unexpected)}`;
    if (missing.length > 0) message += `Feature names seen at fit time, yet now missing:\n${listNames(missing)}`;
    if (unexpected.length === 0 && missing.length === 0) {
      message += 'Feature names must be in the same order as they were in fit.\n';
    }
    throw new ValidationError(message.trimEnd(), { expected: fitted.slice(), got: names.slice() });
  }

  /** The fitted state to save: a plain object of values `encodeState` supports. */
  protected abstract getState(): Record<string, unknown>;

  /** Restores what `getState` returned (after decoding); validate every field (see `StateReader`). */
  protected abstract setState(state: Record<string, unknown>): void;

  /**
   * The saved form: `{ format: 'typelearn-model', formatVersion: 1, className,
   * params, state }`, JSON-safe (NaN, ±Infinity, -0 and typed arrays are
   * encoded exactly). `state` is `null` before `fit`.
   * @example JSON.stringify(model) // uses toJSON
   */
  toJSON(): SavedModel {
    const params: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(this.#params)) if (v !== undefined) params[k] = v;
    let state: JsonValue = null;
    if (this.#fitted) {
      const base: Record<string, unknown> = { nFeaturesIn: this.#nFeaturesIn };
      if (this.#featureNamesIn) base.featureNamesIn = this.#featureNamesIn;
      state = encodeState({ ...base, model: this.getState() }, 'state');
    }
    return {
      format: 'typelearn-model',
      formatVersion: 1,
      className: this.estimatorName,
      params: encodeState(params, 'params'),
      state,
    };
  }

  /**
   * Restores an estimator saved with `toJSON` (after `JSON.parse`). Checks the
   * format, version and class name, validates the params and the state, and
   * never runs code from the file. Call it on the concrete class.
   * @example const model = DummyClassifier.fromJSON(JSON.parse(text));
   */
  static fromJSON<T extends BaseEstimator<object>>(
    this: EstimatorConstructor<T>,
    saved: unknown,
    options: DecodeStateOptions = {},
  ): T {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the concrete subclass fromJSON was called on
    const className = this.estimatorName ?? this.name;
    const model = checkSavedModel(saved, className);
    const params = decodeState(model.params, { ...options, path: 'params' });
    if (params === null || typeof params !== 'object' || Array.isArray(params)) {
      throw new ValidationError(`saved ${className}: params must be an object`);
    }
    const estimator = new this(params);
    estimator.validateParams();
    if (model.state !== null) estimator.#restore(decodeState(model.state, { ...options, path: 'state' }), className);
    return estimator;
  }

  #restore(state: unknown, className: string): void {
    if (state === null || typeof state !== 'object' || Array.isArray(state)) {
      throw new ValidationError(`saved ${className}: state must be an object`);
    }
    const { nFeaturesIn, featureNamesIn, model } = state as Record<string, unknown>;
    if (typeof nFeaturesIn !== 'number' || !Number.isInteger(nFeaturesIn) || nFeaturesIn < 0) {
      throw new ValidationError(`saved ${className}: state.nFeaturesIn must be a non-negative integer`);
    }
    if (
      featureNamesIn !== undefined &&
      !(
        Array.isArray(featureNamesIn) &&
        featureNamesIn.length === nFeaturesIn &&
        featureNamesIn.every((n) => typeof n === 'string')
      )
    ) {
      throw new ValidationError(`saved ${className}: state.featureNamesIn must be ${nFeaturesIn} strings`);
    }
    if (model === null || typeof model !== 'object' || Array.isArray(model)) {
      throw new ValidationError(`saved ${className}: state.model must be an object`);
    }
    this.setState(model as Record<string, unknown>);
    this.#nFeaturesIn = nFeaturesIn;
    this.#featureNamesIn = featureNamesIn as string[] | undefined;
    this.#fitted = true;
  }
}
