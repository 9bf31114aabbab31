/**
 * `typelearn/tree`: decision trees (scikit-learn's `sklearn.tree`).
 *
 * @example
 * import { DecisionTreeClassifier, exportText } from 'typelearn/tree';
 * const model = await new DecisionTreeClassifier({ maxDepth: 3 }).fit(X, y);
 * console.log(exportText(model));
 */
export type { BaseDecisionTree } from './base-decision-tree.js';
export { buildTree, type PreparedTreeInput, prepareTreeInput, type TreeTargets } from './build-tree.js';
export type { ClassificationCriterion, RegressionCriterion } from './criterion.js';
export {
  BaseTreeClassifier,
  DecisionTreeClassifier,
  type DecisionTreeClassifierParams,
  type TreeClassifierParams,
} from './decision-tree-classifier.js';
export {
  BaseTreeRegressor,
  DecisionTreeRegressor,
  type DecisionTreeRegressorParams,
  type TreeRegressorParams,
} from './decision-tree-regressor.js';
export { type ExportGraphvizOptions, exportGraphviz } from './export-graphviz.js';
export { type ExportableTree, type ExportTextOptions, exportText, formatPyFloat } from './export-text.js';
export {
  ExtraTreeClassifier,
  type ExtraTreeClassifierParams,
  ExtraTreeRegressor,
  type ExtraTreeRegressorParams,
} from './extra-tree.js';
export { type PruningPath, pruneTree, pruningPath } from './pruning.js';
export type { MaxFeatures, TreeClassWeight, TreeGrowthParams } from './tree-params.js';
export { TREE_LEAF, TREE_UNDEFINED, Tree } from './tree-structure.js';
