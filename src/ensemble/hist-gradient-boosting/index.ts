/**
 * Histogram gradient boosting (scikit-learn's `sklearn.ensemble.HistGradientBoosting*`)
 * and its building blocks: binning, histograms, split finding, the tree grower,
 * predictors and losses.
 *
 * @example
 * import { HistGradientBoostingClassifier } from 'typelearn/ensemble';
 * const model = await new HistGradientBoostingClassifier({ randomState: 0 }).fit(X, y);
 */
export type { HistGradientBoostingParams } from './base-hist-gradient-boosting.js';
export { BaseHistGradientBoosting } from './base-hist-gradient-boosting.js';
export type { BinMapper, BinnedData, FitBinMapperOptions } from './binning.js';
export { binData, findBinThresholds, fitBinMapper } from './binning.js';
export type { CategoricalFeatures } from './categorical.js';
export type { HistGradientBoostingClassifierParams } from './hist-gradient-boosting-classifier.js';
export { HistGradientBoostingClassifier } from './hist-gradient-boosting-classifier.js';
export type { HistGradientBoostingRegressorParams } from './hist-gradient-boosting-regressor.js';
export { HistGradientBoostingRegressor } from './hist-gradient-boosting-regressor.js';
export type { HgbLoss, HgbRegressionLoss } from './loss.js';
export type { TreeArrays } from './predictor.js';
export { TreePredictor } from './predictor.js';
