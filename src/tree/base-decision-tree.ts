/**
 * What every single-tree estimator shares (scikit-learn's `BaseDecisionTree`):
 * input preparation, growing through `buildTree`, and the fitted-tree
 * accessors (`tree`, `featureImportances`, `apply`, `decisionPath`,
 * `getDepth`, `getNLeaves`, `maxFeaturesUsed`) and saving.
 */
import { ValidationError } from '../base/errors.js';
import { BaseEstimator } from '../base/estimator.js';
import type { EstimatorTags, MatrixLike } from '../base/types.js';
import { checkRandomState } from '../tensor/random.js';
import type { SparseMatrix } from '../tensor/sparse.js';
import type { Tensor } from '../tensor/tensor.js';
import { buildTree, prepareTreeInput, type TreeTargets } from './build-tree.js';
import { MAE } from './criterion.js';
import { toFloat32 } from './presort.js';
import { type PruningPath, pruningPath } from './pruning.js';
import { resolveMaxFeatures, type TreeGrowthParams } from './tree-params.js';
import { Tree } from './tree-structure.js';

/** Abstract base of the decision-tree estimators; see the module comment. */
export abstract class BaseDecisionTree<P extends TreeGrowthParams> extends BaseEstimator<P> {
  #tree?: Tree;
  #maxFeatures?: number;

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), allowsNaN: true, requiresY: true };
  }

  /** Criterion code of the current params (see `criterion.ts`). */
  protected abstract criterionCode(): number;

  /** Validates `x` for the criterion, prepares it and grows the tree. */
  protected growTree(x: Tensor, targets: TreeTargets, weights: Float64Array): void {
    const code = this.criterionCode();
    if (code === MAE) rejectNaN(x, this.estimatorName, "criterion 'absolute_error'");
    const input = prepareTreeInput(x, this.params.splitter === 'best');
    const rng = checkRandomState(this.params.randomState);
    this.#maxFeatures = resolveMaxFeatures(this.params.maxFeatures, input.nFeatures);
    this.#tree = buildTree(input, targets, weights, this.params, code, rng);
  }

  /** The fitted tree's arrays (sklearn's `tree_`). */
  get tree(): Tree {
    return this.fitted('tree', this.#tree);
  }

  /** Number of features examined per split (sklearn's `max_features_`). */
  get maxFeaturesUsed(): number {
    return this.fitted('maxFeaturesUsed', this.#maxFeatures);
  }

  /**
   * Normalised mean decrease in impurity per feature (sums to 1 unless the tree is a lone leaf).
   * @example model.featureImportances // Float64Array [0, 0, 0.05, 0.95]
   */
  get featureImportances(): Float64Array {
    return this.tree.computeFeatureImportances(true);
  }

  /**
   * Depth of the tree (0 for a single leaf).
   * @example model.getDepth() // 3
   */
  getDepth(): number {
    return this.tree.maxDepth;
  }

  /**
   * Number of leaves.
   * @example model.getNLeaves() // 5
   */
  getNLeaves(): number {
    return this.tree.nLeaves;
  }

  /** `X` validated against the fit and cast to row-major float32. */
  protected float32Rows(X: MatrixLike): { X32: Float32Array; n: number } {
    this.checkIsFitted();
    const x = this.validateData(X, undefined, { reset: false }).X;
    return { X32: toFloat32(x.data), n: x.shape[0] };
  }

  /**
   * Index of the leaf each row ends in.
   * @example model.apply([[5.1, 3.5, 1.4, 0.2]]) // Int32Array [1]
   */
  apply(X: MatrixLike): Int32Array {
    const { X32, n } = this.float32Rows(X);
    return this.tree.apply(X32, n);
  }

  /**
   * Nodes each row passes through, as a CSR indicator matrix `[nSamples, nodeCount]`.
   * @example model.decisionPath([[5.1, 3.5, 1.4, 0.2]]).indices // Int32Array [0, 1]
   */
  decisionPath(X: MatrixLike): SparseMatrix {
    const { X32, n } = this.float32Rows(X);
    return this.tree.decisionPath(X32, n);
  }

  /**
   * Fits a copy without pruning and returns its cost-complexity pruning path:
   * the effective alphas and total leaf impurities (sklearn's `cost_complexity_pruning_path`).
   * @example const { ccpAlphas, impurities } = await model.costComplexityPruningPath(X, y);
   */
  async costComplexityPruningPath(
    X: MatrixLike,
    y: Parameters<BaseEstimator<P>['fit']>[1],
    sampleWeight?: ArrayLike<number>,
  ): Promise<PruningPath> {
    const Ctor = this.constructor as new (p: Partial<P>) => BaseDecisionTree<P>;
    const copy = new Ctor({ ...this.getParams(), ccpAlpha: 0 });
    await copy.fit(X, y, sampleWeight === undefined ? {} : { sampleWeight });
    return pruningPath(copy.tree);
  }

  protected treeState(): Record<string, unknown> {
    return { tree: this.#tree?.toState(), maxFeatures: this.#maxFeatures };
  }

  /** Restores the tree and returns it (the estimator is not marked fitted yet while restoring). */
  protected setTreeState(state: Record<string, unknown>, where: string): Tree {
    const tree = Tree.fromState(state.tree, `${where}: tree`);
    if (tree.nFeatures < 1) throw new ValidationError(`${where}: tree has no features`);
    const mf = state.maxFeatures;
    if (typeof mf !== 'number' || !Number.isInteger(mf) || mf < 1) {
      throw new ValidationError(`${where}: maxFeatures must be a positive integer`);
    }
    this.#tree = tree;
    this.#maxFeatures = mf;
    return tree;
  }
}

/**
 * Throws a `ValidationError` naming the first NaN of `x` when `what` cannot handle missing values.
 * @example rejectNaN(x, 'DecisionTreeRegressor', "criterion 'absolute_error'")
 */
export function rejectNaN(x: Tensor, estimatorName: string, what: string): void {
  const data = x.data;
  const f = x.shape[1];
  for (let k = 0; k < data.length; k++) {
    if (Number.isNaN(data[k])) {
      throw new ValidationError(
        `Input X contains NaN at row ${Math.floor(k / f)}, column ${k % f}; ${estimatorName} with ${what} does not accept missing values.`,
        { row: Math.floor(k / f), column: k % f, got: Number.NaN },
      );
    }
  }
}
