import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { averagePathLength, IsolationForest } from '../../src/ensemble/isolation-forest.js';
import { RandomGenerator } from '../../src/tensor/random.js';

function blobWithOutliers(seed: number): number[][] {
  const rng = new RandomGenerator(seed);
  const X: number[][] = [];
  for (let i = 0; i < 500; i++) X.push([rng.normal(), rng.normal(), rng.normal()]);
  for (let i = 0; i < 10; i++) X.push([8 + rng.normal(), -8 + rng.normal(), 8]);
  return X;
}

describe('IsolationForest', () => {
  test('common checks', async () => {
    assert.equal((await checkEstimator(() => new IsolationForest({ nEstimators: 20 }))).failed, 0);
  });

  test('c(n) is the average unsuccessful-search path length', () => {
    assert.equal(averagePathLength(1), 0);
    assert.equal(averagePathLength(2), 1);
    assert.ok(Math.abs(averagePathLength(256) - (2 * (Math.log(255) + 0.5772156649015329) - (2 * 255) / 256)) < 1e-12);
  });

  test('planted outliers get the lowest scores; auto threshold flags them', async () => {
    const X = blobWithOutliers(0);
    const model = await new IsolationForest({ randomState: 0 }).fit(X);
    const scores = model.scoreSamples(X);
    const order = Array.from(scores.keys()).sort((a, b) => scores[a] - scores[b]);
    assert.deepEqual(
      order.slice(0, 10).sort((a, b) => a - b),
      Array.from({ length: 10 }, (_, i) => 500 + i),
    );
    const pred = model.predict(X);
    for (let i = 500; i < 510; i++) assert.equal(pred[i], -1);
    assert.equal(model.offset, -0.5);
    assert.equal(model.maxSamplesUsed, 256);
    for (const s of scores) assert.ok(s < 0 && s >= -1);
  });

  test('contamination sets the share of outliers; seeds reproduce; bad input', async () => {
    const X = blobWithOutliers(1);
    const model = await new IsolationForest({ contamination: 0.05, randomState: 3, maxFeatures: 2 }).fit(X);
    const flagged = Array.from(model.predict(X)).filter((v) => v === -1).length;
    assert.ok(Math.abs(flagged - 0.05 * X.length) <= 2, `flagged ${flagged}`);
    const again = await new IsolationForest({ contamination: 0.05, randomState: 3, maxFeatures: 2 }).fit(X);
    assert.deepEqual(Array.from(again.decisionFunction(X)), Array.from(model.decisionFunction(X)));
    assert.ok(model.treeFeatures.every((f) => f.length === 2));
    await assert.rejects(new IsolationForest({ contamination: 0.7 }).fit(X), /contamination/);
    await assert.rejects(new IsolationForest().fit(X, undefined, { sampleWeight: X.map(() => 1) }), /sampleWeight/);
  });
});
