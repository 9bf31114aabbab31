// Nearest neighbours: a k-NN classifier, raw neighbour queries, local outlier factors and nearest centroids.
import assert from 'node:assert/strict';
import { loadDataset } from 'typelearn/data';
import { crossValScore } from 'typelearn/model-selection';
import { KNeighborsClassifier, LocalOutlierFactor, NearestCentroid, NearestNeighbors } from 'typelearn/neighbors';

const close = (a: number, b: number, tol = 1e-8) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);
const { data: X, target: y } = loadDataset('iris');

// k-NN with scikit-learn's defaults (k = 5, uniform weights, minkowski p = 2 through a KD-tree).
const scores = await crossValScore(new KNeighborsClassifier(), X, y, { cv: 5, nJobs: 1 });
close(scores.reduce((a, b) => a + b, 0) / scores.length, 0.9733333333333334); // sklearn: 0.97333
const knn = await new KNeighborsClassifier({ nNeighbors: 15, weights: 'distance' }).fit(X, y);
assert.equal(knn.score(X, y), 1); // with distance weights each training row votes for itself

// Neighbour queries: distances and indices, nearest first (the query row itself comes first).
const nn = await new NearestNeighbors({ nNeighbors: 3 }).fit(X);
const first = [[5.1, 3.5, 1.4, 0.2]];
const { distances, indices } = nn.kneighbors(first);
assert.deepEqual(Array.from(indices.data), [0, 17, 4]);
close(distances.get(0, 1), 0.1);
const within = nn.radiusNeighbors(first, { radius: 0.2 }).indices[0];
assert.equal(within.length, 8); // scikit-learn: 8 rows within 0.2

// Local outlier factor: scores the training rows; -1 marks outliers.
const lof = new LocalOutlierFactor({ nNeighbors: 2 });
const flags = await lof.fitPredict([[-1.1], [0.2], [101.1], [0.3]]);
assert.deepEqual(Array.from(flags), [1, 1, -1, 1]);
close(lof.negativeOutlierFactor[2], -73.36970899);

// Nearest centroid: one mean per class.
const centroid = await new NearestCentroid().fit(X, y);
close(centroid.score(X, y), 0.9266666666666666);
console.log(`k-NN 5-fold accuracy ${Array.from(scores, (s) => s.toFixed(3)).join(' ')}`);
