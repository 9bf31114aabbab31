import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ValidationError } from '../../src/base/errors.js';
import { checkArray, checkSampleWeight, checkXy } from '../../src/base/validation.js';
import { captureWarnings, DataConversionWarning } from '../../src/base/warnings.js';
import { SparseMatrix } from '../../src/tensor/sparse.js';
import { Tensor } from '../../src/tensor/tensor.js';

function throwsValidation(fn: () => unknown, message: RegExp, fields: Record<string, unknown> = {}): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof ValidationError, `expected ValidationError, got ${e}`);
    assert.match(e.message, message);
    for (const [k, v] of Object.entries(fields)) assert.deepEqual((e as unknown as Record<string, unknown>)[k], v, k);
    return true;
  });
}

const iris = {
  columnNames: ['sepal length', 'sepal width'],
  column: (name: string) => (name === 'sepal length' ? Float64Array.of(5.1, 4.9, 4.7) : Float64Array.of(3.5, 3, 3.2)),
};

describe('checkArray: accepted inputs', () => {
  test('number[][] becomes a 2-D float64 tensor', () => {
    const { X, featureNames } = checkArray([
      [1, 2],
      [3, 4],
    ]);
    assert.ok(X instanceof Tensor);
    assert.equal(X.dtype, 'float64');
    assert.deepEqual(X.shape, [2, 2]);
    assert.deepEqual(Array.from(X.data), [1, 2, 3, 4]);
    assert.equal(featureNames, undefined);
  });

  test('a float64 Tensor passes through without a copy; copy: true copies', () => {
    const t = new Tensor(Float64Array.of(1, 2, 3, 4), [2, 2]);
    assert.equal(checkArray(t).X, t);
    const copied = checkArray(t, { copy: true }).X;
    assert.notEqual(copied.data, t.data);
    assert.deepEqual(Array.from(copied.data), [1, 2, 3, 4]);
  });

  test('int32/float32 tensors are converted; numeric keeps float32', () => {
    const i = new Tensor(Int32Array.of(1, 2), [1, 2]);
    assert.equal(checkArray(i).X.dtype, 'float64');
    const f = new Tensor(Float32Array.of(0.1, 2), [2, 1]);
    assert.equal(checkArray(f).X.dtype, 'float64');
    assert.equal(checkArray(f).X.data[0], Math.fround(0.1));
    assert.equal(checkArray(f, { dtype: 'numeric' }).X, f);
    assert.equal(checkArray(i, { dtype: 'numeric' }).X.dtype, 'float64');
    assert.equal(checkArray([[0.1]], { dtype: 'float32' }).X.dtype, 'float32');
  });

  test('{ data, shape } with a typed array or a number array', () => {
    const { X } = checkArray({ data: Float64Array.of(1, 2, 3, 4, 5, 6), shape: [3, 2] });
    assert.deepEqual(X.shape, [3, 2]);
    assert.deepEqual(Array.from(checkArray({ data: [1, 2], shape: [1, 2] }).X.data), [1, 2]);
    throwsValidation(
      () => checkArray({ data: [1, 2, 3], shape: [2, 2] }),
      /shape \[2, 2\] needs 4 values but X\.data has 3/,
    );
  });

  test('a frame-like table keeps its column names', () => {
    const { X, featureNames } = checkArray(iris);
    assert.deepEqual(featureNames, ['sepal length', 'sepal width']);
    assert.deepEqual(X.shape, [3, 2]);
    assert.deepEqual(Array.from(X.data), [5.1, 3.5, 4.9, 3, 4.7, 3.2]);
  });

  test('columnNames may be a method; columns may be arrays or objects with data/toArray', () => {
    const frame = {
      columnNames: () => ['a', 'b'],
      column: (n: string) => (n === 'a' ? { data: Int32Array.of(1, 2) } : { toArray: () => [3, 4] }),
    };
    assert.deepEqual(Array.from(checkArray(frame).X.data), [1, 3, 2, 4]);
  });

  test('an Arrow-like table (schema.fields + getChild().toArray(), nulls become NaN)', () => {
    const table = {
      schema: { fields: [{ name: 'x' }, { name: 'y' }] },
      getChild: (n: string) =>
        n === 'x'
          ? { toArray: () => Float64Array.of(1, 2), nullCount: 0 }
          : { nullCount: 1, length: 2, get: (i: number) => (i === 0 ? null : 7), toArray: () => Float64Array.of(0, 7) },
    };
    const { X, featureNames } = checkArray(table, { allowNaN: true });
    assert.deepEqual(featureNames, ['x', 'y']);
    assert.ok(Number.isNaN(X.get(0, 1)));
    assert.equal(X.get(1, 1), 7);
    throwsValidation(() => checkArray(table), /Input X contains NaN at row 0, column 'y'/);
  });

  test('an Arquero-like table (columnNames() + array(name))', () => {
    const table = {
      columnNames: () => ['u', 'v'],
      array: (n: string) => (n === 'u' ? [1, 2] : [3, 4]),
      column: () => {
        throw new Error('array() should be used');
      },
    };
    const { X, featureNames } = checkArray(table);
    assert.deepEqual(featureNames, ['u', 'v']);
    assert.deepEqual(Array.from(X.data), [1, 3, 2, 4]);
  });

  test('an array of records', () => {
    const { X, featureNames } = checkArray([
      { a: 1, b: 2 },
      { a: 3, b: 4 },
    ]);
    assert.deepEqual(featureNames, ['a', 'b']);
    assert.deepEqual(Array.from(X.data), [1, 2, 3, 4]);
    throwsValidation(
      () => checkArray([{ a: 1 }, { a: 2, c: 3 }]),
      /Row 1 of X has a field 'c' that row 0 does not have/,
    );
  });

  test('a SparseMatrix is returned as is when allowed', () => {
    const s = new SparseMatrix([1, 2], [0, 1], [0, 1, 2], [2, 2]);
    assert.equal(checkArray(s, { allowSparse: true }).X, s);
  });

  test('ensure2d: false returns 1-D input as 1-D', () => {
    assert.deepEqual(checkArray([1, 2, 3], { ensure2d: false }).X.shape, [3]);
  });
});

describe('checkArray: rejections', () => {
  test('NaN names the first offending row and column (by name for tables)', () => {
    const frame = {
      columnNames: ['sepal length', 'petal'],
      column: (n: string) => (n === 'sepal length' ? [1, 2, 3, Number.NaN] : [1, 2, 3, 4]),
    };
    throwsValidation(() => checkArray(frame), /^Input X contains NaN at row 3, column 'sepal length'\.$/, {
      row: 3,
      column: 'sepal length',
    });
    throwsValidation(
      () =>
        checkArray([
          [1, 2],
          [3, Number.NaN],
        ]),
      /Input X contains NaN at row 1, column 1/,
      { row: 1, column: 1 },
    );
  });

  test('Infinity is rejected even when NaN is allowed', () => {
    throwsValidation(
      () => checkArray([[1, Number.POSITIVE_INFINITY]], { allowNaN: true }),
      /contains infinity at row 0, column 1/,
    );
    assert.ok(Number.isNaN(checkArray([[Number.NaN]], { allowNaN: true }).X.data[0]));
  });

  test('an estimator name adds an imputation hint to the NaN message', () => {
    throwsValidation(
      () => checkArray([[Number.NaN]], { estimatorName: 'LinearRegression' }),
      /LinearRegression does not accept missing values encoded as NaN; impute them/,
    );
  });

  test('empty input', () => {
    throwsValidation(
      () => checkArray(new Tensor(new Float64Array(0), [0, 4])),
      /^Found array with 0 sample\(s\) \(shape=\(0, 4\)\) while a minimum of 1 is required\.$/,
      { expected: 1, got: 0 },
    );
    throwsValidation(() => checkArray([]), /Found array with 0 sample\(s\) \(shape=\(0, 0\)\)/);
    throwsValidation(
      () => checkArray([[1], [2]], { minSamples: 3, estimatorName: 'KMeans' }),
      /minimum of 3 is required by KMeans\./,
    );
    throwsValidation(
      () => checkArray([[], []]),
      /Found array with 0 feature\(s\) \(shape=\(2, 0\)\) while a minimum of 1/,
    );
  });

  test('ragged rows give the row index and both lengths', () => {
    throwsValidation(
      () => checkArray([[1, 2], [3, 4], [5]]),
      /Inhomogeneous rows in X: row 2 has 1 values but row 0 has 2/,
      {
        row: 2,
        expected: 2,
        got: 1,
      },
    );
  });

  test('non-numeric values give row, column and value', () => {
    throwsValidation(
      () =>
        checkArray([
          [1, 2],
          [3, 'abc' as unknown as number],
        ]),
      /Input X contains a non-numeric value 'abc' at row 1, column 1; expected a number\. Encode text/,
      { row: 1, column: 1, got: 'abc' },
    );
    throwsValidation(() => checkArray([[true as unknown as number]]), /non-numeric value true at row 0, column 0/);
    throwsValidation(
      () => checkArray([[null as unknown as number]]),
      /non-numeric value null .* Use NaN for missing values/,
    );
    const frame = { columnNames: ['color'], column: () => ['red', 'blue'] };
    throwsValidation(() => checkArray(frame), /non-numeric value 'red' at row 0, column 'color'/);
    const categorical = { columnNames: ['c'], column: () => ({ codes: Int32Array.of(0), categories: ['a'] }) };
    throwsValidation(() => checkArray(categorical), /Column 'c' of X is categorical; encode it first/);
  });

  test('1-D input suggests reshape(-1, 1); 0-D and 3-D are rejected', () => {
    throwsValidation(
      () => checkArray([1, 2, 3]),
      /Expected 2D array, got 1D array instead:\narray=\[1, 2, 3\]\.\nReshape your data either using tensor\.reshape\(-1, 1\)/,
    );
    throwsValidation(() => checkArray(new Tensor(Float64Array.of(1, 2))), /got 1D array/);
    throwsValidation(() => checkArray(new Tensor(Float64Array.of(5), [])), /got scalar array/);
    throwsValidation(
      () => checkArray([[[1], [2]]] as unknown as number[][]),
      /Found array with dim 3\. Expected <= 2\./,
    );
    throwsValidation(
      () => checkArray(new Tensor(new Float64Array(8), [2, 2, 2]), { estimatorName: 'PCA' }),
      /Found array with dim 3\. PCA expected <= 2\./,
    );
  });

  test('sparse input when dense is required suggests toDense()', () => {
    const s = new SparseMatrix([1], [0], [0, 1], [1, 1]);
    throwsValidation(
      () => checkArray(s),
      /Sparse data was passed for X, but dense data is required\. Use '\.toDense\(\)'/,
    );
    const bad = new SparseMatrix([Number.NaN], [0], [0, 1], [1, 1]);
    throwsValidation(() => checkArray(bad, { allowSparse: true }), /contains NaN at row 0, column 0/);
  });

  test('columns of different lengths and unrecognised inputs', () => {
    const frame = { columnNames: ['a', 'b'], column: (n: string) => (n === 'a' ? [1, 2] : [1]) };
    throwsValidation(() => checkArray(frame), /'b' has 1 values but 'a' has 2/);
    throwsValidation(() => checkArray('abc' as never), /Expected a 2-D array-like for X/);
    throwsValidation(() => checkArray(undefined as never), /Expected a 2-D array-like for X, got undefined/);
  });

  test('the name option is used in messages', () => {
    throwsValidation(() => checkArray([[Number.NaN]], { name: 'Xtest' }), /Input Xtest contains NaN/);
  });
});

describe('checkXy', () => {
  test('returns X and numeric or string y', () => {
    const a = checkXy([[1], [2]], [0, 1]);
    assert.ok(a.y instanceof Float64Array);
    const b = checkXy([[1], [2]], ['x', 'y']);
    assert.deepEqual(b.y, ['x', 'y']);
    const c = checkXy([[1], [2]], new Tensor(Int32Array.of(3, 4)), { yNumeric: true });
    assert.deepEqual(Array.from(c.y), [3, 4]);
  });

  test('length mismatch gives both lengths', () => {
    throwsValidation(
      () => checkXy([[1], [2]], [1, 2, 3]),
      /^Found input variables with inconsistent numbers of samples: X has 2, y has 3\.$/,
      { expected: 2, got: 3 },
    );
  });

  test('NaN in y, strings for a regressor, mixed labels, missing y', () => {
    throwsValidation(() => checkXy([[1], [2]], [1, Number.NaN]), /Input y contains NaN at index 1/);
    throwsValidation(
      () => checkXy([[1]], ['a'], { yNumeric: true, estimatorName: 'Ridge' }),
      /y must be numeric for Ridge/,
    );
    throwsValidation(() => checkXy([[1], [2]], [1, 'a'] as never), /y mixes numbers and strings/);
    throwsValidation(() => checkXy([[1]], undefined as never, { estimatorName: 'SVC' }), /SVC requires y to be passed/);
  });

  test('a column-vector y is raveled with a DataConversionWarning; 2-D y is rejected', async () => {
    const { result, warnings } = await captureWarnings(() =>
      checkXy([[1], [2]], new Tensor(Float64Array.of(5, 6), [2, 1])),
    );
    assert.deepEqual(Array.from(result.y as Float64Array), [5, 6]);
    assert.ok(warnings[0] instanceof DataConversionWarning);
    throwsValidation(
      () => checkXy([[1], [2]], new Tensor(new Float64Array(4), [2, 2])),
      /y should be a 1d array, got an array of shape \[2, 2\]/,
    );
  });
});

describe('checkSampleWeight', () => {
  test('defaults to ones and validates', () => {
    assert.deepEqual(Array.from(checkSampleWeight(undefined, 3)), [1, 1, 1]);
    assert.deepEqual(Array.from(checkSampleWeight([1, 0.5], 2)), [1, 0.5]);
    throwsValidation(() => checkSampleWeight([1], 2), /sampleWeight has 1 values, expected 2/);
    throwsValidation(() => checkSampleWeight([1, Number.NaN], 2), /sampleWeight contains NaN at index 1/);
    throwsValidation(
      () => checkSampleWeight([1, -1], 2),
      /Negative values in data passed to sampleWeight: -1 at index 1/,
    );
    assert.deepEqual(Array.from(checkSampleWeight([1, -1], 2, { allowNegative: true })), [1, -1]);
  });
});
