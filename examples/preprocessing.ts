// Preprocessing and composition: scalers, encoders, imputers, and a ColumnTransformer pipeline on a Frame.
import assert from 'node:assert/strict';
import { ColumnTransformer, FeatureUnion, makeColumnSelector, makePipeline, Pipeline } from 'typelearn/compose';
import { Frame, loadDataset } from 'typelearn/data';
import { LogisticRegression } from 'typelearn/linear-model';
import { OneHotEncoder, PolynomialFeatures, SimpleImputer, StandardScaler } from 'typelearn/preprocessing';
import type { Tensor } from 'typelearn/tensor';

// A scaler learns per-feature statistics in fit (async) and applies them in transform (sync).
const scaler = await new StandardScaler().fit([
  [0, 10],
  [2, 10],
  [4, 40],
]);
assert.deepEqual(Array.from(scaler.mean ?? []), [2, 20]); // undefined with withMean: false
const Z = scaler.transform([[4, 40]]);
assert.ok(Math.abs(Z.get(0, 0) - 1.224744871391589) < 1e-12); // (4 - 2) / population std
assert.deepEqual(scaler.inverseTransform(Z).toArray(), [[4, 40]]);

// Imputers fill NaN; encoders turn categories into numbers, with sklearn's feature names.
const filled = (await new SimpleImputer({ strategy: 'median' }).fitTransform([[1], [Number.NaN], [5], [7]])) as Tensor;
assert.equal(filled.get(1, 0), 5);
const enc = await new OneHotEncoder({ sparseOutput: false, handleUnknown: 'ignore' }).fit([['red'], ['blue']]);
assert.deepEqual(enc.getFeatureNamesOut(), ['x0_blue', 'x0_red']);
assert.deepEqual((enc.transform([['green']]) as Tensor).toArray(), [[0, 0]]); // unknown: all zeros
const poly = await new PolynomialFeatures({ degree: 2 }).fit([[1, 2]]);
assert.deepEqual(poly.getFeatureNamesOut(), ['1', 'x0', 'x1', 'x0^2', 'x0 x1', 'x1^2']);

// A ColumnTransformer sends each column group of a Frame to its own transformer.
const { frame } = loadDataset('titanic'); // name, survived, sex, age (with NaN), passengerClass
const X = frame.drop('name', 'survived');
const y = frame.column('survived').toArray() as string[]; // 'no' / 'yes'
const preprocess = new ColumnTransformer({
  transformers: [
    ['num', makePipeline(new SimpleImputer({ strategy: 'median' }), new StandardScaler()), ['age']],
    ['cat', new OneHotEncoder({ handleUnknown: 'ignore' }), makeColumnSelector({ dtypeInclude: 'category' })],
  ],
});
const model = new Pipeline({
  steps: [
    ['preprocess', preprocess],
    ['clf', new LogisticRegression()],
  ],
});
await model.fit(X, y);
assert.deepEqual(model.slice(0, -1).getFeatureNamesOut(), [
  'num__age',
  'cat__sex_female',
  'cat__sex_male',
  'cat__passengerClass_1st',
  'cat__passengerClass_2nd',
  'cat__passengerClass_3rd',
]);
const accuracy = model.score(X, y);
assert.ok(accuracy > 0.75, `accuracy ${accuracy}`);

// New rows go through the same steps; a category never seen in fit is ignored, not an error.
const passengers = Frame.fromRecords([
  { sex: 'female', age: 30, passengerClass: '1st' },
  { sex: 'male', age: Number.NaN, passengerClass: 'crew' },
]);
assert.deepEqual(model.predict(passengers), ['yes', 'no']);

// FeatureUnion puts several transformers' outputs side by side.
const union = new FeatureUnion({
  transformerList: [
    ['scaled', new StandardScaler()],
    ['squares', new PolynomialFeatures({ degree: 2, includeBias: false })],
  ],
});
const U = await union.fitTransform([
  [1, 2],
  [3, 4],
]);
assert.deepEqual(U.shape, [2, 7]); // 2 scaled + 5 polynomial columns
console.log(`titanic training accuracy ${accuracy.toFixed(3)}`);
