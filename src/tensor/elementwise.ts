/**
 * Elementwise math on tensors with numpy broadcasting and typelearn's dtype
 * promotion (see `dtype.ts`): arithmetic, comparisons, logic, rounding and the
 * usual float functions. Operands are tensors or plain numbers; every function
 * returns a new tensor.
 *
 * Bool tensors follow numpy: `add` of two bool tensors is logical or, `mul` is
 * logical and, `sub`/`neg` of bools are errors (use `ne` for exclusive or and
 * `logicalNot` for negation), and `pow`/`mod`/`floorDivide` of bools give int32.
 */

import { binary, binaryDtype, checkOperand, K } from './binary.js';
import { collapseDims, type LoopNest } from './broadcast.js';
import { allocate, type DataArray, type DType, floatResult, isFloat, promoteScalar } from './dtype.js';
import { DTypeError } from './errors.js';
import { broadcastShapes, broadcastStrides, shapeSize } from './shape.js';
import { Tensor, type TensorLike } from './tensor.js';
import { rint, U, unary } from './unary.js';

function check2(op: string, a: TensorLike, b: TensorLike): DType {
  checkOperand(a, op, 'the first operand');
  checkOperand(b, op, 'the second operand');
  return binaryDtype(a, b);
}

function check1(op: string, x: Tensor): void {
  if (!(x instanceof Tensor)) throw new DTypeError(`${op}: expected a Tensor, got ${x === null ? 'null' : typeof x}`);
}

/** Both operands bool tensors: the dtype-promoted result is bool. */
function rejectBool(op: string, dt: DType, hint: string): void {
  if (dt === 'bool') throw new DTypeError(`${op} is not supported for bool tensors; ${hint}`);
}

// --- arithmetic ---

/**
 * `a + b` elementwise, broadcasting. int32 wraps around; two bool tensors give their logical or.
 * @example add(Tensor.from([[1], [2]]), Tensor.from([10, 20])).toArray() // [[11, 21], [12, 22]]
 */
export function add(a: TensorLike, b: TensorLike): Tensor {
  const dt = check2('add', a, b);
  return binary(a, b, dt, dt, dt === 'bool' ? K.maximum : K.add, 'add');
}

/**
 * `a - b` elementwise, broadcasting. int32 wraps around; not defined for two bool tensors.
 * @example sub(Tensor.from([5, 7]), 1).toArray() // [4, 6]
 */
export function sub(a: TensorLike, b: TensorLike): Tensor {
  const dt = check2('sub', a, b);
  rejectBool('sub', dt, 'use ne() for exclusive or, or convert with astype("int32") first');
  return binary(a, b, dt, dt, K.sub, 'sub');
}

/**
 * `a * b` elementwise, broadcasting. int32 multiplies with C wrap-around; two bool tensors give their logical and.
 * @example mul(Tensor.from([1, 2, 3]), 2).toArray() // [2, 4, 6]
 */
export function mul(a: TensorLike, b: TensorLike): Tensor {
  const dt = check2('mul', a, b);
  return binary(a, b, dt, dt, dt === 'int32' ? K.mulInt : K.mul, 'mul');
}

/**
 * True division `a / b`; int32 and bool operands give float64 (division by zero gives ±Infinity or NaN).
 * @example div(Tensor.from([1, 2], 'int32'), 4).toArray() // [0.25, 0.5]
 */
export function div(a: TensorLike, b: TensorLike): Tensor {
  const dt = floatResult(check2('div', a, b));
  return binary(a, b, dt, dt, K.div, 'div');
}

/**
 * `a ** b` elementwise. For int32 the power is exact with wrap-around and a negative exponent
 * is a {@link DTypeError} (as in numpy); bool operands give int32. Follows C `pow` for
 * `pow(1, NaN) = 1`.
 * @example pow(Tensor.from([1, 2, 3], 'int32'), 2).toArray() // [1, 4, 9]
 */
export function pow(a: TensorLike, b: TensorLike): Tensor {
  let dt = check2('pow', a, b);
  if (dt === 'bool') dt = 'int32';
  return binary(a, b, dt, dt, dt === 'int32' ? K.powInt : K.pow);
}

/**
 * numpy `remainder`: `a - floor(a / b) * b`, so the result has the sign of the divisor.
 * int32 remainder by zero gives 0; float remainder by zero gives NaN.
 * @example mod(Tensor.from([-3, 3]), 2).toArray() // [1, 1]
 */
export function mod(a: TensorLike, b: TensorLike): Tensor {
  let dt = check2('mod', a, b);
  if (dt === 'bool') dt = 'int32';
  return binary(a, b, dt, dt, K.mod);
}

/**
 * numpy `floor_divide`: `floor(a / b)`, consistent with {@link mod}. int32 division by zero gives 0.
 * @example floorDivide(Tensor.from([-3, 3], 'int32'), 2).toArray() // [-2, 1]
 */
export function floorDivide(a: TensorLike, b: TensorLike): Tensor {
  let dt = check2('floorDivide', a, b);
  if (dt === 'bool') dt = 'int32';
  return binary(a, b, dt, dt, dt === 'int32' ? K.floorDivideInt : K.floorDivide);
}

/**
 * Elementwise maximum; NaN in either operand gives NaN (numpy `maximum`).
 * @example maximum(Tensor.from([1, NaN, 5]), 3).toArray() // [3, NaN, 5]
 */
export function maximum(a: TensorLike, b: TensorLike): Tensor {
  const dt = check2('maximum', a, b);
  return binary(a, b, dt, dt, K.maximum);
}

/**
 * Elementwise minimum; NaN in either operand gives NaN (numpy `minimum`).
 * @example minimum(Tensor.from([1, NaN, 5]), 3).toArray() // [1, NaN, 3]
 */
export function minimum(a: TensorLike, b: TensorLike): Tensor {
  const dt = check2('minimum', a, b);
  return binary(a, b, dt, dt, K.minimum);
}

// --- comparisons and logic (bool results) ---

/**
 * `a == b` elementwise, as a bool tensor (NaN is never equal to anything).
 * @example eq(Tensor.from([1, 2]), 2).toArray() // [false, true]
 */
export function eq(a: TensorLike, b: TensorLike): Tensor {
  return binary(a, b, 'bool', check2('eq', a, b), K.eq);
}

/**
 * `a != b` elementwise, as a bool tensor.
 * @example ne(Tensor.from([1, 2]), 2).toArray() // [true, false]
 */
export function ne(a: TensorLike, b: TensorLike): Tensor {
  return binary(a, b, 'bool', check2('ne', a, b), K.ne);
}

/**
 * `a < b` elementwise, as a bool tensor.
 * @example lt(Tensor.from([1, 2]), 2).toArray() // [true, false]
 */
export function lt(a: TensorLike, b: TensorLike): Tensor {
  return binary(a, b, 'bool', check2('lt', a, b), K.lt);
}

/**
 * `a <= b` elementwise, as a bool tensor.
 * @example le(Tensor.from([1, 2, 3]), 2).toArray() // [true, true, false]
 */
export function le(a: TensorLike, b: TensorLike): Tensor {
  return binary(a, b, 'bool', check2('le', a, b), K.le);
}

/**
 * `a > b` elementwise, as a bool tensor.
 * @example gt(Tensor.from([1, 3]), 2).toArray() // [false, true]
 */
export function gt(a: TensorLike, b: TensorLike): Tensor {
  return binary(b, a, 'bool', check2('gt', a, b), K.lt);
}

/**
 * `a >= b` elementwise, as a bool tensor.
 * @example ge(Tensor.from([1, 2, 3]), 2).toArray() // [false, true, true]
 */
export function ge(a: TensorLike, b: TensorLike): Tensor {
  return binary(b, a, 'bool', check2('ge', a, b), K.le);
}

/**
 * Logical and of the truth values (non-zero is true, NaN included), as a bool tensor.
 * @example logicalAnd(Tensor.from([true, true]), Tensor.from([true, false])).toArray() // [true, false]
 */
export function logicalAnd(a: TensorLike, b: TensorLike): Tensor {
  check2('logicalAnd', a, b);
  return binary(a, b, 'bool', 'float64', K.logicalAnd);
}

/**
 * Logical or of the truth values (non-zero is true), as a bool tensor.
 * @example logicalOr(Tensor.from([0, 0, 2]), Tensor.from([0, 1, 0])).toArray() // [false, true, true]
 */
export function logicalOr(a: TensorLike, b: TensorLike): Tensor {
  check2('logicalOr', a, b);
  return binary(a, b, 'bool', 'float64', K.logicalOr);
}

/**
 * Logical not of the truth values (zero becomes true), as a bool tensor.
 * @example logicalNot(Tensor.from([0, 1.5])).toArray() // [true, false]
 */
export function logicalNot(x: Tensor): Tensor {
  check1('logicalNot', x);
  return unary(x, 'bool', U.logicalNot);
}

/**
 * Picks `a` where `cond` is true (non-zero) and `b` elsewhere; all three broadcast together.
 * The result dtype promotes `a` and `b` (two plain numbers give float64).
 * @example where(Tensor.from([true, false]), 1, Tensor.from([5, 6])).toArray() // [1, 6]
 */
export function where(cond: Tensor, a: TensorLike, b: TensorLike): Tensor {
  check1('where', cond);
  const dt = check2('where', a, b);
  const round = dt === 'float32' ? Math.fround : (v: number) => v;
  const ta = typeof a === 'number' ? { data: new Float64Array([round(a)]), shape: [] } : a;
  const tb = typeof b === 'number' ? { data: new Float64Array([round(b)]), shape: [] } : b;
  const shape = broadcastShapes(cond.shape, ta.shape, tb.shape);
  const o = allocate(dt, shapeSize(shape));
  if (o.length > 0) {
    const nest = collapseDims(shape, [
      broadcastStrides(cond.shape, shape),
      broadcastStrides(ta.shape, shape),
      broadcastStrides(tb.shape, shape),
    ]);
    whereLoop(cond.data, ta.data, tb.data, o, nest);
  }
  return new Tensor(o, shape);
}

/** The broadcasting loop of {@link where}: an index counter over outer dimensions, strided inner rows. */
function whereLoop(c: DataArray, a: DataArray, b: DataArray, o: DataArray, nest: LoopNest): void {
  const dims = nest.shape;
  const nd = dims.length;
  if (nd === 0) {
    o[0] = c[0] !== 0 ? a[0] : b[0];
    return;
  }
  const [sc, sa, sb] = nest.strides;
  const inner = dims[nd - 1];
  const ic = sc[nd - 1];
  const ia = sa[nd - 1];
  const ib = sb[nd - 1];
  const counter = new Int32Array(nd);
  let pc = 0;
  let pa = 0;
  let pb = 0;
  for (let po = 0; po < o.length; po += inner) {
    for (let i = 0; i < inner; i++) o[po + i] = c[pc + i * ic] !== 0 ? a[pa + i * ia] : b[pb + i * ib];
    for (let d = nd - 2; d >= 0; d--) {
      pc += sc[d];
      pa += sa[d];
      pb += sb[d];
      if (++counter[d] < dims[d]) break;
      counter[d] = 0;
      pc -= sc[d] * dims[d];
      pa -= sa[d] * dims[d];
      pb -= sb[d] * dims[d];
    }
  }
}

/**
 * Limits values to `[min, max]`; `null` leaves that side open. NaN stays NaN; when
 * `min > max` every value becomes `max` (numpy's order: maximum with `min`, then minimum with `max`).
 * An int32 tensor with a non-integer bound gives float64.
 * @example clip(Tensor.from([-2, 0.5, 3]), 0, 1).toArray() // [0, 0.5, 1]
 */
export function clip(x: Tensor, min: number | null, max: number | null): Tensor {
  check1('clip', x);
  let dt: DType = x.dtype;
  if (min !== null) dt = promoteScalar(dt, min);
  if (max !== null) dt = promoteScalar(dt, max);
  const lo = min === null ? -Infinity : dt === 'float32' ? Math.fround(min) : min;
  const hi = max === null ? Infinity : dt === 'float32' ? Math.fround(max) : max;
  const src = x.data;
  const o = allocate(dt, x.size);
  for (let i = 0; i < src.length; i++) {
    let v = src[i];
    if (v < lo) v = lo;
    if (v > hi) v = hi;
    o[i] = v;
  }
  return new Tensor(o, x.shape);
}

// --- unary ---

/**
 * `-x` elementwise (int32 wraps: `-(-2**31)` stays `-2**31`); bool tensors are rejected.
 * @example neg(Tensor.from([1, -2])).toArray() // [-1, 2]
 */
export function neg(x: Tensor): Tensor {
  check1('neg', x);
  rejectBool('neg', x.dtype, 'use logicalNot');
  return unary(x, x.dtype, U.neg);
}

/**
 * Absolute value, same dtype (int32 `abs(-2**31)` wraps to `-2**31`, as in numpy).
 * @example abs(Tensor.from([-1.5, 2])).toArray() // [1.5, 2]
 */
export function abs(x: Tensor): Tensor {
  check1('abs', x);
  return unary(x, x.dtype, x.dtype === 'bool' ? U.copy : U.abs);
}

/**
 * `x * x`, same dtype (int32 wraps).
 * @example square(Tensor.from([-3, 2])).toArray() // [9, 4]
 */
export function square(x: Tensor): Tensor {
  check1('square', x);
  return unary(x, x.dtype, x.dtype === 'int32' ? U.squareInt : x.dtype === 'bool' ? U.copy : U.square);
}

/**
 * -1, 0 or 1 by sign (NaN stays NaN), same dtype; bool gives int32.
 * @example sign(Tensor.from([-2, 0, 3])).toArray() // [-1, 0, 1]
 */
export function sign(x: Tensor): Tensor {
  check1('sign', x);
  return x.dtype === 'bool' ? unary(x, 'int32', U.copy) : unary(x, x.dtype, U.sign);
}

/** Integer dtypes pass through rounding unchanged (bool becomes int32). */
function roundLike(op: string, x: Tensor, k: (typeof U)['floor']): Tensor {
  check1(op, x);
  if (!isFloat(x.dtype)) return unary(x, 'int32', U.copy);
  return unary(x, x.dtype, k);
}

/**
 * Largest integer not above each value; integer tensors are returned as int32 copies.
 * @example floor(Tensor.from([-1.5, 1.5])).toArray() // [-2, 1]
 */
export function floor(x: Tensor): Tensor {
  return roundLike('floor', x, U.floor);
}

/**
 * Smallest integer not below each value; integer tensors are returned as int32 copies.
 * @example ceil(Tensor.from([-1.5, 1.5])).toArray() // [-1, 2]
 */
export function ceil(x: Tensor): Tensor {
  return roundLike('ceil', x, U.ceil);
}

/**
 * Rounds to `decimals` places (default 0), halves to even like numpy
 * (`round(2.5) = 2`); like numpy, non-zero `decimals` scales by `10 ** decimals`,
 * rounds and scales back. Negative `decimals` round integer tensors too.
 * @example round(Tensor.from([0.5, 1.5, 2.5, -0.5])).toArray() // [0, 2, 2, -0]
 */
export function round(x: Tensor, decimals = 0): Tensor {
  check1('round', x);
  if (!Number.isInteger(decimals)) throw new DTypeError(`round: decimals must be an integer, got ${decimals}`);
  if (decimals === 0 || (!isFloat(x.dtype) && decimals > 0)) return roundLike('round', x, U.rint);
  const dt = isFloat(x.dtype) ? x.dtype : 'int32';
  const src = x.data;
  const o = allocate(dt, x.size);
  if (decimals > 0) {
    const f = 10 ** decimals;
    for (let i = 0; i < src.length; i++) o[i] = rint(src[i] * f) / f;
  } else {
    const f = 10 ** -decimals;
    for (let i = 0; i < src.length; i++) o[i] = rint(src[i] / f) * f;
  }
  return new Tensor(o, x.shape);
}

/** Float-valued unary math: int32/bool inputs give float64. */
function floatUnary(op: string, x: Tensor, k: (typeof U)['exp']): Tensor {
  check1(op, x);
  return unary(x, floatResult(x.dtype), k);
}

/**
 * `e ** x`; int32/bool give float64.
 * @example exp(Tensor.from([0, 1])).toArray() // [1, 2.718281828459045]
 */
export function exp(x: Tensor): Tensor {
  return floatUnary('exp', x, x.dtype === 'float32' ? U.exp32 : U.exp);
}

/**
 * `e ** x - 1`, accurate near 0.
 * @example expm1(Tensor.from([1e-10])).toArray() // [1.00000000005e-10]
 */
export function expm1(x: Tensor): Tensor {
  return floatUnary('expm1', x, U.expm1);
}

/**
 * Natural logarithm (`log(0) = -Infinity`, negative gives NaN).
 * @example log(Tensor.from([1, Math.E])).toArray() // [0, 1]
 */
export function log(x: Tensor): Tensor {
  return floatUnary('log', x, U.log);
}

/**
 * `log(1 + x)`, accurate near 0.
 * @example log1p(Tensor.from([0])).toArray() // [0]
 */
export function log1p(x: Tensor): Tensor {
  return floatUnary('log1p', x, U.log1p);
}

/**
 * Square root (negative gives NaN).
 * @example sqrt(Tensor.from([4, 9])).toArray() // [2, 3]
 */
export function sqrt(x: Tensor): Tensor {
  return floatUnary('sqrt', x, U.sqrt);
}

/**
 * Sine (radians).
 * @example sin(Tensor.from([0])).toArray() // [0]
 */
export function sin(x: Tensor): Tensor {
  return floatUnary('sin', x, U.sin);
}

/**
 * Cosine (radians).
 * @example cos(Tensor.from([0])).toArray() // [1]
 */
export function cos(x: Tensor): Tensor {
  return floatUnary('cos', x, U.cos);
}

/**
 * Hyperbolic tangent.
 * @example tanh(Tensor.from([0])).toArray() // [0]
 */
export function tanh(x: Tensor): Tensor {
  return floatUnary('tanh', x, U.tanh);
}

/**
 * Logistic sigmoid `1 / (1 + e ** -x)`, computed without overflow for large `|x|`.
 * @example sigmoid(Tensor.from([0])).toArray() // [0.5]
 */
export function sigmoid(x: Tensor): Tensor {
  return floatUnary('sigmoid', x, U.sigmoid);
}

/**
 * `1 / x` as floats (unlike numpy's integer `reciprocal`, int32 input gives float64).
 * @example reciprocal(Tensor.from([2, 4])).toArray() // [0.5, 0.25]
 */
export function reciprocal(x: Tensor): Tensor {
  return floatUnary('reciprocal', x, U.reciprocal);
}

/**
 * Which elements are NaN, as a bool tensor.
 * @example isnan(Tensor.from([1, NaN])).toArray() // [false, true]
 */
export function isnan(x: Tensor): Tensor {
  check1('isnan', x);
  return unary(x, 'bool', U.isnan);
}

/**
 * Which elements are finite (not NaN or ±Infinity), as a bool tensor.
 * @example isfinite(Tensor.from([1, Infinity, NaN])).toArray() // [true, false, false]
 */
export function isfinite(x: Tensor): Tensor {
  check1('isfinite', x);
  return unary(x, 'bool', U.isfinite);
}
