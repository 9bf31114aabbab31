/**
 * `RidgeClassifierCV`: `RidgeClassifier` with alpha chosen by efficient
 * leave-one-out cross-validation on the ±1 targets (scikit-learn's
 * `sklearn.linear_model.RidgeClassifierCV` with `cv=None`).
 *
 * Differences from scikit-learn: no `cv`/`scoring` options (leave-one-out
 * squared error only); dense `X` only.
 */
import { instanceOf, options, type ParameterConstraints } from '../base/params.js';
import type { Estimator, EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import { checkSampleWeight } from '../base/validation.js';
import type { Tensor } from '../tensor/tensor.js';
import { type ClassWeight, computeClassWeight, encodeClassTargets, LinearClassifier } from './linear-classifier.js';
import { binarizeLabels } from './ridge-classifier.js';
import { fitRidgeCv } from './ridge-cv.js';
import type { GcvMode } from './ridge-gcv.js';

/** Options of {@link RidgeClassifierCV} (sklearn's parameters, camelCase). */
export interface RidgeClassifierCVParams {
  /** Candidate alphas, all > 0. Default `[0.1, 1, 10]`. */
  alphas: number[];
  /** Fit an intercept. Default `true`. */
  fitIntercept: boolean;
  /** `undefined` (default), `'balanced'` or a weight per class. */
  classWeight: ClassWeight | undefined;
  /** Leave-one-out decomposition. Default `'auto'`. */
  gcvMode: GcvMode;
}

const DEFAULTS: RidgeClassifierCVParams = {
  alphas: [0.1, 1, 10],
  fitIntercept: true,
  classWeight: undefined,
  gcvMode: 'auto',
};

/**
 * Ridge classifier with leave-one-out choice of alpha.
 *
 * Fitted attributes: `alpha`, `bestScore`, `classes`, `coef`, `intercept`.
 *
 * @example
 * import { RidgeClassifierCV } from 'typelearn/linear-model';
 * const model = await new RidgeClassifierCV({ alphas: [0.1, 1, 10] }).fit(X, y);
 * model.alpha; model.predict(X);
 */
export class RidgeClassifierCV
  extends LinearClassifier<RidgeClassifierCVParams>
  implements Estimator<RidgeClassifierCVParams>
{
  static override readonly estimatorName = 'RidgeClassifierCV';

  static override parameterConstraints: ParameterConstraints = {
    alphas: ['arrayLike'],
    fitIntercept: ['boolean'],
    classWeight: [options(['balanced']), instanceOf(Object), null],
    gcvMode: [options(['auto', 'svd', 'eigen'])],
  };

  #alpha?: number;
  #bestScore?: number;

  /** @param options - see {@link RidgeClassifierCVParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<RidgeClassifierCVParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'classifier', requiresY: true };
  }

  protected override acceptsSparse(): boolean {
    return false;
  }

  protected fitImpl(X: MatrixLike, y: Labels | undefined, options: FitOptions): void {
    const data = this.validateFitData(X, y, { allowSparse: false, multiOutput: false, yNumeric: false });
    const { classes, encoded } = encodeClassTargets(data.y, this.estimatorName);
    const m = encoded.length;
    const sw = checkSampleWeight(options.sampleWeight, m);
    const cw = computeClassWeight(this.params.classWeight, classes, encoded);
    let weighted = options.sampleWeight !== undefined;
    for (let i = 0; i < m; i++) {
      sw[i] *= cw[encoded[i]];
      if (sw[i] !== 1) weighted = true;
    }
    const { y: targets, t } = binarizeLabels(encoded, classes.length);
    const r = fitRidgeCv(data.X as Tensor, targets, t, weighted ? sw : undefined, {
      alphas: this.params.alphas,
      fitIntercept: this.params.fitIntercept,
      cv: undefined,
      gcvMode: this.params.gcvMode,
      alphaPerTarget: false,
    });
    this.setLinearState(r.coef, r.intercept, classes);
    this.#alpha = r.alpha[0];
    this.#bestScore = r.bestScore[0];
  }

  /** The chosen alpha (sklearn's `alpha_`). */
  get alpha(): number {
    return this.fitted('alpha', this.#alpha);
  }

  /** Negative mean squared leave-one-out error of the chosen alpha (sklearn's `best_score_`). */
  get bestScore(): number {
    return this.fitted('bestScore', this.#bestScore);
  }

  protected getState(): Record<string, unknown> {
    return { ...this.linearState(), alpha: this.#alpha, bestScore: this.#bestScore };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = this.readLinearState(state);
    this.#alpha = r.number('alpha');
    this.#bestScore = r.number('bestScore');
  }
}
