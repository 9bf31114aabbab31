import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { NotFittedError, ValidationError } from '../../src/base/errors.js';
import { DummyClassifier } from '../../src/dummy/dummy-classifier.js';
import { RandomGenerator } from '../../src/tensor/random.js';
import { Tensor } from '../../src/tensor/tensor.js';

const X4 = [[-1], [1], [1], [1]];
const rows = (n: number) => Array.from({ length: n }, (_, i) => [i]);

describe('DummyClassifier: common checks', () => {
  for (const strategy of ['prior', 'most_frequent', 'stratified', 'uniform'] as const) {
    test(`checkEstimator passes with strategy '${strategy}'`, async () => {
      const report = await checkEstimator(() => new DummyClassifier({ strategy, randomState: 0 }));
      assert.equal(report.failed, 0);
      assert.ok(report.passed >= 20);
    });
  }

  test("checkEstimator passes with strategy 'constant' (label checks need the constant in y)", async () => {
    const report = await checkEstimator(() => new DummyClassifier({ strategy: 'constant', constant: 1 }), {
      skip: ['checkClassesSorted', 'checkStringLabels'],
    });
    assert.equal(report.failed, 0);
  });

  test('checkEstimator passes with the default options', async () => {
    assert.equal((await checkEstimator(() => new DummyClassifier())).failed, 0);
  });
});

describe('DummyClassifier: sklearn semantics', () => {
  test('the sklearn docstring example (most_frequent): predict 1, score 0.75', async () => {
    const model = await new DummyClassifier({ strategy: 'most_frequent' }).fit(X4, [0, 1, 1, 1]);
    assert.deepEqual(model.predict(X4), Int32Array.of(1, 1, 1, 1));
    assert.equal(model.score(X4, [0, 1, 1, 1]), 0.75);
  });

  test("'prior' (the default): predictProba equals the class frequencies, predict the most frequent", async () => {
    const model = await new DummyClassifier().fit(rows(5), ['b', 'a', 'b', 'c', 'b']);
    assert.deepEqual(model.classes, ['a', 'b', 'c']);
    assert.deepEqual(Array.from(model.classPrior), [0.2, 0.6, 0.2]);
    assert.deepEqual(model.predictProba([[0], [9]]).toArray(), [
      [0.2, 0.6, 0.2],
      [0.2, 0.6, 0.2],
    ]);
    assert.deepEqual(model.predict([[0], [9]]), ['b', 'b']);
    assert.equal(model.nClasses, 3);
    assert.equal(model.nOutputs, 1);
  });

  test("'most_frequent': ties go to the smallest class; predictProba is one-hot", async () => {
    const model = await new DummyClassifier({ strategy: 'most_frequent' }).fit(rows(4), [2, 1, 2, 1]);
    assert.deepEqual(model.predict([[0]]), Int32Array.of(1));
    assert.deepEqual(model.predictProba([[0]]).toArray(), [[1, 0]]);
    const strings = await new DummyClassifier({ strategy: 'most_frequent' }).fit(rows(2), ['z', 'y']);
    assert.deepEqual(strings.predict([[0]]), ['y']);
  });

  test('sampleWeight weights the class prior', async () => {
    const model = await new DummyClassifier().fit(rows(3), [0, 0, 1], { sampleWeight: [1, 1, 4] });
    assert.deepEqual(Array.from(model.classPrior), [1 / 3, 2 / 3]);
    assert.deepEqual(model.predict([[0]]), Int32Array.of(1));
    await assert.rejects(new DummyClassifier().fit(rows(2), [0, 1], { sampleWeight: [0, 0] }), /sum to zero/);
    await assert.rejects(
      new DummyClassifier().fit(rows(2), [0, 1], { sampleWeight: [1] }),
      /sampleWeight has 1 values, expected 2/,
    );
  });

  test("'stratified' is reproducible with a seed and follows the prior", async () => {
    const y = Array.from({ length: 10 }, (_, i) => (i < 7 ? 0 : 1));
    const X = rows(2000);
    const a = await new DummyClassifier({ strategy: 'stratified', randomState: 42 }).fit(rows(10), y);
    const b = await new DummyClassifier({ strategy: 'stratified', randomState: 42 }).fit(rows(10), y);
    const pa = a.predict(X) as Int32Array;
    assert.deepEqual(pa, b.predict(X));
    assert.deepEqual(pa, a.predict(X), 'a seed gives the same draws on every call');
    const c = await new DummyClassifier({ strategy: 'stratified', randomState: 7 }).fit(rows(10), y);
    assert.notDeepEqual(c.predict(X), pa);
    const share = pa.reduce((s, v) => s + v, 0) / pa.length;
    assert.ok(Math.abs(share - 0.3) < 0.04, `share of class 1 was ${share}`);
    // predictProba is one-hot on the same draws as predict
    const proba = a.predictProba(X);
    for (let i = 0; i < 50; i++) assert.equal(proba.get(i, pa[i]), 1);
  });

  test("'stratified' with a generator advances it between calls", async () => {
    const model = await new DummyClassifier({ strategy: 'stratified', randomState: new RandomGenerator(1) }).fit(
      rows(4),
      [0, 1, 0, 1],
    );
    assert.notDeepEqual(model.predict(rows(64)), model.predict(rows(64)));
  });

  test("'uniform': equal probabilities and roughly uniform draws", async () => {
    const model = await new DummyClassifier({ strategy: 'uniform', randomState: 0 }).fit(rows(4), ['a', 'a', 'a', 'b']);
    assert.deepEqual(model.predictProba([[0]]).toArray(), [[0.5, 0.5]]);
    const pred = model.predict(rows(1000)) as string[];
    const share = pred.filter((p) => p === 'b').length / pred.length;
    assert.ok(Math.abs(share - 0.5) < 0.06, `share of 'b' was ${share}`);
  });

  test("'constant' predicts the constant and validates it", async () => {
    const model = await new DummyClassifier({ strategy: 'constant', constant: 'b' }).fit(rows(3), ['a', 'b', 'c']);
    assert.deepEqual(model.predict([[0], [1]]), ['b', 'b']);
    assert.deepEqual(model.predictProba([[0]]).toArray(), [[0, 1, 0]]);
    await assert.rejects(
      new DummyClassifier({ strategy: 'constant' }).fit(rows(2), [1, 2]),
      (e: unknown) =>
        e instanceof ValidationError &&
        e.param === 'constant' &&
        e.message === 'Constant target value has to be specified when the constant strategy is used.',
    );
    await assert.rejects(
      new DummyClassifier({ strategy: 'constant', constant: 5 }).fit(rows(2), [1, 2]),
      (e: unknown) =>
        e instanceof ValidationError &&
        e.message ===
          'The constant target value must be present in the training data. You provided constant=5. Possible values are: [1, 2].',
    );
    await assert.rejects(
      new DummyClassifier({ strategy: 'constant', constant: '1' }).fit(rows(2), [1, 2]),
      /You provided constant='1'\. Possible values are: \[1, 2\]\./,
    );
  });

  test('predictLogProba is the log of predictProba', async () => {
    const model = await new DummyClassifier({ strategy: 'most_frequent' }).fit(rows(3), [0, 1, 1]);
    assert.deepEqual(model.predictLogProba([[0]]).toArray(), [[Number.NEGATIVE_INFINITY, 0]]);
  });

  test('invalid params, continuous targets and NotFittedError', async () => {
    await assert.rejects(
      new DummyClassifier({ strategy: 'foo' as never }).fit(rows(2), [0, 1]),
      /^ValidationError: The 'strategy' parameter of DummyClassifier must be a str among \{'most_frequent', 'prior', 'stratified', 'uniform', 'constant'\}\. Got 'foo' instead\.$/,
    );
    await assert.rejects(new DummyClassifier({ randomState: -1 }).fit(rows(2), [0, 1]), /'randomState' parameter/);
    await assert.rejects(new DummyClassifier().fit(rows(2), [0.5, 1.5]), /Unknown label type: continuous/);
    assert.throws(() => new DummyClassifier().classes, NotFittedError);
    assert.throws(() => new DummyClassifier().predictProba([[1]]), NotFittedError);
  });

  test('X is not read: NaN is accepted, but the feature count is checked', async () => {
    const model = await new DummyClassifier().fit(
      [
        [Number.NaN, 1],
        [2, 3],
      ],
      [0, 1],
    );
    assert.equal(model.predict([[Number.NaN, Number.NaN]]).length, 1);
    assert.throws(
      () => model.predict([[1]]),
      /X has 1 features, but DummyClassifier is expecting 2 features as input\./,
    );
  });

  test('save/load keeps the strategy, classes and seeded draws', async () => {
    const model = await new DummyClassifier({ strategy: 'stratified', randomState: 3 }).fit(rows(6), [
      'x',
      'y',
      'y',
      'z',
      'z',
      'z',
    ]);
    const loaded = DummyClassifier.fromJSON(JSON.parse(JSON.stringify(model)));
    assert.deepEqual(loaded.classes, ['x', 'y', 'z']);
    assert.deepEqual(loaded.predict(rows(30)), model.predict(rows(30)));
    const tampered = JSON.parse(JSON.stringify(model));
    tampered.state.model.strategy = 'magic';
    assert.throws(() => DummyClassifier.fromJSON(tampered), /saved state 'strategy' must be one of/);
  });

  test('labels as Tensor and typed arrays', async () => {
    const model = await new DummyClassifier().fit(
      new Tensor(Float64Array.of(1, 2, 3, 4), [4, 1]),
      Int32Array.of(3, 3, 1, 3),
    );
    assert.deepEqual(model.classes, [1, 3]);
    assert.deepEqual(model.predict([[0]]), Int32Array.of(3));
    assert.equal(model.score([[0], [0]], new Tensor(Float64Array.of(3, 1))), 0.5);
  });
});
