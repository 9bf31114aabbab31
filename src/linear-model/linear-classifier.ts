/**
 * What the linear classifiers share (sklearn's `LinearClassifierMixin`):
 * validated class labels (at least two classes), class weights, the decision
 * function `X · coefᵀ + intercept`, prediction by sign (binary) or argmax,
 * accuracy, and saving of `coef`/`intercept`/`classes`.
 */
import { ValidationError } from '../base/errors.js';
import { checkClassificationTargets, decodeLabels, encodeLabels } from '../base/labels.js';
import { formatValue } from '../base/params.js';
import { classifierScore } from '../base/score.js';
import { StateReader } from '../base/state.js';
import type { Label, LabelArray, Labels, MatrixLike } from '../base/types.js';
import { Tensor } from '../tensor/tensor.js';
import { type DesignMatrix, LinearModel, linearDecision } from './linear-base.js';

export { type ClassWeight, computeClassWeight } from '../base/class-weight.js';

/** Validated classification targets: sorted classes and class index per sample (at least two classes). */
export function encodeClassTargets(
  y: Float64Array | string[],
  estimatorName: string,
): { classes: Label[]; encoded: Int32Array } {
  checkClassificationTargets(y);
  const { classes, encoded } = encodeLabels(y);
  if (classes.length < 2) {
    throw new ValidationError(
      `${estimatorName} needs samples of at least 2 classes in the data, but the data contains only one class: ${formatValue(classes[0])}`,
      { expected: 'at least 2 classes', got: classes.slice() },
    );
  }
  return { classes, encoded };
}

/**
 * Base class of the linear classifiers. Subclasses fit and then call
 * `setLinearState(coef, intercept, classes)`; `coef` has one row for two
 * classes (positive class `classes[1]`) and one row per class otherwise.
 */
export abstract class LinearClassifier<P extends object> extends LinearModel<P> {
  #coef?: Float64Array;
  #intercept?: Float64Array;
  #classes?: Label[];

  protected setLinearState(coef: Float64Array, intercept: Float64Array, classes: Label[]): void {
    this.#coef = coef;
    this.#intercept = intercept;
    this.#classes = classes;
  }

  /** Whether `predictProba`/`decisionFunction` accept CSR input. */
  protected acceptsSparse(): boolean {
    return true;
  }

  /** The classes seen in `fit`, sorted. */
  get classes(): Label[] {
    return this.fitted('classes', this.#classes).slice();
  }

  /** Coefficients, `nRows × nFeatures` row-major (one row for binary problems; sklearn's `coef_`). */
  get coef(): Float64Array {
    return this.fitted('coef', this.#coef);
  }

  /** Intercepts, one per row of `coef` (sklearn's `intercept_`). */
  get intercept(): Float64Array {
    return this.fitted('intercept', this.#intercept);
  }

  /** Raw decision values `m × rows` row-major on validated X. */
  protected decisionValues(X: MatrixLike): { values: Float64Array; rows: number; x: DesignMatrix } {
    this.checkIsFitted();
    const coef = this.fitted('coef', this.#coef);
    const intercept = this.fitted('intercept', this.#intercept);
    const x = this.validatePredictData(X, this.acceptsSparse());
    const rows = intercept.length;
    return { values: linearDecision(x, coef, intercept, rows), rows, x };
  }

  /**
   * Signed distances to the hyperplanes: shape `[nSamples]` for two classes
   * (positive means `classes[1]`), else `[nSamples, nClasses]`.
   * @example model.decisionFunction([[0, 1]]).toArray()
   */
  decisionFunction(X: MatrixLike): Tensor {
    const { values, rows } = this.decisionValues(X);
    return rows === 1 ? new Tensor(values, [values.length]) : new Tensor(values, [values.length / rows, rows]);
  }

  /**
   * Predicted labels: `classes[1]` where the decision is > 0 (binary), else the argmax class.
   * @example model.predict([[0, 1]])
   */
  predict(X: MatrixLike): Int32Array | LabelArray {
    const { values, rows } = this.decisionValues(X);
    const classes = this.fitted('classes', this.#classes);
    const m = values.length / rows;
    const idx = new Int32Array(m);
    for (let i = 0; i < m; i++) {
      if (rows === 1) idx[i] = values[i] > 0 ? 1 : 0;
      else {
        let best = 0;
        for (let c = 1; c < rows; c++) if (values[i * rows + c] > values[i * rows + best]) best = c;
        idx[i] = best;
      }
    }
    return decodeLabels(classes, idx);
  }

  /**
   * Mean accuracy of `predict(X)` against `y`.
   * @example model.score(X, y)
   */
  score(X: MatrixLike, y: Labels, sampleWeight?: ArrayLike<number>): number {
    return classifierScore(y, this.predict(X), sampleWeight);
  }

  protected linearState(): Record<string, unknown> {
    return { coef: this.#coef, intercept: this.#intercept, classes: this.#classes };
  }

  protected readLinearState(state: Record<string, unknown>): StateReader {
    const r = new StateReader(state, `saved ${this.estimatorName}`);
    const classes = r.labels('classes');
    const rows = classes.length === 2 ? 1 : classes.length;
    const intercept = r.float64Array('intercept');
    if (intercept.length !== rows && intercept.length !== classes.length) {
      throw new ValidationError(
        `saved ${this.estimatorName}: intercept has ${intercept.length} values for ${classes.length} classes`,
      );
    }
    const coef = r.float64Array('coef');
    if (coef.length % intercept.length !== 0) {
      throw new ValidationError(`saved ${this.estimatorName}: coef length does not fit the intercept`);
    }
    this.setLinearState(coef, intercept, classes);
    return r;
  }
}
