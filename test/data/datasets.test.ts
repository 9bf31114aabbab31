import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ValidationError } from '../../src/base/errors.js';
import { listDatasets, loadDataset } from '../../src/data/index.js';

describe('bundled datasets', () => {
  // [rows, features, classes, missing feature cells]
  const expected: Record<string, [number, number, number, number]> = {
    iris: [150, 4, 3, 0],
    wine: [178, 13, 3, 0],
    breast_cancer: [569, 30, 2, 0],
    digits: [1797, 64, 10, 0],
    diabetes: [442, 10, 0, 0],
    titanic: [1309, 3, 2, 263],
    credit: [4454, 13, 2, 455],
    penguins: [344, 7, 3, 19],
    spambase: [4601, 57, 2, 0],
  };
  test('listDatasets names every bundled dataset', () => {
    assert.deepEqual(listDatasets().sort(), Object.keys(expected).sort());
  });
  for (const [name, [rows, cols, classes, missing]] of Object.entries(expected)) {
    test(`${name}: shape, targets and missing values`, () => {
      const d = loadDataset(name);
      assert.deepEqual(d.data.shape, [rows, cols]);
      assert.deepEqual(d.target.shape, [rows]);
      assert.equal(d.featureNames.length, cols);
      assert.equal(d.targetNames.length, classes);
      let nan = 0;
      for (const v of d.data.data) {
        if (Number.isNaN(v)) nan++;
        else assert.ok(Number.isFinite(v));
      }
      assert.equal(nan, missing);
      assert.deepEqual(d.frame.shape, [rows, d.frame.columnNames.length]);
      assert.ok(d.frame.has(d.targetColumn));
      if (classes > 0) {
        assert.equal(d.target.dtype, 'int32');
        const counts = new Array(classes).fill(0);
        for (const c of d.target.data) counts[c]++;
        assert.ok(
          counts.every((c) => c > 0),
          `every class present in ${name}`,
        );
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
  test('frame has typed columns; class counts of the added datasets', () => {
    const t = loadDataset('titanic');
    assert.deepEqual(t.frame.dtypes, {
      name: 'category',
      survived: 'category',
      sex: 'category',
      age: 'float',
      passengerClass: 'category',
    });
    assert.deepEqual(t.featureNames, ['sex', 'age', 'passengerClass']);
    const counts = (name: string) => {
      const d = loadDataset(name);
      const c = new Array(d.targetNames.length).fill(0);
      for (const k of d.target.data) c[k]++;
      return c;
    };
    assert.deepEqual(counts('titanic'), [809, 500]);
    assert.deepEqual(counts('credit'), [1254, 3200]);
    assert.deepEqual(counts('penguins'), [152, 68, 124]);
    assert.deepEqual(counts('spambase'), [2788, 1813]);
    // Categorical features are codes in sorted category order: female = 0, male = 1.
    assert.equal(t.data.data[0], 0);
    assert.equal(t.data.data[3], 1);
  });
  test('unknown dataset is a ValidationError listing the names', () => {
    assert.throws(
      () => loadDataset('irs'),
      (e: Error) => e instanceof ValidationError && /iris/.test(e.message),
    );
  });
});
