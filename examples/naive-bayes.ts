// Naive Bayes: Gaussian on measurements, multinomial and Bernoulli on word counts with string labels.
import assert from 'node:assert/strict';
import { loadDataset } from 'typelearn/data';
import { crossValScore } from 'typelearn/model-selection';
import { BernoulliNB, GaussianNB, MultinomialNB } from 'typelearn/naive-bayes';

const close = (a: number, b: number, tol = 1e-8) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

// Gaussian NB: one normal distribution per class and feature.
const { data: X, target: y } = loadDataset('iris');
const gnb = await new GaussianNB().fit(X, y);
close(gnb.score(X, y), 0.96); // scikit-learn: 0.96
assert.deepEqual(gnb.theta.shape, [3, 4]); // class means
const wine = loadDataset('wine');
const scores = await crossValScore(new GaussianNB(), wine.data, wine.target, { cv: 5, nJobs: 1 });
close(scores.reduce((a, b) => a + b, 0) / 5, 0.9663492063492063);

// Count features (e.g. word counts per message): multinomial NB with Laplace smoothing (alpha = 1).
const counts = [
  [2, 1, 0, 0],
  [3, 0, 1, 0],
  [0, 0, 2, 3],
  [0, 1, 1, 4],
  [1, 0, 0, 0],
];
const labels = ['spam', 'spam', 'ham', 'ham', 'spam'];
const mnb = await new MultinomialNB().fit(counts, labels);
assert.deepEqual(mnb.classes, ['ham', 'spam']);
close(mnb.predictProba([[1, 0, 1, 1]]).get(0, 1), 0.56173764); // P(spam), as scikit-learn
// Bernoulli NB only looks at presence (count > binarize = 0).
const bnb = await new BernoulliNB().fit(counts, labels);
close(bnb.predictProba([[1, 0, 1, 1]]).get(0, 0), 0.54969217);

// partialFit learns from batches; the first call names every class.
const online = new MultinomialNB();
await online.partialFit(counts.slice(0, 3), labels.slice(0, 3), { classes: ['ham', 'spam'] });
await online.partialFit(counts.slice(3), labels.slice(3));
close(online.predictProba([[1, 0, 1, 1]]).get(0, 1), 0.56173764); // the same as one fit
console.log(`GaussianNB on wine: ${Array.from(scores, (s) => s.toFixed(3)).join(' ')}`);
