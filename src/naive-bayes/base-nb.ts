/**
 * `BaseNB`: what every naive Bayes classifier shares (scikit-learn's
 * `_BaseNB`): class bookkeeping for `fit` and `partialFit`, and the
 * prediction methods derived from a joint log-likelihood
 * (`predict`, `predictProba`, `predictLogProba`, `predictJointLogLikelihood`).
 *
 * A subclass supplies `updateModel` (fold a batch of encoded samples into its
 * sufficient statistics, starting fresh when `first`), `jointLogLikelihood`,
 * and `getModelState`/`setModelState`.
 *
 * `partialFit` runs through `fit` (the base class's template method keeps
 * the fitted flag private) with a flag saying "keep the statistics". A later
 * batch is checked first (width, finite values, known labels) so that those
 * mistakes leave the model as it was; a batch failing a model-specific check
 * (e.g. negative counts) leaves it unfitted, as a failed `fit` does.
 */

import { ValidationError } from '../base/errors.js';
import { BaseEstimator } from '../base/estimator.js';
import { checkClassificationTargets, columnOrLabels, decodeLabels, sortLabels } from '../base/labels.js';
import { formatValue } from '../base/params.js';
import { classifierScore } from '../base/score.js';
import { StateReader } from '../base/state.js';
import type { Classifier, EstimatorTags, FitOptions, Label, LabelArray, Labels, MatrixLike } from '../base/types.js';
import { checkArray, checkSampleWeight } from '../base/validation.js';
import { SparseMatrix } from '../tensor/sparse.js';
import { Tensor } from '../tensor/tensor.js';

/** Options of `partialFit`: those of `fit` plus the full list of classes. */
export interface NBPartialFitOptions extends FitOptions {
  /**
   * Every class that can ever appear in `y`. Required on the first call (the
   * first batch need not contain every class); later calls may repeat it.
   */
  classes?: readonly Label[] | ArrayLike<number>;
}

interface PartialContext {
  classes?: readonly Label[] | ArrayLike<number>;
  featureNames?: string[];
}

/** Row-wise log(sum(exp(a))) of an `n x k` row-major matrix, stable for large magnitudes. */
export function logSumExpRows(a: Float64Array, n: number, k: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * k;
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < k; c++) if (a[o + c] > max) max = a[o + c];
    if (!Number.isFinite(max)) {
      out[i] = max;
      continue;
    }
    let s = 0;
    for (let c = 0; c < k; c++) s += Math.exp(a[o + c] - max);
    out[i] = max + Math.log(s);
  }
  return out;
}

function labelsFrom(classes: readonly Label[] | ArrayLike<number>): Label[] {
  const list = Array.from(classes as ArrayLike<Label>);
  if (list.length === 0) throw new ValidationError('classes must not be empty');
  const kind = typeof list[0];
  if (!list.every((c) => typeof c === kind && (kind === 'string' || Number.isFinite(c as number)))) {
    throw new ValidationError(`classes must be all numbers or all strings, got ${formatValue(list)}`);
  }
  return sortLabels([...new Set(list)]);
}

/**
 * Base class of the naive Bayes classifiers; see the module comment.
 * @example
 * // Not used directly: see GaussianNB, MultinomialNB, ...
 * const model = await new GaussianNB().partialFit(X1, y1, { classes: [0, 1, 2] });
 */
export abstract class BaseNB<P extends object> extends BaseEstimator<P> implements Classifier<P> {
  #classes?: Label[];
  #partial?: PartialContext;
  // True only while a sparse X is validated without y (the base validator insists on y for classifiers).
  #validatingSparse = false;

  override estimatorTags(): EstimatorTags {
    return {
      ...super.estimatorTags(),
      estimatorType: 'classifier',
      requiresY: !this.#validatingSparse,
      partialFit: true,
    };
  }

  /**
   * Folds a batch into the fitted statistics. `y` holds class indices into
   * `classes`; `first` means start from empty statistics for `nClasses` classes.
   */
  protected abstract updateModel(
    X: Tensor | SparseMatrix,
    y: Int32Array,
    weights: Float64Array | undefined,
    nClasses: number,
    first: boolean,
  ): void;

  /** `n x nClasses` row-major unnormalised log posterior of validated `X`. */
  protected abstract jointLogLikelihood(X: Tensor | SparseMatrix): Float64Array;

  /** The subclass's fitted statistics, for saving. */
  protected abstract getModelState(): Record<string, unknown>;

  /** Restores what `getModelState` returned; `nClasses` comes from the saved classes. */
  protected abstract setModelState(reader: StateReader, nClasses: number): void;

  /**
   * Checks `X` at predict time (fitted, feature count and names, finite
   * values); a `SparseMatrix` passes through when the estimator accepts sparse input.
   */
  protected checkX(X: MatrixLike): Tensor | SparseMatrix {
    this.checkIsFitted();
    if (X instanceof SparseMatrix && this.estimatorTags().sparseInput) {
      return this.validateData(X, undefined, { reset: false, allowSparse: true }).X;
    }
    return this.validateData(X, undefined, { reset: false }).X;
  }

  #validateFit(
    X: MatrixLike,
    y: Labels,
  ): { X: Tensor | SparseMatrix; labels: Float64Array | string[]; featureNames?: string[] } {
    if (X instanceof SparseMatrix && this.estimatorTags().sparseInput) {
      this.#validatingSparse = true;
      let checked: Tensor | SparseMatrix;
      try {
        // A SparseMatrix input has no column names.
        checked = this.validateData(X, undefined, { reset: true, allowSparse: true }).X;
      } finally {
        this.#validatingSparse = false;
      }
      const { labels } = columnOrLabels(y);
      if (labels.length !== checked.shape[0]) {
        throw new ValidationError(
          `Found input variables with inconsistent numbers of samples: X has ${checked.shape[0]}, y has ${labels.length}.`,
          { expected: checked.shape[0], got: labels.length },
        );
      }
      return { X: checked, labels };
    }
    const data = this.validateData(X, y, { reset: true });
    return { X: data.X, labels: data.y, featureNames: data.featureNames };
  }

  protected fitImpl(X: MatrixLike, y: Labels | undefined, options: FitOptions): void {
    const partial = this.#partial;
    const previous = partial === undefined ? undefined : this.#classes;
    if (partial === undefined) this.#classes = undefined;
    if (y === undefined || y === null) {
      throw new ValidationError(`${this.estimatorName} requires y to be passed, but the target y is undefined`);
    }
    const { X: data, labels, featureNames } = this.#validateFit(X, y);
    checkClassificationTargets(labels);
    const d = data.shape[1];
    if (previous !== undefined) this.#checkSameFeatures(d, partial?.featureNames, featureNames);

    let classes: Label[];
    if (previous !== undefined) {
      classes = previous;
      if (partial?.classes !== undefined) {
        const given = labelsFrom(partial.classes);
        if (given.length !== classes.length || given.some((c, i) => c !== classes[i])) {
          throw new ValidationError(
            `\`classes=${formatValue(given)}\` is not the same as on last call to partialFit, was: ${formatValue(classes)}`,
          );
        }
      }
    } else if (partial !== undefined) {
      if (partial.classes === undefined) {
        throw new ValidationError('classes must be passed on the first call to partialFit.', { param: 'classes' });
      }
      classes = labelsFrom(partial.classes);
    } else {
      classes = sortLabels([...new Set<Label>(labels)]);
    }
    if (classes.length < 2) {
      throw new ValidationError(
        `${this.estimatorName} needs samples of at least 2 classes in the data, but the data contains only one class: ${formatValue(classes[0])}`,
        { expected: 'at least 2 classes', got: classes.length },
      );
    }
    const index = new Map<Label, number>();
    for (let k = 0; k < classes.length; k++) index.set(classes[k], k);
    const encoded = new Int32Array(labels.length);
    const unknown = new Set<Label>();
    for (let i = 0; i < labels.length; i++) {
      const k = index.get(labels[i]);
      if (k === undefined) unknown.add(labels[i]);
      else encoded[i] = k;
    }
    if (unknown.size > 0) {
      throw new ValidationError(
        `The target label(s) ${formatValue(sortLabels([...unknown]))} in y do not exist in the initial classes ${formatValue(classes)}`,
        { expected: classes.slice(), got: [...unknown] },
      );
    }
    const weights =
      options.sampleWeight === undefined ? undefined : checkSampleWeight(options.sampleWeight, labels.length);
    this.updateModel(data, encoded, weights, classes.length, previous === undefined);
    this.#classes = classes;
  }

  #checkSameFeatures(d: number, names: string[] | undefined, now: string[] | undefined): void {
    const expected = this.nFeaturesInFromModel();
    if (d !== expected) {
      throw new ValidationError(
        `X has ${d} features, but ${this.estimatorName} is expecting ${expected} features as input.`,
        { expected, got: d },
      );
    }
    const same = names === undefined ? now === undefined : now !== undefined && names.every((n, j) => n === now[j]);
    if (!same) {
      throw new ValidationError(
        `The feature names should match those that were passed during the first partialFit: ${formatValue(names)} vs ${formatValue(now)}`,
      );
    }
  }

  /** The feature count the fitted statistics were built for (checked by later `partialFit` calls). */
  protected abstract nFeaturesInFromModel(): number;

  /**
   * Incremental fit on a batch (scikit-learn's `partial_fit`): the statistics
   * of earlier batches are kept and this batch is added. Pass `classes` on the
   * first call. Fitting all batches one by one gives the same model as one `fit`
   * on their concatenation (GaussianNB: up to its `epsilon`, which each call
   * recomputes from its own batch, as in scikit-learn).
   * @example
   * const nb = new MultinomialNB();
   * await nb.partialFit(X1, y1, { classes: ['ham', 'spam'] });
   * await nb.partialFit(X2, y2);
   */
  async partialFit(X: MatrixLike, y: Labels, options: NBPartialFitOptions = {}): Promise<this> {
    const { classes, ...fitOptions } = options;
    const context: PartialContext = { classes };
    if (this.isFitted && this.#classes !== undefined) {
      context.featureNames = this.featureNamesIn;
      this.#precheckBatch(X, y, this.#classes);
    }
    this.#partial = context;
    if (!this.isFitted) this.#classes = undefined;
    try {
      return await this.fit(X, y, fitOptions);
    } finally {
      this.#partial = undefined;
    }
  }

  /**
   * Checks a later batch before `fit` clears the fitted flag, so that the
   * common mistakes (wrong width, non-finite values, unknown labels) leave the
   * model as it was.
   */
  #precheckBatch(X: MatrixLike, y: Labels, classes: Label[]): void {
    const { X: checked } = checkArray(X, {
      allowSparse: this.estimatorTags().sparseInput,
      estimatorName: this.estimatorName,
    });
    const d = checked.shape[1];
    if (d !== this.nFeaturesIn) {
      throw new ValidationError(
        `X has ${d} features, but ${this.estimatorName} is expecting ${this.nFeaturesIn} features as input.`,
        {
          expected: this.nFeaturesIn,
          got: d,
        },
      );
    }
    const known = new Set<Label>(classes);
    const unknown = new Set<Label>();
    for (const label of columnOrLabels(y).labels) if (!known.has(label)) unknown.add(label);
    if (unknown.size > 0) {
      throw new ValidationError(
        `The target label(s) ${formatValue(sortLabels([...unknown]))} in y do not exist in the initial classes ${formatValue(classes)}`,
        { expected: classes.slice(), got: [...unknown] },
      );
    }
  }

  /** The classes, sorted (numbers ascending, strings by code point). */
  get classes(): Label[] {
    return this.fitted('classes', this.#classes).slice();
  }

  /** Number of classes. */
  get nClasses(): number {
    return this.fitted('nClasses', this.#classes).length;
  }

  /**
   * Unnormalised log posterior `log P(c) + log P(x | c)` per class, shape `[nSamples, nClasses]`.
   * @example model.predictJointLogLikelihood(X).toArray()
   */
  predictJointLogLikelihood(X: MatrixLike): Tensor {
    const checked = this.checkX(X);
    return new Tensor(this.jointLogLikelihood(checked), [checked.shape[0], this.nClasses]);
  }

  /**
   * Most probable class per sample (the first among ties).
   * @example model.predict([[1, 2]])
   */
  predict(X: MatrixLike): Int32Array | LabelArray {
    const checked = this.checkX(X);
    const jll = this.jointLogLikelihood(checked);
    const n = checked.shape[0];
    const k = this.nClasses;
    const best = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let b = 0;
      for (let c = 1; c < k; c++) if (jll[i * k + c] > jll[i * k + b]) b = c;
      best[i] = b;
    }
    return decodeLabels(this.fitted('classes', this.#classes), best);
  }

  /**
   * Log of the class probabilities, shape `[nSamples, nClasses]`.
   * @example model.predictLogProba(X)
   */
  predictLogProba(X: MatrixLike): Tensor {
    const checked = this.checkX(X);
    const n = checked.shape[0];
    const k = this.nClasses;
    const jll = this.jointLogLikelihood(checked);
    const norm = logSumExpRows(jll, n, k);
    for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) jll[i * k + c] -= norm[i];
    return new Tensor(jll, [n, k]);
  }

  /**
   * Class probabilities, shape `[nSamples, nClasses]`; rows sum to 1.
   * @example model.predictProba(X)
   */
  predictProba(X: MatrixLike): Tensor {
    const out = this.predictLogProba(X);
    const data = out.data as Float64Array;
    for (let i = 0; i < data.length; i++) data[i] = Math.exp(data[i]);
    return out;
  }

  /**
   * Mean accuracy of `predict(X)` against `y`.
   * @example model.score(X, y)
   */
  score(X: MatrixLike, y: Labels, sampleWeight?: ArrayLike<number>): number {
    return classifierScore(y, this.predict(X), sampleWeight);
  }

  protected getState(): Record<string, unknown> {
    return { classes: this.#classes, ...this.getModelState() };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, `saved ${this.estimatorName}`);
    const classes = r.labels('classes');
    this.setModelState(r, classes.length);
    this.#classes = classes;
  }
}
