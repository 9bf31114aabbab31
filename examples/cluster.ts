// Clustering the iris flowers with several of typelearn/cluster's estimators, compared by adjusted Rand index.
import assert from 'node:assert/strict';
import {
  AffinityPropagation,
  BayesianGaussianMixture,
  Birch,
  BisectingKMeans,
  DBSCAN,
  HDBSCAN,
  KMeans,
  MeanShift,
  OPTICS,
} from 'typelearn/cluster';
import { loadDataset } from 'typelearn/data';
import { adjustedRandScore } from 'typelearn/metrics';

const { data: X, target: species } = loadDataset('iris');

const models = {
  KMeans: new KMeans({ nClusters: 3, randomState: 0 }),
  BisectingKMeans: new BisectingKMeans({ nClusters: 3, nInit: 5, randomState: 0 }),
  Birch: new Birch({ nClusters: 3 }),
  BayesianGaussianMixture: new BayesianGaussianMixture({ nComponents: 5, randomState: 0, maxIter: 300 }),
  MeanShift: new MeanShift(), // bandwidth from estimateBandwidth
  AffinityPropagation: new AffinityPropagation({ randomState: 0 }),
  DBSCAN: new DBSCAN({ eps: 0.5, minSamples: 5 }), // neighbourhoods through a KD-tree
  OPTICS: new OPTICS({ minSamples: 10 }),
  HDBSCAN: new HDBSCAN({ minClusterSize: 10 }),
};

const scores: Record<string, number> = {};
for (const [name, model] of Object.entries(models)) {
  const labels = await model.fitPredict(X);
  const clusters = new Set(labels.filter((l) => l >= 0)).size;
  scores[name] = adjustedRandScore(species, labels);
  console.log(`${name.padEnd(24)} ${clusters} clusters, ARI ${scores[name].toFixed(3)}`);
}
// Iris has two overlapping species: the partitioning models reach ARI 0.6-0.8, the density ones find 2 groups.
assert.ok(scores.KMeans > 0.7 && scores.BayesianGaussianMixture > 0.7);
assert.ok(scores.BisectingKMeans > 0.6 && scores.Birch > 0.55 && scores.HDBSCAN > 0.5);

// HDBSCAN: membership strengths, and DBSCAN* at any radius from the same fit.
const hdb = models.HDBSCAN;
assert.ok(hdb.probabilities.every((p) => p >= 0 && p <= 1));
const star = hdb.dbscanClustering(0.5, 5);
assert.equal(star.length, 150);

// OPTICS: the reachability plot, in visiting order.
const plot = Array.from(models.OPTICS.ordering, (i) => models.OPTICS.reachability[i]);
assert.equal(plot[0], Number.POSITIVE_INFINITY);

// The variational mixture leaves the components it does not need nearly empty.
const used = Array.from(models.BayesianGaussianMixture.weights).filter((w) => w > 0.02).length;
assert.ok(used <= 4);
