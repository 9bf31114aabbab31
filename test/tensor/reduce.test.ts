import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  all,
  any,
  argmax,
  argmin,
  cumsum,
  type DType,
  logsumexp,
  max,
  mean,
  min,
  prod,
  ShapeError,
  std,
  sum,
  Tensor,
  variance,
} from '../../src/tensor/index.js';

const T = (v: Parameters<typeof Tensor.from>[0], dt?: DType) => Tensor.from(v, dt);
const NaN_ = Number.NaN;

/** 2x3x4 tensor with values 0..23. */
const cube = () =>
  new Tensor(
    Float64Array.from({ length: 24 }, (_, i) => i),
    [2, 3, 4],
  );

function assertClose(actual: Tensor, expected: number[], tol = 1e-12): void {
  assert.equal(actual.size, expected.length, `size ${actual.size} vs ${expected.length}`);
  for (let i = 0; i < expected.length; i++) {
    const a = actual.data[i];
    const e = expected[i];
    if (Number.isNaN(e)) assert.ok(Number.isNaN(a), `index ${i}: expected NaN, got ${a}`);
    else assert.ok(a === e || Math.abs(a - e) <= tol * Math.max(1, Math.abs(e)), `index ${i}: ${a} vs ${e}`);
  }
}

describe('sum', () => {
  const m = T([
    [1, 2, 3],
    [4, 5, 6],
  ]);

  test('all axes gives a 0-d tensor', () => {
    const s = sum(m);
    assert.deepEqual(s.shape, []);
    assert.equal(s.item(), 21);
    assert.equal(m.sum().item(), 21);
  });

  test('single axes, negative axes', () => {
    assert.deepEqual(sum(m, { axis: 0 }).toArray(), [5, 7, 9]);
    assert.deepEqual(sum(m, { axis: 1 }).toArray(), [6, 15]);
    assert.deepEqual(sum(m, { axis: -1 }).toArray(), [6, 15]);
    assert.deepEqual(sum(m, { axis: -2 }).toArray(), [5, 7, 9]);
  });

  test('keepdims', () => {
    assert.deepEqual(sum(m, { axis: 0, keepdims: true }).shape, [1, 3]);
    assert.deepEqual(sum(m, { axis: 1, keepdims: true }).toArray(), [[6], [15]]);
    assert.deepEqual(sum(m, { keepdims: true }).shape, [1, 1]);
    assert.deepEqual(sum(cube(), { axis: [0, 2], keepdims: true }).shape, [1, 3, 1]);
  });

  test('multiple axes, adjacent and not', () => {
    const c = cube();
    // numpy: np.arange(24).reshape(2,3,4).sum(axis=(0,2)) == [60, 92, 124]
    assert.deepEqual(sum(c, { axis: [0, 2] }).toArray(), [60, 92, 124]);
    assert.deepEqual(sum(c, { axis: [2, 0] }).toArray(), [60, 92, 124]);
    // .sum(axis=(1,2)) == [66, 210]; .sum(axis=(0,1)) == [60, 66, 72, 78]
    assert.deepEqual(sum(c, { axis: [1, 2] }).toArray(), [66, 210]);
    assert.deepEqual(sum(c, { axis: [-3, -2] }).toArray(), [60, 66, 72, 78]);
    assert.deepEqual(sum(c, { axis: 1 }).toArray(), [
      [12, 15, 18, 21],
      [48, 51, 54, 57],
    ]);
  });

  test('empty axis list reduces nothing', () => {
    const r = sum(m, { axis: [] });
    assert.deepEqual(r.shape, [2, 3]);
    assert.deepEqual(r.toArray(), m.toArray());
  });

  test('kept size-1 axes between reduced ones', () => {
    const x = new Tensor(
      Float64Array.from({ length: 6 }, (_, i) => i),
      [2, 1, 3],
    );
    assert.deepEqual(sum(x, { axis: [0, 2] }).toArray(), [15]);
  });

  test('0-d input', () => {
    assert.equal(sum(T(4)).item(), 4);
    assert.deepEqual(sum(T(4)).shape, []);
  });

  test('dtypes: int32/bool give int32 with wrap-around; float32 stays float32', () => {
    const i = sum(T([1, 2, 3], 'int32'));
    assert.equal(i.dtype, 'int32');
    assert.equal(i.item(), 6);
    const b = sum(T([true, true, false]));
    assert.equal(b.dtype, 'int32');
    assert.equal(b.item(), 2);
    assert.equal(sum(T([2147483647, 1], 'int32')).item(), -2147483648);
    assert.deepEqual(sum(T([[2147483647], [1]], 'int32'), { axis: 0 }).toArray(), [-2147483648]);
    const f = sum(T([0.5, 0.25], 'float32'), { axis: 0 });
    assert.equal(f.dtype, 'float32');
    assert.ok(f.data instanceof Float32Array);
  });

  test('float32 accumulates in float64', () => {
    const n = 1_000_000;
    const x = new Tensor(new Float32Array(n).fill(0.1));
    const s = sum(x).item();
    assert.equal(s, Math.fround(n * Math.fround(0.1)));
    const cols = sum(x.reshape(n / 4, 4), { axis: 0 });
    for (const v of cols.data) assert.equal(v, Math.fround((n / 4) * Math.fround(0.1)));
  });

  test('empty sums are 0', () => {
    const z = new Tensor(new Float64Array(0), [0, 3]);
    assert.deepEqual(sum(z, { axis: 0 }).toArray(), [0, 0, 0]);
    assert.deepEqual(sum(z, { axis: 1 }).shape, [0]);
    assert.equal(sum(z).item(), 0);
  });

  test('NaN propagates', () => {
    assertClose(
      sum(
        T([
          [1, NaN_],
          [2, 3],
        ]),
        { axis: 0 },
      ),
      [3, NaN_],
    );
  });

  test('bad axes throw ShapeError', () => {
    assert.throws(() => sum(m, { axis: 2 }), ShapeError);
    assert.throws(() => sum(m, { axis: -3 }), ShapeError);
    assert.throws(() => sum(m, { axis: [0, -2] }), /repeated/);
  });

  test('long rows, both layouts, match a simple loop', () => {
    const rows = 37;
    const cols = 3001;
    const data = Float64Array.from({ length: rows * cols }, (_, i) => Math.sin(i) * 100);
    const x = new Tensor(data, [rows, cols]);
    const byRow = sum(x, { axis: 1 });
    const byCol = sum(x, { axis: 0 });
    for (let r = 0; r < rows; r++) {
      let s = 0;
      for (let c = 0; c < cols; c++) s += data[r * cols + c];
      assert.ok(Math.abs(byRow.data[r] - s) < 1e-9);
    }
    for (let c = 0; c < cols; c += 97) {
      let s = 0;
      for (let r = 0; r < rows; r++) s += data[r * cols + c];
      assert.ok(Math.abs(byCol.data[c] - s) < 1e-9);
    }
  });
});

describe('mean / variance / std', () => {
  test('mean', () => {
    const m = T([
      [1, 2],
      [3, 4],
    ]);
    assert.equal(mean(m).item(), 2.5);
    assert.deepEqual(mean(m, { axis: 0 }).toArray(), [2, 3]);
    assert.deepEqual(mean(m, { axis: 1, keepdims: true }).toArray(), [[1.5], [3.5]]);
  });

  test('mean of ints is float64; of float32 is float32', () => {
    const r = mean(T([1, 2], 'int32'));
    assert.equal(r.dtype, 'float64');
    assert.equal(r.item(), 1.5);
    assert.equal(mean(T([true, false, false, false])).item(), 0.25);
    assert.equal(mean(T([1, 2], 'float32')).dtype, 'float32');
  });

  test('mean of empty is NaN', () => {
    assert.ok(Number.isNaN(mean(T([])).item()));
    const z = new Tensor(new Float64Array(0), [0, 2]);
    assertClose(mean(z, { axis: 0 }), [NaN_, NaN_]);
    assertClose(variance(z, { axis: 0 }), [NaN_, NaN_]);
  });

  test('variance and std with ddof', () => {
    const x = T([1, 2, 3, 4]);
    assert.equal(variance(x).item(), 1.25);
    assertClose(variance(x, { ddof: 1 }), [5 / 3]);
    assertClose(std(x), [Math.sqrt(1.25)]);
    assertClose(std(x, { ddof: 1 }), [Math.sqrt(5 / 3)]);
    assert.equal(x.var().item(), 1.25);
  });

  test('variance along axes', () => {
    const m = T([
      [1, 2, 3],
      [3, 6, 9],
    ]);
    assertClose(variance(m, { axis: 0 }), [1, 4, 9]);
    assertClose(variance(m, { axis: 1 }), [2 / 3, 6]);
    assertClose(std(m, { axis: 1, ddof: 1 }), [1, 3]);
    assertClose(variance(cube(), { axis: [0, 2] }), [37.25, 37.25, 37.25]);
  });

  test('no degrees of freedom gives Infinity (or NaN for zero spread)', () => {
    assert.equal(variance(T([1, 2]), { ddof: 2 }).item(), Number.POSITIVE_INFINITY);
    assert.ok(Number.isNaN(variance(T([3]), { ddof: 1 }).item()));
  });

  test('two-pass variance is stable with a large offset', () => {
    // numpy: np.var([1e9+1, 1e9+2, 1e9+3]) == 0.6666666666666666
    assertClose(variance(T([1e9 + 1, 1e9 + 2, 1e9 + 3])), [2 / 3], 1e-9);
    const cols = T([
      [1e9 + 1, 5],
      [1e9 + 2, 5],
      [1e9 + 3, 5],
    ]);
    assertClose(variance(cols, { axis: 0 }), [2 / 3, 0], 1e-9);
  });

  test('float32 in, float32 out; int32 in, float64 out', () => {
    const v = variance(T([1, 2, 3], 'float32'));
    assert.equal(v.dtype, 'float32');
    assert.equal(v.item(), Math.fround(2 / 3));
    assert.equal(std(T([1, 3], 'int32')).dtype, 'float64');
    assert.equal(std(T([1, 3], 'int32')).item(), 1);
  });
});

describe('min / max', () => {
  const m = T([
    [3, 1, 4],
    [1, 5, 9],
  ]);

  test('values, axes, keepdims', () => {
    assert.equal(min(m).item(), 1);
    assert.equal(max(m).item(), 9);
    assert.deepEqual(min(m, { axis: 0 }).toArray(), [1, 1, 4]);
    assert.deepEqual(max(m, { axis: 1 }).toArray(), [4, 9]);
    assert.deepEqual(max(m, { axis: -1, keepdims: true }).toArray(), [[4], [9]]);
    assert.deepEqual(max(cube(), { axis: [0, 2] }).toArray(), [15, 19, 23]);
  });

  test('NaN propagates in both layouts', () => {
    const x = T([
      [1, NaN_, 3],
      [4, 0, 6],
    ]);
    assert.ok(Number.isNaN(max(x).item()));
    assert.ok(Number.isNaN(min(x).item()));
    assertClose(min(x, { axis: 0 }), [1, NaN_, 3]);
    assertClose(max(x, { axis: 1 }), [NaN_, 6]);
    assertClose(max(T([NaN_, 1, 2])), [NaN_]);
    assertClose(min(T([[NaN_], [1]]), { axis: 0 }), [NaN_]);
  });

  test('dtype preserved', () => {
    assert.equal(max(T([1, 2], 'int32')).dtype, 'int32');
    assert.equal(min(T([true, false])).dtype, 'bool');
    assert.equal(min(T([true, false])).item(), 0);
    assert.equal(max(T([0.5], 'float32')).dtype, 'float32');
    assert.equal(max(T([-2147483648, -5], 'int32')).item(), -5);
  });

  test('empty reduction axis throws ShapeError naming the axis', () => {
    const z = new Tensor(new Float64Array(0), [2, 0]);
    assert.throws(
      () => max(z, { axis: 1 }),
      (e: unknown) => e instanceof ShapeError && /axis 1/.test(e.message),
    );
    assert.throws(() => min(T([])), ShapeError);
    // Reducing a non-empty axis of an empty tensor is fine (numpy gives an empty result).
    assert.deepEqual(max(z, { axis: 0 }).shape, [0]);
  });
});

describe('prod', () => {
  test('values and empty', () => {
    assert.equal(prod(T([1, 2, 3, 4])).item(), 24);
    assert.deepEqual(
      prod(
        T([
          [1, 2],
          [3, 4],
        ]),
        { axis: 0 },
      ).toArray(),
      [3, 8],
    );
    assert.deepEqual(
      prod(
        T([
          [1, 2],
          [3, 4],
        ]),
        { axis: 1 },
      ).toArray(),
      [2, 12],
    );
    assert.deepEqual(prod(new Tensor(new Float64Array(0), [0, 2]), { axis: 0 }).toArray(), [1, 1]);
  });

  test('int32 wraps, bool gives int32, float32 stays', () => {
    assert.equal(prod(T([65536, 65536], 'int32')).item(), 0);
    assert.equal(prod(T([46341, 46341], 'int32')).item(), -2147479015);
    assert.equal(prod(T([true, true])).dtype, 'int32');
    assert.equal(prod(T([2, 3], 'float32')).dtype, 'float32');
  });
});

describe('argmin / argmax', () => {
  const m = T([
    [3, 1, 4],
    [1, 5, 9],
  ]);

  test('flat index by default', () => {
    const a = argmax(m);
    assert.equal(a.dtype, 'int32');
    assert.deepEqual(a.shape, []);
    assert.equal(a.item(), 5);
    assert.equal(argmin(m).item(), 1);
  });

  test('along an axis, ties give the first', () => {
    assert.deepEqual(argmin(m, { axis: 0 }).toArray(), [1, 0, 0]);
    assert.deepEqual(argmax(m, { axis: 1 }).toArray(), [2, 2]);
    assert.deepEqual(argmax(T([2, 7, 7, 1])).item(), 1);
    assert.deepEqual(argmin(T([[1], [1]]), { axis: 0 }).toArray(), [0]);
    assert.deepEqual(argmax(m, { axis: -1, keepdims: true }).shape, [2, 1]);
    assert.deepEqual(argmax(m, { keepdims: true }).shape, [1, 1]);
  });

  test('first NaN wins, as in numpy', () => {
    assert.equal(argmin(T([3, NaN_, NaN_, 0])).item(), 1);
    assert.equal(argmax(T([NaN_, 5])).item(), 0);
    assert.deepEqual(
      argmax(
        T([
          [1, NaN_],
          [3, 2],
          [NaN_, 9],
        ]),
        { axis: 0 },
      ).toArray(),
      [2, 0],
    );
  });

  test('empty throws ShapeError; empty output is fine', () => {
    assert.throws(() => argmax(T([])), ShapeError);
    assert.throws(() => argmin(new Tensor(new Float64Array(0), [3, 0]), { axis: 1 }), /axis 1/);
    assert.deepEqual(argmin(new Tensor(new Float64Array(0), [0, 3]), { axis: 1 }).shape, [0]);
  });

  test('bool and int inputs', () => {
    assert.equal(argmax(T([false, true, true])).item(), 1);
    assert.equal(argmin(T([5, -3, 2], 'int32')).item(), 1);
  });
});

describe('any / all', () => {
  test('with axes', () => {
    const m = T([
      [0, 1],
      [0, 0],
    ]);
    assert.deepEqual(any(m, { axis: 1 }).toArray(), [true, false]);
    assert.deepEqual(all(m, { axis: 0 }).toArray(), [false, false]);
    assert.equal(any(m).item(), 1);
    assert.equal(all(T([1, 2, NaN_])).item(), 1);
    assert.equal(any(m).dtype, 'bool');
  });

  test('empty: any false, all true', () => {
    assert.equal(any(T([])).item(), 0);
    assert.equal(all(T([])).item(), 1);
  });
});

describe('logsumexp', () => {
  test('stable with large values', () => {
    assertClose(logsumexp(T([1000, 1000])), [1000 + Math.LN2]);
    assertClose(logsumexp(T([-1000, -1000])), [-1000 + Math.LN2]);
  });

  test('matches the naive formula on small values, along axes', () => {
    const m = T([
      [0, 1, 2],
      [3, 4, 5],
    ]);
    const naive = (xs: number[]) => Math.log(xs.reduce((s, v) => s + Math.exp(v), 0));
    assertClose(logsumexp(m, { axis: 1 }), [naive([0, 1, 2]), naive([3, 4, 5])]);
    assertClose(logsumexp(m, { axis: 0 }), [naive([0, 3]), naive([1, 4]), naive([2, 5])]);
    assertClose(logsumexp(m), [naive([0, 1, 2, 3, 4, 5])]);
  });

  test('infinities, NaN, empty, dtypes', () => {
    assert.equal(logsumexp(T([Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY])).item(), Number.NEGATIVE_INFINITY);
    assert.equal(logsumexp(T([Number.POSITIVE_INFINITY, 1])).item(), Number.POSITIVE_INFINITY);
    assert.ok(Number.isNaN(logsumexp(T([NaN_, 1])).item()));
    assert.equal(logsumexp(T([])).item(), Number.NEGATIVE_INFINITY);
    assert.equal(logsumexp(T([1, 2], 'int32')).dtype, 'float64');
    assert.equal(logsumexp(T([1, 2], 'float32')).dtype, 'float32');
  });
});

describe('cumsum', () => {
  test('flattens without an axis', () => {
    const r = cumsum(
      T([
        [1, 2],
        [3, 4],
      ]),
    );
    assert.deepEqual(r.shape, [4]);
    assert.deepEqual(r.toArray(), [1, 3, 6, 10]);
    assert.deepEqual(cumsum(T(5)).toArray(), [5]);
  });

  test('along axes', () => {
    const m = T([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    assert.deepEqual(cumsum(m, 0).toArray(), [
      [1, 2, 3],
      [5, 7, 9],
    ]);
    assert.deepEqual(cumsum(m, 1).toArray(), [
      [1, 3, 6],
      [4, 9, 15],
    ]);
    assert.deepEqual(cumsum(m, -1).toArray(), m.cumsum(1).toArray());
    assert.deepEqual(cumsum(cube(), 1).get(1, 2, 3), 15 + 19 + 23);
  });

  test('dtypes and wrap-around', () => {
    assert.equal(cumsum(T([true, true])).dtype, 'int32');
    assert.deepEqual(cumsum(T([true, true])).toArray(), [1, 2]);
    assert.deepEqual(cumsum(T([2147483647, 1], 'int32')).toArray(), [2147483647, -2147483648]);
    assert.deepEqual(cumsum(T([[2147483647], [1]], 'int32'), 0).toArray(), [[2147483647], [-2147483648]]);
    assert.equal(cumsum(T([0.5], 'float32')).dtype, 'float32');
  });

  test('bad axis throws', () => {
    assert.throws(() => cumsum(T([1, 2]), 1), ShapeError);
  });
});

describe('properties', () => {
  const matrix = fc
    .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }))
    .chain(([r, c]) =>
      fc
        .array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: r * c, maxLength: r * c })
        .map((xs) => new Tensor(Float64Array.from(xs), [r, c])),
    );

  test('sum over axis 0 then the rest equals the total; so does axis 1 first', () => {
    fc.assert(
      fc.property(matrix, (x) => {
        const total = sum(x).item();
        assert.ok(Math.abs(sum(sum(x, { axis: 0 })).item() - total) < 1e-9);
        assert.ok(Math.abs(sum(sum(x, { axis: 1 })).item() - total) < 1e-9);
        assert.ok(Math.abs(sum(x, { axis: [0, 1] }).item() - total) < 1e-9);
      }),
    );
  });

  test('mean * n == sum and variance == mean of squared deviations', () => {
    fc.assert(
      fc.property(matrix, (x) => {
        const n = x.shape[0];
        const s = sum(x, { axis: 0 });
        const mu = mean(x, { axis: 0 });
        const v = variance(x, { axis: 0 });
        for (let c = 0; c < x.shape[1]; c++) {
          assert.ok(Math.abs(mu.data[c] * n - s.data[c]) < 1e-9);
          let ss = 0;
          for (let r = 0; r < n; r++) ss += (x.get(r, c) - mu.data[c]) ** 2;
          assert.ok(Math.abs(v.data[c] - ss / n) < 1e-6);
          assert.ok(v.data[c] >= 0);
        }
      }),
    );
  });

  test('min/max/argmin/argmax agree with each other and Math.min/max', () => {
    fc.assert(
      fc.property(matrix, (x) => {
        const xs = Array.from(x.data);
        assert.equal(max(x).item(), Math.max(...xs));
        assert.equal(min(x).item(), Math.min(...xs));
        assert.equal(xs[argmax(x).item()], Math.max(...xs));
        const am = argmin(x, { axis: 0 });
        const mn = min(x, { axis: 0 });
        for (let c = 0; c < x.shape[1]; c++) assert.equal(x.get(am.data[c], c), mn.data[c]);
      }),
    );
  });
});
