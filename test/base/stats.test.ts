import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { median, percentile, weightedMean, weightedPercentile } from '../../src/base/stats.js';

describe('stats', () => {
  test('median like numpy', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([3, 1, 2, 10]), 2.5);
    assert.ok(Number.isNaN(median([])));
  });

  test('percentile with linear interpolation like numpy', () => {
    // np.percentile([1, 2, 3, 4], [0, 25, 50, 90, 100]) -> [1, 1.75, 2.5, 3.7, 4]
    assert.equal(percentile([4, 2, 3, 1], 0), 1);
    assert.equal(percentile([4, 2, 3, 1], 25), 1.75);
    assert.equal(percentile([4, 2, 3, 1], 50), 2.5);
    assert.ok(Math.abs(percentile([4, 2, 3, 1], 90) - 3.7) < 1e-15);
    assert.equal(percentile([4, 2, 3, 1], 100), 4);
    assert.throws(() => percentile([1], 101), /q must be in \[0, 100\]/);
  });

  test('weightedPercentile is the inverted CDF of sklearn', () => {
    // sklearn _weighted_percentile([1, 2, 3, 4], ones, 50) -> 2 (lower value, no interpolation)
    assert.equal(weightedPercentile([1, 2, 3, 4], [1, 1, 1, 1], 50), 2);
    assert.equal(weightedPercentile([1, 2, 3], [1, 0, 5], 50), 3);
    assert.equal(weightedPercentile([3, 1, 2], [1, 1, 1], 100), 3);
    // q = 0 skips leading zero-weight samples (sklearn #20528)
    assert.equal(weightedPercentile([1, 2, 3], [0, 1, 1], 0), 2);
    assert.throws(() => weightedPercentile([1, 2], [1], 50), /2 values but 1 weights/);
  });

  test('property: weightedPercentile returns one of the values and is monotone in q', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 0.01, max: 10, noNaN: true })),
          {
            minLength: 1,
            maxLength: 30,
          },
        ),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (pairs, q) => {
          const v = pairs.map((p) => p[0]);
          const w = pairs.map((p) => p[1]);
          const r = weightedPercentile(v, w, q);
          assert.ok(v.includes(r));
          assert.ok(weightedPercentile(v, w, Math.min(100, q + 10)) >= r);
        },
      ),
    );
  });

  test('weightedMean', () => {
    assert.equal(weightedMean([1, 3], [3, 1]), 1.5);
    assert.equal(weightedMean([1, 2, 3]), 2);
  });
});
