/**
 * `FunctionTransformer`: wraps plain JS functions as a transformer
 * (scikit-learn's `sklearn.preprocessing.FunctionTransformer`), so any
 * elementwise or row-wise computation can sit in a Pipeline.
 *
 * The functions are not saved by `toJSON` (saved models never hold code):
 * a restored FunctionTransformer is the identity unless `func` is set again
 * with `setParams`.
 */
import { ValidationError } from '../base/errors.js';
import { options, type ParameterConstraints } from '../base/params.js';
import type { EstimatorTags, MatrixLike, SavedModel } from '../base/types.js';
import { checkArray } from '../base/validation.js';
import { TypelearnWarning, warn } from '../base/warnings.js';
import { Tensor } from '../tensor/tensor.js';
import { BaseTransformer } from './transformer.js';

/** A function from a 2-D Tensor to a 2-D Tensor (or nested number arrays). */
export type TensorFunction = (X: Tensor) => Tensor | number[][];

/** Options of {@link FunctionTransformer}. */
export interface FunctionTransformerParams {
  /** The forward function; `undefined` (default) is the identity. */
  func: TensorFunction | undefined;
  /** The inverse function used by `inverseTransform`; `undefined` (default) is the identity. */
  inverseFunc: TensorFunction | undefined;
  /** Validate `X` as a numeric 2-D array (NaN allowed) before calling `func`. Default `false`: `X` is passed as a Tensor when it is one, else converted. */
  validate: boolean;
  /** At fit, check that `inverseFunc(func(X))` gives back a sample of `X` (warns when not). Default `true`. */
  checkInverse: boolean;
  /** Output names: `undefined` (default: none, `getFeatureNamesOut` throws), `'one-to-one'`, or a function of the input names. */
  featureNamesOut: 'one-to-one' | ((inputFeatures: string[]) => string[]) | undefined;
}

const DEFAULTS: FunctionTransformerParams = {
  func: undefined,
  inverseFunc: undefined,
  validate: false,
  checkInverse: true,
  featureNamesOut: undefined,
};

function asTensor(value: Tensor | number[][], what: string): Tensor {
  const t = value instanceof Tensor ? value : checkArray(value, { allowNaN: true, name: what }).X;
  if (t.ndim !== 2) throw new ValidationError(`${what} must return a 2-D array, got ${t.ndim}-D`, { got: t.shape });
  return t;
}

/**
 * Applies a user function in `transform` (and its inverse in `inverseTransform`).
 *
 * @example
 * import { FunctionTransformer } from 'typelearn/preprocessing';
 * const log1p = new FunctionTransformer({ func: (X) => X.add(1).log(), inverseFunc: (X) => X.exp().sub(1) });
 * const Z = await log1p.fitTransform([[0, 1], [2, 3]]);  // [[0, 0.693…], [1.098…, 1.386…]]
 * log1p.inverseTransform(Z);                               // [[0, 1], [2, 3]]
 */
export class FunctionTransformer extends BaseTransformer<FunctionTransformerParams> {
  static override readonly estimatorName = 'FunctionTransformer';

  static override parameterConstraints: ParameterConstraints = {
    func: ['callable', null],
    inverseFunc: ['callable', null],
    validate: ['boolean'],
    checkInverse: ['boolean'],
    featureNamesOut: ['callable', null, options(['one-to-one'])],
  };

  /** @param options - see {@link FunctionTransformerParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<FunctionTransformerParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), allowsNaN: true, requiresFit: false };
  }

  #input(X: MatrixLike, reset: boolean | undefined): Tensor {
    if (reset !== undefined) return this.validateData(X, undefined, { reset }).X;
    return checkArray(X, { allowNaN: true, estimatorName: this.estimatorName }).X;
  }

  protected fitImpl(X: MatrixLike): void {
    const input = this.#input(X, true);
    const { func, inverseFunc, checkInverse } = this.params;
    if (checkInverse && (func || inverseFunc)) {
      const n = input.shape[0];
      const step = Math.max(1, Math.floor(n / 100));
      const idx = Array.from({ length: Math.ceil(n / step) }, (_, k) => k * step);
      const sample = input.take(idx, 0);
      const forward = func ? asTensor(func(sample), 'func') : sample;
      const back = inverseFunc ? asTensor(inverseFunc(forward), 'inverseFunc') : forward;
      const ok =
        back.size === sample.size &&
        Array.from(sample.data).every(
          (v, k) =>
            Math.abs(back.data[k] - v) <= 1e-7 + 1e-7 * Math.abs(v) || (Number.isNaN(v) && Number.isNaN(back.data[k])),
        );
      if (!ok) {
        warn(
          new TypelearnWarning(
            "The provided functions are not strictly inverse of each other. If you are sure you want to proceed regardless, set 'checkInverse: false'.",
          ),
        );
      }
    }
  }

  /**
   * `func(X)` (or `X` without `func`); works without `fit`.
   * @example new FunctionTransformer({ func: (X) => X.abs() }).transform([[-1, 2]]) // [[1, 2]]
   */
  transform(X: MatrixLike): Tensor {
    this.validateParams();
    const input =
      this.params.validate || !(X instanceof Tensor) ? this.#input(X, this.isFitted ? false : undefined) : X;
    const { func } = this.params;
    return func ? asTensor(func(input), 'func') : input;
  }

  /**
   * `inverseFunc(X)` (or `X` without `inverseFunc`).
   * @example log1p.inverseTransform(log1p.transform(X)) // ≈ X
   */
  inverseTransform(X: MatrixLike): Tensor {
    const input = X instanceof Tensor ? X : checkArray(X, { allowNaN: true }).X;
    const { inverseFunc } = this.params;
    return inverseFunc ? asTensor(inverseFunc(input), 'inverseFunc') : input;
  }

  /**
   * Output names per `featureNamesOut`: the input names for `'one-to-one'`,
   * or what the function returns; throws when it is unset.
   * @example new FunctionTransformer({ featureNamesOut: 'one-to-one' }) // names pass through
   */
  override getFeatureNamesOut(inputFeatures?: readonly string[]): string[] {
    const { featureNamesOut } = this.params;
    if (featureNamesOut === undefined || featureNamesOut === null) {
      throw new ValidationError(
        "This FunctionTransformer has featureNamesOut undefined, which means getFeatureNamesOut() is not available; set it to 'one-to-one' or a function.",
        { param: 'featureNamesOut' },
      );
    }
    const names = this.inputFeatureNames(inputFeatures);
    return featureNamesOut === 'one-to-one' ? names : featureNamesOut(names);
  }

  /**
   * The saved form, without the functions (saved models never hold code):
   * restore them with `setParams` after `fromJSON`.
   * @example FunctionTransformer.fromJSON(JSON.parse(text)).setParams({ func })
   */
  override toJSON(): SavedModel {
    const { func, inverseFunc, featureNamesOut } = this.params;
    const names = typeof featureNamesOut === 'function' ? undefined : featureNamesOut;
    this.setParams({ func: undefined, inverseFunc: undefined, featureNamesOut: names });
    try {
      return super.toJSON();
    } finally {
      this.setParams({ func, inverseFunc, featureNamesOut });
    }
  }

  protected getState(): Record<string, unknown> {
    return {};
  }

  protected setState(): void {}
}
