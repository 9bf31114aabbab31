import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { KNNImputer } from '../../src/preprocessing/index.js';
import { assertClose } from '../helpers/fixtures.js';

const NaN_ = Number.NaN;
const rows = (t: { toArray(): unknown }) => t.toArray() as number[][];

// Expected values from scikit-learn 1.2.1 (`KNNImputer(...).fit_transform(X).tolist()`).
describe('KNNImputer', () => {
  test('passes checkEstimator', async () => {
    await checkEstimator(() => new KNNImputer());
  });

  test('uniform weights (sklearn docstring example)', async () => {
    const X = [
      [1, 2, NaN_],
      [3, 4, 3],
      [NaN_, 6, 5],
      [8, 8, 7],
    ];
    assertClose(rows(await new KNNImputer({ nNeighbors: 2 }).fitTransform(X)), [
      [1, 2, 4],
      [3, 4, 3],
      [5.5, 6, 5],
      [8, 8, 7],
    ]);
  });

  const X2 = [
    [1.5, NaN_, 3, 0.2],
    [2, 1, NaN_, 0.3],
    [NaN_, 2.5, 4, 0.1],
    [4, 3, 5, NaN_],
    [0.5, 0.7, 1, 0.9],
    [3, NaN_, 2, 0.4],
  ];

  test('distance weights with nan_euclidean distances match scikit-learn', async () => {
    assertClose(rows(await new KNNImputer({ nNeighbors: 3, weights: 'distance' }).fitTransform(X2)), [
      [1.5, 1.3839548760208866, 3.0, 0.2],
      [2.0, 1.0, 2.3284580431503037, 0.3],
      [2.5063499996583785, 2.5, 4.0, 0.1],
      [4.0, 3.0, 5.0, 0.20585482949039122],
      [0.5, 0.7, 1.0, 0.9],
      [3.0, 1.3136945513915168, 2.0, 0.4],
    ]);
  });

  test('addIndicator and feature names', async () => {
    const imp = await new KNNImputer({ nNeighbors: 2, addIndicator: true }).fit(X2);
    assertClose(
      rows(
        imp.transform([
          [NaN_, NaN_, 2, 0.5],
          [1, 1, 1, 1],
        ]),
      ),
      [
        [2.5, 0.85, 2.0, 0.5, 1, 1, 0, 0],
        [1, 1, 1, 1, 0, 0, 0, 0],
      ],
    );
    assert.deepEqual(imp.getFeatureNamesOut(), [
      'x0',
      'x1',
      'x2',
      'x3',
      'missingindicator_x0',
      'missingindicator_x1',
      'missingindicator_x2',
      'missingindicator_x3',
    ]);
  });

  test('all-missing training column is dropped; no shared coordinates falls back to the mean', async () => {
    const X3 = [
      [1, NaN_],
      [2, NaN_],
      [NaN_, NaN_],
    ];
    assertClose(rows(await new KNNImputer().fitTransform(X3)), [[1], [2], [1.5]]);
    assertClose(rows(await new KNNImputer({ keepEmptyFeatures: true }).fitTransform(X3)), [
      [1, 0],
      [2, 0],
      [1.5, 0],
    ]);
  });
});
