import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NotFittedError, ValidationError } from '../../src/base/errors.js';
import { captureWarnings, TypelearnWarning } from '../../src/base/warnings.js';
import { DummyRegressor } from '../../src/dummy/dummy-regressor.js';
import { ToyCentroidClassifier, ToyScaler } from './toy-estimators.js';

const X = [
  [0, 0],
  [0, 1],
  [5, 5],
  [5, 6],
];
const y = ['a', 'a', 'b', 'b'];
const frame = (names: string[], rows = X) => ({
  columnNames: names,
  column: (n: string) => Float64Array.from(rows, (r) => r[names.indexOf(n)]),
});

describe('BaseEstimator params', () => {
  test('defaults are filled, undefined means default, params are frozen', () => {
    const m = new ToyCentroidClassifier({ temperature: undefined });
    assert.deepEqual(m.getParams(), { temperature: 1 });
    assert.ok(Object.isFrozen(m.params));
    assert.throws(() => {
      (m.params as { temperature: number }).temperature = 5;
    }, TypeError);
  });

  test('unknown options are rejected in the constructor and setParams', () => {
    assert.throws(
      () => new ToyCentroidClassifier({ temprature: 2 } as never),
      /Unknown option 'temprature' for ToyCentroidClassifier \(did you mean 'temperature'\?\)/,
    );
    const m = new ToyCentroidClassifier();
    assert.throws(() => m.setParams({ nope: 1 } as never), ValidationError);
    assert.equal(m.setParams({ temperature: 3 }), m);
    assert.equal(m.params.temperature, 3);
  });

  test('values are validated at fit, not construction', async () => {
    const m = new ToyCentroidClassifier({ temperature: -1 });
    await assert.rejects(
      m.fit(X, y),
      /The 'temperature' parameter of ToyCentroidClassifier must be a float in the range \(0, inf\)\. Got -1 instead\./,
    );
    assert.equal(m.isFitted, false);
  });

  test('tags have defaults and subclasses override', () => {
    const tags = new ToyCentroidClassifier().estimatorTags();
    assert.equal(tags.estimatorType, 'classifier');
    assert.equal(tags.requiresY, true);
    assert.equal(tags.allowsNaN, false);
    assert.deepEqual(tags.X_types, ['2darray']);
    assert.equal(new ToyScaler().estimatorTags().requiresY, false);
  });
});

describe('BaseEstimator fitted state', () => {
  test('NotFittedError before fit, with the sklearn message', async () => {
    const m = new ToyCentroidClassifier();
    assert.throws(
      () => m.nFeaturesIn,
      (e: unknown) =>
        e instanceof NotFittedError &&
        e.message ===
          "This ToyCentroidClassifier instance is not fitted yet. Call 'fit' with appropriate arguments before using this estimator." &&
        e.attribute === 'nFeaturesIn',
    );
    assert.throws(() => m.classes, NotFittedError);
    assert.throws(() => m.predict(X), NotFittedError);
    assert.throws(() => m.checkIsFitted(), NotFittedError);
    await m.fit(X, y);
    m.checkIsFitted();
    assert.equal(m.nFeaturesIn, 2);
    assert.equal(m.featureNamesIn, undefined);
  });

  test('fit needs y when the tags say so', async () => {
    await assert.rejects(new ToyCentroidClassifier().fit(X), /ToyCentroidClassifier requires y to be passed/);
  });

  test('feature count mismatch at predict', async () => {
    const m = await new DummyRegressor().fit(
      [
        [1, 2, 3, 4],
        [5, 6, 7, 8],
      ],
      [1, 2],
    );
    assert.throws(
      () => m.predict([[1, 2, 3]]),
      (e: unknown) =>
        e instanceof ValidationError &&
        e.message === 'X has 3 features, but DummyRegressor is expecting 4 features as input.' &&
        e.expected === 4 &&
        e.got === 3,
    );
  });

  test('feature names are recorded and checked', async () => {
    const m = await new ToyCentroidClassifier().fit(frame(['x', 'y']), y);
    assert.deepEqual(m.featureNamesIn, ['x', 'y']);
    assert.equal(m.predict(frame(['x', 'y'])).length, 4);
    assert.throws(
      () => m.predict(frame(['x', 'z'])),
      (e: unknown) =>
        e instanceof ValidationError &&
        e.message ===
          'The feature names should match those that were passed during fit.\nFeature names unseen at fit time:\n- z\nFeature names seen at fit time, yet now missing:\n- y',
    );
    assert.throws(() => m.predict(frame(['y', 'x'])), /Feature names must be in the same order as they were in fit\./);
  });

  test('names on one side only give a warning, not an error', async () => {
    const named = await new ToyCentroidClassifier().fit(frame(['x', 'y']), y);
    const a = await captureWarnings(() => named.predict(X));
    assert.ok(a.warnings[0] instanceof TypelearnWarning);
    assert.match(
      a.warnings[0].message,
      /X does not have valid feature names, but ToyCentroidClassifier was fitted with feature names/,
    );
    const plain = await new ToyCentroidClassifier().fit(X, y);
    const b = await captureWarnings(() => plain.predict(frame(['x', 'y'])));
    assert.match(
      b.warnings[0].message,
      /X has feature names, but ToyCentroidClassifier was fitted without feature names/,
    );
  });

  test('a failed refit leaves the estimator unfitted; refit resets feature info', async () => {
    const m = await new ToyCentroidClassifier().fit(frame(['x', 'y']), y);
    await assert.rejects(m.fit([[Number.NaN, 1]], ['a']), ValidationError);
    assert.equal(m.isFitted, false);
    assert.throws(() => m.predict(X), NotFittedError);
    await m.fit([[1, 2, 3]], ['a']);
    assert.equal(m.nFeaturesIn, 3);
    assert.equal(m.featureNamesIn, undefined);
  });

  test('an aborted signal rejects fit with its reason', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(new ToyCentroidClassifier().fit(X, y, { signal: controller.signal }), { name: 'AbortError' });
    const reason = new Error('stop');
    const c2 = new AbortController();
    c2.abort(reason);
    await assert.rejects(new ToyCentroidClassifier().fit(X, y, { signal: c2.signal }), (e) => e === reason);
  });
});

describe('BaseEstimator save/load', () => {
  test('toJSON gives a SavedModel and fromJSON restores predictions exactly', async () => {
    const m = await new ToyCentroidClassifier({ temperature: 0.5 }).fit(frame(['x', 'y']), y);
    const saved = m.toJSON();
    assert.equal(saved.format, 'typelearn-model');
    assert.equal(saved.formatVersion, 1);
    assert.equal(saved.className, 'ToyCentroidClassifier');
    assert.deepEqual(saved.params, { temperature: 0.5 });
    const loaded = ToyCentroidClassifier.fromJSON(JSON.parse(JSON.stringify(saved)));
    assert.ok(loaded instanceof ToyCentroidClassifier);
    assert.deepEqual(loaded.featureNamesIn, ['x', 'y']);
    assert.deepEqual(loaded.predictProba(frame(['x', 'y'])).data, m.predictProba(frame(['x', 'y'])).data);
  });

  test('an unfitted model saves state null and loads unfitted', () => {
    const saved = new ToyScaler({ withMean: false }).toJSON();
    assert.equal(saved.state, null);
    const loaded = ToyScaler.fromJSON(saved);
    assert.equal(loaded.isFitted, false);
    assert.equal(loaded.params.withMean, false);
  });

  test('fromJSON rejects foreign, mismatched, corrupt and invalid files', async () => {
    const m = await new ToyCentroidClassifier().fit(X, y);
    const saved = JSON.parse(JSON.stringify(m.toJSON()));
    assert.throws(() => ToyScaler.fromJSON(saved), /this is a saved ToyCentroidClassifier, not a ToyScaler/);
    assert.throws(() => ToyCentroidClassifier.fromJSON({ ...saved, format: 'pickle' }), /not a typelearn model/);
    assert.throws(() => ToyCentroidClassifier.fromJSON({ ...saved, formatVersion: 2 }), /unsupported format version 2/);
    assert.throws(() => ToyCentroidClassifier.fromJSON(null), ValidationError);
    const badParams = { ...saved, params: { temperature: -3 } };
    assert.throws(() => ToyCentroidClassifier.fromJSON(badParams), /'temperature' parameter/);
    const unknownParam = { ...saved, params: { tempo: 1 } };
    assert.throws(() => ToyCentroidClassifier.fromJSON(unknownParam), /Unknown option 'tempo'/);
    const corrupt = structuredClone(saved);
    corrupt.state.model.centroids = 'oops';
    assert.throws(() => ToyCentroidClassifier.fromJSON(corrupt), /saved state 'centroids' must be a Float64Array/);
    const noFeatures = structuredClone(saved);
    noFeatures.state.nFeaturesIn = -1;
    assert.throws(() => ToyCentroidClassifier.fromJSON(noFeatures), /nFeaturesIn must be a non-negative integer/);
  });
});
