/**
 * The stage loop of classic gradient boosting (scikit-learn 1.2's
 * `BaseGradientBoosting`), shared by `GradientBoostingClassifier` and
 * `GradientBoostingRegressor`: each stage fits one `friedman_mse` regression
 * tree (typelearn's `tree` module, on inputs sorted once for all stages) per
 * class to the negative gradient, optionally on a random `subsample` of the
 * rows, replaces its leaf values by the loss's line search, and adds
 * `learningRate` times it to the raw predictions. `nIterNoChange` stops on a
 * held-out `validationFraction`.
 */
import { ValidationError } from '../base/errors.js';
import { BaseEstimator } from '../base/estimator.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import type { FitOptions, Labels, MatrixLike } from '../base/types.js';
import { checkSampleWeight } from '../base/validation.js';
import { checkRandomState, type RandomState } from '../tensor/random.js';
import { Tensor } from '../tensor/tensor.js';
import { buildTree, prepareTreeInput } from '../tree/build-tree.js';
import { FRIEDMAN, MSE } from '../tree/criterion.js';
import type { MaxFeatures } from '../tree/tree-params.js';
import { Tree } from '../tree/tree-structure.js';
import type { GbLoss } from './gradient-boosting-losses.js';
import { trainValidationSplit } from './hist-gradient-boosting/early-stopping.js';

/** Options shared by both classic gradient boosting estimators (sklearn's names, camelCase, same defaults). */
export interface GradientBoostingParams {
  /** Shrinkage of each tree. Default 0.1. */
  learningRate: number;
  /** Number of boosting stages. Default 100. */
  nEstimators: number;
  /** Share of rows drawn (without replacement) for each stage; < 1 is stochastic boosting. Default 1. */
  subsample: number;
  /** Split criterion of the trees: 'friedman_mse' or 'squared_error'. Default 'friedman_mse'. */
  criterion: 'friedman_mse' | 'squared_error';
  /** Default 2. */
  minSamplesSplit: number;
  /** Default 1. */
  minSamplesLeaf: number;
  /** Default 0. */
  minWeightFractionLeaf: number;
  /** Depth of each tree. Default 3. */
  maxDepth: number | null;
  /** Default 0. */
  minImpurityDecrease: number;
  /** Seed of subsampling, feature sampling and the validation split. Default undefined. */
  randomState: RandomState | undefined;
  /** Features tried per split. Default null (all). */
  maxFeatures: MaxFeatures;
  /** Leaves per tree (best-first growth), or null. Default null. */
  maxLeafNodes: number | null;
  /** Share held out for early stopping when nIterNoChange is set. Default 0.1. */
  validationFraction: number;
  /** Stop when the validation loss has not improved by tol for this many stages; null: never. Default null. */
  nIterNoChange: number | null;
  /** Default 1e-4. */
  tol: number;
  /** Minimal cost-complexity pruning of each tree. Default 0. */
  ccpAlpha: number;
}

/** Defaults of {@link GradientBoostingParams}. */
export const GB_DEFAULTS: GradientBoostingParams = {
  learningRate: 0.1,
  nEstimators: 100,
  subsample: 1,
  criterion: 'friedman_mse',
  minSamplesSplit: 2,
  minSamplesLeaf: 1,
  minWeightFractionLeaf: 0,
  maxDepth: 3,
  minImpurityDecrease: 0,
  randomState: undefined,
  maxFeatures: null,
  maxLeafNodes: null,
  validationFraction: 0.1,
  nIterNoChange: null,
  tol: 1e-4,
  ccpAlpha: 0,
};

/** Constraints of {@link GradientBoostingParams}. */
export const GB_CONSTRAINTS: ParameterConstraints = {
  learningRate: [interval('real', 0, null, 'left')],
  nEstimators: [interval('int', 1, null, 'left')],
  subsample: [interval('real', 0, 1, 'right')],
  criterion: [options(['friedman_mse', 'squared_error'])],
  minSamplesSplit: [interval('int', 2, null, 'left'), interval('real', 0, 1, 'right')],
  minSamplesLeaf: [interval('int', 1, null, 'left'), interval('real', 0, 1, 'neither')],
  minWeightFractionLeaf: [interval('real', 0, 0.5, 'both')],
  maxDepth: [interval('int', 1, null, 'left'), null],
  minImpurityDecrease: [interval('real', 0, null, 'left')],
  randomState: ['randomState'],
  maxFeatures: [interval('int', 1, null, 'left'), interval('real', 0, 1, 'right'), options(['sqrt', 'log2']), null],
  maxLeafNodes: [interval('int', 2, null, 'left'), null],
  validationFraction: [interval('real', 0, 1, 'neither')],
  nIterNoChange: [interval('int', 1, null, 'left'), null],
  tol: [interval('real', 0, null, 'left')],
  ccpAlpha: [interval('real', 0, null, 'left')],
};

/** Base class of the classic gradient boosting estimators; see the module comment. */
export abstract class BaseGradientBoosting<P extends GradientBoostingParams> extends BaseEstimator<P> {
  #trees?: Tree[][];
  #init?: Float64Array;
  #trainScore: number[] = [];

  /** Numeric targets (class indices for classifiers) and the loss. */
  protected abstract prepareTargets(y: Float64Array | string[], w: Float64Array): { y: Float64Array; loss: GbLoss };

  /** Whether the early-stopping split is stratified. */
  protected abstract get stratify(): boolean;

  protected fitImpl(X: MatrixLike, y: Labels | undefined, fitOptions: FitOptions): void {
    const params = this.params;
    const data = this.validateData(X, y, { reset: true });
    const [n0, p] = data.X.shape;
    const weights0 = checkSampleWeight(fitOptions.sampleWeight, n0);
    const { y: target0, loss } = this.prepareTargets(data.y, weights0);
    const rng = checkRandomState(params.randomState);
    let rowsTrain: Int32Array | null = null;
    let rowsVal: Int32Array | null = null;
    if (params.nIterNoChange !== null) {
      const split = trainValidationSplit(n0, params.validationFraction, rng, this.stratify ? target0 : undefined);
      rowsTrain = split.train;
      rowsVal = split.validation;
    }
    const pick = (x: Float64Array, rows: Int32Array | null, width: number): Float64Array => {
      if (rows === null) return x;
      const out = new Float64Array(rows.length * width);
      for (let k = 0; k < rows.length; k++) out.set(x.subarray(rows[k] * width, (rows[k] + 1) * width), k * width);
      return out;
    };
    const xAll = data.X.data as Float64Array;
    const x = pick(xAll, rowsTrain, p);
    const target = pick(target0, rowsTrain, 1);
    const weights = pick(weights0, rowsTrain, 1);
    const n = target.length;
    const K = loss.K;
    const init = loss.init(target, weights);
    const raw = new Float64Array(K * n);
    for (let k = 0; k < K; k++) raw.fill(init[k], k * n, (k + 1) * n);
    const xVal = rowsVal ? Float32Array.from(pick(xAll, rowsVal, p)) : null;
    const yVal = rowsVal ? pick(target0, rowsVal, 1) : null;
    const wVal = rowsVal ? pick(weights0, rowsVal, 1) : null;
    const nVal = yVal ? yVal.length : 0;
    const rawVal = new Float64Array(K * nVal);
    for (let k = 0; k < K; k++) rawVal.fill(init[k], k * nVal, (k + 1) * nVal);

    const input = prepareTreeInput(new Tensor(x, [n, p]), true);
    const x32 = Float32Array.from(x);
    const growth = {
      splitter: 'best' as const,
      maxDepth: params.maxDepth,
      minSamplesSplit: params.minSamplesSplit,
      minSamplesLeaf: params.minSamplesLeaf,
      minWeightFractionLeaf: params.minWeightFractionLeaf,
      maxFeatures: params.maxFeatures,
      randomState: params.randomState,
      maxLeafNodes: params.maxLeafNodes,
      minImpurityDecrease: params.minImpurityDecrease,
      ccpAlpha: params.ccpAlpha,
    };
    const criterion = params.criterion === 'friedman_mse' ? FRIEDMAN : MSE;
    const nInBag = Math.max(1, Math.floor(params.subsample * n));
    const residual = new Float64Array(n);
    const stageWeights = new Float64Array(n);
    const leaves = new Int32Array(n);
    const trees: Tree[][] = [];
    const history = new Float64Array(params.nIterNoChange ?? 0).fill(Number.POSITIVE_INFINITY);
    this.#trainScore = [];
    for (let stage = 0; stage < params.nEstimators; stage++) {
      this.throwIfAborted(fitOptions.signal);
      const inBag = new Uint8Array(n);
      if (nInBag < n) for (const i of rng.choice(n, { size: nInBag, replace: false })) inBag[i] = 1;
      else inBag.fill(1);
      for (let i = 0; i < n; i++) stageWeights[i] = inBag[i] ? weights[i] : 0;
      const stageTrees: Tree[] = [];
      const rawBefore = raw.slice();
      for (let k = 0; k < K; k++) {
        loss.negativeGradient(target, rawBefore, k, residual);
        const tree = buildTree(input, { yClass: null, nClasses: 0, y: residual }, stageWeights, growth, criterion, rng);
        tree.apply(x32, n, leaves);
        const rowsByLeaf = new Map<number, number[]>();
        for (let i = 0; i < n; i++) {
          if (!inBag[i]) continue;
          const list = rowsByLeaf.get(leaves[i]);
          if (list) list.push(i);
          else rowsByLeaf.set(leaves[i], [i]);
        }
        const rawK = rawBefore.subarray(k * n, (k + 1) * n);
        for (const [leaf, rows] of rowsByLeaf) {
          const v = loss.leafValue(rows, target, rawK, residual, stageWeights, k);
          if (v !== null) tree.value[leaf] = v;
        }
        for (let i = 0; i < n; i++) raw[k * n + i] += params.learningRate * tree.value[leaves[i]];
        if (xVal) addTree(tree, xVal, nVal, params.learningRate, rawVal, k * nVal);
        stageTrees.push(tree);
      }
      trees.push(stageTrees);
      this.#trainScore.push(loss.loss(target, raw, stageWeights));
      fitOptions.onProgress?.({ step: stage + 1, total: params.nEstimators });
      if (yVal && wVal) {
        const validationLoss = loss.loss(yVal, rawVal, wVal);
        if (history.some((h) => validationLoss + params.tol < h)) history[stage % history.length] = validationLoss;
        else break;
      }
    }
    this.#trees = trees;
    this.#init = init;
  }

  /** Number of stages fitted (fewer than nEstimators when early stopping triggered). */
  get nEstimatorsFitted(): number {
    return this.fitted('nEstimatorsFitted', this.#trees).length;
  }

  /** The fitted trees, `[stage][class]`. */
  get estimators(): Tree[][] {
    return this.fitted('estimators', this.#trees).map((s) => s.slice());
  }

  /** Loss on the in-bag training rows after each stage (sklearn's `train_score_`). */
  get trainScore(): Float64Array {
    this.checkIsFitted('trainScore');
    return Float64Array.from(this.#trainScore);
  }

  /** Initial raw prediction per class (sklearn's `init_` output). */
  get initPrediction(): Float64Array {
    return this.fitted('initPrediction', this.#init).slice();
  }

  /** Impurity-based importances averaged over the trees, summing to 1. */
  get featureImportances(): Float64Array {
    const trees = this.fitted('featureImportances', this.#trees)
      .flat()
      .filter((t) => t.nodeCount > 1);
    const out = new Float64Array(this.nFeaturesIn);
    for (const t of trees) {
      const imp = t.computeFeatureImportances(false);
      for (let f = 0; f < out.length; f++) out[f] += imp[f] / trees.length;
    }
    const s = out.reduce((a, b) => a + b, 0);
    if (s > 0) for (let f = 0; f < out.length; f++) out[f] /= s;
    return out;
  }

  /** Raw predictions after each stage (class-major, `K * n`); each yielded array is fresh. */
  protected *stagedRaw(X: MatrixLike): Generator<{ raw: Float64Array; n: number }> {
    this.checkIsFitted();
    const x = this.validateData(X, undefined, { reset: false }).X;
    const n = x.shape[0];
    const x32 = Float32Array.from(x.data);
    const init = this.fitted('initPrediction', this.#init);
    const K = init.length;
    const raw = new Float64Array(K * n);
    for (let k = 0; k < K; k++) raw.fill(init[k], k * n, (k + 1) * n);
    for (const stage of this.fitted('estimators', this.#trees)) {
      for (let k = 0; k < stage.length; k++) addTree(stage[k], x32, n, this.params.learningRate, raw, k * n);
      yield { raw: raw.slice(), n };
    }
  }

  /** Final raw predictions (class-major, `K * n`). */
  protected rawPredict(X: MatrixLike): { raw: Float64Array; n: number } {
    let last: { raw: Float64Array; n: number } | undefined;
    for (const stage of this.stagedRaw(X)) last = stage;
    return last as { raw: Float64Array; n: number };
  }

  protected getState(): Record<string, unknown> {
    return {
      init: this.#init,
      trees: (this.#trees ?? []).map((s) => s.map((t) => t.toState())),
      trainScore: this.#trainScore,
    };
  }

  protected setState(state: Record<string, unknown>): void {
    const where = `saved ${this.estimatorName}`;
    const init = state.init;
    if (!(init instanceof Float64Array) || init.length === 0) throw new ValidationError(`${where}: 'init' is invalid`);
    const trees = state.trees;
    if (
      !Array.isArray(trees) ||
      trees.length === 0 ||
      !trees.every((s) => Array.isArray(s) && s.length === init.length)
    ) {
      throw new ValidationError(`${where}: 'trees' must hold ${init.length} tree(s) per stage`);
    }
    const score = state.trainScore;
    if (!Array.isArray(score) || !score.every((v) => typeof v === 'number')) {
      throw new ValidationError(`${where}: 'trainScore' must be numbers`);
    }
    this.#init = init;
    this.#trees = trees.map((s: unknown[]) => s.map((t) => Tree.fromState(t, where)));
    this.#trainScore = score;
  }

  /** Trees per stage without the fitted check (for `setState`). */
  protected treesPerStageUnchecked(): number {
    return this.#init?.length ?? 0;
  }
}

/** Adds `scale` times the tree's leaf value for each row of the row-major float32 `x` to `out[offset + i]`. */
function addTree(tree: Tree, x: Float32Array, n: number, scale: number, out: Float64Array, offset: number): void {
  const leaves = tree.apply(x, n);
  for (let i = 0; i < n; i++) out[offset + i] += scale * tree.value[leaves[i]];
}
