/**
 * `AdaBoostRegressor` (scikit-learn's `sklearn.ensemble.AdaBoostRegressor`,
 * AdaBoost.R2): each member (a depth-3 tree by default) is fitted on a
 * weighted bootstrap of the rows; its relative errors (`loss`: `'linear'`,
 * `'square'` or `'exponential'`) give its weight `learningRate · ln(1/β)` and
 * shrink the weights of the rows it predicted well. Predictions are the
 * weighted median of the members' predictions.
 *
 * Differences from scikit-learn: bootstraps come from typelearn's generator.
 */
import { ValidationError } from '../base/errors.js';
import { instanceOf, interval, options, type ParameterConstraints } from '../base/params.js';
import { regressorScore } from '../base/score.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import { checkSampleWeight } from '../base/validation.js';
import { checkRandomState, type RandomState } from '../tensor/random.js';
import { Tensor } from '../tensor/tensor.js';
import { DecisionTreeRegressor } from '../tree/decision-tree-regressor.js';
import { type MemberEstimator, MetaEstimator, makeMember, readMembers, takeRows } from './meta-estimator.js';

/** Options of {@link AdaBoostRegressor} (sklearn's names, camelCase). */
export interface AdaBoostRegressorParams {
  /** Base estimator; default `DecisionTreeRegressor({ maxDepth: 3 })`. */
  estimator: MemberEstimator | null | undefined;
  /** Maximum number of members. Default 50. */
  nEstimators: number;
  /** Shrinks each member's contribution. Default 1. */
  learningRate: number;
  /** How relative errors are turned into losses: `'linear'` (default), `'square'`, `'exponential'`. */
  loss: 'linear' | 'square' | 'exponential';
  /** Seed or generator. Default `undefined`. */
  randomState: RandomState | undefined;
}

/**
 * AdaBoost.R2 regressor.
 * @example
 * import { AdaBoostRegressor } from 'typelearn/ensemble';
 * const ada = await new AdaBoostRegressor({ nEstimators: 100, randomState: 0 }).fit(X, y);
 * ada.predict(XTest);
 */
export class AdaBoostRegressor extends MetaEstimator<AdaBoostRegressorParams> {
  static override readonly estimatorName = 'AdaBoostRegressor';
  static override parameterConstraints: ParameterConstraints = {
    estimator: [instanceOf(Object), null],
    nEstimators: [interval('int', 1, null, 'left')],
    learningRate: [interval('real', 0, null, 'neither')],
    loss: [options(['linear', 'square', 'exponential'])],
    randomState: ['randomState'],
  };

  #members?: MemberEstimator[];
  #weights?: Float64Array;
  #errors?: Float64Array;

  /** @param options - see {@link AdaBoostRegressorParams}. */
  constructor(opts: Partial<AdaBoostRegressorParams> = {}) {
    super({ estimator: undefined, nEstimators: 50, learningRate: 1, loss: 'linear', randomState: undefined }, opts);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'regressor', requiresY: true };
  }

  protected async fitImpl(X: MatrixLike, y: Labels | undefined, opts: FitOptions): Promise<void> {
    const data = this.validateData(X, y, { reset: true, yNumeric: true });
    const [n, f] = data.X.shape;
    const target = data.y;
    const sw = checkSampleWeight(opts.sampleWeight, n);
    let total = sw.reduce((a, b) => a + b, 0);
    if (!(total > 0)) throw new ValidationError('sampleWeight must have a positive sum', { param: 'sampleWeight' });
    for (let i = 0; i < n; i++) sw[i] /= total;
    const p = this.params;
    const base = p.estimator ?? new DecisionTreeRegressor({ maxDepth: 3 });
    const rng = checkRandomState(p.randomState);
    const members: MemberEstimator[] = [];
    const weights: number[] = [];
    const errors: number[] = [];
    const err = new Float64Array(n);
    for (let t = 0; t < p.nEstimators; t++) {
      this.throwIfAborted(opts.signal);
      const m = makeMember(base, Math.floor(rng.random() * 2147483646));
      const idx = rng.choice(n, { size: n, p: sw });
      const Xb = new Tensor(takeRows(data.X.data, f, idx), [n, f]);
      const yb = Float64Array.from(idx, (i) => target[i]);
      await m.fit(Xb, yb);
      const pred = (m.predict as (X: MatrixLike) => ArrayLike<number>)(data.X);
      let max = 0;
      for (let i = 0; i < n; i++) {
        err[i] = Math.abs(pred[i] - target[i]);
        if (sw[i] > 0 && err[i] > max) max = err[i];
      }
      if (max !== 0) for (let i = 0; i < n; i++) err[i] /= max;
      if (p.loss === 'square') for (let i = 0; i < n; i++) err[i] *= err[i];
      else if (p.loss === 'exponential') for (let i = 0; i < n; i++) err[i] = 1 - Math.exp(-err[i]);
      let estErr = 0;
      for (let i = 0; i < n; i++) if (sw[i] > 0) estErr += sw[i] * err[i];
      if (estErr <= 0) {
        members.push(m);
        weights.push(1);
        errors.push(0);
        break;
      }
      if (estErr >= 0.5) {
        // Worse than chance: drop it (unless it is the only member) and stop.
        if (members.length === 0) {
          members.push(m);
          weights.push(1);
          errors.push(estErr);
        }
        break;
      }
      const beta = estErr / (1 - estErr);
      members.push(m);
      weights.push(p.learningRate * Math.log(1 / beta));
      errors.push(estErr);
      if (t < p.nEstimators - 1) {
        for (let i = 0; i < n; i++) if (sw[i] > 0) sw[i] *= beta ** ((1 - err[i]) * p.learningRate);
        total = 0;
        for (let i = 0; i < n; i++) total += sw[i];
        if (!(total > 0)) break;
        for (let i = 0; i < n; i++) sw[i] /= total;
      }
    }
    this.#members = members;
    this.#weights = Float64Array.from(weights);
    this.#errors = Float64Array.from(errors);
  }

  /** The fitted members (sklearn's `estimators_`). */
  get estimators(): MemberEstimator[] {
    return this.fitted('estimators', this.#members).slice();
  }

  /** Weight of each member (sklearn's `estimator_weights_`). */
  get estimatorWeights(): Float64Array {
    return this.fitted('estimatorWeights', this.#weights).slice();
  }

  /** Average loss of each member (sklearn's `estimator_errors_`). */
  get estimatorErrors(): Float64Array {
    return this.fitted('estimatorErrors', this.#errors).slice();
  }

  /**
   * Weighted median of the members' predictions (the first member, in
   * increasing prediction order, whose cumulative weight reaches half the total).
   * @example ada.predict(X)
   */
  predict(X: MatrixLike): Float64Array {
    this.checkIsFitted();
    const x = this.validateData(X, undefined, { reset: false }).X;
    const n = x.shape[0];
    const members = this.estimators;
    const w = this.estimatorWeights;
    const preds = members.map((m) => (m.predict as (X: MatrixLike) => ArrayLike<number>)(x));
    const t = members.length;
    let total = 0;
    for (let k = 0; k < t; k++) total += w[k];
    const order = Array.from({ length: t }, (_, k) => k);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      order.sort((a, b) => preds[a][i] - preds[b][i] || a - b);
      let cum = 0;
      for (const k of order) {
        cum += w[k];
        if (cum >= 0.5 * total) {
          out[i] = preds[k][i];
          break;
        }
      }
    }
    return out;
  }

  /**
   * R².
   * @example ada.score(X, y)
   */
  score(X: MatrixLike, y: Labels, sampleWeight?: ArrayLike<number>): number {
    return regressorScore(y, this.predict(X), sampleWeight);
  }

  protected getState(): Record<string, unknown> {
    return { members: this.#members, weights: this.#weights, errors: this.#errors };
  }

  protected setState(state: Record<string, unknown>): void {
    const where = 'saved AdaBoostRegressor';
    const r = new StateReader(state, where);
    this.#members = readMembers(state.members, where);
    this.#weights = r.float64Array('weights', this.#members.length);
    this.#errors = r.float64Array('errors', this.#members.length);
  }
}
