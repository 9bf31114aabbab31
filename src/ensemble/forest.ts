/**
 * `BaseForest`: what random forests and extra-trees share (scikit-learn's
 * `BaseForest`): per-member seeds drawn up front from the forest's
 * generator (so a seed gives the same forest whatever `nJobs` is), bootstrap
 * draws, growing the members inline or on worker threads with the data in
 * shared memory, `warmStart`, out-of-bag bookkeeping, `apply`, averaged
 * feature importances, and saving.
 */
import { ValidationError } from '../base/errors.js';
import { BaseEstimator } from '../base/estimator.js';
import { interval, type ParameterConstraints } from '../base/params.js';
import { encodeState } from '../base/state.js';
import type { EstimatorTags, FitOptions, MatrixLike } from '../base/types.js';
import { TypelearnWarning, warn } from '../base/warnings.js';
import { loadNodeCores, resolveNJobs } from '../parallel/n-jobs.js';
import { runInPool } from '../parallel/pool.js';
import { sharedMemoryAvailable } from '../parallel/shared.js';
import { checkRandomState } from '../tensor/random.js';
import { Tensor } from '../tensor/tensor.js';
import { prepareTreeInput, type TreeTargets } from '../tree/build-tree.js';
import { applyPacked, missingRows } from '../tree/packed-tree.js';
import { toFloat32 } from '../tree/presort.js';
import { resolveMaxFeatures, TREE_GROWTH_CONSTRAINTS, type TreeGrowthParams } from '../tree/tree-params.js';
import { Tree } from '../tree/tree-structure.js';
import { bootstrapCounts, type ForestData, growMember } from './forest-member.js';
import { forestContext } from './forest-worker.js';

/** Options every forest has besides the tree options (sklearn's names, camelCase). */
export interface ForestParams extends Omit<TreeGrowthParams, 'splitter'> {
  /** Number of trees. Default 100. */
  nEstimators: number;
  /** Grow each tree on a bootstrap sample (default `true` for random forests, `false` for extra-trees). */
  bootstrap: boolean;
  /** Compute the out-of-bag score (needs `bootstrap`). Default `false`. */
  oobScore: boolean;
  /** Worker threads for fitting: `undefined` = all cores, 1 = inline, -1 = all cores. Results do not depend on it. */
  nJobs: number | null | undefined;
  /** Keep the trees of the previous fit and add trees up to `nEstimators`. Default `false`. */
  warmStart: boolean;
  /** Rows per bootstrap: a count, a fraction in (0, 1], or `undefined` (default) for all rows. */
  maxSamples: number | null | undefined;
}

/** Constraints of {@link ForestParams}. */
export const FOREST_CONSTRAINTS: ParameterConstraints = {
  ...Object.fromEntries(Object.entries(TREE_GROWTH_CONSTRAINTS).filter(([k]) => k !== 'splitter')),
  nEstimators: [interval('int', 1, null, 'left')],
  bootstrap: ['boolean'],
  oobScore: ['boolean'],
  nJobs: [interval('int', null, null, 'neither'), null],
  warmStart: ['boolean'],
  maxSamples: [interval('int', 1, null, 'left'), interval('real', 0, 1, 'right'), null],
};

/** Below this many (rows × trees) the trees are grown inline: worker start-up would cost more. */
const PARALLEL_MIN_WORK = 200_000;

/** Abstract base of the forests; see the module comment. */
export abstract class BaseForest<P extends ForestParams> extends BaseEstimator<P> {
  #trees: Tree[] = [];
  #seeds: number[] = [];
  #nBootstrap = 0;
  #maxFeatures?: number;

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), allowsNaN: true, requiresY: true };
  }

  /** `'best'` for random forests, `'random'` for extra-trees. */
  protected abstract splitter(): 'best' | 'random';
  /** Criterion code (see `tree/criterion.ts`). */
  protected abstract criterionCode(): number;
  /** Whether `'balanced_subsample'` class weights are requested. */
  protected balancedSubsample(): boolean {
    return false;
  }

  /** The member trees' arrays. */
  get trees(): Tree[] {
    return this.fitted('trees', this.#trees.length > 0 ? this.#trees : undefined).slice();
  }

  /** Seed of each member (its bootstrap and split randomness derive from it). */
  get seeds(): number[] {
    return this.fitted('seeds', this.#seeds.length > 0 ? this.#seeds : undefined).slice();
  }

  /** Features examined per split (sklearn's `max_features_`). */
  get maxFeaturesUsed(): number {
    return this.fitted('maxFeaturesUsed', this.#maxFeatures);
  }

  /** Rows drawn per bootstrap sample. */
  protected get nBootstrap(): number {
    return this.#nBootstrap;
  }

  /**
   * Mean of the members' normalised impurity-based importances, renormalised (sklearn's `feature_importances_`).
   * @example forest.featureImportances // Float64Array summing to 1
   */
  get featureImportances(): Float64Array {
    const trees = this.trees;
    const out = new Float64Array(this.nFeaturesIn);
    let used = 0;
    for (const t of trees) {
      if (t.nodeCount <= 1) continue;
      const imp = t.computeFeatureImportances(true);
      for (let j = 0; j < out.length; j++) out[j] += imp[j];
      used++;
    }
    if (used === 0) return out;
    let total = 0;
    for (let j = 0; j < out.length; j++) total += out[j] / used;
    for (let j = 0; j < out.length; j++) out[j] = total > 0 ? out[j] / used / total : 0;
    return out;
  }

  /** Grows (or, with `warmStart`, adds) the members. Call from `fitImpl` after validating. */
  protected async fitForest(
    x: Tensor,
    targets: TreeTargets,
    weights: Float64Array,
    options: FitOptions,
    treeParams: TreeGrowthParams,
  ): Promise<void> {
    const p = this.params;
    const [n, f] = x.shape;
    if (p.oobScore && !p.bootstrap) {
      throw new ValidationError('Out of bag estimation only available if bootstrap=True', { param: 'oobScore' });
    }
    let nBootstrap = n;
    if (p.maxSamples !== undefined && p.maxSamples !== null) {
      if (!p.bootstrap) {
        throw new ValidationError('maxSamples can only be used with bootstrap=True; set maxSamples to undefined.', {
          param: 'maxSamples',
        });
      }
      if (Number.isInteger(p.maxSamples) && p.maxSamples > 1) {
        if (p.maxSamples > n) {
          throw new ValidationError(`maxSamples must be <= nSamples = ${n}, got ${p.maxSamples}`, {
            param: 'maxSamples',
            got: p.maxSamples,
          });
        }
        nBootstrap = p.maxSamples;
      } else nBootstrap = Math.max(Math.round(n * p.maxSamples), 1);
    }
    const keep = p.warmStart && this.#trees.length > 0 && this.#trees[0].nFeatures === f ? this.#trees.length : 0;
    if (p.nEstimators < keep) {
      throw new ValidationError(
        `nEstimators=${p.nEstimators} must be larger or equal to the number of fitted trees (${keep}) when warmStart is true`,
        { param: 'nEstimators' },
      );
    }
    if (keep > 0 && p.nEstimators === keep) {
      warn(new TypelearnWarning('Warm-start fitting without increasing nEstimators does not fit new trees.'));
    }
    const rng = checkRandomState(p.randomState);
    // Seeds of the kept trees are drawn again (and discarded) so warm-started forests match one big fit.
    const seeds: number[] = [];
    for (let k = 0; k < p.nEstimators; k++) seeds.push(Math.floor(rng.random() * 2147483646));
    const newSeeds = seeds.slice(keep);
    const input = prepareTreeInput(x, this.splitter() === 'best');
    const data: ForestData = {
      input,
      targets,
      weights,
      params: { ...treeParams, splitter: this.splitter() },
      criterion: this.criterionCode(),
      bootstrap: p.bootstrap,
      nBootstrap,
      balancedSubsample: this.balancedSubsample(),
    };
    const grown = await this.#grow(data, newSeeds, options);
    this.#trees = keep > 0 ? [...this.#trees.slice(0, keep), ...grown] : grown;
    this.#seeds = keep > 0 ? [...this.#seeds.slice(0, keep), ...newSeeds] : seeds;
    this.#nBootstrap = nBootstrap;
    this.#maxFeatures = resolveMaxFeatures(p.maxFeatures, f);
  }

  async #grow(data: ForestData, seeds: number[], options: FitOptions): Promise<Tree[]> {
    const nJobs = this.params.nJobs;
    // Only "all cores" needs the core count; with nJobs: 1 the fit runs without any await.
    if (nJobs === undefined || nJobs === null || nJobs < 0) await loadNodeCores();
    const jobs = Math.min(resolveNJobs(nJobs), seeds.length);
    const work = data.input.nSamples * seeds.length;
    if (jobs > 1 && work >= PARALLEL_MIN_WORK && sharedMemoryAvailable()) {
      const states = await runInPool<Record<string, unknown>>(
        seeds.map((seed) => ({ seed })),
        {
          size: jobs,
          handler: new URL('./forest-worker.js', import.meta.url),
          context: forestContext(data),
          signal: options.signal,
        },
      );
      options.onProgress?.({ step: seeds.length, total: seeds.length, message: 'trees grown' });
      return states.map((s) => Tree.fromState(s, 'forest worker result'));
    }
    const trees: Tree[] = [];
    for (let k = 0; k < seeds.length; k++) {
      this.throwIfAborted(options.signal);
      trees.push(growMember(data, seeds[k]));
      options.onProgress?.({ step: k + 1, total: seeds.length, message: 'trees grown' });
      // Yield between trees so abort signals and progress listeners get a turn.
      if ((k & 7) === 7 && (options.signal || options.onProgress))
        await new Promise((resolve) => setTimeout(resolve, 0));
    }
    return trees;
  }

  /** `X` validated against the fit, as row-major float32. */
  protected float32Rows(X: MatrixLike): { X32: Float32Array; n: number } {
    this.checkIsFitted();
    const x = this.validateData(X, undefined, { reset: false }).X;
    return { X32: toFloat32(x.data), n: x.shape[0] };
  }

  /**
   * Leaf index of every row in every tree, `[nSamples, nEstimators]` int32.
   * @example forest.apply(X).shape // [nSamples, 100]
   */
  apply(X: MatrixLike): Tensor {
    const { X32, n } = this.float32Rows(X);
    const trees = this.trees;
    const out = new Int32Array(n * trees.length);
    const leaves = new Int32Array(n);
    // One NaN scan of X for all trees (Tree.apply would scan it once per tree).
    const nanRows = missingRows(X32, this.nFeaturesIn, 0, n);
    for (let t = 0; t < trees.length; t++) {
      const packed = trees[t].packed;
      applyPacked(packed, X32, 0, n, leaves, nanRows);
      const leafNode = packed.leafNode;
      for (let i = 0; i < n; i++) out[i * trees.length + t] = leafNode[leaves[i]];
    }
    return new Tensor(out, [n, trees.length]);
  }

  /**
   * Calls `visit(tree, oobRows)` for every tree with the rows it never saw
   * (bootstrap count 0), for out-of-bag estimates.
   */
  protected forEachOutOfBag(nSamples: number, visit: (tree: Tree, oob: Int32Array) => void): void {
    for (let t = 0; t < this.#trees.length; t++) {
      const counts = bootstrapCounts(this.#seeds[t], nSamples, this.#nBootstrap);
      let m = 0;
      for (let i = 0; i < nSamples; i++) if (counts[i] === 0) m++;
      const oob = new Int32Array(m);
      for (let i = 0, k = 0; i < nSamples; i++) if (counts[i] === 0) oob[k++] = i;
      visit(this.#trees[t], oob);
    }
  }

  /** The saved form of a member as a fitted single-tree estimator (for `estimators`). */
  protected memberSavedModel(className: string, t: number, extra: Record<string, unknown>, params: object): unknown {
    return {
      format: 'typelearn-model',
      formatVersion: 1,
      className,
      params: encodeState({ ...params, randomState: this.#seeds[t] + 1 }, 'params'),
      state: encodeState(
        {
          nFeaturesIn: this.nFeaturesIn,
          model: { tree: this.#trees[t].toState(), maxFeatures: this.maxFeaturesUsed, ...extra },
        },
        'state',
      ),
    };
  }

  protected forestState(): Record<string, unknown> {
    return {
      trees: this.#trees.map((t) => t.toState()),
      seeds: this.#seeds,
      nBootstrap: this.#nBootstrap,
      maxFeatures: this.#maxFeatures,
    };
  }

  protected setForestState(state: Record<string, unknown>, where: string): void {
    const { trees, seeds, nBootstrap, maxFeatures } = state;
    if (!Array.isArray(trees) || trees.length === 0)
      throw new ValidationError(`${where}: 'trees' must be a non-empty array`);
    if (!Array.isArray(seeds) || seeds.length !== trees.length || !seeds.every((s) => Number.isInteger(s))) {
      throw new ValidationError(`${where}: 'seeds' must hold one integer per tree`);
    }
    if (typeof nBootstrap !== 'number' || !Number.isInteger(nBootstrap) || nBootstrap < 1) {
      throw new ValidationError(`${where}: 'nBootstrap' must be a positive integer`);
    }
    if (typeof maxFeatures !== 'number' || !Number.isInteger(maxFeatures) || maxFeatures < 1) {
      throw new ValidationError(`${where}: 'maxFeatures' must be a positive integer`);
    }
    this.#trees = trees.map((t, i) => Tree.fromState(t, `${where}: trees[${i}]`));
    this.#seeds = seeds as number[];
    this.#nBootstrap = nBootstrap;
    this.#maxFeatures = maxFeatures;
  }
}
