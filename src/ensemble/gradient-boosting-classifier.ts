/**
 * `GradientBoostingClassifier` (scikit-learn 1.2's
 * `sklearn.ensemble.GradientBoostingClassifier`): classic gradient boosting
 * with log-loss — one `friedman_mse` regression tree per stage for two
 * classes, one per class for more — on typelearn's decision trees.
 *
 * Differences from scikit-learn: loss 'exponential', `init` estimators,
 * `warmStart` and `oobImprovement` are not supported; random draws (subsample,
 * features, validation split) use typelearn's generator.
 */
import { ValidationError } from '../base/errors.js';
import { checkClassificationTargets, decodeLabels, encodeLabels } from '../base/labels.js';
import { options, type ParameterConstraints } from '../base/params.js';
import { classifierScore } from '../base/score.js';
import type { Classifier, EstimatorTags, Label, LabelArray, Labels, MatrixLike } from '../base/types.js';
import { Tensor } from '../tensor/tensor.js';
import { BaseGradientBoosting, GB_CONSTRAINTS, GB_DEFAULTS, type GradientBoostingParams } from './gradient-boosting.js';
import { type GbLoss, gbBinomial, gbMultinomial } from './gradient-boosting-losses.js';
import { expit, softmaxAt } from './hist-gradient-boosting/loss.js';

/** Options of {@link GradientBoostingClassifier}. */
export interface GradientBoostingClassifierParams extends GradientBoostingParams {
  /** The loss: 'log_loss'. Default 'log_loss'. */
  loss: 'log_loss';
}

const DEFAULTS: GradientBoostingClassifierParams = { ...GB_DEFAULTS, loss: 'log_loss' };

/**
 * Classic gradient boosting for classification.
 *
 * Fitted attributes: `classes`, `estimators`, `nEstimatorsFitted`, `trainScore`,
 * `initPrediction`, `featureImportances`, `nFeaturesIn`, `featureNamesIn`.
 *
 * @example
 * import { GradientBoostingClassifier } from 'typelearn/ensemble';
 * const model = await new GradientBoostingClassifier({ nEstimators: 50, maxDepth: 2 }).fit(X, y);
 * model.predictProba(X); // Tensor [n, nClasses]
 */
export class GradientBoostingClassifier
  extends BaseGradientBoosting<GradientBoostingClassifierParams>
  implements Classifier<GradientBoostingClassifierParams>
{
  static override readonly estimatorName = 'GradientBoostingClassifier';
  static override parameterConstraints: ParameterConstraints = { ...GB_CONSTRAINTS, loss: [options(['log_loss'])] };

  #classes?: Label[];

  /** @param options - see {@link GradientBoostingClassifierParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<GradientBoostingClassifierParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'classifier', requiresY: true };
  }

  protected prepareTargets(y: Float64Array | string[]): { y: Float64Array; loss: GbLoss } {
    checkClassificationTargets(y);
    const { classes, encoded } = encodeLabels(y);
    if (classes.length < 2) {
      throw new ValidationError(`${this.estimatorName} needs at least 2 classes in y, got 1.`, { got: classes.length });
    }
    this.#classes = classes;
    return { y: Float64Array.from(encoded), loss: classes.length === 2 ? gbBinomial() : gbMultinomial(classes.length) };
  }

  protected get stratify(): boolean {
    return true;
  }

  /** The classes seen in `fit`, sorted. */
  get classes(): Label[] {
    return this.fitted('classes', this.#classes).slice();
  }

  #proba(raw: Float64Array, n: number): Tensor {
    const K = raw.length / n;
    const c = K === 1 ? 2 : K;
    const out = new Float64Array(n * c);
    const probs = new Float64Array(K);
    for (let i = 0; i < n; i++) {
      if (K === 1) {
        const p = expit(raw[i]);
        out[2 * i] = 1 - p;
        out[2 * i + 1] = p;
      } else {
        softmaxAt(raw, n, K, i, probs);
        out.set(probs, i * K);
      }
    }
    return new Tensor(out, [n, c]);
  }

  #labels(raw: Float64Array, n: number): Int32Array | LabelArray {
    const proba = this.#proba(raw, n);
    const c = proba.shape[1];
    const idx = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let k = 1; k < c; k++) if (proba.data[i * c + k] > proba.data[i * c + best]) best = k;
      idx[i] = best;
    }
    return decodeLabels(this.fitted('classes', this.#classes), idx);
  }

  /**
   * Predicted labels.
   * @example model.predict([[1, 2]])
   */
  predict(X: MatrixLike): Int32Array | LabelArray {
    const { raw, n } = this.rawPredict(X);
    return this.#labels(raw, n);
  }

  /**
   * Class probabilities `[nSamples, nClasses]`.
   * @example model.predictProba([[1, 2]]).toArray()
   */
  predictProba(X: MatrixLike): Tensor {
    const { raw, n } = this.rawPredict(X);
    return this.#proba(raw, n);
  }

  /**
   * Predicted labels after each stage; the last equals `predict(X)`.
   * @example [...model.stagedPredict(X)].length === model.nEstimatorsFitted
   */
  *stagedPredict(X: MatrixLike): Generator<Int32Array | LabelArray> {
    for (const { raw, n } of this.stagedRaw(X)) yield this.#labels(raw, n);
  }

  /**
   * Class probabilities after each stage.
   * @example const last = [...model.stagedPredictProba(X)].pop();
   */
  *stagedPredictProba(X: MatrixLike): Generator<Tensor> {
    for (const { raw, n } of this.stagedRaw(X)) yield this.#proba(raw, n);
  }

  /**
   * Mean accuracy of `predict(X)` against `y`.
   * @example model.score(X, y)
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
    const K = this.treesPerStageUnchecked();
    if (!Array.isArray(classes) || K !== (classes.length === 2 ? 1 : classes.length)) {
      throw new ValidationError(`saved ${this.estimatorName}: 'classes' does not match ${K} tree(s) per stage`);
    }
    this.#classes = classes as Label[];
  }
}
