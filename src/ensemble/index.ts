/**
 * `typelearn/ensemble`: ensembles of trees (scikit-learn's `sklearn.ensemble`).
 *
 * @example
 * import { HistGradientBoostingClassifier } from 'typelearn/ensemble';
 * const model = await new HistGradientBoostingClassifier().fit(X, y);
 */

export { AdaBoostClassifier, type AdaBoostClassifierParams } from './adaboost-classifier.js';
export { AdaBoostRegressor, type AdaBoostRegressorParams } from './adaboost-regressor.js';
export { BaggingClassifier, type BaggingParams, BaggingRegressor } from './bagging.js';
export {
  ExtraTreesClassifier,
  type ExtraTreesClassifierParams,
  ExtraTreesRegressor,
  type ExtraTreesRegressorParams,
} from './extra-trees.js';
export type { ForestParams } from './forest.js';
export { BaseForestClassifier, type ForestClassifierParams } from './forest-classifier.js';
export { BaseForestRegressor, type ForestRegressorParams } from './forest-regressor.js';
export { BaseGradientBoosting, type GradientBoostingParams } from './gradient-boosting.js';
export { GradientBoostingClassifier, type GradientBoostingClassifierParams } from './gradient-boosting-classifier.js';
export { GradientBoostingRegressor, type GradientBoostingRegressorParams } from './gradient-boosting-regressor.js';
export * from './hist-gradient-boosting/index.js';
export { averagePathLength, IsolationForest, type IsolationForestParams } from './isolation-forest.js';
export { RandomForestClassifier, type RandomForestClassifierParams } from './random-forest-classifier.js';
export { RandomForestRegressor, type RandomForestRegressorParams } from './random-forest-regressor.js';
export { StackingClassifier, type StackingParams, StackingRegressor } from './stacking.js';
export {
  type NamedEstimator,
  VotingClassifier,
  type VotingClassifierParams,
  VotingRegressor,
  type VotingRegressorParams,
} from './voting.js';
