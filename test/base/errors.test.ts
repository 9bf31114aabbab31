import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  ConvergenceWarning,
  DTypeError,
  NotFittedError,
  ShapeError,
  ValidationError,
  warn,
} from '../../src/base/errors.js';
import {
  captureWarnings,
  DataConversionWarning,
  setWarningHandler,
  TypelearnWarning,
} from '../../src/base/warnings.js';
import { DTypeError as TensorDTypeError, ShapeError as TensorShapeError } from '../../src/tensor/errors.js';

describe('errors', () => {
  test('ValidationError carries structured fields', () => {
    const cause = new Error('root');
    const e = new ValidationError('bad', {
      param: 'alpha',
      row: 3,
      column: 'age',
      expected: 'a number',
      got: 'x',
      cause,
    });
    assert.ok(e instanceof Error);
    assert.equal(e.name, 'ValidationError');
    assert.equal(e.message, 'bad');
    assert.deepEqual([e.param, e.row, e.column, e.expected, e.got], ['alpha', 3, 'age', 'a number', 'x']);
    assert.equal(e.cause, cause);
    const bare = new ValidationError('x');
    assert.equal('param' in bare, false);
    assert.equal('got' in bare, false);
  });

  test("NotFittedError has sklearn's message", () => {
    const e = new NotFittedError('DummyClassifier');
    assert.equal(
      e.message,
      "This DummyClassifier instance is not fitted yet. Call 'fit' with appropriate arguments before using this estimator.",
    );
    assert.equal(e.name, 'NotFittedError');
    assert.equal(e.estimatorName, 'DummyClassifier');
    assert.equal(new NotFittedError('X', { message: 'custom', attribute: 'coef' }).message, 'custom');
  });

  test('ShapeError and DTypeError are the tensor core classes', () => {
    assert.equal(ShapeError, TensorShapeError);
    assert.equal(DTypeError, TensorDTypeError);
  });
});

describe('warnings', () => {
  test('captureWarnings collects and restores the previous handler', async () => {
    const { result, warnings } = await captureWarnings(() => {
      warn(new ConvergenceWarning('did not converge'));
      warn(new DataConversionWarning('converted'));
      return 42;
    });
    assert.equal(result, 42);
    assert.equal(warnings.length, 2);
    assert.ok(warnings[0] instanceof ConvergenceWarning && warnings[0] instanceof TypelearnWarning);
    assert.equal(warnings[0].name, 'ConvergenceWarning');
    const seen: string[] = [];
    const previous = setWarningHandler((w) => seen.push(w.message));
    try {
      await assert.rejects(
        captureWarnings(() => {
          throw new Error('boom');
        }),
        /boom/,
      );
      warn(new TypelearnWarning('after'));
    } finally {
      setWarningHandler(previous);
    }
    assert.deepEqual(seen, ['after']);
  });

  test('the default handler uses process.emitWarning', () => {
    const original = process.emitWarning;
    const emitted: unknown[] = [];
    process.emitWarning = ((w: unknown) => emitted.push(w)) as typeof process.emitWarning;
    const previous = setWarningHandler(null);
    try {
      const w = new ConvergenceWarning('lbfgs failed to converge');
      warn(w);
      assert.deepEqual(emitted, [w]);
    } finally {
      setWarningHandler(previous);
      process.emitWarning = original;
    }
  });
});
