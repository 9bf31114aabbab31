// Train and cross-validate a linear model on a bundled dataset: the README's quickstart.
import assert from 'node:assert/strict';
import { loadDataset } from 'typelearn/data';
import { LinearRegression } from 'typelearn/linear-model';
import { crossValScore } from 'typelearn/model-selection';

const { data, target, featureNames } = loadDataset('diabetes');
const scores = await crossValScore(new LinearRegression(), data, target, { cv: 5, scoring: 'r2' });
const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
console.log(`5-fold R²: ${mean.toFixed(3)}`); // 0.482, as scikit-learn's cross_val_score

const model = await new LinearRegression().fit(data, target);
console.log(featureNames.map((name, j) => `${name}: ${model.coef[j].toFixed(1)}`).join(', '));
assert.ok(Math.abs(mean - 0.4823) < 1e-3);
