import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ValidationError } from '../../src/base/errors.js';
import { listDatasets, loadDataset } from '../../src/data/index.js';

describe('bundled datasets', () => {
  const expected: Record<string, [number, number, number]> = {
    iris: [150, 4, 3],
    wine: [178, 13, 3],
    breast_cancer: [569, 30, 2],
    digits: [1797, 64, 10],
    diabetes: [442, 10, 0],
  };
  test('listDatasets names every bundled dataset', () => {
    assert.deepEqual(listDatasets().sort(), Object.keys(expected).sort());
  });
  for (const [name, [rows, cols, classes]] of Object.entries(expected)) {
    test(`${name}: shape, targets and no missing values`, () => {
      const d = loadDataset(name);
      assert.deepEqual(d.data.shape, [rows, cols]);
      assert.deepEqual(d.target.shape, [rows]);
      assert.equal(d.featureNames.length, cols);
      assert.equal(d.targetNames.length, classes);
      for (const v of d.data.data) assert.ok(Number.isFinite(v));
      if (classes > 0) {
        assert.equal(d.target.dtype, 'int32');
        const counts = new Array(classes).fill(0);
        for (const c of d.target.data) counts[c]++;
        assert.ok(counts.every((c) => c > 0), `every class present in ${name}`);
      }
    });
  }
  test('class order follows scikit-learn (breast_cancer: malignant = 0)', () => {
    const d = loadDataset('breast_cancer');
    assert.deepEqual(d.targetNames, ['malignant', 'benign']);
    const counts = [0, 0];
    for (const c of d.target.data) counts[c]++;
    assert.deepEqual(counts, [212, 357]);
  });
  test('iris first row and feature names', () => {
    const d = loadDataset('iris');
    assert.deepEqual(Array.from(d.data.data.subarray(0, 4)), [5.1, 3.5, 1.4, 0.2]);
    assert.equal(d.featureNames[0], 'sepal length (cm)');
  });
  test('unknown dataset is a ValidationError listing the names', () => {
    assert.throws(() => loadDataset('irs'), (e: Error) => e instanceof ValidationError && /iris/.test(e.message));
  });
});
