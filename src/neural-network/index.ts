/**
 * `typelearn/neural-network`: scikit-learn's `sklearn.neural_network` estimators,
 * `MLPClassifier` and `MLPRegressor`, under the common estimator contract (for
 * PyTorch-style networks see `typelearn/nn`).
 *
 * @example
 * import { MLPClassifier } from 'typelearn/neural-network';
 * const clf = await new MLPClassifier({ randomState: 0 }).fit(X, y);
 */
export type { HiddenActivation, OutActivation } from './activations.js';
export { BaseMultilayerPerceptron, MLP_DEFAULTS, type MLPParams } from './base-multilayer-perceptron.js';
export { MLPClassifier, type MLPClassifierParams, type MLPPartialFitOptions } from './mlp-classifier.js';
export { MLPRegressor, type MLPRegressorParams } from './mlp-regressor.js';
