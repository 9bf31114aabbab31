/**
 * The machinery behind every binary elementwise op: operand handling, dtype
 * promotion, numpy broadcasting, and the typed-array kernels.
 *
 * Each op has three kernels, one per row shape the broadcasting loop can
 * produce (vector-vector, vector-scalar, scalar-vector). Each kernel is its own
 * function literal so V8 keeps separate type feedback per op and per row shape,
 * and the op is chosen once per row, never per element.
 */

import { F32, F64, type FloatOp } from './binary-float.js';
import { collapseDims } from './broadcast.js';
import { allocate, type DataArray, type DType, dtypeOf, promoteScalar, promoteTypes } from './dtype.js';
import { DTypeError } from './errors.js';
import { broadcastShapes, broadcastStrides, shapeSize, shapesEqual } from './shape.js';
import { Tensor, type TensorLike } from './tensor.js';

/**
 * Kernels of one binary op over rows of `n` elements starting at the given offsets:
 * `vv` reads both operands along the row, `vs`/`sv` hold one operand at the scalar `s`.
 * @example K.add.vs(a.data, 0, 1, out, 0, a.size) // out[i] = a[i] + 1
 */
export interface BinaryKernel {
  vv(a: DataArray, pa: number, b: DataArray, pb: number, o: DataArray, po: number, n: number): void;
  vs(a: DataArray, pa: number, s: number, o: DataArray, po: number, n: number): void;
  sv(s: number, b: DataArray, pb: number, o: DataArray, po: number, n: number): void;
}

/**
 * Throws a DTypeError unless `x` is a tensor or a number; names the op and operand in the message.
 * @example checkOperand('1', 'add', 'the second operand') // throws DTypeError
 */
export function checkOperand(x: unknown, op: string, which: string): void {
  if (typeof x !== 'number' && !(x instanceof Tensor)) {
    throw new DTypeError(`${op}: ${which} must be a Tensor or a number, got ${x === null ? 'null' : typeof x}`);
  }
}

/**
 * The promoted dtype of two operands under typelearn's rules (numbers are weak).
 * @example binaryDtype(Tensor.from([1], 'int32'), 0.5) // 'float64'
 */
export function binaryDtype(a: TensorLike, b: TensorLike): DType {
  if (typeof a === 'number') return typeof b === 'number' ? 'float64' : promoteScalar(b.dtype, a);
  if (typeof b === 'number') return promoteScalar(a.dtype, b);
  return promoteTypes(a.dtype, b.dtype);
}

/** A scalar as the computation dtype sees it: float32 math rounds the number to float32 first, as numpy does. */
function asScalar(v: number, compute: DType): number {
  return compute === 'float32' ? Math.fround(v) : v;
}

/** The monomorphic float kernel for `fop` when every tensor operand already has the float result dtype. */
function specialised(a: TensorLike, b: TensorLike, out: DType, fop: FloatOp): BinaryKernel | undefined {
  if (out !== 'float64' && out !== 'float32') return undefined;
  if (typeof a !== 'number' && a.dtype !== out) return undefined;
  if (typeof b !== 'number' && b.dtype !== out) return undefined;
  return out === 'float64' ? F64[fop] : F32[fop];
}

/**
 * Applies a binary kernel with numpy broadcasting.
 * @param out - dtype of the result.
 * @param compute - dtype the math happens in (decides how plain numbers are rounded).
 * @param fop - names an op with float-specialised kernels, used when the dtypes allow.
 * @example binary(a, b, 'float64', 'float64', K.add, 'add') // a + b, broadcast
 */
export function binary(
  a: TensorLike,
  b: TensorLike,
  out: DType,
  compute: DType,
  k: BinaryKernel,
  fop?: FloatOp,
): Tensor {
  if (fop !== undefined) k = specialised(a, b, out, fop) ?? k;
  if (typeof a === 'number') {
    if (typeof b === 'number') {
      const o = allocate(out, 1);
      k.vs(new Float64Array([asScalar(a, compute)]), 0, asScalar(b, compute), o, 0, 1);
      return new Tensor(o, []);
    }
    const o = allocate(out, b.size);
    k.sv(asScalar(a, compute), b.data, 0, o, 0, b.size);
    return new Tensor(o, b.shape);
  }
  if (typeof b === 'number') {
    const o = allocate(out, a.size);
    k.vs(a.data, 0, asScalar(b, compute), o, 0, a.size);
    return new Tensor(o, a.shape);
  }
  if (shapesEqual(a.shape, b.shape)) {
    const o = allocate(out, a.size);
    k.vv(a.data, 0, b.data, 0, o, 0, a.size);
    return new Tensor(o, a.shape);
  }
  // A one-element tensor of no higher rank broadcasts like a scalar.
  if (b.size === 1 && b.ndim <= a.ndim) {
    const o = allocate(out, a.size);
    k.vs(a.data, 0, b.data[0], o, 0, a.size);
    return new Tensor(o, a.shape);
  }
  if (a.size === 1 && a.ndim <= b.ndim) {
    const o = allocate(out, b.size);
    k.sv(a.data[0], b.data, 0, o, 0, b.size);
    return new Tensor(o, b.shape);
  }
  const shape = broadcastShapes(a.shape, b.shape);
  const size = shapeSize(shape);
  const o = allocate(out, size);
  if (size > 0)
    broadcastLoop(a.data, broadcastStrides(a.shape, shape), b.data, broadcastStrides(b.shape, shape), o, shape, k);
  return new Tensor(o, shape);
}

/** Rows shorter than this are tiled by {@link tiledRows} instead of one kernel call per row. */
const SHORT_ROW = 64;

/**
 * Runs `run` over chunks of whole rows of the contiguous operand `x`, with `tile` holding the
 * single broadcast row of `row` repeated to the chunk length (same array type as `row`, so
 * specialised kernels stay monomorphic).
 */
function tiledRows(
  x: DataArray,
  row: DataArray,
  rows: number,
  inner: number,
  run: (x: DataArray, tile: DataArray, po: number, n: number) => void,
): void {
  const perChunk = Math.max(1, Math.floor(4096 / inner));
  const tile = allocate(dtypeOf(row), perChunk * inner);
  for (let r = 0; r < perChunk; r++) for (let j = 0; j < inner; j++) tile[r * inner + j] = row[j];
  for (let r = 0; r < rows; r += perChunk) {
    const n = Math.min(perChunk, rows - r) * inner;
    run(x, tile, r * inner, n);
  }
}

/** The general broadcasting loop: an index counter over the outer dimensions, one kernel call per inner row. */
function broadcastLoop(
  a: DataArray,
  stridesA: number[],
  b: DataArray,
  stridesB: number[],
  o: DataArray,
  fullShape: readonly number[],
  k: BinaryKernel,
): void {
  const nest = collapseDims(fullShape, [stridesA, stridesB]);
  const dims = nest.shape;
  const nd = dims.length;
  if (nd === 0) {
    k.vv(a, 0, b, 0, o, 0, 1);
    return;
  }
  const sa = nest.strides[0];
  const sb = nest.strides[1];
  const inner = dims[nd - 1];
  // After collapsing, an operand's innermost stride is 1 (it varies along the row) or 0 (broadcast).
  const rowA = sa[nd - 1] !== 0;
  const rowB = sb[nd - 1] !== 0;
  const rows = o.length / inner;
  if (nd === 2 && inner < SHORT_ROW && rows > SHORT_ROW && rowA && rowB) {
    // `[n, d] op [d]` with small d: one kernel call per row would dominate, so repeat the
    // broadcast row into a tile and run the kernel over many rows at once.
    if (sa[0] === 0 && sb[0] === inner) {
      tiledRows(b, a, rows, inner, (x, tile, po, n) => k.vv(tile, 0, x, po, o, po, n));
      return;
    }
    if (sb[0] === 0 && sa[0] === inner) {
      tiledRows(a, b, rows, inner, (x, tile, po, n) => k.vv(x, po, tile, 0, o, po, n));
      return;
    }
  }
  const counter = new Int32Array(nd);
  let pa = 0;
  let pb = 0;
  let po = 0;
  for (let r = 0; r < rows; r++) {
    if (rowA && rowB) k.vv(a, pa, b, pb, o, po, inner);
    else if (rowA) k.vs(a, pa, b[pb], o, po, inner);
    else k.sv(a[pa], b, pb, o, po, inner);
    po += inner;
    for (let d = nd - 2; d >= 0; d--) {
      pa += sa[d];
      pb += sb[d];
      if (++counter[d] < dims[d]) break;
      counter[d] = 0;
      pa -= sa[d] * dims[d];
      pb -= sb[d] * dims[d];
    }
  }
}

// --- scalar helpers kept small so V8 inlines them into the loops ---

/** C `pow` semantics where JS differs: `pow(1, NaN) = 1` and `pow(-1, ±Infinity) = 1`. */
function powF(a: number, b: number): number {
  const r = a ** b;
  if (!Number.isNaN(r)) return r;
  return a === 1 || (a === -1 && (b === Infinity || b === -Infinity)) ? 1 : r;
}

/** Exact int32 power with C wrap-around, by repeated squaring. */
function powI(a: number, b: number): number {
  if (b < 0) {
    if (a === 1) return 1;
    if (a === -1) return b & 1 ? -1 : 1;
    throw new DTypeError(`pow: integers to negative integer powers are not allowed (got ${a} ** ${b})`);
  }
  let r = 1;
  let base = a | 0;
  let e = b;
  while (e > 0) {
    if (e & 1) r = Math.imul(r, base);
    base = Math.imul(base, base);
    e >>>= 1;
  }
  return r;
}

/** numpy `remainder`: the result has the sign of the divisor (a zero result too). */
function modF(a: number, b: number): number {
  const r = a % b;
  if (r === 0) return b < 0 ? -0 : 0;
  return r < 0 !== b < 0 ? r + b : r;
}

/** numpy `floor_divide` for floats: consistent with {@link modF} so `a == b * (a // b) + a % b` holds closely. */
function floorDivF(a: number, b: number): number {
  if (b === 0) return a / b;
  const m = a % b;
  let div = (a - m) / b;
  if (m !== 0 && m < 0 !== b < 0) div -= 1;
  // A zero quotient keeps the sign of the true quotient (1/-0 is -Infinity).
  if (div === 0) return 1 / (a / b) < 0 ? -0 : 0;
  let f = Math.floor(div);
  if (div - f > 0.5) f += 1;
  return f;
}

/** Floor division of int32 values; division by zero gives 0 (as numpy does, minus the warning). */
function floorDivI(a: number, b: number): number {
  return b === 0 ? 0 : Math.floor(a / b);
}

// --- kernels ---

/**
 * Kernel table: one entry per binary op (and per int32 variant where the math differs).
 * @example binary(a, 2, 'int32', 'int32', K.mulInt) // int32 a * 2 with wrap-around
 */
export const K = {
  add: {
    vv: (a, pa, b, pb, o, po, n) => {
      for (let i = 0; i < n; i++) o[po + i] = a[pa + i] + b[pb + i];
    },
    vs: (a, pa, s, o, po, n) => {
      for (let i = 0; i < n; i++) o[po + i] = a[pa + i] + s;
    },
    sv: (s, b, pb, o, po, n) => {
      for (let i = 0; i < n; i++) o[po + i] = s + b[pb + i];
    },
  },
  sub: {
    vv: (a, pa, b, pb, o, po, n) => {
      for (let i = 0; i < n; i++) o[po + i] = a[pa + i] - b[pb + i];
    },
    vs: (a, pa, s, o, po, n) => {
      for (let i = 0; i < n; i++) o[po + i] = a[pa + i] - s;
    },
    sv: (s, b, pb, o, po, n) => {
      for (let i = 0; i < n; i++) o[po + i] = s - b[pb + i];
    },
  },
  mul: {
    vv: (a, pa, b, pb, o, po, n) => {
      for (let i = 0; i < n; i++) o[po + i] = a[pa + i] * b[pb + i];
    },
    vs: (a, pa, s, o, po, n) => {
      for (let i = 0; i < n; i++) o[po + i] = a[pa + i] * s;
    },
    sv: (s, b, pb, o, po, n) => {
      for (let i = 0; i < n; i++) o[po + i] = s * b[pb + i];
    },
  },
  mulInt: {
    vv: (a, pa, b, pb, o, po, n) => {
      for (let i = 0; i < n; i++) o[po + i] = Math.imul(a[pa + i], b[pb + i]);
    },
    vs: (a, pa, s, o, po, n) => {
      for (let i = 0; i < n; i++) o[po + i] = Math.imul(a[pa + i], s);
    },
    sv: (s, b, pb, o, po, n) => {
      for (let i = 0; i < n; i++) o[po + i] = Math.imul(s, b[pb + i]);
    },
  },
  div: {
    vv: (a, pa, b, pb, o, po, n) => {
      for (let i = 0; i < n; i++) o[po + i] = a[pa + i] / b[pb + i];
    },
    vs: (a, pa, s, o, po, n) => {
      for (let i = 0; i < n; i++) o[po + i] = a[pa + i] / s;
    },
    sv: (s, b, pb, o, po, n) => {
      for (let i = 0; i < n; i++) o[po + i] = s / b[pb + i];
    },
  },
  pow: {
    vv: (a, pa, b, pb, o, po, n) => {
      for (let i = 0; i < n; i++) o[po + i] = powF(a[pa + i], b[pb + i]);
    },
    vs: (a, pa, s, o, po, n) => {
      if (s === 2) for (let i = 0; i < n; i++) o[po + i] = a[pa + i] * a[pa + i];
      else for (let i = 0; i < n; i++) o[po + i] = powF(a[pa + i], s);
    },
    sv: (s, b, pb, o, po, n) => {
      for (let i = 0; i < n; i++) o[po + i] = powF(s, b[pb + i]);
    },
  },
  powInt: {
    vv: (a, pa, b, pb, o, po, n) => {
      for (let i = 0; i < n; i++) o[po + i] = powI(a[pa + i], b[pb + i]);
    },
    vs: (a, pa, s, o, po, n) => {
      for (let i = 0; i < n; i++) o[po + i] = powI(a[pa + i], s);
    },
    sv: (s, b, pb, o, po, n) => {
      for (let i = 0; i < n; i++) o[po + i] = powI(s, b[pb + i]);
    },
  },
  mod: {
    vv: (a, pa, b, pb, o, po, n) => {
      for (let i = 0; i < n; i++) o[po + i] = modF(a[pa + i], b[pb + i]);
    },
    vs: (a, pa, s, o, po, n) => {
      for (let i = 0; i < n; i++) o[po + i] = modF(a[pa + i], s);
    },
    sv: (s, b, pb, o, po, n) => {
      for (let i = 0; i < n; i++) o[po + i] = modF(s, b[pb + i]);
    },
  },
  floorDivide: {
    vv: (a, pa, b, pb, o, po, n) => {
      for (let i = 0; i < n; i++) o[po + i] = floorDivF(a[pa + i], b[pb + i]);
    },
    vs: (a, pa, s, o, po, n) => {
      for (let i = 0; i < n; i++) o[po + i] = floorDivF(a[pa + i], s);
    },
    sv: (s, b, pb, o, po, n) => {
      for (let i = 0; i < n; i++) o[po + i] = floorDivF(s, b[pb + i]);
    },
  },
  floorDivideInt: {
    vv: (a, pa, b, pb, o, po, n) => {
      for (let i = 0; i < n; i++) o[po + i] = floorDivI(a[pa + i], b[pb + i]);
    },
    vs: (a, pa, s, o, po, n) => {
      for (let i = 0; i < n; i++) o[po + i] = floorDivI(a[pa + i], s);
    },
    sv: (s, b, pb, o, po, n) => {
      for (let i = 0; i < n; i++) o[po + i] = floorDivI(s, b[pb + i]);
    },
  },
  // maximum/minimum: the first operand wins when it is larger or NaN, so NaN in either propagates.
  maximum: {
    vv: (a, pa, b, pb, o, po, n) => {
      for (let i = 0; i < n; i++) {
        const x = a[pa + i];
        const y = b[pb + i];
        o[po + i] = x > y || Number.isNaN(x) ? x : y;
      }
    },
    vs: (a, pa, s, o, po, n) => {
      for (let i = 0; i < n; i++) {
        const x = a[pa + i];
        o[po + i] = x > s || Number.isNaN(x) ? x : s;
      }
    },
    sv: (s, b, pb, o, po, n) => {
      for (let i = 0; i < n; i++) {
        const y = b[pb + i];
        o[po + i] = s > y || Number.isNaN(s) ? s : y;
      }
    },
  },
  minimum: {
    vv: (a, pa, b, pb, o, po, n) => {
      for (let i = 0; i < n; i++) {
        const x = a[pa + i];
        const y = b[pb + i];
        o[po + i] = x < y || Number.isNaN(x) ? x : y;
      }
    },
    vs: (a, pa, s, o, po, n) => {
      for (let i = 0; i < n; i++) {
        const x = a[pa + i];
        o[po + i] = x < s || Number.isNaN(x) ? x : s;
      }
    },
    sv: (s, b, pb, o, po, n) => {
      for (let i = 0; i < n; i++) {
        const y = b[pb + i];
        o[po + i] = s < y || Number.isNaN(s) ? s : y;
      }
    },
  },
  eq: {
    vv: (a, pa, b, pb, o, po, n) => {
      for (let i = 0; i < n; i++) o[po + i] = a[pa + i] === b[pb + i] ? 1 : 0;
    },
    vs: (a, pa, s, o, po, n) => {
      for (let i = 0; i < n; i++) o[po + i] = a[pa + i] === s ? 1 : 0;
    },
    sv: (s, b, pb, o, po, n) => {
      for (let i = 0; i < n; i++) o[po + i] = s === b[pb + i] ? 1 : 0;
    },
  },
  ne: {
    vv: (a, pa, b, pb, o, po, n) => {
      for (let i = 0; i < n; i++) o[po + i] = a[pa + i] !== b[pb + i] ? 1 : 0;
    },
    vs: (a, pa, s, o, po, n) => {
      for (let i = 0; i < n; i++) o[po + i] = a[pa + i] !== s ? 1 : 0;
    },
    sv: (s, b, pb, o, po, n) => {
      for (let i = 0; i < n; i++) o[po + i] = s !== b[pb + i] ? 1 : 0;
    },
  },
  lt: {
    vv: (a, pa, b, pb, o, po, n) => {
      for (let i = 0; i < n; i++) o[po + i] = a[pa + i] < b[pb + i] ? 1 : 0;
    },
    vs: (a, pa, s, o, po, n) => {
      for (let i = 0; i < n; i++) o[po + i] = a[pa + i] < s ? 1 : 0;
    },
    sv: (s, b, pb, o, po, n) => {
      for (let i = 0; i < n; i++) o[po + i] = s < b[pb + i] ? 1 : 0;
    },
  },
  le: {
    vv: (a, pa, b, pb, o, po, n) => {
      for (let i = 0; i < n; i++) o[po + i] = a[pa + i] <= b[pb + i] ? 1 : 0;
    },
    vs: (a, pa, s, o, po, n) => {
      for (let i = 0; i < n; i++) o[po + i] = a[pa + i] <= s ? 1 : 0;
    },
    sv: (s, b, pb, o, po, n) => {
      for (let i = 0; i < n; i++) o[po + i] = s <= b[pb + i] ? 1 : 0;
    },
  },
  logicalAnd: {
    vv: (a, pa, b, pb, o, po, n) => {
      for (let i = 0; i < n; i++) o[po + i] = a[pa + i] !== 0 && b[pb + i] !== 0 ? 1 : 0;
    },
    vs: (a, pa, s, o, po, n) => {
      for (let i = 0; i < n; i++) o[po + i] = a[pa + i] !== 0 && s !== 0 ? 1 : 0;
    },
    sv: (s, b, pb, o, po, n) => {
      for (let i = 0; i < n; i++) o[po + i] = s !== 0 && b[pb + i] !== 0 ? 1 : 0;
    },
  },
  logicalOr: {
    vv: (a, pa, b, pb, o, po, n) => {
      for (let i = 0; i < n; i++) o[po + i] = a[pa + i] !== 0 || b[pb + i] !== 0 ? 1 : 0;
    },
    vs: (a, pa, s, o, po, n) => {
      for (let i = 0; i < n; i++) o[po + i] = a[pa + i] !== 0 || s !== 0 ? 1 : 0;
    },
    sv: (s, b, pb, o, po, n) => {
      for (let i = 0; i < n; i++) o[po + i] = s !== 0 || b[pb + i] !== 0 ? 1 : 0;
    },
  },
} satisfies Record<string, BinaryKernel>;
