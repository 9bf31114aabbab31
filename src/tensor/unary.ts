/**
 * The machinery behind unary elementwise ops: one typed-array kernel per op
 * over the whole contiguous buffer. Each kernel is its own function literal so
 * V8 keeps separate type feedback per op (no closure call per element).
 */
import { allocate, type DataArray, type DType } from './dtype.js';
import { Tensor } from './tensor.js';

/**
 * A unary kernel: writes `f(x[i])` to `o[i]` for `i < n`.
 * @example U.sqrt(x.data, out, x.size)
 */
export type UnaryKernel = (x: DataArray, o: DataArray, n: number) => void;

/**
 * Applies a unary kernel to every element, producing a new tensor of dtype `out` and the same shape.
 * @example unary(x, 'float64', U.exp) // e ** x
 */
export function unary(x: Tensor, out: DType, k: UnaryKernel): Tensor {
  const o = allocate(out, x.size);
  k(x.data, o, x.size);
  return new Tensor(o, x.shape);
}

/**
 * Round half to even (numpy's `rint`); `Math.round` rounds halves up.
 * @example rint(2.5) // 2
 */
export function rint(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

// exp for float32 results, table-driven (Tang's method): x = (64m + j) ln2/64 + r with
// |r| <= ln2/128, exp(x) = 2^m * 2^(j/64) * exp(r), exp(r) by a degree-5 polynomial.
// Its error (< 3 ulp of float64) vanishes when rounding to float32, and it runs about 1.7x
// faster than Math.exp. Float64 results keep Math.exp for bit-for-bit parity with JS.
const EXP_TBITS = 6;
const EXP_TN = 1 << EXP_TBITS;
const EXP_INV = EXP_TN / Math.LN2;
// ln2/64 split so k * EXP_HI is exact for |k| < 2^21 (ln2 = hi + lo, hi with 21 trailing zero bits; dividing by 64 is exact).
const EXP_HI = 0.6931471803691238 / EXP_TN;
const EXP_LO = 1.9082149292705877e-10 / EXP_TN;
const EXP_TABLE = Float64Array.from({ length: EXP_TN }, (_, j) => 2 ** (j / EXP_TN));
const EXP_POW2_BIAS = 1100;
const EXP_POW2 = Float64Array.from({ length: 2 * EXP_POW2_BIAS }, (_, i) => 2 ** (i - EXP_POW2_BIAS));
// Adding then subtracting 1.5 * 2^52 rounds a double to the nearest integer (cheaper than Math.round).
const ROUND_MAGIC = 6755399441055744.0;

/**
 * Kernel table for the unary ops (`exp32` is the float32-result exp).
 * @example unary(x, 'bool', U.isnan)
 */
export const U = {
  copy: (x, o, n) => {
    for (let i = 0; i < n; i++) o[i] = x[i];
  },
  neg: (x, o, n) => {
    for (let i = 0; i < n; i++) o[i] = -x[i];
  },
  abs: (x, o, n) => {
    for (let i = 0; i < n; i++) o[i] = Math.abs(x[i]);
  },
  square: (x, o, n) => {
    for (let i = 0; i < n; i++) {
      const v = x[i];
      o[i] = v * v;
    }
  },
  squareInt: (x, o, n) => {
    for (let i = 0; i < n; i++) o[i] = Math.imul(x[i], x[i]);
  },
  sign: (x, o, n) => {
    // Math.sign keeps NaN and signed zeros; numpy gives 0 for -0 too, so add 0 to drop the sign.
    for (let i = 0; i < n; i++) o[i] = Math.sign(x[i]) + 0;
  },
  floor: (x, o, n) => {
    for (let i = 0; i < n; i++) o[i] = Math.floor(x[i]);
  },
  ceil: (x, o, n) => {
    for (let i = 0; i < n; i++) o[i] = Math.ceil(x[i]);
  },
  rint: (x, o, n) => {
    for (let i = 0; i < n; i++) o[i] = rint(x[i]);
  },
  exp: (x, o, n) => {
    for (let i = 0; i < n; i++) o[i] = Math.exp(x[i]);
  },
  exp32: (x, o, n) => {
    for (let i = 0; i < n; i++) {
      const v = x[i];
      if (v > -708 && v < 709) {
        const k = v * EXP_INV + ROUND_MAGIC - ROUND_MAGIC;
        const r = v - k * EXP_HI - k * EXP_LO;
        const p = r * (1 + r * (0.5 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120)))));
        const ki = k | 0;
        const t = EXP_TABLE[ki & (EXP_TN - 1)];
        o[i] = (t + t * p) * EXP_POW2[(ki >> EXP_TBITS) + EXP_POW2_BIAS];
      } else o[i] = Math.exp(v);
    }
  },
  expm1: (x, o, n) => {
    for (let i = 0; i < n; i++) o[i] = Math.expm1(x[i]);
  },
  log: (x, o, n) => {
    for (let i = 0; i < n; i++) o[i] = Math.log(x[i]);
  },
  log1p: (x, o, n) => {
    for (let i = 0; i < n; i++) o[i] = Math.log1p(x[i]);
  },
  sqrt: (x, o, n) => {
    for (let i = 0; i < n; i++) o[i] = Math.sqrt(x[i]);
  },
  sin: (x, o, n) => {
    for (let i = 0; i < n; i++) o[i] = Math.sin(x[i]);
  },
  cos: (x, o, n) => {
    for (let i = 0; i < n; i++) o[i] = Math.cos(x[i]);
  },
  tanh: (x, o, n) => {
    for (let i = 0; i < n; i++) o[i] = Math.tanh(x[i]);
  },
  sigmoid: (x, o, n) => {
    // Two branches so exp never overflows: for x < 0 use e^x / (1 + e^x).
    for (let i = 0; i < n; i++) {
      const v = x[i];
      if (v >= 0) o[i] = 1 / (1 + Math.exp(-v));
      else {
        const e = Math.exp(v);
        o[i] = e / (1 + e);
      }
    }
  },
  reciprocal: (x, o, n) => {
    for (let i = 0; i < n; i++) o[i] = 1 / x[i];
  },
  isnan: (x, o, n) => {
    for (let i = 0; i < n; i++) o[i] = Number.isNaN(x[i]) ? 1 : 0;
  },
  isfinite: (x, o, n) => {
    for (let i = 0; i < n; i++) o[i] = Number.isFinite(x[i]) ? 1 : 0;
  },
  logicalNot: (x, o, n) => {
    for (let i = 0; i < n; i++) o[i] = x[i] === 0 ? 1 : 0;
  },
} satisfies Record<string, UnaryKernel>;
