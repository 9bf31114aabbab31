/**
 * `typelearn/cluster`: scikit-learn's clustering estimators (`sklearn.cluster`)
 * and mixture models (`sklearn.mixture`) — KMeans, MiniBatchKMeans,
 * BisectingKMeans, DBSCAN, HDBSCAN, OPTICS, MeanShift, AffinityPropagation,
 * Birch, AgglomerativeClustering, GaussianMixture and BayesianGaussianMixture.
 *
 * @example
 * import { KMeans } from 'typelearn/cluster';
 * const km = await new KMeans({ nClusters: 3, randomState: 0 }).fit(X);
 * km.labels; km.clusterCenters; km.inertia;
 */

export { AffinityPropagation, type AffinityPropagationParams } from './affinity-propagation.js';
export { AgglomerativeClustering, type AgglomerativeClusteringParams } from './agglomerative-clustering.js';
export { BayesianGaussianMixture, type BayesianGaussianMixtureParams } from './bayesian-gaussian-mixture.js';
export { Birch, type BirchParams } from './birch.js';
export { BisectingKMeans, type BisectingKMeansParams } from './bisecting-kmeans.js';
export { DBSCAN, type DBSCANParams, radiusNeighbors } from './dbscan.js';
export { GaussianMixture, type GaussianMixtureParams, type NestedNumbers } from './gaussian-mixture.js';
export type { CovarianceType } from './gmm-math.js';
export { HDBSCAN, type HDBSCANParams } from './hdbscan.js';
export { KMeans, type KMeansInit, type KMeansParams } from './kmeans.js';
export { type Dendrogram, hcCut, type Linkage, linkageTree } from './linkage.js';
export { type EstimateBandwidthOptions, estimateBandwidth, MeanShift, type MeanShiftParams } from './mean-shift.js';
export { MiniBatchKMeans, type MiniBatchKMeansParams } from './minibatch-kmeans.js';
export { type RadiusGraph, type RadiusGraphOptions, radiusGraph } from './neighbor-queries.js';
export { OPTICS, type OPTICSParams } from './optics.js';
export { clusterOpticsDbscan, clusterOpticsXi, type OpticsXiOptions } from './optics-extract.js';
export {
  clusterQr,
  discretize,
  SpectralClustering,
  type SpectralClusteringAffinity,
  type SpectralClusteringParams,
} from './spectral-clustering.js';
