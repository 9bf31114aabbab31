/**
 * `typelearn/linear-model`: linear models, as scikit-learn's `sklearn.linear_model`.
 * Ridge, Lasso, logistic regression and the rest arrive with #5.
 */

export type { LinearRegressionParams } from './linear-regression.js';
export { LinearRegression } from './linear-regression.js';
export type { NnlsResult } from './nnls.js';
export { nnls } from './nnls.js';
