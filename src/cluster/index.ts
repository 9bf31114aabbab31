/**
 * `typelearn/cluster`: scikit-learn's clustering estimators — KMeans,
 * MiniBatchKMeans, DBSCAN, AgglomerativeClustering and GaussianMixture.
 *
 * @example
 * import { KMeans } from 'typelearn/cluster';
 * const km = await new KMeans({ nClusters: 3, randomState: 0 }).fit(X);
 * km.labels; km.clusterCenters; km.inertia;
 */

export { AgglomerativeClustering, type AgglomerativeClusteringParams } from './agglomerative-clustering.js';
export { DBSCAN, type DBSCANParams, radiusNeighbors } from './dbscan.js';
export { GaussianMixture, type GaussianMixtureParams, type NestedNumbers } from './gaussian-mixture.js';
export type { CovarianceType } from './gmm-math.js';
export { KMeans, type KMeansInit, type KMeansParams } from './kmeans.js';
export { type Dendrogram, hcCut, type Linkage, linkageTree } from './linkage.js';
export { MiniBatchKMeans, type MiniBatchKMeansParams } from './minibatch-kmeans.js';
