import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { ValidationError } from '../../src/base/errors.js';
import { Frame } from '../../src/data/index.js';

const NaN_ = Number.NaN;

describe('sortBy', () => {
  test('multi-column, mixed directions, stable, missing last in both directions', () => {
    const f = Frame.fromColumns({
      k: ['b', 'a', null, 'b', 'a', 'a'],
      v: [1, NaN_, 5, 2, 3, 3],
      id: [0, 1, 2, 3, 4, 5],
    });
    const asc = f.sortBy(['k', 'v']);
    assert.deepEqual(Array.from(asc.column('id').toArray() as Float64Array), [4, 5, 1, 0, 3, 2]);
    const mixed = f.sortBy(['k', 'v'], { ascending: [false, false] });
    assert.deepEqual(Array.from(mixed.column('id').toArray() as Float64Array), [3, 0, 4, 5, 1, 2]);
  });
  test('matches a comparator sort on random numbers (property, stable)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ noNaN: true }), fc.constant(NaN_), fc.integer({ min: -3, max: 3 })), {
          maxLength: 60,
        }),
        fc.boolean(),
        (xs, ascending) => {
          const f = Frame.fromColumns({ x: Float64Array.from(xs) });
          const got = Array.from(f.sortBy('x', { ascending }).column('x').toArray() as Float64Array);
          const present = xs.filter((v) => !Number.isNaN(v)).map((v) => (v === 0 ? 0 : v));
          present.sort((a, b) => (ascending ? a - b : b - a));
          const want = [...present, ...xs.filter((v) => Number.isNaN(v))];
          assert.deepEqual(
            got.map((v) => (v === 0 ? 0 : v)),
            want,
          );
        },
      ),
    );
  });
});

describe('groupBy().agg()', () => {
  const f = Frame.fromColumns({
    g: ['x', 'y', 'x', null, 'y', 'x'],
    h: [1, 1, 2, 1, 1, 1],
    v: [1, 10, 3, NaN_, 20, 5],
    s: ['p', 'q', null, 'p', 'q', 'r'],
  });
  test('every aggregation, groups sorted by key, missing keys dropped by default', () => {
    const out = f
      .groupBy('g')
      .agg({ v: ['mean', 'sum', 'count', 'min', 'max', 'std', 'median', 'nunique', 'first', 'last'], s: 'nunique' });
    assert.deepEqual(out.toRecords(), [
      {
        g: 'x',
        v_mean: 3,
        v_sum: 9,
        v_count: 3,
        v_min: 1,
        v_max: 5,
        v_std: 2,
        v_median: 3,
        v_nunique: 3,
        v_first: 1,
        v_last: 5,
        s: 2,
      },
      {
        g: 'y',
        v_mean: 15,
        v_sum: 30,
        v_count: 2,
        v_min: 10,
        v_max: 20,
        v_std: Math.sqrt(50),
        v_median: 15,
        v_nunique: 2,
        v_first: 10,
        v_last: 20,
        s: 1,
      },
    ]);
  });
  test('dropna: false keeps a missing-key group, last; multi-key grouping', () => {
    const out = f.groupBy('g', { dropna: false }).agg({ v: 'count' });
    assert.deepEqual(out.toRecords(), [
      { g: 'x', v: 3 },
      { g: 'y', v: 2 },
      { g: null, v: 0 },
    ]);
    const two = f.groupBy(['g', 'h']).agg({ v: 'sum' });
    assert.deepEqual(two.toRecords(), [
      { g: 'x', h: 1, v: 6 },
      { g: 'x', h: 2, v: 3 },
      { g: 'y', h: 1, v: 30 },
    ]);
  });
  test('size counts rows; numeric keys; bad aggregations are errors', () => {
    assert.deepEqual(f.groupBy('h').size().toRecords(), [
      { h: 1, size: 5 },
      { h: 2, size: 1 },
    ]);
    assert.throws(() => f.groupBy('g').agg({ s: 'mean' }), ValidationError);
    assert.throws(() => f.groupBy('g').agg({ v: 'avg' as never }), /Unknown aggregation/);
  });
  test('group means equal a naive computation (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: -100, max: 100 })), {
          minLength: 1,
          maxLength: 80,
        }),
        (rows) => {
          const frame = Frame.fromColumns({ k: rows.map((r) => r[0]), v: rows.map((r) => r[1]) });
          const got = frame.groupBy('k').agg({ v: 'mean' }).toRecords();
          const keys = [...new Set(rows.map((r) => r[0]))].sort((a, b) => a - b);
          assert.deepEqual(
            got.map((r) => r.k),
            keys,
          );
          for (const r of got) {
            const vs = rows.filter((x) => x[0] === r.k).map((x) => x[1]);
            assert.ok(Math.abs((r.v as number) - vs.reduce((a, b) => a + b, 0) / vs.length) < 1e-9);
          }
        },
      ),
    );
  });
});

describe('join', () => {
  const left = Frame.fromColumns({ id: [1, 2, 2, 3, null], a: ['p', 'q', 'r', 's', 't'] });
  const right = Frame.fromColumns({ id: [2, 3, 3, 4, null], a: [20, 30, 31, 40, 99] });
  test('inner: left order, all matches, suffixed clashing columns; missing keys never match', () => {
    const out = left.join(right, { on: 'id' });
    assert.deepEqual(out.columnNames, ['id', 'a_x', 'a_y']);
    assert.deepEqual(out.toRecords(), [
      { id: 2, a_x: 'q', a_y: 20 },
      { id: 2, a_x: 'r', a_y: 20 },
      { id: 3, a_x: 's', a_y: 30 },
      { id: 3, a_x: 's', a_y: 31 },
    ]);
  });
  test('left, right and outer', () => {
    const l = left.join(right, { on: 'id', how: 'left' });
    assert.equal(l.nRows, 6);
    assert.deepEqual(l.toRecords()[0], { id: 1, a_x: 'p', a_y: null });
    assert.deepEqual(l.toRecords()[5], { id: null, a_x: 't', a_y: null });
    const r = left.join(right, { on: 'id', how: 'right' });
    assert.deepEqual(
      r.toRecords().map((x) => [x.id, x.a_x, x.a_y]),
      [
        [2, 'q', 20],
        [2, 'r', 20],
        [3, 's', 30],
        [3, 's', 31],
        [4, null, 40],
        [null, null, 99],
      ],
    );
    const o = left.join(right, { on: 'id', how: 'outer' });
    assert.equal(o.nRows, 8);
    assert.deepEqual(o.toRecords()[6], { id: 4, a_x: null, a_y: 40 });
  });
  test('multi-key joins with categorical keys of different dictionaries; leftOn/rightOn', () => {
    const a = Frame.fromColumns({ k1: ['x', 'y'], k2: [1, 2], v: [10, 20] });
    const b = Frame.fromColumns({ k1: ['y', 'x', 'x'], k2: [2, 1, 2], w: [1, 2, 3] });
    assert.deepEqual(a.join(b, { on: ['k1', 'k2'] }).toRecords(), [
      { k1: 'x', k2: 1, v: 10, w: 2 },
      { k1: 'y', k2: 2, v: 20, w: 1 },
    ]);
    const c = Frame.fromColumns({ key: ['y'], z: [5] });
    assert.deepEqual(a.join(c, { leftOn: 'k1', rightOn: 'key' }).toRecords(), [
      { k1: 'y', k2: 2, v: 20, key: 'y', z: 5 },
    ]);
    assert.throws(() => a.join(b, { on: 'k1', how: 'cross' as never }), ValidationError);
  });
});

describe('fillna, dropna, valueCounts', () => {
  const f = Frame.fromColumns({ x: [1, NaN_, 3, NaN_], s: ['a', null, 'a', 'b'], b: [true, null, false, true] });
  test('scalar fills apply by kind; a record fills per column; methods', () => {
    assert.deepEqual(f.fillna(0).column('x').toArray(), Float64Array.of(1, 0, 3, 0));
    assert.deepEqual(f.fillna('z').column('s').toArray(), ['a', 'z', 'a', 'b']);
    const filled = f.fillna({ x: { method: 'mean' }, s: { method: 'mode' }, b: false });
    assert.deepEqual(filled.toRecords()[1], { x: 2, s: 'a', b: false });
    assert.deepEqual(f.fillna({ method: 'ffill' }).column('x').toArray(), Float64Array.of(1, 1, 3, 3));
    assert.deepEqual(Array.from(f.fillna({ method: 'bfill' }).column('x').toArray() as Float64Array), [1, 3, 3, NaN_]);
    assert.deepEqual(
      f
        .fillna({ x: { method: 'median' } })
        .column('x')
        .toArray(),
      Float64Array.of(1, 2, 3, 2),
    );
    assert.throws(() => f.fillna({ x: 'text' }), /cannot fill number column 'x'/);
  });
  test('dropna any/all/subset', () => {
    assert.equal(f.dropna().nRows, 2);
    assert.equal(f.dropna({ subset: ['s'] }).nRows, 3);
    assert.equal(f.dropna({ how: 'all' }).nRows, 3);
    assert.equal(Frame.fromColumns({ a: [NaN_, 1], b: [null, null] }).dropna({ how: 'all' }).nRows, 1);
  });
  test('valueCounts: most frequent first, normalize, dropna', () => {
    const g = Frame.fromColumns({ c: ['b', 'a', 'b', null, 'c', 'b', 'a'] });
    assert.deepEqual(g.valueCounts('c').toRecords(), [
      { c: 'b', count: 3 },
      { c: 'a', count: 2 },
      { c: 'c', count: 1 },
    ]);
    assert.deepEqual(g.valueCounts('c', { dropna: false }).toRecords()[3], { c: null, count: 1 });
    assert.equal(g.valueCounts('c', { normalize: true }).toRecords()[0].proportion, 0.5);
  });
});
