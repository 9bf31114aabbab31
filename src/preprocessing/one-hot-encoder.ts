/**
 * `OneHotEncoder`: one indicator column per category of each feature
 * (scikit-learn 1.2's `sklearn.preprocessing.OneHotEncoder`).
 *
 * Takes numbers, strings or tables with categorical columns (see
 * `categorical-input.ts`); the missing value (null/undefined/NaN) is a
 * category of its own, sorted last and named `nan`. Like sklearn 1.2 the
 * output is a CSR `SparseMatrix` by default (`sparseOutput: true`); pass
 * `sparseOutput: false` for a dense `Tensor`.
 *
 * Differences from scikit-learn: numeric categories print as JS numbers in
 * feature names (`x0_1`, where sklearn prints `x0_1.0` for float input); no
 * `dtype` option (the output is float64).
 */
import { ValidationError } from '../base/errors.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import { checkArray } from '../base/validation.js';
import { TypelearnWarning, warn } from '../base/warnings.js';
import { SparseMatrix } from '../tensor/sparse.js';
import { Tensor } from '../tensor/tensor.js';
import { type CategoricalInputLike, readCategoricalInput, shapeProxy } from './categorical-input.js';
import {
  type Category,
  categoryIndex,
  categoryName,
  encodeColumn,
  fitCategories,
  isMissing,
  readCategories,
  unknownCategoryError,
} from './encoder-utils.js';
import { BaseTransformer } from './transformer.js';

/** How {@link OneHotEncoder} treats a category not seen in fit. */
export type OneHotHandleUnknown = 'error' | 'ignore' | 'infrequent_if_exist';

/** Options of {@link OneHotEncoder}. */
export interface OneHotEncoderParams {
  /** `'auto'` (default: the sorted values seen in fit) or one array of categories per feature. */
  categories: 'auto' | readonly (readonly Category[])[];
  /**
   * Drop one column per feature: `undefined` (default, keep all), `'first'`,
   * `'if_binary'` (only for features with two categories), or one category per feature.
   */
  drop: 'first' | 'if_binary' | readonly Category[] | undefined;
  /** Return a CSR `SparseMatrix` (default `true`, as sklearn 1.2) or a dense `Tensor`. */
  sparseOutput: boolean;
  /**
   * `'error'` (default): an unknown category at transform throws; `'ignore'`:
   * its columns are all zero; `'infrequent_if_exist'`: it goes to the
   * infrequent column when there is one, else all zeros.
   */
  handleUnknown: OneHotHandleUnknown;
  /** Categories seen fewer times (an integer ≥ 1) or less than this fraction of rows (in (0, 1)) are grouped as infrequent. Default `undefined`. */
  minFrequency: number | undefined;
  /** At most this many output columns per feature (the infrequent group counts as one). Default `undefined`. */
  maxCategories: number | undefined;
}

const DEFAULTS: OneHotEncoderParams = {
  categories: 'auto',
  drop: undefined,
  sparseOutput: true,
  handleUnknown: 'error',
  minFrequency: undefined,
  maxCategories: undefined,
};

/** The name sklearn gives the grouped infrequent column. */
const INFREQUENT = 'infrequent_sklearn';

/**
 * Encodes categorical features as one-hot indicator columns.
 *
 * Fitted attributes: `categories` (per feature, sorted), `dropIdx` (index of
 * the dropped category per feature, in the grouped categories, or
 * `undefined`), `infrequentCategories`.
 *
 * @example
 * import { OneHotEncoder } from 'typelearn/preprocessing';
 * const enc = await new OneHotEncoder({ sparseOutput: false }).fit([['red', 'S'], ['blue', 'M'], ['red', 'M']]);
 * enc.getFeatureNamesOut();              // ['x0_blue', 'x0_red', 'x1_M', 'x1_S']
 * enc.transform([['blue', 'S']]);        // Tensor [[1, 0, 0, 1]]
 * enc.inverseTransform([[0, 1, 1, 0]]);  // [['red', 'M']]
 */
export class OneHotEncoder extends BaseTransformer<OneHotEncoderParams, Tensor | SparseMatrix> {
  static override readonly estimatorName = 'OneHotEncoder';

  static override parameterConstraints: ParameterConstraints = {
    categories: [options(['auto']), 'arrayLike'],
    drop: [options(['first', 'if_binary']), 'arrayLike', null],
    sparseOutput: ['boolean'],
    handleUnknown: [options(['error', 'ignore', 'infrequent_if_exist'])],
    minFrequency: [interval('int', 1, null, 'left'), interval('real', 0, 1, 'neither'), null],
    maxCategories: [interval('int', 1, null, 'left'), null],
  };

  #categories?: Category[][];
  /** Per feature: indices (into `categories`) of infrequent categories, or null. */
  #infrequent?: (number[] | null)[];
  /** Per feature: dropped index in the grouped categories, or null. */
  #dropIdx?: (number | null)[] | null;

  /** @param options - see {@link OneHotEncoderParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<OneHotEncoderParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), allowsNaN: true, X_types: ['2darray', 'categorical', 'string'] };
  }

  get #infrequentEnabled(): boolean {
    const { maxCategories, minFrequency } = this.params;
    return (
      (maxCategories !== undefined && maxCategories !== null) || (minFrequency !== undefined && minFrequency !== null)
    );
  }

  protected fitImpl(X: MatrixLike): void {
    this.#categories = undefined;
    this.#infrequent = undefined;
    this.#dropIdx = undefined;
    const input = readCategoricalInput(X as CategoricalInputLike);
    this.validateData(shapeProxy(input), undefined, { reset: true });
    const { categories, counts } = fitCategories(input, this.params.categories, this.params.handleUnknown === 'error');
    this.#categories = categories;
    this.#infrequent = categories.map((_, j) =>
      this.#infrequentEnabled ? this.#identifyInfrequent(counts[j], input.nRows) : null,
    );
    this.#dropIdx = this.#computeDropIdx();
  }

  #identifyInfrequent(counts: Int32Array, nSamples: number): number[] | null {
    const { minFrequency, maxCategories } = this.params;
    const infrequent = new Uint8Array(counts.length);
    if (minFrequency !== undefined && minFrequency !== null) {
      const threshold = Number.isInteger(minFrequency) ? minFrequency : nSamples * minFrequency;
      for (let k = 0; k < counts.length; k++) if (counts[k] < threshold) infrequent[k] = 1;
    }
    const nCurrent = counts.length - infrequent.reduce((a, b) => a + b, 0) + 1;
    if (maxCategories !== undefined && maxCategories !== null && maxCategories < nCurrent) {
      // Stable sort by count: the least frequent become infrequent, ties keep category order.
      const order = Array.from(counts, (_, k) => k).sort((a, b) => counts[a] - counts[b] || a - b);
      const nSmallest = counts.length - maxCategories + 1;
      for (let r = 0; r < nSmallest; r++) infrequent[order[r]] = 1;
    }
    const out: number[] = [];
    infrequent.forEach((f, k) => {
      if (f) out.push(k);
    });
    return out.length > 0 ? out : null;
  }

  /** Category index → output slot before dropping (infrequent ones share the last slot). */
  #groupMapping(j: number): Int32Array {
    const cats = this.#categories![j];
    const infrequent = this.#infrequent![j];
    const mapping = new Int32Array(cats.length);
    if (!infrequent) {
      for (let k = 0; k < cats.length; k++) mapping[k] = k;
      return mapping;
    }
    const isInf = new Uint8Array(cats.length);
    for (const k of infrequent) isInf[k] = 1;
    const nFrequent = cats.length - infrequent.length;
    let next = 0;
    for (let k = 0; k < cats.length; k++) mapping[k] = isInf[k] ? nFrequent : next++;
    return mapping;
  }

  /** The output categories of feature `j` before dropping: frequent ones, then `infrequent_sklearn`. */
  #groupedCategories(j: number): Category[] {
    const cats = this.#categories![j];
    const infrequent = this.#infrequent![j];
    if (!infrequent) return [...cats];
    const set = new Set(infrequent);
    return [...cats.filter((_, k) => !set.has(k)), INFREQUENT];
  }

  #computeDropIdx(): (number | null)[] | null {
    const drop = this.params.drop;
    const cats = this.#categories!;
    if (drop === undefined || drop === null) return null;
    if (drop === 'first') return cats.map(() => 0);
    if (drop === 'if_binary') return cats.map((_, j) => (this.#groupedCategories(j).length === 2 ? 0 : null));
    if (drop.length !== cats.length) {
      throw new ValidationError(
        `\`drop\` should have length equal to the number of features (${cats.length}), got ${drop.length}`,
        {
          param: 'drop',
          expected: cats.length,
          got: drop.length,
        },
      );
    }
    const missing: string[] = [];
    const result = cats.map((c, j) => {
      const k = categoryIndex(c).get(drop[j] === undefined ? null : drop[j]);
      if (k === undefined) {
        missing.push(`Category: ${categoryName(drop[j])}, Feature: ${j}`);
        return 0;
      }
      const infrequent = this.#infrequent![j];
      if (infrequent?.includes(k)) {
        throw new ValidationError(
          `Unable to drop category '${categoryName(c[k])}' from feature ${j} because it is infrequent`,
          {
            param: 'drop',
            got: c[k],
          },
        );
      }
      return this.#groupMapping(j)[k];
    });
    if (missing.length > 0) {
      throw new ValidationError(
        `The following categories were supposed to be dropped, but were not found in the training data.\n${missing.join('\n')}`,
        { param: 'drop' },
      );
    }
    return result;
  }

  /** The categories of each feature, sorted, missing last (sklearn's `categories_`). */
  get categories(): Category[][] {
    return this.fitted('categories', this.#categories).map((c) => [...c]);
  }

  /** Index of the dropped category per feature (in the grouped categories; `null` where none), or `undefined` without `drop`. */
  get dropIdx(): (number | null)[] | undefined {
    this.checkIsFitted('dropIdx');
    return this.#dropIdx ? [...this.#dropIdx] : undefined;
  }

  /** The infrequent categories per feature (`null` where none), sklearn's `infrequent_categories_`. */
  get infrequentCategories(): (Category[] | null)[] {
    const cats = this.fitted('categories', this.#categories);
    return this.#infrequent!.map((idx, j) => (idx ? idx.map((k) => cats[j][k]) : null));
  }

  /** Output columns per feature. */
  #nOut(): number[] {
    return this.#categories!.map((_, j) => {
      const n = this.#groupedCategories(j).length;
      return this.#dropIdx && this.#dropIdx[j] !== null ? n - 1 : n;
    });
  }

  /**
   * One-hot encodes `X`: a `SparseMatrix` with `sparseOutput` (default), else a dense `Tensor`.
   * @example enc.transform([['red', 'M']])
   */
  transform(X: CategoricalInputLike): Tensor | SparseMatrix {
    this.checkIsFitted();
    const input = readCategoricalInput(X);
    this.validateData(shapeProxy(input), undefined, { reset: false });
    const cats = this.#categories!;
    const { handleUnknown, drop } = this.params;
    const n = input.nRows;
    const p = input.nCols;
    const nOut = this.#nOut();
    const offsets = new Int32Array(p + 1);
    for (let j = 0; j < p; j++) offsets[j + 1] = offsets[j] + nOut[j];
    // slot[i * p + j]: output column of row i for feature j, or -1 for none.
    const slot = new Int32Array(n * p);
    const unknownColumns: number[] = [];
    for (let j = 0; j < p; j++) {
      const { codes, unknown } = encodeColumn(input.columns[j], cats[j]);
      if (unknown.length > 0) {
        if (handleUnknown === 'error') throw unknownCategoryError(unknown, j, this.featureNamesIn, 'transform');
        unknownColumns.push(j);
      }
      const mapping = this.#groupMapping(j);
      const infrequent = this.#infrequent![j];
      const toInfrequent = handleUnknown === 'infrequent_if_exist' && infrequent !== null;
      const dropped = this.#dropIdx ? this.#dropIdx[j] : null;
      for (let i = 0; i < n; i++) {
        let s = codes[i] < 0 ? (toInfrequent ? mapping[infrequent![0]] : -1) : mapping[codes[i]];
        if (s >= 0 && dropped !== null) s = s === dropped ? -1 : s > dropped ? s - 1 : s;
        slot[i * p + j] = s < 0 ? -1 : offsets[j] + s;
      }
    }
    if (unknownColumns.length > 0 && drop !== undefined && drop !== null) {
      warn(
        new TypelearnWarning(
          `Found unknown categories in columns [${unknownColumns.join(', ')}] during transform. These unknown categories will be encoded as all zeros`,
        ),
      );
    }
    const width = offsets[p];
    if (!this.params.sparseOutput) {
      const out = new Float64Array(n * width);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < p; j++) {
          const s = slot[i * p + j];
          if (s >= 0) out[i * width + s] = 1;
        }
      }
      return new Tensor(out, [n, width]);
    }
    const indptr = new Int32Array(n + 1);
    let nnz = 0;
    for (let k = 0; k < slot.length; k++) if (slot[k] >= 0) nnz++;
    const indices = new Int32Array(nnz);
    let at = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < p; j++) {
        const s = slot[i * p + j];
        if (s >= 0) indices[at++] = s;
      }
      indptr[i + 1] = at;
    }
    return new SparseMatrix(new Float64Array(nnz).fill(1), indices, indptr, [n, width]);
  }

  /**
   * Fits, then encodes `X`.
   * @example const Z = await new OneHotEncoder().fitTransform(X); // SparseMatrix
   */
  override async fitTransform(
    X: CategoricalInputLike,
    y?: Labels,
    options?: FitOptions,
  ): Promise<Tensor | SparseMatrix> {
    await this.fit(X, y, options);
    return this.transform(X);
  }

  /**
   * Learns the categories of every feature; resolves to `this`.
   * @example await new OneHotEncoder().fit([['a'], ['b']])
   */
  override fit(X: CategoricalInputLike, y?: Labels, options?: FitOptions): Promise<this> {
    return super.fit(X as MatrixLike, y, options);
  }

  /**
   * Maps one-hot rows back to categories. An all-zero block gives the dropped
   * category when there is one, `null` for an ignored unknown category, and
   * throws when neither applies (`handleUnknown: 'error'`, no drop).
   * Infrequent categories come back as `'infrequent_sklearn'`.
   * @example enc.inverseTransform([[1, 0, 0, 1]]) // [['blue', 'S']]
   */
  inverseTransform(X: MatrixLike): Category[][] {
    this.checkIsFitted();
    const dense = X instanceof SparseMatrix ? X.toDense() : checkArray(X).X;
    const cats = this.#categories!;
    const nOut = this.#nOut();
    const total = nOut.reduce((a, b) => a + b, 0);
    const [n, width] = dense.shape;
    if (width !== total) {
      throw new ValidationError(`Shape of the passed X data is not correct. Expected ${total} columns, got ${width}.`, {
        expected: total,
        got: width,
      });
    }
    const data = dense.data;
    const out: Category[][] = Array.from({ length: n }, () => new Array<Category>(cats.length));
    const { handleUnknown } = this.params;
    let start = 0;
    for (let j = 0; j < cats.length; j++) {
      const grouped = this.#groupedCategories(j);
      const dropped = this.#dropIdx ? this.#dropIdx[j] : null;
      const kept = dropped === null ? grouped : grouped.filter((_, k) => k !== dropped);
      const m = kept.length;
      const ignoreUnknown =
        handleUnknown === 'ignore' || (handleUnknown === 'infrequent_if_exist' && this.#infrequent![j] === null);
      const zeroRows: number[] = [];
      for (let i = 0; i < n; i++) {
        if (m === 0) {
          out[i][j] = grouped[dropped!];
          continue;
        }
        let best = 0;
        let sum = 0;
        for (let k = 0; k < m; k++) {
          const v = data[i * width + start + k];
          sum += v;
          if (v > data[i * width + start + best]) best = k;
        }
        if (sum === 0) {
          if (dropped !== null) out[i][j] = grouped[dropped];
          else if (ignoreUnknown) out[i][j] = null;
          else zeroRows.push(i);
        } else out[i][j] = kept[best];
      }
      if (zeroRows.length > 0) {
        throw new ValidationError(
          `Samples [${zeroRows.join(', ')}] can not be inverted when drop=undefined and handleUnknown='error' because they contain all zeros`,
          { row: zeroRows[0] },
        );
      }
      start += m;
    }
    for (const row of out)
      for (let j = 0; j < row.length; j++) if (typeof row[j] === 'number' && isMissing(row[j])) row[j] = null;
    return out;
  }

  /**
   * Output column names `<feature>_<category>` (`x0_red`, or `colour_red` after fitting a table).
   * @example enc.getFeatureNamesOut(['colour', 'size'])
   */
  override getFeatureNamesOut(inputFeatures?: readonly string[]): string[] {
    const names = this.inputFeatureNames(inputFeatures);
    const out: string[] = [];
    this.#categories!.forEach((_, j) => {
      const dropped = this.#dropIdx ? this.#dropIdx[j] : null;
      this.#groupedCategories(j).forEach((c, k) => {
        if (k !== dropped) out.push(`${names[j]}_${categoryName(c)}`);
      });
    });
    return out;
  }

  protected getState(): Record<string, unknown> {
    return { categories: this.#categories, infrequent: this.#infrequent, dropIdx: this.#dropIdx };
  }

  protected setState(state: Record<string, unknown>): void {
    const where = 'saved OneHotEncoder';
    const r = new StateReader(state, where);
    const cats = readCategories(state.categories, where);
    const infrequent = state.infrequent;
    const intList = (v: unknown) => Array.isArray(v) && v.every((k) => Number.isInteger(k));
    if (
      !Array.isArray(infrequent) ||
      infrequent.length !== cats.length ||
      !infrequent.every((v) => v === null || intList(v))
    ) {
      throw new ValidationError(`${where}: saved state 'infrequent' must hold one index list or null per feature`);
    }
    const dropIdx = r.has('dropIdx') ? state.dropIdx : null;
    if (
      dropIdx !== null &&
      dropIdx !== undefined &&
      !(
        Array.isArray(dropIdx) &&
        dropIdx.length === cats.length &&
        dropIdx.every((v) => v === null || Number.isInteger(v))
      )
    ) {
      throw new ValidationError(`${where}: saved state 'dropIdx' must hold one index or null per feature`);
    }
    this.#categories = cats;
    this.#infrequent = infrequent as (number[] | null)[];
    this.#dropIdx = (dropIdx ?? null) as (number | null)[] | null;
  }
}
