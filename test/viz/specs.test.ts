// Every chart builder: the spec's structure, its data values, input errors, and that Vega-Lite compiles it cleanly.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compile } from 'vega-lite';
import { ValidationError } from '../../src/base/errors.js';
import { Frame } from '../../src/data/index.js';
import { confusionMatrix, rocCurve } from '../../src/metrics/index.js';
import { Tensor } from '../../src/tensor/tensor.js';
import {
  calibrationChart,
  categoryCountsChart,
  classificationCurves,
  confusionMatrixChart,
  dataSummaryCharts,
  featureImportanceChart,
  histogram,
  histogramChart,
  leaderboardChart,
  learningCurveChart,
  missingValuesChart,
  precisionRecallChart,
  predictionErrorChart,
  residualsChart,
  rocCurveChart,
  VEGA_LITE_SCHEMA,
  type VegaLiteSpec,
} from '../../src/viz/index.js';

type Row = Record<string, unknown>;
// biome-ignore lint/suspicious/noExplicitAny: tests walk specs as free-form JSON
type AnySpec = Record<string, any>;

/** Compiles with Vega-Lite and fails on any warning (a misspelt channel or a bad type shows up here). */
function compiles(spec: VegaLiteSpec): void {
  const warnings: string[] = [];
  const logger = {
    level: () => logger,
    error: (...m: unknown[]) => {
      warnings.push(`error ${m.join(' ')}`);
      return logger;
    },
    warn: (...m: unknown[]) => {
      warnings.push(m.join(' '));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  compile(spec, { logger: logger as never });
  assert.deepEqual(warnings, [], 'Vega-Lite warnings');
  assert.equal((spec as AnySpec).$schema, VEGA_LITE_SCHEMA);
  // Specs are plain JSON: a round trip keeps them intact.
  assert.deepEqual(JSON.parse(JSON.stringify(spec)), spec);
}

/** Every inline data row of a spec, from top level and layers. */
function rows(spec: VegaLiteSpec, layer?: number): Row[] {
  const s = spec as AnySpec;
  if (layer !== undefined) return s.layer[layer].data?.values ?? s.data.values;
  return s.data.values;
}

describe('leaderboardChart', () => {
  const lb = [
    { model: 'lr', metrics: { accuracy: { mean: 0.8, std: 0.02 }, roc_auc: { mean: Number.NaN, std: Number.NaN } } },
    { model: 'dummy', metrics: { accuracy: { mean: 0.6, std: 0 }, roc_auc: { mean: 0.5, std: 0 } } },
  ];
  test('one row per model and metric, mean ± std bounds, NaN as null', () => {
    const spec = leaderboardChart(lb);
    compiles(spec);
    const values = rows(spec);
    assert.equal(values.length, 4);
    assert.deepEqual(values[0], { model: 'lr', metric: 'accuracy', rank: 1, mean: 0.8, lo: 0.78, hi: 0.82, std: 0.02 });
    assert.equal(values[1].mean, null);
    const s = spec as AnySpec;
    assert.deepEqual(s.facet.sort, ['accuracy', 'roc_auc']);
    assert.deepEqual(s.spec.layer[0].encoding.y.sort, ['lr', 'dummy']);
    assert.equal(s.resolve.scale.x, 'independent');
  });
  test('metrics option picks and orders panels; unknown metric and empty input throw', () => {
    const values = rows(leaderboardChart(lb, { metrics: ['roc_auc'] }));
    assert.deepEqual(
      values.map((v) => v.metric),
      ['roc_auc', 'roc_auc'],
    );
    assert.throws(() => leaderboardChart(lb, { metrics: ['r2'] }), /row 'lr' has no metric 'r2'/);
    assert.throws(() => leaderboardChart([]), ValidationError);
  });
});

describe('confusionMatrixChart', () => {
  test('cells hold counts in label order, text colour flips on dark cells', () => {
    const C = confusionMatrix(['a', 'a', 'b', 'b', 'b'], ['a', 'b', 'b', 'b', 'a'], { labels: ['a', 'b'] });
    const spec = confusionMatrixChart(C, ['a', 'b']);
    compiles(spec);
    const values = rows(spec);
    assert.deepEqual(
      values.map((v) => [v.actual, v.predicted, v.count, v.text]),
      [
        ['a', 'a', 1, '1'],
        ['a', 'b', 1, '1'],
        ['b', 'a', 1, '1'],
        ['b', 'b', 2, '2'],
      ],
    );
    const s = spec as AnySpec;
    assert.deepEqual(s.encoding.x.sort, ['a', 'b']);
    assert.equal(s.layer[1].encoding.color.condition.test, 'datum.value > 1');
  });
  test('normalize divides by row, column or total sums (0/0 gives 0)', () => {
    const m = [
      [3, 1],
      [0, 0],
    ];
    const by = (normalize: 'true' | 'pred' | 'all') =>
      rows(confusionMatrixChart(m, [0, 1], { normalize })).map((v) => v.value);
    assert.deepEqual(by('true'), [0.75, 0.25, 0, 0]);
    assert.deepEqual(by('pred'), [1, 1, 0, 0]);
    assert.deepEqual(by('all'), [0.75, 0.25, 0, 0]);
    assert.equal(rows(confusionMatrixChart(m, [0, 1], { normalize: 'true' }))[0].text, '0.75');
  });
  test('accepts a Tensor; a shape that does not match the labels throws', () => {
    const spec = confusionMatrixChart(new Tensor(Int32Array.of(1, 2, 3, 4), [2, 2]), ['x', 'y']);
    assert.deepEqual(
      rows(spec).map((v) => v.count),
      [1, 2, 3, 4],
    );
    assert.throws(() => confusionMatrixChart([[1, 2]], ['x', 'y']), /2 × 2/);
    assert.throws(
      () =>
        confusionMatrixChart(
          [
            [1, 0],
            [0, 1],
          ],
          ['x', 'x'],
        ),
      /labels must be distinct/,
    );
  });
  test('labels stay data values, never field names or expressions', () => {
    const evil = "x' || alert(1) || '";
    const spec = confusionMatrixChart([[1]], [evil]);
    const s = spec as AnySpec;
    assert.equal(rows(spec)[0].actual, evil);
    assert.ok(!s.layer[1].encoding.color.condition.test.includes('alert'));
  });
});

describe('rocCurveChart and precisionRecallChart', () => {
  const roc = rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
  test('one series per curve with the AUC in its legend name, points in order, chance diagonal', () => {
    const spec = rocCurveChart([
      { name: 'model', fpr: roc.fpr, tpr: roc.tpr },
      { name: 'model', fpr: [0, 1], tpr: [0, 1], auc: 0.75 },
    ]);
    compiles(spec);
    const values = rows(spec, 1);
    assert.equal(values[0].series, 'model (AUC = 0.750)');
    assert.equal(values.at(-1)?.series, 'model (AUC = 0.750) #2');
    assert.deepEqual(
      values.filter((v) => v.series === 'model (AUC = 0.750)').map((v) => v.order),
      Array.from(roc.fpr, (_, i) => i),
    );
    assert.deepEqual(rows(spec, 0), [
      { x: 0, y: 0 },
      { x: 1, y: 1 },
    ]);
  });
  test('precision-recall: step line, AP in legend when given', () => {
    const spec = precisionRecallChart([
      { name: 'm', precision: [0.5, 1, 1], recall: [1, 0.5, 0], averagePrecision: 0.83 },
    ]);
    compiles(spec);
    assert.equal((spec as AnySpec).mark.interpolate, 'step-after');
    assert.deepEqual(rows(spec)[0], { series: 'm (AP = 0.830)', recall: 1, precision: 0.5, order: 0 });
    assert.equal(rows(precisionRecallChart([{ name: 'm', precision: [1], recall: [0] }]))[0].series, 'm');
  });
  test('mismatched lengths and no curves throw', () => {
    assert.throws(() => rocCurveChart([{ name: 'a', fpr: [0, 1], tpr: [0] }]), /fpr of 'a' has 2 values but tpr has 1/);
    assert.throws(() => rocCurveChart([]), ValidationError);
    assert.throws(() => precisionRecallChart([]), ValidationError);
  });
});

describe('classificationCurves', () => {
  test('binary: one curve for the second class; multiclass: one per class', () => {
    const y = ['no', 'no', 'yes', 'yes'];
    const p = [
      [0.9, 0.1],
      [0.6, 0.4],
      [0.65, 0.35],
      [0.2, 0.8],
    ];
    const c = classificationCurves(y, p, ['no', 'yes']);
    assert.equal(c.roc.length, 1);
    assert.equal(c.roc[0].name, 'yes');
    assert.equal(c.roc[0].auc, 0.75);
    assert.ok(Math.abs((c.precisionRecall[0].averagePrecision ?? 0) - 0.8333333333) < 1e-9);
    const three = classificationCurves(
      ['a', 'b', 'c', 'a'],
      new Tensor(Float64Array.of(0.8, 0.1, 0.1, 0.2, 0.7, 0.1, 0.1, 0.2, 0.7, 0.5, 0.3, 0.2), [4, 3]),
      ['a', 'b', 'c'],
    );
    assert.deepEqual(
      three.roc.map((r) => r.name),
      ['a', 'b', 'c'],
    );
    assert.equal(three.calibration.length, 3);
    assert.throws(() => classificationCurves(y, p, ['no']), /at least 2 classes/);
    assert.throws(() => classificationCurves(y, p.slice(1), ['no', 'yes']), /4 rows of 2 values/);
  });
});

describe('calibrationChart', () => {
  test('curve points and the perfectly calibrated diagonal', () => {
    const spec = calibrationChart([{ name: 'm', probTrue: [0.1, 0.9], probPred: [0.2, 0.8] }]);
    compiles(spec);
    assert.deepEqual(rows(spec, 1), [
      { series: 'm', probPred: 0.2, probTrue: 0.1, order: 0 },
      { series: 'm', probPred: 0.8, probTrue: 0.9, order: 1 },
    ]);
    assert.equal(rows(spec, 0)[0].series, 'perfectly calibrated');
    assert.throws(() => calibrationChart([]), ValidationError);
  });
});

describe('featureImportanceChart', () => {
  test('sorted descending, top-k, NaN left out, whiskers only with std', () => {
    const spec = featureImportanceChart(
      { names: ['a', 'b', 'c', 'd'], importances: [0.1, 0.5, Number.NaN, 0.3] },
      { top: 2 },
    );
    compiles(spec);
    assert.deepEqual(
      rows(spec).map((v) => [v.feature, v.importance]),
      [
        ['b', 0.5],
        ['d', 0.3],
      ],
    );
    assert.equal((spec as AnySpec).layer.length, 1);
    const withStd = featureImportanceChart({ names: ['a', 'b'], importances: [0.1, 0.5], std: [0.01, 0.05] });
    compiles(withStd);
    assert.equal((withStd as AnySpec).layer.length, 2);
    assert.deepEqual(rows(withStd)[0], { feature: 'b', importance: 0.5, lo: 0.45, hi: 0.55, std: 0.05 });
  });
  test('bad input throws', () => {
    assert.throws(() => featureImportanceChart({ names: ['a'], importances: [1, 2] }), /names has 1 values/);
    assert.throws(() => featureImportanceChart({ names: ['a'], importances: [Number.NaN] }), /finite/);
    assert.throws(() => featureImportanceChart({ names: ['a'], importances: [1] }, { top: 0 }), /top/);
  });
});

describe('residualsChart and predictionErrorChart', () => {
  const yTrue = [1, 2, 3, 4];
  const yPred = [1.5, 2, 2.5, 4.5];
  test('residuals are actual - predicted, with a zero rule', () => {
    const spec = residualsChart(yTrue, yPred);
    compiles(spec);
    assert.deepEqual(
      rows(spec, 0).map((v) => v.residual),
      [-0.5, 0, 0.5, -0.5],
    );
    assert.deepEqual(rows(spec, 1), [{ zero: 0 }]);
  });
  test('prediction error: actual vs predicted with an identity line over the joint range', () => {
    const spec = predictionErrorChart(yTrue, yPred);
    compiles(spec);
    assert.deepEqual(rows(spec, 0), [
      { predicted: 1, actual: 1 },
      { predicted: 4.5, actual: 4.5 },
    ]);
    assert.deepEqual(rows(spec, 1)[0], { predicted: 1.5, actual: 1 });
  });
  test('maxPoints subsamples evenly; NaN points are dropped; mismatches throw', () => {
    const n = 5000;
    const big = Float64Array.from({ length: n }, (_, i) => i);
    assert.equal(rows(residualsChart(big, big, { maxPoints: 100 }), 0).length, 100);
    assert.equal(rows(residualsChart([1, Number.NaN], [1, 2]), 0).length, 1);
    assert.throws(() => residualsChart([1], [1, 2]), /yTrue has 1 values but yPred has 2/);
    assert.throws(() => predictionErrorChart([], []), /at least one sample/);
  });
});

describe('learningCurveChart', () => {
  test('mean and ± std (population) per size and series; NaN scores ignored', () => {
    const spec = learningCurveChart(
      {
        trainSizesAbs: Int32Array.of(10, 20),
        trainScores: [Float64Array.of(1, 0.8), Float64Array.of(0.9, Number.NaN)],
        testScores: [Float64Array.of(0.5, 0.7), Float64Array.of(0.8, 0.8)],
      },
      { scoring: 'accuracy' },
    );
    compiles(spec);
    const values = rows(spec);
    assert.deepEqual(values[0], { series: 'Training score', size: 10, mean: 0.9, lo: 0.8, hi: 1 });
    assert.deepEqual(values[1], { series: 'Training score', size: 20, mean: 0.9, lo: 0.9, hi: 0.9 });
    assert.deepEqual(values[2], { series: 'Cross-validation score', size: 10, mean: 0.6, lo: 0.5, hi: 0.7 });
    assert.equal((spec as AnySpec).layer[1].encoding.y.title, 'accuracy');
    assert.throws(
      () => learningCurveChart({ trainSizesAbs: [1, 2], trainScores: [[1]], testScores: [[1]] }),
      /2 training sizes but 1 train/,
    );
  });
});

describe('data summary charts', () => {
  test('histogram matches numpy.histogram (last bin closed, equal values widened by 0.5)', () => {
    assert.deepEqual(histogram(Float64Array.of(1, 2, 2, 3), 2), { edges: [1, 2, 3], counts: [1, 3] });
    assert.deepEqual(histogram([5, 5], 1), { edges: [4.5, 5.5], counts: [2] });
    assert.deepEqual(histogram([Number.NaN], 3), { edges: [], counts: [] });
  });
  test('histogramChart bins, caps bins at distinct values, reports missing in the subtitle', () => {
    const spec = histogramChart(Float64Array.of(1, 2, 2, 3, Number.NaN));
    compiles(spec);
    assert.equal(rows(spec).length, 3);
    assert.equal(
      rows(spec).reduce((a, r) => a + Number(r.count), 0),
      4,
    );
    assert.deepEqual((spec as AnySpec).title, { text: 'Histogram', subtitle: '1 missing' });
  });
  test('categoryCountsChart: most frequent first, (other) and (missing) rows', () => {
    const spec = categoryCountsChart(['b', 'a', 'a', 'c', null, 'a', 'b'], { top: 2 });
    compiles(spec);
    assert.deepEqual(rows(spec), [
      { value: 'a', count: 3 },
      { value: 'b', count: 2 },
      { value: '(other)', count: 1 },
      { value: '(missing)', count: 1 },
    ]);
  });
  test('missingValuesChart: fraction per column, every column listed', () => {
    const spec = missingValuesChart([
      { name: 'age', missing: 2, total: 8 },
      { name: 'sex', missing: 0, total: 8 },
    ]);
    compiles(spec);
    assert.deepEqual(
      rows(spec).map((r) => r.fraction),
      [0.25, 0],
    );
    assert.throws(() => missingValuesChart([]), ValidationError);
  });
  test('dataSummaryCharts picks a histogram or counts per column kind', () => {
    const frame = Frame.fromColumns({ x: [1, 2, 3], c: ['a', 'b', 'a'], flag: [true, false, true] });
    const charts = dataSummaryCharts(frame);
    assert.deepEqual(
      charts.map((c) => [c.column, c.kind]),
      [
        ['x', 'histogram'],
        ['c', 'counts'],
        ['flag', 'counts'],
      ],
    );
    for (const c of charts) compiles(c.spec);
    assert.equal(dataSummaryCharts(frame, { columns: ['c'], maxColumns: 1 }).length, 1);
  });
});
