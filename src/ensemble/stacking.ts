/**
 * `StackingClassifier` / `StackingRegressor` (scikit-learn's
 * `sklearn.ensemble.Stacking*`): the members' out-of-fold predictions
 * (`crossValPredict`, 5 folds by default, stratified for classifiers) become
 * the features of a final estimator; the members are then refitted on all the
 * data for prediction. Classifiers stack probabilities (`stackMethod: 'auto'`
 * picks `predictProba`, then `decisionFunction`, then `predict`), keeping one
 * column per member for binary problems, as sklearn does.
 *
 * Differences from scikit-learn: `nJobs` is passed to `crossValPredict`
 * (default 1 here); stacked class predictions (`'predict'`) are class indices.
 */
import { ValidationError } from '../base/errors.js';
import { decodeLabels, encodeLabels } from '../base/labels.js';
import { instanceOf, interval, options, type ParameterConstraints } from '../base/params.js';
import { classifierScore, regressorScore } from '../base/score.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Label, LabelArray, Labels, MatrixLike } from '../base/types.js';
import { LogisticRegression } from '../linear-model/logistic-regression.js';
import { RidgeCV } from '../linear-model/ridge-cv.js';
import { crossValPredict } from '../model-selection/cross-val-predict.js';
import { Tensor } from '../tensor/tensor.js';
import { type MemberEstimator, MetaEstimator, makeMember, readMembers } from './meta-estimator.js';
import type { NamedEstimator } from './voting.js';

type StackMethod = 'auto' | 'predictProba' | 'decisionFunction' | 'predict';

/** Options of the stacking ensembles (sklearn's names, camelCase). */
export interface StackingParams {
  /** The members, `[name, estimator]` pairs. */
  estimators: NamedEstimator[];
  /** Learns from the stacked predictions; default `LogisticRegression()` (classifier) / `RidgeCV()` (regressor). */
  finalEstimator: MemberEstimator | null | undefined;
  /** Folds for the out-of-fold predictions (a count or a splitter). Default 5. */
  cv: number | object;
  /** Which member output to stack (classifier). Default `'auto'`. */
  stackMethod: StackMethod;
  /** Workers for `crossValPredict`. Default 1. */
  nJobs: number | null | undefined;
  /** Also give the final estimator the original features. Default `false`. */
  passthrough: boolean;
}

const CONSTRAINTS: ParameterConstraints = {
  estimators: 'noValidation',
  finalEstimator: [instanceOf(Object), null],
  cv: [interval('int', 2, null, 'left'), instanceOf(Object)],
  stackMethod: [options(['auto', 'predictProba', 'decisionFunction', 'predict'])],
  nJobs: [interval('int', null, null, 'neither'), null],
  passthrough: ['boolean'],
};

const DEFAULTS: StackingParams = {
  estimators: [],
  finalEstimator: undefined,
  cv: 5,
  stackMethod: 'auto',
  nJobs: 1,
  passthrough: false,
};

function methodFor(
  est: MemberEstimator,
  wanted: StackMethod,
  classifier: boolean,
): 'predictProba' | 'decisionFunction' | 'predict' {
  if (!classifier) return 'predict';
  if (wanted !== 'auto') {
    if (typeof (est as unknown as Record<string, unknown>)[wanted] !== 'function') {
      throw new ValidationError(`stackMethod '${wanted}' is not available on ${(est as object).constructor.name}`, {
        param: 'stackMethod',
      });
    }
    return wanted;
  }
  if (typeof est.predictProba === 'function') return 'predictProba';
  if (typeof est.decisionFunction === 'function') return 'decisionFunction';
  return 'predict';
}

/** Shared implementation of the stacking ensembles. */
abstract class BaseStacking extends MetaEstimator<StackingParams> {
  protected members?: MemberEstimator[];
  protected methods?: string[];
  protected final?: MemberEstimator;
  protected classesSeen?: Label[];

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), requiresY: true };
  }

  protected abstract isClassifier(): boolean;
  protected abstract defaultFinal(): MemberEstimator;

  /** One member's output as columns (binary probabilities keep the positive column). */
  protected columns(out: unknown, method: string, n: number): Float64Array[] {
    const classes = this.classesSeen ?? [];
    if (method === 'predict') {
      const v = out as ArrayLike<Label>;
      if (!this.isClassifier()) return [Float64Array.from(v as ArrayLike<number>)];
      const index = new Map<Label, number>(classes.map((c, i) => [c, i]));
      return [Float64Array.from({ length: n }, (_, i) => index.get(v[i]) as number)];
    }
    const t = out instanceof Tensor ? out : new Tensor(Float64Array.from(out as ArrayLike<number>), [n]);
    const width = t.ndim === 1 ? 1 : t.shape[1];
    const cols: Float64Array[] = [];
    const start = method === 'predictProba' && width === 2 ? 1 : 0;
    for (let c = start; c < width; c++)
      cols.push(Float64Array.from({ length: n }, (_, i) => Number(t.data[i * width + c])));
    return cols;
  }

  protected stack(cols: Float64Array[], x: Tensor): Tensor {
    const [n, f] = x.shape;
    const extra = this.params.passthrough ? f : 0;
    const width = cols.length + extra;
    const out = new Float64Array(n * width);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < cols.length; c++) out[i * width + c] = cols[c][i];
      for (let j = 0; j < extra; j++) out[i * width + cols.length + j] = x.data[i * f + j];
    }
    return new Tensor(out, [n, width]);
  }

  protected async fitStack(x: Tensor, y: Float64Array | string[], opts: FitOptions): Promise<void> {
    const named = this.params.estimators;
    if (
      !Array.isArray(named) ||
      named.length === 0 ||
      !named.every((e) => Array.isArray(e) && typeof e[1]?.fit === 'function')
    ) {
      throw new ValidationError(
        `${this.estimatorName}: 'estimators' must be a non-empty list of [name, estimator] pairs`,
        {
          param: 'estimators',
        },
      );
    }
    if (opts.sampleWeight !== undefined)
      throw new ValidationError(`${this.estimatorName} does not support sampleWeight`);
    const n = x.shape[0];
    const members: MemberEstimator[] = [];
    const methods: string[] = [];
    const cols: Float64Array[] = [];
    for (const [, est] of named) {
      const method = methodFor(est, this.params.stackMethod, this.isClassifier());
      const oof = await crossValPredict(makeMember(est) as never, x, y as Labels, {
        cv: this.params.cv as never,
        method,
        nJobs: this.params.nJobs ?? undefined,
      });
      cols.push(...this.columns(oof, method, n));
      const m = makeMember(est);
      await m.fit(x, y as Labels);
      members.push(m);
      methods.push(method);
    }
    const final = makeMember(this.params.finalEstimator ?? this.defaultFinal());
    await final.fit(this.stack(cols, x), y as Labels);
    this.members = members;
    this.methods = methods;
    this.final = final;
  }

  /** The stacked features of `X`: member outputs (and `X` with `passthrough`). */
  transform(X: MatrixLike): Tensor {
    this.checkIsFitted();
    const x = this.validateData(X, undefined, { reset: false }).X;
    const n = x.shape[0];
    const methods = this.fitted('methods', this.methods);
    const cols: Float64Array[] = [];
    this.fitted('members', this.members).forEach((m, t) => {
      const out = (m as unknown as Record<string, (X: MatrixLike) => unknown>)[methods[t]](x);
      cols.push(...this.columns(out, methods[t], n));
    });
    return this.stack(cols, x);
  }

  /** The fitted members (refitted on all rows; sklearn's `estimators_`). */
  get estimators(): MemberEstimator[] {
    return this.fitted('estimators', this.members).slice();
  }

  /** The fitted final estimator (sklearn's `final_estimator_`). */
  get finalEstimator(): MemberEstimator {
    return this.fitted('finalEstimator', this.final);
  }

  protected getState(): Record<string, unknown> {
    return { members: this.members, methods: this.methods, final: this.final, classes: this.classesSeen };
  }

  protected setState(state: Record<string, unknown>): void {
    const where = `saved ${this.estimatorName}`;
    this.members = readMembers(state.members, where);
    const methods = state.methods;
    if (!Array.isArray(methods) || methods.length !== this.members.length)
      throw new ValidationError(`${where}: bad 'methods'`);
    this.methods = methods as string[];
    this.final = readMembers<MemberEstimator>([state.final], where)[0];
    this.classesSeen = state.classes === undefined ? undefined : new StateReader(state, where).labels('classes');
  }
}

/**
 * Stacked generalisation for classification.
 * @example
 * import { StackingClassifier } from 'typelearn/ensemble';
 * const stack = new StackingClassifier({ estimators: [['rf', new RandomForestClassifier({ nEstimators: 10 })], ['nb', new GaussianNB()]] });
 * await stack.fit(X, y);
 * stack.predict(XTest);
 */
export class StackingClassifier extends BaseStacking {
  static override readonly estimatorName = 'StackingClassifier';
  static override parameterConstraints = CONSTRAINTS;

  /** @param options - see {@link StackingParams}. */
  constructor(opts: Partial<StackingParams> = {}) {
    super(DEFAULTS, opts);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'classifier' };
  }

  protected isClassifier(): boolean {
    return true;
  }

  protected defaultFinal(): MemberEstimator {
    return new LogisticRegression() as unknown as MemberEstimator;
  }

  protected async fitImpl(X: MatrixLike, y: Labels | undefined, opts: FitOptions): Promise<void> {
    const data = this.validateData(X, y, { reset: true });
    this.classesSeen = encodeLabels(data.y).classes;
    await this.fitStack(data.X, data.y, opts);
  }

  /** The classes seen in `fit`, sorted. */
  get classes(): Label[] {
    return this.fitted('classes', this.classesSeen).slice();
  }

  /**
   * The final estimator's prediction on the stacked features.
   * @example stack.predict(X)
   */
  predict(X: MatrixLike): Int32Array | LabelArray {
    const out = (this.finalEstimator.predict as (X: MatrixLike) => ArrayLike<Label>)(this.transform(X));
    const index = new Map<Label, number>(this.classes.map((c, i) => [c, i]));
    return decodeLabels(
      this.classes,
      Int32Array.from({ length: out.length }, (_, i) => index.get(out[i]) as number),
    );
  }

  /**
   * The final estimator's probabilities.
   * @example stack.predictProba(X)
   */
  predictProba(X: MatrixLike): Tensor {
    const final = this.finalEstimator;
    if (typeof final.predictProba !== 'function') throw new ValidationError('the final estimator has no predictProba');
    return final.predictProba(this.transform(X));
  }

  /**
   * Mean accuracy.
   * @example stack.score(X, y)
   */
  score(X: MatrixLike, y: Labels, sampleWeight?: ArrayLike<number>): number {
    return classifierScore(y, this.predict(X), sampleWeight);
  }
}

/**
 * Stacked generalisation for regression.
 * @example
 * import { StackingRegressor } from 'typelearn/ensemble';
 * const stack = await new StackingRegressor({ estimators: [['rf', new RandomForestRegressor({ nEstimators: 10 })], ['lr', new LinearRegression()]] }).fit(X, y);
 * stack.predict(XTest);
 */
export class StackingRegressor extends BaseStacking {
  static override readonly estimatorName = 'StackingRegressor';
  static override parameterConstraints = CONSTRAINTS;

  /** @param options - see {@link StackingParams}. */
  constructor(opts: Partial<StackingParams> = {}) {
    super(DEFAULTS, opts);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'regressor' };
  }

  protected isClassifier(): boolean {
    return false;
  }

  protected defaultFinal(): MemberEstimator {
    return new RidgeCV() as unknown as MemberEstimator;
  }

  protected async fitImpl(X: MatrixLike, y: Labels | undefined, opts: FitOptions): Promise<void> {
    const data = this.validateData(X, y, { reset: true, yNumeric: true });
    await this.fitStack(data.X, data.y, opts);
  }

  /**
   * The final estimator's prediction on the stacked features.
   * @example stack.predict(X)
   */
  predict(X: MatrixLike): Float64Array {
    return Float64Array.from((this.finalEstimator.predict as (X: MatrixLike) => ArrayLike<number>)(this.transform(X)));
  }

  /**
   * R².
   * @example stack.score(X, y)
   */
  score(X: MatrixLike, y: Labels, sampleWeight?: ArrayLike<number>): number {
    return regressorScore(y, this.predict(X), sampleWeight);
  }
}
