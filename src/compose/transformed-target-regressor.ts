/**
 * `TransformedTargetRegressor`: fits a regressor on a transformed target and
 * maps its predictions back (scikit-learn's
 * `sklearn.compose.TransformedTargetRegressor`), e.g. to regress on `log(y)`.
 *
 * Decisions:
 * - The regressor (default `LinearRegression`) and transformer are cloned
 *   and the clones fitted: `fittedRegressor`, `fittedTransformer`.
 * - `func`/`inverseFunc` map a whole `Float64Array` of targets at once.
 *   A model using them cannot be saved with `toJSON` (functions are code);
 *   use a `transformer` to save.
 */
import { clone } from '../base/clone.js';
import { ValidationError } from '../base/errors.js';
import { BaseEstimator, type EstimatorConstructor } from '../base/estimator.js';
import { columnOrLabels } from '../base/labels.js';
import type { ParameterConstraints } from '../base/params.js';
import { regressorScore } from '../base/score.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import { TypelearnWarning, warn } from '../base/warnings.js';
import { LinearRegression } from '../linear-model/linear-regression.js';
import { SparseMatrix } from '../tensor/sparse.js';
import { Tensor } from '../tensor/tensor.js';
import { PROXY_Y, shapeProxy } from './column-source.js';
import { type ComposeLoadOptions, estimatorLoader, registerEstimator } from './registry.js';
import { type AnyEstimator, fitTransformOne, hasMethod, tagsOf } from './step-utils.js';

/** A function on the whole target vector. */
export type TargetFunction = (y: Float64Array) => Float64Array;

/** Options of {@link TransformedTargetRegressor}. */
export interface TransformedTargetRegressorParams {
  /** The regressor fitted on the transformed target. Default `undefined` (a `LinearRegression`). */
  regressor: AnyEstimator | undefined;
  /** A transformer fitted on `y` as one column (needs `inverseTransform`). Default `undefined`. */
  transformer: AnyEstimator | undefined;
  /** Maps `y` before fitting (with `inverseFunc`; not with `transformer`). Default `undefined`. */
  func: TargetFunction | undefined;
  /** Maps predictions back. Default `undefined`. */
  inverseFunc: TargetFunction | undefined;
  /** Warn when transform then inverse does not give back a sample of `y`. Default `true`. */
  checkInverse: boolean;
}

const DEFAULTS: TransformedTargetRegressorParams = {
  regressor: undefined,
  transformer: undefined,
  func: undefined,
  inverseFunc: undefined,
  checkInverse: true,
};

function column(y: Float64Array): Tensor {
  return new Tensor(y, [y.length, 1]);
}

function flat(out: unknown, what: string): Float64Array {
  const t = out instanceof SparseMatrix ? out.toDense() : out;
  if (t instanceof Tensor) {
    if (t.ndim === 2 && t.shape[1] !== 1) {
      throw new ValidationError(`${what} must give one column, got shape [${t.shape}]`, { got: [...t.shape] });
    }
    return t.data instanceof Float64Array ? t.data.slice() : Float64Array.from(t.data);
  }
  if (out instanceof Float64Array) return out;
  if (Array.isArray(out) || ArrayBuffer.isView(out)) return Float64Array.from(out as ArrayLike<number>);
  throw new ValidationError(`${what} must return numbers, got ${String(out)}`);
}

/**
 * A regressor on a transformed target: `fit` learns `regressor` on
 * `transform(y)`, `predict` returns `inverse(regressor.predict(X))`.
 *
 * @example
 * import { TransformedTargetRegressor } from 'typelearn/compose';
 * const model = new TransformedTargetRegressor({
 *   regressor: new LinearRegression(),
 *   func: (y) => y.map(Math.log),
 *   inverseFunc: (y) => y.map(Math.exp),
 * });
 * await model.fit(X, y);
 * model.predict(X); // back on the scale of y
 */
export class TransformedTargetRegressor extends BaseEstimator<TransformedTargetRegressorParams> {
  static override readonly estimatorName = 'TransformedTargetRegressor';

  static override parameterConstraints: ParameterConstraints = {
    regressor: ['estimator', null],
    transformer: ['estimator', null],
    func: ['callable', null],
    inverseFunc: ['callable', null],
    checkInverse: ['boolean'],
  };

  #regressor?: AnyEstimator;
  #transformer?: AnyEstimator;

  /** @param options - see {@link TransformedTargetRegressorParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<TransformedTargetRegressorParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    const inner = this.params.regressor ? tagsOf(this.params.regressor) : undefined;
    return {
      ...super.estimatorTags(),
      estimatorType: 'regressor',
      requiresY: true,
      allowsNaN: inner?.allowsNaN ?? false,
      X_types: inner ? [...inner.X_types] : ['2darray'],
    };
  }

  #forward(y: Float64Array): Float64Array {
    const t = this.#transformer;
    if (t) return flat(t.transform(column(y)), 'the target transformer');
    const f = this.params.func;
    return f ? flat(f(y), 'func') : y;
  }

  #inverse(y: Float64Array): Float64Array {
    const t = this.#transformer;
    if (t) return flat(t.inverseTransform(column(y)), "the target transformer's inverseTransform");
    const f = this.params.inverseFunc;
    return f ? flat(f(y), 'inverseFunc') : y;
  }

  protected async fitImpl(X: MatrixLike, y: Labels | undefined, options: FitOptions): Promise<void> {
    const { transformer, func, inverseFunc, regressor, checkInverse } = this.params;
    this.#regressor = undefined;
    this.#transformer = undefined;
    if (y === undefined) {
      throw new ValidationError('TransformedTargetRegressor requires y to be passed, but the target y is undefined');
    }
    if (transformer && (func || inverseFunc)) {
      throw new ValidationError("'transformer' and functions 'func'/'inverseFunc' cannot both be set.", {
        param: 'transformer',
      });
    }
    if (func && !inverseFunc) {
      throw new ValidationError("When 'func' is provided, 'inverseFunc' must also be provided", {
        param: 'inverseFunc',
      });
    }
    if (transformer && !hasMethod(transformer, 'inverseTransform')) {
      throw new ValidationError("The 'transformer' of TransformedTargetRegressor must have inverseTransform", {
        param: 'transformer',
      });
    }
    const { proxy, nRows } = shapeProxy(X);
    this.validateData(proxy, PROXY_Y, { reset: true, allowNaN: true });
    const { labels } = columnOrLabels(y);
    if (!(labels instanceof Float64Array)) throw new ValidationError('TransformedTargetRegressor needs numeric y');
    if (labels.length !== nRows) {
      throw new ValidationError(
        `Found input variables with inconsistent numbers of samples: [${nRows}, ${labels.length}]`,
        {
          expected: nRows,
          got: labels.length,
        },
      );
    }
    let yt: Float64Array;
    if (transformer) {
      this.#transformer = clone(transformer);
      yt = flat(await fitTransformOne(this.#transformer, column(labels), undefined, {}), 'the target transformer');
    } else {
      yt = this.#forward(labels);
    }
    if (checkInverse && (transformer || func)) this.#checkInverse(labels);
    const reg = clone(regressor ?? (new LinearRegression() as unknown as AnyEstimator));
    const fitOptions: FitOptions = {};
    if (options.signal) fitOptions.signal = options.signal;
    if (options.sampleWeight) fitOptions.sampleWeight = options.sampleWeight;
    await reg.fit(X, yt, fitOptions);
    this.#regressor = reg;
  }

  /** sklearn's `_fit_transformer` check on every tenth target. */
  #checkInverse(y: Float64Array): void {
    const step = Math.max(1, Math.floor(y.length / 10));
    const sample = new Float64Array(Math.ceil(y.length / step));
    for (let i = 0, k = 0; i < y.length; i += step, k++) sample[k] = y[i];
    const back = this.#inverse(this.#forward(sample));
    const close =
      back.length === sample.length && sample.every((v, i) => Math.abs(back[i] - v) <= 1e-8 + 1e-5 * Math.abs(v));
    if (!close) {
      warn(
        new TypelearnWarning(
          "The provided functions or transformer are not strictly inverse of each other. If you are sure you want to proceed regardless, set 'checkInverse: false'",
        ),
      );
    }
  }

  /** The fitted clone of the regressor. */
  get fittedRegressor(): AnyEstimator {
    return this.fitted('fittedRegressor', this.#regressor);
  }

  /** The fitted clone of the target transformer, or `undefined` without one. */
  get fittedTransformer(): AnyEstimator | undefined {
    this.checkIsFitted('fittedTransformer');
    return this.#transformer;
  }

  /**
   * The regressor's predictions mapped back to the scale of `y`.
   * @example model.predict(X) // Float64Array
   */
  predict(X: MatrixLike): Float64Array {
    this.checkIsFitted();
    const reg = this.fitted('fittedRegressor', this.#regressor);
    this.validateData(shapeProxy(X).proxy, undefined, { reset: false, allowNaN: true });
    return this.#inverse(flat(reg.predict(X), 'the regressor'));
  }

  /**
   * R² of `predict(X)` against `y` (on the original scale).
   * @example model.score(X, y)
   */
  score(X: MatrixLike, y: Labels, sampleWeight?: ArrayLike<number>): number {
    return regressorScore(y, this.predict(X), sampleWeight);
  }

  /**
   * Restores a saved model with its fitted regressor and transformer (classes
   * from `options.classes` or the registry).
   * @example TransformedTargetRegressor.fromJSON(json, { classes: [LinearRegression, StandardScaler] })
   */
  static override fromJSON<T extends BaseEstimator<object>>(
    this: EstimatorConstructor<T>,
    saved: unknown,
    options: ComposeLoadOptions = {},
  ): T {
    const loadEstimator = options.loadEstimator ?? estimatorLoader(options);
    // biome-ignore lint/complexity/noThisInStatic: `this` is the concrete subclass fromJSON was called on
    return BaseEstimator.fromJSON.call(this, saved, { ...options, loadEstimator }) as T;
  }

  protected getState(): Record<string, unknown> {
    return { regressor: this.#regressor, transformer: this.#transformer };
  }

  protected setState(state: Record<string, unknown>): void {
    const { regressor, transformer } = state as { regressor?: unknown; transformer?: unknown };
    if (!hasMethod(regressor, 'predict'))
      throw new ValidationError('saved TransformedTargetRegressor: state.regressor must be a regressor');
    if (transformer !== undefined && !hasMethod(transformer, 'inverseTransform')) {
      throw new ValidationError('saved TransformedTargetRegressor: state.transformer must have inverseTransform');
    }
    this.#regressor = regressor as AnyEstimator;
    this.#transformer = transformer as AnyEstimator | undefined;
  }
}

registerEstimator(TransformedTargetRegressor);
