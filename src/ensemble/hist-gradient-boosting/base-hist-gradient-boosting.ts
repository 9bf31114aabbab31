/**
 * The boosting loop shared by `HistGradientBoostingClassifier` and
 * `HistGradientBoostingRegressor` (scikit-learn's `BaseHistGradientBoosting`):
 * input checks, binning, the baseline, `maxIter` iterations of growing one
 * tree per class on the loss gradients, early stopping, warm start, raw and
 * staged raw predictions, and saving.
 */
import { ValidationError } from '../../base/errors.js';
import { BaseEstimator } from '../../base/estimator.js';
import { StateReader } from '../../base/state.js';
import type { FitOptions, Labels, MatrixLike } from '../../base/types.js';
import { checkSampleWeight } from '../../base/validation.js';
import { companionAvailable } from '../../parallel/companion.js';
import { shareArray } from '../../parallel/shared.js';
import { checkRandomState, RandomGenerator } from '../../tensor/random.js';
import { type BinMapper, binData, binRows, fitTransformBins } from './binning.js';
import { checkCategoricalValues, encodeFrameCategories, resolveCategorical } from './categorical.js';
import { resolveInteractionCst, resolveMonotonicCst } from './constraints.js';
import { shouldStop, trainValidationSplit } from './early-stopping.js';
import { gradientHessianHalves, halfWeightSums } from './gradient-halves.js';
import { type GrowerNode, TreeGrower } from './grower.js';
import type { HistGradientBoostingParams } from './hgb-params.js';
import type { HgbLoss } from './loss.js';
import { TreePredictor } from './predictor.js';

export { HGB_CONSTRAINTS, HGB_DEFAULTS, type HistGradientBoostingParams } from './hgb-params.js';

/** Targets ready for boosting: numeric `y` (class indices for classifiers) and the loss. */
export interface PreparedTargets {
  y: Float64Array;
  loss: HgbLoss;
}

function rows(X: Float64Array, p: number, index: Int32Array): Float64Array {
  const out = new Float64Array(index.length * p);
  // A plain loop: a subarray view per row costs more than the copy itself.
  for (let k = 0, o = 0; k < index.length; k++) {
    const r = index[k] * p;
    for (let j = 0; j < p; j++) out[o++] = X[r + j];
  }
  return out;
}

function take(v: Float64Array, index: Int32Array): Float64Array {
  const out = new Float64Array(index.length);
  for (let k = 0; k < index.length; k++) out[k] = v[index[k]];
  return out;
}

/** Bitsets of the categories seen in training, per categorical feature. */
function knownCategoryBitsets(mapper: BinMapper): (Uint32Array | null)[] {
  return mapper.thresholds.map((cats, f) => {
    if (!mapper.isCategorical[f]) return null;
    const bits = new Uint32Array(8);
    for (const c of cats) bits[c >>> 5] |= 1 << (c & 31);
    return bits;
  });
}

/**
 * Replaces each leaf's value by the loss's leaf value (a percentile) of its
 * samples' residuals `y - raw`, shrunk (sklearn's `_update_leaves_values`).
 */
function updateLeafValues(
  leaves: GrowerNode[],
  idx: Int32Array,
  y: Float64Array,
  raw: Float64Array,
  w: Float64Array | undefined,
  loss: HgbLoss,
  learningRate: number,
): void {
  for (const leaf of leaves) {
    const m = leaf.end - leaf.start;
    const residuals = new Float64Array(m);
    const leafW = w ? new Float64Array(m) : undefined;
    for (let j = 0; j < m; j++) {
      const i = idx[leaf.start + j];
      residuals[j] = y[i] - raw[i];
      if (leafW && w) leafW[j] = w[i];
    }
    leaf.value = learningRate * loss.leafValue(residuals, leafW);
  }
}

/** Samples × features from which a fit uses a companion thread (smaller fits are over in milliseconds). */
const MIN_TWO_THREAD_WORK = 200_000;

/** Base class of the histogram gradient boosting estimators; see the module comment. */
export abstract class BaseHistGradientBoosting<P extends HistGradientBoostingParams> extends BaseEstimator<P> {
  #trees?: TreePredictor[][];
  #baseline?: Float64Array;
  #mapper?: BinMapper;
  #knownCategories: (Uint32Array | null)[] = [];
  #frameCategories: Record<string, string[]> = {};
  #trainScore: number[] = [];
  #validationScore: number[] = [];
  #randomSeed = 0;

  /** Numeric targets and the loss for them (classifiers also record their classes). */
  protected abstract prepareTargets(y: Float64Array | string[], weights: Float64Array | undefined): PreparedTargets;

  /** The early-stopping score for `scoring: null` (accuracy or R²) of raw predictions. */
  protected abstract scoreRaw(y: Float64Array, raw: Float64Array, weights: Float64Array | undefined): number;

  /** Whether the validation split is stratified by class. */
  protected abstract get stratify(): boolean;

  /** The rows held out for early stopping (`validationFraction`), if any. */
  #validationSplit(n: number, target: Float64Array): { trainIdx?: Int32Array; valIdx?: Int32Array } {
    const { validationFraction } = this.params;
    if (validationFraction === null) return {};
    const fraction = validationFraction < 1 ? validationFraction : validationFraction / n;
    const split = trainValidationSplit(
      n,
      fraction,
      new RandomGenerator(this.#randomSeed),
      this.stratify ? target : undefined,
    );
    if (split.validation.length === 0 || split.train.length === 0) {
      throw new ValidationError(
        `validationFraction=${validationFraction} leaves an empty training or validation set for ${n} samples.`,
      );
    }
    return { trainIdx: split.train, valIdx: split.validation };
  }

  protected async fitImpl(X: MatrixLike, y: Labels | undefined, fitOptions: FitOptions): Promise<void> {
    const params = this.params;
    const warm = params.warmStart && this.#trees !== undefined && this.#baseline !== undefined;
    const encoded = encodeFrameCategories(X, warm ? this.#frameCategories : undefined);
    const data = this.validateData(encoded.X, y, { reset: true });
    const [n, p] = data.X.shape;
    const x = data.X.data as Float64Array;
    const weights = fitOptions.sampleWeight === undefined ? undefined : checkSampleWeight(fitOptions.sampleWeight, n);
    const { y: target, loss } = this.prepareTargets(data.y, weights);
    const K = loss.nTreesPerIteration;
    const mask = resolveCategorical(params.categoricalFeatures, p, data.featureNames, encoded.categories);
    checkCategoricalValues(x, n, p, mask, params.maxBins, data.featureNames);
    const monotonic = resolveMonotonicCst(params.monotonicCst, p, mask, K);
    const interactions = resolveInteractionCst(params.interactionCst, p);

    if (!warm) this.#randomSeed = checkRandomState(params.randomState).integers(0, 2 ** 32 - 1);
    const earlyStopping = params.earlyStopping === 'auto' ? n > 10000 : params.earlyStopping;
    const { trainIdx, valIdx } = earlyStopping ? this.#validationSplit(n, target) : {};
    const xTrain = trainIdx ? rows(x, p, trainIdx) : x;
    const yTrain = trainIdx ? take(target, trainIdx) : target;
    const wTrain = weights && trainIdx ? take(weights, trainIdx) : weights;
    const nTrain = yTrain.length;
    const xVal = valIdx ? rows(x, p, valIdx) : undefined;
    const yVal = valIdx ? take(target, valIdx) : undefined;
    const wVal = weights && valIdx ? take(weights, valIdx) : undefined;
    const nVal = yVal ? yVal.length : 0;

    let trees: TreePredictor[][] = [];
    let mapper: BinMapper;
    let baseline: Float64Array;
    let binnedData: { binned: Uint8Array; hasMissing: Uint8Array };
    if (warm) {
      trees = this.#trees as TreePredictor[][];
      mapper = this.#mapper as BinMapper;
      baseline = this.#baseline as Float64Array;
      if (baseline.length !== K || mapper.thresholds.length !== p) {
        throw new ValidationError(
          'warmStart: X or y changed shape since the previous fit; refit with warmStart: false.',
        );
      }
      if (params.maxIter < trees.length) {
        throw new ValidationError(
          `maxIter=${params.maxIter} must be larger than or equal to nIter=${trees.length} when warmStart is true.`,
        );
      }
      binnedData = binData(mapper, xTrain, nTrain, p);
    } else {
      const fitted = fitTransformBins(xTrain, nTrain, p, {
        maxBins: params.maxBins,
        isCategorical: mask,
        rng: new RandomGenerator(this.#randomSeed),
      });
      mapper = fitted.mapper;
      binnedData = fitted;
      baseline = loss.baseline(yTrain, wTrain);
      this.#trainScore = [];
      this.#validationScore = [];
    }
    const known = knownCategoryBitsets(mapper);
    const { binned, hasMissing } = binnedData;
    // The validation rows binned once: each new tree predicts them from bins (sklearn's predict_binned).
    const valRows = xVal ? binRows(mapper, xVal, nVal, p) : undefined;
    // A second thread pays on large fits only (see boosting-worker.ts); it never changes the model.
    const twoThreads = nTrain * p >= MIN_TWO_THREAD_WORK && (await companionAvailable());
    const newArray = (length: number) =>
      twoThreads ? new Float64Array(new SharedArrayBuffer(8 * length)) : new Float64Array(length);
    const raw = newArray(K * nTrain);
    const rawVal = new Float64Array(K * nVal);
    for (let k = 0; k < K; k++) {
      raw.fill(baseline[k], k * nTrain, (k + 1) * nTrain);
      rawVal.fill(baseline[k], k * nVal, (k + 1) * nVal);
      for (const iteration of trees) {
        iteration[k].predict(xTrain, nTrain, p, raw, k * nTrain, known);
        if (xVal) iteration[k].predict(xVal, nVal, p, rawVal, k * nVal, known);
      }
    }
    const withLoss = earlyStopping && params.scoring === 'loss';
    const gradients = {
      y: twoThreads ? shareArray(yTrain) : yTrain,
      raw,
      w: wTrain === undefined ? null : twoThreads ? shareArray(wTrain) : wTrain,
      grad: newArray(K * nTrain),
      hess: newArray(K * nTrain),
    };
    const { grad, hess } = gradients;
    const sumW = halfWeightSums(nTrain, gradients.w);
    const constantHessian = loss.constantHessian && weights === undefined;
    const grower = new TreeGrower(
      binned,
      nTrain,
      p,
      mapper,
      hasMissing,
      {
        maxLeafNodes: params.maxLeafNodes,
        maxDepth: params.maxDepth,
        minSamplesLeaf: params.minSamplesLeaf,
        l2Regularization: params.l2Regularization,
        minHessianToSplit: 1e-3,
        shrinkage: params.learningRate,
        monotonicCst: monotonic,
        interactionCst: interactions,
      },
      constantHessian,
      true,
      twoThreads,
    );
    const companion = twoThreads ? await grower.startCompanion({ spec: loss.spec, ...gradients }) : null;
    try {
      // Gradients are computed after each update, with the training loss in the same pass.
      let trainLoss = gradientHessianHalves(loss, gradients, withLoss, companion, sumW);
      const recordScores = () => {
        this.#trainScore.push(withLoss ? -trainLoss : this.scoreRaw(yTrain, raw, wTrain));
        if (yVal) {
          this.#validationScore.push(
            params.scoring === 'loss' ? -loss.meanLoss(yVal, rawVal, wVal) : this.scoreRaw(yVal, rawVal, wVal),
          );
        }
      };
      if (earlyStopping && !warm) recordScores();

      for (let iter = trees.length; iter < params.maxIter; iter++) {
        this.throwIfAborted(fitOptions.signal);
        const iteration: TreePredictor[] = [];
        for (let k = 0; k < K; k++) {
          const lo = k * nTrain;
          const hi = lo + nTrain;
          const leaves = grower.grow(grad.subarray(lo, hi), constantHessian ? null : hess.subarray(lo, hi));
          if (loss.needsLeafUpdate) {
            updateLeafValues(
              leaves,
              grower.sampleIndices,
              yTrain,
              raw.subarray(lo, hi),
              wTrain,
              loss,
              params.learningRate,
            );
          }
          const tree = grower.makePredictor();
          grower.updateRaw(raw, lo);
          if (xVal) {
            const binnedTree = valRows ? tree.binned(mapper) : null;
            if (binnedTree && valRows) binnedTree.predict(valRows, nVal, p, rawVal, k * nVal);
            else tree.predict(xVal, nVal, p, rawVal, k * nVal, known);
          }
          iteration.push(tree);
        }
        trees.push(iteration);
        fitOptions.onProgress?.({ step: trees.length, total: params.maxIter, message: `iteration ${trees.length}` });
        const last = trees.length === params.maxIter;
        if (!last || withLoss) trainLoss = gradientHessianHalves(loss, gradients, withLoss, companion, sumW);
        if (earlyStopping) {
          recordScores();
          const scores = yVal ? this.#validationScore : this.#trainScore;
          if (shouldStop(scores, params.nIterNoChange, params.tol)) break;
        }
      }
    } finally {
      grower.stopCompanion();
      await companion?.close();
    }
    this.#trees = trees;
    this.#baseline = baseline;
    this.#mapper = mapper;
    this.#knownCategories = known;
    this.#frameCategories = encoded.categories;
  }

  /** Trees per iteration of the restored or fitted state, without the fitted check (for `setState`). */
  protected nTreesPerIterationUnchecked(): number {
    return this.#baseline?.length ?? 0;
  }

  /** Number of boosting iterations done (sklearn's `n_iter_`). */
  get nIter(): number {
    return this.fitted('nIter', this.#trees).length;
  }

  /** Trees grown per iteration: the number of classes for multiclass, else 1. */
  get nTreesPerIteration(): number {
    return this.fitted('nTreesPerIteration', this.#baseline).length;
  }

  /** Scores on the training data at each iteration (baseline first) when early stopping is on. */
  get trainScore(): Float64Array {
    this.checkIsFitted('trainScore');
    return Float64Array.from(this.#trainScore);
  }

  /** Scores on the validation data at each iteration (baseline first) when early stopping uses one. */
  get validationScore(): Float64Array {
    this.checkIsFitted('validationScore');
    return Float64Array.from(this.#validationScore);
  }

  /** The fitted trees, `[iteration][class]`. */
  get trees(): TreePredictor[][] {
    return this.fitted('trees', this.#trees).map((it) => it.slice());
  }

  /** The baseline raw prediction per tree of an iteration. */
  get baselinePrediction(): Float64Array {
    return this.fitted('baselinePrediction', this.#baseline).slice();
  }

  /** Rows of `X` as a row-major float64 buffer, checked against the fitted features. */
  protected checkedInput(X: MatrixLike): { x: Float64Array; n: number; p: number } {
    this.checkIsFitted();
    const encoded = encodeFrameCategories(X, this.#frameCategories);
    const data = this.validateData(encoded.X, undefined, { reset: false });
    const [n, p] = data.X.shape;
    return { x: data.X.data as Float64Array, n, p };
  }

  /**
   * Raw predictions (class-major, `K * n`) after each iteration, the last
   * being the final model's; each yielded array is fresh.
   */
  protected *stagedRaw(X: MatrixLike): Generator<{ raw: Float64Array; n: number }> {
    const { x, n, p } = this.checkedInput(X);
    const trees = this.fitted('trees', this.#trees);
    const baseline = this.fitted('baselinePrediction', this.#baseline);
    const K = baseline.length;
    const raw = new Float64Array(K * n);
    for (let k = 0; k < K; k++) raw.fill(baseline[k], k * n, (k + 1) * n);
    for (const iteration of trees) {
      for (let k = 0; k < K; k++) iteration[k].predict(x, n, p, raw, k * n, this.#knownCategories);
      yield { raw: raw.slice(), n };
    }
  }

  /** Final raw predictions (class-major, `K * n`). */
  protected rawPredict(X: MatrixLike): { raw: Float64Array; n: number } {
    const { x, n, p } = this.checkedInput(X);
    const trees = this.fitted('trees', this.#trees);
    const baseline = this.fitted('baselinePrediction', this.#baseline);
    const K = baseline.length;
    const raw = new Float64Array(K * n);
    for (let k = 0; k < K; k++) {
      raw.fill(baseline[k], k * n, (k + 1) * n);
      for (const iteration of trees) iteration[k].predict(x, n, p, raw, k * n, this.#knownCategories);
    }
    return { raw, n };
  }

  protected getState(): Record<string, unknown> {
    const mapper = this.#mapper as BinMapper;
    return {
      baseline: this.#baseline,
      trees: (this.#trees ?? []).map((it) => it.map((t) => t.toState())),
      maxBins: mapper.maxBins,
      thresholds: mapper.thresholds,
      nBinsNonMissing: mapper.nBinsNonMissing,
      isCategorical: mapper.isCategorical,
      frameCategories: this.#frameCategories,
      trainScore: this.#trainScore,
      validationScore: this.#validationScore,
      randomSeed: this.#randomSeed,
    };
  }

  protected setState(state: Record<string, unknown>): void {
    const where = `saved ${this.estimatorName}`;
    const r = new StateReader(state, where);
    const baseline = r.float64Array('baseline');
    const thresholds = state.thresholds;
    const nBinsNonMissing = state.nBinsNonMissing;
    const isCategorical = state.isCategorical;
    if (
      !Array.isArray(thresholds) ||
      !thresholds.every((t) => t instanceof Float64Array) ||
      !(nBinsNonMissing instanceof Int32Array) ||
      !(isCategorical instanceof Uint8Array) ||
      nBinsNonMissing.length !== thresholds.length ||
      isCategorical.length !== thresholds.length
    ) {
      throw new ValidationError(`${where}: the binning state is invalid`);
    }
    const rawTrees = state.trees;
    if (!Array.isArray(rawTrees) || !rawTrees.every((it) => Array.isArray(it) && it.length === baseline.length)) {
      throw new ValidationError(`${where}: trees must hold ${baseline.length} tree(s) per iteration`);
    }
    const trees = rawTrees.map((it: unknown[]) => it.map((t) => TreePredictor.fromState(t, where)));
    const p = thresholds.length;
    for (const t of trees.flat()) {
      if (t.arrays.feature.some((f) => f >= p)) throw new ValidationError(`${where}: a tree uses a feature >= ${p}`);
    }
    const scores = (key: string): number[] => {
      const v = state[key];
      if (!Array.isArray(v) || !v.every((s) => typeof s === 'number')) {
        throw new ValidationError(`${where}: '${key}' must be an array of numbers`);
      }
      return v;
    };
    const frameCategories = state.frameCategories;
    if (typeof frameCategories !== 'object' || frameCategories === null || Array.isArray(frameCategories)) {
      throw new ValidationError(`${where}: 'frameCategories' must be an object`);
    }
    const mapper: BinMapper = {
      maxBins: r.number('maxBins', { integer: true, min: 2 }),
      thresholds: thresholds as Float64Array[],
      nBinsNonMissing,
      isCategorical,
    };
    this.#baseline = baseline;
    this.#trees = trees;
    this.#mapper = mapper;
    this.#knownCategories = knownCategoryBitsets(mapper);
    this.#frameCategories = frameCategories as Record<string, string[]>;
    this.#trainScore = scores('trainScore');
    this.#validationScore = scores('validationScore');
    this.#randomSeed = r.number('randomSeed', { integer: true, min: 0 });
  }
}
