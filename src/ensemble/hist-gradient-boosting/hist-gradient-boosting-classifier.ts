/**
 * `HistGradientBoostingClassifier` (scikit-learn's
 * `sklearn.ensemble.HistGradientBoostingClassifier`): gradient boosting on
 * binned features with log-loss — one tree per iteration for two classes,
 * one per class (softmax) for more.
 *
 * Differences from scikit-learn, on purpose: the validation split for early
 * stopping and binning subsamples use typelearn's generator (reproducible per
 * seed, not numpy's numbers); `scoring` is 'loss' or null (accuracy);
 * `classWeight` is not supported yet; numeric features without missing values
 * in training send NaN at predict time to the child with more samples;
 * categories unseen in training are treated as missing.
 */
import { ValidationError } from '../../base/errors.js';
import { checkClassificationTargets, decodeLabels, encodeLabels } from '../../base/labels.js';
import { options, type ParameterConstraints } from '../../base/params.js';
import { classifierScore } from '../../base/score.js';
import type { Classifier, EstimatorTags, Label, LabelArray, Labels, MatrixLike } from '../../base/types.js';
import { Tensor } from '../../tensor/tensor.js';
import {
  BaseHistGradientBoosting,
  HGB_CONSTRAINTS,
  HGB_DEFAULTS,
  type HistGradientBoostingParams,
  type PreparedTargets,
} from './base-hist-gradient-boosting.js';
import { binaryLogLoss, expit, multinomialLogLoss, softmaxAt } from './loss.js';

/** Options of {@link HistGradientBoostingClassifier}. */
export interface HistGradientBoostingClassifierParams extends HistGradientBoostingParams {
  /** The loss: 'log_loss' (binary or multinomial). Default 'log_loss'. */
  loss: 'log_loss';
}

const DEFAULTS: HistGradientBoostingClassifierParams = { ...HGB_DEFAULTS, loss: 'log_loss' };

/**
 * Histogram gradient boosting for classification: fast on large tabular
 * data, handles NaN natively and categorical features directly.
 *
 * Fitted attributes (throw `NotFittedError` before `fit`): `classes`, `nIter`,
 * `nTreesPerIteration`, `trainScore`, `validationScore`, `trees`,
 * `baselinePrediction`, `nFeaturesIn`, `featureNamesIn`.
 *
 * @example
 * import { HistGradientBoostingClassifier } from 'typelearn/ensemble';
 * const model = await new HistGradientBoostingClassifier({ maxIter: 50, randomState: 0 }).fit(X, y);
 * model.predict(X.slice(0, 3));      // Int32Array of labels
 * model.predictProba(X.slice(0, 3)); // Tensor [3, nClasses]
 * for (const p of model.stagedPredict(Xtest)) { ... } // predictions after each iteration
 */
export class HistGradientBoostingClassifier
  extends BaseHistGradientBoosting<HistGradientBoostingClassifierParams>
  implements Classifier<HistGradientBoostingClassifierParams>
{
  static override readonly estimatorName = 'HistGradientBoostingClassifier';

  static override parameterConstraints: ParameterConstraints = {
    ...HGB_CONSTRAINTS,
    loss: [options(['log_loss'])],
  };

  #classes?: Label[];

  /** @param options - see {@link HistGradientBoostingClassifierParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<HistGradientBoostingClassifierParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'classifier', requiresY: true, allowsNaN: true };
  }

  protected prepareTargets(y: Float64Array | string[]): PreparedTargets {
    checkClassificationTargets(y);
    const { classes, encoded } = encodeLabels(y);
    if (classes.length < 2) {
      throw new ValidationError(`${this.estimatorName} needs at least 2 classes in y, got 1 (${String(classes[0])}).`, {
        expected: '>= 2 classes',
        got: classes.length,
      });
    }
    if (this.params.warmStart && this.#classes && this.isWarmCompatible(classes) === false) {
      throw new ValidationError('warmStart: the classes changed since the previous fit; refit with warmStart: false.');
    }
    this.#classes = classes;
    const loss = classes.length === 2 ? binaryLogLoss() : multinomialLogLoss(classes.length);
    return { y: Float64Array.from(encoded), loss };
  }

  private isWarmCompatible(classes: Label[]): boolean {
    const old = this.#classes as Label[];
    return old.length === classes.length && old.every((c, k) => c === classes[k]);
  }

  protected scoreRaw(y: Float64Array, raw: Float64Array, weights: Float64Array | undefined): number {
    const predicted = this.#argmax(raw, y.length);
    return classifierScore(y, predicted, weights);
  }

  protected get stratify(): boolean {
    return true;
  }

  #argmax(raw: Float64Array, n: number): Int32Array {
    const K = raw.length / n;
    const out = new Int32Array(n);
    if (K === 1) {
      for (let i = 0; i < n; i++) out[i] = raw[i] > 0 ? 1 : 0;
      return out;
    }
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let k = 1; k < K; k++) if (raw[k * n + i] > raw[best * n + i]) best = k;
      out[i] = best;
    }
    return out;
  }

  #proba(raw: Float64Array, n: number): Tensor {
    const K = raw.length / n;
    const nClasses = K === 1 ? 2 : K;
    const out = new Float64Array(n * nClasses);
    if (K === 1) {
      for (let i = 0; i < n; i++) {
        const p1 = expit(raw[i]);
        out[2 * i] = 1 - p1;
        out[2 * i + 1] = p1;
      }
    } else {
      const probs = new Float64Array(K);
      for (let i = 0; i < n; i++) {
        softmaxAt(raw, n, K, i, probs);
        out.set(probs, i * K);
      }
    }
    return new Tensor(out, [n, nClasses]);
  }

  /** The classes seen in `fit`, sorted. */
  get classes(): Label[] {
    return this.fitted('classes', this.#classes).slice();
  }

  /** Number of classes. */
  get nClasses(): number {
    return this.fitted('nClasses', this.#classes).length;
  }

  /**
   * Predicted labels (an `Int32Array` for int32 classes).
   * @example model.predict([[0.5, 1]])
   */
  predict(X: MatrixLike): Int32Array | LabelArray {
    const { raw, n } = this.rawPredict(X);
    return decodeLabels(this.fitted('classes', this.#classes), this.#argmax(raw, n));
  }

  /**
   * Class probabilities, shape `[nSamples, nClasses]`.
   * @example model.predictProba([[0.5, 1]]).toArray() // [[0.2, 0.8]]
   */
  predictProba(X: MatrixLike): Tensor {
    const { raw, n } = this.rawPredict(X);
    return this.#proba(raw, n);
  }

  /**
   * Raw scores: the log-odds of the positive class (a Float64Array) for two
   * classes, else a Tensor `[nSamples, nClasses]` of per-class scores.
   * @example model.decisionFunction([[0.5, 1]]) // Float64Array [1.39]
   */
  decisionFunction(X: MatrixLike): Float64Array | Tensor {
    const { raw, n } = this.rawPredict(X);
    return this.#rawOut(raw, n);
  }

  #rawOut(raw: Float64Array, n: number): Float64Array | Tensor {
    const K = raw.length / n;
    if (K === 1) return raw;
    const out = new Float64Array(n * K);
    for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) out[i * K + k] = raw[k * n + i];
    return new Tensor(out, [n, K]);
  }

  /**
   * Predicted labels after each iteration; the last equals `predict(X)`.
   * @example for (const labels of model.stagedPredict(X)) console.log(labels[0]);
   */
  *stagedPredict(X: MatrixLike): Generator<Int32Array | LabelArray> {
    const classes = this.fitted('classes', this.#classes);
    for (const { raw, n } of this.stagedRaw(X)) yield decodeLabels(classes, this.#argmax(raw, n));
  }

  /**
   * Class probabilities after each iteration.
   * @example const last = [...model.stagedPredictProba(X)].pop();
   */
  *stagedPredictProba(X: MatrixLike): Generator<Tensor> {
    for (const { raw, n } of this.stagedRaw(X)) yield this.#proba(raw, n);
  }

  /**
   * Raw scores after each iteration (as `decisionFunction`).
   * @example [...model.stagedDecisionFunction(X)].length === model.nIter // true
   */
  *stagedDecisionFunction(X: MatrixLike): Generator<Float64Array | Tensor> {
    for (const { raw, n } of this.stagedRaw(X)) yield this.#rawOut(raw, n);
  }

  /**
   * Mean accuracy of `predict(X)` against `y`.
   * @example model.score(X, y) // 0.97
   */
  score(X: MatrixLike, y: Labels, sampleWeight?: ArrayLike<number>): number {
    return classifierScore(y, this.predict(X), sampleWeight);
  }

  protected override getState(): Record<string, unknown> {
    return { ...super.getState(), classes: this.#classes };
  }

  protected override setState(state: Record<string, unknown>): void {
    super.setState(state);
    const classes = state.classes;
    if (!Array.isArray(classes) || classes.length < 2) {
      throw new ValidationError(`saved ${this.estimatorName}: 'classes' must hold at least 2 labels`);
    }
    const K = this.nTreesPerIterationUnchecked();
    if (K !== (classes.length === 2 ? 1 : classes.length)) {
      throw new ValidationError(`saved ${this.estimatorName}: ${classes.length} classes but ${K} trees per iteration`);
    }
    this.#classes = classes as Label[];
  }
}
