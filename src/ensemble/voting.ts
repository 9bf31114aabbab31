/**
 * `VotingClassifier` / `VotingRegressor` (scikit-learn's
 * `sklearn.ensemble.Voting*`): fit several estimators on the same data and
 * combine them — majority vote of the labels (`voting: 'hard'`) or the
 * weighted mean of the class probabilities (`'soft'`) for classifiers, the
 * weighted mean of the predictions for regressors.
 *
 * Differences from scikit-learn: members are fitted one after the other
 * (`nJobs` is accepted for compatibility); no `transform` / `flattenTransform`.
 */
import { ValidationError } from '../base/errors.js';
import { decodeLabels, encodeLabels } from '../base/labels.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import { classifierScore, regressorScore } from '../base/score.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Label, LabelArray, Labels, MatrixLike } from '../base/types.js';
import { Tensor } from '../tensor/tensor.js';
import { type MemberEstimator, MetaEstimator, makeMember, readMembers, requireMethod } from './meta-estimator.js';

/** A named member: `[name, estimator]`. */
export type NamedEstimator = [string, MemberEstimator];

/** Options of {@link VotingClassifier}. */
export interface VotingClassifierParams {
  /** The members, `[name, estimator]` pairs (unfitted; they are cloned). */
  estimators: NamedEstimator[];
  /** `'hard'` (default): majority vote; `'soft'`: argmax of the weighted mean probabilities. */
  voting: 'hard' | 'soft';
  /** One weight per member; default equal weights. */
  weights: number[] | null | undefined;
  /** Accepted for compatibility; members are fitted in turn. */
  nJobs: number | null | undefined;
}

/** Options of {@link VotingRegressor}. */
export interface VotingRegressorParams {
  /** The members, `[name, estimator]` pairs. */
  estimators: NamedEstimator[];
  /** One weight per member; default equal weights. */
  weights: number[] | null | undefined;
  /** Accepted for compatibility. */
  nJobs: number | null | undefined;
}

function checkMembers(estimators: unknown, weights: unknown, who: string): NamedEstimator[] {
  if (!Array.isArray(estimators) || estimators.length === 0) {
    throw new ValidationError(`${who}: 'estimators' must be a non-empty list of [name, estimator] pairs`, {
      param: 'estimators',
    });
  }
  const names = new Set<string>();
  for (const e of estimators) {
    if (!Array.isArray(e) || e.length !== 2 || typeof e[0] !== 'string' || typeof e[1]?.fit !== 'function') {
      throw new ValidationError(`${who}: every entry of 'estimators' must be a [name, estimator] pair`, {
        param: 'estimators',
      });
    }
    if (names.has(e[0]))
      throw new ValidationError(`${who}: names must be unique, '${e[0]}' repeats`, { param: 'estimators' });
    names.add(e[0]);
  }
  if (weights !== undefined && weights !== null) {
    if (!Array.isArray(weights) || weights.length !== estimators.length || !weights.every((w) => Number.isFinite(w))) {
      throw new ValidationError(
        `Number of estimators and weights must be equal; got ${Array.isArray(weights) ? weights.length : 'invalid'} weights, ${estimators.length} estimators`,
        { param: 'weights' },
      );
    }
  }
  return estimators as NamedEstimator[];
}

const CONSTRAINTS = {
  estimators: 'noValidation',
  weights: ['arrayLike', null],
  nJobs: [interval('int', null, null, 'neither'), null],
} as const;

/**
 * Soft or hard voting over classifiers.
 * @example
 * import { VotingClassifier } from 'typelearn/ensemble';
 * const vote = new VotingClassifier({ estimators: [['tree', new DecisionTreeClassifier()], ['nb', new GaussianNB()]], voting: 'soft' });
 * await vote.fit(X, y);
 * vote.predict(XTest);
 */
export class VotingClassifier extends MetaEstimator<VotingClassifierParams> {
  static override readonly estimatorName = 'VotingClassifier';
  static override parameterConstraints: ParameterConstraints = { ...CONSTRAINTS, voting: [options(['hard', 'soft'])] };

  #members?: MemberEstimator[];
  #classes?: Label[];

  /** @param options - see {@link VotingClassifierParams}. */
  constructor(opts: Partial<VotingClassifierParams> = {}) {
    super({ estimators: [], voting: 'hard', weights: undefined, nJobs: undefined }, opts);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'classifier', requiresY: true, allowsNaN: true };
  }

  protected async fitImpl(X: MatrixLike, y: Labels | undefined, opts: FitOptions): Promise<void> {
    const named = checkMembers(this.params.estimators, this.params.weights, this.estimatorName);
    const data = this.validateData(X, y, { reset: true, allowNaN: true });
    const { classes } = encodeLabels(data.y);
    const members: MemberEstimator[] = [];
    for (const [, est] of named) {
      if (this.params.voting === 'soft') requireMethod(est, 'predictProba', "voting: 'soft'");
      const m = makeMember(est);
      await m.fit(data.X, data.y as Labels, opts.sampleWeight === undefined ? {} : { sampleWeight: opts.sampleWeight });
      members.push(m);
    }
    this.#members = members;
    this.#classes = classes;
  }

  /** The fitted members, in `estimators` order (sklearn's `estimators_`). */
  get members(): MemberEstimator[] {
    return this.fitted('members', this.#members).slice();
  }

  /** The classes seen in `fit`, sorted. */
  get classes(): Label[] {
    return this.fitted('classes', this.#classes).slice();
  }

  #weights(): number[] {
    const n = this.params.estimators.length;
    return this.params.weights ?? new Array(n).fill(1);
  }

  #x(X: MatrixLike): Tensor {
    this.checkIsFitted();
    return this.validateData(X, undefined, { reset: false, allowNaN: true }).X;
  }

  /**
   * Class probabilities: the weighted mean of the members' probabilities
   * (`'soft'`), or each class's weighted share of the votes (`'hard'`; sklearn
   * has no `predict_proba` then).
   * @example vote.predictProba(X).shape // [n, nClasses]
   */
  predictProba(X: MatrixLike): Tensor {
    const x = this.#x(X);
    const members = this.members;
    const w = this.#weights();
    const classes = this.classes;
    const k = classes.length;
    const n = x.shape[0];
    const acc = new Float64Array(n * k);
    let total = 0;
    const index = new Map<Label, number>(classes.map((c, i) => [c, i]));
    members.forEach((m, t) => {
      if (this.params.voting === 'soft') {
        const p = (m.predictProba as (X: MatrixLike) => Tensor)(x).data;
        for (let i = 0; i < acc.length; i++) acc[i] += w[t] * p[i];
      } else {
        const pred = (m.predict as (X: MatrixLike) => ArrayLike<Label>)(x);
        for (let i = 0; i < n; i++) acc[i * k + (index.get(pred[i]) as number)] += w[t];
      }
      total += w[t];
    });
    for (let i = 0; i < acc.length; i++) acc[i] /= total;
    return new Tensor(acc, [n, k]);
  }

  /**
   * Majority (hard) or probability (soft) vote; ties go to the first class.
   * @example vote.predict(X)
   */
  predict(X: MatrixLike): Int32Array | LabelArray {
    const classes = this.classes;
    const k = classes.length;
    const scores = this.predictProba(X).data as Float64Array;
    const n = scores.length / k;
    const idx = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let c = 1; c < k; c++) if (scores[i * k + c] > scores[i * k + best]) best = c;
      idx[i] = best;
    }
    return decodeLabels(classes, idx);
  }

  /**
   * Mean accuracy.
   * @example vote.score(X, y)
   */
  score(X: MatrixLike, y: Labels, sampleWeight?: ArrayLike<number>): number {
    return classifierScore(y, this.predict(X), sampleWeight);
  }

  protected getState(): Record<string, unknown> {
    return { members: this.#members, classes: this.#classes };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, 'saved VotingClassifier');
    this.#classes = r.labels('classes');
    this.#members = readMembers(state.members, 'saved VotingClassifier');
  }
}

/**
 * Weighted mean of several regressors' predictions.
 * @example
 * import { VotingRegressor } from 'typelearn/ensemble';
 * const vote = await new VotingRegressor({ estimators: [['lr', new LinearRegression()], ['tree', new DecisionTreeRegressor()]] }).fit(X, y);
 * vote.predict(XTest);
 */
export class VotingRegressor extends MetaEstimator<VotingRegressorParams> {
  static override readonly estimatorName = 'VotingRegressor';
  static override parameterConstraints: ParameterConstraints = CONSTRAINTS;

  #members?: MemberEstimator[];

  /** @param options - see {@link VotingRegressorParams}. */
  constructor(opts: Partial<VotingRegressorParams> = {}) {
    super({ estimators: [], weights: undefined, nJobs: undefined }, opts);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'regressor', requiresY: true, allowsNaN: true };
  }

  protected async fitImpl(X: MatrixLike, y: Labels | undefined, opts: FitOptions): Promise<void> {
    const named = checkMembers(this.params.estimators, this.params.weights, this.estimatorName);
    const data = this.validateData(X, y, { reset: true, yNumeric: true, allowNaN: true });
    const members: MemberEstimator[] = [];
    for (const [, est] of named) {
      const m = makeMember(est);
      await m.fit(data.X, data.y, opts.sampleWeight === undefined ? {} : { sampleWeight: opts.sampleWeight });
      members.push(m);
    }
    this.#members = members;
  }

  /** The fitted members (sklearn's `estimators_`). */
  get members(): MemberEstimator[] {
    return this.fitted('members', this.#members).slice();
  }

  /**
   * Weighted mean of the members' predictions.
   * @example vote.predict(X)
   */
  predict(X: MatrixLike): Float64Array {
    this.checkIsFitted();
    const x = this.validateData(X, undefined, { reset: false, allowNaN: true }).X;
    const n = x.shape[0];
    const w = this.params.weights ?? new Array(this.params.estimators.length).fill(1);
    const out = new Float64Array(n);
    let total = 0;
    this.members.forEach((m, t) => {
      const p = (m.predict as (X: MatrixLike) => ArrayLike<number>)(x);
      for (let i = 0; i < n; i++) out[i] += w[t] * p[i];
      total += w[t];
    });
    for (let i = 0; i < n; i++) out[i] /= total;
    return out;
  }

  /**
   * R².
   * @example vote.score(X, y)
   */
  score(X: MatrixLike, y: Labels, sampleWeight?: ArrayLike<number>): number {
    return regressorScore(y, this.predict(X), sampleWeight);
  }

  protected getState(): Record<string, unknown> {
    return { members: this.#members };
  }

  protected setState(state: Record<string, unknown>): void {
    this.#members = readMembers(state.members, 'saved VotingRegressor');
  }
}
