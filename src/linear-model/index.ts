/**
 * `typelearn/linear-model`: linear models, as scikit-learn's `sklearn.linear_model`.
 */

export type { CdResult } from './cd-fast.js';
export { enetCoordinateDescent } from './cd-fast.js';
export type { CoordinateDescentParams } from './coordinate-descent-model.js';
export { CoordinateDescentModel } from './coordinate-descent-model.js';
export type { ElasticNetParams } from './elastic-net.js';
export { ElasticNet } from './elastic-net.js';
export type { ElasticNetCVParams } from './elastic-net-cv.js';
export { ElasticNetCV } from './elastic-net-cv.js';
export type { EnetPathOptions, EnetPathResult } from './enet-path.js';
export { alphaGrid, enetPath, lassoPath } from './enet-path.js';
export type { LassoParams } from './lasso.js';
export { Lasso } from './lasso.js';
export type { LassoCVParams } from './lasso-cv.js';
export { LassoCV } from './lasso-cv.js';
export type { ClassWeight } from './linear-classifier.js';
export { computeClassWeight, LinearClassifier } from './linear-classifier.js';
export type { LinearModelCVParams } from './linear-model-cv.js';
export { LinearModelCV } from './linear-model-cv.js';
export type { LinearRegressionParams } from './linear-regression.js';
export { LinearRegression } from './linear-regression.js';
export { binaryLogisticLoss, expit, log1pExp, multinomialLogisticLoss } from './logistic-loss.js';
export type { LogisticPenalty, LogisticRegressionParams } from './logistic-regression.js';
export { LogisticRegression, logisticProba } from './logistic-regression.js';
export type { LogisticRegressionCVParams } from './logistic-regression-cv.js';
export { LogisticRegressionCV } from './logistic-regression-cv.js';
export type { LsqrOptions, LsqrResult } from './lsqr.js';
export { lsqr } from './lsqr.js';
export type { NnlsResult } from './nnls.js';
export { nnls } from './nnls.js';
export type { LbfgsOptions, LbfgsResult, ObjectiveWithGradient } from './optim/lbfgs.js';
export { lbfgs } from './optim/lbfgs.js';
export type { RidgeParams } from './ridge.js';
export { Ridge } from './ridge.js';
export type { RidgeClassifierParams } from './ridge-classifier.js';
export { RidgeClassifier } from './ridge-classifier.js';
export type { RidgeClassifierCVParams } from './ridge-classifier-cv.js';
export { RidgeClassifierCV } from './ridge-classifier-cv.js';
export type { RidgeCVParams } from './ridge-cv.js';
export { RidgeCV } from './ridge-cv.js';
export type { RidgeSolver } from './ridge-fit.js';
export type { GcvMode } from './ridge-gcv.js';
export type { SagaOptions, SagaResult } from './saga.js';
export { saga } from './saga.js';
