// Metrics: classification with string labels, a report, ROC, regression, clustering, distances and a custom scorer.
import assert from 'node:assert/strict';
import { makePipeline } from 'typelearn/compose';
import { loadDataset } from 'typelearn/data';
import { LogisticRegression } from 'typelearn/linear-model';
import {
  accuracyScore,
  adjustedRandScore,
  balancedAccuracyScore,
  classificationReport,
  confusionMatrix,
  euclideanDistances,
  f1Score,
  fbetaScore,
  logLoss,
  makeScorer,
  meanAbsoluteError,
  normalizedMutualInfoScore,
  pairwiseDistances,
  r2Score,
  rocAucScore,
  rocCurve,
  rootMeanSquaredError,
  silhouetteScore,
} from 'typelearn/metrics';
import { crossValScore } from 'typelearn/model-selection';
import { StandardScaler } from 'typelearn/preprocessing';

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

// Classification: labels may be strings; classes are sorted as scikit-learn sorts them.
const yTrue = ['cat', 'dog', 'dog', 'bird', 'cat', 'dog', 'bird', 'cat'];
const yPred = ['cat', 'dog', 'cat', 'bird', 'cat', 'bird', 'bird', 'dog'];
close(accuracyScore(yTrue, yPred), 0.625);
close(balancedAccuracyScore(yTrue, yPred), 2 / 3);
close(f1Score(yTrue, yPred, { average: 'macro' }), 0.6222222222222222);
const perClass = f1Score(yTrue, yPred, { average: null }); // one score per class: bird, cat, dog
assert.equal(perClass.length, 3);
const cm = confusionMatrix(yTrue, yPred); // rows: true bird/cat/dog, columns: predicted
assert.deepEqual(cm.toArray(), [
  [2, 0, 0],
  [0, 2, 1],
  [1, 1, 1],
]);

// classificationReport prints scikit-learn's table, or returns it as an object.
const report = classificationReport(yTrue, yPred);
assert.ok(report.includes('weighted avg       0.60      0.62      0.60         8'));
console.log(report);
const dict = classificationReport(yTrue, yPred, { outputDict: true });
assert.equal(dict.accuracy, 0.625);

// Binary scores: ROC AUC, the ROC curve and the log loss take positive-class scores.
const yb = [0, 0, 1, 1, 0, 1, 0, 1];
const score = [0.1, 0.4, 0.35, 0.8, 0.2, 0.9, 0.6, 0.55];
close(rocAucScore(yb, score) as number, 0.8125); // a Float64Array per class with average: null
const roc = rocCurve(yb, score);
assert.deepEqual(Array.from(roc.fpr), [0, 0, 0, 0.25, 0.25, 0.5, 0.5, 1]);
assert.deepEqual(Array.from(roc.tpr), [0, 0.25, 0.5, 0.5, 0.75, 0.75, 1, 1]);
close(logLoss(yb, score), 0.4664729518548145);

// Regression.
const yr = [3, -0.5, 2, 7];
const pr = [2.5, 0, 2, 8];
close(r2Score(yr, pr), 0.9486081370449679);
close(meanAbsoluteError(yr, pr), 0.5);
close(rootMeanSquaredError(yr, pr), 0.6123724356957945);

// Clustering: label permutations do not matter; silhouette needs the points.
close(adjustedRandScore([0, 0, 1, 1, 2, 2], [1, 1, 0, 0, 2, 2]), 1);
close(normalizedMutualInfoScore([0, 0, 1, 1], [0, 0, 1, 2]), 0.8, 1e-12);
close(silhouetteScore([[0], [1], [10], [11]], [0, 0, 1, 1]), 0.899749373433584);

// Pairwise distances: row i of X against row j of Y (or X itself).
const pts = [
  [0, 0],
  [3, 4],
  [6, 8],
];
const D = euclideanDistances(pts); // a [3, 3] tensor
assert.deepEqual([D.get(0, 0), D.get(0, 1), D.get(0, 2)], [0, 5, 10]);
assert.equal(pairwiseDistances(pts, null, { metric: 'manhattan' }).get(2, 0), 14);

// makeScorer turns a metric into a scorer for cross-validation and searches.
const { data, target } = loadDataset('breast_cancer');
const f2 = makeScorer(fbetaScore, { beta: 2 }); // recall weighs more than precision
const model = makePipeline(new StandardScaler(), new LogisticRegression());
const scores = await crossValScore(model, data, target, { cv: 3, scoring: f2, nJobs: 1 });
assert.ok(scores.every((s) => s > 0.9));
