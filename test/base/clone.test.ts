import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { clone, isEstimator } from '../../src/base/clone.js';
import { ValidationError } from '../../src/base/errors.js';
import { BaseEstimator } from '../../src/base/estimator.js';
import { DummyClassifier } from '../../src/dummy/dummy-classifier.js';
import { RandomGenerator } from '../../src/tensor/random.js';
import { Tensor } from '../../src/tensor/tensor.js';

interface MetaParams {
  estimator: DummyClassifier;
  steps: [string, DummyClassifier][];
  weights: Float64Array;
  config: { nested: number[] };
  rng: RandomGenerator | undefined;
  fn: (x: number) => number;
  offset: Tensor | undefined;
}

class Meta extends BaseEstimator<MetaParams> {
  constructor(options: Partial<MetaParams> = {}) {
    super(
      {
        estimator: new DummyClassifier(),
        steps: [],
        weights: new Float64Array(0),
        config: { nested: [] },
        rng: undefined,
        fn: (x) => x,
        offset: undefined,
      },
      options,
    );
  }
  protected fitImpl(): void {}
  protected getState() {
    return {};
  }
  protected setState(): void {}
}

describe('clone', () => {
  test('gives an unfitted copy with equal params', async () => {
    const m = await new DummyClassifier({ strategy: 'uniform', randomState: 3 }).fit([[1], [2]], [0, 1]);
    const c = clone(m);
    assert.ok(c instanceof DummyClassifier);
    assert.notEqual(c, m);
    assert.deepEqual(c.getParams(), m.getParams());
    assert.equal(c.isFitted, false);
    assert.equal(m.isFitted, true);
  });

  test('deep-clones estimator-valued and mutable params; shares functions', () => {
    const inner = new DummyClassifier({ strategy: 'most_frequent' });
    const rng = new RandomGenerator(5);
    const fn = (x: number) => x * 2;
    const m = new Meta({
      estimator: inner,
      steps: [['a', new DummyClassifier({ strategy: 'uniform' })]],
      weights: Float64Array.of(1, 2),
      config: { nested: [1] },
      rng,
      fn,
    });
    const c = clone(m);
    assert.notEqual(c.params.estimator, inner);
    assert.equal(c.params.estimator.params.strategy, 'most_frequent');
    assert.notEqual(c.params.steps[0][1], m.params.steps[0][1]);
    assert.equal(c.params.steps[0][1].params.strategy, 'uniform');
    assert.equal(c.params.steps[0][0], 'a');
    assert.notEqual(c.params.weights, m.params.weights);
    assert.deepEqual(c.params.weights, m.params.weights);
    assert.notEqual(c.params.config.nested, m.params.config.nested);
    assert.notEqual(c.params.rng, rng);
    assert.equal(c.params.rng?.random(), new RandomGenerator(5).random());
    assert.equal(c.params.fn, fn);
  });

  test('tensors are copied', () => {
    const offset = Tensor.from([1, 2]);
    const c = clone(new Meta({ offset }));
    assert.notEqual(c.params.offset, offset);
    assert.notEqual(c.params.offset?.data, offset.data);
    assert.deepEqual(c.params.offset?.toArray(), [1, 2]);
  });

  test('rejects non-estimators', () => {
    assert.equal(isEstimator({}), false);
    assert.equal(isEstimator(new DummyClassifier()), true);
    assert.throws(() => clone({ getParams: () => ({}) } as never), ValidationError);
  });
});
