// Model selection: splitters, crossValidate with several scorers, grid and randomized searches, a learning curve.
import assert from 'node:assert/strict';
import { makePipeline } from 'typelearn/compose';
import { loadDataset } from 'typelearn/data';
import { LogisticRegression, Ridge } from 'typelearn/linear-model';
import {
  crossValidate,
  GridSearchCV,
  KFold,
  learningCurve,
  loguniform,
  RandomizedSearchCV,
  StratifiedKFold,
} from 'typelearn/model-selection';
import { StandardScaler } from 'typelearn/preprocessing';

const diabetes = loadDataset('diabetes');
const X = diabetes.data;
const y = diabetes.target;

// Splitters yield [train, test] index arrays, cut exactly as scikit-learn cuts them.
const folds = [...new KFold({ nSplits: 5 }).split(X)];
assert.deepEqual(
  folds.map(([train, test]) => [train.length, test.length]),
  [
    [353, 89],
    [353, 89],
    [354, 88],
    [354, 88],
    [354, 88],
  ],
);

// Several metrics at once, with scikit-learn's scorer names; losses are negated so greater is better.
const cv = await crossValidate(new Ridge({ alpha: 0.1 }), X, y, {
  cv: 5,
  scoring: ['r2', 'neg_mean_absolute_error'],
  returnTrainScore: true,
});
assert.equal(cv.test.r2.length, 5);
assert.ok(Math.abs(cv.test.r2[0] - 0.411272) < 1e-6); // sklearn's cross_validate gives 0.411272
assert.ok(cv.test.neg_mean_absolute_error.every((v) => v < 0));
assert.ok(cv.train?.r2.every((v) => v > 0.5));

// A grid search: every candidate x fold runs as one batch on nJobs workers.
const grid = new GridSearchCV(new Ridge(), { alpha: [0.01, 0.1, 1, 10] }, { cv: 5, nJobs: 2 });
await grid.fit(X, y);
assert.deepEqual(grid.bestParams, { alpha: 0.01 });
assert.ok(Math.abs(grid.bestScore - 0.481443) < 1e-6); // sklearn: 0.48144253
// cvResults has sklearn's cv_results_ keys: one entry per candidate in each column.
const r = grid.cvResults;
assert.deepEqual(Array.from(r.rank_test_score as Int32Array), [1, 2, 3, 4]);
assert.deepEqual(r.param_alpha, [0.01, 0.1, 1, 10]);
assert.ok('split4_test_score' in r && 'mean_fit_time' in r && 'std_test_score' in r);
const refit = grid.bestEstimator; // refitted on all the rows
assert.equal(refit.params.alpha, 0.01);

// Several metrics in a search: refit names the one that chooses. Pipeline steps are tuned as step__param.
const iris = loadDataset('iris');
const pipe = makePipeline(new StandardScaler(), new LogisticRegression());
const multi = new GridSearchCV(
  pipe,
  { logisticregression__C: [0.01, 0.1, 1, 10] },
  { cv: new StratifiedKFold({ nSplits: 5 }), scoring: ['accuracy', 'f1_macro'], refit: 'f1_macro', nJobs: 2 },
);
await multi.fit(iris.data, iris.target);
assert.deepEqual(multi.bestParams, { logisticregression__C: 10 });
assert.ok(Math.abs((multi.cvResults.mean_test_accuracy as Float64Array)[3] - 0.973333) < 1e-6);

// Randomized search: nIter settings drawn from distributions, reproducible for a seed.
const random = new RandomizedSearchCV(new Ridge(), { alpha: loguniform(1e-3, 1e2) }, { nIter: 8, randomState: 0 });
await random.fit(X, y);
const alpha = random.bestParams.alpha as number;
assert.ok(alpha >= 1e-3 && alpha <= 1e2);
assert.equal((random.cvResults.params as unknown[]).length, 8);

// Learning curve: fractions of the first train split; scores per size, one column per fold.
const lc = await learningCurve(new Ridge({ alpha: 0.1 }), X, y, { trainSizes: [0.1, 0.5, 1], cv: 5 });
assert.deepEqual(Array.from(lc.trainSizesAbs), [35, 176, 353]);
const meanTest = lc.testScores.map((row) => row.reduce((a, b) => a + b, 0) / row.length);
assert.ok(Math.abs(meanTest[2] - 0.479864) < 1e-5); // sklearn's learning_curve: 0.47986405
console.log(`best alpha ${grid.bestParams.alpha}, R² ${grid.bestScore.toFixed(4)}; learning curve`, meanTest);
