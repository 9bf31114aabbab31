import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { clone } from '../../src/base/clone.js';
import { NotFittedError, ValidationError } from '../../src/base/errors.js';
import { isColumnSelector, makeColumnSelector, selectColumns } from '../../src/compose/column-selector.js';
import { ColumnTransformer } from '../../src/compose/column-transformer.js';
import { makeColumnTransformer } from '../../src/compose/make-column-transformer.js';
import { makePipeline } from '../../src/compose/make-pipeline.js';
import { registerEstimator } from '../../src/compose/registry.js';
import { Frame } from '../../src/data/frame.js';
import { OneHotEncoder } from '../../src/preprocessing/one-hot-encoder.js';
import { SimpleImputer } from '../../src/preprocessing/simple-imputer.js';
import { StandardScaler } from '../../src/preprocessing/standard-scaler.js';
import { SparseMatrix } from '../../src/tensor/sparse.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { AddMean, FitOnly, ToSparse } from './toy.js';

registerEstimator(StandardScaler, OneHotEncoder, SimpleImputer, AddMean, ToSparse);

const frame = Frame.fromColumns({
  age: [22, 38, 26, 35, 35, 54],
  fare: [7.25, 71.3, 7.9, 53.1, 8.05, 51.9],
  sex: ['male', 'female', 'female', 'female', 'male', 'male'],
  port: ['S', 'C', 'S', 'S', 'S', 'Q'],
});
const M = [
  [1, 2, 3],
  [4, 5, 6],
  [7, 8, 10],
  [2, 0, 1],
];

function close(a: ArrayLike<number>, b: ArrayLike<number>): void {
  assert.equal(a.length, b.length);
  for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i] - b[i]) < 1e-12, `index ${i}: ${a[i]} vs ${b[i]}`);
}

describe('ColumnTransformer: common checks', () => {
  test('checkEstimator passes (scaler on two columns, remainder passthrough)', async () => {
    const report = await checkEstimator(
      () => new ColumnTransformer([['s', new StandardScaler(), [0, 2]]], { remainder: 'passthrough' }),
      // sklearn's ColumnTransformer selects table columns by name, so reordered columns are accepted on purpose.
      { skip: ['checkFeatureNames'] },
    );
    assert.equal(report.failed, 0);
    assert.ok(report.results.some((r) => r.name === 'checkTransformer' && r.status === 'passed'));
  });
});

describe('ColumnTransformer: selection and output', () => {
  test('columns by name on a Frame; output blocks in entry order; remainder dropped by default', async () => {
    const ct = new ColumnTransformer([
      ['num', new StandardScaler(), ['age', 'fare']],
      ['cat', new OneHotEncoder({ sparseOutput: false }), ['sex']],
    ]);
    const Xt = await ct.fitTransform(frame);
    const scaled = (await new StandardScaler().fit(frame.select('age', 'fare'))).transform(frame.select('age', 'fare'));
    const onehot = (await new OneHotEncoder({ sparseOutput: false }).fit(frame.select('sex'))).transform(
      frame.select('sex'),
    );
    assert.deepEqual(Xt.shape, [6, 4]);
    const rows = Xt.toArray() as number[][];
    rows.forEach((row, i) => {
      close(row.slice(0, 2), (scaled.toArray() as number[][])[i]);
      close(row.slice(2), ((onehot as Tensor).toArray() as number[][])[i]);
    });
    assert.deepEqual(ct.getFeatureNamesOut(), ['num__age', 'num__fare', 'cat__sex_female', 'cat__sex_male']);
    assert.deepEqual(ct.outputIndices, { num: [0, 2], cat: [2, 4], remainder: [4, 4] });
    assert.deepEqual(ct.transform(frame).toArray(), rows, 'transform equals fitTransform');
  });

  test('indices, negative indices and boolean masks on a matrix; remainder passthrough', async () => {
    const ct = new ColumnTransformer(
      [
        ['a', new AddMean(), [-1]],
        ['b', 'drop', [true, false, false]],
      ],
      { remainder: 'passthrough' },
    );
    const Xt = await ct.fitTransform(M);
    const mean2 = (3 + 6 + 10 + 1) / 4;
    assert.deepEqual(
      Xt.toArray(),
      M.map((r) => [r[2] + mean2, r[1]]),
    );
    assert.deepEqual(ct.getFeatureNamesOut(), ['a__x2', 'remainder__x1']);
    assert.deepEqual(
      ct.fittedTransformers.map(([n, t, c]) => [n, typeof t === 'string' ? t : t.constructor.name, c]),
      [
        ['a', 'AddMean', [2]],
        ['b', 'drop', [0]],
        ['remainder', 'passthrough', [1]],
      ],
    );
  });

  test('a remainder estimator gets the leftover columns', async () => {
    const ct = new ColumnTransformer([['first', 'passthrough', [0]]], { remainder: new AddMean({ shift: 100 }) });
    const Xt = await ct.fitTransform(M);
    assert.equal(Xt.shape[1], 3);
    assert.equal((Xt.toArray() as number[][])[0][1], 2 + 15 / 4 + 100);
    assert.ok(ct.namedTransformers.remainder instanceof AddMean);
    assert.equal(ct.getParams({ deep: true }).remainder__shift, 100);
  });

  test('makeColumnSelector by kind and by pattern (RegExp or string)', async () => {
    const num = makeColumnSelector({ dtypeInclude: 'number' });
    assert.ok(isColumnSelector(num));
    assert.deepEqual(selectColumns(num, frame), ['age', 'fare']);
    assert.deepEqual(selectColumns(makeColumnSelector({ dtypeInclude: 'category' }), frame), ['sex', 'port']);
    assert.deepEqual(selectColumns(makeColumnSelector({ dtypeExclude: ['number'] }), frame), ['sex', 'port']);
    assert.deepEqual(selectColumns(makeColumnSelector({ pattern: /^[a-f]/ }), frame), ['age', 'fare']);
    assert.deepEqual(selectColumns(makeColumnSelector({ pattern: 'r', dtypeInclude: 'string' }), frame), ['port']);
    assert.throws(() => makeColumnSelector({ dtypeInclude: 'nope' as never }), ValidationError);
    assert.throws(() => selectColumns(num, M), /only be applied to tables/);
    const ct = new ColumnTransformer([['num', new StandardScaler(), num]]);
    assert.deepEqual((await ct.fitTransform(frame)).shape, [6, 2]);
  });

  test('a column function gets X', async () => {
    const ct = new ColumnTransformer([
      ['f', 'passthrough', (X: unknown) => ((X as Frame).columnNames.includes('fare') ? ['fare'] : [])],
    ]);
    assert.deepEqual(
      (await ct.fitTransform(frame)).toArray(),
      Array.from(frame.column('fare').toArray() as Float64Array, (v) => [v]),
    );
  });

  test('sparse output when a block is sparse and density < sparseThreshold; dense otherwise', async () => {
    const sparseX = [
      [0, 0, 1],
      [0, 0, 0],
      [2, 0, 0],
      [0, 0, 0],
    ];
    const sparse = new ColumnTransformer([['s', new ToSparse(), [0, 1, 2]]], { sparseThreshold: 0.5 });
    const out = (await sparse.fitTransform(sparseX)) as unknown as SparseMatrix;
    assert.ok(out instanceof SparseMatrix);
    assert.equal(sparse.sparseOutput, true);
    assert.deepEqual(out.toDense().toArray(), sparseX);
    assert.ok(sparse.transform(sparseX) instanceof SparseMatrix);
    const dense = new ColumnTransformer([['s', new ToSparse(), [0, 1, 2]]], { sparseThreshold: 0.1 });
    const d = await dense.fitTransform(sparseX);
    assert.ok(d instanceof Tensor);
    assert.deepEqual(d.toArray(), sparseX);
    const mixed = new ColumnTransformer(
      [
        ['s', new ToSparse(), [0]],
        ['p', 'passthrough', [1, 2]],
      ],
      { sparseThreshold: 1 },
    );
    const m = (await mixed.fitTransform(sparseX)) as unknown as SparseMatrix;
    assert.deepEqual(m.toDense().toArray(), sparseX);
    assert.deepEqual(mixed.getFeatureNamesOut(), ['s__sparse_x0', 'p__x1', 'p__x2']);
  });

  test('verboseFeatureNamesOut: false gives bare names and refuses duplicates', async () => {
    const ct = new ColumnTransformer(
      [
        ['a', 'passthrough', ['age']],
        ['b', new StandardScaler(), ['fare']],
      ],
      {
        verboseFeatureNamesOut: false,
      },
    );
    await ct.fit(frame);
    assert.deepEqual(ct.getFeatureNamesOut(), ['age', 'fare']);
    const dup = new ColumnTransformer(
      [
        ['a', 'passthrough', ['age']],
        ['b', new StandardScaler(), ['age']],
      ],
      {
        verboseFeatureNamesOut: false,
      },
    );
    await dup.fit(frame);
    assert.throws(() => dup.getFeatureNamesOut(), /'age'\] are not unique/);
  });
});

describe('ColumnTransformer: transform-time columns', () => {
  test('extra and reordered frame columns are fine (selection by name)', async () => {
    const ct = await new ColumnTransformer([['num', new StandardScaler(), ['age', 'fare']]]).fit(frame);
    const reordered = Frame.fromColumns({
      extra: [1, 2, 3, 4, 5, 6],
      fare: frame.column('fare').toArray() as Float64Array,
      age: frame.column('age').toArray() as Float64Array,
    });
    assert.deepEqual(ct.transform(reordered).toArray(), ct.transform(frame).toArray());
  });

  test('a column missing at transform is a ValidationError naming it', async () => {
    const ct = await new ColumnTransformer([
      ['num', new StandardScaler(), ['age', 'fare']],
      ['cat', new OneHotEncoder(), ['sex']],
    ]).fit(frame);
    const renamed = Frame.fromColumns({ age: [1], price: [2], sex: ['male'] });
    assert.throws(
      () => ct.transform(renamed),
      (e: unknown) =>
        e instanceof ValidationError && /columns are missing: 'fare'/.test(e.message) && e.column === 'fare',
    );
  });

  test('a matrix with a different column count is a ValidationError', async () => {
    const ct = await new ColumnTransformer([['a', new AddMean(), [0]]]).fit(M);
    assert.throws(() => ct.transform([[1, 2]]), /X has 2 features, but ColumnTransformer is expecting 3/);
  });

  test('bad specs: unknown names, out-of-range indices, wrong mask length, names on a matrix, mixed lists', async () => {
    await assert.rejects(
      new ColumnTransformer([['n', new StandardScaler(), ['agee']]]).fit(frame),
      /column 'agee' is not in X/,
    );
    await assert.rejects(new ColumnTransformer([['n', new AddMean(), [3]]]).fit(M), /index 3 is out of range/);
    await assert.rejects(new ColumnTransformer([['n', new AddMean(), [true]]]).fit(M), /boolean column mask needs 3/);
    await assert.rejects(new ColumnTransformer([['n', new AddMean(), ['a']]]).fit(M), /need X to be a table/);
    await assert.rejects(new ColumnTransformer([['n', new AddMean(), ['a', 1] as never]]).fit(M), /must not mix/);
    await assert.rejects(
      new ColumnTransformer([['n', new FitOnly(), [0]]]).fit(M),
      /should implement fit and transform/,
    );
    await assert.rejects(
      new ColumnTransformer([['n', 'passthrough', ['sex']]]).fit(frame),
      /'n' \(passthrough\).*categorical/,
    );
  });

  test('transform before fit throws NotFittedError', () => {
    assert.throws(() => new ColumnTransformer([['a', new AddMean(), [0]]]).transform(M), NotFittedError);
  });
});

describe('ColumnTransformer: params, clone, save', () => {
  test('the transformers are cloned: the params stay unfitted', async () => {
    const scaler = new StandardScaler();
    const ct = await new ColumnTransformer([['num', scaler, ['age']]]).fit(frame);
    assert.equal(scaler.isFitted, false);
    assert.notEqual(ct.namedTransformers.num, scaler);
    assert.ok((ct.namedTransformers.num as StandardScaler).isFitted);
  });

  test('nested params get and set; replacing an entry by name keeps its columns', () => {
    const ct = new ColumnTransformer([['num', new StandardScaler(), ['age']]]);
    assert.equal(ct.getParams({ deep: true }).num__withMean, true);
    ct.setParams({ num__withMean: false, sparseThreshold: 0 });
    assert.equal((ct.params.transformers[0][1] as StandardScaler).params.withMean, false);
    assert.equal(ct.params.sparseThreshold, 0);
    ct.setParams({ num: 'drop' });
    assert.deepEqual(ct.params.transformers[0], ['num', 'drop', ['age']]);
    assert.throws(() => ct.setParams({ other__x: 1 }), ValidationError);
    const copy = clone(ct);
    assert.notEqual(copy.params.transformers, ct.params.transformers);
  });

  test('JSON round trip with a selector and a nested pipeline gives identical output', async () => {
    const ct = new ColumnTransformer(
      [
        [
          'num',
          makePipeline(new SimpleImputer({ strategy: 'median' }), new StandardScaler()),
          makeColumnSelector({ dtypeInclude: 'number' }),
        ],
        ['cat', new OneHotEncoder(), makeColumnSelector({ pattern: /^(sex|port)$/ })],
      ],
      { sparseThreshold: 0 },
    );
    const Xt = await ct.fitTransform(frame);
    const loaded = ColumnTransformer.fromJSON(JSON.parse(JSON.stringify(ct)));
    assert.deepEqual(loaded.transform(frame).toArray(), Xt.toArray());
    assert.deepEqual(loaded.getFeatureNamesOut(), ct.getFeatureNamesOut());
    assert.deepEqual(loaded.outputIndices, ct.outputIndices);
  });

  test('a column function cannot be saved (it is code)', async () => {
    const ct = await new ColumnTransformer([['f', 'passthrough', () => [0]]]).fit(M);
    assert.throws(() => ct.toJSON(), /not serializable/);
  });
});

describe('makeColumnTransformer', () => {
  test('names entries by class name and takes trailing options', () => {
    const ct = makeColumnTransformer(
      [new StandardScaler(), ['age']],
      [new StandardScaler(), ['fare']],
      ['drop', ['sex']],
      {
        remainder: 'passthrough',
      },
    );
    assert.deepEqual(
      ct.params.transformers.map(([n]) => n),
      ['standardscaler-1', 'standardscaler-2', 'drop'],
    );
    assert.equal(ct.params.remainder, 'passthrough');
  });
});
