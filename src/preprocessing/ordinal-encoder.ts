/**
 * `OrdinalEncoder`: each category becomes its index in the sorted categories
 * of its feature (scikit-learn 1.2's `sklearn.preprocessing.OrdinalEncoder`).
 *
 * The missing value (null/undefined/NaN) seen in fit is encoded as
 * `encodedMissingValue` (NaN by default) rather than an index; unknown
 * categories at transform throw (`handleUnknown: 'error'`) or become
 * `unknownValue` (`'use_encoded_value'`). Output is float64.
 */
import { ValidationError } from '../base/errors.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import { checkArray } from '../base/validation.js';
import { Tensor } from '../tensor/tensor.js';
import { type CategoricalInputLike, readCategoricalInput, shapeProxy } from './categorical-input.js';
import {
  type Category,
  encodeColumn,
  fitCategories,
  isMissing,
  readCategories,
  unknownCategoryError,
} from './encoder-utils.js';
import { BaseTransformer } from './transformer.js';

/** Options of {@link OrdinalEncoder}. */
export interface OrdinalEncoderParams {
  /** `'auto'` (default: the sorted values seen in fit) or one array of categories per feature. */
  categories: 'auto' | readonly (readonly Category[])[];
  /** `'error'` (default) throws on an unknown category at transform; `'use_encoded_value'` writes `unknownValue`. */
  handleUnknown: 'error' | 'use_encoded_value';
  /** The code of unknown categories with `'use_encoded_value'`: an integer not used by a known category, or NaN. Default `undefined`. */
  unknownValue: number | undefined;
  /** The code of missing values. Default NaN. */
  encodedMissingValue: number;
}

const DEFAULTS: OrdinalEncoderParams = {
  categories: 'auto',
  handleUnknown: 'error',
  unknownValue: undefined,
  encodedMissingValue: Number.NaN,
};

/**
 * Encodes categorical features as integer codes `0 … nCategories - 1` (as float64).
 *
 * Fitted attribute: `categories` (per feature, sorted, missing last).
 *
 * @example
 * import { OrdinalEncoder } from 'typelearn/preprocessing';
 * const enc = await new OrdinalEncoder().fit([['red', 'S'], ['blue', 'M'], ['red', 'M']]);
 * enc.transform([['blue', 'S']]);       // Tensor [[0, 1]]
 * enc.inverseTransform([[1, 0]]);       // [['red', 'M']]
 */
export class OrdinalEncoder extends BaseTransformer<OrdinalEncoderParams> {
  static override readonly estimatorName = 'OrdinalEncoder';

  static override parameterConstraints: ParameterConstraints = {
    categories: [options(['auto']), 'arrayLike'],
    handleUnknown: [options(['error', 'use_encoded_value'])],
    unknownValue: [interval('int', null, null, 'neither'), options([Number.NaN]), null],
    encodedMissingValue: [interval('int', null, null, 'neither'), options([Number.NaN])],
  };

  #categories?: Category[][];

  /** @param options - see {@link OrdinalEncoderParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<OrdinalEncoderParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), allowsNaN: true, X_types: ['2darray', 'categorical', 'string'] };
  }

  /**
   * Learns the categories of every feature; resolves to `this`.
   * @example await new OrdinalEncoder().fit([['a'], ['b']])
   */
  override fit(X: CategoricalInputLike, y?: Labels, options?: FitOptions): Promise<this> {
    return super.fit(X as MatrixLike, y, options);
  }

  /**
   * Fits, then encodes `X`.
   * @example await new OrdinalEncoder().fitTransform([['b'], ['a']]) // [[1], [0]]
   */
  override async fitTransform(X: CategoricalInputLike, y?: Labels, options?: FitOptions): Promise<Tensor> {
    await this.fit(X, y, options);
    return this.transform(X);
  }

  protected fitImpl(X: MatrixLike): void {
    this.#categories = undefined;
    const { handleUnknown, unknownValue, encodedMissingValue } = this.params;
    const hasUnknownValue = unknownValue !== undefined && unknownValue !== null;
    if (handleUnknown === 'use_encoded_value' && !hasUnknownValue) {
      throw new ValidationError(
        "unknownValue should be an integer or NaN when handleUnknown is 'use_encoded_value', got undefined.",
        { param: 'unknownValue', expected: 'an integer or NaN', got: unknownValue },
      );
    }
    if (handleUnknown === 'error' && hasUnknownValue) {
      throw new ValidationError(
        `unknownValue should only be set when handleUnknown is 'use_encoded_value', got ${unknownValue}.`,
        {
          param: 'unknownValue',
          got: unknownValue,
        },
      );
    }
    const input = readCategoricalInput(X as CategoricalInputLike);
    this.validateData(shapeProxy(input), undefined, { reset: true });
    const { categories } = fitCategories(input, this.params.categories, handleUnknown === 'error');
    if (
      handleUnknown === 'use_encoded_value' &&
      categories.some((c) => unknownValue! >= 0 && unknownValue! < c.length)
    ) {
      throw new ValidationError(
        `The used value for unknownValue ${unknownValue} is one of the values already used for encoding the seen categories.`,
        { param: 'unknownValue', got: unknownValue },
      );
    }
    const conflicting = categories
      .map((c, j) =>
        isMissing(c[c.length - 1]) && encodedMissingValue >= 0 && encodedMissingValue < c.length ? j : -1,
      )
      .filter((j) => j >= 0);
    if (conflicting.length > 0) {
      const names = input.featureNames ? conflicting.map((j) => input.featureNames![j]) : conflicting;
      throw new ValidationError(
        `encodedMissingValue (${encodedMissingValue}) is already used to encode a known category in features: [${names.join(', ')}]`,
        { param: 'encodedMissingValue', got: encodedMissingValue },
      );
    }
    this.#categories = categories;
  }

  /** The categories of each feature, sorted, missing last (sklearn's `categories_`). */
  get categories(): Category[][] {
    return this.fitted('categories', this.#categories).map((c) => [...c]);
  }

  /**
   * Encodes `X` as category indices (float64 Tensor).
   * @example enc.transform([['red', 'M']])
   */
  transform(X: CategoricalInputLike): Tensor {
    this.checkIsFitted();
    const input = readCategoricalInput(X);
    this.validateData(shapeProxy(input), undefined, { reset: false });
    const cats = this.#categories!;
    const { handleUnknown, unknownValue, encodedMissingValue } = this.params;
    const n = input.nRows;
    const p = input.nCols;
    const out = new Float64Array(n * p);
    for (let j = 0; j < p; j++) {
      const { codes, unknown } = encodeColumn(input.columns[j], cats[j]);
      if (unknown.length > 0 && handleUnknown === 'error') {
        throw unknownCategoryError(unknown, j, this.featureNamesIn, 'transform');
      }
      const missingCode = isMissing(cats[j][cats[j].length - 1]) ? cats[j].length - 1 : -2;
      for (let i = 0; i < n; i++) {
        const c = codes[i];
        out[i * p + j] = c < 0 ? (unknownValue as number) : c === missingCode ? encodedMissingValue : c;
      }
    }
    return new Tensor(out, [n, p]);
  }

  /**
   * Maps codes back to categories; `unknownValue` gives `null`, `encodedMissingValue` the missing value (`null`).
   * @example enc.inverseTransform([[0, 1]]) // [['blue', 'S']]
   */
  inverseTransform(X: MatrixLike): Category[][] {
    this.checkIsFitted();
    const { X: codes } = checkArray(X, { allowNaN: true });
    const cats = this.#categories!;
    const [n, p] = codes.shape;
    if (p !== cats.length) {
      throw new ValidationError(
        `Shape of the passed X data is not correct. Expected ${cats.length} columns, got ${p}.`,
        {
          expected: cats.length,
          got: p,
        },
      );
    }
    const { handleUnknown, unknownValue, encodedMissingValue } = this.params;
    const same = (a: number, b: number | undefined) =>
      a === b || (Number.isNaN(a) && b !== undefined && Number.isNaN(b));
    const out: Category[][] = Array.from({ length: n }, () => new Array<Category>(p));
    for (let j = 0; j < p; j++) {
      const c = cats[j];
      const hasMissing = isMissing(c[c.length - 1]);
      for (let i = 0; i < n; i++) {
        const v = codes.data[i * p + j];
        if (hasMissing && same(v, encodedMissingValue)) out[i][j] = null;
        else if (handleUnknown === 'use_encoded_value' && same(v, unknownValue)) out[i][j] = null;
        else {
          const k = Math.trunc(v);
          if (!(k >= 0 && k < c.length)) {
            throw new ValidationError(
              `Code ${v} at row ${i}, column ${j} is not a category index (0 to ${c.length - 1}).`,
              {
                row: i,
                column: j,
                got: v,
              },
            );
          }
          out[i][j] = isMissing(c[k]) ? null : c[k];
        }
      }
    }
    return out;
  }

  protected getState(): Record<string, unknown> {
    return { categories: this.#categories };
  }

  protected setState(state: Record<string, unknown>): void {
    new StateReader(state, 'saved OrdinalEncoder');
    this.#categories = readCategories(state.categories, 'saved OrdinalEncoder');
  }
}
