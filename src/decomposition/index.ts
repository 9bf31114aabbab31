/**
 * `typelearn/decomposition`: scikit-learn's matrix decompositions — PCA
 * (full, covariance-eigh and randomized solvers, whitening, variance-fraction
 * and Minka 'mle' component counts, probabilistic scores), IncrementalPCA,
 * KernelPCA, TruncatedSVD (dense or sparse input), NMF and MiniBatchNMF,
 * FastICA, FactorAnalysis, LatentDirichletAllocation, DictionaryLearning and
 * MiniBatchDictionaryLearning, SparsePCA and MiniBatchSparsePCA, sparse coding
 * (`sparseEncode`, `SparseCoder`) and the randomized SVD they use.
 *
 * @example
 * import { PCA } from 'typelearn/decomposition';
 * const pca = await new PCA({ nComponents: 2 }).fit(X);
 * pca.explainedVarianceRatio; pca.transform(X);
 */
export { BasePCA, type PCAModel } from './base-pca.js';
export { checkNonNegative } from './check-non-negative.js';
export {
  DictionaryLearning,
  type DictionaryLearningParams,
  type DictLearningOptions,
  dictLearning,
  initMatrix,
  updateDict,
} from './dictionary-learning.js';
export { FactorAnalysis, type FactorAnalysisParams, orthoRotation } from './factor-analysis.js';
export { FastICA, type FastICAParams } from './fast-ica.js';
export { genBatches, IncrementalPCA, type IncrementalPCAParams } from './incremental-pca.js';
export {
  KernelPCA,
  type KernelPCAKernel,
  type KernelPCAParams,
  type KernelSpec,
  pairwiseKernel,
} from './kernel-pca.js';
export { LatentDirichletAllocation, type LatentDirichletAllocationParams } from './lda.js';
export { digamma, dirichletExpectation2d, gammaDraw } from './lda-math.js';
export {
  initialDictionary,
  MiniBatchDictionaryLearning,
  type MiniBatchDictionaryLearningParams,
  miniBatchDictLearning,
  miniBatchDictStep,
} from './minibatch-dictionary-learning.js';
export { MiniBatchNMF, type MiniBatchNMFParams } from './minibatch-nmf.js';
export { betaLossToFloat, NMF, type NMFBetaLoss, type NMFFitOptions, type NMFParams } from './nmf.js';
export {
  betaDivergence,
  fitCoordinateDescent,
  fitMultiplicativeUpdate,
  initializeNmf,
  type NMFInit,
  type NMFRegularization,
  type NMFSolverOptions,
} from './nmf-solvers.js';
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
export {
  SPARSE_CODING_CONSTRAINTS,
  SPARSE_CODING_DEFAULTS,
  SparseCoder,
  type SparseCoderParams,
  type SparseCodingAlgorithm,
  type SparseCodingParams,
  type SparseEncodeOptions,
  sparseEncode,
  sparseEncodeRaw,
  sparseTransform,
} from './sparse-coding.js';
export {
  BaseSparsePCA,
  type BaseSparsePCAParams,
  MiniBatchSparsePCA,
  type MiniBatchSparsePCAParams,
  SparsePCA,
  type SparsePCAParams,
} from './sparse-pca.js';
export { svdFlip } from './svd-flip.js';
export { TruncatedSVD, type TruncatedSVDParams } from './truncated-svd.js';
