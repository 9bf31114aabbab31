import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ValidationError } from '../../src/base/errors.js';
import {
  adjustedMutualInfoScore,
  adjustedRandScore,
  calinskiHarabaszScore,
  completenessScore,
  contingencyMatrix,
  daviesBouldinScore,
  fowlkesMallowsScore,
  homogeneityCompletenessVMeasure,
  homogeneityScore,
  mutualInfoScore,
  normalizedMutualInfoScore,
  pairConfusionMatrix,
  randScore,
  silhouetteSamples,
  silhouetteScore,
  vMeasureScore,
} from '../../src/metrics/index.js';
import { assertClose } from '../helpers/fixtures.js';

const exact = { rtol: 1e-12, atol: 1e-12 };

describe('supervised clustering metrics', () => {
  test("sklearn's docstring values", () => {
    assertClose(randScore([0, 0, 1, 2], [0, 0, 1, 1]), 0.8333333333333334, exact);
    assertClose(adjustedRandScore([0, 0, 1, 2], [0, 0, 1, 1]), 0.5714285714285714, exact);
    assertClose(adjustedRandScore([0, 0, 1, 1], [0, 0, 1, 2]), 0.5714285714285714, exact);
    assert.equal(adjustedRandScore([0, 0, 0, 0], [0, 1, 2, 3]), 0);
    assert.deepEqual(pairConfusionMatrix([0, 0, 1, 2], [0, 0, 1, 1]).toArray(), [
      [8, 2],
      [0, 2],
    ]);
    assertClose(homogeneityScore([0, 0, 1, 1], [0, 0, 1, 2]), 1, exact);
    assertClose(completenessScore([0, 0, 1, 1], [0, 0, 1, 2]), 0.6666666666666666, exact);
    assertClose(vMeasureScore([0, 0, 1, 2], [0, 0, 1, 1]), 0.7999999999999999, exact);
    assert.equal(fowlkesMallowsScore([0, 0, 1, 1], [1, 1, 0, 0]), 1);
    assert.equal(fowlkesMallowsScore([0, 0, 0, 0], [0, 1, 2, 3]), 0);
    assertClose(mutualInfoScore([0, 0, 1, 1], [1, 1, 0, 0]), Math.log(2), exact);
    assert.equal(normalizedMutualInfoScore([0, 0, 1, 1], [1, 1, 0, 0]), 1);
    assert.equal(adjustedMutualInfoScore([0, 0, 1, 1], [1, 1, 0, 0]), 1);
    assert.equal(adjustedMutualInfoScore([0, 0, 0, 0], [0, 1, 2, 3]), 0);
  });

  test('string and number labels mix across the two labelings', () => {
    assert.deepEqual(contingencyMatrix(['x', 'x', 'y'], [3, 1, 1]).toArray(), [
      [1, 1],
      [1, 0],
    ]);
    assert.equal(adjustedRandScore(['a', 'a', 'b', 'b'], [7, 7, 3, 3]), 1);
  });

  test('homogeneityCompletenessVMeasure: beta weights completeness', () => {
    const r = homogeneityCompletenessVMeasure([0, 0, 1, 1], [0, 0, 1, 2], { beta: 2 });
    assertClose(r.homogeneity, 0.9999999999999999, exact);
    assertClose(r.vMeasure, 0.7499999999999999, exact);
    assertClose(r.vMeasure, (3 * r.homogeneity * r.completeness) / (2 * r.homogeneity + r.completeness), exact);
  });

  test('bad input is a ValidationError', () => {
    assert.throws(
      () => adjustedRandScore([0, 1], [0]),
      (e: Error) => e instanceof ValidationError && /labelsTrue has 2, labelsPred has 1/.test(e.message),
    );
    assert.throws(() => randScore([0, Number.NaN], [0, 1]), /NaN/);
    assert.throws(
      () => normalizedMutualInfoScore([0, 1], [0, 1], { averageMethod: 'median' as never }),
      /averageMethod/,
    );
  });
});

describe('unsupervised clustering metrics', () => {
  const X = [[0], [1], [10], [11]];
  test('silhouette, Calinski-Harabasz, Davies-Bouldin on a worked example', () => {
    // a = 1 (own cluster), b = mean distance to the other cluster: (b - a) / b; values from sklearn 1.2.1.
    assertClose(silhouetteSamples(X, [0, 0, 1, 1]), [9.5 / 10.5, 8.5 / 9.5, 8.5 / 9.5, 9.5 / 10.5], exact);
    assertClose(silhouetteScore(X, [0, 0, 1, 1]), 0.899749373433584, exact);
    assertClose(calinskiHarabaszScore(X, [0, 0, 1, 1]), 200, exact);
    assertClose(daviesBouldinScore(X, [0, 0, 1, 1]), 0.1, exact);
  });
  test('a singleton cluster has silhouette 0; tiny working memory gives the same result', () => {
    const s = silhouetteSamples([[0], [1], [5], [20]], ['a', 'a', 'b', 'c']);
    assert.equal(s[2], 0);
    assert.equal(s[3], 0);
    const big = Array.from({ length: 50 }, (_, i) => [Math.sin(i), Math.cos(3 * i)]);
    const labels = big.map((_, i) => i % 3);
    assert.deepEqual(silhouetteSamples(big, labels, { workingMemory: 1e-4 }), silhouetteSamples(big, labels));
  });
  test('sampleSize with randomState is reproducible', () => {
    const big = Array.from({ length: 60 }, (_, i) => [i % 7, Math.floor(i / 7)]);
    const labels = big.map((r) => (r[0] < 3 ? 0 : 1));
    const a = silhouetteScore(big, labels, { sampleSize: 20, randomState: 3 });
    assert.equal(a, silhouetteScore(big, labels, { sampleSize: 20, randomState: 3 }));
    assert.ok(a > -1 && a < 1);
    assert.throws(() => silhouetteScore(big, labels, { sampleSize: 0 }), /sampleSize/);
  });
  test('one cluster or one cluster per sample is a ValidationError', () => {
    assert.throws(() => silhouetteScore(X, [0, 0, 0, 0]), /Number of labels is 1/);
    assert.throws(() => calinskiHarabaszScore(X, [0, 1, 2, 3]), /Number of labels is 4/);
    assert.throws(() => daviesBouldinScore(X, [0, 1]), /inconsistent numbers of samples/);
  });
});
