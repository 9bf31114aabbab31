/**
 * `DummyClassifier`: predictions that ignore the input features (scikit-learn's
 * `sklearn.dummy.DummyClassifier`), a baseline to compare real classifiers
 * against. Also the reference implementation of the estimator contract: every
 * later classifier follows this file's layout (params interface, defaults,
 * constraints, tags, `fitImpl`, fitted getters, predict methods, state).
 *
 * Differences from scikit-learn, on purpose:
 * - continuous (non-integer) numeric targets are rejected ("Unknown label
 *   type: continuous"), as every other sklearn classifier does;
 * - `X` is validated (numeric, at least one row) and its feature count and
 *   names are checked at predict time like any estimator; NaN in `X` is fine
 *   since it is never read;
 * - `randomState: undefined` draws from a fresh unseeded generator on each
 *   call (sklearn shares numpy's global one); the stratified/uniform draws use
 *   typelearn's generator, so they are reproducible per seed but are not
 *   numpy's numbers;
 * - single output only; `sampleWeight` must be non-negative.
 */

import { ValidationError } from '../base/errors.js';
import { BaseEstimator } from '../base/estimator.js';
import { checkClassificationTargets, decodeLabels, encodeLabels } from '../base/labels.js';
import { formatValue, interval, options, type ParameterConstraints } from '../base/params.js';
import { classifierScore } from '../base/score.js';
import { StateReader } from '../base/state.js';
import type { Classifier, EstimatorTags, FitOptions, Label, LabelArray, Labels, MatrixLike } from '../base/types.js';
import { checkSampleWeight } from '../base/validation.js';
import { checkRandomState, type RandomState } from '../tensor/random.js';
import { Tensor } from '../tensor/tensor.js';

/** How a {@link DummyClassifier} predicts. */
export type DummyClassifierStrategy = 'most_frequent' | 'prior' | 'stratified' | 'uniform' | 'constant';

const STRATEGIES: readonly DummyClassifierStrategy[] = ['most_frequent', 'prior', 'stratified', 'uniform', 'constant'];

/** Options of {@link DummyClassifier} (sklearn's parameters, camelCase). */
export interface DummyClassifierParams {
  /**
   * - `'prior'` (default): predict the most frequent class; `predictProba` gives the class frequencies.
   * - `'most_frequent'`: predict the most frequent class; `predictProba` is one-hot on it.
   * - `'stratified'`: draw each prediction from the class frequencies; `predictProba` is one-hot on the draw.
   * - `'uniform'`: draw each prediction uniformly among the classes.
   * - `'constant'`: always predict `constant`.
   * Ties between equally frequent classes go to the smallest class.
   */
  strategy: DummyClassifierStrategy;
  /** Seed or generator for `'stratified'`/`'uniform'`. A seed gives the same draws on every call. Default `undefined` (unseeded). */
  randomState: RandomState | undefined;
  /** The label predicted by the `'constant'` strategy; it must occur in the training targets. Default `undefined`. */
  constant: Label | undefined;
}

const DEFAULTS: DummyClassifierParams = { strategy: 'prior', randomState: undefined, constant: undefined };

/**
 * A classifier that ignores `X`: it predicts from the training class
 * distribution (or a constant) only. Use it as a baseline.
 *
 * Fitted attributes (throw `NotFittedError` before `fit`): `classes`,
 * `classPrior`, `nClasses`, `nOutputs`, `nFeaturesIn`, `featureNamesIn`.
 *
 * @example
 * import { DummyClassifier } from 'typelearn/dummy';
 * const X = [[0], [1], [2], [3]];
 * const model = await new DummyClassifier({ strategy: 'most_frequent' }).fit(X, ['a', 'b', 'b', 'c']);
 * model.predict([[9]]);        // ['b']
 * model.classPrior;            // Float64Array [0.25, 0.5, 0.25]
 * model.score(X, ['a', 'b', 'b', 'c']); // 0.5
 */
export class DummyClassifier extends BaseEstimator<DummyClassifierParams> implements Classifier<DummyClassifierParams> {
  static override readonly estimatorName = 'DummyClassifier';

  static override parameterConstraints: ParameterConstraints = {
    strategy: [options(STRATEGIES)],
    randomState: ['randomState'],
    constant: [interval('int', null, null, 'neither'), 'string', null],
  };

  // Fitted state: undefined until fit, read through getters that throw NotFittedError.
  #strategy?: DummyClassifierStrategy;
  #classes?: Label[];
  #classPrior?: Float64Array;
  #constantIndex = -1;

  /** @param options - see {@link DummyClassifierParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<DummyClassifierParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    // X is never read, so NaN in it is harmless.
    return { ...super.estimatorTags(), estimatorType: 'classifier', requiresY: true, allowsNaN: true };
  }

  protected fitImpl(X: MatrixLike, y: Labels | undefined, options: FitOptions): void {
    const data = this.validateData(X, y, { reset: true });
    checkClassificationTargets(data.y);
    const { classes, encoded } = encodeLabels(data.y);
    const n = encoded.length;
    const weights = options.sampleWeight === undefined ? undefined : checkSampleWeight(options.sampleWeight, n);

    const prior = new Float64Array(classes.length);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const w = weights ? weights[i] : 1;
      prior[encoded[i]] += w;
      total += w;
    }
    if (!(total > 0)) throw new ValidationError('The sample weights sum to zero; at least one must be positive.');
    for (let k = 0; k < prior.length; k++) prior[k] /= total;

    const { strategy, constant } = this.params;
    let constantIndex = -1;
    if (strategy === 'constant') {
      if (constant === undefined || constant === null) {
        throw new ValidationError('Constant target value has to be specified when the constant strategy is used.', {
          param: 'constant',
          expected: 'one of the training labels',
          got: constant,
        });
      }
      constantIndex = classes.indexOf(constant);
      if (constantIndex < 0) {
        throw new ValidationError(
          `The constant target value must be present in the training data. You provided constant=${formatValue(constant)}. Possible values are: [${classes.map(formatValue).join(', ')}].`,
          { param: 'constant', expected: classes.slice(), got: constant },
        );
      }
    }
    this.#strategy = strategy;
    this.#classes = classes;
    this.#classPrior = prior;
    this.#constantIndex = constantIndex;
  }

  /** The classes seen in `fit`, sorted (numbers ascending, strings by code point). */
  get classes(): Label[] {
    return this.fitted('classes', this.#classes).slice();
  }

  /** Weighted frequency of each class in the training targets, in `classes` order. */
  get classPrior(): Float64Array {
    return this.fitted('classPrior', this.#classPrior).slice();
  }

  /** Number of classes. */
  get nClasses(): number {
    return this.fitted('nClasses', this.#classes).length;
  }

  /** Number of outputs (always 1: multi-output targets are not supported). */
  get nOutputs(): number {
    this.checkIsFitted('nOutputs');
    return 1;
  }

  /** Index of the most frequent class (the first, i.e. smallest, among ties). */
  #argmaxPrior(prior: Float64Array): number {
    let best = 0;
    for (let k = 1; k < prior.length; k++) if (prior[k] > prior[best]) best = k;
    return best;
  }

  /** Class index per sample under the fitted strategy (draws from a fresh generator per call for a seed). */
  #predictIndices(nSamples: number, prior: Float64Array): Int32Array {
    switch (this.#strategy) {
      case 'most_frequent':
      case 'prior':
        return new Int32Array(nSamples).fill(this.#argmaxPrior(prior));
      case 'stratified':
        return checkRandomState(this.params.randomState).choice(prior.length, { size: nSamples, p: prior });
      case 'uniform':
        return checkRandomState(this.params.randomState).choice(prior.length, { size: nSamples });
      default:
        return new Int32Array(nSamples).fill(this.#constantIndex);
    }
  }

  #nSamples(X: MatrixLike): number {
    this.checkIsFitted();
    return this.validateData(X, undefined, { reset: false }).X.shape[0];
  }

  /**
   * Predicted labels: an `Int32Array` when the classes are int32 integers, else
   * an array of labels. With `'stratified'`/`'uniform'` and a seed, the same
   * call gives the same draws (and matches `predictProba`).
   * @example model.predict([[0], [1]])
   */
  predict(X: MatrixLike): Int32Array | LabelArray {
    const n = this.#nSamples(X);
    const classes = this.fitted('classes', this.#classes);
    const prior = this.fitted('classPrior', this.#classPrior);
    return decodeLabels(classes, this.#predictIndices(n, prior));
  }

  /**
   * Class probabilities, shape `[nSamples, nClasses]`: the class frequencies
   * (`'prior'`), `1 / nClasses` (`'uniform'`), or one-hot rows on the most
   * frequent class, the constant, or the stratified draw.
   * @example model.predictProba([[0]]).toArray() // [[0.25, 0.5, 0.25]] with 'prior'
   */
  predictProba(X: MatrixLike): Tensor {
    const n = this.#nSamples(X);
    const prior = this.fitted('classPrior', this.#classPrior);
    const k = prior.length;
    const out = new Float64Array(n * k);
    if (this.#strategy === 'prior') {
      for (let i = 0; i < n; i++) out.set(prior, i * k);
    } else if (this.#strategy === 'uniform') {
      out.fill(1 / k);
    } else {
      const indices = this.#predictIndices(n, prior);
      for (let i = 0; i < n; i++) out[i * k + indices[i]] = 1;
    }
    return new Tensor(out, [n, k]);
  }

  /**
   * Natural log of `predictProba` (`-Infinity` where the probability is 0).
   * @example model.predictLogProba([[0]])
   */
  predictLogProba(X: MatrixLike): Tensor {
    const proba = this.predictProba(X);
    const data = proba.data as Float64Array;
    for (let i = 0; i < data.length; i++) data[i] = Math.log(data[i]);
    return proba;
  }

  /**
   * Mean accuracy of `predict(X)` against `y` (weighted by `sampleWeight`).
   * @example model.score(X, y) // e.g. 0.5
   */
  score(X: MatrixLike, y: Labels, sampleWeight?: ArrayLike<number>): number {
    return classifierScore(y, this.predict(X), sampleWeight);
  }

  protected getState(): Record<string, unknown> {
    return {
      strategy: this.#strategy,
      classes: this.#classes,
      classPrior: this.#classPrior,
      constantIndex: this.#constantIndex,
    };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, 'saved DummyClassifier');
    const strategy = r.string('strategy', STRATEGIES) as DummyClassifierStrategy;
    const classes = r.labels('classes');
    const classPrior = r.float64Array('classPrior', classes.length);
    const constantIndex = r.number('constantIndex', { integer: true, min: -1 });
    if (strategy === 'constant' ? constantIndex >= classes.length || constantIndex < 0 : constantIndex !== -1) {
      throw new ValidationError(`saved DummyClassifier: constantIndex ${constantIndex} does not fit the classes`);
    }
    this.#strategy = strategy;
    this.#classes = classes;
    this.#classPrior = classPrior;
    this.#constantIndex = constantIndex;
  }
}
