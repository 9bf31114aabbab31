import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ValidationError } from '../../src/base/errors.js';
import { checkArray } from '../../src/base/validation.js';
import {
  BOOL_MISSING,
  type BooleanColumn,
  type CategoricalColumn,
  Frame,
  makeColumn,
  type NumericColumn,
} from '../../src/data/index.js';
import { Tensor } from '../../src/tensor/tensor.js';

const df = () =>
  Frame.fromColumns({
    x: new Float64Array([1, 2, Number.NaN, 4]),
    s: ['a', 'b', null, 'a'],
    b: [true, false, null, true],
    d: [new Date(Date.UTC(2024, 0, 1)), null, new Date(Date.UTC(2024, 0, 3)), new Date(Date.UTC(2024, 0, 4))],
  });

describe('Frame construction and accessors', () => {
  test('fromColumns types columns; shape, names and dtypes', () => {
    const f = df();
    assert.deepEqual(f.shape, [4, 4]);
    assert.deepEqual(f.columnNames, ['x', 's', 'b', 'd']);
    assert.deepEqual(f.dtypes, { x: 'int', s: 'category', b: 'boolean', d: 'datetime' });
    const s = f.column('s') as CategoricalColumn;
    assert.deepEqual(Array.from(s.codes), [0, 1, -1, 0]);
    assert.deepEqual(s.categories, ['a', 'b']);
    assert.deepEqual(Array.from((f.column('b') as BooleanColumn).data), [1, 0, BOOL_MISSING, 1]);
  });
  test('a Float64Array column is shared, not copied', () => {
    const data = new Float64Array([1, 2]);
    assert.equal((Frame.fromColumns({ a: data }).column('a') as NumericColumn).data, data);
  });
  test('fromRecords unions keys; toRecords gives null for missing', () => {
    const f = Frame.fromRecords([{ a: 1, b: 'x' }, { a: 2 }, { b: 'y', c: true }]);
    assert.deepEqual(f.columnNames, ['a', 'b', 'c']);
    assert.deepEqual(f.toRecords(), [
      { a: 1, b: 'x', c: null },
      { a: 2, b: null, c: null },
      { a: null, b: 'y', c: true },
    ]);
  });
  test('Frame.from accepts records, Arquero-like tables and frames', () => {
    const arquero = { columnNames: () => ['u', 'v'], array: (n: string) => (n === 'u' ? [1, 2] : ['p', 'q']) };
    assert.deepEqual(Frame.from(arquero).toRecords(), [
      { u: 1, v: 'p' },
      { u: 2, v: 'q' },
    ]);
    const f = df();
    assert.equal(Frame.from(f), f);
    assert.equal(Frame.from([{ a: 1 }]).nRows, 1);
  });
  test('unequal column lengths, duplicate names and unknown columns are ValidationErrors', () => {
    assert.throws(() => Frame.fromColumns({ a: [1, 2], b: [1] }), /'b' has 1 rows/);
    assert.throws(
      () => df().column('nope'),
      (e: Error) => e instanceof ValidationError && /x, s, b, d/.test(e.message),
    );
    assert.throws(() => makeColumn(new Uint8Array([0, 7])), ValidationError);
  });
});

describe('Frame verbs: select, filter, head/tail, sample, assign', () => {
  test('select / drop / rename', () => {
    const f = df();
    assert.deepEqual(f.select('s', 'x').columnNames, ['s', 'x']);
    assert.deepEqual(f.drop(['b', 'd']).columnNames, ['x', 's']);
    assert.deepEqual(f.rename({ x: 'y' }).columnNames, ['y', 's', 'b', 'd']);
    assert.throws(() => f.rename({ x: 's' }), ValidationError);
  });
  test('filter by mask, Tensor and predicate', () => {
    const f = df();
    assert.deepEqual(f.filter([true, false, false, true]).column('x').toArray(), Float64Array.of(1, 4));
    assert.deepEqual(
      f
        .filter(new Tensor(Uint8Array.of(0, 1, 1, 0)))
        .column('s')
        .toArray(),
      ['b', null],
    );
    assert.deepEqual(
      f
        .filter((r) => r.s === 'a')
        .column('x')
        .toArray(),
      Float64Array.of(1, 4),
    );
    assert.throws(() => f.filter([true]), /mask has 1 values/);
  });
  test('head, tail, slice', () => {
    const f = df();
    assert.equal(f.head(2).nRows, 2);
    assert.deepEqual(f.tail(1).column('x').toArray(), Float64Array.of(4));
    assert.deepEqual(f.head(-1).nRows, 3);
    assert.equal(f.head(10).nRows, 4);
  });
  test('sample is reproducible with a seed and draws distinct rows without replacement', () => {
    const big = Frame.fromColumns({ i: Float64Array.from({ length: 100 }, (_, i) => i) });
    const a = big.sample({ n: 30, randomState: 7 }).column('i').toArray() as Float64Array;
    const b = big.sample({ n: 30, randomState: 7 }).column('i').toArray() as Float64Array;
    assert.deepEqual(a, b);
    assert.equal(new Set(a).size, 30);
    assert.equal(big.sample({ frac: 0.25, randomState: 1 }).nRows, 25);
    assert.throws(() => big.sample({ n: 101 }), ValidationError);
  });
  test('assign with JS functions and arrays; later columns see earlier ones', () => {
    const f = Frame.fromColumns({ a: [1, 2, 3] }).assign({
      b: (r) => (r.a as number) * 10,
      c: (r) => (r.b as number) + 1,
      d: ['x', 'y', 'z'],
    });
    assert.deepEqual(f.toRecords()[2], { a: 3, b: 30, c: 31, d: 'z' });
    assert.throws(() => f.assign({ e: [1] }), ValidationError);
  });
});

describe('Frame to tensors and text', () => {
  test('toTensor: one column shares its buffer; several are one row-major copy', () => {
    const x = new Float64Array([1, 2, 3]);
    const f = Frame.fromColumns({ x, y: [4, 5, 6], b: [true, false, true] });
    assert.equal(f.toTensor('x').data, x);
    assert.deepEqual(f.toTensor(['x']).shape, [3, 1]);
    assert.equal(f.toTensor(['x']).data, x);
    const t = f.toTensor(['x', 'y', 'b']);
    assert.deepEqual(t.shape, [3, 3]);
    assert.deepEqual(Array.from(t.data), [1, 4, 1, 2, 5, 0, 3, 6, 1]);
  });
  test('toTensor refuses categorical columns unless asked for codes', () => {
    const f = Frame.fromColumns({ s: ['a', null] });
    assert.throws(() => f.toTensor(), /categorical/);
    assert.deepEqual(Array.from(f.toTensor(undefined, { categoriesAsCodes: true }).data), [0, Number.NaN]);
  });
  test('checkArray accepts a Frame (FrameLike) with feature names, NaN for missing booleans', () => {
    const f = Frame.fromColumns({ a: [1, 2], b: [true, null] });
    const { X, featureNames } = checkArray(f, { allowNaN: true });
    assert.deepEqual(featureNames, ['a', 'b']);
    assert.deepEqual(Array.from(X.data), [1, 1, 2, Number.NaN]);
    assert.throws(() => checkArray(Frame.fromColumns({ s: ['a'] })), /categorical/);
  });
  test('toString aligns columns and elides long frames like pandas', () => {
    const small = Frame.fromColumns({ a: [1.5, Number.NaN], name: ['x', 'long name'] });
    assert.equal(small.toString(), '     a       name\n0  1.5          x\n1  NaN  long name');
    const long = Frame.fromColumns({ i: Float64Array.from({ length: 100 }, (_, i) => i) });
    const lines = long.toString().split('\n');
    assert.equal(lines.length, 1 + 5 + 1 + 5 + 2);
    assert.match(lines[6], /^\.\.\.\s+\.\.\.$/);
    assert.equal(lines[lines.length - 1], '[100 rows x 1 columns]');
    assert.match(df().toString(), /2024-01-01/);
    assert.match(df().toString(), /NaT/);
  });
});
