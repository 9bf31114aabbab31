/**
 * `TargetEncoder`: replaces each category by a shrunk mean of the target
 * over the rows of that category (scikit-learn 1.3's
 * `sklearn.preprocessing.TargetEncoder`).
 *
 * Encoding of category c with `n` rows and target mean `m_c`, overall mean `m`:
 * - `smooth: 'auto'` (empirical Bayes): `λ m_c + (1 - λ) m` with
 *   `λ = n·var(y) / (n·var(y) + var_c)` (`var_c` the within-category variance);
 * - `smooth: s` (a number): `(n m_c + s m) / (n + s)`.
 * Binary targets are encoded as 0/1 (the larger class is 1). `fitTransform`
 * cross-fits as sklearn does: each row is encoded by encodings learned on the
 * other folds (`cv` folds; stratified for binary targets), so a downstream
 * model does not see its own target; `fit` followed by `transform` uses the
 * encodings learned on all rows. Unknown categories get the target mean;
 * missing values are a category.
 *
 * Differences from scikit-learn: fold assignment uses typelearn's seeded
 * generator, so cross-fitted values differ from sklearn's for the same seed
 * (each fold's encodings follow the same formulas); multiclass targets are
 * not supported (as in 1.3).
 */
import { ValidationError } from '../base/errors.js';
import { columnOrLabels, sortLabels, typeOfTarget } from '../base/labels.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Label, Labels, MatrixLike } from '../base/types.js';
import { checkRandomState, type RandomState } from '../tensor/random.js';
import { Tensor } from '../tensor/tensor.js';
import {
  type CategoricalInput,
  type CategoricalInputLike,
  readCategoricalInput,
  shapeProxy,
} from './categorical-input.js';
import { type Category, encodeColumn, fitCategories, readCategories } from './encoder-utils.js';
import { BaseTransformer } from './transformer.js';

/** Options of {@link TargetEncoder}. */
export interface TargetEncoderParams {
  /** `'auto'` (default: the sorted values seen in fit) or one array of categories per feature. */
  categories: 'auto' | readonly (readonly Category[])[];
  /** `'auto'` (default: binary for two distinct labels, else continuous), `'continuous'` or `'binary'`. */
  targetType: 'auto' | 'continuous' | 'binary';
  /** `'auto'` (default, empirical Bayes) or a non-negative number of pseudo-rows at the target mean. */
  smooth: 'auto' | number;
  /** Folds of the cross fitting in `fitTransform` (≥ 2). Default 5. */
  cv: number;
  /** Shuffle rows before making folds. Default `true`. */
  shuffle: boolean;
  /** Seed or generator for the shuffle. Default `undefined`. */
  randomState: RandomState | undefined;
}

const DEFAULTS: TargetEncoderParams = {
  categories: 'auto',
  targetType: 'auto',
  smooth: 'auto',
  cv: 5,
  shuffle: true,
  randomState: undefined,
};

/** Encodings of one feature's categories from the rows in `rows` (all rows when undefined). */
function encodings(
  codes: Int32Array,
  nCats: number,
  y: Float64Array,
  rows: ArrayLike<number>,
  smooth: 'auto' | number,
): { enc: Float64Array; mean: number } {
  const n = rows.length;
  let mean = 0;
  for (let t = 0; t < n; t++) mean += y[rows[t]];
  mean /= n;
  const sums = new Float64Array(nCats);
  const counts = new Float64Array(nCats);
  for (let t = 0; t < n; t++) {
    const c = codes[rows[t]];
    if (c < 0) continue;
    sums[c] += y[rows[t]];
    counts[c]++;
  }
  const enc = new Float64Array(nCats);
  if (smooth !== 'auto') {
    for (let c = 0; c < nCats; c++) enc[c] = counts[c] === 0 ? mean : (sums[c] + smooth * mean) / (counts[c] + smooth);
    return { enc, mean };
  }
  let variance = 0;
  for (let t = 0; t < n; t++) variance += (y[rows[t]] - mean) ** 2;
  variance /= n;
  const sq = new Float64Array(nCats);
  for (let t = 0; t < n; t++) {
    const c = codes[rows[t]];
    if (c >= 0) sq[c] += (y[rows[t]] - sums[c] / counts[c]) ** 2;
  }
  for (let c = 0; c < nCats; c++) {
    if (counts[c] === 0) {
      enc[c] = mean;
      continue;
    }
    const lambda = (variance * counts[c]) / (variance * counts[c] + sq[c] / counts[c]);
    enc[c] = !Number.isNaN(lambda) ? lambda * (sums[c] / counts[c]) + (1 - lambda) * mean : mean;
  }
  return { enc, mean };
}

/**
 * Encodes categorical features by target statistics.
 *
 * Fitted attributes: `categories`, `encodings` (per feature, aligned with
 * `categories`), `targetMean`, `targetType`, `classes` (binary targets).
 *
 * @example
 * import { TargetEncoder } from 'typelearn/preprocessing';
 * const X = [['a'], ['a'], ['b'], ['b'], ['b']];
 * const y = [1, 3, 10, 12, 14];
 * const te = await new TargetEncoder({ smooth: 0 }).fit(X, y);
 * te.transform([['a'], ['b'], ['zzz']]); // Tensor [[2], [12], [8]]
 */
export class TargetEncoder extends BaseTransformer<TargetEncoderParams> {
  static override readonly estimatorName = 'TargetEncoder';

  static override parameterConstraints: ParameterConstraints = {
    categories: [options(['auto']), 'arrayLike'],
    targetType: [options(['auto', 'continuous', 'binary'])],
    smooth: [options(['auto']), interval('real', 0, null, 'left')],
    cv: [interval('int', 2, null, 'left')],
    shuffle: ['boolean'],
    randomState: ['randomState'],
  };

  #categories?: Category[][];
  #encodings?: Float64Array[];
  #targetMean?: number;
  #targetType?: 'continuous' | 'binary';
  #classes?: Label[];

  /** @param options - see {@link TargetEncoderParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<TargetEncoderParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return {
      ...super.estimatorTags(),
      requiresY: true,
      allowsNaN: true,
      X_types: ['2darray', 'categorical', 'string'],
    };
  }

  /**
   * Learns the encodings from all rows; resolves to `this`.
   * @example await new TargetEncoder().fit([['a'], ['b']], [1, 0])
   */
  override fit(X: CategoricalInputLike, y?: Labels, options?: FitOptions): Promise<this> {
    return super.fit(X as MatrixLike, y, options);
  }

  #target(y: Labels | undefined, n: number): Float64Array {
    if (y === undefined || y === null) {
      throw new ValidationError('TargetEncoder requires y to be passed, but the target y is undefined', {
        expected: 'targets',
      });
    }
    const { labels } = columnOrLabels(y);
    if (labels.length !== n) {
      throw new ValidationError(
        `Found input variables with inconsistent numbers of samples: X has ${n}, y has ${labels.length}.`,
        {
          expected: n,
          got: labels.length,
        },
      );
    }
    let type = this.params.targetType;
    if (type === 'auto') {
      const inferred = typeOfTarget(labels);
      if (inferred === 'multiclass') {
        throw new ValidationError(
          "Target type was inferred to be 'multiclass'. Only 'binary' and 'continuous' are supported; set targetType: 'continuous' for integer regression targets.",
          { param: 'targetType', got: inferred },
        );
      }
      type = inferred;
    }
    this.#targetType = type;
    if (type === 'continuous') {
      if (!(labels instanceof Float64Array)) {
        throw new ValidationError('y must be numeric for a continuous target.', {
          expected: 'numbers',
          got: labels[0],
        });
      }
      if (labels.some((v) => !Number.isFinite(v))) throw new ValidationError('y contains NaN or infinity.');
      this.#classes = undefined;
      return labels;
    }
    const classes = sortLabels([...new Set<Label>(labels)]);
    if (classes.length !== 2) {
      throw new ValidationError(`A binary target needs exactly 2 classes, got ${classes.length}.`, {
        got: classes.length,
      });
    }
    this.#classes = classes;
    return Float64Array.from(labels as ArrayLike<Label>, (v) => (v === classes[1] ? 1 : 0));
  }

  #codes(input: CategoricalInput): Int32Array[] {
    return input.columns.map((c, j) => encodeColumn(c, this.#categories![j]).codes);
  }

  protected fitImpl(X: MatrixLike, y: Labels | undefined): void {
    this.#categories = undefined;
    this.#encodings = undefined;
    const input = readCategoricalInput(X as CategoricalInputLike);
    this.validateData(shapeProxy(input, true), y, { reset: true });
    const target = this.#target(y, input.nRows);
    this.#categories = fitCategories(input, this.params.categories, false).categories;
    const all = Int32Array.from({ length: input.nRows }, (_, i) => i);
    const codes = this.#codes(input);
    const fitted = codes.map((c, j) => encodings(c, this.#categories![j].length, target, all, this.params.smooth));
    this.#encodings = fitted.map((f) => f.enc);
    this.#targetMean = fitted[0].mean;
  }

  /** The categories of each feature (sklearn's `categories_`). */
  get categories(): Category[][] {
    return this.fitted('categories', this.#categories).map((c) => [...c]);
  }

  /** Encoding of each category, per feature, aligned with `categories` (sklearn's `encodings_`). */
  get encodings(): Float64Array[] {
    return this.fitted('encodings', this.#encodings).map((e) => e.slice());
  }

  /** Mean of the (0/1-coded for binary) target (sklearn's `target_mean_`). */
  get targetMean(): number {
    return this.fitted('targetMean', this.#targetMean);
  }

  /** `'continuous'` or `'binary'` (sklearn's `target_type_`). */
  get targetType(): 'continuous' | 'binary' {
    return this.fitted('targetType', this.#targetType);
  }

  /** The two classes of a binary target, sorted (the second is coded 1); `undefined` for continuous targets. */
  get classes(): Label[] | undefined {
    this.checkIsFitted('classes');
    return this.#classes ? [...this.#classes] : undefined;
  }

  /**
   * Encodes `X` with the encodings learned on all training rows; unknown categories get `targetMean`.
   * @example te.transform([['a']])
   */
  transform(X: CategoricalInputLike): Tensor {
    this.checkIsFitted();
    const input = readCategoricalInput(X);
    this.validateData(shapeProxy(input), undefined, { reset: false });
    const codes = this.#codes(input);
    const n = input.nRows;
    const p = input.nCols;
    const out = new Float64Array(n * p);
    const mean = this.#targetMean!;
    for (let j = 0; j < p; j++) {
      const enc = this.#encodings![j];
      for (let i = 0; i < n; i++) out[i * p + j] = codes[j][i] < 0 ? mean : enc[codes[j][i]];
    }
    return new Tensor(out, [n, p]);
  }

  /** Fold of each row: shuffled (seeded) KFold, or per-class round robin for a binary target. */
  #folds(target: Float64Array): Int32Array {
    const n = target.length;
    const k = this.params.cv;
    if (k > n)
      throw new ValidationError(`Cannot have cv=${k} greater than the number of samples: n_samples=${n}.`, {
        param: 'cv',
      });
    const order = Int32Array.from({ length: n }, (_, i) => i);
    if (this.params.shuffle) checkRandomState(this.params.randomState).shuffle(order);
    const fold = new Int32Array(n);
    if (this.#targetType === 'binary') {
      const next = [0, 0];
      for (const i of order) {
        const c = target[i];
        fold[i] = next[c] % k;
        next[c]++;
      }
      return fold;
    }
    let start = 0;
    for (let f = 0; f < k; f++) {
      const size = Math.floor(n / k) + (f < n % k ? 1 : 0);
      for (let t = start; t < start + size; t++) fold[order[t]] = f;
      start += size;
    }
    return fold;
  }

  /**
   * Fits on all rows, and returns cross-fitted encodings of `X` (each row
   * encoded from the other folds) — use this on training data.
   * @example const Z = await new TargetEncoder({ randomState: 0 }).fitTransform(X, y);
   */
  override async fitTransform(X: CategoricalInputLike, y?: Labels, options?: FitOptions): Promise<Tensor> {
    await this.fit(X, y, options);
    const input = readCategoricalInput(X);
    const target = this.#target(y, input.nRows);
    const codes = this.#codes(input);
    const folds = this.#folds(target);
    const n = input.nRows;
    const p = input.nCols;
    const out = new Float64Array(n * p);
    for (let f = 0; f < this.params.cv; f++) {
      const train: number[] = [];
      const test: number[] = [];
      for (let i = 0; i < n; i++) (folds[i] === f ? test : train).push(i);
      for (let j = 0; j < p; j++) {
        const { enc, mean } = encodings(codes[j], this.#categories![j].length, target, train, this.params.smooth);
        for (const i of test) out[i * p + j] = codes[j][i] < 0 ? mean : enc[codes[j][i]];
      }
    }
    return new Tensor(out, [n, p]);
  }

  protected getState(): Record<string, unknown> {
    return {
      categories: this.#categories,
      encodings: this.#encodings,
      targetMean: this.#targetMean,
      targetType: this.#targetType,
      classes: this.#classes,
    };
  }

  protected setState(state: Record<string, unknown>): void {
    const where = 'saved TargetEncoder';
    const r = new StateReader(state, where);
    const cats = readCategories(state.categories, where);
    const enc = state.encodings;
    if (
      !Array.isArray(enc) ||
      enc.length !== cats.length ||
      !enc.every((e, j) => e instanceof Float64Array && e.length === cats[j].length)
    ) {
      throw new ValidationError(
        `${where}: saved state 'encodings' must be one Float64Array per feature, one value per category`,
      );
    }
    this.#categories = cats;
    this.#encodings = enc as Float64Array[];
    this.#targetMean = r.number('targetMean');
    this.#targetType = r.string('targetType', ['continuous', 'binary']) as 'continuous' | 'binary';
    this.#classes = state.classes === undefined ? undefined : r.labels('classes');
  }
}
