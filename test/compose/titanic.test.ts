/**
 * The bar test of issue 3: the classic Titanic pipeline read from the bundled
 * CSV — ColumnTransformer(numeric: median imputation + scaling; categorical:
 * most-frequent imputation + one-hot) then a classifier — fitted, saved with
 * toJSON, loaded with fromJSON, giving identical output.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { makeColumnSelector } from '../../src/compose/column-selector.js';
import { ColumnTransformer } from '../../src/compose/column-transformer.js';
import { Pipeline } from '../../src/compose/pipeline.js';
import { readCsv } from '../../src/data/read-csv.js';
import { DummyClassifier } from '../../src/dummy/dummy-classifier.js';
import { GaussianNB } from '../../src/naive-bayes/gaussian-nb.js';
import { OneHotEncoder } from '../../src/preprocessing/one-hot-encoder.js';
import { SimpleImputer } from '../../src/preprocessing/simple-imputer.js';
import { StandardScaler } from '../../src/preprocessing/standard-scaler.js';
import type { Tensor } from '../../src/tensor/tensor.js';

const classes = [SimpleImputer, StandardScaler, OneHotEncoder, GaussianNB, DummyClassifier];
const path = fileURLToPath(new URL('../../../datasets/titanic.csv', import.meta.url));
const titanic = readCsv(path);
const y = titanic.column('survived').toArray() as string[];
const X = titanic.drop('survived', 'name');

function build(classifier: GaussianNB | DummyClassifier): Pipeline {
  const numeric = new Pipeline([
    ['impute', new SimpleImputer({ strategy: 'median' })],
    ['scale', new StandardScaler()],
  ]);
  const categorical = new Pipeline([
    ['impute', new SimpleImputer({ strategy: 'most_frequent' })],
    ['onehot', new OneHotEncoder({ handleUnknown: 'ignore' })],
  ]);
  const pre = new ColumnTransformer([
    ['num', numeric, makeColumnSelector({ dtypeInclude: 'number' })],
    ['cat', categorical, makeColumnSelector({ dtypeInclude: 'category' })],
  ]);
  return new Pipeline([
    ['pre', pre],
    ['clf', classifier],
  ]);
}

describe('Titanic pipeline (issue 3 bar)', () => {
  test('the data: 1309 passengers, age has missing values, sex and class are categorical', () => {
    assert.equal(X.nRows, 1309);
    assert.deepEqual(X.columnNames, ['sex', 'age', 'passengerClass']);
    assert.equal(X.column('age').missingCount(), 263);
    assert.deepEqual(X.dtypes, { sex: 'category', age: 'float', passengerClass: 'category' });
  });

  test('fit, predict, feature names; imputation keeps every row; GaussianNB beats the majority baseline', async () => {
    const model = await build(new GaussianNB()).fit(X, y);
    const pre = model.at('pre') as ColumnTransformer;
    assert.deepEqual(pre.getFeatureNamesOut(), [
      'num__age',
      'cat__sex_female',
      'cat__sex_male',
      'cat__passengerClass_1st',
      'cat__passengerClass_2nd',
      'cat__passengerClass_3rd',
    ]);
    const features = pre.transform(X) as Tensor;
    assert.deepEqual(features.shape, [1309, 6]);
    assert.ok(Array.from(features.data).every(Number.isFinite), 'no NaN after imputation');
    // Scaled age has mean 0 (median imputation shifts nothing else).
    let mean = 0;
    for (let i = 0; i < 1309; i++) mean += features.data[i * 6] / 1309;
    assert.ok(Math.abs(mean) < 1e-12);
    const accuracy = model.score(X, y);
    const baseline = (await build(new DummyClassifier()).fit(X, y)).score(X, y);
    assert.ok(Math.abs(baseline - 809 / 1309) < 1e-12, `majority baseline ${baseline}`);
    assert.ok(accuracy > baseline + 0.1, `GaussianNB accuracy ${accuracy} vs baseline ${baseline}`);
  });

  for (const [label, make] of [
    ['GaussianNB', () => new GaussianNB()],
    ['DummyClassifier', () => new DummyClassifier({ strategy: 'stratified', randomState: 3 })],
  ] as const) {
    test(`toJSON/fromJSON round trip gives identical output (${label})`, async () => {
      const model = await build(make()).fit(X, y);
      const text = JSON.stringify(model);
      const loaded = Pipeline.fromJSON(JSON.parse(text), { classes });
      assert.deepEqual(loaded.predict(X), model.predict(X));
      assert.deepEqual(loaded.predictProba(X).toArray(), model.predictProba(X).toArray());
      assert.equal(loaded.score(X, y), model.score(X, y));
      assert.equal(JSON.stringify(loaded), text, 'saving the loaded model gives the same file');
      // Unseen rows (an unknown category is ignored by the one-hot encoder) also agree.
      const unseen = X.head(5).withColumn('passengerClass', ['crew', '1st', null, '3rd', '2nd']);
      assert.deepEqual(loaded.predictProba(unseen).toArray(), model.predictProba(unseen).toArray());
    });
  }
});
