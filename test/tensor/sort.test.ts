import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { ShapeError } from '../../src/tensor/errors.js';
import { take } from '../../src/tensor/indexing.js';
import { argsort, searchsorted, sort, unique } from '../../src/tensor/sort.js';
import { Tensor } from '../../src/tensor/tensor.js';

const f64 = (v: number[], shape?: number[]) => new Tensor(Float64Array.from(v), shape);

/** Reference ascending comparator: numbers by value, NaN last. */
function cmpAsc(a: number, b: number): number {
  const an = Number.isNaN(a);
  const bn = Number.isNaN(b);
  if (an || bn) return an === bn ? 0 : an ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Reference stable argsort via Array.prototype.sort (stable by spec). */
function refArgsort(v: number[], descending = false): number[] {
  const idx = v.map((_, i) => i);
  return idx.sort((i, j) => {
    const a = v[i];
    const b = v[j];
    if (Number.isNaN(a) || Number.isNaN(b)) return cmpAsc(a, b);
    return descending ? cmpAsc(b, a) : cmpAsc(a, b);
  });
}

describe('sort', () => {
  test('1-D ascending and descending, NaN last both ways', () => {
    const x = f64([3, Number.NaN, 1, 2, Number.NaN, -5]);
    assert.deepEqual(sort(x).toArray(), [-5, 1, 2, 3, Number.NaN, Number.NaN]);
    assert.deepEqual(sort(x, { descending: true }).toArray(), [3, 2, 1, -5, Number.NaN, Number.NaN]);
    assert.deepEqual(Array.from(x.data).slice(0, 2), [3, Number.NaN], 'input untouched');
  });

  test('along axis 0 and the last axis of a 2-D tensor', () => {
    const x = f64([3, 1, 2, 0, 5, -1], [2, 3]);
    assert.deepEqual(sort(x).toArray(), [
      [1, 2, 3],
      [-1, 0, 5],
    ]);
    assert.deepEqual(sort(x, { axis: 0 }).toArray(), [
      [0, 1, -1],
      [3, 5, 2],
    ]);
    assert.deepEqual(sort(x, { axis: -2, descending: true }).toArray(), [
      [3, 5, 2],
      [0, 1, -1],
    ]);
  });

  test('int32, bool, float32 keep their dtype', () => {
    const i = sort(new Tensor(new Int32Array([10, -3, 2])));
    assert.equal(i.dtype, 'int32');
    assert.deepEqual(i.toArray(), [-3, 2, 10]);
    const b = sort(Tensor.from([true, false, true]));
    assert.deepEqual(b.toArray(), [false, true, true]);
    const f = sort(Tensor.from([0.5, -0.25], 'float32'), { descending: true });
    assert.equal(f.dtype, 'float32');
    assert.deepEqual(f.toArray(), [0.5, -0.25]);
  });

  test('0-d, empty and size-0 axis', () => {
    assert.equal(sort(f64([4], [])).item(), 4);
    assert.deepEqual(sort(f64([])).toArray(), []);
    assert.deepEqual(sort(f64([], [2, 0])).shape, [2, 0]);
    assert.deepEqual(sort(f64([], [0, 3]), { axis: 0 }).shape, [0, 3]);
  });

  test('bad axis', () => {
    assert.throws(() => sort(f64([1, 2]), { axis: 1 }), ShapeError);
  });
});

describe('argsort', () => {
  test('stable on ties, ascending and descending', () => {
    const x = f64([3, 1, 2, 1, 3, 1]);
    const a = argsort(x);
    assert.equal(a.dtype, 'int32');
    assert.deepEqual(a.toArray(), [1, 3, 5, 2, 0, 4]);
    assert.deepEqual(argsort(x, { descending: true }).toArray(), [0, 4, 2, 1, 3, 5]);
  });

  test('NaN last in original order, also descending', () => {
    const x = f64([Number.NaN, 2, Number.NaN, 1]);
    assert.deepEqual(argsort(x).toArray(), [3, 1, 0, 2]);
    assert.deepEqual(argsort(x, { descending: true }).toArray(), [1, 3, 0, 2]);
  });

  test('-0 and 0 are ties; infinities order', () => {
    const x = f64([0, -0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN]);
    assert.deepEqual(argsort(x).toArray(), [3, 0, 1, 2, 4]);
  });

  test('along axis 0 of a 3-D tensor', () => {
    const x = f64([5, 1, 0, 7, 2, 2, 3, 9], [2, 2, 2]);
    const a = argsort(x, { axis: 0 });
    assert.deepEqual(a.toArray(), [
      [
        [1, 0],
        [0, 0],
      ],
      [
        [0, 1],
        [1, 1],
      ],
    ]);
  });

  test('long lanes (merge passes) match the reference stable sort', () => {
    const v: number[] = [];
    let s = 12345;
    for (let i = 0; i < 1000; i++) {
      s = (Math.imul(s, 1103515245) + 12345) | 0;
      v.push((s >>> 16) % 37);
    }
    assert.deepEqual(Array.from(argsort(f64(v)).data), refArgsort(v));
    assert.deepEqual(Array.from(argsort(f64(v), { descending: true }).data), refArgsort(v, true));
  });

  test('0-d gives a 0-d zero', () => {
    const a = argsort(f64([3], []));
    assert.deepEqual(a.shape, []);
    assert.equal(a.item(), 0);
  });

  test('property: equals the reference stable argsort; take with it gives sort()', () => {
    const value = fc.oneof(fc.double(), fc.integer({ min: -3, max: 3 }), fc.constant(Number.NaN));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 80 }), fc.boolean(), (v, descending) => {
        const x = f64(v);
        const idx = argsort(x, { descending });
        assert.deepEqual(Array.from(idx.data), refArgsort(v, descending));
        const sorted = Array.from(take(x, idx).data);
        const direct = Array.from(sort(x, { descending }).data);
        // -0 and 0 tie in argsort but the typed-array sort orders them, so compare numerically.
        assert.equal(sorted.length, direct.length);
        for (let i = 0; i < sorted.length; i++) {
          assert.ok(sorted[i] === direct[i] || (Number.isNaN(sorted[i]) && Number.isNaN(direct[i])), `at ${i}`);
          if (i > 0 && !Number.isNaN(sorted[i])) {
            assert.ok(descending ? sorted[i - 1] >= sorted[i] : sorted[i - 1] <= sorted[i]);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  test('property: 2-D argsort along axis 0 sorts every column', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 30, maxLength: 30 }),
        (rows, cols, pool) => {
          const x = new Tensor(Int32Array.from(pool.slice(0, rows * cols)), [rows, cols]);
          const a = argsort(x, { axis: 0 });
          for (let j = 0; j < cols; j++) {
            const col = Array.from({ length: rows }, (_, i) => x.get(i, j));
            const got = Array.from({ length: rows }, (_, i) => a.get(i, j));
            assert.deepEqual(got, refArgsort(col));
          }
        },
      ),
    );
  });
});

describe('unique', () => {
  test('values, counts, inverse, first indices', () => {
    const u = unique(f64([3, 1, 3, 2, 1, 3]));
    assert.deepEqual(u.values.toArray(), [1, 2, 3]);
    assert.deepEqual(u.counts.toArray(), [2, 1, 3]);
    assert.deepEqual(u.inverse.toArray(), [2, 0, 2, 1, 0, 2]);
    assert.deepEqual(u.indices.toArray(), [1, 3, 0]);
    for (const t of [u.counts, u.inverse, u.indices]) assert.equal(t.dtype, 'int32');
  });

  test('2-D input: flattened values, inverse in the input shape', () => {
    const x = new Tensor(new Int32Array([5, 5, 2, 9]), [2, 2]);
    const u = unique(x);
    assert.equal(u.values.dtype, 'int32');
    assert.deepEqual(u.values.toArray(), [2, 5, 9]);
    assert.deepEqual(u.inverse.shape, [2, 2]);
    assert.deepEqual(u.inverse.toArray(), [
      [1, 1],
      [0, 2],
    ]);
  });

  test('NaNs collapse into one value at the end; -0 equals 0', () => {
    const u = unique(f64([Number.NaN, 1, Number.NaN, -0, 0]));
    assert.deepEqual(
      Array.from(u.values.data),
      [0, 1, Number.NaN].map((v, i) => (i === 0 ? -0 : v)),
    );
    assert.deepEqual(u.counts.toArray(), [2, 1, 2]);
    assert.deepEqual(u.indices.toArray(), [3, 1, 0]);
    assert.deepEqual(u.inverse.toArray(), [2, 1, 2, 0, 0]);
  });

  test('empty and 0-d', () => {
    const e = unique(f64([]));
    assert.deepEqual(e.values.shape, [0]);
    assert.deepEqual(e.counts.shape, [0]);
    assert.deepEqual(e.inverse.shape, [0]);
    assert.deepEqual(e.indices.shape, [0]);
    const s = unique(f64([7], []));
    assert.deepEqual(s.values.toArray(), [7]);
    assert.deepEqual(s.inverse.shape, []);
  });

  test('property: values[inverse] rebuilds x; counts sum to size; values strictly increase', () => {
    const value = fc.oneof(fc.integer({ min: -4, max: 4 }), fc.constant(Number.NaN), fc.double({ noNaN: true }));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 60 }), (v) => {
        const x = f64(v);
        const u = unique(x);
        const rebuilt = Array.from(take(u.values, u.inverse).data);
        for (let i = 0; i < v.length; i++) {
          assert.ok(rebuilt[i] === v[i] || (Number.isNaN(v[i]) && Number.isNaN(rebuilt[i])));
        }
        let total = 0;
        for (const c of u.counts.data) total += c;
        assert.equal(total, v.length);
        const vals = Array.from(u.values.data);
        for (let i = 1; i < vals.length; i++) assert.ok(vals[i - 1] < vals[i] || Number.isNaN(vals[i]));
        for (let j = 0; j < vals.length; j++) {
          const first = u.indices.data[j];
          assert.ok(Object.is(v[first], vals[j]));
          for (let i = 0; i < first; i++) assert.notEqual(u.inverse.data[i], j, 'indices is the first occurrence');
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('searchsorted', () => {
  const s = f64([1, 2, 2, 3, Number.NaN]);

  test('left and right sides', () => {
    assert.deepEqual(searchsorted(s, [0, 1, 2, 2.5, 3, 9]).toArray(), [0, 0, 1, 3, 3, 4]);
    assert.deepEqual(searchsorted(s, [0, 1, 2, 2.5, 3, 9], { side: 'right' }).toArray(), [0, 1, 3, 3, 4, 4]);
  });

  test('NaN sorts after numbers; number gives 0-d; tensor keeps shape', () => {
    assert.equal(searchsorted(s, Number.NaN).item(), 4);
    assert.equal(searchsorted(s, Number.NaN, { side: 'right' }).item(), 5);
    assert.deepEqual(searchsorted(s, 2).shape, []);
    const r = searchsorted(s, f64([0, 3, 2, 9], [2, 2]));
    assert.equal(r.dtype, 'int32');
    assert.deepEqual(r.toArray(), [
      [0, 3],
      [1, 4],
    ]);
    assert.equal(searchsorted(f64([]), 5).item(), 0);
  });

  test('errors', () => {
    assert.throws(() => searchsorted(f64([1, 2], [1, 2]), 1), /must be 1-D/);
  });

  test('property: insertion points bracket the value', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -10, max: 10 }), { maxLength: 30 }),
        fc.integer({ min: -12, max: 12 }),
        (arr, v) => {
          const sorted = f64([...arr].sort((a, b) => a - b));
          const l = searchsorted(sorted, v).item();
          const r = searchsorted(sorted, v, { side: 'right' }).item();
          const d = sorted.data;
          assert.equal(l, Array.from(d).filter((x) => x < v).length);
          assert.equal(r, Array.from(d).filter((x) => x <= v).length);
        },
      ),
    );
  });
});
