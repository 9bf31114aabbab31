import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { FeatureUnion, makeUnion } from '../../src/compose/feature-union.js';
import { registerEstimator } from '../../src/compose/registry.js';
import { StandardScaler } from '../../src/preprocessing/standard-scaler.js';
import { SparseMatrix } from '../../src/tensor/sparse.js';
import { AddMean, ToSparse } from './toy.js';

registerEstimator(StandardScaler, AddMean, ToSparse);

const X = [
  [1, 0],
  [3, 0],
  [5, 4],
  [7, 0],
];

describe('FeatureUnion', () => {
  test('checkEstimator passes', async () => {
    const report = await checkEstimator(
      () =>
        new FeatureUnion([
          ['a', new AddMean()],
          ['s', new StandardScaler()],
        ]),
    );
    assert.equal(report.failed, 0);
  });

  test('outputs side by side, weighted; passthrough and drop', async () => {
    const union = new FeatureUnion(
      [
        ['a', new AddMean()],
        ['raw', 'passthrough'],
        ['gone', 'drop'],
      ],
      { transformerWeights: { a: 2 } },
    );
    const Xt = await union.fitTransform(X);
    const mean = [4, 1];
    assert.deepEqual(
      Xt.toArray(),
      X.map((r) => [2 * (r[0] + mean[0]), 2 * (r[1] + mean[1]), r[0], r[1]]),
    );
    assert.deepEqual(union.transform(X).toArray(), Xt.toArray());
    assert.deepEqual(union.getFeatureNamesOut(), ['a__x0', 'a__x1', 'raw__x0', 'raw__x1']);
    assert.ok((union.params.transformerList[0][1] as AddMean).isFitted, 'fitted in place, as sklearn');
  });

  test('sparse when any part is sparse', async () => {
    const union = new FeatureUnion([
      ['s', new ToSparse()],
      ['raw', 'passthrough'],
    ]);
    const out = (await union.fitTransform(X)) as unknown as SparseMatrix;
    assert.ok(out instanceof SparseMatrix);
    assert.deepEqual(
      out.toDense().toArray(),
      X.map((r) => [...r, ...r]),
    );
  });

  test('params nest; unknown weight names and bad entries are refused', async () => {
    const union = makeUnion(new AddMean(), new StandardScaler());
    assert.deepEqual(
      union.params.transformerList.map(([n]) => n),
      ['addmean', 'standardscaler'],
    );
    union.setParams({ addmean__shift: 3 });
    assert.equal(union.getParams({ deep: true }).addmean__shift, 3);
    await assert.rejects(
      new FeatureUnion([['a', new AddMean()]], { transformerWeights: { b: 1 } }).fit(X),
      /weight transformer "b"/,
    );
    await assert.rejects(new FeatureUnion([['a', 'drop']]).fit(X), /nothing to fit/);
    assert.throws(() => union.setParams({ nope__x: 1 }), ValidationError);
  });

  test('JSON round trip gives identical output', async () => {
    const union = new FeatureUnion(
      [
        ['a', new AddMean({ shift: 1 })],
        ['s', new StandardScaler()],
      ],
      { transformerWeights: { s: 0.5 } },
    );
    await union.fit(X);
    const loaded = FeatureUnion.fromJSON(JSON.parse(JSON.stringify(union)));
    assert.deepEqual(loaded.transform(X).toArray(), union.transform(X).toArray());
  });
});
