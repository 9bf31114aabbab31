// Charts of a model's cross-validated results as Vega-Lite specs, rendered headlessly to SVG, and a full HTML report.
import assert from 'node:assert/strict';
import { ColumnTransformer, makePipeline } from 'typelearn/compose';
import { loadDataset } from 'typelearn/data';
import { LogisticRegression } from 'typelearn/linear-model';
import { confusionMatrix, rocCurve } from 'typelearn/metrics';
import { crossValPredict, learningCurve } from 'typelearn/model-selection';
import { OneHotEncoder, SimpleImputer, StandardScaler } from 'typelearn/preprocessing';
import { collectReportInput, renderReport } from 'typelearn/report';
import type { Tensor } from 'typelearn/tensor';
import { calibrationCurve, confusionMatrixChart, learningCurveChart, rocCurveChart, toSVG } from 'typelearn/viz';

const { data: X, target: y, targetNames } = loadDataset('breast_cancer');
const model = makePipeline(new StandardScaler(), new LogisticRegression());

// Out-of-fold probabilities: every sample is scored by a model that never saw it.
const proba = (await crossValPredict(model, X, y, { cv: 5, method: 'predictProba' })) as Tensor;
const positive = Float64Array.from({ length: y.shape[0] }, (_, i) => proba.get(i, 1) as number);
const truth = Int32Array.from(y.data);
const predicted = Int32Array.from(positive, (p) => (p >= 0.5 ? 1 : 0));

// Builders return plain Vega-Lite specs (JSON objects) in sklearn's vocabulary.
const { fpr, tpr } = rocCurve(truth, positive);
const roc = rocCurveChart([{ name: 'logistic regression', fpr, tpr }]);
const matrix = confusionMatrixChart(confusionMatrix(truth, predicted), targetNames, { normalize: 'true' });
const calibration = calibrationCurve(truth, positive, { nBins: 5 });
assert.equal(calibration.probTrue.length, 5);
const curve = await learningCurve(model, X, y, { cv: 5 });
const learning = learningCurveChart(curve, { scoring: 'accuracy' });

// toSVG renders any spec in Node or the browser: no DOM, no network, no eval.
for (const spec of [roc, matrix, learning]) {
  const svg = await toSVG(spec);
  assert.ok(svg.startsWith('<svg') && svg.includes('<path'));
}
console.log(JSON.stringify(roc).length, 'bytes of ROC spec');

// The report: data summary, leaderboard, out-of-fold charts, importances, learning curve, in one HTML file.
// Its model takes the raw table (strings included), so the preprocessing lives in the pipeline.
const titanic = loadDataset('titanic');
const preprocess = new ColumnTransformer([
  ['num', makePipeline(new SimpleImputer({ strategy: 'median' }), new StandardScaler()), ['age']],
  ['cat', new OneHotEncoder({ handleUnknown: 'ignore', sparseOutput: false }), ['sex', 'passengerClass']],
]);
const input = await collectReportInput({
  frame: titanic.frame,
  target: 'survived',
  features: ['sex', 'age', 'passengerClass'],
  model: makePipeline(preprocess, new LogisticRegression()) as never,
  modelName: 'logistic regression',
  source: "dataset 'titanic'",
});
const html = await renderReport(input);
assert.ok(html.startsWith('<!doctype html>') && !html.includes('<script'));
assert.ok((input.model?.scores.accuracy ?? 0) > 0.75);
console.log(
  `report: ${(html.length / 1024).toFixed(0)} KiB, out-of-fold accuracy ${input.model?.scores.accuracy.toFixed(3)}`,
);
