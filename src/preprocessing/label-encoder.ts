/**
 * `LabelEncoder`: maps target labels to `0 … nClasses - 1` and back
 * (scikit-learn's `sklearn.preprocessing.LabelEncoder`). It works on one
 * 1-D array of labels (`y`), not on a feature matrix, so its `fit` takes the
 * labels as the first argument, as in sklearn.
 */

import { ValidationError } from '../base/errors.js';
import { BaseEstimator } from '../base/estimator.js';
import { columnOrLabels, decodeLabels, sortLabels } from '../base/labels.js';
import type { ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Label, Labels, MatrixLike } from '../base/types.js';
import { formatUnknown } from './encoder-utils.js';

/** Options of {@link LabelEncoder} (none). */
export type LabelEncoderParams = Record<string, never>;

/** Reads labels as numbers or strings (a 1-D array, typed array, Tensor or `[n, 1]` column). */
export function readLabels(y: Labels | MatrixLike, name = 'y'): Float64Array | string[] {
  return columnOrLabels(y as Labels, { name }).labels;
}

/**
 * Encodes labels as integers in sorted-class order.
 *
 * Fitted attribute: `classes` (sorted distinct labels).
 *
 * @example
 * import { LabelEncoder } from 'typelearn/preprocessing';
 * const le = await new LabelEncoder().fit(['paris', 'tokyo', 'paris', 'amsterdam']);
 * le.classes;                    // ['amsterdam', 'paris', 'tokyo']
 * le.transform(['tokyo', 'paris']); // Int32Array [2, 1]
 * le.inverseTransform([0]);       // ['amsterdam']
 */
export class LabelEncoder extends BaseEstimator<LabelEncoderParams> {
  static override readonly estimatorName = 'LabelEncoder';
  static override parameterConstraints: ParameterConstraints = {};

  #classes?: Label[];

  /** @param options - none; unknown names throw a `ValidationError`. */
  constructor(options: Partial<LabelEncoderParams> = {}) {
    super({}, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'transformer', X_types: ['1dlabels'] };
  }

  /**
   * Learns the classes of `y`; resolves to `this`. `options` may also come
   * third (`fit(y, undefined, options)`), the position Pipeline and the common checks use.
   * @example await new LabelEncoder().fit([2, 1, 2])
   */
  override fit(y: Labels | MatrixLike, options?: FitOptions | Labels, fitOptions?: FitOptions): Promise<this> {
    // The second argument is FitOptions; the union only keeps the override compatible with fit(X, y, options).
    const opts =
      options !== undefined && !Array.isArray(options) && !ArrayBuffer.isView(options)
        ? (options as FitOptions)
        : (fitOptions ?? {});
    return super.fit(y as MatrixLike, undefined, opts);
  }

  protected fitImpl(y: MatrixLike): void {
    this.#classes = undefined;
    const labels = readLabels(y);
    // The labels are one column: record nFeaturesIn = 1 (the saved form needs it).
    this.validateData({ data: new Float64Array(1), shape: [1, 1] }, undefined, { reset: true });
    if (labels.length === 0)
      throw new ValidationError('y is empty: LabelEncoder needs at least one label.', { got: 0 });
    if (labels instanceof Float64Array && labels.some((v) => Number.isNaN(v))) {
      throw new ValidationError('y contains NaN; LabelEncoder needs labels.', { got: Number.NaN });
    }
    this.#classes = sortLabels([...new Set<Label>(labels)]);
  }

  /** The sorted distinct labels (sklearn's `classes_`). */
  get classes(): Label[] {
    return [...this.fitted('classes', this.#classes)];
  }

  /**
   * The index of each label in `classes`; an unseen label throws, naming it.
   * @example le.transform(['paris']) // Int32Array [1]
   */
  transform(y: Labels | MatrixLike): Int32Array {
    const classes = this.fitted('classes', this.#classes);
    const labels = readLabels(y);
    const index = new Map<Label, number>(classes.map((c, k) => [c, k]));
    const out = new Int32Array(labels.length);
    const unseen = new Set<Label>();
    for (let i = 0; i < labels.length; i++) {
      const k = index.get(labels[i]);
      if (k === undefined) unseen.add(labels[i]);
      else out[i] = k;
    }
    if (unseen.size > 0) {
      const values = sortLabels([...unseen]);
      throw new ValidationError(`y contains previously unseen labels: ${formatUnknown(values)}`, { got: values[0] });
    }
    return out;
  }

  /**
   * Fits, then encodes `y`.
   * @example await new LabelEncoder().fitTransform(['b', 'a']) // Int32Array [1, 0]
   */
  async fitTransform(y: Labels | MatrixLike, options?: FitOptions): Promise<Int32Array> {
    await this.fit(y, options);
    return this.transform(y);
  }

  /**
   * The labels of integer codes.
   * @example le.inverseTransform([2, 0]) // ['tokyo', 'amsterdam']
   */
  inverseTransform(codes: ArrayLike<number>): Label[] {
    const classes = this.fitted('classes', this.#classes);
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i];
      if (!(Number.isInteger(c) && c >= 0 && c < classes.length)) {
        throw new ValidationError(
          `y contains previously unseen labels: code ${c} at index ${i} (valid codes are 0 to ${classes.length - 1})`,
          {
            row: i,
            got: c,
          },
        );
      }
    }
    return Array.from(decodeLabels(classes, codes) as ArrayLike<Label>);
  }

  protected getState(): Record<string, unknown> {
    return { classes: this.#classes };
  }

  protected setState(state: Record<string, unknown>): void {
    this.#classes = new StateReader(state, 'saved LabelEncoder').labels('classes');
  }
}
