/**
 * `Pipeline`: a chain of transformers ending in any estimator, fitted and
 * applied as one (scikit-learn's `sklearn.pipeline.Pipeline`).
 *
 * Decisions:
 * - The steps are fitted in place (as sklearn does without `memory`), so
 *   `namedSteps.scaler` is the fitted scaler after `fit`.
 * - Output methods exist only when the final step has them, like sklearn's
 *   `available_if`: `predictProba`, `transform`, `score`... are getters that
 *   return the bound method, or `undefined` when the final step lacks it, so
 *   `typeof pipe.predictProba === 'function'` answers "can it?" exactly as
 *   `hasattr` does (cross-validation, search and `checkEstimator` rely on it).
 *   They are typed as always present for convenience: calling a missing one is
 *   a `TypeError` ("pipe.predictProba is not a function").
 * - `getParams()` is shallow (`{ steps, verbose }`, what `clone` needs);
 *   `getParams({ deep: true })` adds `name` and `name__param` keys;
 *   `setParams` accepts both forms.
 * - Saving nests each step's own saved form (fitted state included); loading
 *   needs the steps' classes, see `registry.ts` and {@link Pipeline.fromJSON}.
 */
import { ValidationError } from '../base/errors.js';
import { BaseEstimator, type EstimatorConstructor } from '../base/estimator.js';
import type { ParameterConstraints } from '../base/params.js';
import { encodeState, StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Label, Labels, MatrixLike, SavedModel } from '../base/types.js';
import type { Tensor } from '../tensor/tensor.js';
import { readColumnSource } from './column-source.js';
import { deepParams, forwardParams, type GetParamsOptions, splitParams, validateNames } from './nested-params.js';
import { type ComposeLoadOptions, estimatorLoader, registerEstimator } from './registry.js';
import {
  type AnyEstimator,
  describeEstimator,
  fitTransformOne,
  hasMethod,
  isPassthrough,
  logStep,
  type Passthrough,
  tagsOf,
} from './step-utils.js';

/** One step: a name and an estimator, or `'passthrough'`/`null` to skip it. */
export type PipelineStep = readonly [name: string, estimator: AnyEstimator | Passthrough];

/** Options of {@link Pipeline}. */
export interface PipelineParams {
  /** The steps, in order; all but the last must be transformers (or passthrough). */
  steps: readonly PipelineStep[];
  /** Print the time each step takes to fit. Default `false`. */
  verbose: boolean;
}

/**
 * Options of {@link Pipeline.fit}: the usual `signal`/`onProgress`, and
 * per-step fit options as `'stepName__option'` (sklearn's fit params),
 * e.g. `{ clf__sampleWeight: w }`.
 */
export type PipelineFitOptions = FitOptions & { [key: `${string}__${string}`]: unknown };

/** What `predict` of a pipeline returns: the final step's predictions. */
export type PipelinePrediction = Label[] | Int32Array | Float64Array | Tensor;

const DEFAULTS: PipelineParams = { steps: [], verbose: false };
const OWN = ['steps', 'verbose'];

/**
 * Chains transformers and a final estimator: `fit` fits each transformer on
 * the previous one's output then the final step; `predict`, `predictProba`,
 * `score`, `transform`... transform through the steps then call the final
 * step's method.
 *
 * @example
 * import { Pipeline } from 'typelearn/compose';
 * const pipe = new Pipeline([['scaler', new StandardScaler()], ['clf', new DummyClassifier()]]);
 * await pipe.fit(X, y, { clf__sampleWeight: w });
 * pipe.predict(X);
 * pipe.setParams({ clf__strategy: 'uniform' });
 * pipe.getParams({ deep: true }).clf__strategy; // 'uniform'
 * const loaded = Pipeline.fromJSON(JSON.parse(JSON.stringify(pipe)), { classes: [StandardScaler, DummyClassifier] });
 */
export class Pipeline extends BaseEstimator<PipelineParams> {
  static override readonly estimatorName = 'Pipeline';

  static override parameterConstraints: ParameterConstraints = {
    steps: 'noValidation',
    verbose: ['boolean'],
  };

  #nFeaturesIn?: number;
  #featureNamesIn?: string[];
  #wantOutput = false;
  #fitOutput: unknown;

  /**
   * @param steps - the `[name, estimator]` pairs, or the whole params object (as `clone` passes it).
   * @param options - `verbose` (default `false`).
   */
  constructor(
    steps: readonly PipelineStep[] | Partial<PipelineParams> = {},
    options: Partial<Omit<PipelineParams, 'steps'>> = {},
  ) {
    super(DEFAULTS, Array.isArray(steps) ? { ...options, steps } : (steps as Partial<PipelineParams>));
  }

  /** The steps (the params' array; the estimators in it are fitted by `fit`). */
  get steps(): readonly PipelineStep[] {
    return this.params.steps;
  }

  /** Number of steps. */
  get length(): number {
    return this.params.steps.length;
  }

  /**
   * The steps by name.
   * @example pipe.namedSteps.scaler.mean
   */
  get namedSteps(): Record<string, AnyEstimator | Passthrough> {
    return Object.fromEntries(this.params.steps.map(([n, e]) => [n, e]));
  }

  /**
   * The estimator of a step, by index (negative counts from the end) or name.
   * @example pipe.at(-1) // the final estimator
   */
  at(step: number | string): AnyEstimator | Passthrough {
    const steps = this.params.steps;
    if (typeof step === 'string') {
      const found = steps.find(([n]) => n === step);
      if (!found) throw new ValidationError(`Pipeline has no step named '${step}'`, { got: step });
      return found[1];
    }
    const i = step < 0 ? step + steps.length : step;
    if (!Number.isInteger(i) || i < 0 || i >= steps.length) {
      throw new ValidationError(`Step index ${step} is out of range for a pipeline of ${steps.length} steps`);
    }
    return steps[i][1];
  }

  /**
   * A pipeline of the steps `start` to `end` (exclusive; negative counts from
   * the end), sharing their estimators (sklearn's `pipe[start:end]`).
   * @example pipe.slice(0, -1).transform(X) // the features the final step sees
   */
  slice(start?: number, end?: number): Pipeline {
    return new Pipeline(this.params.steps.slice(start, end), { verbose: this.params.verbose });
  }

  /** The final step's estimator (or passthrough). */
  get finalEstimator(): AnyEstimator | Passthrough {
    const steps = this.params.steps;
    return steps.length === 0 ? null : steps[steps.length - 1][1];
  }

  #estimators(): AnyEstimator[] {
    return this.params.steps.map(([, e]) => e).filter((e): e is AnyEstimator => !isPassthrough(e));
  }

  override estimatorTags(): EstimatorTags {
    const tags = super.estimatorTags();
    const estimators = this.#estimators().filter((e) => hasMethod(e, 'fit'));
    if (estimators.length === 0) return { ...tags, estimatorType: 'transformer', allowsNaN: true };
    const first = tagsOf(estimators[0]);
    const final = isPassthrough(this.finalEstimator) ? undefined : tagsOf(this.finalEstimator);
    const all = estimators.map(tagsOf);
    return {
      ...tags,
      estimatorType: final ? final.estimatorType : 'transformer',
      allowsNaN: first.allowsNaN,
      requiresY: final?.requiresY ?? false,
      requiresFit: all.some((t) => t.requiresFit),
      sparseInput: first.sparseInput,
      multiOutput: final?.multiOutput ?? false,
      nonDeterministic: all.some((t) => t.nonDeterministic),
      X_types: [...first.X_types],
    };
  }

  override getParams(options: GetParamsOptions = {}): PipelineParams & Record<string, unknown> {
    const shallow = super.getParams();
    if (!options.deep) return shallow as PipelineParams & Record<string, unknown>;
    return deepParams({ ...shallow }, this.params.steps) as PipelineParams & Record<string, unknown>;
  }

  /**
   * Updates own options (`steps`, `verbose`), whole steps by name
   * (`{ clf: new DummyClassifier() }`, or `'passthrough'`) and step params as
   * `name__param`; returns `this`.
   * @example pipe.setParams({ clf__strategy: 'uniform', scaler: 'passthrough' })
   */
  override setParams(params: Partial<PipelineParams> & Record<string, unknown>): this {
    if ('steps' in params) super.setParams({ steps: params.steps });
    const names = this.params.steps.map(([n]) => n);
    const { own, replace, nested } = splitParams(this.estimatorName, params, OWN, names);
    const { steps: _, ...rest } = own;
    super.setParams(rest);
    if (replace.size > 0) {
      const steps = this.params.steps.map(
        ([n, e]) => [n, replace.has(n) ? (replace.get(n) as AnyEstimator | Passthrough) : e] as const,
      );
      super.setParams({ steps });
    }
    for (const [name, sub] of nested) forwardParams(this.estimatorName, name, this.at(name), sub);
    return this;
  }

  protected override validateParams(): void {
    super.validateParams();
    const steps = this.params.steps;
    if (!Array.isArray(steps) || steps.length === 0) {
      throw new ValidationError("The 'steps' parameter of Pipeline must be a non-empty array of [name, estimator]", {
        param: 'steps',
        got: steps,
      });
    }
    steps.forEach((step, i) => {
      if (!Array.isArray(step) || step.length !== 2) {
        throw new ValidationError(`Pipeline step ${i} must be a [name, estimator] pair, got ${String(step)}`, {
          param: 'steps',
          got: step,
        });
      }
    });
    validateNames(
      this.estimatorName,
      steps.map(([n]) => n),
      OWN,
    );
    steps.slice(0, -1).forEach(([, est]) => {
      if (isPassthrough(est)) return;
      if (!hasMethod(est, 'fit') || !(hasMethod(est, 'transform') || hasMethod(est, 'fitTransform'))) {
        throw new ValidationError(
          `All intermediate steps should be transformers and implement fit and transform or be the string 'passthrough'. '${describeEstimator(est)}' doesn't`,
          { param: 'steps', got: est },
        );
      }
    });
    const final = steps[steps.length - 1][1];
    if (!isPassthrough(final) && !hasMethod(final, 'fit')) {
      throw new ValidationError(
        `Last step of Pipeline should implement fit or be the string 'passthrough'. '${describeEstimator(final)}' doesn't`,
        { param: 'steps', got: final },
      );
    }
  }

  /**
   * Fits every step in order; resolves to `this`. Step options go as
   * `'name__option'` (e.g. `{ clf__sampleWeight: w }`); `signal` reaches every step.
   * @example await pipe.fit(X, y, { clf__sampleWeight: w })
   */
  override fit(X: MatrixLike, y?: Labels, options: PipelineFitOptions = {}): Promise<this> {
    return super.fit(X, y, options);
  }

  #routeFitOptions(options: PipelineFitOptions): Map<string, Record<string, unknown>> {
    const routed = new Map<string, Record<string, unknown>>();
    const names = this.params.steps.map(([n]) => n);
    for (const [key, value] of Object.entries(options)) {
      if (key === 'signal' || key === 'onProgress' || value === undefined) continue;
      const cut = key.indexOf('__');
      if (cut < 0 || !names.includes(key.slice(0, cut))) {
        throw new ValidationError(
          `Pipeline.fit does not accept the ${key} option. You can pass options to specific steps of your pipeline using the stepName__option format, e.g. \`pipe.fit(X, y, { clf__sampleWeight: w })\`.`,
          { param: key, expected: names.map((n) => `${n}__...`) },
        );
      }
      const name = key.slice(0, cut);
      routed.set(name, { ...routed.get(name), [key.slice(cut + 2)]: value });
    }
    return routed;
  }

  protected async fitImpl(X: MatrixLike, y: Labels | undefined, options: FitOptions): Promise<void> {
    const routed = this.#routeFitOptions(options as PipelineFitOptions);
    this.#nFeaturesIn = undefined;
    this.#featureNamesIn = undefined;
    const steps = this.params.steps;
    const { signal, onProgress } = options;
    let Xt: unknown = X;
    for (let i = 0; i < steps.length; i++) {
      const [name, est] = steps[i];
      this.throwIfAborted(signal);
      const started = performance.now();
      const stepOptions = { ...routed.get(name), ...(signal ? { signal } : {}) };
      const last = i === steps.length - 1;
      if (isPassthrough(est)) {
        // nothing to fit: the data goes on unchanged
      } else if (!last) {
        Xt = await fitTransformOne(est, Xt, y, stepOptions);
      } else if (this.#wantOutput) {
        Xt = await fitTransformOne(est, Xt, y, stepOptions);
      } else {
        await est.fit(Xt as MatrixLike, y, stepOptions);
      }
      if (this.params.verbose) logStep('Pipeline', i + 1, steps.length, name, (performance.now() - started) / 1000);
      onProgress?.({ step: i + 1, total: steps.length, message: `fitted ${name}` });
    }
    this.#fitOutput = this.#wantOutput ? Xt : undefined;
    this.#recordInput(X);
  }

  /** Records what the first step saw (or, when it does not say, the input's own width and names). */
  #recordInput(X: MatrixLike): void {
    const first = this.#estimators()[0] as { nFeaturesIn?: number; featureNamesIn?: string[] } | undefined;
    try {
      if (first && 'nFeaturesIn' in first && 'featureNamesIn' in first) {
        this.#nFeaturesIn = first.nFeaturesIn;
        this.#featureNamesIn = first.featureNamesIn;
        return;
      }
    } catch {
      // a stateless first step may not record its input: read it below
    }
    const source = readColumnSource(X);
    this.#nFeaturesIn = source.nCols;
    this.#featureNamesIn = source.names ? [...source.names] : undefined;
  }

  /** Whether `fit` completed, or every step was already fitted. */
  override get isFitted(): boolean {
    if (super.isFitted) return true;
    const estimators = this.#estimators();
    return estimators.length > 0 && estimators.every((e) => (e as { isFitted?: unknown }).isFitted === true);
  }

  override checkIsFitted(attribute?: string): void {
    if (!this.isFitted) super.checkIsFitted(attribute);
  }

  /** Number of input features (the first step's). */
  override get nFeaturesIn(): number {
    this.checkIsFitted('nFeaturesIn');
    const first = this.#estimators()[0] as { nFeaturesIn?: number } | undefined;
    return this.#nFeaturesIn ?? (first?.nFeaturesIn as number);
  }

  /** Input column names seen in `fit` when `X` was a table. */
  override get featureNamesIn(): string[] | undefined {
    this.checkIsFitted('featureNamesIn');
    if (this.#nFeaturesIn !== undefined) return this.#featureNamesIn?.slice();
    return (this.#estimators()[0] as { featureNamesIn?: string[] } | undefined)?.featureNamesIn;
  }

  /** Applies the transform of steps `0 .. end-1` (passthrough skipped). */
  #transformUpTo(X: unknown, end: number): unknown {
    this.checkIsFitted();
    let Xt = X;
    const steps = this.params.steps;
    for (let i = 0; i < end; i++) {
      const est = steps[i][1];
      if (!isPassthrough(est)) Xt = est.transform(Xt);
    }
    return Xt;
  }

  #delegate<F>(method: string, make: (final: AnyEstimator, Xt: (X: unknown) => unknown) => F): F {
    const final = this.finalEstimator;
    if (isPassthrough(final) || !hasMethod(final, method)) return undefined as F;
    return make(final, (X) => this.#transformUpTo(X, this.params.steps.length - 1));
  }

  /** Predictions of the final step on the transformed `X` (when it has `predict`). */
  get predict(): (X: MatrixLike) => PipelinePrediction {
    return this.#delegate('predict', (f, t) => (X: MatrixLike) => f.predict(t(X)));
  }

  /** Class probabilities of the final step (when it has `predictProba`). */
  get predictProba(): (X: MatrixLike) => Tensor {
    return this.#delegate('predictProba', (f, t) => (X: MatrixLike) => f.predictProba(t(X)));
  }

  /** Log class probabilities of the final step (when it has `predictLogProba`). */
  get predictLogProba(): (X: MatrixLike) => Tensor {
    return this.#delegate('predictLogProba', (f, t) => (X: MatrixLike) => f.predictLogProba(t(X)));
  }

  /** Decision function of the final step (when it has `decisionFunction`). */
  get decisionFunction(): (X: MatrixLike) => Tensor | Float64Array {
    return this.#delegate('decisionFunction', (f, t) => (X: MatrixLike) => f.decisionFunction(t(X)));
  }

  /** The final step's score on the transformed `X` (when it has `score`). */
  get score(): (X: MatrixLike, y: Labels, sampleWeight?: ArrayLike<number>) => number {
    return this.#delegate(
      'score',
      (f, t) => (X: MatrixLike, y: Labels, sampleWeight?: ArrayLike<number>) => f.score(t(X), y, sampleWeight),
    );
  }

  /** The classes of the final step (a classifier). */
  get classes(): Label[] {
    this.checkIsFitted('classes');
    const final = this.finalEstimator as { classes?: Label[] } | Passthrough;
    if (isPassthrough(final) || !('classes' in final)) {
      throw new ValidationError(`This 'Pipeline' has no attribute 'classes': its final step is not a classifier`);
    }
    return final.classes as Label[];
  }

  #isTransformer(): boolean {
    const final = this.finalEstimator;
    return isPassthrough(final) || hasMethod(final, 'transform');
  }

  /** `X` through every step's transform (when the final step is a transformer or passthrough). */
  get transform(): (X: MatrixLike) => Tensor {
    if (!this.#isTransformer()) return undefined as never;
    return (X: MatrixLike) => this.#transformUpTo(X, this.params.steps.length) as Tensor;
  }

  /** Fits, then returns the transformed training data (when the final step is a transformer or passthrough). */
  get fitTransform(): (X: MatrixLike, y?: Labels, options?: PipelineFitOptions) => Promise<Tensor> {
    if (!this.#isTransformer()) return undefined as never;
    return async (X: MatrixLike, y?: Labels, options: PipelineFitOptions = {}) => {
      this.#wantOutput = true;
      try {
        await this.fit(X, y, options);
      } finally {
        this.#wantOutput = false;
      }
      const out = this.#fitOutput;
      this.#fitOutput = undefined;
      return out as Tensor;
    };
  }

  /** Maps transformed data back through every step's `inverseTransform`, last step first. */
  get inverseTransform(): (Xt: MatrixLike) => Tensor {
    if (!this.#estimators().every((e) => hasMethod(e, 'inverseTransform'))) return undefined as never;
    return (Xt: MatrixLike) => {
      this.checkIsFitted();
      let X: unknown = Xt;
      const steps = this.params.steps;
      for (let i = steps.length - 1; i >= 0; i--) {
        const est = steps[i][1];
        if (!isPassthrough(est)) X = est.inverseTransform(X);
      }
      return X as Tensor;
    };
  }

  /**
   * Output feature names, passing `inputFeatures` through each step's
   * `getFeatureNamesOut`. Every step must have it (a final classifier does not:
   * use `pipe.slice(0, -1).getFeatureNamesOut()`).
   * @example pipe.slice(0, -1).getFeatureNamesOut() // ['num__age', 'cat__sex_female', ...]
   */
  getFeatureNamesOut(inputFeatures?: readonly string[]): string[] {
    this.checkIsFitted('getFeatureNamesOut');
    let names: string[] | undefined = inputFeatures ? [...inputFeatures] : undefined;
    for (const [name, est] of this.params.steps) {
      if (isPassthrough(est)) continue;
      if (!hasMethod(est, 'getFeatureNamesOut')) {
        throw new ValidationError(
          `Estimator ${describeEstimator(est)} (step '${name}') does not provide getFeatureNamesOut. Did you mean to call pipeline.slice(0, -1).getFeatureNamesOut()?`,
        );
      }
      names = est.getFeatureNamesOut(names) as string[];
    }
    return names ?? Array.from({ length: this.nFeaturesIn }, (_, j) => `x${j}`);
  }

  /**
   * The saved form; each step's own saved form (with its fitted state) is
   * nested in `params.steps`.
   */
  override toJSON(): SavedModel {
    const saved = super.toJSON();
    if (saved.state === null) return saved;
    const names = this.featureNamesIn;
    const base = { nFeaturesIn: this.nFeaturesIn, ...(names ? { featureNamesIn: names } : {}) };
    return { ...saved, state: encodeState({ ...base, model: this.getState() }, 'state') };
  }

  /**
   * Restores a saved pipeline, its steps through their own `fromJSON`. The
   * steps' classes are looked up in `options.classes`, then in the registry
   * (`registerEstimator`, or `await registerPackageEstimators()` for all).
   * @example Pipeline.fromJSON(json, { classes: [StandardScaler, DummyClassifier] })
   */
  static override fromJSON<T extends BaseEstimator<object>>(
    this: EstimatorConstructor<T>,
    saved: unknown,
    options: ComposeLoadOptions = {},
  ): T {
    const loadEstimator = options.loadEstimator ?? estimatorLoader(options);
    // biome-ignore lint/complexity/noThisInStatic: `this` is the concrete subclass fromJSON was called on
    return BaseEstimator.fromJSON.call(this, saved, { ...options, loadEstimator }) as T;
  }

  protected getState(): Record<string, unknown> {
    const names = this.featureNamesIn;
    return { nFeaturesIn: this.nFeaturesIn, ...(names ? { featureNamesIn: names } : {}) };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, 'saved Pipeline');
    this.#nFeaturesIn = r.number('nFeaturesIn', { integer: true, min: 0 });
    const names = (state as { featureNamesIn?: unknown }).featureNamesIn;
    this.#featureNamesIn = Array.isArray(names) ? names.map(String) : undefined;
  }
}

registerEstimator(Pipeline);
