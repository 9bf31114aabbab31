// Ensembles: a random forest on worker threads, histogram gradient boosting with NaN and categories, staged predictions.
import assert from 'node:assert/strict';
import { loadDataset } from 'typelearn/data';
import { GradientBoostingRegressor, HistGradientBoostingClassifier, RandomForestClassifier } from 'typelearn/ensemble';
import { Tensor } from 'typelearn/tensor';

// Synthetic two-class data, 2,500 rows: with 80 trees that is enough work (rows × trees ≥ 200,000)
// for the forest to grow its trees on worker threads.
const n = 2500;
const rows: number[][] = [];
const labels: number[] = [];
let s = 1;
const next = () => {
  s = (s * 16807) % 2147483647; // a tiny LCG keeps the example self-contained
  return s / 2147483647;
};
for (let i = 0; i < n; i++) {
  const x = [next(), next(), next(), next()];
  rows.push(x);
  labels.push(x[0] + x[1] * x[1] > 0.9 ? 1 : 0);
}
const X = Tensor.from(rows);

// Each tree's seed is drawn up front, so nJobs never changes the forest.
const options = { nEstimators: 80, maxDepth: 8, randomState: 0 };
const inline = await new RandomForestClassifier({ ...options, nJobs: 1 }).fit(X, labels);
const threaded = await new RandomForestClassifier({ ...options, nJobs: 2 }).fit(X, labels);
assert.deepEqual(threaded.predictProba(X).data, inline.predictProba(X).data);
assert.ok(inline.score(X, labels) > 0.97);
const importances = Array.from(inline.featureImportances);
assert.ok(importances[0] > importances[2] && importances[1] > importances[3]); // x2, x3 are noise

// Histogram gradient boosting takes a Frame as it is: NaN is handled natively, and the
// Frame's categorical columns (island, sex) are used as categorical features.
const { frame } = loadDataset('penguins');
const species = frame.column('species').toArray() as string[];
const features = frame.drop('species');
assert.ok(Number.isNaN(features.column('bill_length_mm').toArray()[3] as number));
const hgb = new HistGradientBoostingClassifier({ maxIter: 30, learningRate: 0.2, randomState: 0 });
await hgb.fit(features, species);
assert.deepEqual(hgb.classes, ['Adelie', 'Chinstrap', 'Gentoo']);
assert.equal(hgb.nTreesPerIteration, 3); // one tree per class and iteration
assert.ok(hgb.score(features, species) > 0.98);

// stagedPredict yields the predictions after each boosting iteration: accuracy climbs.
const staged = [...hgb.stagedPredict(features)];
assert.equal(staged.length, hgb.nIter);
const accuracy = (pred: ArrayLike<unknown>) => species.filter((label, i) => pred[i] === label).length / species.length;
assert.ok(accuracy(staged[staged.length - 1]) >= accuracy(staged[0]));

// Classic gradient boosting: stagedPredict on a regression shows the training error falling.
const xs = Array.from({ length: 200 }, (_, i) => [i / 20]);
const ys = xs.map(([v]) => Math.sin(v) + 0.1 * v);
const gbr = await new GradientBoostingRegressor({ nEstimators: 50, maxDepth: 2, randomState: 0 }).fit(xs, ys);
const mse = [...gbr.stagedPredict(xs)].map((p) => p.reduce((sum, v, i) => sum + (v - ys[i]) ** 2, 0) / ys.length);
assert.ok(mse[49] < mse[9] && mse[9] < mse[0]);
console.log(`forest accuracy ${inline.score(X, labels).toFixed(3)}, penguins HGB ${hgb.score(features, species)}`);
