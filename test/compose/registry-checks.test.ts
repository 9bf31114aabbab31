import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { checkInPipeline } from '../../src/compose/checks.js';
import { Pipeline } from '../../src/compose/pipeline.js';
import {
  getEstimatorClass,
  loadModel,
  registerEstimator,
  registerPackageEstimators,
} from '../../src/compose/registry.js';
import { DummyClassifier } from '../../src/dummy/dummy-classifier.js';
import { DummyRegressor } from '../../src/dummy/dummy-regressor.js';
import { GaussianNB } from '../../src/naive-bayes/gaussian-nb.js';
import { StandardScaler } from '../../src/preprocessing/standard-scaler.js';

describe('registry', () => {
  test('compose classes register themselves; registerEstimator refuses non-classes', () => {
    assert.equal(getEstimatorClass('Pipeline'), Pipeline);
    assert.throws(() => registerEstimator({} as never), ValidationError);
  });

  test('registerPackageEstimators makes loadModel work on any exported estimator', async () => {
    const n = await registerPackageEstimators();
    assert.ok(n >= 5);
    assert.equal(getEstimatorClass('DummyRegressor'), DummyRegressor);
    const pipe = await new Pipeline([
      ['s', new StandardScaler()],
      ['r', new DummyRegressor()],
    ]).fit([[1], [2], [4]], [1, 2, 3]);
    const loaded = loadModel(JSON.parse(JSON.stringify(pipe))) as Pipeline;
    assert.ok(loaded instanceof Pipeline);
    assert.deepEqual(loaded.predict([[3]]), pipe.predict([[3]]));
    assert.throws(() => loadModel({ format: 'nope' }), ValidationError);
  });
});

describe('checkInPipeline (extra check for checkEstimator)', () => {
  for (const [name, factory] of [
    ['DummyClassifier', () => new DummyClassifier()],
    ['GaussianNB', () => new GaussianNB()],
    ['StandardScaler', () => new StandardScaler()],
  ] as const) {
    test(`passes for ${name}`, async () => {
      const report = await checkEstimator(factory, { extraChecks: [checkInPipeline] });
      assert.equal(report.results.find((r) => r.name === 'checkInPipeline')?.status, 'passed');
    });
  }
});
