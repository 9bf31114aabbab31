/**
 * `typelearn/dummy`: baseline estimators that ignore the input features
 * (scikit-learn's `sklearn.dummy`).
 *
 * @example
 * import { DummyClassifier, DummyRegressor } from 'typelearn/dummy';
 * const baseline = await new DummyClassifier().fit(X, y);
 * baseline.score(Xtest, ytest); // accuracy of always predicting the most frequent class
 */

export type { DummyClassifierParams, DummyClassifierStrategy } from './dummy-classifier.js';
export { DummyClassifier } from './dummy-classifier.js';
export type { DummyRegressorParams, DummyRegressorStrategy } from './dummy-regressor.js';
export { DummyRegressor } from './dummy-regressor.js';
