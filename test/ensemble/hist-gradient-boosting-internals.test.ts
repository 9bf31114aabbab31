import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  binData,
  findBinThresholds,
  fitBinMapper,
  fitTransformBins,
} from '../../src/ensemble/hist-gradient-boosting/binning.js';
import { shouldStop, trainValidationSplit } from '../../src/ensemble/hist-gradient-boosting/early-stopping.js';
import {
  binnedRows,
  buildHistograms,
  HIST_STRIDE,
  subtractHistograms,
} from '../../src/ensemble/hist-gradient-boosting/histogram.js';
import { binaryLogLoss, multinomialLogLoss, squaredError } from '../../src/ensemble/hist-gradient-boosting/loss.js';
import { radixArgsort } from '../../src/ensemble/hist-gradient-boosting/radix-argsort.js';
import {
  computeNodeValue,
  findNodeSplit,
  type SplitContext,
} from '../../src/ensemble/hist-gradient-boosting/splitting.js';
import { RandomGenerator } from '../../src/tensor/random.js';

describe('binning (sklearn _BinMapper edges, checked against sklearn 1.2.1)', () => {
  test('few distinct values: midpoints', () => {
    assert.deepEqual(Array.from(findBinThresholds(Float64Array.of(1, 2, 2, 5), 255)), [1.5, 3.5]);
  });

  test('more distinct values than maxBins: midpoint-method percentiles', () => {
    const ten = Float64Array.from({ length: 10 }, (_, i) => i);
    assert.deepEqual(Array.from(findBinThresholds(ten, 4)), [2.5, 4.5, 6.5]);
    // A whole virtual index picks the order statistic itself.
    const nine = Float64Array.from({ length: 9 }, (_, i) => i);
    assert.deepEqual(Array.from(findBinThresholds(nine, 4)), [2, 4, 6]);
  });

  test('NaN goes to the missing bin; bins match sklearn transform', () => {
    const x = Float64Array.of(0.1, 0.7, 0.3, 0.3, Number.NaN, 2.0, 1.1, 1.1, 1.1, 4.0);
    const mapper = fitBinMapper(x, 10, 1, { maxBins: 3 });
    assert.deepEqual(Array.from(mapper.thresholds[0]), [0.5, 1.1]);
    const { binned, hasMissing } = binData(mapper, x, 10, 1);
    assert.deepEqual(Array.from(binned), [0, 1, 0, 0, 3, 2, 1, 1, 1, 2]);
    assert.equal(hasMissing[0], 1);
  });

  test('fitTransformBins equals fitBinMapper + binData (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), fc.constant(Number.NaN)), {
          minLength: 1,
          maxLength: 60,
        }),
        fc.integer({ min: 2, max: 20 }),
        (values, maxBins) => {
          const x = Float64Array.from(values);
          const a = fitTransformBins(x, x.length, 1, { maxBins });
          const mapper = fitBinMapper(x, x.length, 1, { maxBins });
          assert.deepEqual(Array.from(a.mapper.thresholds[0]), Array.from(mapper.thresholds[0]));
          assert.deepEqual(Array.from(a.binned), Array.from(binData(mapper, x, x.length, 1).binned));
        },
      ),
      { numRuns: 200 },
    );
  });

  test('radixArgsort sorts like a comparison sort (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true }), { maxLength: 100 }), (values) => {
        const x = Float64Array.from(values);
        const order = radixArgsort(x);
        for (let k = 1; k < order.length; k++) assert.ok(x[order[k - 1]] <= x[order[k]]);
      }),
    );
  });

  test('categorical features: known categories become consecutive bins', () => {
    const x = Float64Array.of(3, 0, 3, Number.NaN, 7, -1);
    const mapper = fitBinMapper(x, 6, 1, { isCategorical: Uint8Array.of(1) });
    assert.deepEqual(Array.from(mapper.thresholds[0]), [0, 3, 7]);
    assert.deepEqual(Array.from(binData(mapper, x, 6, 1).binned), [1, 0, 1, 255, 2, 255]);
  });
});

describe('histograms', () => {
  test('root histogram sums, and parent - child equals the sibling built directly', () => {
    const n = 50;
    const p = 3;
    const rng = new RandomGenerator(1);
    const binned = Uint8Array.from({ length: n * p }, () => rng.integers(0, 5));
    const rows = binnedRows(binned, n, p);
    const g = Float64Array.from({ length: n }, () => rng.normal());
    const h = Float64Array.from({ length: n }, () => rng.random());
    const nBins = 6;
    const size = p * nBins * HIST_STRIDE;
    const parent = new Float64Array(size);
    buildHistograms(parent, rows, p, nBins, null, g, h, null, 0, n);
    let total = 0;
    for (let b = 0; b < nBins; b++) total += parent[b * HIST_STRIDE];
    assert.ok(Math.abs(total - g.reduce((a, v) => a + v, 0)) < 1e-12);
    const idx = Int32Array.from({ length: n }, (_, i) => i);
    const left = new Float64Array(size);
    const right = new Float64Array(size);
    buildHistograms(left, rows, p, nBins, null, g, h, idx, 0, 20);
    buildHistograms(right, rows, p, nBins, null, g, h, idx, 20, n);
    subtractHistograms(parent, left, parent, null, p, nBins);
    for (let t = 0; t < size; t++) assert.ok(Math.abs(parent[t] - right[t]) < 1e-12);
  });
});

describe('split finding', () => {
  const ctx = (over: Partial<SplitContext> = {}): SplitContext => ({
    nBins: 4,
    missingBin: 3,
    nBinsNonMissing: Int32Array.of(3),
    hasMissing: Uint8Array.of(0),
    isCategorical: Uint8Array.of(0),
    monotonicCst: null,
    minSamplesLeaf: 1,
    minHessianToSplit: 1e-3,
    l2Regularization: 0,
    constantHessian: false,
    ...over,
  });
  /** One feature, bins 0..3: [g, h, count] per bin. */
  const hist = (bins: [number, number, number][]) => {
    const out = new Float64Array(4 * HIST_STRIDE);
    for (const [b, bin] of bins.entries()) out.set(bin, b * HIST_STRIDE);
    return out;
  };

  test('the gain is G_L²/H_L + G_R²/H_R - G²/H and the best bin wins', () => {
    const hh = hist([
      [-4, 2, 2],
      [-1, 1, 1],
      [5, 2, 2],
    ]);
    const value = computeNodeValue(0, 5, -Infinity, Infinity, 0);
    const split = findNodeSplit(hh, Int32Array.of(0), 5, 0, 5, value, -Infinity, Infinity, ctx());
    assert.equal(split.binIdx, 1);
    assert.ok(Math.abs(split.gain - (25 / 3 + 25 / 2)) < 1e-9);
    assert.ok(Math.abs(split.valueLeft - 5 / 3) < 1e-9);
  });

  test('missing values go to the side with the better gain', () => {
    // Missing samples have very negative gradients, like bin 0: they belong on the left.
    const hh = hist([
      [-4, 2, 2],
      [1, 1, 1],
      [4, 2, 2],
      [-3, 1, 1],
    ]);
    const split = findNodeSplit(
      hh,
      Int32Array.of(0),
      6,
      -2,
      6,
      1 / 3,
      -Infinity,
      Infinity,
      ctx({ hasMissing: Uint8Array.of(1) }),
    );
    assert.equal(split.missingGoToLeft, true);
    assert.equal(split.binIdx, 0);
  });

  test('a monotonic constraint rejects splits going the wrong way', () => {
    const hh = hist([
      [-4, 2, 2],
      [0, 1, 1],
      [4, 2, 2],
    ]);
    // Left has the larger value: allowed for decreasing, rejected for increasing.
    assert.ok(
      findNodeSplit(hh, Int32Array.of(0), 5, 0, 5, 0, -Infinity, Infinity, ctx({ monotonicCst: Int8Array.of(-1) }))
        .gain > 0,
    );
    assert.equal(
      findNodeSplit(hh, Int32Array.of(0), 5, 0, 5, 0, -Infinity, Infinity, ctx({ monotonicCst: Int8Array.of(1) })).gain,
      -1,
    );
  });
});

describe('losses and early stopping', () => {
  test('baselines: mean, log-odds, centred log frequencies', () => {
    assert.equal(squaredError().baseline(Float64Array.of(1, 2, 6), undefined)[0], 3);
    assert.ok(Math.abs(binaryLogLoss().baseline(Float64Array.of(0, 1, 1, 1), undefined)[0] - Math.log(3)) < 1e-12);
    const b = multinomialLogLoss(3).baseline(Float64Array.of(0, 1, 1, 2), undefined);
    assert.ok(Math.abs(b[0] + b[1] + b[2]) < 1e-12);
    assert.ok(Math.abs(b[1] - b[0] - Math.log(2)) < 1e-12);
  });

  test('binary log-loss gradients and the fused loss', () => {
    const y = Float64Array.of(0, 1);
    const raw = Float64Array.of(0, 2);
    const g = new Float64Array(2);
    const h = new Float64Array(2);
    const loss = binaryLogLoss().gradientHessian(y, raw, undefined, g, h, true);
    const p = 1 / (1 + Math.exp(-2));
    assert.ok(Math.abs(g[0] - 0.5) < 1e-15 && Math.abs(g[1] - (p - 1)) < 1e-15);
    assert.ok(Math.abs(h[1] - p * (1 - p)) < 1e-15);
    assert.ok(Math.abs(loss - (Math.log(2) + Math.log1p(Math.exp(-2))) / 2) < 1e-12);
  });

  test('shouldStop follows sklearn: no recent score beats the reference by tol', () => {
    assert.equal(shouldStop([1, 2], 2, 0), false);
    assert.equal(shouldStop([1, 2, 3], 2, 0), false);
    assert.equal(shouldStop([3, 2, 3], 2, 0), true);
    assert.equal(shouldStop([3, 2, 3.5], 2, 1), true);
  });

  test('trainValidationSplit: sizes, disjointness, stratification', () => {
    const strata = Float64Array.from({ length: 100 }, (_, i) => (i < 80 ? 0 : 1));
    const { train, validation } = trainValidationSplit(100, 0.1, new RandomGenerator(0), strata);
    assert.equal(validation.length, 10);
    assert.equal(train.length + validation.length, 100);
    assert.equal(new Set([...train, ...validation]).size, 100);
    assert.equal(Array.from(validation).filter((i) => strata[i] === 1).length, 2);
  });
});
