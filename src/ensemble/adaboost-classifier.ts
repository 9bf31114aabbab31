/**
 * `AdaBoostClassifier` (scikit-learn 1.2's `sklearn.ensemble.AdaBoostClassifier`):
 * boosting by re-weighting — each new member (a depth-1 tree by default)
 * is fitted with sample weights that emphasise the rows its predecessors got
 * wrong. `algorithm: 'SAMME.R'` (sklearn 1.2's default) boosts on class
 * probabilities; `'SAMME'` on labels, with member weights
 * `learningRate · (ln((1 − err)/err) + ln(K − 1))`.
 *
 * Differences from scikit-learn: member seeds come from typelearn's generator.
 */
import { ValidationError } from '../base/errors.js';
import { decodeLabels, encodeLabels } from '../base/labels.js';
import { instanceOf, interval, options, type ParameterConstraints } from '../base/params.js';
import { classifierScore } from '../base/score.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Label, LabelArray, Labels, MatrixLike } from '../base/types.js';
import { checkSampleWeight } from '../base/validation.js';
import { checkRandomState, type RandomState } from '../tensor/random.js';
import { Tensor } from '../tensor/tensor.js';
import { DecisionTreeClassifier } from '../tree/decision-tree-classifier.js';
import { type MemberEstimator, MetaEstimator, makeMember, readMembers, requireMethod } from './meta-estimator.js';

/** Options of {@link AdaBoostClassifier} (sklearn's names, camelCase). */
export interface AdaBoostClassifierParams {
  /** Base estimator (must accept `sampleWeight`); default `DecisionTreeClassifier({ maxDepth: 1 })`. */
  estimator: MemberEstimator | null | undefined;
  /** Maximum number of members (boosting stops early on a perfect fit). Default 50. */
  nEstimators: number;
  /** Shrinks each member's contribution. Default 1. */
  learningRate: number;
  /** `'SAMME.R'` (default, needs `predictProba`) or `'SAMME'`. */
  algorithm: 'SAMME' | 'SAMME.R';
  /** Seed or generator for the members' seeds. Default `undefined`. */
  randomState: RandomState | undefined;
}

const EPS = 2.220446049250313e-16;

/**
 * AdaBoost classifier (SAMME / SAMME.R).
 * @example
 * import { AdaBoostClassifier } from 'typelearn/ensemble';
 * const ada = await new AdaBoostClassifier({ nEstimators: 100, randomState: 0 }).fit(X, y);
 * ada.predict(XTest);
 */
export class AdaBoostClassifier extends MetaEstimator<AdaBoostClassifierParams> {
  static override readonly estimatorName = 'AdaBoostClassifier';
  static override parameterConstraints: ParameterConstraints = {
    estimator: [instanceOf(Object), null],
    nEstimators: [interval('int', 1, null, 'left')],
    learningRate: [interval('real', 0, null, 'neither')],
    algorithm: [options(['SAMME', 'SAMME.R'])],
    randomState: ['randomState'],
  };

  #members?: MemberEstimator[];
  #weights?: Float64Array;
  #errors?: Float64Array;
  #classes?: Label[];

  /** @param options - see {@link AdaBoostClassifierParams}. */
  constructor(opts: Partial<AdaBoostClassifierParams> = {}) {
    super(
      { estimator: undefined, nEstimators: 50, learningRate: 1, algorithm: 'SAMME.R', randomState: undefined },
      opts,
    );
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'classifier', requiresY: true };
  }

  protected async fitImpl(X: MatrixLike, y: Labels | undefined, opts: FitOptions): Promise<void> {
    const data = this.validateData(X, y, { reset: true });
    const { classes, encoded } = encodeLabels(data.y);
    const n = encoded.length;
    const k = classes.length;
    const sw = checkSampleWeight(opts.sampleWeight, n);
    let total = sw.reduce((a, b) => a + b, 0);
    if (!(total > 0)) throw new ValidationError('sampleWeight must have a positive sum', { param: 'sampleWeight' });
    for (let i = 0; i < n; i++) sw[i] /= total;
    const p = this.params;
    const base = p.estimator ?? new DecisionTreeClassifier({ maxDepth: 1 });
    const real = p.algorithm === 'SAMME.R';
    if (real) requireMethod(base, 'predictProba', "algorithm 'SAMME.R'");
    const rng = checkRandomState(p.randomState);
    const members: MemberEstimator[] = [];
    const weights: number[] = [];
    const errors: number[] = [];
    const index = new Map<Label, number>(classes.map((c, i) => [c, i]));
    for (let t = 0; t < p.nEstimators; t++) {
      this.throwIfAborted(opts.signal);
      const m = makeMember(base, Math.floor(rng.random() * 2147483646));
      await m.fit(data.X, data.y as Labels, { sampleWeight: sw });
      const pred = new Int32Array(n);
      let proba: Float64Array | undefined;
      if (real) {
        proba = this.#alignedProba(m, data.X, k, index);
        for (let i = 0; i < n; i++) {
          let best = 0;
          for (let c = 1; c < k; c++) if (proba[i * k + c] > proba[i * k + best]) best = c;
          pred[i] = best;
        }
      } else {
        const labels = (m.predict as (X: MatrixLike) => ArrayLike<Label>)(data.X);
        for (let i = 0; i < n; i++) pred[i] = index.get(labels[i]) as number;
      }
      let err = 0;
      for (let i = 0; i < n; i++) if (pred[i] !== encoded[i]) err += sw[i];
      members.push(m);
      if (err <= 0) {
        weights.push(1);
        errors.push(0);
        break;
      }
      if (real) {
        // sklearn: w_i *= exp(−lr · (K−1)/K · Σ_c y_code·log p), y_code = 1 for the true class, −1/(K−1) otherwise.
        const pr = proba as Float64Array;
        for (let i = 0; i < n; i++) {
          let s = 0;
          for (let c = 0; c < k; c++) {
            const code = c === encoded[i] ? 1 : -1 / (k - 1);
            s += code * Math.log(Math.max(pr[i * k + c], EPS));
          }
          const ew = -p.learningRate * ((k - 1) / k) * s;
          if (t < p.nEstimators - 1 && (sw[i] > 0 || ew < 0)) sw[i] *= Math.exp(ew);
        }
        weights.push(1);
        errors.push(err);
      } else {
        if (err >= 1 - 1 / k) {
          members.pop();
          if (members.length === 0) {
            throw new ValidationError(
              'BaseClassifier in AdaBoostClassifier ensemble is worse than random, ensemble can not be fit.',
            );
          }
          break;
        }
        const alpha = p.learningRate * (Math.log((1 - err) / err) + Math.log(k - 1));
        if (t < p.nEstimators - 1)
          for (let i = 0; i < n; i++) if (pred[i] !== encoded[i] && sw[i] > 0) sw[i] *= Math.exp(alpha);
        weights.push(alpha);
        errors.push(err);
      }
      total = 0;
      for (let i = 0; i < n; i++) total += sw[i];
      if (!(total > 0)) break;
      for (let i = 0; i < n; i++) sw[i] /= total;
    }
    this.#members = members;
    this.#weights = Float64Array.from(weights);
    this.#errors = Float64Array.from(errors);
    this.#classes = classes;
  }

  /** A member's probabilities with columns in the ensemble's class order. */
  #alignedProba(m: MemberEstimator, x: MatrixLike, k: number, index: Map<Label, number>): Float64Array {
    const p = (m.predictProba as (X: MatrixLike) => Tensor)(x).data;
    const mc = m.classes ?? [...index.keys()];
    const n = p.length / mc.length;
    const out = new Float64Array(n * k);
    for (let i = 0; i < n; i++)
      for (let c = 0; c < mc.length; c++) out[i * k + (index.get(mc[c]) as number)] = p[i * mc.length + c];
    return out;
  }

  /** The fitted members (sklearn's `estimators_`). */
  get estimators(): MemberEstimator[] {
    return this.fitted('estimators', this.#members).slice();
  }

  /** Weight of each member (sklearn's `estimator_weights_`). */
  get estimatorWeights(): Float64Array {
    return this.fitted('estimatorWeights', this.#weights).slice();
  }

  /** Weighted training error of each member (sklearn's `estimator_errors_`). */
  get estimatorErrors(): Float64Array {
    return this.fitted('estimatorErrors', this.#errors).slice();
  }

  /** The classes seen in `fit`, sorted. */
  get classes(): Label[] {
    return this.fitted('classes', this.#classes).slice();
  }

  /**
   * The boosted decision values `[n, K]` (`[n]` collapsed to one column of
   * `score(class 1) − score(class 0)` for two classes, as sklearn).
   * @example ada.decisionFunction(X)
   */
  decisionFunction(X: MatrixLike): Tensor {
    this.checkIsFitted();
    const x = this.validateData(X, undefined, { reset: false }).X;
    const classes = this.classes;
    const k = classes.length;
    const n = x.shape[0];
    const index = new Map<Label, number>(classes.map((c, i) => [c, i]));
    const members = this.estimators;
    const w = this.estimatorWeights;
    const acc = new Float64Array(n * k);
    let total = 0;
    members.forEach((m, t) => {
      if (this.params.algorithm === 'SAMME.R') {
        const p = this.#alignedProba(m, x, k, index);
        for (let i = 0; i < n; i++) {
          let mean = 0;
          for (let c = 0; c < k; c++) {
            p[i * k + c] = Math.log(Math.max(p[i * k + c], EPS));
            mean += p[i * k + c] / k;
          }
          for (let c = 0; c < k; c++) acc[i * k + c] += (k - 1) * (p[i * k + c] - mean);
        }
      } else {
        const labels = (m.predict as (X: MatrixLike) => ArrayLike<Label>)(x);
        for (let i = 0; i < n; i++) acc[i * k + (index.get(labels[i]) as number)] += w[t];
      }
      total += w[t];
    });
    for (let i = 0; i < acc.length; i++) acc[i] /= total;
    if (k === 2) {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = acc[i * 2 + 1] - acc[i * 2];
      return new Tensor(out, [n]);
    }
    return new Tensor(acc, [n, k]);
  }

  /**
   * Class probabilities: softmax of the decision values scaled as sklearn 1.2 does (÷ (K − 1); binary: ±d/2).
   * @example ada.predictProba(X)
   */
  predictProba(X: MatrixLike): Tensor {
    const d = this.decisionFunction(X);
    const k = this.classes.length;
    const n = d.shape[0];
    const out = new Float64Array(n * k);
    for (let i = 0; i < n; i++) {
      // sklearn: binary decisions become [−d/2, d/2]; otherwise d / (K − 1); then softmax.
      if (k === 2) {
        const v = d.data[i] / 2;
        out[i * 2] = -v;
        out[i * 2 + 1] = v;
      } else for (let c = 0; c < k; c++) out[i * k + c] = d.data[i * k + c] / (k - 1);
      let max = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < k; c++) if (out[i * k + c] > max) max = out[i * k + c];
      let s = 0;
      for (let c = 0; c < k; c++) {
        out[i * k + c] = Math.exp(out[i * k + c] - max);
        s += out[i * k + c];
      }
      for (let c = 0; c < k; c++) out[i * k + c] /= s;
    }
    return new Tensor(out, [n, k]);
  }

  /**
   * Class with the largest decision value.
   * @example ada.predict(X)
   */
  predict(X: MatrixLike): Int32Array | LabelArray {
    const p = this.predictProba(X).data as Float64Array;
    const k = this.classes.length;
    const idx = new Int32Array(p.length / k);
    for (let i = 0; i < idx.length; i++) {
      let best = 0;
      for (let c = 1; c < k; c++) if (p[i * k + c] > p[i * k + best]) best = c;
      idx[i] = best;
    }
    return decodeLabels(this.classes, idx);
  }

  /**
   * Mean accuracy.
   * @example ada.score(X, y)
   */
  score(X: MatrixLike, y: Labels, sampleWeight?: ArrayLike<number>): number {
    return classifierScore(y, this.predict(X), sampleWeight);
  }

  protected getState(): Record<string, unknown> {
    return { members: this.#members, weights: this.#weights, errors: this.#errors, classes: this.#classes };
  }

  protected setState(state: Record<string, unknown>): void {
    const where = 'saved AdaBoostClassifier';
    const r = new StateReader(state, where);
    this.#members = readMembers(state.members, where);
    this.#weights = r.float64Array('weights', this.#members.length);
    this.#errors = r.float64Array('errors', this.#members.length);
    this.#classes = r.labels('classes');
  }
}
