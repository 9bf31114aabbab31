import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { MaxAbsScaler, MinMaxScaler, RobustScaler, StandardScaler } from '../../src/preprocessing/index.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { assertClose, loadSklearnFixture } from '../helpers/fixtures.js';

const rowsOf = (t: Tensor) => t.toArray() as number[][];

/** Rows with a few NaN, from fast-check, for chunked-fit properties. */
const matrixArb = fc.integer({ min: 1, max: 4 }).chain((p) =>
  fc.array(
    fc.array(
      fc.oneof({ weight: 9, arbitrary: fc.double({ min: -1e3, max: 1e3, noNaN: true }) }, fc.constant(Number.NaN)),
      {
        minLength: p,
        maxLength: p,
      },
    ),
    { minLength: 2, maxLength: 30 },
  ),
);

/** Splits rows into consecutive chunks at the given cut points. */
function chunks(rows: number[][], cuts: number[]): number[][][] {
  const points = [...new Set(cuts.map((c) => c % rows.length))].filter((c) => c > 0).sort((a, b) => a - b);
  const out: number[][][] = [];
  let start = 0;
  for (const c of [...points, rows.length]) {
    out.push(rows.slice(start, c));
    start = c;
  }
  return out;
}

describe('StandardScaler', () => {
  test('passes checkEstimator', async () => {
    const report = await checkEstimator(() => new StandardScaler());
    assert.equal(report.failed, 0);
  });

  test('matches scikit-learn on wine (mean, var, scale, nSamplesSeen, transform)', async () => {
    const fx = loadSklearnFixture('preprocessing_standardscaler_wine');
    const s = await new StandardScaler().fit(fx.inputs.X);
    assertClose(s.mean!, fx.expected.mean_, { label: 'mean' });
    assertClose(s.var!, fx.expected.var_, { label: 'var' });
    assertClose(s.scale!, fx.expected.scale_, { label: 'scale' });
    assert.equal(s.nSamplesSeen, fx.expected.n_samples_seen_);
    assertClose(rowsOf(s.transform(fx.inputs.X)), fx.expected.transform, { label: 'transform' });
    assertClose(rowsOf(s.inverseTransform(s.transform(fx.inputs.X))), fx.inputs.X, {
      rtol: 1e-12,
      label: 'round trip',
    });
  });

  test('ignores NaN in fit, keeps it in transform, counts per feature', async () => {
    const s = await new StandardScaler().fit([
      [1, Number.NaN],
      [3, 2],
      [5, 4],
    ]);
    assertClose(s.mean!, [3, 3]);
    assertClose(s.var!, [8 / 3, 1]);
    assertClose(s.nSamplesSeen as Float64Array, [3, 2]);
    const out = rowsOf(s.transform([[Number.NaN, 3]]));
    assert.ok(Number.isNaN(out[0][0]));
    assert.equal(out[0][1], 0);
  });

  test('constant feature gets scale 1; withMean/withStd switches', async () => {
    const X = [
      [2, 1],
      [2, 3],
    ];
    const s = await new StandardScaler().fit(X);
    assertClose(s.scale!, [1, 1]);
    assertClose(rowsOf(s.transform(X)), [
      [0, -1],
      [0, 1],
    ]);
    const noMean = await new StandardScaler({ withMean: false }).fit(X);
    assertClose(rowsOf(noMean.transform(X)), [
      [2, 1],
      [2, 3],
    ]);
    const none = await new StandardScaler({ withMean: false, withStd: false }).fit(X);
    assert.equal(none.mean, undefined);
    assert.equal(none.scale, undefined);
  });

  test('sampleWeight gives the weighted mean and variance', async () => {
    const s = await new StandardScaler().fit([[0], [10]], undefined, { sampleWeight: [3, 1] });
    assertClose(s.mean!, [2.5]);
    assertClose(s.var!, [(3 * 2.5 ** 2 + 7.5 ** 2) / 4]);
    assert.equal(s.nSamplesSeen, 4);
  });

  test('partialFit over chunks equals fit on all rows (with NaN)', async () => {
    await fc.assert(
      fc.asyncProperty(matrixArb, fc.array(fc.nat(40), { maxLength: 4 }), async (rows, cuts) => {
        const full = await new StandardScaler().fit(rows);
        const inc = new StandardScaler();
        for (const chunk of chunks(rows, cuts)) await inc.partialFit(chunk);
        assertClose(inc.mean!, full.mean!, { rtol: 1e-9, atol: 1e-9 });
        assertClose(inc.var!, full.var!, { rtol: 1e-7, atol: 1e-6 });
      }),
      { numRuns: 60 },
    );
  });

  test('a string in a numeric column is a ValidationError naming row and column', async () => {
    await assert.rejects(
      () => new StandardScaler().fit([[1], ['x' as unknown as number]]),
      (e: unknown) => e instanceof ValidationError && /row 1, column 0/.test(e.message) && /'x'/.test(e.message),
    );
  });
});

describe('MinMaxScaler', () => {
  test('passes checkEstimator', async () => {
    await checkEstimator(() => new MinMaxScaler());
  });

  test('matches scikit-learn on wine', async () => {
    const fx = loadSklearnFixture('preprocessing_minmaxscaler_wine');
    const s = await new MinMaxScaler().fit(fx.inputs.X);
    assertClose(s.dataMin, fx.expected.data_min_, { label: 'dataMin' });
    assertClose(s.dataMax, fx.expected.data_max_, { label: 'dataMax' });
    assertClose(s.dataRange, fx.expected.data_range_, { label: 'dataRange' });
    assertClose(s.scale, fx.expected.scale_, { label: 'scale' });
    assertClose(s.min, fx.expected.min_, { label: 'min' });
    assertClose(rowsOf(s.transform(fx.inputs.X)), fx.expected.transform, { atol: 1e-12, label: 'transform' });
    assertClose(rowsOf(s.inverseTransform(s.transform(fx.inputs.X))), fx.inputs.X, {
      rtol: 1e-12,
      label: 'round trip',
    });
  });

  test('featureRange and clip', async () => {
    const s = await new MinMaxScaler({ featureRange: [-1, 1], clip: true }).fit([[0], [10]]);
    assertClose(rowsOf(s.transform([[5], [20], [-5]])), [[0], [1], [-1]]);
    await assert.rejects(() => new MinMaxScaler({ featureRange: [1, 0] }).fit([[0]]), ValidationError);
  });

  test('partialFit over chunks equals fit on all rows', async () => {
    await fc.assert(
      fc.asyncProperty(matrixArb, fc.array(fc.nat(40), { maxLength: 4 }), async (rows, cuts) => {
        const full = await new MinMaxScaler().fit(rows);
        const inc = new MinMaxScaler();
        for (const chunk of chunks(rows, cuts)) await inc.partialFit(chunk);
        assert.deepEqual(Array.from(inc.dataMin), Array.from(full.dataMin));
        assert.deepEqual(Array.from(inc.dataMax), Array.from(full.dataMax));
        assert.equal(inc.nSamplesSeen, rows.length);
      }),
      { numRuns: 60 },
    );
  });
});

describe('MaxAbsScaler', () => {
  test('passes checkEstimator', async () => {
    await checkEstimator(() => new MaxAbsScaler());
  });

  test('scales by the maximum absolute value (sklearn docstring example)', async () => {
    const X = [
      [1, -1, 2],
      [2, 0, 0],
      [0, 1, -1],
    ];
    const s = await new MaxAbsScaler().fit(X);
    assertClose(rowsOf(s.transform(X)), [
      [0.5, -1, 1],
      [1, 0, 0],
      [0, 1, -0.5],
    ]);
    assertClose(rowsOf(s.inverseTransform(s.transform(X))), X);
    const zero = await new MaxAbsScaler().fit([[0], [0]]);
    assertClose(zero.scale, [1]);
  });

  test('partialFit over chunks equals fit on all rows', async () => {
    await fc.assert(
      fc.asyncProperty(matrixArb, fc.array(fc.nat(40), { maxLength: 4 }), async (rows, cuts) => {
        const full = await new MaxAbsScaler().fit(rows);
        const inc = new MaxAbsScaler();
        for (const chunk of chunks(rows, cuts)) await inc.partialFit(chunk);
        assert.deepEqual(Array.from(inc.maxAbs), Array.from(full.maxAbs));
      }),
      { numRuns: 60 },
    );
  });
});

describe('RobustScaler', () => {
  test('passes checkEstimator', async () => {
    await checkEstimator(() => new RobustScaler());
  });

  test('matches scikit-learn on wine', async () => {
    const fx = loadSklearnFixture('preprocessing_robustscaler_wine');
    const s = await new RobustScaler().fit(fx.inputs.X);
    assertClose(s.center!, fx.expected.center_, { label: 'center' });
    assertClose(s.scale!, fx.expected.scale_, { label: 'scale' });
    assertClose(rowsOf(s.transform(fx.inputs.X)), fx.expected.transform, { label: 'transform' });
    assertClose(rowsOf(s.inverseTransform(s.transform(fx.inputs.X))), fx.inputs.X, {
      rtol: 1e-12,
      label: 'round trip',
    });
  });

  test('unitVariance, quantileRange, NaN ignored (values from scikit-learn 1.2.1)', async () => {
    // RobustScaler(unit_variance=True, quantile_range=(10, 90)).fit([[1, nan], [2, 4], [4, 5], [10, 7]]).scale_
    const s = await new RobustScaler({ unitVariance: true, quantileRange: [10, 90] }).fit([
      [1, Number.NaN],
      [2, 4],
      [4, 5],
      [10, 7],
    ]);
    assertClose(s.scale!, [SCALE_UNIT_VARIANCE[0], SCALE_UNIT_VARIANCE[1]], { rtol: 1e-12 });
    assertClose(s.center!, [3, 5]);
    await assert.rejects(() => new RobustScaler({ quantileRange: [80, 20] }).fit([[1]]), ValidationError);
  });
});

// Computed with scikit-learn 1.2.1 (see the test above for the call).
const SCALE_UNIT_VARIANCE = [2.6920493039497084, 0.9363649752868547];

test('feature names pass through one-to-one for scalers', async () => {
  const frame = { columnNames: ['a', 'b'], column: (n: string) => new Float64Array(n === 'a' ? [1, 2] : [3, 5]) };
  const s = await new StandardScaler().fit(frame);
  assert.deepEqual(s.getFeatureNamesOut(), ['a', 'b']);
  const plain = await new MinMaxScaler().fit([[1, 2]]);
  assert.deepEqual(plain.getFeatureNamesOut(), ['x0', 'x1']);
  assert.throws(() => s.getFeatureNamesOut(['a', 'c']), ValidationError);
  assert.ok(s.transform(frame) instanceof Tensor);
});
