/**
 * `DecisionTreeRegressor` (scikit-learn's `sklearn.tree.DecisionTreeRegressor`)
 * and `BaseTreeRegressor`, the regression half every regression tree shares
 * (`ExtraTreeRegressor` too). Leaves predict the weighted mean of their
 * targets (the weighted median with `criterion: 'absolute_error'`).
 *
 * Differences from scikit-learn: single output only; `absolute_error` rejects
 * NaN in `X` (sklearn 1.3 does too).
 */
import { ValidationError } from '../base/errors.js';
import { options, type ParameterConstraints } from '../base/params.js';
import { regressorScore } from '../base/score.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike, Regressor } from '../base/types.js';
import { checkSampleWeight } from '../base/validation.js';
import { BaseDecisionTree } from './base-decision-tree.js';
import { criterionCode, type RegressionCriterion } from './criterion.js';
import { TREE_GROWTH_CONSTRAINTS, type TreeGrowthParams } from './tree-params.js';

/** Options of the regression trees (sklearn's parameters, camelCase). */
export interface TreeRegressorParams extends TreeGrowthParams {
  /** `'squared_error'` (default), `'friedman_mse'`, `'absolute_error'` or `'poisson'`. */
  criterion: RegressionCriterion;
}

/** Constraints of {@link TreeRegressorParams}. */
export const TREE_REGRESSOR_CONSTRAINTS: ParameterConstraints = {
  ...TREE_GROWTH_CONSTRAINTS,
  criterion: [options(['squared_error', 'friedman_mse', 'absolute_error', 'poisson'])],
};

/**
 * Checks Poisson targets: non-negative with a positive sum.
 * @example checkPoissonTargets(Float64Array.of(0, 1)) // ok
 */
export function checkPoissonTargets(y: Float64Array): void {
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] < 0) {
      throw new ValidationError(
        `Some value(s) of y are negative (y[${i}] = ${y[i]}), which is not allowed for Poisson regression.`,
        {
          row: i,
          got: y[i],
        },
      );
    }
    sum += y[i];
  }
  if (!(sum > 0)) throw new ValidationError('Sum of y is not positive, which is necessary for Poisson regression.');
}

/** Shared implementation of the regression trees; see the module comment. */
export abstract class BaseTreeRegressor<P extends TreeRegressorParams>
  extends BaseDecisionTree<P>
  implements Regressor<P>
{
  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'regressor' };
  }

  protected criterionCode(): number {
    return criterionCode(this.params.criterion);
  }

  protected fitImpl(X: MatrixLike, y: Labels | undefined, options: FitOptions): void {
    const data = this.validateData(X, y, { reset: true, yNumeric: true });
    if (this.params.criterion === 'poisson') checkPoissonTargets(data.y);
    const weights = checkSampleWeight(options.sampleWeight, data.y.length);
    this.growTree(data.X, { yClass: null, nClasses: 0, y: data.y }, weights);
  }

  /**
   * Predicted value of each row (its leaf's mean, or median for `absolute_error`).
   * @example model.predict([[0.5]]) // Float64Array [2.5]
   */
  predict(X: MatrixLike): Float64Array {
    const { X32, n } = this.float32Rows(X);
    const tree = this.tree;
    const leaves = tree.apply(X32, n);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = tree.value[leaves[i]];
    return out;
  }

  /**
   * R² of the predictions on `X`, `y`.
   * @example model.score(X, y) // 0.5
   */
  score(X: MatrixLike, y: Labels, sampleWeight?: ArrayLike<number>): number {
    return regressorScore(y, this.predict(X), sampleWeight);
  }

  protected getState(): Record<string, unknown> {
    return this.treeState();
  }

  protected setState(state: Record<string, unknown>): void {
    const where = `saved ${this.estimatorName}`;
    if (this.setTreeState(state, where).valueWidth !== 1)
      throw new ValidationError(`${where}: a regression tree stores one value per node`);
  }
}

/** Options of {@link DecisionTreeRegressor}. */
export type DecisionTreeRegressorParams = TreeRegressorParams;

const DEFAULTS: DecisionTreeRegressorParams = {
  criterion: 'squared_error',
  splitter: 'best',
  maxDepth: undefined,
  minSamplesSplit: 2,
  minSamplesLeaf: 1,
  minWeightFractionLeaf: 0,
  maxFeatures: undefined,
  randomState: undefined,
  maxLeafNodes: undefined,
  minImpurityDecrease: 0,
  ccpAlpha: 0,
};

/**
 * A decision tree regressor.
 *
 * Fitted attributes (throw `NotFittedError` before `fit`): `tree`,
 * `featureImportances`, `maxFeaturesUsed`, `nFeaturesIn`, `featureNamesIn`.
 *
 * @example
 * import { DecisionTreeRegressor } from 'typelearn/tree';
 * const model = await new DecisionTreeRegressor({ maxDepth: 1 }).fit([[0], [1], [2], [3]], [1, 1, 5, 5]);
 * model.predict([[0.2], [2.7]]); // Float64Array [1, 5]
 * model.tree.threshold[0];       // 1.5
 */
export class DecisionTreeRegressor extends BaseTreeRegressor<DecisionTreeRegressorParams> {
  static override readonly estimatorName = 'DecisionTreeRegressor';
  static override parameterConstraints: ParameterConstraints = TREE_REGRESSOR_CONSTRAINTS;

  /** @param options - see {@link TreeRegressorParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<DecisionTreeRegressorParams> = {}) {
    super(DEFAULTS, options);
  }
}
