/**
 * `typelearn/manifold`: non-linear dimensionality reduction, as scikit-learn's
 * `sklearn.manifold` — `TSNE` (exact and Barnes-Hut), `Isomap`, `MDS`
 * (SMACOF, metric and non-metric), `SpectralEmbedding` (Laplacian
 * eigenmaps), `LocallyLinearEmbedding` (standard and LTSA), and the
 * functions `trustworthiness`, `smacof` and `spectralEmbedding`.
 *
 * @example
 * import { TSNE, trustworthiness } from 'typelearn/manifold';
 * const Y = await new TSNE({ perplexity: 30, randomState: 0 }).fitTransform(X);
 * trustworthiness(X, Y); // close to 1 when neighbourhoods are kept
 */

export { Isomap, type IsomapParams } from './isomap.js';
export { LocallyLinearEmbedding, type LocallyLinearEmbeddingParams } from './locally-linear.js';
export { MDS, type MDSParams } from './mds.js';
export { type SmacofOptions, type SmacofResult, smacof } from './smacof.js';
export { type SpectralEmbeddingOptions, spectralEmbedding } from './spectral.js';
export { type SpectralAffinity, SpectralEmbedding, type SpectralEmbeddingParams } from './spectral-embedding.js';
export { type TrustworthinessOptions, trustworthiness } from './trustworthiness.js';
export { TSNE, type TSNEMetric, type TSNEParams } from './tsne.js';
