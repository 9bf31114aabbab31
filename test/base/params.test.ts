import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ValidationError } from '../../src/base/errors.js';
import {
  checkUnknownParams,
  describeConstraint,
  formatValue,
  instanceOf,
  interval,
  options,
  satisfies,
  validateParams,
} from '../../src/base/params.js';
import { DummyClassifier } from '../../src/dummy/dummy-classifier.js';
import { RandomGenerator } from '../../src/tensor/random.js';
import { Tensor } from '../../src/tensor/tensor.js';

describe('constraints', () => {
  test('interval bounds and kinds', () => {
    const positiveInt = interval('int', 1, null, 'left');
    assert.ok(positiveInt.isSatisfiedBy(1));
    assert.ok(!positiveInt.isSatisfiedBy(0));
    assert.ok(!positiveInt.isSatisfiedBy(1.5));
    assert.ok(!positiveInt.isSatisfiedBy('2'));
    const unit = interval('real', 0, 1, 'neither');
    assert.ok(unit.isSatisfiedBy(0.5));
    assert.ok(!unit.isSatisfiedBy(0));
    assert.ok(!unit.isSatisfiedBy(1));
    assert.ok(!unit.isSatisfiedBy(Number.NaN));
    assert.ok(interval('real', 0, 1, 'both').isSatisfiedBy(1));
    assert.ok(interval('real', 0, 1, 'right').isSatisfiedBy(1));
    assert.ok(!interval('real', 0, 1, 'right').isSatisfiedBy(0));
    assert.throws(() => interval('real', 2, 1, 'both'), /low \(2\) must be <= high \(1\)/);
  });

  test('descriptions use sklearn wording', () => {
    assert.equal(String(interval('int', 1, null, 'left')), 'an int in the range [1, inf)');
    assert.equal(String(interval('real', 0, 1, 'neither')), 'a float in the range (0, 1)');
    assert.equal(String(interval('real', null, 0, 'right')), 'a float in the range (-inf, 0]');
    assert.equal(String(options(['a', 'b'])), "a str among {'a', 'b'}");
    assert.equal(String(instanceOf(Tensor)), "an instance of 'Tensor'");
    assert.equal(describeConstraint(null), 'undefined');
    assert.equal(describeConstraint('callable'), 'a callable');
  });

  test('named constraints', () => {
    assert.ok(satisfies('boolean', false) && !satisfies('boolean', 0));
    assert.ok(satisfies('string', '') && !satisfies('string', 1));
    assert.ok(
      satisfies('randomState', 0) &&
        satisfies('randomState', undefined) &&
        satisfies('randomState', new RandomGenerator(1)),
    );
    assert.ok(
      !satisfies('randomState', -1) && !satisfies('randomState', 1.5) && !satisfies('randomState', { random: () => 0 }),
    );
    assert.ok(
      satisfies('arrayLike', [1]) &&
        satisfies('arrayLike', new Float32Array(1)) &&
        satisfies('arrayLike', Tensor.from([1])),
    );
    assert.ok(!satisfies('arrayLike', 'abc'));
    assert.ok(satisfies('callable', () => 1) && !satisfies('callable', {}));
    assert.ok(satisfies('estimator', new DummyClassifier()) && !satisfies('estimator', {}));
    assert.ok(satisfies(null, null) && satisfies(null, undefined) && !satisfies(null, 0));
    assert.ok(satisfies(instanceOf(Tensor), Tensor.from([1])) && !satisfies(instanceOf(Tensor), [1]));
  });

  test('formatValue', () => {
    assert.equal(formatValue('foo'), "'foo'");
    assert.equal(formatValue(-0), '-0');
    assert.equal(formatValue([1, 2]), '[1, 2]');
    assert.equal(formatValue(Float64Array.of(1)), 'Float64Array [1]');
    assert.equal(formatValue(new Map()), '<Map instance>');
    assert.equal(formatValue(undefined), 'undefined');
  });
});

describe('validateParams', () => {
  const constraints = {
    strategy: [options(['most_frequent', 'prior', 'stratified', 'uniform', 'constant'])],
    maxDepth: [interval('int', 1, null, 'left'), null],
    anything: 'noValidation' as const,
  };

  test("sklearn's message naming the parameter, the allowed values and the value", () => {
    assert.throws(
      () => validateParams('DummyClassifier', constraints, { strategy: 'foo', maxDepth: 3 }),
      (e: unknown) => {
        assert.ok(e instanceof ValidationError);
        assert.equal(
          e.message,
          "The 'strategy' parameter of DummyClassifier must be a str among {'most_frequent', 'prior', 'stratified', 'uniform', 'constant'}. Got 'foo' instead.",
        );
        assert.equal(e.param, 'strategy');
        assert.equal(e.got, 'foo');
        return true;
      },
    );
    assert.throws(
      () => validateParams('Tree', constraints, { strategy: 'prior', maxDepth: 0 }),
      /The 'maxDepth' parameter of Tree must be an int in the range \[1, inf\) or undefined\. Got 0 instead\.$/,
    );
  });

  test('valid values and noValidation pass', () => {
    validateParams('X', constraints, { strategy: 'prior', maxDepth: undefined, anything: Symbol('x') });
    validateParams('X', constraints, { strategy: 'uniform', maxDepth: 5 });
  });

  test('unknown option names list the valid ones and suggest the closest', () => {
    assert.throws(
      () => checkUnknownParams('DummyClassifier', ['strategy', 'randomState', 'constant'], { stratgy: 'prior' }),
      (e: unknown) => {
        assert.ok(e instanceof ValidationError);
        assert.equal(
          e.message,
          "Unknown option 'stratgy' for DummyClassifier (did you mean 'strategy'?). Valid options are: 'constant', 'randomState', 'strategy'.",
        );
        assert.equal(e.param, 'stratgy');
        return true;
      },
    );
    assert.throws(
      () => checkUnknownParams('M', ['alpha'], { zzzzzz: 1 }),
      /Unknown option 'zzzzzz' for M\. Valid options are: 'alpha'\./,
    );
    checkUnknownParams('M', ['alpha'], { alpha: 1 });
  });
});
