/**
 * `BaseMultilayerPerceptron`: what MLPClassifier and MLPRegressor share (scikit-learn
 * 1.2's `BaseMultilayerPerceptron`): the params, Glorot-uniform initialisation, the
 * stochastic solvers (mini-batch SGD/Adam with sklearn's epoch loop, stopping rule,
 * adaptive rate and early stopping) and L-BFGS, `partialFit`, warm starts, the fitted
 * attributes and their saved form. Subclasses encode the targets and score.
 *
 * Differences from scikit-learn: the initial weights, shuffles and early-stopping split
 * draw from typelearn's generator, so with a given `randomState` the numbers differ
 * from sklearn's; from the same initial weights with `shuffle: false` and no early
 * stopping, the SGD/Adam trajectory is sklearn's step by step. L-BFGS uses typelearn's
 * scipy-like L-BFGS (`maxFun` caps loss evaluations). `X` is always float64; no sparse
 * `X`, no `verbose`.
 */
import { ValidationError } from '../base/errors.js';
import { BaseEstimator } from '../base/estimator.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import { ConvergenceWarning, TypelearnWarning, warn } from '../base/warnings.js';
import { lbfgs } from '../linear-model/optim/lbfgs.js';
import { checkRandomState, type RandomGenerator, type RandomState } from '../tensor/random.js';
import { Tensor } from '../tensor/tensor.js';
import type { HiddenActivation, MlpLoss, OutActivation } from './activations.js';
import {
  backprop,
  coefView,
  interceptView,
  type MlpActivations,
  type MlpLayout,
  mlpLayout,
  mlpWorkspace,
  predictRaw,
} from './mlp-core.js';
import { MlpOptimizer, type OptimizerState } from './stochastic-optimizers.js';
import { read2dTargets, validationSplit } from './targets.js';

/** Options shared by {@link MLPClassifier} and {@link MLPRegressor} (sklearn's, camelCase). */
export interface MLPParams {
  /** Units of each hidden layer (a number for one layer). Default `[100]`. */
  hiddenLayerSizes: number | readonly number[];
  /** Hidden activation: `'identity'`, `'logistic'`, `'tanh'` or `'relu'` (default). */
  activation: HiddenActivation;
  /** `'lbfgs'`, `'sgd'` or `'adam'` (default). */
  solver: 'lbfgs' | 'sgd' | 'adam';
  /** L2 penalty strength. Default 1e-4. */
  alpha: number;
  /** Mini-batch size; `'auto'` (default) is `min(200, nSamples)`. */
  batchSize: 'auto' | number;
  /** SGD schedule: `'constant'` (default), `'invscaling'` or `'adaptive'`. */
  learningRate: 'constant' | 'invscaling' | 'adaptive';
  /** Initial step size (sgd, adam). Default 1e-3. */
  learningRateInit: number;
  /** Exponent of `'invscaling'`. Default 0.5. */
  powerT: number;
  /** Epochs (sgd, adam) or iterations (lbfgs). Default 200. */
  maxIter: number;
  /** Shuffle the samples every epoch. Default `true`. */
  shuffle: boolean;
  /** Seed of the initial weights, shuffles and early-stopping split. Default `undefined`. */
  randomState: RandomState | undefined;
  /** Minimum improvement of the loss (or validation score) per epoch; lbfgs: gradient tolerance. Default 1e-4. */
  tol: number;
  /** Continue from the previous weights on `fit`. Default `false`. */
  warmStart: boolean;
  /** SGD momentum in [0, 1]. Default 0.9. */
  momentum: number;
  /** Nesterov momentum (sgd). Default `true`. */
  nesterovsMomentum: boolean;
  /** Stop when the score on a held-out `validationFraction` stalls (sgd, adam). Default `false`. */
  earlyStopping: boolean;
  /** Held-out share for early stopping, in [0, 1). Default 0.1. */
  validationFraction: number;
  /** Adam's first-moment decay, in [0, 1). Default 0.9. */
  beta1: number;
  /** Adam's second-moment decay, in [0, 1). Default 0.999. */
  beta2: number;
  /** Adam's denominator term. Default 1e-8. */
  epsilon: number;
  /** Epochs without `tol` improvement before stopping (or dividing the adaptive rate). Default 10. */
  nIterNoChange: number;
  /** Maximum loss evaluations (lbfgs). Default 15000. */
  maxFun: number;
}

/** scikit-learn's defaults. */
export const MLP_DEFAULTS: MLPParams = {
  hiddenLayerSizes: [100],
  activation: 'relu',
  solver: 'adam',
  alpha: 1e-4,
  batchSize: 'auto',
  learningRate: 'constant',
  learningRateInit: 1e-3,
  powerT: 0.5,
  maxIter: 200,
  shuffle: true,
  randomState: undefined,
  tol: 1e-4,
  warmStart: false,
  momentum: 0.9,
  nesterovsMomentum: true,
  earlyStopping: false,
  validationFraction: 0.1,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-8,
  nIterNoChange: 10,
  maxFun: 15000,
};

/** scikit-learn's parameter constraints. */
export const MLP_CONSTRAINTS: ParameterConstraints = {
  hiddenLayerSizes: ['arrayLike', interval('int', 1, null, 'left')],
  activation: [options(['identity', 'logistic', 'tanh', 'relu'])],
  solver: [options(['lbfgs', 'sgd', 'adam'])],
  alpha: [interval('real', 0, null, 'left')],
  batchSize: [options(['auto']), interval('int', 1, null, 'left')],
  learningRate: [options(['constant', 'invscaling', 'adaptive'])],
  learningRateInit: [interval('real', 0, null, 'neither')],
  powerT: [interval('real', 0, null, 'left')],
  maxIter: [interval('int', 1, null, 'left')],
  shuffle: ['boolean'],
  randomState: ['randomState'],
  tol: [interval('real', 0, null, 'left')],
  warmStart: ['boolean'],
  momentum: [interval('real', 0, 1, 'both')],
  nesterovsMomentum: ['boolean'],
  earlyStopping: ['boolean'],
  validationFraction: [interval('real', 0, 1, 'left')],
  beta1: [interval('real', 0, 1, 'left')],
  beta2: [interval('real', 0, 1, 'left')],
  epsilon: [interval('real', 0, null, 'neither')],
  nIterNoChange: [interval('int', 1, null, 'left'), options([Number.POSITIVE_INFINITY])],
  maxFun: [interval('int', 1, null, 'left')],
};

/** Targets as the network sees them, from a subclass. */
export interface EncodedTargets {
  /** `rows x nOutputs` row-major. */
  Y: Float64Array;
  nOutputs: number;
  out: OutActivation;
  loss: MlpLoss;
  /** A class index per row, to stratify the early-stopping split. */
  strata?: Int32Array;
}

/** The targets handed to {@link BaseMultilayerPerceptron.encodeTargets}. */
export type RawTargets =
  | { kind: 'labels'; labels: Float64Array | string[] }
  | { kind: 'matrix'; data: Float64Array; t: number };

/** How the current fit was called. */
export interface FitMode {
  /** Starting from fresh weights (not warm start, not a continued partialFit). */
  firstPass: boolean;
  incremental: boolean;
  /** `partialFit`'s `classes` option. */
  classes?: readonly (number | string)[] | ArrayLike<number>;
}

/** Base class of the MLP estimators; see the module comment. */
export abstract class BaseMultilayerPerceptron<P extends MLPParams> extends BaseEstimator<P> {
  #layout?: MlpLayout;
  #params?: Float64Array;
  #acts?: MlpActivations;
  #loss?: MlpLoss;
  #nIter?: number;
  #t?: number;
  #lossValue?: number;
  #lossCurve?: number[];
  #bestLoss?: number | null;
  #noImprovement = 0;
  #validationScores?: number[] | null;
  #bestValidationScore?: number | null;
  #bestParams?: Float64Array;
  #optimizer?: MlpOptimizer;
  #partial?: { classes?: FitMode['classes'] };

  /** Whether targets must be numeric (regressors). */
  protected abstract readonly numericTargets: boolean;

  /** Encodes `y` for the network; classifiers keep their classes here. */
  protected abstract encodeTargets(y: RawTargets, mode: FitMode): EncodedTargets;

  /** The early-stopping score (accuracy or R²) of raw outputs against encoded targets. */
  protected abstract scoreRaw(raw: Float64Array, Y: Float64Array, rows: number): number;

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), requiresY: true, multiOutput: true, partialFit: true };
  }

  /**
   * sklearn's `_init_coef`: weights and then intercepts of one layer, uniform in
   * `±sqrt(f / (fanIn + fanOut))` with f = 2 for logistic, else 6. Override (e.g. in a
   * test) to start from chosen weights; write `coef` (`fanIn x fanOut`) and `intercept`.
   */
  protected initCoef(
    fanIn: number,
    fanOut: number,
    rng: RandomGenerator,
    coef: Float64Array,
    intercept: Float64Array,
  ): void {
    const factor = this.params.activation === 'logistic' ? 2 : 6;
    const bound = Math.sqrt(factor / (fanIn + fanOut));
    for (let i = 0; i < coef.length; i++) coef[i] = rng.uniform(-bound, bound);
    for (let i = 0; i < intercept.length; i++) intercept[i] = rng.uniform(-bound, bound);
  }

  /** Runs `fit` as one incremental step (the base template owns the fitted flag). */
  protected async partialFitImpl(
    X: MatrixLike,
    y: Labels,
    classes: FitMode['classes'],
    options: FitOptions,
  ): Promise<this> {
    if (this.params.solver === 'lbfgs') {
      throw new ValidationError(
        `partialFit is only available for stochastic optimizers. ${this.params.solver} is not stochastic.`,
        { param: 'solver', got: this.params.solver },
      );
    }
    this.#partial = { classes };
    try {
      return await this.fit(X, y, options);
    } finally {
      this.#partial = undefined;
    }
  }

  #hiddenSizes(): number[] {
    const h = this.params.hiddenLayerSizes;
    const list = typeof h === 'number' ? [h] : Array.from(h);
    if (list.some((v) => !Number.isInteger(v) || v <= 0)) {
      throw new ValidationError(`hiddenLayerSizes must be > 0, got [${list.join(', ')}].`, {
        param: 'hiddenLayerSizes',
        got: list,
      });
    }
    return list;
  }

  protected fitImpl(X: MatrixLike, y: Labels | undefined, options: FitOptions): void {
    if (options.sampleWeight !== undefined) {
      throw new ValidationError(`${this.estimatorName} does not support sampleWeight`, { param: 'sampleWeight' });
    }
    const p = this.params;
    const incremental = this.#partial !== undefined;
    const hidden = this.#hiddenSizes();
    const previousLayout = this.#layout;
    const firstPass = this.#params === undefined || (!p.warmStart && !incremental);
    if (y === undefined)
      throw new ValidationError(`${this.estimatorName} requires y to be passed, but the target y is undefined`);
    const matrix = read2dTargets(y);
    let raw: RawTargets;
    let x: Tensor;
    if (matrix !== undefined) {
      const column = new Float64Array(matrix.rows);
      for (let i = 0; i < matrix.rows; i++) column[i] = matrix.data[i * matrix.t];
      x = this.validateData(X, column, { reset: true }).X;
      raw = { kind: 'matrix', data: matrix.data, t: matrix.t };
    } else {
      const checked = this.numericTargets
        ? this.validateData(X, y, { reset: true, yNumeric: true })
        : this.validateData(X, y, { reset: true });
      x = checked.X;
      raw = { kind: 'labels', labels: checked.y };
    }
    const [n, nFeatures] = x.shape.length === 2 ? x.shape : [x.shape[0], 1];
    if (!firstPass && previousLayout !== undefined && previousLayout.units[0] !== nFeatures) {
      throw new ValidationError(
        `X has ${nFeatures} features, but ${this.estimatorName} is expecting ${previousLayout.units[0]} features as input.`,
        { expected: previousLayout.units[0], got: nFeatures },
      );
    }
    const enc = this.encodeTargets(raw, { firstPass, incremental, classes: this.#partial?.classes });
    const units = [nFeatures, ...hidden, enc.nOutputs];
    const rng = checkRandomState(p.randomState);
    if (!firstPass && previousLayout !== undefined && previousLayout.units.join() !== units.join()) {
      throw new ValidationError(
        `warm start / partialFit: the network shape [${units.join(', ')}] differs from the fitted one [${previousLayout.units.join(', ')}] (hiddenLayerSizes or the outputs changed)`,
        { expected: previousLayout.units, got: units },
      );
    }
    const X64 = Float64Array.from(x.data);
    if (firstPass) this.#initialize(units, enc, rng);
    this.#acts = { hidden: p.activation, out: enc.out };
    this.#loss = enc.loss;
    if (p.solver === 'lbfgs') this.#fitLbfgs(X64, enc.Y, n);
    else this.#fitStochastic(X64, enc, n, incremental, rng, options);
    const params = this.#params as Float64Array;
    for (let i = 0; i < params.length; i++) {
      if (!Number.isFinite(params[i])) {
        throw new ValidationError(
          'Solver produced non-finite parameter weights. The input data may contain large values and need to be preprocessed.',
        );
      }
    }
  }

  #initialize(units: number[], enc: EncodedTargets, rng: RandomGenerator): void {
    const layout = mlpLayout(units);
    const params = new Float64Array(layout.size);
    for (let l = 0; l < units.length - 1; l++) {
      this.initCoef(units[l], units[l + 1], rng, coefView(layout, params, l), interceptView(layout, params, l));
    }
    this.#layout = layout;
    this.#params = params;
    this.#nIter = 0;
    this.#t = 0;
    this.#optimizer = undefined;
    this.#bestParams = undefined;
    this.#lossValue = undefined;
    this.#acts = { hidden: this.params.activation, out: enc.out };
    if (this.params.solver === 'lbfgs') {
      this.#lossCurve = undefined;
      this.#bestLoss = undefined;
      this.#validationScores = undefined;
      this.#bestValidationScore = undefined;
      return;
    }
    this.#lossCurve = [];
    this.#noImprovement = 0;
    if (this.params.earlyStopping) {
      this.#validationScores = [];
      this.#bestValidationScore = Number.NEGATIVE_INFINITY;
      this.#bestLoss = null;
    } else {
      this.#bestLoss = Number.POSITIVE_INFINITY;
      this.#validationScores = null;
      this.#bestValidationScore = null;
    }
  }

  #fitLbfgs(x: Float64Array, Y: Float64Array, n: number): void {
    const p = this.params;
    const layout = this.#layout as MlpLayout;
    const acts = this.#acts as MlpActivations;
    const loss = this.#loss as MlpLoss;
    const ws = mlpWorkspace(layout, n);
    let evaluations = 0;
    let best = { f: Number.POSITIVE_INFINITY, x: Float64Array.from(this.#params as Float64Array) };
    const outOfBudget = new Error('maxFun');
    const fg = (w: Float64Array, grad: Float64Array): number => {
      if (evaluations >= p.maxFun) throw outOfBudget;
      evaluations++;
      const f = backprop(layout, w, acts, loss, p.alpha, x, Y, n, ws, grad);
      if (f < best.f) best = { f, x: Float64Array.from(w) };
      return f;
    };
    let result: { x: Float64Array; f: number; nIter: number; converged: boolean };
    try {
      const r = lbfgs(fg, this.#params as Float64Array, { maxIter: p.maxIter, gtol: p.tol });
      result = r;
    } catch (error) {
      if (error !== outOfBudget) throw error;
      result = { x: best.x, f: best.f, nIter: p.maxIter, converged: false };
      warn(
        new ConvergenceWarning(
          `lbfgs failed to converge: the number of function evaluations reached maxFun=${p.maxFun}. Increase maxFun or scale the data.`,
        ),
      );
    }
    if (!result.converged && result.nIter >= p.maxIter) {
      warn(
        new ConvergenceWarning(
          `lbfgs failed to converge (status=1): STOP: TOTAL NO. of ITERATIONS REACHED LIMIT (maxIter=${p.maxIter}). Increase maxIter or scale the data.`,
        ),
      );
    }
    this.#params = Float64Array.from(result.x);
    this.#nIter = result.nIter;
    this.#lossValue = result.f;
  }

  #fitStochastic(
    xAll: Float64Array,
    enc: EncodedTargets,
    nAll: number,
    incremental: boolean,
    rng: RandomGenerator,
    fitOptions: FitOptions,
  ): void {
    const p = this.params;
    const layout = this.#layout as MlpLayout;
    const acts = this.#acts as MlpActivations;
    const loss = this.#loss as MlpLoss;
    const params = this.#params as Float64Array;
    const nIn = layout.units[0];
    const nOut = enc.nOutputs;
    if (!incremental || this.#optimizer === undefined) {
      this.#optimizer = new MlpOptimizer(
        {
          kind: p.solver === 'sgd' ? 'sgd' : 'adam',
          learningRateInit: p.learningRateInit,
          schedule: p.learningRate,
          momentum: p.momentum,
          nesterov: p.nesterovsMomentum,
          powerT: p.powerT,
          beta1: p.beta1,
          beta2: p.beta2,
          epsilon: p.epsilon,
        },
        layout.size,
      );
    }
    const opt = this.#optimizer;
    const earlyStopping = p.earlyStopping && !incremental;
    let x = xAll;
    let Y = enc.Y;
    let n = nAll;
    let xVal: Float64Array | undefined;
    let yVal: Float64Array | undefined;
    let nVal = 0;
    if (earlyStopping) {
      const strata = nOut === 1 || enc.out === 'softmax' ? enc.strata : undefined;
      const split = validationSplit(rng, nAll, p.validationFraction, strata);
      const rows = (src: Float64Array, idx: Int32Array, w: number) => {
        const out = new Float64Array(idx.length * w);
        for (let i = 0; i < idx.length; i++) out.set(src.subarray(idx[i] * w, idx[i] * w + w), i * w);
        return out;
      };
      x = rows(xAll, split.train, nIn);
      Y = rows(enc.Y, split.train, nOut);
      n = split.train.length;
      xVal = rows(xAll, split.validation, nIn);
      yVal = rows(enc.Y, split.validation, nOut);
      nVal = split.validation.length;
      // A fresh early-stopping run starts its bookkeeping over (warm starts keep the curve, as sklearn).
      if (this.#validationScores === null || this.#validationScores === undefined) this.#validationScores = [];
      if (this.#bestValidationScore === null || this.#bestValidationScore === undefined) {
        this.#bestValidationScore = Number.NEGATIVE_INFINITY;
      }
    }
    let batchSize: number;
    if (p.batchSize === 'auto') batchSize = Math.min(200, n);
    else {
      const requested = p.batchSize as number;
      if (requested > n) {
        warn(new TypelearnWarning('Got `batchSize` less than 1 or larger than sample size. It is going to be clipped'));
      }
      batchSize = Math.min(Math.max(requested, 1), n);
    }
    const ws = mlpWorkspace(layout, batchSize);
    const grad = new Float64Array(layout.size);
    const xb = new Float64Array(batchSize * nIn);
    const yb = new Float64Array(batchSize * nOut);
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    const curve = this.#lossCurve as number[];
    for (let it = 0; it < p.maxIter; it++) {
      this.throwIfAborted(fitOptions.signal);
      if (p.shuffle) shuffleInPlace(order, rng);
      let accumulated = 0;
      for (let start = 0; start < n; start += batchSize) {
        const rows = Math.min(batchSize, n - start);
        let bx: Float64Array;
        let by: Float64Array;
        if (p.shuffle) {
          for (let i = 0; i < rows; i++) {
            const r = order[start + i];
            xb.set(x.subarray(r * nIn, r * nIn + nIn), i * nIn);
            yb.set(Y.subarray(r * nOut, r * nOut + nOut), i * nOut);
          }
          bx = xb;
          by = yb;
        } else {
          bx = x.subarray(start * nIn, (start + rows) * nIn);
          by = Y.subarray(start * nOut, (start + rows) * nOut);
        }
        const batchLoss = backprop(layout, params, acts, loss, p.alpha, bx, by, rows, ws, grad);
        accumulated += batchLoss * rows;
        opt.step(params, grad);
      }
      this.#nIter = (this.#nIter as number) + 1;
      this.#lossValue = accumulated / n;
      this.#t = (this.#t as number) + n;
      curve.push(this.#lossValue);
      fitOptions.onProgress?.({
        step: it + 1,
        total: p.maxIter,
        message: `iteration ${this.#nIter}, loss = ${this.#lossValue.toFixed(8)}`,
      });
      if (earlyStopping) {
        const score = this.scoreRaw(
          predictRaw(layout, params, acts, xVal as Float64Array, nVal),
          yVal as Float64Array,
          nVal,
        );
        const scores = this.#validationScores as number[];
        scores.push(score);
        const bestScore = this.#bestValidationScore as number;
        if (score < bestScore + p.tol) this.#noImprovement++;
        else this.#noImprovement = 0;
        if (score > bestScore) {
          this.#bestValidationScore = score;
          this.#bestParams = Float64Array.from(params);
        }
      } else {
        const bestLoss = this.#bestLoss as number;
        if (this.#lossValue > bestLoss - p.tol) this.#noImprovement++;
        else this.#noImprovement = 0;
        if (this.#lossValue < bestLoss) this.#bestLoss = this.#lossValue;
      }
      opt.iterationEnds(this.#t);
      if (this.#noImprovement > p.nIterNoChange) {
        if (opt.triggerStopping()) break;
        this.#noImprovement = 0;
      }
      if (incremental) break;
      if (this.#nIter === p.maxIter) {
        warn(
          new ConvergenceWarning(
            `Stochastic Optimizer: Maximum iterations (${p.maxIter}) reached and the optimization hasn't converged yet.`,
          ),
        );
      }
    }
    if (earlyStopping && this.#bestParams !== undefined) this.#params = Float64Array.from(this.#bestParams);
  }

  /** Raw network outputs (`rows x nOutputs`, output activation applied) for validated `X`. */
  protected forwardRaw(X: MatrixLike): { raw: Float64Array; rows: number } {
    this.checkIsFitted();
    const x = this.validateData(X, undefined, { reset: false }).X;
    const rows = x.shape[0];
    return {
      raw: predictRaw(
        this.#layout as MlpLayout,
        this.#params as Float64Array,
        this.#acts as MlpActivations,
        Float64Array.from(x.data),
        rows,
      ),
      rows,
    };
  }

  /** Weight matrices, one `[fanIn, fanOut]` Tensor per layer (sklearn's `coefs_`). */
  get coefs(): Tensor[] {
    const layout = this.fitted('coefs', this.#layout);
    const params = this.#params as Float64Array;
    return layout.units
      .slice(0, -1)
      .map((fi, l) => new Tensor(coefView(layout, params, l).slice(), [fi, layout.units[l + 1]]));
  }

  /** Bias vectors, one per layer (sklearn's `intercepts_`). */
  get intercepts(): Float64Array[] {
    const layout = this.fitted('intercepts', this.#layout);
    const params = this.#params as Float64Array;
    return layout.units.slice(0, -1).map((_, l) => interceptView(layout, params, l).slice());
  }

  /** Epochs (sgd, adam) or iterations (lbfgs) run so far (sklearn's `n_iter_`). */
  get nIter(): number {
    return this.fitted('nIter', this.#nIter);
  }

  /** Training samples seen by the stochastic solvers (sklearn's `t_`). */
  get t(): number {
    return this.fitted('t', this.#t);
  }

  /** The loss after the last epoch / at the lbfgs solution (sklearn's `loss_`). */
  get loss(): number {
    return this.fitted('loss', this.#lossValue);
  }

  /** The loss after each epoch (stochastic solvers only; sklearn's `loss_curve_`). */
  get lossCurve(): number[] {
    const c = this.fitted('lossCurve', this.#lossCurve);
    return c.slice();
  }

  /** Lowest training loss (stochastic solvers without early stopping; else `null`). */
  get bestLoss(): number | null {
    return this.fitted('bestLoss', this.#bestLoss);
  }

  /** Validation score per epoch with early stopping (else `null`). */
  get validationScores(): number[] | null {
    const v = this.fitted('validationScores', this.#validationScores);
    return v === null ? null : v.slice();
  }

  /** Best validation score with early stopping (else `null`). */
  get bestValidationScore(): number | null {
    return this.fitted('bestValidationScore', this.#bestValidationScore);
  }

  /** Number of layers, input and output included (sklearn's `n_layers_`). */
  get nLayers(): number {
    return this.fitted('nLayers', this.#layout).units.length;
  }

  /** Number of outputs (sklearn's `n_outputs_`). */
  get nOutputs(): number {
    const u = this.fitted('nOutputs', this.#layout).units;
    return u[u.length - 1];
  }

  /** The output activation (sklearn's `out_activation_`). */
  get outActivation(): OutActivation {
    return this.fitted('outActivation', this.#acts).out;
  }

  protected getState(): Record<string, unknown> {
    const opt = this.#optimizer?.state;
    return {
      units: Array.from((this.#layout as MlpLayout).units),
      params: this.#params,
      hidden: this.#acts?.hidden,
      out: this.#acts?.out,
      loss: this.#loss,
      nIter: this.#nIter,
      t: this.#t,
      lossValue: this.#lossValue ?? null,
      lossCurve: this.#lossCurve === undefined ? null : Float64Array.from(this.#lossCurve),
      bestLoss: this.#bestLoss ?? null,
      noImprovement: this.#noImprovement,
      validationScores: this.#validationScores ? Float64Array.from(this.#validationScores) : null,
      bestValidationScore: this.#bestValidationScore ?? null,
      optimizer:
        opt === undefined
          ? null
          : { kind: opt.kind, learningRate: opt.learningRate, t: opt.t, first: opt.first, second: opt.second },
    };
  }

  protected setState(state: Record<string, unknown>): void {
    const where = this.estimatorName;
    const r = new StateReader(state, where);
    const units = state.units;
    if (!Array.isArray(units) || units.length < 2 || !units.every((u) => Number.isInteger(u) && u > 0)) {
      throw new ValidationError(`${where}: saved state 'units' must be an array of positive integers`);
    }
    const layout = mlpLayout(units as number[]);
    this.#layout = layout;
    this.#params = r.float64Array('params', layout.size);
    this.#acts = {
      hidden: r.string('hidden', ['identity', 'logistic', 'tanh', 'relu']) as HiddenActivation,
      out: r.string('out', ['identity', 'logistic', 'tanh', 'relu', 'softmax']) as OutActivation,
    };
    this.#loss = r.string('loss', ['squared_error', 'log_loss', 'binary_log_loss']) as MlpLoss;
    this.#nIter = r.number('nIter', { integer: true, min: 0 });
    this.#t = r.number('t', { integer: true, min: 0 });
    this.#lossValue = state.lossValue === null ? undefined : r.number('lossValue');
    this.#lossCurve = state.lossCurve === null ? undefined : Array.from(r.float64Array('lossCurve'));
    this.#bestLoss = state.bestLoss === null ? null : r.number('bestLoss');
    this.#noImprovement = r.number('noImprovement', { integer: true, min: 0 });
    this.#validationScores = state.validationScores === null ? null : Array.from(r.float64Array('validationScores'));
    this.#bestValidationScore = state.bestValidationScore === null ? null : r.number('bestValidationScore');
    this.#optimizer = undefined;
    const o = state.optimizer;
    if (o !== null && o !== undefined) {
      const or = new StateReader(o, `${where} optimizer`);
      const kind = or.string('kind', ['sgd', 'adam']) as 'sgd' | 'adam';
      const p = this.params;
      const restored: OptimizerState = {
        kind,
        learningRate: or.number('learningRate'),
        t: or.number('t', { integer: true, min: 0 }),
        first: or.float64Array('first', layout.size),
        second: or.float64Array('second', kind === 'adam' ? layout.size : 0),
      };
      this.#optimizer = new MlpOptimizer(
        {
          kind,
          learningRateInit: p.learningRateInit,
          schedule: p.learningRate,
          momentum: p.momentum,
          nesterov: p.nesterovsMomentum,
          powerT: p.powerT,
          beta1: p.beta1,
          beta2: p.beta2,
          epsilon: p.epsilon,
        },
        layout.size,
        restored,
      );
    }
  }
}

/** sklearn's `shuffle` of the running sample order (Fisher-Yates with typelearn's generator). */
function shuffleInPlace(a: Int32Array, rng: RandomGenerator): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.integers(0, i + 1);
    const tmp = a[i];
    a[i] = a[j];
    a[j] = tmp;
  }
}
