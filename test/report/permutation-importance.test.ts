// permutationImportance: sklearn's permutation_importance semantics on tensors and Frames.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ValidationError } from '../../src/base/errors.js';
import { Frame } from '../../src/data/index.js';
import { LinearRegression } from '../../src/linear-model/index.js';
import { permutationImportance } from '../../src/report/index.js';
import { RandomGenerator } from '../../src/tensor/random.js';
import { Tensor } from '../../src/tensor/tensor.js';

/** Predicts `x0 > 0` from a 3-column tensor and scores by accuracy; ignores x1 and x2. */
const thresholdModel = {
  predict: (X: Tensor) => Array.from({ length: X.shape[0] }, (_, i) => (X.data[i * 3] > 0 ? 1 : 0)),
  score(X: Tensor, y: number[]) {
    const p = this.predict(X);
    return p.filter((v, i) => v === y[i]).length / y.length;
  },
};

function data(n: number, seed: number): { X: Tensor; y: number[] } {
  const rng = new RandomGenerator(seed);
  const values = Float64Array.from({ length: n * 3 }, () => rng.normal());
  const y = Array.from({ length: n }, (_, i) => (values[i * 3] > 0 ? 1 : 0));
  return { X: new Tensor(values, [n, 3]), y };
}

describe('permutationImportance', () => {
  const { X, y } = data(300, 1);

  test('the feature the model uses matters; the ignored ones score exactly 0', () => {
    const r = permutationImportance(thresholdModel as never, X, y, { nRepeats: 4, randomState: 0 });
    assert.deepEqual(r.featureNames, ['x0', 'x1', 'x2']);
    assert.ok(r.importancesMean[0] > 0.3, `x0: ${r.importancesMean[0]}`);
    assert.equal(r.importancesMean[1], 0);
    assert.equal(r.importancesMean[2], 0);
    assert.equal(r.importances.length, 3);
    assert.equal(r.importances[0].length, 4);
    // mean and population std of the repeats
    const v = Array.from(r.importances[0]);
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    assert.ok(Math.abs(r.importancesMean[0] - mean) < 1e-15);
    const std = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
    assert.ok(Math.abs(r.importancesStd[0] - std) < 1e-15);
  });

  test('a seed gives the same result; another seed gives other shuffles', () => {
    const a = permutationImportance(thresholdModel as never, X, y, { randomState: 3 });
    const b = permutationImportance(thresholdModel as never, X, y, { randomState: 3 });
    const c = permutationImportance(thresholdModel as never, X, y, { randomState: 4 });
    assert.deepEqual(a, b);
    assert.notDeepEqual(Array.from(a.importances[0]), Array.from(c.importances[0]));
  });

  test('every column replays the same shuffles (as sklearn, one seed for all columns)', () => {
    const n = 40;
    const ramp = Float64Array.from({ length: n * 2 }, (_, k) => Math.floor(k / 2));
    const yRamp = Array.from({ length: n }, (_, i) => i);
    // Score drops by how far column j moved from y: depends only on the permutation used for j.
    const model = {
      predict: () => yRamp,
      score(Xp: Tensor) {
        let s = 0;
        for (let i = 0; i < n; i++) for (let j = 0; j < 2; j++) s -= Math.abs(Xp.data[i * 2 + j] - yRamp[i]);
        return s;
      },
    };
    const r = permutationImportance(model as never, new Tensor(ramp, [n, 2]), yRamp, { nRepeats: 3, randomState: 7 });
    assert.ok(r.importancesMean[0] > 0);
    assert.deepEqual(Array.from(r.importances[0]), Array.from(r.importances[1]));
  });

  test('Frame input: columns of any type are shuffled by name', () => {
    const n = 120;
    const color = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 'red' : 'blue'));
    const frame = Frame.fromColumns({ size: Float64Array.from({ length: n }, (_, i) => i % 7), color });
    const labels = color.map((c) => (c === 'red' ? 'yes' : 'no'));
    const model = {
      predict: (f: Frame) =>
        Array.from({ length: f.nRows }, (_, i) => (f.column('color').get(i) === 'red' ? 'yes' : 'no')),
    };
    const accuracy = (m: typeof model, f: Frame | Tensor, t: unknown) => {
      const p = m.predict(f as Frame);
      return p.filter((v, i) => v === (t as string[])[i]).length / p.length;
    };
    const r = permutationImportance(model as never, frame, labels, {
      randomState: 0,
      scoring: accuracy as never,
    });
    assert.deepEqual(r.featureNames, ['size', 'color']);
    assert.equal(r.importancesMean[0], 0);
    assert.ok(r.importancesMean[1] > 0.2);
  });

  test('scoring by name, with a real estimator: the noise column is near 0', async () => {
    const rng = new RandomGenerator(0);
    const n = 200;
    const rows = Array.from({ length: n }, () => [rng.normal(), rng.normal()]);
    const target = rows.map(([a]) => 3 * a + 0.1 * rng.normal());
    const model = await new LinearRegression().fit(rows, target);
    const r = permutationImportance(model as never, rows, target, { scoring: 'r2', randomState: 0, nRepeats: 10 });
    assert.ok(r.importancesMean[0] > 1, `informative: ${r.importancesMean[0]}`);
    assert.ok(Math.abs(r.importancesMean[1]) < 0.01, `noise: ${r.importancesMean[1]}`);
  });

  test('maxSamples scores a subset of rows per repeat', () => {
    let seen = 0;
    const model = {
      predict: (Xp: Tensor) => new Array(Xp.shape[0]).fill(0),
      score: (Xp: Tensor) => {
        seen = Xp.shape[0];
        return 0;
      },
    };
    permutationImportance(model as never, X, y, { maxSamples: 0.25, randomState: 0, nRepeats: 1 });
    assert.equal(seen, 75);
    permutationImportance(model as never, X, y, { maxSamples: 30, randomState: 0, nRepeats: 1 });
    assert.equal(seen, 30);
  });

  test('bad options and shapes throw ValidationError', () => {
    assert.throws(() => permutationImportance(thresholdModel as never, X, y, { nRepeats: 0 }), /nRepeats/);
    assert.throws(() => permutationImportance(thresholdModel as never, X, y, { maxSamples: 2.5 }), /maxSamples/);
    assert.throws(() => permutationImportance(thresholdModel as never, X, y.slice(1)), /300 rows but y has 299/);
    assert.throws(
      () => permutationImportance({ predict: () => [] } as never, X, y),
      (e: unknown) => e instanceof ValidationError && /no score method/.test(e.message),
    );
  });
});
