import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ValidationError } from '../../src/base/errors.js';
import { KFold } from '../../src/model-selection/k-fold.js';
import { StratifiedKFold } from '../../src/model-selection/stratified-k-fold.js';
import { loadSklearnFixture } from '../helpers/fixtures.js';

describe('KFold', () => {
  const fx = loadSklearnFixture('model_selection_kfold_iris');

  const check = (n: number, folds: { train_idx: number[]; test_idx: number[] }[]) => {
    const got = [...new KFold({ nSplits: 5 }).split(n)];
    assert.equal(got.length, folds.length);
    got.forEach(([train, test], i) => {
      assert.deepEqual(Array.from(test), folds[i].test_idx, `fold ${i} test`);
      assert.deepEqual(Array.from(train), folds[i].train_idx, `fold ${i} train`);
    });
  };

  test('matches scikit-learn on 150 samples', () => check(fx.inputs.n_samples, fx.expected.folds));
  test('matches scikit-learn on 23 samples (uneven folds)', () =>
    check(fx.inputs.n23_n_samples, fx.expected.n23_folds));

  test('shuffled folds partition the samples and are reproducible for a seed', () => {
    const a = [...new KFold({ nSplits: 4, shuffle: true, randomState: 7 }).split(30)];
    const b = [...new KFold({ nSplits: 4, shuffle: true, randomState: 7 }).split(30)];
    assert.deepEqual(a, b);
    const seen = a.flatMap(([, test]) => Array.from(test)).sort((x, y) => x - y);
    assert.deepEqual(
      seen,
      Array.from({ length: 30 }, (_, i) => i),
    );
    const unshuffled = [...new KFold({ nSplits: 4 }).split(30)];
    assert.notDeepEqual(
      a.map(([, t]) => Array.from(t)),
      unshuffled.map(([, t]) => Array.from(t)),
    );
    for (const [train, test] of a) assert.equal(train.length + test.length, 30);
  });

  test('rejects bad options and too few samples', () => {
    assert.throws(() => new KFold({ nSplits: 1 }), ValidationError);
    assert.throws(() => new KFold({ randomState: 3 }), /shuffle is false/);
    assert.throws(() => [...new KFold({ nSplits: 5 }).split(3)], /greater than the number of samples/);
  });
});

describe('StratifiedKFold', () => {
  const fx = loadSklearnFixture('model_selection_stratifiedkfold_iris');
  const check = (y: number[], folds: { train_idx: number[]; test_idx: number[] }[]) => {
    const got = [...new StratifiedKFold({ nSplits: 5 }).split(y.length, y)];
    assert.equal(got.length, folds.length);
    got.forEach(([train, test], i) => {
      assert.deepEqual(Array.from(test), folds[i].test_idx, `fold ${i} test`);
      assert.deepEqual(Array.from(train), folds[i].train_idx, `fold ${i} train`);
    });
  };
  test('matches scikit-learn on iris', () => check(fx.inputs.y, fx.expected.folds));
  test('matches scikit-learn on interleaved classes (first-appearance encoding)', () =>
    check(fx.inputs.handmade_y, fx.expected.handmade_folds));

  test('string labels and shuffled folds keep class ratios within one sample', () => {
    const y = Array.from({ length: 47 }, (_, i) => (i % 3 === 0 ? 'a' : i % 5 === 0 ? 'b' : 'c'));
    const total = { a: 0, b: 0, c: 0 } as Record<string, number>;
    for (const v of y) total[v]++;
    const folds = [...new StratifiedKFold({ nSplits: 4, shuffle: true, randomState: 1 }).split(y.length, y)];
    for (const [, test] of folds) {
      for (const cls of ['a', 'b', 'c']) {
        const inFold = Array.from(test).filter((i) => y[i] === cls).length;
        assert.ok(Math.abs(inFold - total[cls] / 4) <= 1, `class ${cls}: ${inFold} vs ${total[cls] / 4}`);
      }
    }
  });

  test('too few members of every class is an error', () => {
    assert.throws(
      () => [...new StratifiedKFold({ nSplits: 3 }).split(4, [0, 0, 1, 1])],
      /cannot be greater than the number of members/,
    );
  });
});
