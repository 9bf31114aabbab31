import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { gradientHessianHalves, halfWeightSums } from '../../src/ensemble/hist-gradient-boosting/gradient-halves.js';
import { binaryLogLoss, multinomialLogLoss, poissonLoss } from '../../src/ensemble/hist-gradient-boosting/loss.js';
import { RandomGenerator } from '../../src/tensor/random.js';

/** Rows enough to be split in halves (gradient-halves splits from 4,096). */
const N = 5001;

function problem(K: number, weighted: boolean) {
  const rng = new RandomGenerator(K + (weighted ? 10 : 0));
  const y = Float64Array.from({ length: N }, () => (K === 0 ? rng.random() * 3 : rng.integers(0, Math.max(K, 2))));
  const raw = Float64Array.from({ length: Math.max(K, 1) * N }, () => rng.normal());
  const w = weighted ? Float64Array.from({ length: N }, () => rng.random()) : null;
  return { y, raw, w };
}

describe('gradientHessianHalves: the two halves give the whole pass', () => {
  for (const [name, loss, K] of [
    ['binary log-loss', binaryLogLoss(), 1],
    ['poisson', poissonLoss(), 0],
    ['multiclass log-loss (row ranges)', multinomialLogLoss(3), 3],
  ] as const) {
    for (const weighted of [false, true]) {
      test(`${name}${weighted ? ', weighted' : ''}`, () => {
        const { y, raw, w } = problem(K, weighted);
        const size = raw.length;
        const whole = { grad: new Float64Array(size), hess: new Float64Array(size) };
        const meanLoss = loss.gradientHessian(y, raw, w ?? undefined, whole.grad, whole.hess, true);
        const arrays = { y, raw, w, grad: new Float64Array(size), hess: new Float64Array(size) };
        const halves = gradientHessianHalves(loss, arrays, true, null, halfWeightSums(N, w));
        // Every gradient and hessian is the same number; only the loss sum's order differs.
        assert.deepEqual(arrays.grad, whole.grad);
        assert.deepEqual(arrays.hess, whole.hess);
        assert.ok(Math.abs(halves - meanLoss) <= 1e-12 * Math.abs(meanLoss), `${halves} vs ${meanLoss}`);
        assert.ok(Number.isNaN(gradientHessianHalves(loss, arrays, false, null, halfWeightSums(N, w))));
      });
    }
  }

  test('halfWeightSums: counts unweighted, sums weighted', () => {
    assert.deepEqual(halfWeightSums(7, null), [3, 4]);
    assert.deepEqual(halfWeightSums(4, Float64Array.of(1, 2, 3, 4)), [3, 7]);
  });
});
