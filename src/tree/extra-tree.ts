/**
 * `ExtraTreeClassifier` / `ExtraTreeRegressor` (scikit-learn's
 * `sklearn.tree.ExtraTree*`): extremely randomised trees. The same learners as
 * the decision trees with other defaults: one random threshold per candidate
 * feature (`splitter: 'random'`), and √features candidates per split for the
 * classifier. Mostly used inside `ExtraTreesClassifier` / `ExtraTreesRegressor`.
 *
 * Difference from scikit-learn: `ExtraTreeRegressor`'s default `maxFeatures`
 * is `undefined` (all features; sklearn writes it `1.0`, which in JS would be
 * the integer 1).
 */
import type { ParameterConstraints } from '../base/params.js';
import {
  BaseTreeClassifier,
  TREE_CLASSIFIER_CONSTRAINTS,
  type TreeClassifierParams,
} from './decision-tree-classifier.js';
import { BaseTreeRegressor, TREE_REGRESSOR_CONSTRAINTS, type TreeRegressorParams } from './decision-tree-regressor.js';

/** Options of {@link ExtraTreeClassifier} (defaults: `splitter: 'random'`, `maxFeatures: 'sqrt'`). */
export type ExtraTreeClassifierParams = TreeClassifierParams;
/** Options of {@link ExtraTreeRegressor} (default `splitter: 'random'`). */
export type ExtraTreeRegressorParams = TreeRegressorParams;

const COMMON = {
  splitter: 'random',
  maxDepth: undefined,
  minSamplesSplit: 2,
  minSamplesLeaf: 1,
  minWeightFractionLeaf: 0,
  randomState: undefined,
  maxLeafNodes: undefined,
  minImpurityDecrease: 0,
  ccpAlpha: 0,
} as const;

/**
 * An extremely randomised tree classifier.
 * @example
 * import { ExtraTreeClassifier } from 'typelearn/tree';
 * const model = await new ExtraTreeClassifier({ randomState: 0 }).fit([[0], [1], [2], [3]], [0, 0, 1, 1]);
 * model.predict([[3]]); // Int32Array [1]
 */
export class ExtraTreeClassifier extends BaseTreeClassifier<ExtraTreeClassifierParams> {
  static override readonly estimatorName = 'ExtraTreeClassifier';
  static override parameterConstraints: ParameterConstraints = TREE_CLASSIFIER_CONSTRAINTS;

  /** @param options - see {@link TreeClassifierParams}. */
  constructor(options: Partial<ExtraTreeClassifierParams> = {}) {
    super({ ...COMMON, criterion: 'gini', maxFeatures: 'sqrt', classWeight: undefined }, options);
  }
}

/**
 * An extremely randomised tree regressor.
 * @example
 * import { ExtraTreeRegressor } from 'typelearn/tree';
 * const model = await new ExtraTreeRegressor({ randomState: 0 }).fit([[0], [1], [2], [3]], [0, 0, 1, 1]);
 * model.predict([[3]]); // Float64Array [1]
 */
export class ExtraTreeRegressor extends BaseTreeRegressor<ExtraTreeRegressorParams> {
  static override readonly estimatorName = 'ExtraTreeRegressor';
  static override parameterConstraints: ParameterConstraints = TREE_REGRESSOR_CONSTRAINTS;

  /** @param options - see {@link TreeRegressorParams}. */
  constructor(options: Partial<ExtraTreeRegressorParams> = {}) {
    super({ ...COMMON, criterion: 'squared_error', maxFeatures: undefined }, options);
  }
}
