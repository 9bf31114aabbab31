/**
 * `MLPRegressor` (scikit-learn 1.2's `sklearn.neural_network.MLPRegressor`): a
 * multi-layer perceptron with an identity output trained on the squared error; 2-D `y`
 * gives one output per target.
 */
import { ValidationError } from '../base/errors.js';
import type { ParameterConstraints } from '../base/params.js';
import { regressorScore } from '../base/score.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import {
  BaseMultilayerPerceptron,
  type EncodedTargets,
  type FitMode,
  MLP_CONSTRAINTS,
  MLP_DEFAULTS,
  type MLPParams,
  type RawTargets,
} from './base-multilayer-perceptron.js';
import { r2Uniform, read2dTargets } from './targets.js';

/** Options of {@link MLPRegressor}: see {@link MLPParams}. */
export type MLPRegressorParams = MLPParams;

/**
 * Multi-layer perceptron regressor, scikit-learn's options and defaults (see
 * {@link MLPParams}). `predict` returns one value per row, or the row-major
 * `nSamples x nTargets` values when fitted on a 2-D `y`; `score` is R² (averaged over
 * targets).
 *
 * @example
 * import { MLPRegressor } from 'typelearn/neural-network';
 * const reg = await new MLPRegressor({ hiddenLayerSizes: [64, 32], solver: 'lbfgs', randomState: 0 }).fit(X, y);
 * reg.predict(X.slice(0, 3));
 */
export class MLPRegressor extends BaseMultilayerPerceptron<MLPRegressorParams> {
  static override readonly estimatorName = 'MLPRegressor';
  static override parameterConstraints: ParameterConstraints = MLP_CONSTRAINTS;

  protected readonly numericTargets = true;
  #multiOutput = false;

  /** @param options - see {@link MLPParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<MLPRegressorParams> = {}) {
    super(MLP_DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'regressor' };
  }

  /**
   * One epoch on a batch, continuing from the current weights (`sgd` and `adam` only).
   * @example await reg.partialFit(Xbatch, yBatch);
   */
  async partialFit(X: MatrixLike, y: Labels, options: FitOptions = {}): Promise<this> {
    return this.partialFitImpl(X, y, undefined, options);
  }

  protected encodeTargets(y: RawTargets, _mode: FitMode): EncodedTargets {
    if (y.kind === 'matrix') {
      this.#multiOutput = true;
      return { Y: y.data, nOutputs: y.t, out: 'identity', loss: 'squared_error' };
    }
    this.#multiOutput = false;
    return { Y: Float64Array.from(y.labels as Float64Array), nOutputs: 1, out: 'identity', loss: 'squared_error' };
  }

  protected scoreRaw(raw: Float64Array, Y: Float64Array, rows: number): number {
    return r2Uniform(Y, raw, rows, raw.length / rows);
  }

  /**
   * Predictions: one per row, or row-major `nSamples x nTargets` for a 2-D `y`.
   * @example reg.predict([[0.1, 0.2]])
   */
  predict(X: MatrixLike): Float64Array {
    return this.forwardRaw(X).raw;
  }

  /**
   * R² of the predictions (averaged uniformly over targets for a 2-D `y`).
   * @example reg.score(X, y)
   */
  score(X: MatrixLike, y: Labels | readonly (readonly number[])[], sampleWeight?: ArrayLike<number>): number {
    const { raw, rows } = this.forwardRaw(X);
    if (!this.#multiOutput) return regressorScore(y as Labels, raw, sampleWeight);
    const m = read2dTargets(y as Labels);
    if (m === undefined || m.rows !== rows || m.t !== raw.length / rows) {
      throw new ValidationError(`score: expected a 2-D y of ${rows} rows and ${raw.length / rows} columns`);
    }
    return r2Uniform(m.data, raw, rows, m.t, sampleWeight);
  }

  protected override getState(): Record<string, unknown> {
    return { ...super.getState(), multiOutput: this.#multiOutput };
  }

  protected override setState(state: Record<string, unknown>): void {
    super.setState(state);
    new StateReader(state, this.estimatorName);
    const m = state.multiOutput;
    if (typeof m !== 'boolean')
      throw new ValidationError(`${this.estimatorName}: saved state 'multiOutput' must be a boolean`);
    this.#multiOutput = m;
  }
}
