import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  abs,
  add,
  ceil,
  clip,
  cos,
  DTYPES,
  type DType,
  DTypeError,
  div,
  eq,
  exp,
  expm1,
  floor,
  floorDivide,
  ge,
  gt,
  isfinite,
  isnan,
  le,
  log,
  log1p,
  logicalAnd,
  logicalNot,
  logicalOr,
  lt,
  maximum,
  minimum,
  mod,
  mul,
  ne,
  neg,
  pow,
  promoteTypes,
  reciprocal,
  round,
  ShapeError,
  sigmoid,
  sign,
  sin,
  sqrt,
  square,
  sub,
  Tensor,
  tanh,
  where,
} from '../../src/tensor/index.js';

const T = (v: Parameters<typeof Tensor.from>[0], dt?: DType) => Tensor.from(v, dt);

function assertClose(actual: Tensor, expected: number[], tol = 1e-12): void {
  assert.equal(actual.size, expected.length, `size ${actual.size} vs ${expected.length}`);
  for (let i = 0; i < expected.length; i++) {
    const a = actual.data[i];
    const e = expected[i];
    if (Number.isNaN(e)) assert.ok(Number.isNaN(a), `index ${i}: expected NaN, got ${a}`);
    else assert.ok(a === e || Math.abs(a - e) <= tol * Math.max(1, Math.abs(e)), `index ${i}: ${a} vs ${e}`);
  }
}

/** Naive reference: numpy broadcasting by full index arithmetic. */
function refBroadcast(a: Tensor, b: Tensor, f: (x: number, y: number) => number): { shape: number[]; data: number[] } {
  const nd = Math.max(a.ndim, b.ndim);
  const pa = [...new Array(nd - a.ndim).fill(1), ...a.shape];
  const pb = [...new Array(nd - b.ndim).fill(1), ...b.shape];
  const shape = pa.map((d, i) => Math.max(d, pb[i]));
  const size = shape.reduce((x, y) => x * y, 1);
  const data: number[] = [];
  for (let flat = 0; flat < size; flat++) {
    let rem = flat;
    let ia = 0;
    let ib = 0;
    let sa = 1;
    let sb = 1;
    for (let d = nd - 1; d >= 0; d--) {
      const idx = rem % shape[d];
      rem = Math.floor(rem / shape[d]);
      ia += (pa[d] === 1 ? 0 : idx) * sa;
      ib += (pb[d] === 1 ? 0 : idx) * sb;
      sa *= pa[d];
      sb *= pb[d];
    }
    data.push(f(a.data[ia], b.data[ib]));
  }
  return { shape, data };
}

describe('arithmetic', () => {
  test('add/sub/mul/div on same shapes', () => {
    const a = T([1, 2, 3]);
    const b = T([4, 5, 6]);
    assert.deepEqual(add(a, b).toArray(), [5, 7, 9]);
    assert.deepEqual(sub(a, b).toArray(), [-3, -3, -3]);
    assert.deepEqual(mul(a, b).toArray(), [4, 10, 18]);
    assert.deepEqual(div(a, b).toArray(), [0.25, 0.4, 0.5]);
  });

  test('scalar on either side', () => {
    const a = T([1, 2]);
    assert.deepEqual(sub(10, a).toArray(), [9, 8]);
    assert.deepEqual(sub(a, 10).toArray(), [-9, -8]);
    assert.deepEqual(div(1, a).toArray(), [1, 0.5]);
    assert.deepEqual(pow(2, a).toArray(), [2, 4]);
    const s = add(2, 3);
    assert.deepEqual(s.shape, []);
    assert.equal(s.item(), 5);
    assert.equal(s.dtype, 'float64');
  });

  test('division by zero follows IEEE', () => {
    assertClose(div(T([1, -1, 0]), 0), [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN]);
    assert.deepEqual(div(T([1, 0], 'int32'), 0).toArray(), [Number.POSITIVE_INFINITY, Number.NaN]);
  });

  test('methods on Tensor delegate', () => {
    assert.deepEqual(T([1, 2]).add(1).mul(2).toArray(), [4, 6]);
    assert.deepEqual(T([4]).sqrt().toArray(), [2]);
  });

  test('non-tensor operands are rejected', () => {
    assert.throws(() => add(T([1]), '1' as never), DTypeError);
    assert.throws(() => exp([1] as never), DTypeError);
  });
});

describe('broadcasting', () => {
  test('[3,1] + [4]', () => {
    const r = add(T([[0], [10], [20]]), T([1, 2, 3, 4]));
    assert.deepEqual(r.shape, [3, 4]);
    assert.deepEqual(r.toArray(), [
      [1, 2, 3, 4],
      [11, 12, 13, 14],
      [21, 22, 23, 24],
    ]);
  });

  test('[4] - [3,1] keeps operand order', () => {
    const r = sub(T([1, 2, 3, 4]), T([[0], [10], [20]]));
    assert.deepEqual(r.toArray(), [
      [1, 2, 3, 4],
      [-9, -8, -7, -6],
      [-19, -18, -17, -16],
    ]);
  });

  test('[1] + [] and 0-d + 0-d', () => {
    const r = add(T([5]), T(2));
    assert.deepEqual(r.shape, [1]);
    assert.deepEqual(r.toArray(), [7]);
    const s = mul(T(3), T(4));
    assert.deepEqual(s.shape, []);
    assert.equal(s.item(), 12);
    assert.deepEqual(add(T(1), T([[1, 2]])).shape, [1, 2]);
    assert.deepEqual(add(T([[[1]]]), T([1, 2])).shape, [1, 1, 2]);
  });

  test('size-0 dimensions', () => {
    const z = new Tensor(new Float64Array(0), [0, 3]);
    assert.deepEqual(add(z, T([1, 2, 3])).shape, [0, 3]);
    assert.deepEqual(add(z, T([[1, 2, 3]])).shape, [0, 3]);
    assert.deepEqual(add(new Tensor(new Float64Array(0), [2, 0]), T([1])).shape, [2, 0]);
    assert.deepEqual(mul(z, 2).shape, [0, 3]);
    assert.throws(() => add(z, T([1, 2])), ShapeError);
  });

  test('incompatible shapes throw ShapeError naming them', () => {
    assert.throws(() => add(T([1, 2, 3]), T([1, 2])), ShapeError);
    assert.throws(
      () =>
        mul(
          T([
            [1, 2, 3],
            [4, 5, 6],
          ]),
          T([1, 2, 3, 4]),
        ),
      /\[2, 3\] and \[4\]/,
    );
    assert.throws(() => where(T([true, false]), T([1, 2, 3]), 0), ShapeError);
  });

  test('middle-dimension broadcast [2,1,3] * [4,1]', () => {
    const a = new Tensor(
      Float64Array.from({ length: 6 }, (_, i) => i + 1),
      [2, 1, 3],
    );
    const b = new Tensor(
      Float64Array.from({ length: 4 }, (_, i) => 10 ** i),
      [4, 1],
    );
    const r = mul(a, b);
    const ref = refBroadcast(a, b, (x, y) => x * y);
    assert.deepEqual(r.shape, ref.shape);
    assert.deepEqual(Array.from(r.data), ref.data);
  });

  test('many short rows ([n, d] with [d], tiled internally) keep operand order and dtype', () => {
    for (const dt of ['float64', 'float32', 'int32'] as const) {
      for (const [n, d] of [
        [200, 3],
        [1000, 7],
        [65, 63],
      ]) {
        const x = new Tensor(
          Float64Array.from({ length: n * d }, (_, i) => (i * 13) % 17),
          [n, d],
        ).astype(dt);
        const row = new Tensor(Float64Array.from({ length: d }, (_, j) => j + 1)).astype(dt);
        for (const [l, r] of [
          [x, row],
          [row, x],
        ]) {
          const got = sub(l, r);
          const ref = refBroadcast(l, r, (p, q) => p - q);
          assert.equal(got.dtype, dt);
          assert.deepEqual(got.shape, ref.shape);
          assert.deepEqual(Array.from(got.data), ref.data);
        }
      }
    }
  });

  test('property: matches a naive broadcasting reference', () => {
    const dims = fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 0, maxLength: 4 });
    fc.assert(
      fc.property(
        dims,
        fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
        fc.integer({ min: 0, max: 4 }),
        (shape, ones, drop) => {
          const sa = shape.map((d, i) => (ones[i] ? 1 : d));
          const sb = shape.map((d, i) => (ones[i] ? d : 1)).slice(Math.min(drop, shape.length));
          const make = (s: number[], seed: number) => {
            const n = s.reduce((x, y) => x * y, 1);
            return new Tensor(
              Float64Array.from({ length: n }, (_, i) => ((i * 7 + seed) % 11) - 5),
              s,
            );
          };
          const a = make(sa, 1);
          const b = make(sb, 3);
          for (const [op, f] of [
            [sub, (x: number, y: number) => x - y],
            [maximum, Math.max],
            [lt, (x: number, y: number) => (x < y ? 1 : 0)],
          ] as const) {
            const r = op(a, b);
            const ref = refBroadcast(a, b, f);
            assert.deepEqual(r.shape, ref.shape);
            assert.deepEqual(Array.from(r.data), ref.data);
          }
        },
      ),
    );
  });
});

describe('dtype promotion', () => {
  const make = (dt: DType) => T([1, 0], dt);

  test('every tensor pair follows promoteTypes', () => {
    for (const x of DTYPES) {
      for (const y of DTYPES) {
        const want = promoteTypes(x, y);
        assert.equal(add(make(x), make(y)).dtype, want, `add ${x} ${y}`);
        assert.equal(maximum(make(x), make(y)).dtype, want, `maximum ${x} ${y}`);
        if (want !== 'bool') assert.equal(sub(make(x), make(y)).dtype, want, `sub ${x} ${y}`);
        assert.equal(mul(make(x), make(y)).dtype, want, `mul ${x} ${y}`);
        assert.equal(div(make(x), make(y)).dtype, want === 'float32' ? 'float32' : 'float64', `div ${x} ${y}`);
        assert.equal(pow(make(x), make(y)).dtype, want === 'bool' ? 'int32' : want, `pow ${x} ${y}`);
        assert.equal(lt(make(x), make(y)).dtype, 'bool', `lt ${x} ${y}`);
        assert.equal(logicalAnd(make(x), make(y)).dtype, 'bool');
      }
    }
  });

  test('numbers are weak', () => {
    assert.equal(add(make('int32'), 1).dtype, 'int32');
    assert.equal(add(1, make('int32')).dtype, 'int32');
    assert.equal(add(make('int32'), 1.5).dtype, 'float64');
    assert.equal(add(make('int32'), 2 ** 40).dtype, 'float64');
    assert.equal(add(make('float32'), 1.5).dtype, 'float32');
    assert.equal(mul(0.5, make('float32')).dtype, 'float32');
    assert.equal(add(make('bool'), 1).dtype, 'int32');
    assert.equal(add(make('bool'), 0.5).dtype, 'float64');
    assert.equal(div(make('int32'), 2).dtype, 'float64');
    assert.equal(div(make('float32'), 2).dtype, 'float32');
    assert.equal(floorDivide(make('int32'), 2).dtype, 'int32');
    assert.equal(mod(make('int32'), 2.5).dtype, 'float64');
  });

  test('float32 math rounds a number to float32 first (numpy weak scalars)', () => {
    const x = T([0.1], 'float32');
    assert.deepEqual(eq(x, 0.1).toArray(), [true]);
    const y = add(T([0.2], 'float32'), 0.1);
    assert.equal(y.data[0], Math.fround(Math.fround(0.2) + Math.fround(0.1)));
  });

  test('float32 same-dtype fast path gives float32 results', () => {
    const a = T([0.1, 1e-8, 3], 'float32');
    const b = T([0.2, 1, 7], 'float32');
    for (const [op, f] of [
      [add, (x: number, y: number) => x + y],
      [sub, (x: number, y: number) => x - y],
      [mul, (x: number, y: number) => x * y],
      [div, (x: number, y: number) => x / y],
    ] as const) {
      const r = op(a, b);
      assert.equal(r.dtype, 'float32');
      for (let i = 0; i < 3; i++) assert.equal(r.data[i], Math.fround(f(a.data[i], b.data[i])));
    }
  });

  test('mixed float32 + float64 gives float64 without float32 rounding', () => {
    const r = add(T([1], 'float32'), T([1e-10]));
    assert.equal(r.dtype, 'float64');
    assert.equal(r.data[0], 1 + 1e-10);
  });
});

describe('int32 wrap-around', () => {
  test('add, sub, mul, neg, abs, square, pow wrap like C int32', () => {
    const max = T([2147483647], 'int32');
    const min = T([-2147483648], 'int32');
    assert.deepEqual(add(max, 1).toArray(), [-2147483648]);
    assert.deepEqual(sub(min, 1).toArray(), [2147483647]);
    assert.deepEqual(mul(T([65536], 'int32'), T([65536], 'int32')).toArray(), [0]);
    assert.deepEqual(mul(T([46341], 'int32'), 46341).toArray(), [-2147479015]);
    assert.deepEqual(neg(min).toArray(), [-2147483648]);
    assert.deepEqual(abs(min).toArray(), [-2147483648]);
    assert.deepEqual(square(T([46341], 'int32')).toArray(), [-2147479015]);
    assert.deepEqual(pow(T([2], 'int32'), 31).toArray(), [-2147483648]);
    assert.deepEqual(pow(T([3], 'int32'), 40).toArray(), [Number(3n ** 40n % 2n ** 32n) | 0]);
  });

  test('int32 pow is exact and rejects negative exponents', () => {
    assert.deepEqual(pow(T([3, -2, 7], 'int32'), T([4, 3, 0], 'int32')).toArray(), [81, -8, 1]);
    assert.throws(() => pow(T([2], 'int32'), -1), DTypeError);
    assert.deepEqual(pow(T([1, -1], 'int32'), -3).toArray(), [1, -1]);
  });

  test('int32 division by zero in floorDivide and mod gives 0', () => {
    assert.deepEqual(floorDivide(T([5, -5, 0], 'int32'), 0).toArray(), [0, 0, 0]);
    assert.deepEqual(mod(T([5, -5], 'int32'), 0).toArray(), [0, 0]);
    assert.deepEqual(floorDivide(T([-2147483648], 'int32'), -1).toArray(), [-2147483648]);
  });
});

describe('bool arithmetic (numpy semantics)', () => {
  const a = T([true, true, false, false]);
  const b = T([true, false, true, false]);

  test('add is or, mul is and, maximum/minimum stay bool', () => {
    assert.deepEqual(add(a, b).toArray(), [true, true, true, false]);
    assert.deepEqual(mul(a, b).toArray(), [true, false, false, false]);
    assert.deepEqual(maximum(a, b).toArray(), [true, true, true, false]);
    assert.deepEqual(minimum(a, b).dtype, 'bool');
  });

  test('sub and neg of bools are DTypeErrors', () => {
    assert.throws(() => sub(a, b), DTypeError);
    assert.throws(() => neg(a), DTypeError);
  });

  test('bool with numbers becomes int32', () => {
    const r = add(a, 1);
    assert.equal(r.dtype, 'int32');
    assert.deepEqual(r.toArray(), [2, 2, 1, 1]);
    assert.deepEqual(pow(a, b).toArray(), [1, 1, 0, 1]);
  });
});

describe('maximum / minimum / comparisons with NaN', () => {
  test('NaN propagates from either side', () => {
    const a = T([1, Number.NaN, 5, Number.NaN]);
    const b = T([Number.NaN, 2, 3, Number.NaN]);
    assertClose(maximum(a, b), [Number.NaN, Number.NaN, 5, Number.NaN]);
    assertClose(minimum(a, b), [Number.NaN, Number.NaN, 3, Number.NaN]);
    assertClose(maximum(a, 3), [3, Number.NaN, 5, Number.NaN]);
    assertClose(minimum(Number.NaN, T([1, 2])), [Number.NaN, Number.NaN]);
    assertClose(maximum(3, a), [3, Number.NaN, 5, Number.NaN]);
  });

  test('comparisons are false against NaN, ne is true', () => {
    const a = T([1, Number.NaN]);
    assert.deepEqual(eq(a, a).toArray(), [true, false]);
    assert.deepEqual(ne(a, a).toArray(), [false, true]);
    assert.deepEqual(lt(a, 2).toArray(), [true, false]);
    assert.deepEqual(ge(a, 1).toArray(), [true, false]);
  });

  test('all six comparisons', () => {
    const a = T([1, 2, 3]);
    assert.deepEqual(eq(a, 2).toArray(), [false, true, false]);
    assert.deepEqual(ne(a, 2).toArray(), [true, false, true]);
    assert.deepEqual(lt(a, 2).toArray(), [true, false, false]);
    assert.deepEqual(le(a, 2).toArray(), [true, true, false]);
    assert.deepEqual(gt(a, 2).toArray(), [false, false, true]);
    assert.deepEqual(ge(a, 2).toArray(), [false, true, true]);
    assert.deepEqual(gt(2, a).toArray(), [true, false, false]);
    assert.deepEqual(le(T([[1], [3]]), T([2, 3])).toArray(), [
      [true, true],
      [false, true],
    ]);
  });
});

describe('mod / floorDivide (numpy remainder semantics)', () => {
  test('sign of the divisor', () => {
    assert.deepEqual(mod(T([-3, -2, -1, 0, 1, 2, 3], 'int32'), 2).toArray(), [1, 0, 1, 0, 1, 0, 1]);
    assert.deepEqual(mod(T([5], 'int32'), -3).toArray(), [-1]);
    assert.deepEqual(mod(T([-5.5]), 2).toArray(), [0.5]);
    assert.ok(Object.is(mod(T([4]), -2).data[0], -0));
    assertClose(mod(T([1]), 0), [Number.NaN]);
    assertClose(mod(T([5, -5]), Number.POSITIVE_INFINITY), [5, Number.POSITIVE_INFINITY]);
  });

  test('floor division', () => {
    assert.deepEqual(floorDivide(T([-7, 7], 'int32'), 2).toArray(), [-4, 3]);
    // numpy: np.floor_divide(1, 0.1) == 9.0, consistent with 1 % 0.1 == 0.09999...
    assert.deepEqual(floorDivide(T([1]), 0.1).toArray(), [9]);
    assert.deepEqual(floorDivide(T([1]), -3).toArray(), [-1]);
    assert.deepEqual(floorDivide(T([5, -5]), Number.POSITIVE_INFINITY).toArray(), [0, -1]);
    assert.ok(Object.is(floorDivide(T([-0]), 3).data[0], -0));
    assert.deepEqual(floorDivide(T([1, 0]), 0).toArray(), [Number.POSITIVE_INFINITY, Number.NaN]);
  });

  test('property: a == b * floorDivide(a, b) + mod(a, b)', () => {
    const val = fc.double({ min: -1e6, max: 1e6, noNaN: true });
    fc.assert(
      fc.property(val, val, (x, y) => {
        fc.pre(Math.abs(y) > 1e-3);
        const q = floorDivide(T([x]), y).data[0];
        const r = mod(T([x]), y).data[0];
        assert.ok(Math.abs(y * q + r - x) <= 1e-9 * Math.max(1, Math.abs(x)), `${x} ${y} -> ${q} ${r}`);
        assert.ok(r === 0 || r < 0 === y < 0 || Math.abs(r) === Math.abs(y), `sign of ${r} vs ${y}`);
      }),
    );
  });
});

describe('pow', () => {
  test('floats, C semantics for 1 ** NaN', () => {
    assertClose(pow(T([2, 4, -8]), T([0.5, -1, 1 / 3])), [Math.SQRT2, 0.25, Number.NaN]);
    assert.deepEqual(pow(T([1]), Number.NaN).toArray(), [1]);
    assert.deepEqual(pow(T([Number.NaN]), 0).toArray(), [1]);
    assert.deepEqual(pow(T([-1]), Number.POSITIVE_INFINITY).toArray(), [1]);
    assert.deepEqual(pow(T([-3, 1.5]), 2).toArray(), [9, 2.25]);
  });
});

describe('logic and where', () => {
  test('logicalAnd/Or/Not use truthiness (NaN is true)', () => {
    const a = T([0, 1, Number.NaN, 2]);
    const b = T([0, 0, 1, 3]);
    assert.deepEqual(logicalAnd(a, b).toArray(), [false, false, true, true]);
    assert.deepEqual(logicalOr(a, b).toArray(), [false, true, true, true]);
    assert.deepEqual(logicalNot(a).toArray(), [true, false, false, false]);
    assert.deepEqual(logicalOr(T([true, false]), 0).toArray(), [true, false]);
  });

  test('where broadcasts all three operands', () => {
    const cond = T([[true], [false]]);
    const r = where(cond, T([1, 2, 3]), T([[10], [20]]));
    assert.deepEqual(r.shape, [2, 3]);
    assert.deepEqual(r.toArray(), [
      [1, 2, 3],
      [20, 20, 20],
    ]);
    assert.deepEqual(where(T([1, 0, Number.NaN]), 1, 0).toArray(), [1, 0, 1]);
    assert.deepEqual(where(T(true), T([1, 2]), 0).toArray(), [1, 2]);
    assert.deepEqual(where(T(false), 3, 4).shape, []);
  });

  test('where promotes a and b', () => {
    assert.equal(where(T([true]), T([1], 'int32'), 0).dtype, 'int32');
    assert.equal(where(T([true]), T([1], 'int32'), 0.5).dtype, 'float64');
    assert.equal(where(T([true]), T([1], 'float32'), T([1], 'int32')).dtype, 'float32');
    assert.equal(where(T([true]), 1, 2).dtype, 'float64');
    assert.equal(where(T([false]), T([1], 'float32'), 0.1).data[0], Math.fround(0.1));
  });
});

describe('clip', () => {
  test('both sides, one side, NaN', () => {
    assertClose(clip(T([-2, 0.5, 3, Number.NaN]), 0, 1), [0, 0.5, 1, Number.NaN]);
    assert.deepEqual(clip(T([-2, 5]), null, 1).toArray(), [-2, 1]);
    assert.deepEqual(clip(T([-2, 5]), 0, null).toArray(), [0, 5]);
    assert.deepEqual(clip(T([-2, 5]), null, null).toArray(), [-2, 5]);
  });

  test('min > max gives max everywhere (numpy)', () => {
    assert.deepEqual(clip(T([1, 2, 3], 'int32'), 2.5, 1).toArray(), [1, 1, 1]);
  });

  test('dtypes', () => {
    assert.equal(clip(T([1, 5], 'int32'), 0, 3).dtype, 'int32');
    assert.equal(clip(T([1, 5], 'int32'), 0, 2.5).dtype, 'float64');
    assert.deepEqual(clip(T([1, 5], 'int32'), 0, 2.5).toArray(), [1, 2.5]);
    const f = clip(T([0, 1], 'float32'), 0.1, 0.9);
    assert.equal(f.dtype, 'float32');
    assert.equal(f.data[0], Math.fround(0.1));
  });
});

describe('unary', () => {
  test('neg, abs, square, sign', () => {
    assert.deepEqual(neg(T([1, -2])).toArray(), [-1, 2]);
    assert.deepEqual(abs(T([-1.5, 2])).toArray(), [1.5, 2]);
    assert.deepEqual(abs(T([true, false])).toArray(), [true, false]);
    assert.deepEqual(square(T([-3, 0.5])).toArray(), [9, 0.25]);
    assertClose(sign(T([-2, 0, 3, Number.NaN])), [-1, 0, 1, Number.NaN]);
    assert.ok(Object.is(sign(T([-0])).data[0], 0));
    assert.equal(sign(T([-2], 'int32')).dtype, 'int32');
  });

  test('floor, ceil, round (half to even)', () => {
    assert.deepEqual(floor(T([-1.5, 1.5, 2])).toArray(), [-2, 1, 2]);
    assert.deepEqual(ceil(T([-1.5, 1.5, 2])).toArray(), [-1, 2, 2]);
    const r = round(T([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4999, 2 ** 53 + 2]));
    assert.deepEqual(Array.from(r.data), [0, 2, 2, -0, -2, -2, 2, 2 ** 53 + 2]);
    assert.ok(Object.is(r.data[3], -0));
    assert.equal(round(T([5], 'int32')).dtype, 'int32');
    assert.equal(floor(T([true])).dtype, 'int32');
    assert.equal(ceil(T([1.5], 'float32')).dtype, 'float32');
  });

  test('round with decimals', () => {
    assert.deepEqual(round(T([1.2345, -2.5678]), 2).toArray(), [1.23, -2.57]);
    assert.deepEqual(round(T([15, 25, -15], 'int32'), -1).toArray(), [20, 20, -20]);
    assert.deepEqual(round(T([1234.5]), -2).toArray(), [1200]);
    assert.throws(() => round(T([1]), 0.5), DTypeError);
  });

  test('float functions, int inputs give float64', () => {
    assertClose(exp(T([0, 1], 'int32')), [1, Math.E]);
    assert.equal(exp(T([0], 'int32')).dtype, 'float64');
    assert.equal(exp(T([true])).dtype, 'float64');
    assertClose(log(T([1, Math.E, 0, -1])), [0, 1, Number.NEGATIVE_INFINITY, Number.NaN]);
    assertClose(sqrt(T([4, 9, -1])), [2, 3, Number.NaN]);
    assertClose(sin(T([0, Math.PI / 2])), [0, 1]);
    assertClose(cos(T([0, Math.PI])), [1, -1]);
    assertClose(tanh(T([0, 100, -100])), [0, 1, -1]);
    assertClose(reciprocal(T([2, 4], 'int32')), [0.5, 0.25]);
  });

  test('log1p/expm1 keep precision near zero', () => {
    assert.equal(log1p(T([1e-17])).data[0], 1e-17);
    assert.equal(expm1(T([1e-17])).data[0], 1e-17);
  });

  test('float32 stays float32', () => {
    const x = T([0.5, 2], 'float32');
    for (const f of [exp, log, sqrt, sigmoid, tanh, neg, abs, square, log1p, expm1, sin, cos, reciprocal]) {
      const r = f(x);
      assert.equal(r.dtype, 'float32', f.name);
      assert.ok(r.data instanceof Float32Array);
    }
    assert.equal(exp(x).data[1], Math.fround(Math.exp(2)));
  });

  test('float32 exp (table-driven kernel) equals Math.exp rounded to float32', () => {
    const n = 20000;
    const xs = new Float32Array(n + 6);
    for (let i = 0; i < n; i++) xs[i] = -110 + (200 * i) / n + 1e-3 * Math.sin(i);
    xs.set([0, -0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN, 88.72], n);
    const r = exp(new Tensor(xs));
    for (let i = 0; i < xs.length; i++) {
      const want = Math.fround(Math.exp(xs[i]));
      assert.ok(Object.is(r.data[i], want), `exp(${xs[i]}) = ${r.data[i]}, want ${want}`);
    }
  });

  test('sigmoid is stable for large |x|', () => {
    const r = sigmoid(T([0, 1000, -1000, 2, -2]));
    assertClose(r, [0.5, 1, 0, 1 / (1 + Math.exp(-2)), 1 - 1 / (1 + Math.exp(-2))], 1e-15);
    for (const v of r.data) assert.ok(Number.isFinite(v));
  });

  test('isnan, isfinite', () => {
    const x = T([1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
    assert.deepEqual(isnan(x).toArray(), [false, true, false, false]);
    assert.deepEqual(isfinite(x).toArray(), [true, false, false, false]);
    assert.deepEqual(isnan(T([1], 'int32')).toArray(), [false]);
    assert.deepEqual(isfinite(T([1], 'int32')).dtype, 'bool');
  });

  test('unary ops keep the shape, including 0-d and empty', () => {
    assert.deepEqual(exp(T(0)).shape, []);
    assert.deepEqual(neg(new Tensor(new Float64Array(0), [3, 0])).shape, [3, 0]);
  });
});

describe('properties', () => {
  const arr = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 40 });

  test('(a + b) - b ≈ a', () => {
    fc.assert(
      fc.property(arr, fc.double({ min: -1e6, max: 1e6, noNaN: true }), (xs, s) => {
        const a = T(xs);
        const b = T(xs.map((v) => v * 0.5 + s));
        const r = sub(add(a, b), b);
        for (let i = 0; i < xs.length; i++) assert.ok(Math.abs(r.data[i] - xs[i]) <= 1e-9 * 4e6);
      }),
    );
  });

  test('add commutes under broadcasting', () => {
    fc.assert(
      fc.property(arr, arr, (xs, ys) => {
        const a = T(xs).reshape(xs.length, 1);
        const b = T(ys);
        assert.deepEqual(add(a, b).toArray(), add(b, a).toArray());
      }),
    );
  });
});
