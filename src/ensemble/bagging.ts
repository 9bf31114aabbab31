/**
 * `BaggingClassifier` / `BaggingRegressor` (scikit-learn's
 * `sklearn.ensemble.Bagging*`): copies of a base estimator (a decision tree
 * by default) fitted on random subsets of the rows (`maxSamples`, drawn with
 * replacement when `bootstrap`) and of the columns (`maxFeatures`,
 * `bootstrapFeatures`); predictions are averaged (probabilities when the base
 * estimator has `predictProba`, else votes).
 *
 * Differences from scikit-learn: draws come from typelearn's generator;
 * members are fitted on the drawn rows themselves (sklearn passes bootstrap
 * counts as sample weights when the base estimator takes them); members are
 * fitted in turn (`nJobs` is accepted for compatibility); no out-of-bag score.
 */
import { ValidationError } from '../base/errors.js';
import { decodeLabels, encodeLabels } from '../base/labels.js';
import { instanceOf, interval, type ParameterConstraints } from '../base/params.js';
import { classifierScore, regressorScore } from '../base/score.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Label, LabelArray, Labels, MatrixLike } from '../base/types.js';
import { checkRandomState, RandomGenerator, type RandomState } from '../tensor/random.js';
import { Tensor } from '../tensor/tensor.js';
import { DecisionTreeClassifier } from '../tree/decision-tree-classifier.js';
import { DecisionTreeRegressor } from '../tree/decision-tree-regressor.js';
import { type MemberEstimator, MetaEstimator, makeMember, readMembers, takeRows } from './meta-estimator.js';

/** Options of the bagging ensembles (sklearn's names, camelCase). */
export interface BaggingParams {
  /** Base estimator; default a decision tree. */
  estimator: MemberEstimator | null | undefined;
  /** Number of members. Default 10. */
  nEstimators: number;
  /** Rows per member: a count, or a fraction in (0, 1]. Default 1.0. */
  maxSamples: number;
  /** Columns per member: a count, or a fraction in (0, 1]. Default 1.0. */
  maxFeatures: number;
  /** Draw rows with replacement. Default `true`. */
  bootstrap: boolean;
  /** Draw columns with replacement. Default `false`. */
  bootstrapFeatures: boolean;
  /** Accepted for compatibility; members are fitted in turn. */
  nJobs: number | null | undefined;
  /** Seed or generator. Default `undefined`. */
  randomState: RandomState | undefined;
}

const DEFAULTS: BaggingParams = {
  estimator: undefined,
  nEstimators: 10,
  maxSamples: 1.0,
  maxFeatures: 1.0,
  bootstrap: true,
  bootstrapFeatures: false,
  nJobs: undefined,
  randomState: undefined,
};

const CONSTRAINTS: ParameterConstraints = {
  estimator: [instanceOf(Object), null],
  nEstimators: [interval('int', 1, null, 'left')],
  maxSamples: [interval('int', 1, null, 'left'), interval('real', 0, 1, 'right')],
  maxFeatures: [interval('int', 1, null, 'left'), interval('real', 0, 1, 'right')],
  bootstrap: ['boolean'],
  bootstrapFeatures: ['boolean'],
  nJobs: [interval('int', null, null, 'neither'), null],
  randomState: ['randomState'],
};

function resolveCount(v: number, total: number, name: string): number {
  const k = Number.isInteger(v) && v > 1 ? v : Math.max(1, Math.floor(v * total));
  if (k > total) throw new ValidationError(`${name} must be <= ${total}, got ${v}`, { param: name, got: v });
  return k;
}

/** Shared implementation of the bagging ensembles. */
abstract class BaseBagging extends MetaEstimator<BaggingParams> {
  protected members?: MemberEstimator[];
  protected memberFeatures?: Int32Array[];

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), requiresY: true, allowsNaN: true };
  }

  protected abstract defaultEstimator(): MemberEstimator;

  /** Fits the members on their row/column draws. */
  protected async fitMembers(x: Tensor, y: Float64Array | string[], opts: FitOptions): Promise<void> {
    if (opts.sampleWeight !== undefined) {
      throw new ValidationError(`${this.estimatorName} does not support sampleWeight`, { param: 'sampleWeight' });
    }
    const [n, f] = x.shape;
    const p = this.params;
    const nRows = resolveCount(p.maxSamples, n, 'maxSamples');
    const nCols = resolveCount(p.maxFeatures, f, 'maxFeatures');
    const rng = checkRandomState(p.randomState);
    const base = p.estimator ?? this.defaultEstimator();
    const members: MemberEstimator[] = [];
    const features: Int32Array[] = [];
    for (let t = 0; t < p.nEstimators; t++) {
      const seed = Math.floor(rng.random() * 2147483646);
      const r = new RandomGenerator(seed);
      const cols = p.bootstrapFeatures
        ? r.choice(f, { size: nCols })
        : nCols === f
          ? Int32Array.from({ length: f }, (_, j) => j)
          : r.choice(f, { size: nCols, replace: false });
      const rows = p.bootstrap ? r.choice(n, { size: nRows }) : r.choice(n, { size: nRows, replace: false });
      const sub = new Tensor(takeRows(x.data, f, rows, cols), [nRows, nCols]);
      const ySub = Array.from(rows, (i) => y[i]) as Label[];
      const m = makeMember(base, seed);
      await m.fit(sub, ySub as Labels);
      members.push(m);
      features.push(cols);
      this.throwIfAborted(opts.signal);
    }
    this.members = members;
    this.memberFeatures = features;
  }

  /** Calls `visit(member, Xcols)` with `X` restricted to each member's columns. */
  protected eachMember(X: MatrixLike, visit: (m: MemberEstimator, x: Tensor) => void): number {
    this.checkIsFitted();
    const x = this.validateData(X, undefined, { reset: false, allowNaN: true }).X;
    const [n, f] = x.shape;
    const all = Int32Array.from({ length: n }, (_, i) => i);
    const members = this.fitted('members', this.members);
    const feats = this.fitted('memberFeatures', this.memberFeatures);
    for (let t = 0; t < members.length; t++) {
      visit(members[t], new Tensor(takeRows(x.data, f, all, feats[t]), [n, feats[t].length]));
    }
    return n;
  }

  /** The fitted members (sklearn's `estimators_`). */
  get estimators(): MemberEstimator[] {
    return this.fitted('estimators', this.members).slice();
  }

  /** Columns each member saw (sklearn's `estimators_features_`). */
  get estimatorsFeatures(): Int32Array[] {
    return this.fitted('estimatorsFeatures', this.memberFeatures).map((c) => c.slice());
  }

  protected getState(): Record<string, unknown> {
    return { members: this.members, features: this.memberFeatures };
  }

  protected setState(state: Record<string, unknown>): void {
    const where = `saved ${this.estimatorName}`;
    const members = readMembers<MemberEstimator>(state.members, where);
    const feats = state.features;
    if (!Array.isArray(feats) || feats.length !== members.length || !feats.every((c) => c instanceof Int32Array)) {
      throw new ValidationError(`${where}: 'features' must hold one Int32Array per member`);
    }
    this.members = members;
    this.memberFeatures = feats as Int32Array[];
  }
}

/**
 * Bagging classifier.
 * @example
 * import { BaggingClassifier } from 'typelearn/ensemble';
 * const bag = await new BaggingClassifier({ nEstimators: 20, randomState: 0 }).fit(X, y);
 * bag.predictProba(XTest);
 */
export class BaggingClassifier extends BaseBagging {
  static override readonly estimatorName = 'BaggingClassifier';
  static override parameterConstraints = CONSTRAINTS;
  #classes?: Label[];

  /** @param options - see {@link BaggingParams}. */
  constructor(options: Partial<BaggingParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'classifier' };
  }

  protected defaultEstimator(): MemberEstimator {
    return new DecisionTreeClassifier();
  }

  protected async fitImpl(X: MatrixLike, y: Labels | undefined, opts: FitOptions): Promise<void> {
    const data = this.validateData(X, y, { reset: true, allowNaN: true });
    this.#classes = encodeLabels(data.y).classes;
    await this.fitMembers(data.X, data.y, opts);
  }

  /** The classes seen in `fit`, sorted. */
  get classes(): Label[] {
    return this.fitted('classes', this.#classes).slice();
  }

  /**
   * Mean of the members' probabilities (or vote shares when they have no `predictProba`).
   * @example bag.predictProba(X)
   */
  predictProba(X: MatrixLike): Tensor {
    const classes = this.classes;
    const k = classes.length;
    const index = new Map<Label, number>(classes.map((c, i) => [c, i]));
    let acc = new Float64Array(0);
    let count = 0;
    const n = this.eachMember(X, (m, x) => {
      if (acc.length === 0) acc = new Float64Array(x.shape[0] * k);
      const rows = x.shape[0];
      if (typeof m.predictProba === 'function') {
        // A member may have seen fewer classes than the ensemble: map its columns.
        const p = m.predictProba(x).data;
        const mc = m.classes ?? classes;
        for (let i = 0; i < rows; i++)
          for (let c = 0; c < mc.length; c++) acc[i * k + (index.get(mc[c]) as number)] += p[i * mc.length + c];
      } else {
        const pred = (m.predict as (X: MatrixLike) => ArrayLike<Label>)(x);
        for (let i = 0; i < rows; i++) acc[i * k + (index.get(pred[i]) as number)] += 1;
      }
      count++;
    });
    for (let i = 0; i < acc.length; i++) acc[i] /= count;
    return new Tensor(acc, [n, k]);
  }

  /**
   * Class with the highest mean probability.
   * @example bag.predict(X)
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
   * @example bag.score(X, y)
   */
  score(X: MatrixLike, y: Labels, sampleWeight?: ArrayLike<number>): number {
    return classifierScore(y, this.predict(X), sampleWeight);
  }

  protected override getState(): Record<string, unknown> {
    return { ...super.getState(), classes: this.#classes };
  }

  protected override setState(state: Record<string, unknown>): void {
    super.setState(state);
    this.#classes = new StateReader(state, 'saved BaggingClassifier').labels('classes');
  }
}

/**
 * Bagging regressor.
 * @example
 * import { BaggingRegressor } from 'typelearn/ensemble';
 * const bag = await new BaggingRegressor({ nEstimators: 20, randomState: 0 }).fit(X, y);
 * bag.predict(XTest);
 */
export class BaggingRegressor extends BaseBagging {
  static override readonly estimatorName = 'BaggingRegressor';
  static override parameterConstraints = CONSTRAINTS;

  /** @param options - see {@link BaggingParams}. */
  constructor(options: Partial<BaggingParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'regressor' };
  }

  protected defaultEstimator(): MemberEstimator {
    return new DecisionTreeRegressor();
  }

  protected async fitImpl(X: MatrixLike, y: Labels | undefined, opts: FitOptions): Promise<void> {
    const data = this.validateData(X, y, { reset: true, yNumeric: true, allowNaN: true });
    await this.fitMembers(data.X, data.y, opts);
  }

  /**
   * Mean of the members' predictions.
   * @example bag.predict(X)
   */
  predict(X: MatrixLike): Float64Array {
    let out = new Float64Array(0);
    let count = 0;
    this.eachMember(X, (m, x) => {
      if (out.length === 0) out = new Float64Array(x.shape[0]);
      const p = (m.predict as (X: MatrixLike) => ArrayLike<number>)(x);
      for (let i = 0; i < out.length; i++) out[i] += p[i];
      count++;
    });
    for (let i = 0; i < out.length; i++) out[i] /= count;
    return out;
  }

  /**
   * R².
   * @example bag.score(X, y)
   */
  score(X: MatrixLike, y: Labels, sampleWeight?: ArrayLike<number>): number {
    return regressorScore(y, this.predict(X), sampleWeight);
  }
}
