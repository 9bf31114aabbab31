/**
 * `typelearn/decomposition`: scikit-learn's matrix decompositions — PCA
 * (full, covariance-eigh and randomized solvers, whitening, variance-fraction
 * and Minka 'mle' component counts, probabilistic scores), TruncatedSVD (dense
 * or sparse input) and the randomized SVD they use.
 *
 * @example
 * import { PCA } from 'typelearn/decomposition';
 * const pca = await new PCA({ nComponents: 2 }).fit(X);
 * pca.explainedVarianceRatio; pca.transform(X);
 */
export { BasePCA, type PCAModel } from './base-pca.js';
export { PCA, type PCAParams, type PCASolver } from './pca.js';
export { assessDimension, gammaln, inferDimension } from './pca-mle.js';
export {
  denseOperator,
  type LinearOperator,
  luPermuteL,
  type PowerIterationNormalizer,
  qrBasis,
  type RandomizedSvdOptions,
  randomizedRangeFinder,
  randomizedSvd,
  sparseOperator,
  type TruncatedSvd,
} from './randomized-svd.js';
export { svdFlip } from './svd-flip.js';
export { TruncatedSVD, type TruncatedSVDParams } from './truncated-svd.js';
