/**
 * `typelearn/neighbors`: nearest-neighbour search and models (scikit-learn's
 * `sklearn.neighbors`): `KDTree` and `BallTree`, `NearestNeighbors`,
 * k-neighbours and radius-neighbours classifiers and regressors,
 * `NearestCentroid` and `LocalOutlierFactor`. Brute force runs on blocked GEMM;
 * all search methods return identical neighbour lists (ties: lower index first).
 *
 * @example
 * import { KNeighborsClassifier } from 'typelearn/neighbors';
 * const model = await new KNeighborsClassifier({ nNeighbors: 5 }).fit(X, y);
 * model.predict(Xtest);
 */

export { BallTree } from './ball-tree.js';
export type { BinaryTreeOptions, TreeQueryOptions, TreeRadiusOptions } from './binary-tree.js';
export { BinaryTree } from './binary-tree.js';
export { KDTree } from './kd-tree.js';
export type { KNeighborsClassifierParams } from './kneighbors-classifier.js';
export { KNeighborsClassifier } from './kneighbors-classifier.js';
export type { KNeighborsRegressorParams } from './kneighbors-regressor.js';
export { KNeighborsRegressor } from './kneighbors-regressor.js';
export type { LocalOutlierFactorParams } from './local-outlier-factor.js';
export { LocalOutlierFactor } from './local-outlier-factor.js';
export type { NeighborsMetricName } from './metric.js';
export type { NearestCentroidParams } from './nearest-centroid.js';
export { NearestCentroid } from './nearest-centroid.js';
export type { NearestNeighborsParams } from './nearest-neighbors.js';
export { NearestNeighbors } from './nearest-neighbors.js';
export type {
  GraphOptions,
  KNeighborsOptions,
  NeighborsAlgorithm,
  NeighborsCommonParams,
  RadiusNeighborsOptions,
} from './neighbors-base.js';
export { NeighborsBase } from './neighbors-base.js';
export type { RadiusNeighborsClassifierParams } from './radius-neighbors-classifier.js';
export { RadiusNeighborsClassifier } from './radius-neighbors-classifier.js';
export type { RadiusNeighborsRegressorParams } from './radius-neighbors-regressor.js';
export { RadiusNeighborsRegressor } from './radius-neighbors-regressor.js';
export type { NeighborsWeights } from './weights.js';
