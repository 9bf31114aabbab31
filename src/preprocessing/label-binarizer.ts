/**
 * `LabelBinarizer`: one-vs-all indicator columns for target labels
 * (scikit-learn's `sklearn.preprocessing.LabelBinarizer`). Works on a 1-D
 * array of labels; two classes give a single column, as in sklearn.
 * Multilabel indicator input is not supported.
 */

import { ValidationError } from '../base/errors.js';
import { BaseEstimator } from '../base/estimator.js';
import { sortLabels } from '../base/labels.js';
import { interval, type ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Label, Labels, MatrixLike } from '../base/types.js';
import { checkArray } from '../base/validation.js';
import { Tensor } from '../tensor/tensor.js';
import { formatUnknown } from './encoder-utils.js';
import { readLabels } from './label-encoder.js';

/** Options of {@link LabelBinarizer}. */
export interface LabelBinarizerParams {
  /** Value for "not this class". Default 0. */
  negLabel: number;
  /** Value for "this class" (must exceed `negLabel`). Default 1. */
  posLabel: number;
}

/**
 * Binarizes labels one-vs-all.
 *
 * Fitted attribute: `classes` (sorted distinct labels).
 *
 * @example
 * import { LabelBinarizer } from 'typelearn/preprocessing';
 * const lb = await new LabelBinarizer().fit([1, 2, 6, 4, 2]);
 * lb.transform([1, 6]);            // Tensor [[1, 0, 0, 0], [0, 0, 0, 1]] (int32)
 * lb.inverseTransform(lb.transform([4])); // [4]
 */
export class LabelBinarizer extends BaseEstimator<LabelBinarizerParams> {
  static override readonly estimatorName = 'LabelBinarizer';

  static override parameterConstraints: ParameterConstraints = {
    negLabel: [interval('int', null, null, 'neither')],
    posLabel: [interval('int', null, null, 'neither')],
  };

  #classes?: Label[];

  /** @param options - see {@link LabelBinarizerParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<LabelBinarizerParams> = {}) {
    super({ negLabel: 0, posLabel: 1 }, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'transformer', X_types: ['1dlabels'] };
  }

  /**
   * Learns the classes of `y`; resolves to `this`. `options` may also come
   * third (`fit(y, undefined, options)`), the position Pipeline and the common checks use.
   * @example await new LabelBinarizer().fit(['a', 'b', 'c'])
   */
  override fit(y: Labels | MatrixLike, options?: FitOptions | Labels, fitOptions?: FitOptions): Promise<this> {
    const opts =
      options !== undefined && !Array.isArray(options) && !ArrayBuffer.isView(options)
        ? (options as FitOptions)
        : (fitOptions ?? {});
    return super.fit(y as MatrixLike, undefined, opts);
  }

  protected fitImpl(y: MatrixLike): void {
    this.#classes = undefined;
    const { negLabel, posLabel } = this.params;
    if (negLabel >= posLabel) {
      throw new ValidationError(`negLabel=${negLabel} must be strictly less than posLabel=${posLabel}.`, {
        param: 'negLabel',
        got: negLabel,
      });
    }
    const labels = readLabels(y);
    // The labels are one column: record nFeaturesIn = 1 (the saved form needs it).
    this.validateData({ data: new Float64Array(1), shape: [1, 1] }, undefined, { reset: true });
    if (labels.length === 0)
      throw new ValidationError('y has 0 samples: LabelBinarizer needs at least one label.', { got: 0 });
    this.#classes = sortLabels([...new Set<Label>(labels)]);
  }

  /** The sorted distinct labels (sklearn's `classes_`). */
  get classes(): Label[] {
    return [...this.fitted('classes', this.#classes)];
  }

  /**
   * Indicator matrix `[n, nClasses]` (`[n, 1]` for two classes); unseen labels throw.
   * @example lb.transform([2]) // [[0, 1, 0, 0]]
   */
  transform(y: Labels | MatrixLike): Tensor {
    const classes = this.fitted('classes', this.#classes);
    const labels = readLabels(y);
    const index = new Map<Label, number>(classes.map((c, k) => [c, k]));
    const unseen = [...new Set<Label>(labels)].filter((l) => !index.has(l));
    if (unseen.length > 0) {
      throw new ValidationError(`y contains previously unseen labels: ${formatUnknown(sortLabels(unseen))}`, {
        got: unseen[0],
      });
    }
    const { negLabel, posLabel } = this.params;
    const n = labels.length;
    const k = classes.length;
    const width = k <= 2 ? 1 : k;
    const out = new Int32Array(n * width).fill(negLabel);
    for (let i = 0; i < n; i++) {
      const c = index.get(labels[i])!;
      if (k === 1) continue;
      if (k === 2) {
        if (c === 1) out[i] = posLabel;
      } else out[i * width + c] = posLabel;
    }
    return new Tensor(out, [n, width], 'int32');
  }

  /**
   * Fits, then binarizes `y`.
   * @example await new LabelBinarizer().fitTransform(['yes', 'no']) // [[1], [0]]
   */
  async fitTransform(y: Labels | MatrixLike, options?: FitOptions): Promise<Tensor> {
    await this.fit(y, options);
    return this.transform(y);
  }

  /**
   * Labels from an indicator (or score) matrix: the class of the largest
   * column, or for one column the second class where the value exceeds
   * `threshold` (default midway between `negLabel` and `posLabel`).
   * @example lb.inverseTransform([[0, 0, 1, 0]]) // [4]
   */
  inverseTransform(Y: MatrixLike, threshold?: number): Label[] {
    const classes = this.fitted('classes', this.#classes);
    const { X } = checkArray(Y, { name: 'Y' });
    const [n, width] = X.shape;
    const expected = classes.length <= 2 ? 1 : classes.length;
    if (width !== expected) {
      throw new ValidationError(`Y has ${width} columns, expected ${expected}.`, { expected, got: width });
    }
    const t = threshold ?? (this.params.negLabel + this.params.posLabel) / 2;
    const out: Label[] = [];
    for (let i = 0; i < n; i++) {
      if (expected === 1) out.push(classes.length === 1 ? classes[0] : X.data[i] > t ? classes[1] : classes[0]);
      else {
        let best = 0;
        for (let j = 1; j < width; j++) if (X.data[i * width + j] > X.data[i * width + best]) best = j;
        out.push(classes[best]);
      }
    }
    return out;
  }

  protected getState(): Record<string, unknown> {
    return { classes: this.#classes };
  }

  protected setState(state: Record<string, unknown>): void {
    this.#classes = new StateReader(state, 'saved LabelBinarizer').labels('classes');
  }
}
